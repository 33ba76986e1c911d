#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/unknown-region.md"))]

use crate::campaign::{At, Fields, Located};
use crate::diagnostic::{Fix, closest};
use crate::model::region::{Problem, Regions};
use crate::rule::Rule;
use crate::rules::RuleContext;
use crate::yaml::Value;

const DECLARE: &str = "declare a local area once in collab.toml: a [[region]] table \
with `id`, `name` and `within` (a built-in region or nation, or another declared area)";

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    let decls = campaign.config.regions();
    let (regions, problems) = Regions::declare(decls.iter().map(|d| d.value));
    for problem in problems {
        match problem {
            Problem::UnknownWithin { index, within } => {
                if let Some(d) = decls.get(index) {
                    unknown(
                        cx,
                        &regions,
                        d.at_field("within"),
                        &within,
                        "`within` names",
                    );
                }
            }
            Problem::Cycle { index, path } => {
                if let Some(d) = decls.get(index) {
                    let message = format!(
                        "region `{}` lies within itself: {}",
                        path.first().map_or("", String::as_str),
                        path.join(" → ")
                    );
                    cx.report(Rule::UnknownRegion, d.at_field("within"), message)
                        .help("place one of these areas within a built-in region or nation");
                }
            }
        }
    }
    let info = campaign.config.info();
    list(cx, &regions, &info, &info.value.regions);
    for p in campaign.partners_at() {
        list(cx, &regions, &p, &p.value.regions);
    }
}

/// Each region of an item's `regions` list that names no place.
fn list<T: Fields>(
    cx: &mut RuleContext<'_>,
    regions: &Regions,
    item: &Located<'_, T>,
    names: &[String],
) {
    let items = match item.value_of("regions").map(|l| &l.value) {
        Some(Value::Seq(items)) => items.as_slice(),
        _ => &[],
    };
    for (i, name) in names.iter().enumerate() {
        if regions.knows(name) {
            continue;
        }
        let span = items
            .get(i)
            .filter(|n| n.as_str() == Some(name.as_str()))
            .map_or_else(|| item.span_of("regions"), |n| n.span);
        unknown(cx, regions, item.at_span(span), name, "region");
    }
}

/// Report a place that is neither built in nor declared, with the close
/// names and, when exactly one is close, a fix that writes it.
fn unknown(cx: &mut RuleContext<'_>, regions: &Regions, at: At<'_>, name: &str, what: &str) {
    let names = regions.all_names();
    let first = closest(name, names.iter().copied());
    // A second close name that means another place makes the choice the user's.
    let second = first.and_then(|f| {
        let other = |n: &&str| regions.key(n) != regions.key(f);
        closest(name, names.iter().copied().filter(other))
    });
    let message = if what == "region" {
        format!("region `{name}` is neither built in nor declared")
    } else {
        format!("{what} `{name}`, which is neither built in nor declared")
    };
    let help = match (first, second) {
        (Some(a), Some(b)) => format!("did you mean `{a}` or `{b}`? If neither, {DECLARE}"),
        (Some(a), None) => format!("did you mean `{a}`? If not, {DECLARE}"),
        _ => format!("{DECLARE}; `collab explain unknown-region` lists the built-in places"),
    };
    let fix = match (first, second) {
        (Some(a), None) => region_fix(&at, name, a),
        _ => None,
    };
    cx.report(Rule::UnknownRegion, at, message)
        .help(help)
        .fix(fix);
}

/// The safe fix: the close name in place of the one written, when the span
/// holds exactly the name, bare or in quotes.
fn region_fix(at: &At<'_>, name: &str, to: &str) -> Option<Fix> {
    let written = at.file.source.text().get(at.span.start..at.span.end)?;
    let replacement = if written == name {
        to.to_string()
    } else if ["\"", "'"]
        .iter()
        .any(|q| written == format!("{q}{name}{q}"))
    {
        format!("{}{to}{}", &written[..1], &written[..1])
    } else {
        return None;
    };
    Some(Fix::safe(
        format!("replace `{name}` with `{to}`"),
        at.span,
        replacement,
    ))
}
