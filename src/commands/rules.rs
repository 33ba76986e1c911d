//! `collab rules` and `collab explain`: the rule catalogue, with the level
//! each rule has in the campaign here.

use std::fmt::Write as _;
use std::path::Path;

use super::print_stdout;
use crate::cli::{ExplainArgs, RulesArgs, RulesFormat};
use crate::load;
use crate::model::config::RuleLevel;
use crate::rule::{Family, GUARANTEES, Rule, RuleInfo, catalogue};
use crate::rules;
use crate::{Error, Lookup, Outcome};

pub fn run_rules(cwd: &Path, args: RulesArgs) -> Result<Outcome, Error> {
    let levels = match args.format {
        // The reference page shows defaults, whatever folder it is made in.
        RulesFormat::Markdown => rules::levels_in_force(None),
        _ => campaign_levels(cwd),
    };
    let text = match args.format {
        RulesFormat::Human => table(&levels),
        RulesFormat::Json => json(&levels),
        RulesFormat::Markdown => markdown(),
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}

pub fn run_explain(cwd: &Path, args: ExplainArgs) -> Result<Outcome, Error> {
    if let Some(g) = GUARANTEES.iter().find(|g| g.id == args.rule) {
        print_stdout(g.explanation)?;
        return Ok(Outcome::Success);
    }
    let rule = match args.rule.parse::<Rule>() {
        Ok(rule) => rule.info(),
        Err(_) => {
            let ids = Rule::ALL.iter().map(|r| r.id());
            return Err(Error::not_found(Lookup::RuleToExplain, &args.rule, ids));
        }
    };
    let levels = campaign_levels(cwd);
    let in_force = levels.get(&rule.rule).copied().unwrap_or(rule.default);
    let mut out = String::new();
    let _ = writeln!(out, "{}  ({} rule)", rule.id, rule.family.as_str());
    let _ = writeln!(out, "{}", level_line(rule, in_force));
    let _ = writeln!(out);
    let _ = writeln!(out, "Finds: {}.", rule.summary);
    let _ = writeln!(out);
    for para in rule.explanation.trim_end().split("\n\n") {
        if para.starts_with("    ") {
            out.push_str(para);
        } else {
            out.push_str(&wrap(para, 80));
        }
        out.push_str("\n\n");
    }
    out.pop();
    print_stdout(&out)?;
    Ok(Outcome::Success)
}

/// Fill a paragraph to `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

fn level_line(rule: &RuleInfo, in_force: RuleLevel) -> String {
    if rule.is_structure() {
        "Level: always an error; cannot be allowed".to_string()
    } else if in_force == rule.default {
        format!("Level: {} (default)", in_force.as_str())
    } else {
        format!(
            "Level: {} in this campaign (default {})",
            in_force.as_str(),
            rule.default.as_str()
        )
    }
}

/// Levels in force for the campaign around `cwd`, or the defaults.
fn campaign_levels(cwd: &Path) -> std::collections::BTreeMap<Rule, RuleLevel> {
    let campaign = crate::discover::find_campaign_root(cwd)
        .and_then(|root| load::load_campaign(cwd, &root).ok())
        .and_then(|ws| ws.campaigns.into_iter().next());
    rules::levels_in_force(campaign.as_ref())
}

fn table(levels: &std::collections::BTreeMap<Rule, RuleLevel>) -> String {
    let width = catalogue().map(|r| r.id.len()).max().unwrap_or(10);
    let mut out = String::new();
    let mut family = None;
    for rule in catalogue() {
        if family != Some(rule.family) {
            if family.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", family_title(rule.family));
            family = Some(rule.family);
        }
        let level = levels.get(&rule.rule).copied().unwrap_or(rule.default);
        let shown = if rule.is_structure() {
            "error"
        } else {
            level.as_str()
        };
        let _ = writeln!(out, "  {:<width$}  {:<5}  {}", rule.id, shown, rule.summary);
    }
    out
}

fn json(levels: &std::collections::BTreeMap<Rule, RuleLevel>) -> String {
    let list: Vec<serde_json::Value> = catalogue()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "family": r.family.as_str(),
                "default": r.default.as_str(),
                "level": levels.get(&r.rule).copied().unwrap_or(r.default).as_str(),
                "summary": r.summary,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
    s.push('\n');
    s
}

fn family_title(f: Family) -> &'static str {
    match f {
        Family::Structure => "Structure (always errors)",
        Family::Planning => "Campaign planning",
        Family::Partnership => "Partnership",
        Family::Evaluation => "Evaluation",
        Family::Housekeeping => "Housekeeping",
        Family::Output => "Output (checked by render)",
    }
}

/// The rules reference page, `docs/rules.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated by `collab rules --format markdown`; do not edit by hand. -->\n\n\
         Every finding `collab validate` reports comes from one of these rules. Set a rule's \
         level in `collab.toml` under `[lint]` (`allow`, `warn` or `deny`), or silence one \
         finding with a comment on the line above the node (or above the list item that \
         holds it): `# collab: allow(rule-id) reason`. Structure rules are always errors.\n\n\
         `collab explain RULE` prints any of these pages in the terminal.\n",
    );
    let mut family = None;
    for rule in catalogue() {
        if family != Some(rule.family) {
            let _ = write!(out, "\n## {}\n\n", family_title(rule.family));
            let _ = writeln!(out, "| rule | default | finds |");
            let _ = writeln!(out, "|---|---|---|");
            for r in catalogue().filter(|r| r.family == rule.family) {
                let _ = writeln!(
                    out,
                    "| [`{}`](#{}) | {} | {} |",
                    r.id,
                    r.id,
                    if r.is_structure() {
                        "error"
                    } else {
                        r.default.as_str()
                    },
                    r.summary.replace('|', "\\|")
                );
            }
            family = Some(rule.family);
        }
        let _ = write!(out, "\n### {}\n\n", rule.id);
        let _ = writeln!(out, "{}\n", level_line(rule, rule.default));
        let _ = writeln!(out, "Finds: {}.\n", rule.summary);
        for para in rule.explanation.trim_end().split("\n\n") {
            if para.starts_with("    ") {
                let code: Vec<&str> = para
                    .lines()
                    .map(|l| l.strip_prefix("    ").unwrap_or(l))
                    .collect();
                let _ = write!(out, "```yaml\n{}\n```\n\n", code.join("\n"));
            } else {
                let _ = write!(out, "{para}\n\n");
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
