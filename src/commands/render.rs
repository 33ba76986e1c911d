//! `collab render`: validate, build the campaign view, render the packs
//! and write them, whole or not at all, into the output folder.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::{bound, output_width, real_today, use_color};
use crate::campaign::Campaign;
use crate::cli::{Global, PackArg, PackFormatArg, RenderArgs};
use crate::diagnostic::{Finding, Level};
use crate::discover;
use crate::load;
use crate::model::config::{Classification, RuleLevel};
use crate::output::{self, Report, Style};
use crate::render::{self, Format, Pack};
use crate::rules::{self, emit, output::SENSITIVE_PUBLIC_PACK};
use crate::view::{self, Outside};
use crate::yaml::Seg::Key as K;
use crate::{Error, Outcome};

pub fn run(cwd: &Path, global: &Global, args: RenderArgs) -> Result<Outcome, Error> {
    if args.workspace {
        return run_directory(cwd, global, &args);
    }
    let ws = load::load(cwd, &[])?;
    let style = Style {
        color: use_color(global) && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        width: output_width(),
        quiet: global.quiet,
        paths: output::Bases::here(cwd),
    };
    let report = super::check_all(&ws, global);
    if report.errors() > 0 {
        eprint!("{}", output::render(&report, output::Format::Human, &style));
        eprintln!("error: the campaign has errors; fix them first. Nothing was written.");
        return Ok(Outcome::Failure);
    }
    let packs: Vec<Pack> = match args.pack {
        PackArg::All => Pack::ALL.to_vec(),
        PackArg::Briefing => vec![Pack::Briefing],
        PackArg::Partner => vec![Pack::Partner],
        PackArg::Agenda => vec![Pack::Agenda],
        PackArg::Evaluation => vec![Pack::Evaluation],
    };
    let formats = formats(args.format);
    let several = ws.campaigns.len() > 1;
    // Campaigns render in parallel; the order of files and notes stays
    // the order of the campaigns.
    let rendered: Vec<Rendered> = ws
        .campaigns
        .par_iter()
        .map(|campaign| render_one(cwd, global, &args, campaign, &packs, &formats, several))
        .collect::<Result<_, Error>>()?;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut notes: Vec<Finding> = Vec::new();
    for (root, f, n) in rendered {
        roots.extend(f.iter().map(|_| root.clone()));
        files.extend(f);
        notes.extend(n);
    }
    if !notes.is_empty() {
        let note_report = Report {
            findings: notes,
            ..Report::default()
        };
        eprint!(
            "{}",
            output::render(
                &note_report,
                output::Format::Human,
                &Style {
                    quiet: true,
                    ..style.clone()
                }
            )
        );
        if note_report.errors() > 0 {
            eprintln!("error: nothing was written.");
            return Ok(Outcome::Failure);
        }
    }
    // Every pack of every campaign, or none of them.
    let batch: Vec<(&Path, &Path, &[u8])> = roots
        .iter()
        .zip(&files)
        .map(|(root, (path, text))| (root.as_path(), path.as_path(), text.as_bytes()))
        .collect();
    crate::write::write_batch(&batch)?;
    if !global.quiet {
        let mut dirs: Vec<String> = files
            .iter()
            .filter_map(|(p, _)| p.parent())
            .map(|d| crate::discover::display_path(d, cwd))
            .collect();
        dirs.sort();
        dirs.dedup();
        match dirs.as_slice() {
            [one] => eprintln!("wrote {} file(s) to {one}", files.len()),
            [first, .., last] if dirs.len() > 4 => eprintln!(
                "wrote {} file(s) to {} folders, {first} to {last}",
                files.len(),
                dirs.len()
            ),
            _ => eprintln!("wrote {} file(s) to {}", files.len(), dirs.join(", ")),
        }
    }
    Ok(Outcome::Success)
}

/// What rendering one campaign gives: the folder its files must stay in,
/// the files to write and any notes (a partner pack held back).
type Rendered = (PathBuf, Vec<(PathBuf, String)>, Vec<Finding>);

