//! Entry points for the fuzz targets in `fuzz/` and their regression tests
//! in `tests/fuzz.rs`: each takes bytes, drives one whole path through the
//! library with no file system, and must return without panicking whatever
//! the bytes are. Pure, like the rest of the core.

use std::path::Path;

use minijinja::Environment;

use crate::diagnostic::SourceFile;
use crate::load::{Workspace, campaign_from_texts, parse_yaml_file};
use crate::model::{Date, Framework};
use crate::output::{self, Style};
use crate::render::{self, Format, Pack};
use crate::view::{self, Outside};
use crate::workspace_check::{Filter, check_workspace};

/// The line that separates a `collab.toml` from the YAML in a render case.
pub const CONFIG_SEPARATOR: &str = "\n#== collab.toml above, YAML below ==#\n";

/// A fixed "today", so a case behaves the same on every run.
const TODAY: &str = "2026-11-24";

/// Where the campaign of a case seems to live.
const ROOT: &str = "/fuzz/campaign";

/// The campaign a fuzzed file is dropped into: its `collab.toml` and the
/// other files, as (path, text).
#[derive(Debug, Clone, Copy)]
pub struct Setting<'a> {
    pub config: &'a str,
    pub files: &'a [(&'a str, &'a str)],
}

/// A setting loaded once, with the template environment, so each case
/// only pays for its own bytes.
#[derive(Debug)]
pub struct Prepared {
    config: String,
    workspace: Workspace,
    env: Environment<'static>,
}

/// Load a setting for the entry points below.
pub fn prepare(setting: Setting<'_>) -> Prepared {
    Prepared {
        config: setting.config.to_string(),
        workspace: campaign_from_texts(Path::new(ROOT), setting.config, setting.files),
        env: render::environment(Default::default()),
    }
}

fn today() -> Date {
    Date::parse(TODAY).expect("TODAY is a valid date")
}

/// The prepared campaign with `text` as the file `name` (replacing the
/// file of that name if the setting has one).
fn with_file(prepared: &Prepared, name: &str, text: &str) -> Workspace {
    let mut ws = prepared.workspace.clone();
    let path = Path::new(ROOT).join(name);
    let result = parse_yaml_file(
        SourceFile::new(name.to_string(), path.clone(), text.to_string()),
        false,
    );
    ws.findings.retain(|f| f.file.path != path);
    ws.findings.extend(result.findings);
    if let Some(campaign) = ws.campaigns.first_mut() {
        let before = campaign.documents.len();
        campaign.documents.retain(|d| d.file.path != path);
        ws.documents -= before - campaign.documents.len();
        ws.documents += result.documents.len();
        campaign.incomplete |= result.broken;
        campaign.documents.extend(result.documents);
    }
    ws
}

fn check(ws: &Workspace) -> crate::output::Report {
    check_workspace(
        ws,
        &Filter {
            today: Some(today()),
            ..Filter::default()
        },
    )
}

/// Load + validate: the bytes are one YAML file of the campaign (taking
/// the place of `plan.yaml` when they hold a plan, else added beside the
/// rest). Every check runs and the findings are printed in every output
/// format; the file is also put through `convert` both ways.
/// Returns the number of findings.
pub fn validate_file(prepared: &Prepared, data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    let name = if text.contains("kind: plan") {
        "plan.yaml"
    } else {
        "fuzzed.yaml"
    };
    let ws = with_file(prepared, name, &text);
    let report = check(&ws);
    let style = Style {
        color: false,
        width: 80,
        quiet: false,
        hints: true,
        paths: output::Bases::here(Path::new(ROOT)),
    };
    for format in [
        output::Format::Human,
        output::Format::Json,
        output::Format::Github,
        output::Format::Sarif,
        output::Format::Junit,
        output::Format::Concise,
        output::Format::Codeclimate,
    ] {
        std::hint::black_box(output::render(&report, format, &style));
    }
    for to in [Framework::Oasis, Framework::Rosie] {
        let _ = std::hint::black_box(crate::convert::convert(&text, to));
    }
    report.findings.len()
}

