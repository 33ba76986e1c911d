//! Checks on `collab.toml` that the schema cannot express, made while it
//! is loaded: a known timezone, dates in order, `[lint]` keys that name
//! rules, `[routemap]` keys that name steps. Always errors.

use crate::campaign::ConfigFile;
use crate::diagnostic::{Finding, closest};
use crate::model::routemap::Step;
use crate::rule::Rule;
use crate::yaml::{Node, Value};

pub fn check_config(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    timezone(cfg, out);
    campaign_dates(cfg, out);
    blackout_dates(cfg, out);
    lint_keys(cfg, out);
    routemap_keys(cfg, out);
}

fn timezone(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    let info = cfg.info();
    if let Some(tz) = &info.timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        out.push(
            Finding::error(
                Rule::InvalidValue,
                &cfg.file,
                info.span_of("timezone"),
                format!("`{tz}` is not a known timezone"),
            )
            .with_help("use an IANA name such as Europe/London"),
        );
    }
}

fn campaign_dates(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    let info = cfg.info();
    let dates = [
        ("start", info.start),
        ("launch", info.launch),
        ("end", info.end),
    ];
    for (i, (a_name, a)) in dates.iter().enumerate() {
        for (b_name, b) in &dates[i + 1..] {
            if let (Some(a), Some(b)) = (a, b)
                && a > b
            {
                out.push(
                    Finding::error(
                        Rule::DateOrder,
                        &cfg.file,
                        info.span_of(b_name),
                        format!("the campaign's {b_name} ({b}) comes before its {a_name} ({a})"),
                    )
                    .with_related(
                        &cfg.file,
                        info.span_of(a_name),
                        format!("{a_name} is {a}"),
                    ),
                );
            }
        }
    }
}

fn blackout_dates(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    for window in cfg.blackouts() {
        if let (Some(start), Some(end)) = (window.start, window.end)
            && end < start
        {
            out.push(
                Finding::error(
                    Rule::DateOrder,
                    &cfg.file,
                    window.span_of("end"),
                    format!("this blackout window ends ({end}) before it starts ({start})"),
                )
                .with_related(&cfg.file, window.span_of("start"), "starts here"),
            );
        }
    }
}

/// Every key of `[lint]` but `options` names a rule whose level may change.
fn lint_keys(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    let Some(lint) = cfg.root.get("lint") else {
        return;
    };
    for (key, _) in map_entries(lint) {
        let Some(name) = key.as_str() else { continue };
        if name == "options" {
            continue;
        }
        match Rule::from_id(name) {
            None => out.push(
                Finding::error(
                    Rule::UnknownField,
                    &cfg.file,
                    key.span,
                    format!("`{name}` is not a rule"),
                )
                .with_help_opt(
                    Rule::closest(name)
                        .map(|s| format!("did you mean `{s}`? `collab rules` lists every rule")),
                ),
            ),
            Some(rule) if rule.is_structure() => out.push(
                Finding::error(
                    Rule::InvalidValue,
                    &cfg.file,
                    key.span,
                    format!("`{name}` is a structure rule; its level cannot be changed"),
                )
                .with_help("structure problems are always errors: fix the file instead"),
            ),
            Some(_) => {}
        }
    }
}

/// Every key of `[routemap]` names a route-map step.
fn routemap_keys(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    let Some(routemap) = cfg.root.get("routemap") else {
        return;
    };
    for (key, _) in map_entries(routemap) {
        let Some(name) = key.as_str() else { continue };
        if Step::parse(name).is_none() {
            out.push(
                Finding::error(
                    Rule::UnknownField,
                    &cfg.file,
                    key.span,
                    format!("`{name}` is not a route-map step"),
                )
                .with_help_opt(
                    closest(name, Step::KEYS.iter().copied())
                        .map(|s| format!("did you mean `{s}`?")),
                ),
            );
        }
    }
}

fn map_entries(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        _ => &[],
    }
}