/// Render the chosen packs of one campaign.
fn render_one(
    cwd: &Path,
    global: &Global,
    args: &RenderArgs,
    campaign: &Campaign,
    packs: &[Pack],
    formats: &[Format],
    several: bool,
) -> Result<Rendered, Error> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut notes: Vec<Finding> = Vec::new();
    let out_dir = match &args.out {
        Some(dir) if several => cwd.join(dir).join(campaign_id(campaign)),
        Some(dir) => cwd.join(dir),
        None => campaign.root.join(campaign.settings().out_dir()),
    };
    // An `out_dir` from collab.toml must stay inside the campaign; a folder
    // named with --out is bounded by the working folder when it is inside
    // it, and is the user's own choice when it is not.
    let root = match &args.out {
        Some(dir) => bound(cwd, &cwd.join(dir), &cwd.join(dir)),
        None => campaign.root.clone(),
    };
    super::check_inside(&root, &out_dir)?;
    let mut packs = packs.to_vec();
    if packs.contains(&Pack::Partner)
        && campaign.settings().campaign().classification() == Classification::OfficialSensitive
    {
        let level = rules::levels_in_force(Some(campaign))
            .get(SENSITIVE_PUBLIC_PACK)
            .copied()
            .unwrap_or(RuleLevel::Deny);
        if level != RuleLevel::Allow {
            let cfg = &campaign.config;
            let mut f = emit(
                SENSITIVE_PUBLIC_PACK,
                &cfg.file,
                cfg.span(&[K("campaign"), K("classification")]),
                "this campaign is OFFICIAL-SENSITIVE: its public partner pack is not rendered",
            )
            .with_help("render the internal packs only, or change the classification if the campaign is no longer sensitive");
            if level == RuleLevel::Warn {
                f.level = Level::Warning;
            }
            notes.push(f);
            packs.retain(|p| *p != Pack::Partner);
        }
    }
    let today = super::campaign_today(global, campaign);
    let outside = Outside {
        partner_pack_rendered: out_dir.join("partner.html").is_file()
            || out_dir.join("partner.md").is_file()
            || packs.contains(&Pack::Partner),
    };
    let view = view::build(campaign, today, outside);
    if let Some(id) = &args.meeting
        && !view.meetings.iter().any(|m| &m.id == id)
    {
        let known: Vec<&str> = view.meetings.iter().map(|m| m.id.as_str()).collect();
        let hint = crate::diagnostic::closest(id, known.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "no meeting `{id}` in this campaign{hint}"
        )));
    }
    let user = user_templates(campaign)?;
    let data = serde_json::to_vec(&view).map_or(0, |v| v.len());
    let env = render::environment_with_fuel(user, render::fuel_for(data));
    for pack in &packs {
        for format in formats {
            let rendered = render::render(&env, &view, *pack, *format, args.meeting.as_deref())
                .map_err(|e| Error::Failed(e.to_string()))?;
            for (name, text) in rendered {
                files.push((out_dir.join(name), text));
            }
        }
    }
    Ok((root, files, notes))
}

fn formats(arg: PackFormatArg) -> Vec<Format> {
    match arg {
        PackFormatArg::All => vec![Format::Html, Format::Markdown],
        PackFormatArg::Html => vec![Format::Html],
        PackFormatArg::Md => vec![Format::Markdown],
    }
}

/// `collab render --workspace`: the directory of every campaign below the
/// folder collab runs in, written to `--out` or `dist/` there. Campaigns
/// with errors are listed from what could be read, as `collab index` does;
/// `--public` leaves out contact details and OFFICIAL-SENSITIVE campaigns.
fn run_directory(cwd: &Path, global: &Global, args: &RenderArgs) -> Result<Outcome, Error> {
    let super::workspace::Indexed {
        index,
        broken,
        left_out,
        sensitive,
        ..
    } = super::workspace::index_workspace(cwd, global, &[], args.public)?;
    if !global.quiet {
        if !broken.is_empty() {
            eprintln!(
                "warning: {} campaign(s) have errors and are listed from what could be read: {}",
                broken.len(),
                broken.join(", ")
            );
        }
        if !left_out.is_empty() {
            eprintln!(
                "note: {} OFFICIAL-SENSITIVE campaign(s) left out of the public directory: {}",
                left_out.len(),
                left_out.join(", ")
            );
        }
    }
    let today = global.today.unwrap_or_else(|| real_today(None)).to_string();
    let options = render::DirectoryOptions {
        today: &today,
        classification: if sensitive {
            "OFFICIAL-SENSITIVE"
        } else {
            "OFFICIAL"
        },
        public: args.public,
    };
    let out_dir = cwd.join(args.out.as_deref().unwrap_or(Path::new("dist")));
    // The directory spans campaigns, so no campaign's own templates apply.
    let data = serde_json::to_vec(&index).map_or(0, |v| v.len());
    let env = render::environment_with_fuel(BTreeMap::new(), render::fuel_for(data));
    let mut files = Vec::new();
    for format in formats(args.format) {
        let (name, text) = render::render_directory(&env, &index, options, format)
            .map_err(|e| Error::Failed(e.to_string()))?;
        files.push((out_dir.join(name), text));
    }
    // Inside the workspace, `dist/` must be a real folder, not a link.
    crate::write::write_files(&bound(cwd, &out_dir, &out_dir), &files)?;
    if !global.quiet {
        eprintln!(
            "wrote {} file(s) to {}: {} campaign(s), {} people",
            files.len(),
            discover::display_path(&out_dir, cwd),
            index.campaigns.len(),
            index.people.len()
        );
    }
    Ok(Outcome::Success)
}