/// Render: the bytes are a whole campaign, its `collab.toml`, then
/// [`CONFIG_SEPARATOR`], then all its YAML documents as one stream (or
/// only the stream, with the setting's `collab.toml`). The campaign is
/// validated, then every pack is rendered in both formats, with the status
/// table and the calendar, whether or not it has errors: the view must
/// cope with anything the loader lets through. Returns the bytes rendered,
/// or why a pack of a campaign with no errors failed to render (which
/// `collab render` would report as a failure, so it is a bug).
pub fn render_campaign(prepared: &Prepared, data: &[u8]) -> Result<usize, String> {
    let text = String::from_utf8_lossy(data);
    let (config, yaml) = match text.split_once(CONFIG_SEPARATOR) {
        Some((config, yaml)) => (config, yaml),
        None => (prepared.config.as_str(), text.as_ref()),
    };
    let ws = campaign_from_texts(Path::new(ROOT), config, &[("campaign.yaml", yaml)]);
    let today = today();
    let clean = check(&ws).errors() == 0;
    let mut bytes = 0;
    for campaign in &ws.campaigns {
        let view = view::build(campaign, today, Outside::default());
        let (since, reason) = view::update::default_since(campaign, today);
        let update = view::update::build(campaign, today, since, reason);
        for pack in Pack::ALL {
            for format in [Format::Html, Format::Markdown] {
                let rendered = match pack {
                    Pack::Update => render::render_update(&prepared.env, &view, &update, format)
                        .map(|file| vec![file]),
                    _ => render::render(&prepared.env, &view, pack, format, None),
                };
                match rendered {
                    Ok(files) => bytes += files.iter().map(|(_, t)| t.len()).sum::<usize>(),
                    Err(e) if clean => return Err(format!("{pack:?} {format:?}: {e}")),
                    Err(_) => {}
                }
            }
        }
        let screen = crate::view::status::Screen {
            terminal: false,
            width: Some(80),
        };
        bytes += crate::view::status::human(&view, screen).len();
    }
    let campaigns: Vec<_> = ws.campaigns.iter().map(|c| (c, today)).collect();
    bytes += crate::calendar::calendar(&campaigns).len();
    Ok(bytes)
}

/// Edit: the bytes are one YAML file. Each edit the `new`, `log` and
/// `action` commands make is tried on its first document: appending an item
/// to `partners`, `metrics`, `implementation.activities`,
/// `implementation.milestones`, `metrics[0].actuals` and `actions`, and
/// setting `actions[0].status`. When the file was valid YAML and an edit
/// is made, the result must be valid YAML too, with the new item last in
/// its list (or the new value in place). Returns the number of edits made,
/// or what went wrong.
pub fn edit_file(data: &[u8]) -> Result<usize, String> {
    use crate::edit::{YValue, append_item, set_value};
    use crate::source::SourceText;
    use crate::yaml::{Seg::Index as I, Seg::Key as K, parse};

    let text = String::from_utf8_lossy(data).into_owned();
    let parsed = parse(&SourceText::new(text.clone()));
    let Some(doc) = parsed.docs.first() else {
        return Ok(0);
    };
    let valid = parsed.error.is_none();
    let item = vec![
        ("id".to_string(), YValue::plain("fuzz-item")),
        ("title".to_string(), YValue::text("A: new # item, 'quoted'")),
        ("due".to_string(), YValue::plain("2026-12-01")),
    ];
    let lists: [&[crate::yaml::Seg<'_>]; 6] = [
        &[K("partners")],
        &[K("metrics")],
        &[K("implementation"), K("activities")],
        &[K("implementation"), K("milestones")],
        &[K("metrics"), I(0), K("actuals")],
        &[K("actions")],
    ];
    let mut made = 0;
    for path in lists {
        let Ok(splice) = append_item(&text, &doc.root, path, &item) else {
            continue;
        };
        made += 1;
        let edited = splice.apply(&text);
        if !valid {
            continue;
        }
        let again = parse(&SourceText::new(edited.clone()));
        if let Some(e) = again.error {
            return Err(format!(
                "{path:?}: the edit broke the YAML: {}\n{edited}",
                e.message
            ));
        }
        let last = again
            .docs
            .first()
            .and_then(|d| d.root.at(path))
            .and_then(|list| match &list.value {
                crate::yaml::Value::Seq(items) => items.last(),
                _ => None,
            })
            .and_then(|last| last.get("id"))
            .and_then(|id| id.as_str());
        if last != Some("fuzz-item") {
            return Err(format!(
                "{path:?}: the new item is not last in its list\n{edited}"
            ));
        }
    }
    let status = [K("actions"), I(0), K("status")];
    if let Ok(splice) = set_value(&text, &doc.root, &status, &YValue::plain("done")) {
        made += 1;
        let edited = splice.apply(&text);
        if valid {
            let again = parse(&SourceText::new(edited.clone()));
            let value = again
                .docs
                .first()
                .and_then(|d| d.root.at(&status))
                .and_then(|n| n.as_str());
            if again.error.is_some() || value != Some("done") {
                return Err(format!("{status:?}: the status was not set\n{edited}"));
            }
        }
    }
    Ok(made)
}
