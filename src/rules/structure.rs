//! Structure rules: the file is YAML, every key is known, every value fits,
//! ids are unique, references resolve, there is one plan in the right
//! framework, and dates run forwards. Always errors; they cannot be allowed.
//!
//! The syntax and schema rules are reported while loading (see
//! [`crate::load`] and [`crate::check`]); the campaign-wide ones are here.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::campaign::{Campaign, ConfigFile, Document};
use crate::diagnostic::{Finding, Nearby, SourceFile, closest};
use crate::model::config::ROUTE_STEPS;
use crate::model::meeting::Topic;
use crate::model::{Body, Date, Framework, Kind};
use crate::rule::Rule;
use crate::source::Span;
use crate::yaml::{Node, Seg};

use Seg::{Index as I, Key as K};

const INVALID_VALUE: Rule = Rule::InvalidValue;
const DATE_ORDER: Rule = Rule::DateOrder;
const UNKNOWN_FIELD: Rule = Rule::UnknownField;
const MISSING_FIELD: Rule = Rule::MissingField;
const DUPLICATE_ID: Rule = Rule::DuplicateId;
const UNKNOWN_REFERENCE: Rule = Rule::UnknownReference;
const MISSING_PLAN: Rule = Rule::MissingPlan;
const MULTIPLE_PLANS: Rule = Rule::MultiplePlans;
const FRAMEWORK_MISMATCH: Rule = Rule::FrameworkMismatch;

/// Checks on `collab.toml` that the schema cannot express.
pub fn check_config(cfg: &ConfigFile, out: &mut Vec<Finding>) {
    let file = &cfg.file;
    let settings = &cfg.config;
    let info = settings.campaign();
    if let Some(tz) = &info.timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        out.push(
            Finding::error(
                INVALID_VALUE,
                file,
                cfg.span(&[K("campaign"), K("timezone")]),
                format!("`{tz}` is not a known timezone"),
            )
            .with_help("use an IANA name such as Europe/London"),
        );
    }
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
                        DATE_ORDER,
                        file,
                        cfg.span(&[K("campaign"), K(b_name)]),
                        format!("the campaign's {b_name} ({b}) comes before its {a_name} ({a})"),
                    )
                    .with_related(
                        file,
                        cfg.span(&[K("campaign"), K(a_name)]),
                        format!("{a_name} is {a}"),
                    ),
                );
            }
        }
    }
    for (i, window) in settings.blackout.iter().enumerate() {
        if let (Some(start), Some(end)) = (window.start, window.end)
            && end < start
        {
            out.push(
                Finding::error(
                    DATE_ORDER,
                    file,
                    cfg.span(&[K("blackout"), I(i), K("end")]),
                    format!("this blackout window ends ({end}) before it starts ({start})"),
                )
                .with_related(
                    file,
                    cfg.span(&[K("blackout"), I(i), K("start")]),
                    "starts here",
                ),
            );
        }
    }
    if let Some(lint) = cfg.root.get("lint") {
        for (key, _) in map_entries(lint) {
            let Some(name) = key.as_str() else { continue };
            if name == "options" {
                continue;
            }
            match Rule::from_id(name) {
                None => {
                    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
                    out.push(
                        Finding::error(
                            UNKNOWN_FIELD,
                            file,
                            key.span,
                            format!("`{name}` is not a rule"),
                        )
                        .with_help_opt(
                            closest(name, ids.iter().copied()).map(|s| {
                                format!("did you mean `{s}`? `collab rules` lists every rule")
                            }),
                        ),
                    );
                }
                Some(rule) if rule.is_structure() => {
                    out.push(
                        Finding::error(
                            INVALID_VALUE,
                            file,
                            key.span,
                            format!("`{name}` is a structure rule; its level cannot be changed"),
                        )
                        .with_help("structure problems are always errors: fix the file instead"),
                    );
                }
                Some(_) => {}
            }
        }
    }
    if let Some(routemap) = cfg.root.get("routemap") {
        for (key, _) in map_entries(routemap) {
            let Some(name) = key.as_str() else { continue };
            if !ROUTE_STEPS.contains(&name) {
                out.push(
                    Finding::error(
                        UNKNOWN_FIELD,
                        file,
                        key.span,
                        format!("`{name}` is not a route-map step"),
                    )
                    .with_help_opt(
                        closest(name, ROUTE_STEPS.iter().copied())
                            .map(|s| format!("did you mean `{s}`?")),
                    ),
                );
            }
        }
    }
}

