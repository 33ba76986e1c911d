//! `collab config`: the settings in force here and where each came from
//! (collab.toml and its line, an environment variable, a flag, or the
//! built-in default).

use std::path::Path;

use serde::Serialize;

use super::print_stdout;
use crate::campaign::ConfigFile;
use crate::cli::{ConfigArgs, StatusFormat};
use crate::discover;
use crate::load;
use crate::yaml::{Node, Seg};
use crate::{ColorWhen, Error, Options, Outcome};

#[derive(Debug, Serialize)]
struct Setting {
    key: String,
    value: String,
    source: String,
}

impl Setting {
    fn new(key: impl Into<String>, value: impl Into<String>, source: impl Into<String>) -> Self {
        Setting {
            key: key.into(),
            value: value.into(),
            source: source.into(),
        }
    }
}

pub fn run(cwd: &Path, opts: &Options, args: ConfigArgs) -> Result<Outcome, Error> {
    let root = discover::find_campaign_root(cwd);
    let cfg = match &root {
        Some(root) => Some(read_config(root)?),
        None => None,
    };
    let mut settings = Vec::new();
    if let Some(root) = &root {
        settings.push(Setting::new(
            "campaign folder",
            discover::display_path(root, cwd),
            "nearest collab.toml",
        ));
    }
    if let Some(cfg) = &cfg {
        settings.extend(file_settings(cwd, cfg));
    }
    settings.extend(lint_levels(cwd, cfg.as_ref()));
    settings.extend(run_settings(opts, cfg.as_ref()));
    match args.format {
        StatusFormat::Json => {
            let mut s = serde_json::to_string_pretty(&settings).unwrap_or_default();
            s.push('\n');
            print_stdout(&s)?;
        }
        StatusFormat::Human => super::print_terminal(&human(&settings, root.is_none()))?,
    }
    Ok(Outcome::Success)
}

/// The campaign's collab.toml, or why it could not be read.
fn read_config(root: &Path) -> Result<ConfigFile, Error> {
    let (cfg, findings) = load::load_config(root);
    cfg.ok_or_else(|| Error::SettingsUnreadable {
        why: Some(
            findings
                .first()
                .map(|f| f.message.clone())
                .unwrap_or_default(),
        ),
    })
}

/// The settings collab.toml gives (or their defaults), each with the line
/// it is written on.
fn file_settings(cwd: &Path, cfg: &ConfigFile) -> Vec<Setting> {
    let info = cfg.config.campaign();
    let text = |v: Option<String>| v.unwrap_or_else(|| "(not set)".into());
    let date = |d: Option<crate::model::Date>| text(d.map(|d| d.to_string()));
    let templates = cfg.config.render.as_ref().and_then(|r| r.templates.clone());
    let weeks = cfg.config.lint.as_ref().and_then(|l| l.options.as_ref());
    let weeks = weeks.and_then(|o| o.engagement_weeks).unwrap_or(8);
    let values: [(&str, String); 14] = [
        ("campaign.id", text(info.id.as_ref().map(|i| i.to_string()))),
        ("campaign.name", text(info.name.clone())),
        (
            "campaign.framework",
            text(info.framework.map(|f| f.to_string())),
        ),
        (
            "campaign.lead",
            text(info.lead.as_ref().map(|l| l.to_string())),
        ),
        ("campaign.classification", info.classification().to_string()),
        ("campaign.start", date(info.start)),
        ("campaign.launch", date(info.launch)),
        ("campaign.end", date(info.end)),
        ("campaign.timezone", info.timezone().into()),
        ("render.out_dir", cfg.config.out_dir().into()),
        (
            "render.templates",
            templates.unwrap_or_else(|| "templates".into()),
        ),
        ("exclude", format!("{:?}", cfg.config.exclude)),
        (
            "blackout",
            format!("{} window(s)", cfg.config.blackout.len()),
        ),
        ("lint.options.engagement_weeks", weeks.to_string()),
    ];
    values
        .into_iter()
        .map(|(key, value)| {
            let path: Vec<Seg<'_>> = key.split('.').map(Seg::Key).collect();
            Setting::new(key, value, source_of(cwd, cfg, &path))
        })
        .collect()
}

/// The level of every rule, and where it was set.
fn lint_levels(cwd: &Path, cfg: Option<&ConfigFile>) -> Vec<Setting> {
    let configured = cfg.and_then(|c| c.config.lint.as_ref()).map(|l| &l.levels);
    crate::rule::catalogue()
        .filter(|r| !r.is_structure())
        .map(|rule| {
            let (level, source) = match configured.and_then(|c| c.get(rule.id)) {
                Some(level) => (
                    level.as_str(),
                    cfg.map_or_else(
                        || "default".into(),
                        |c| source_of(cwd, c, &[Seg::Key("lint"), Seg::Key(rule.id)]),
                    ),
                ),
                None => (rule.default.as_str(), "default".to_string()),
            };
            Setting::new(format!("lint.{}", rule.id), level, source)
        })
        .collect()
}

/// Today, the output format and colour, from flags, the environment or
/// the defaults.
fn run_settings(opts: &Options, cfg: Option<&ConfigFile>) -> Vec<Setting> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let today_source = match (&opts.today, env("COLLAB_TODAY")) {
        (Some(_), Some(_)) if !std::env::args().any(|a| a.starts_with("--today")) => "COLLAB_TODAY",
        (Some(_), _) => "--today",
        (None, _) => "system clock",
    };
    let tz = cfg.map(|c| c.config.campaign().timezone().to_string());
    let today = opts.today_in(tz.as_deref());
    let (format, format_source) = match env("COLLAB_FORMAT") {
        Some(f) => (f, "COLLAB_FORMAT".to_string()),
        None if env("GITHUB_ACTIONS").as_deref() == Some("true") => (
            "github (in GitHub Actions, when not a terminal)".into(),
            "GITHUB_ACTIONS".into(),
        ),
        None => ("human".into(), "default".into()),
    };
    let color_source = if env("NO_COLOR").is_some() && opts.color == ColorWhen::Auto {
        "NO_COLOR (no colour)"
    } else if env("COLLAB_COLOR").is_some() {
        "COLLAB_COLOR"
    } else if std::env::args().any(|a| a.starts_with("--color")) {
        "--color"
    } else {
        "default"
    };
    vec![
        Setting::new("today", today.to_string(), today_source),
        Setting::new("validate --format", format, format_source),
        Setting::new("color", opts.color.as_str(), color_source),
    ]
}

/// The settings as aligned `key  value  # source` lines.
fn human(settings: &[Setting], no_campaign: bool) -> String {
    let width = settings.iter().map(|s| s.key.len()).max().unwrap_or(0);
    let vwidth = settings
        .iter()
        .map(|s| s.value.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let mut out = String::new();
    if no_campaign {
        out.push_str("# no collab.toml here or above: showing defaults\n");
    }
    for s in settings {
        out.push_str(&format!(
            "{:<width$}  {:<vwidth$}  # {}\n",
            s.key, s.value, s.source
        ));
    }
    out
}

/// `collab.toml:LINE` when the key is written there, else `default`.
fn source_of(cwd: &Path, cfg: &ConfigFile, path: &[Seg<'_>]) -> String {
    let found: Option<&Node> = cfg.root.at(path);
    match (found, cfg.root.key_span_at(path)) {
        (Some(_), Some(span)) => {
            let at = cfg.file.source.line_col(span.start);
            format!("{}:{}", cfg.file.relative_to(cwd), at.line)
        }
        _ => "default".into(),
    }
}
