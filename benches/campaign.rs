//! Criterion benchmarks for one campaign: load, validate, render.
//! `cargo bench --bench campaign`

use std::path::PathBuf;

use collab::model::Date;
use collab::render::{self, Format, Pack};
use collab::view::{self, Outside};
use collab::{ColorWhen, Options};
use criterion::{Criterion, criterion_group, criterion_main};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/winter-fire-safety")
}

fn global() -> Options {
    Options {
        color: ColorWhen::Never,
        quiet: true,
        verbose: false,
        today: Date::parse("2026-11-24"),
    }
}

fn benches(c: &mut Criterion) {
    let dir = example();
    c.bench_function("load one campaign", |b| {
        b.iter(|| collab::load::load(&dir, &[]).map(|ws| ws.documents))
    });
    let ws = collab::load::load(&dir, &[]).expect("the example loads");
    c.bench_function("validate one campaign (loaded)", |b| {
        b.iter(|| collab::commands::check_all(&ws, &global()).findings.len())
    });
    let campaign = &ws.campaigns[0];
    let today = Date::parse("2026-11-24").expect("a date");
    let env = render::environment(Default::default());
    c.bench_function("render every pack of one campaign", |b| {
        b.iter(|| {
            let view = view::build(campaign, today, Outside::default());
            let (since, reason) = view::update::default_since(campaign, today);
            let update = view::update::build(campaign, today, since, reason);
            let mut bytes = 0;
            for pack in Pack::ALL {
                for format in [Format::Html, Format::Markdown] {
                    let rendered = match pack {
                        Pack::Update => render::render_update(&env, &view, &update, format)
                            .map(|file| vec![file]),
                        _ => render::render(&env, &view, pack, format, None),
                    };
                    if let Ok(files) = rendered {
                        bytes += files.iter().map(|(_, t)| t.len()).sum::<usize>();
                    }
                }
            }
            bytes
        })
    });
}

criterion_group!(campaign, benches);
criterion_main!(campaign);
