#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/unused-allow.md"))]

use super::allow::Allow;
use crate::rule::Rule;
use crate::rules::RuleContext;

/// Report the allow comments that silenced nothing, once every other
/// rule has run and the comments have been applied.
pub(crate) fn check(cx: &mut RuleContext<'_>, allows: &[Allow]) {
    for allow in allows {
        for entry in allow.entries.iter().filter(|e| !e.used) {
            let at = crate::campaign::At {
                file: &allow.file,
                span: entry.span,
            };
            let name = &entry.rule;
            match Rule::from_id(name) {
                _ if name.is_empty() => {
                    cx.report(Rule::UnusedAllow, at, "this allow comment names no rule")
                        .help("write it as `# collab: allow(rule-id) reason`");
                }
                None => {
                    cx.report(Rule::UnusedAllow, at, format!("`{name}` is not a rule"))
                        .help_opt(Rule::closest(name).map(|s| format!("did you mean `{s}`?")));
                }
                Some(rule) if rule.is_structure() => {
                    cx.report(
                        Rule::UnusedAllow,
                        at,
                        format!("`{name}` is a structure rule and cannot be allowed"),
                    )
                    .help("fix the file instead; structure problems are always errors");
                }
                Some(_) => {
                    cx.report(
                        Rule::UnusedAllow,
                        at,
                        format!("this allow comment silences no `{name}` finding"),
                    )
                    .help(
                        "remove it, or move it to the line just above the node the finding points at",
                    );
                }
            }
        }
    }
}
