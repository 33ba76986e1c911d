//! `collab render`: validate, build the campaign view, render the packs
//! and write them, whole or not at all, into the output folder.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::bound;
use crate::campaign::Campaign;
use crate::cli::{PackArg, PackFormatArg, RenderArgs};
use crate::diagnostic::Finding;
use crate::discover;
use crate::error::TemplateError;
use crate::load;
use crate::model::Date;
use crate::model::config::Classification;
use crate::output::{self, Report, Style};
use crate::render::{self, Format, Pack};
use crate::rule::Rule;
use crate::rules;
use crate::view::{self, Outside, update};
use crate::{Error, Lookup, Options, Outcome};

/// `--since` and `--partner` belong to one pack each: given with another,
/// they would be silently ignored, so they are refused.
fn check_flags(args: &RenderArgs) -> Result<(), Error> {
    let with = |packs: &[PackArg]| packs.contains(&args.pack);
    if args.since.is_some() && !with(&[PackArg::Update, PackArg::All]) {
        let with = "--pack update (or --pack all)";
        return Err(Error::OnlyWith {
            flag: "--since",
            with,
        });
    }
    if args.partner.is_some() && !with(&[PackArg::Partners, PackArg::All]) {
        let with = "--pack partners (or --pack all)";
        return Err(Error::OnlyWith {
            flag: "--partner",
            with,
        });
    }
    Ok(())
}

pub fn run(cwd: &Path, opts: &Options, args: RenderArgs) -> Result<Outcome, Error> {
    if args.workspace {
        return run_directory(cwd, opts, &args);
    }
    check_flags(&args)?;
    let ws = load::load(cwd, &[])?;
    let style = super::stderr_style(cwd, opts);
    let report = super::check_all(&ws, opts);
    if super::refuse_errors(&report, &style) {
        return Ok(Outcome::Failure);
    }
    let packs: Vec<Pack> = match args.pack {
        PackArg::All => Pack::ALL.to_vec(),
        PackArg::Briefing => vec![Pack::Briefing],
        PackArg::Partner => vec![Pack::Partner],
        PackArg::Agenda => vec![Pack::Agenda],
        PackArg::Evaluation => vec![Pack::Evaluation],
        PackArg::Partners => vec![Pack::Partners],
        PackArg::Update => vec![Pack::Update],
    };
    let formats = formats(args.format);
    let several = ws.campaigns.len() > 1;
    // Campaigns render in parallel; the order of files and notes stays
    // the order of the campaigns.
    let rendered: Vec<Rendered> = ws
        .campaigns
        .par_iter()
        .map(|campaign| render_one(cwd, opts, &args, campaign, &packs, &formats, several))
        .collect::<Result<_, Error>>()?;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut notes: Vec<Finding> = Vec::new();
    for (f, n) in rendered {
        for (root, path, text) in f {
            roots.push(root);
            files.push((path, text));
        }
        notes.extend(n);
    }
    if !notes_allow_writing(notes, &style) {
        eprintln!("error: nothing was written.");
        return Ok(Outcome::Failure);
    }
    // Every pack of every campaign, or none of them.
    let batch: Vec<(&Path, &Path, &[u8])> = roots
        .iter()
        .zip(&files)
        .map(|(root, (path, text))| (root.as_path(), path.as_path(), text.as_bytes()))
        .collect();
    crate::write::write_batch(&batch)?;
    if !opts.quiet {
        say_written(cwd, &files);
    }
    Ok(Outcome::Success)
}

/// Print the notes of a render (packs held back); whether none of them is
/// an error, so the files may be written.
fn notes_allow_writing(notes: Vec<Finding>, style: &Style) -> bool {
    if notes.is_empty() {
        return true;
    }
    let report = Report {
        findings: notes,
        ..Report::default()
    };
    let quiet = Style {
        quiet: true,
        ..style.clone()
    };
    eprint!("{}", output::render(&report, output::Format::Human, &quiet));
    report.errors() == 0
}