fn campaign_id(c: &Campaign) -> String {
    c.settings()
        .campaign()
        .id
        .as_ref()
        .map(|i| i.to_string())
        .unwrap_or_else(|| "campaign".into())
}

/// The most a campaign's template file may hold.
const TEMPLATE_LIMIT: u64 = 1 << 20;

/// The campaign's own templates (`[render] templates`, default
/// `templates/`), by file name. The folder must be inside the campaign and
/// reached through no symbolic link; each template must be a regular file
/// there, not a link, so a repository cannot render a file from outside it
/// into a pack.
fn user_templates(campaign: &Campaign) -> Result<BTreeMap<String, String>, Error> {
    let setting = campaign
        .settings()
        .render
        .as_ref()
        .and_then(|r| r.templates.as_deref());
    let relative = Path::new(setting.unwrap_or("templates"));
    let inside = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside || setting.is_some_and(|s| s.trim().is_empty()) {
        return Err(Error::Usage(format!(
            "{}: `[render] templates = {:?}` must name a folder inside the campaign, \
             such as \"templates\"",
            campaign.config.file.path.display(),
            setting.unwrap_or_default()
        )));
    }
    let mut dir = campaign.root.clone();
    for part in relative.components() {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::Failed(format!(
                    "{} is a symbolic link; templates must be files inside the campaign",
                    dir.display()
                )));
            }
            Ok(m) if m.is_dir() => {}
            // No folder (or a file by that name): no templates of its own.
            _ => return Ok(BTreeMap::new()),
        }
    }
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| Error::Failed(format!("could not read {}: {e}", dir.display())))?;
    let mut out = BTreeMap::new();
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let kind = entry.file_type().map_err(|e| {
            Error::Failed(format!("could not read {}: {e}", entry.path().display()))
        })?;
        if !name.ends_with(".j2") || kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            return Err(Error::Failed(format!(
                "template {} is not a regular file (a symbolic link?); templates must be files \
                 inside the campaign",
                entry.path().display()
            )));
        }
        out.insert(name, read_template(&entry.path())?);
    }
    Ok(out)
}

/// Read one template, refusing a file swapped for something else after it
/// was listed, or one larger than any template needs.
fn read_template(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let fail = |e: std::io::Error| {
        Error::Failed(format!("could not read template {}: {e}", path.display()))
    };
    let listed = std::fs::symlink_metadata(path).map_err(fail)?;
    let file = std::fs::File::open(path).map_err(fail)?;
    let opened = file.metadata().map_err(fail)?;
    if !listed.is_file() || !opened.is_file() || !same_file(&listed, &opened) {
        return Err(Error::Failed(format!(
            "template {} changed while it was read, or is not a regular file",
            path.display()
        )));
    }
    let mut text = String::new();
    file.take(TEMPLATE_LIMIT + 1)
        .read_to_string(&mut text)
        .map_err(fail)?;
    if text.len() as u64 > TEMPLATE_LIMIT {
        return Err(Error::Failed(format!(
            "template {} is larger than {} MB",
            path.display(),
            TEMPLATE_LIMIT >> 20
        )));
    }
    Ok(text)
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}
