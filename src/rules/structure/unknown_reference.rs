#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/unknown-reference.md"))]

use super::defined::{Defined, Ids};
use crate::campaign::{At, Fields, Located};
use crate::diagnostic::{Fix, Nearby, one_of};
use crate::model::Id;
use crate::model::plan::Plan;
use crate::rule::Rule;
use crate::rules::RuleContext;
use crate::yaml::{Node, Value};

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    if campaign.incomplete {
        // A file that could not be read leaves gaps; reporting them as
        // dangling references would only bury the real problem.
        return;
    }
    let defined = Defined::collect(campaign);
    let mut refs = Refs {
        cx,
        defined: &defined,
        nearby: Default::default(),
    };
    let info = campaign.config.info();
    refs.field(&info, "lead", info.lead.as_ref(), Target::Partner);
    let coordinator = info.coordinator.as_ref();
    refs.field(&info, "coordinator", coordinator, Target::Partner);
    for plan in campaign.plans_at() {
        refs.plan(&plan);
    }
    for (_, r) in campaign.risks() {
        refs.field(&r, "owner", r.owner.as_ref(), Target::Partner);
    }
    for m in campaign.metrics_at() {
        refs.field(&m, "objective", m.objective.as_ref(), Target::Objective);
        refs.field(&m, "owner", m.owner.as_ref(), Target::Partner);
    }
    for p in campaign.partnership_at() {
        refs.field(&p, "collects", p.collects.as_ref(), Target::Partner);
    }
    for c in campaign.charters_at() {
        for key in ["leadership", "drivers"] {
            for node in c.map_keys(key) {
                let id = node.as_str().unwrap_or_default();
                refs.check(c.at_span(node.span), "partner", id, Target::Partner);
            }
        }
    }
    for m in campaign.meetings_at() {
        refs.field(&m, "chair", m.chair.as_ref(), Target::Partner);
        for a in m.items("attendees", &m.value.attendees) {
            refs.field(&a, "partner", a.partner.as_ref(), Target::Partner);
        }
        for a in m.items("actions", &m.value.actions) {
            refs.field(&a, "owner", a.owner.as_ref(), Target::Partner);
        }
    }
}

/// Reports references that name nothing.
struct Refs<'r, 'c, 'a> {
    cx: &'r mut RuleContext<'c>,
    defined: &'a Defined<'a>,
    /// "Did you mean" for each target, built the first time an id of that
    /// target is unknown.
    nearby: [Option<Nearby<'a>>; 5],
}

#[derive(Clone, Copy)]
enum Target {
    Partner,
    Channel,
    Objective,
    Audience,
    Metric,
}

impl Target {
    fn index(self) -> usize {
        self as usize
    }

    fn noun(self) -> &'static str {
        match self {
            Target::Partner => "partner",
            Target::Channel => "channel",
            Target::Objective => "objective",
            Target::Audience => "audience",
            Target::Metric => "metric",
        }
    }

    fn home(self) -> &'static str {
        match self {
            Target::Partner => "the partners document",
            Target::Channel => "a partner's `channels`",
            Target::Objective => "the plan's `objectives`",
            Target::Audience => "the plan's audience section",
            Target::Metric => "the evaluation document",
        }
    }
}

impl<'a> Refs<'_, '_, 'a> {
    fn set(&self, target: Target) -> &'a Ids<'a> {
        match target {
            Target::Partner => &self.defined.partners,
            Target::Channel => &self.defined.channels,
            Target::Objective => &self.defined.objectives,
            Target::Audience => &self.defined.audiences,
            Target::Metric => &self.defined.metrics,
        }
    }

    /// Every reference a plan makes.
    fn plan(&mut self, plan: &Located<'_, Plan>) {
        for o in plan.objectives() {
            self.field(&o, "owner", o.owner.as_ref(), Target::Partner);
            self.list(&o, "metrics", &o.value.metrics, Target::Metric);
        }
        if let Some(s) = plan.strategy() {
            self.list(&s, "channels", &s.value.channels, Target::Channel);
            for stage in s.items("journey", &s.value.journey) {
                self.list(
                    &stage,
                    "audiences",
                    &stage.value.audiences,
                    Target::Audience,
                );
                for tp in stage.items("touchpoints", &stage.value.touchpoints) {
                    self.field(&tp, "channel", tp.channel.as_ref(), Target::Channel);
                }
            }
        }
        for a in plan.activities() {
            self.field(&a, "owner", a.owner.as_ref(), Target::Partner);
            self.field(&a, "channel", a.channel.as_ref(), Target::Channel);
        }
        for a in plan.assets() {
            self.field(&a, "owner", a.owner.as_ref(), Target::Partner);
        }
        if let Some(i) = plan.implementation()
            && let Some(u) = &i.value.updates
        {
            let u = i.child("updates", u);
            self.field(&u, "chair", u.chair.as_ref(), Target::Partner);
        }
        if let Some(s) = plan.scoring() {
            self.list(&s, "metrics", &s.value.metrics, Target::Metric);
        }
    }

    /// A single-id field of an item.
    fn field<T: Fields>(
        &mut self,
        item: &Located<'_, T>,
        field: &str,
        id: Option<&Id>,
        target: Target,
    ) {
        if let Some(id) = id {
            self.check(item.at_field(field), field, id.as_str(), target);
        }
    }

    /// A list of ids under `field`; each is found in the list by its text.
    fn list<T: Fields>(&mut self, item: &Located<'_, T>, field: &str, ids: &[Id], target: Target) {
        let items = match item.value_of(field).map(|l| &l.value) {
            Some(Value::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        // Ids come in the order of the list's items, so the search goes on
        // from the last one found (and starts again only if it must).
        let mut from = 0;
        for id in ids {
            let is_id = |n: &Node| n.as_str() == Some(id.as_str());
            let found = match items[from..].iter().position(is_id) {
                Some(p) => Some(from + p),
                None => items.iter().position(is_id),
            };
            from = found.map_or(from, |i| i + 1);
            let span = found.map_or_else(|| item.span_of(field), |i| items[i].span);
            self.check(item.at_span(span), target.noun(), id.as_str(), target);
        }
    }

    fn check(&mut self, at: At<'_>, field: &str, id: &str, target: Target) {
        let set = self.set(target);
        if set.contains_key(id) {
            return;
        }
        let nearby =
            self.nearby[target.index()].get_or_insert_with(|| Nearby::new(set.keys().copied()));
        let suggestion = nearby.closest(id);
        let fix = suggestion.and_then(|s| reference_fix(&at, id, s));
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None if set.is_empty() => format!(
                "no {} is defined yet: add one to {}",
                target.noun(),
                target.home()
            ),
            None if set.len() <= 8 => {
                let names: Vec<&str> = set.keys().copied().collect();
                format!("known {}s: {}", target.noun(), one_of(&names))
            }
            None => format!("define it in {}", target.home()),
        };
        let message = if field == target.noun() {
            format!("there is no {field} `{id}`")
        } else {
            format!("{field} `{id}` is not a {}", target.noun())
        };
        self.cx
            .report(Rule::UnknownReference, at, message)
            .help(help)
            .fix(fix);
    }
}

/// The safe fix for a reference with one close id: write that id in place
/// of the one written, when the span holds exactly the id as a plain
/// scalar (ids never need quotes).
fn reference_fix(at: &At<'_>, id: &str, to: &str) -> Option<Fix> {
    let written = at.file.source.text().get(at.span.start..at.span.end)?;
    (written == id).then(|| Fix::safe(format!("replace `{id}` with `{to}`"), at.span, to))
}