fn map_entries(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        crate::yaml::Value::Map(entries) => entries,
        _ => &[],
    }
}

/// Checks on one document that the schema cannot express.
pub fn check_document(doc: &Document, out: &mut Vec<Finding>) {
    if let Body::Meeting(meeting) = &doc.body {
        for (i, item) in meeting.agenda.iter().enumerate() {
            if item.topic == Some(Topic::Other) && item.title.is_none() {
                out.push(
                    Finding::error(
                        MISSING_FIELD,
                        &doc.file,
                        doc.span(&[K("agenda"), I(i)]),
                        "an agenda item with topic `other` needs a `title`",
                    )
                    .with_help("add `title:` saying what the item is about"),
                );
            }
        }
    }
}

/// A place an id is defined.
#[derive(Clone)]
struct Place {
    file: Arc<SourceFile>,
    span: Span,
}

/// Ids defined in a campaign, by kind, first definition kept.
#[derive(Default)]
struct Defined<'a> {
    partners: BTreeMap<&'a str, Place>,
    channels: BTreeMap<&'a str, Place>,
    objectives: BTreeMap<&'a str, Place>,
    audiences: BTreeMap<&'a str, Place>,
    activities: BTreeMap<&'a str, Place>,
    milestones: BTreeMap<&'a str, Place>,
    metrics: BTreeMap<&'a str, Place>,
    meetings: BTreeMap<&'a str, Place>,
    actions: BTreeMap<&'a str, Place>,
}

fn define<'a>(
    set: &mut BTreeMap<&'a str, Place>,
    what: &str,
    id: &'a str,
    doc: &Document,
    path: &[Seg<'_>],
    out: &mut Vec<Finding>,
) {
    let span = doc.span(path);
    if let Some(first) = set.get(id) {
        out.push(
            Finding::error(
                DUPLICATE_ID,
                &doc.file,
                span,
                format!("{what} id `{id}` is used twice"),
            )
            .with_label("second definition")
            .with_related(&first.file, first.span, "first defined here")
            .with_help(format!("give each {what} its own id")),
        );
    } else {
        set.insert(
            id,
            Place {
                file: Arc::clone(&doc.file),
                span,
            },
        );
    }
}

fn collect_ids<'a>(campaign: &'a Campaign, out: &mut Vec<Finding>) -> Defined<'a> {
    let mut d = Defined::default();
    for doc in &campaign.documents {
        match &doc.body {
            Body::Partners(p) => {
                for (i, partner) in p.partners.iter().enumerate() {
                    if let Some(id) = &partner.id {
                        define(
                            &mut d.partners,
                            "partner",
                            id.as_str(),
                            doc,
                            &[K("partners"), I(i), K("id")],
                            out,
                        );
                    }
                    for (j, ch) in partner.channels.iter().enumerate() {
                        if let Some(id) = &ch.id {
                            let path = [K("partners"), I(i), K("channels"), I(j), K("id")];
                            define(&mut d.channels, "channel", id.as_str(), doc, &path, out);
                        }
                    }
                }
            }
            Body::Plan(plan) => {
                for (i, o) in plan.objective_items().iter().enumerate() {
                    if let Some(id) = &o.id {
                        let path = [K("objectives"), K("items"), I(i), K("id")];
                        define(&mut d.objectives, "objective", id.as_str(), doc, &path, out);
                    }
                }
                let key = plan.audience_key();
                for (i, a) in plan.audiences().iter().enumerate() {
                    if let Some(id) = &a.id {
                        define(
                            &mut d.audiences,
                            "audience",
                            id.as_str(),
                            doc,
                            &[K(key), I(i), K("id")],
                            out,
                        );
                    }
                }
                for (i, a) in plan.activities().iter().enumerate() {
                    if let Some(id) = &a.id {
                        let path = [K("implementation"), K("activities"), I(i), K("id")];
                        define(&mut d.activities, "activity", id.as_str(), doc, &path, out);
                    }
                }
                for (i, m) in plan.milestones().iter().enumerate() {
                    if let Some(id) = &m.id {
                        let path = [K("implementation"), K("milestones"), I(i), K("id")];
                        define(&mut d.milestones, "milestone", id.as_str(), doc, &path, out);
                    }
                }
            }
            Body::Evaluation(e) => {
                for (i, m) in e.metrics.iter().enumerate() {
                    if let Some(id) = &m.id {
                        define(
                            &mut d.metrics,
                            "metric",
                            id.as_str(),
                            doc,
                            &[K("metrics"), I(i), K("id")],
                            out,
                        );
                    }
                }
            }
            Body::Meeting(m) => {
                if let Some(id) = &m.id {
                    define(
                        &mut d.meetings,
                        "meeting",
                        id.as_str(),
                        doc,
                        &[K("id")],
                        out,
                    );
                }
                for (i, a) in m.actions.iter().enumerate() {
                    if let Some(id) = &a.id {
                        define(
                            &mut d.actions,
                            "action",
                            id.as_str(),
                            doc,
                            &[K("actions"), I(i), K("id")],
                            out,
                        );
                    }
                }
            }
        }
    }
    d
}