/// "wrote 8 file(s) to out", naming the folders, or the first and last
/// when there are many.
fn say_written(cwd: &Path, files: &[(PathBuf, String)]) {
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

/// What rendering one campaign gives: the files to write, each with the
/// folder it must stay in, and any notes (a partner pack held back).
type Rendered = (Vec<(PathBuf, PathBuf, String)>, Vec<Finding>);

/// Render the chosen packs of one campaign.
fn render_one(
    cwd: &Path,
    opts: &Options,
    args: &RenderArgs,
    campaign: &Campaign,
    packs: &[Pack],
    formats: &[Format],
    several: bool,
) -> Result<Rendered, Error> {
    let mut files: Vec<(PathBuf, PathBuf, String)> = Vec::new();
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
    if let Some(f) = hold_back_public_packs(campaign, &mut packs) {
        notes.push(f);
    }
    let today = opts.campaign_today(campaign);
    let outside = outside(args, campaign, &out_dir, &packs, today);
    let view = view::build(campaign, today, outside);
    if let Some(id) = &args.meeting
        && !view.meetings.iter().any(|m| &m.id == id)
    {
        let known = view.meetings.iter().map(|m| m.id.as_str());
        return Err(Error::not_found(Lookup::MeetingInCampaign, id, known));
    }
    if let Some(id) = &args.partner
        && packs.contains(&Pack::Partners)
        && !view
            .partners
            .iter()
            .any(|p| !p.id.is_empty() && &p.id == id)
    {
        let known = view::your_part::partner_ids(&view);
        return Err(Error::not_found(Lookup::Partner, id, known));
    }
    let user = user_templates(campaign)?;
    let data = serde_json::to_vec(&view).map_or(0, |v| v.len());
    let env = render::environment_with_fuel(user, render::fuel_for(data));
    for pack in packs.iter().filter(|p| **p != Pack::Update) {
        for format in formats {
            let rendered = match pack {
                Pack::Partners => {
                    render::render_your_part(&env, &view, *format, args.partner.as_deref())?
                }
                _ => render::render(&env, &view, *pack, *format, args.meeting.as_deref())?,
            };
            for (name, text) in rendered {
                files.push((root.clone(), out_dir.join(name), text));
            }
        }
    }
    if packs.contains(&Pack::Update) {
        let dirs = (root.as_path(), out_dir.as_path());
        files.extend(update_files(
            args, campaign, &env, &view, formats, today, dirs,
        )?);
    }
    Ok((files, notes))
}

/// The public packs (the partner pack and the "your part" packs) of an
/// `OFFICIAL-SENSITIVE` campaign are not rendered: they are taken out of
/// `packs`, and the note saying so is returned (none when the rule is off).
fn hold_back_public_packs(campaign: &Campaign, packs: &mut Vec<Pack>) -> Option<Finding> {
    let public = [Pack::Partner, Pack::Partners];
    let held: Vec<Pack> = packs
        .iter()
        .copied()
        .filter(|p| public.contains(p))
        .collect();
    if held.is_empty()
        || campaign.settings().campaign().classification() != Classification::OfficialSensitive
    {
        return None;
    }
    let level = rules::level_in_force(Some(campaign), Rule::SensitivePublicPack).to_level()?;
    let what = match held.as_slice() {
        [Pack::Partner] => "its public partner pack is not rendered",
        [Pack::Partners] => "its public \"your part\" packs are not rendered",
        _ => "its public partner pack and \"your part\" packs are not rendered",
    };
    let cfg = &campaign.config;
    packs.retain(|p| !public.contains(p));
    Some(
        Finding::new(
            Rule::SensitivePublicPack,
            level,
            &cfg.file,
            cfg.info().span_of("classification"),
            format!("this campaign is {}: {what}", Classification::OfficialSensitive),
        )
        .with_help("render the internal packs only, or change the classification if the campaign is no longer sensitive"),
    )
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
fn run_directory(cwd: &Path, opts: &Options, args: &RenderArgs) -> Result<Outcome, Error> {
    let super::workspace::Indexed {
        index,
        broken,
        left_out,
        sensitive,
        ..
    } = super::workspace::index_workspace(cwd, opts, &[], args.public)?;
    if !opts.quiet {
        if !broken.is_empty() {
            eprintln!(
                "warning: {} campaign(s) have errors and are listed from what could be read: {}",
                broken.len(),
                broken.join(", ")
            );
        }
        if !left_out.is_empty() {
            eprintln!(
                "note: {} {} campaign(s) left out of the public directory: {}",
                left_out.len(),
                Classification::OfficialSensitive,
                left_out.join(", ")
            );
        }
    }
    let today = opts
        .today
        .unwrap_or_else(|| crate::options::real_today(None))
        .to_string();
    let options = render::DirectoryOptions {
        today: &today,
        classification: if sensitive {
            Classification::OfficialSensitive
        } else {
            Classification::Official
        }
        .as_str(),
        public: args.public,
    };
    let out_dir = cwd.join(args.out.as_deref().unwrap_or(Path::new("dist")));
    // The directory spans campaigns, so no campaign's own templates apply.
    let data = serde_json::to_vec(&index).map_or(0, |v| v.len());
    let env = render::environment_with_fuel(BTreeMap::new(), render::fuel_for(data));
    let mut files = Vec::new();
    for format in formats(args.format) {
        let (name, text) = render::render_directory(&env, &index, options, format)?;
        files.push((out_dir.join(name), text));
    }
    // Inside the workspace, `dist/` must be a real folder, not a link.
    crate::write::write_files(&bound(cwd, &out_dir, &out_dir), &files)?;
    if !opts.quiet {
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
        return Err(Error::TemplatesSetting {
            config: campaign.config.file.path.clone(),
            value: setting.unwrap_or_default().to_string(),
        });
    }
    let mut dir = campaign.root.clone();
    for part in relative.components() {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(TemplateError::Link(dir).into());
            }
            Ok(m) if m.is_dir() => {}
            // No folder (or a file by that name): no templates of its own.
            _ => return Ok(BTreeMap::new()),
        }
    }
    let entries = std::fs::read_dir(&dir).map_err(|source| TemplateError::Folder {
        path: dir.clone(),
        source,
    })?;
    let mut out = BTreeMap::new();
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let kind = entry.file_type().map_err(|source| TemplateError::Folder {
            path: entry.path(),
            source,
        })?;
        if !name.ends_with(".j2") || kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            return Err(TemplateError::NotFile(entry.path()).into());
        }
        out.insert(name, read_template(&entry.path())?);
    }
    Ok(out)
}

