//! `collab config`: the settings in force here and where each came from
//! (collab.toml and its line, an environment variable, a flag, or the
//! built-in default).

use std::path::Path;

use serde::Serialize;

use super::print_stdout;
use crate::campaign::ConfigFile;
use crate::cli::{ColorChoice, ConfigArgs, Global, StatusFormat};
use crate::discover;
use crate::load;
use crate::rules;
use crate::yaml::{Node, Seg};
use crate::{Error, Outcome};

#[derive(Debug, Serialize)]
struct Setting {
    key: String,
    value: String,
    source: String,
}

pub fn run(cwd: &Path, global: &Global, args: ConfigArgs) -> Result<Outcome, Error> {
    let mut settings = Vec::new();
    let root = discover::find_campaign_root(cwd);
    let cfg = match &root {
        Some(root) => {
            let (cfg, findings) = load::load_config(root);
            if cfg.is_none() {
                let why = findings
                    .first()
                    .map(|f| f.message.clone())
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "collab.toml could not be read: {why}"
                )));
            }
            cfg
        }
        None => None,
    };
    let push = |settings: &mut Vec<Setting>, key: &str, value: String, source: String| {
        settings.push(Setting {
            key: key.to_string(),
            value,
            source,
        });
    };
    if let Some(root) = &root {
        push(
            &mut settings,
            "campaign folder",
            discover::display_path(root, cwd),
            "nearest collab.toml".into(),
        );
    }
    if let Some(cfg) = &cfg {
        let info = cfg.config.campaign();
        let here = |path: &[Seg<'_>]| source_of(cwd, cfg, path);
        let text = |v: Option<String>| v.unwrap_or_else(|| "(not set)".into());
        push(
            &mut settings,
            "campaign.id",
            text(info.id.as_ref().map(|i| i.to_string())),
            here(&[Seg::Key("campaign"), Seg::Key("id")]),
        );
        push(
            &mut settings,
            "campaign.name",
            text(info.name.clone()),
            here(&[Seg::Key("campaign"), Seg::Key("name")]),
        );
        push(
            &mut settings,
            "campaign.framework",
            text(info.framework.map(|f| f.to_string())),
            here(&[Seg::Key("campaign"), Seg::Key("framework")]),
        );
        push(
            &mut settings,
            "campaign.lead",
            text(info.lead.as_ref().map(|l| l.to_string())),
            here(&[Seg::Key("campaign"), Seg::Key("lead")]),
        );
        let class = match info.classification() {
            crate::model::config::Classification::Official => "OFFICIAL",
            crate::model::config::Classification::OfficialSensitive => "OFFICIAL-SENSITIVE",
        };
        push(
            &mut settings,
            "campaign.classification",
            class.into(),
            here(&[Seg::Key("campaign"), Seg::Key("classification")]),
        );
        for key in ["start", "launch", "end"] {
            let value = match key {
                "start" => info.start,
                "launch" => info.launch,
                _ => info.end,
            };
            push(
                &mut settings,
                &format!("campaign.{key}"),
                text(value.map(|d| d.to_string())),
                here(&[Seg::Key("campaign"), Seg::Key(key)]),
            );
        }
        push(
            &mut settings,
            "campaign.timezone",
            info.timezone().into(),
            here(&[Seg::Key("campaign"), Seg::Key("timezone")]),
        );
        push(
            &mut settings,
            "render.out_dir",
            cfg.config.out_dir().into(),
            here(&[Seg::Key("render"), Seg::Key("out_dir")]),
        );
        let templates = cfg
            .config
            .render
            .as_ref()
            .and_then(|r| r.templates.clone())
            .unwrap_or_else(|| "templates".into());
        push(
            &mut settings,
            "render.templates",
            templates,
            here(&[Seg::Key("render"), Seg::Key("templates")]),
        );
        push(
            &mut settings,
            "exclude",
            format!("{:?}", cfg.config.exclude),
            here(&[Seg::Key("exclude")]),
        );
        push(
            &mut settings,
            "blackout",
            format!("{} window(s)", cfg.config.blackout.len()),
            here(&[Seg::Key("blackout")]),
        );
        let weeks = cfg
            .config
            .lint
            .as_ref()
            .and_then(|l| l.options.as_ref())
            .and_then(|o| o.engagement_weeks)
            .unwrap_or(8);
        push(
            &mut settings,
            "lint.options.engagement_weeks",
            weeks.to_string(),
            here(&[
                Seg::Key("lint"),
                Seg::Key("options"),
                Seg::Key("engagement_weeks"),
            ]),
        );
    }
    let configured = cfg
        .as_ref()
        .and_then(|c| c.config.lint.as_ref())
        .map(|l| &l.levels);
    for rule in rules::catalogue().filter(|r| !r.is_structure()) {
        let (level, source) = match configured.and_then(|c| c.get(rule.id)) {
            Some(level) => (
                level.as_str(),
                cfg.as_ref().map_or_else(
                    || "default".into(),
                    |c| source_of(cwd, c, &[Seg::Key("lint"), Seg::Key(rule.id)]),
                ),
            ),
            None => (rule.default.as_str(), "default".to_string()),
        };
        push(
            &mut settings,
            &format!("lint.{}", rule.id),
            level.into(),
            source,
        );
    }
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let today_source = match (&global.today, env("COLLAB_TODAY")) {
        (Some(_), Some(_)) if !std::env::args().any(|a| a.starts_with("--today")) => {
            "COLLAB_TODAY".to_string()
        }
        (Some(_), _) => "--today".to_string(),
        (None, _) => "system clock".to_string(),
    };
    let tz = cfg
        .as_ref()
        .map(|c| c.config.campaign().timezone().to_string());
    let today = super::today(global, tz.as_deref());
    push(&mut settings, "today", today.to_string(), today_source);
    let (format, format_source) = match env("COLLAB_FORMAT") {
        Some(f) => (f, "COLLAB_FORMAT".to_string()),
        None if env("GITHUB_ACTIONS").as_deref() == Some("true") => (
            "github (in GitHub Actions, when not a terminal)".into(),
            "GITHUB_ACTIONS".into(),
        ),
        None => ("human".into(), "default".into()),
    };
    push(&mut settings, "validate --format", format, format_source);
    let color = match global.color {
        ColorChoice::Auto => "auto",
        ColorChoice::Always => "always",
        ColorChoice::Never => "never",
    };
    let color_source = if env("NO_COLOR").is_some() && global.color == ColorChoice::Auto {
        "NO_COLOR (no colour)".to_string()
    } else if env("COLLAB_COLOR").is_some() {
        "COLLAB_COLOR".into()
    } else if std::env::args().any(|a| a.starts_with("--color")) {
        "--color".into()
    } else {
        "default".into()
    };
    push(&mut settings, "color", color.into(), color_source);

    let text = match args.format {
        StatusFormat::Json => {
            let mut s = serde_json::to_string_pretty(&settings).unwrap_or_default();
            s.push('\n');
            s
        }
        StatusFormat::Human => {
            let width = settings.iter().map(|s| s.key.len()).max().unwrap_or(0);
            let vwidth = settings
                .iter()
                .map(|s| s.value.chars().count())
                .max()
                .unwrap_or(0)
                .min(40);
            let mut out = String::new();
            if root.is_none() {
                out.push_str("# no collab.toml here or above: showing defaults\n");
            }
            for s in &settings {
                out.push_str(&format!(
                    "{:<width$}  {:<vwidth$}  # {}\n",
                    s.key, s.value, s.source
                ));
            }
            out
        }
    };
    match args.format {
        StatusFormat::Json => print_stdout(&text)?,
        StatusFormat::Human => super::print_terminal(&text)?,
    }
    Ok(Outcome::Success)
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