/// Reports references that name nothing.
struct RefCheck<'a, 'o> {
    out: &'o mut Vec<Finding>,
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

impl<'a> RefCheck<'a, '_> {
    fn set(&self, target: Target) -> &'a BTreeMap<&'a str, Place> {
        match target {
            Target::Partner => &self.defined.partners,
            Target::Channel => &self.defined.channels,
            Target::Objective => &self.defined.objectives,
            Target::Audience => &self.defined.audiences,
            Target::Metric => &self.defined.metrics,
        }
    }

    fn check(&mut self, file: &Arc<SourceFile>, span: Span, field: &str, id: &str, target: Target) {
        let set = self.set(target);
        if set.contains_key(id) {
            return;
        }
        let nearby =
            self.nearby[target.index()].get_or_insert_with(|| Nearby::new(set.keys().copied()));
        let help = match nearby.closest(id) {
            Some(s) => format!("did you mean `{s}`?"),
            None if set.is_empty() => format!(
                "no {} is defined yet: add one to {}",
                target.noun(),
                target.home()
            ),
            None if set.len() <= 8 => {
                let names: Vec<&str> = set.keys().copied().collect();
                format!(
                    "known {}s: {}",
                    target.noun(),
                    crate::diagnostic::one_of(&names)
                )
            }
            None => format!("define it in {}", target.home()),
        };
        self.out.push(
            Finding::error(
                UNKNOWN_REFERENCE,
                file,
                span,
                if field == target.noun() {
                    format!("there is no {field} `{id}`")
                } else {
                    format!("{field} `{id}` is not a {}", target.noun())
                },
            )
            .with_help(help),
        );
    }