/// Read one template, refusing a file swapped for something else after it
/// was listed, or one larger than any template needs.
fn read_template(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let fail = |source: std::io::Error| TemplateError::Read {
        path: path.to_path_buf(),
        source,
    };
    let listed = std::fs::symlink_metadata(path).map_err(fail)?;
    let file = std::fs::File::open(path).map_err(fail)?;
    let opened = file.metadata().map_err(fail)?;
    if !listed.is_file() || !opened.is_file() || !same_file(&listed, &opened) {
        return Err(TemplateError::Changed(path.to_path_buf()).into());
    }
    let mut text = String::new();
    file.take(TEMPLATE_LIMIT + 1)
        .read_to_string(&mut text)
        .map_err(fail)?;
    if text.len() as u64 > TEMPLATE_LIMIT {
        return Err(TemplateError::TooLarge {
            path: path.to_path_buf(),
            limit_mb: TEMPLATE_LIMIT >> 20,
        }
        .into());
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

/// Where `render --pack update` records the days it rendered an update
/// for, one `YYYY-MM-DD` a line, inside the campaign (kept with its files,
/// unlike the output folder), so the route-map can see updates were sent.
pub const UPDATES_LOG: &str = ".collab/updates.log";

/// What the route-map reads from outside the files: a partner pack in the
/// output folder (or being rendered now), and the last update sent.
fn outside(
    args: &RenderArgs,
    campaign: &Campaign,
    out_dir: &Path,
    packs: &[Pack],
    today: Date,
) -> Outside {
    Outside {
        partner_pack_rendered: out_dir.join("partner.html").is_file()
            || out_dir.join("partner.md").is_file()
            || packs.contains(&Pack::Partner),
        last_update: if records_update(args) {
            Some(today)
        } else {
            last_update(&campaign.root, today)
        },
    }
}

/// The weekly update in each format, and the updates log with today in
/// it when the update was asked for by name.
fn update_files(
    args: &RenderArgs,
    campaign: &Campaign,
    env: &minijinja::Environment<'static>,
    view: &view::CampaignView,
    formats: &[Format],
    today: Date,
    (root, out_dir): (&Path, &Path),
) -> Result<Vec<(PathBuf, PathBuf, String)>, Error> {
    let (since, reason) = match args.since {
        Some(d) => (d, "the date asked for".to_string()),
        None => update::default_since(campaign, today),
    };
    let update = update::build(campaign, today, since, reason);
    let mut files = Vec::new();
    for format in formats {
        let (name, text) = render::render_update(env, view, &update, *format)?;
        files.push((root.to_path_buf(), out_dir.join(name), text));
    }
    if records_update(args) {
        let log = campaign.root.join(UPDATES_LOG);
        files.push((campaign.root.clone(), log, log_with(&campaign.root, today)));
    }
    Ok(files)
}

/// Whether this render sends the update and so records it: only when
/// asked for by name (`--pack update`). `--pack all` rebuilds every pack,
/// often in CI or to preview, and is not the act of sending the update.
fn records_update(args: &RenderArgs) -> bool {
    args.pack == PackArg::Update
}

/// The days in a campaign's updates log, sorted, without repeats; lines
/// that are not dates are ignored.
pub fn update_days(root: &Path) -> Vec<Date> {
    let text = std::fs::read_to_string(root.join(UPDATES_LOG)).unwrap_or_default();
    let mut days: Vec<Date> = text.lines().filter_map(|l| Date::parse(l.trim())).collect();
    days.sort();
    days.dedup();
    days
}

/// The latest day an update was rendered for, on or before `today`.
pub fn last_update(root: &Path, today: Date) -> Option<Date> {
    update_days(root).into_iter().filter(|d| *d <= today).max()
}

/// The updates log with `today` in it: the same text when it is there
/// already, so rendering twice changes nothing.
fn log_with(root: &Path, today: Date) -> String {
    let mut days = update_days(root);
    days.push(today);
    days.sort();
    days.dedup();
    days.iter().map(|d| format!("{d}\n")).collect()
}