    /// A single-id field at `path`.
    fn field(
        &mut self,
        doc: &Document,
        path: &[Seg<'_>],
        id: Option<&crate::model::Id>,
        target: Target,
    ) {
        if let Some(id) = id {
            let field = match path.last() {
                Some(K(k)) => *k,
                _ => target.noun(),
            };
            self.check(&doc.file, doc.span(path), field, id.as_str(), target);
        }
    }

    /// A list of ids at `path`; each is found in the list by its text.
    fn list(&mut self, doc: &Document, path: &[Seg<'_>], ids: &[crate::model::Id], target: Target) {
        let items = match doc.node(path).map(|l| &l.value) {
            Some(crate::yaml::Value::Seq(items)) => items.as_slice(),
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
            let span = found.map_or_else(|| doc.span(path), |i| items[i].span);
            self.check(&doc.file, span, target.noun(), id.as_str(), target);
        }
    }
}

/// Campaign-wide structure checks.
pub fn check_campaign(campaign: &Campaign, out: &mut Vec<Finding>) {
    for doc in &campaign.documents {
        check_document(doc, out);
    }
    let defined = collect_ids(campaign, out);
    check_plans(campaign, out);
    check_dates(campaign, out);
    if campaign.incomplete {
        // A file that could not be read leaves gaps; reporting them as
        // dangling references would only bury the real problem.
        return;
    }
    let mut refs = RefCheck {
        out,
        defined: &defined,
        nearby: Default::default(),
    };
    let cfg = &campaign.config;
    if let Some(lead) = &campaign.settings().campaign().lead {
        refs.check(
            &cfg.file,
            cfg.span(&[K("campaign"), K("lead")]),
            "lead",
            lead.as_str(),
            Target::Partner,
        );
    }
    for doc in &campaign.documents {
        match &doc.body {
            Body::Partners(_) => {}
            Body::Plan(plan) => {
                for (i, o) in plan.objective_items().iter().enumerate() {
                    let base = [K("objectives"), K("items"), I(i)];
                    refs.field(
                        doc,
                        &[base[0], base[1], base[2], K("owner")],
                        o.owner.as_ref(),
                        Target::Partner,
                    );
                    refs.list(
                        doc,
                        &[base[0], base[1], base[2], K("metrics")],
                        &o.metrics,
                        Target::Metric,
                    );
                }
                if let Some(s) = &plan.strategy {
                    refs.list(
                        doc,
                        &[K("strategy"), K("channels")],
                        &s.channels,
                        Target::Channel,
                    );
                    for (j, stage) in s.journey.iter().enumerate() {
                        let base = [K("strategy"), K("journey"), I(j)];
                        refs.list(
                            doc,
                            &[base[0], base[1], base[2], K("audiences")],
                            &stage.audiences,
                            Target::Audience,
                        );
                        for (t, tp) in stage.touchpoints.iter().enumerate() {
                            let path = [
                                base[0],
                                base[1],
                                base[2],
                                K("touchpoints"),
                                I(t),
                                K("channel"),
                            ];
                            refs.field(doc, &path, tp.channel.as_ref(), Target::Channel);
                        }
                    }
                }
                for (i, a) in plan.activities().iter().enumerate() {
                    let base = [K("implementation"), K("activities"), I(i)];
                    refs.field(
                        doc,
                        &[base[0], base[1], base[2], K("owner")],
                        a.owner.as_ref(),
                        Target::Partner,
                    );
                    refs.field(
                        doc,
                        &[base[0], base[1], base[2], K("channel")],
                        a.channel.as_ref(),
                        Target::Channel,
                    );
                }
                if let Some(u) = plan
                    .implementation
                    .as_ref()
                    .and_then(|i| i.updates.as_ref())
                {
                    refs.field(
                        doc,
                        &[K("implementation"), K("updates"), K("chair")],
                        u.chair.as_ref(),
                        Target::Partner,
                    );
                }
                if let Some(s) = plan.scoring() {
                    refs.list(
                        doc,
                        &[K(plan.scoring_key()), K("metrics")],
                        &s.metrics,
                        Target::Metric,
                    );
                }
            }
            Body::Evaluation(e) => {
                for (i, m) in e.metrics.iter().enumerate() {
                    refs.field(
                        doc,
                        &[K("metrics"), I(i), K("objective")],
                        m.objective.as_ref(),
                        Target::Objective,
                    );
                    refs.field(
                        doc,
                        &[K("metrics"), I(i), K("owner")],
                        m.owner.as_ref(),
                        Target::Partner,
                    );
                }
                for (i, p) in e.partnership.iter().enumerate() {
                    refs.field(
                        doc,
                        &[K("partnership"), I(i), K("collects")],
                        p.collects.as_ref(),
                        Target::Partner,
                    );
                }
            }
            Body::Meeting(m) => {
                refs.field(doc, &[K("chair")], m.chair.as_ref(), Target::Partner);
                for (i, a) in m.attendees.iter().enumerate() {
                    refs.field(
                        doc,
                        &[K("attendees"), I(i), K("partner")],
                        a.partner.as_ref(),
                        Target::Partner,
                    );
                }
                for (i, a) in m.actions.iter().enumerate() {
                    refs.field(
                        doc,
                        &[K("actions"), I(i), K("owner")],
                        a.owner.as_ref(),
                        Target::Partner,
                    );
                }
            }
        }
    }
}

fn check_plans(campaign: &Campaign, out: &mut Vec<Finding>) {
    let cfg = &campaign.config;
    let plans: Vec<&Document> = campaign.docs(Kind::Plan).collect();
    let Some(first) = plans.first() else {
        let span = cfg
            .root
            .key_span_at(&[K("campaign")])
            .unwrap_or(Span::empty(0));
        out.push(
            Finding::error(MISSING_PLAN, &cfg.file, span, "this campaign has no plan")
                .with_help("add a plan.yaml with `kind: plan` (`collab init` shows the shape)"),
        );
        return;
    };
    for extra in &plans[1..] {
        out.push(
            Finding::error(
                MULTIPLE_PLANS,
                &extra.file,
                extra.span(&[K("kind")]),
                "this campaign already has a plan",
            )
            .with_related(&first.file, first.span(&[K("kind")]), "the first plan")
            .with_help("keep one plan per campaign: merge them, or give the second its own campaign folder"),
        );
    }
    let configured = campaign.settings().campaign().framework;
    for doc in &plans {
        let Body::Plan(plan) = &doc.body else {
            continue;
        };
        if let (Some(mine), Some(theirs)) = (plan.framework, configured)
            && mine != theirs
        {
            out.push(
                Finding::error(
                    FRAMEWORK_MISMATCH,
                    &doc.file,
                    doc.span(&[K("framework")]),
                    format!("the plan says `{mine}` but collab.toml says `{theirs}`"),
                )
                .with_related(
                    &cfg.file,
                    cfg.span(&[K("campaign"), K("framework")]),
                    format!("`{theirs}` here"),
                ),
            );
        }
        let Some(fw) = plan.framework.or(configured) else {
            continue;
        };
        let wrong: &[(&str, &str)] = match fw {
            Framework::Oasis => &[("research", "audience"), ("evaluation", "scoring")],
            Framework::Rosie => &[("audience", "research"), ("scoring", "evaluation")],
        };
        let other = match fw {
            Framework::Oasis => "ROSIE",
            Framework::Rosie => "OASIS",
        };
        for (bad, good) in wrong {
            if let Some((key, _)) = doc.root.entry(bad) {
                out.push(
                    Finding::error(
                        FRAMEWORK_MISMATCH,
                        &doc.file,
                        key.span,
                        format!(
                            "`{bad}` is the {other} name for this section, but this is a{} {} plan",
                            if fw == Framework::Oasis { "n" } else { "" },
                            fw.as_str().to_uppercase()
                        ),
                    )
                    .with_help(format!("rename it to `{good}`")),
                );
            }
        }
    }
}

fn check_dates(campaign: &Campaign, out: &mut Vec<Finding>) {
    let cfg = &campaign.config;
    let info = campaign.settings().campaign();
    for doc in &campaign.documents {
        let Body::Plan(plan) = &doc.body else {
            continue;
        };
        for (i, a) in plan.activities().iter().enumerate() {
            let at =
                |k: &'static str| doc.span(&[K("implementation"), K("activities"), I(i), K(k)]);
            let name =
                a.id.as_ref()
                    .map_or("this activity".to_string(), |id| format!("activity `{id}`"));
            if let (Some(start), Some(end)) = (a.start, a.end)
                && end < start
            {
                out.push(
                    Finding::error(
                        DATE_ORDER,
                        &doc.file,
                        at("end"),
                        format!("{name} ends ({end}) before it starts ({start})"),
                    )
                    .with_related(&doc.file, at("start"), "starts here"),
                );
                continue;
            }
            let first: Option<(Date, &str)> =
                a.start.map(|d| (d, "start")).or(a.end.map(|d| (d, "end")));
            let last: Option<(Date, &str)> =
                a.end.map(|d| (d, "end")).or(a.start.map(|d| (d, "start")));
            if let (Some((first, key)), Some(begin)) = (first, info.start)
                && first < begin
            {
                out.push(
                    Finding::error(
                        DATE_ORDER,
                        &doc.file,
                        at(key),
                        format!("{name} starts on {first}, before the campaign starts ({begin})"),
                    )
                    .with_related(
                        &cfg.file,
                        cfg.span(&[K("campaign"), K("start")]),
                        "the campaign starts here",
                    )
                    .with_help("move the activity, or the campaign's start in collab.toml"),
                );
            }
            if let (Some((last, key)), Some(finish)) = (last, info.end)
                && last > finish
            {
                out.push(
                    Finding::error(
                        DATE_ORDER,
                        &doc.file,
                        at(key),
                        format!("{name} runs to {last}, after the campaign ends ({finish})"),
                    )
                    .with_related(
                        &cfg.file,
                        cfg.span(&[K("campaign"), K("end")]),
                        "the campaign ends here",
                    )
                    .with_help("move the activity, or the campaign's end in collab.toml"),
                );
            }
        }
    }
}
