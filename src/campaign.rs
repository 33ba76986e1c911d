//! A loaded campaign: its settings and its typed documents, each with the
//! node tree it came from so any check can point at the exact source node.
//! Pure data: loading lives in [`crate::load`].

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::SourceFile;
use crate::model::config::{Blackout, CampaignInfo};
use crate::model::evaluation::{Metric, PartnershipOutcome};
use crate::model::meeting::{Action, ActionStatus, AgendaItem, Attendee, Meeting};
use crate::model::partners::{Channel, Partner, Prospect};
use crate::model::plan::{
    Activity, Asset, Audience, Brand, Implementation, JourneyStage, Milestone, Objective, Plan,
    Protocols, Scoring, Strategy, Touchpoint, Updates,
};
use crate::model::region::RegionDecl;
use crate::model::risk::Risk;
use crate::model::{Body, Charter, Config, EvaluationDoc, Kind, PartnersDoc};
use crate::source::Span;
use crate::yaml::{Node, Seg};

/// One document of a YAML file.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: Arc<SourceFile>,
    /// Position of the document in its file, from 0.
    pub index: usize,
    pub root: Node,
    pub body: Body,
}

impl Document {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// Span of the node at `path`, or of the nearest part of it that exists.
    pub fn span(&self, path: &[Seg<'_>]) -> Span {
        self.root.span_at(path)
    }

    /// Span of the key at the end of `path`, falling back to the value's.
    pub fn key_span(&self, path: &[Seg<'_>]) -> Span {
        self.root
            .key_span_at(path)
            .unwrap_or_else(|| self.span(path))
    }

    pub fn node(&self, path: &[Seg<'_>]) -> Option<&Node> {
        self.root.at(path)
    }
}

/// `collab.toml` as loaded.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub file: Arc<SourceFile>,
    pub root: Node,
    pub config: Config,
}

impl ConfigFile {
    pub fn span(&self, path: &[Seg<'_>]) -> Span {
        self.root.span_at(path)
    }
}

/// A place in a file: what a finding points at.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub file: &'a Arc<SourceFile>,
    pub span: Span,
}

/// The YAML (or TOML) keys of a model type, as its JSON Schema names them.
/// [`Located::span_of`] checks a field name against them in debug builds,
/// and a unit test checks them against the schema, so a misspelt field is
/// a failed test rather than a finding that quietly points at the parent.
pub trait Fields {
    const KEYS: &'static [&'static str];
}

macro_rules! fields {
    ($($ty:ty: [$($key:literal),* $(,)?];)*) => {
        $(impl Fields for $ty {
            const KEYS: &'static [&'static str] = &[$($key),*];
        })*
    };
}

fields! {
    Partner: ["id", "name", "sector", "regions", "level", "form", "lead", "deputy",
        "sign_off", "sponsor", "confirmed", "offers", "gains", "channels", "tags", "notes"];
    Channel: ["id", "name", "type", "reach"];
    Plan: ["version", "framework", "title", "summary", "objectives", "audience", "research",
        "strategy", "implementation", "scoring", "evaluation", "assets", "brand", "protocols", "glossary", "risks"];
    Objective: ["id", "level", "statement", "owner", "priorities", "metrics", "by"];
    Audience: ["id", "description", "insight", "sources", "level"];
    JourneyStage: ["stage", "audiences", "touchpoints", "call_to_action"];
    Touchpoint: ["name", "level", "channel"];
    Activity: ["id", "name", "owner", "channel", "start", "end", "budget", "kind", "changed"];
    Milestone: ["id", "name", "date", "type"];
    Metric: ["id", "name", "stage", "discipline", "level", "objective", "owner", "method",
        "frequency", "unit", "direction", "baseline", "target", "actuals"];
    PartnershipOutcome: ["dimension", "outcome", "indicators", "methods", "collects", "when"];
    Meeting: ["version", "id", "type", "title", "date", "duration", "location", "chair",
        "attendees", "agenda", "decisions", "actions", "notes", "thanks"];
    Attendee: ["partner", "name", "role"];
    AgendaItem: ["topic", "title", "minutes", "notes"];
    Action: ["id", "action", "owner", "due", "status", "done"];
    CampaignInfo: ["id", "name", "framework", "lead", "classification", "start", "launch",
        "end", "timezone", "priorities", "regions", "contact", "coordinator"];
    Blackout: ["name", "kind", "start", "end"];
    RegionDecl: ["id", "name", "within"];
    Risk: ["id", "barrier", "description", "likelihood", "impact", "owner", "mitigation",
        "review"];
}

/// A typed item together with the node it was read from, so a check gets
/// an activity and the span of its `owner` in one step. The item's own
/// node is found once, here; a field that is absent points at the item.
#[derive(Debug)]
pub struct Located<'a, T> {
    pub value: &'a T,
    pub file: &'a Arc<SourceFile>,
    /// The item's node (or the nearest part of its path that exists).
    pub node: &'a Node,
    /// The root of the document (or `collab.toml`) the item is in.
    pub root: &'a Node,
}

impl<T> Clone for Located<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Located<'_, T> {}

impl<T> std::ops::Deref for Located<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
    }
}

impl<'a, T: Fields> Located<'a, T> {
    fn new(value: &'a T, file: &'a Arc<SourceFile>, root: &'a Node, path: &[Seg<'_>]) -> Self {
        Located {
            value,
            file,
            node: root.nearest(path),
            root,
        }
    }

    /// The whole item.
    pub fn at(&self) -> At<'a> {
        At {
            file: self.file,
            span: self.node.span,
        }
    }

    /// A place in the item's file.
    pub fn at_span(&self, span: Span) -> At<'a> {
        At {
            file: self.file,
            span,
        }
    }

    /// The value of `field`, or the item when the field is absent.
    pub fn span_of(&self, field: &str) -> Span {
        self.value_of(field).map_or(self.node.span, |n| n.span)
    }

    /// [`Located::span_of`] as a place.
    pub fn at_field(&self, field: &str) -> At<'a> {
        self.at_span(self.span_of(field))
    }

    /// The key of `field`, if the item has it.
    pub fn key_span_of(&self, field: &str) -> Option<Span> {
        debug_assert!(T::KEYS.contains(&field), "`{field}` is not a field here");
        self.node.entry(field).map(|(key, _)| key.span)
    }

    /// The value node of `field`, if the item has it.
    pub fn value_of(&self, field: &str) -> Option<&'a Node> {
        debug_assert!(T::KEYS.contains(&field), "`{field}` is not a field here");
        self.node.get(field)
    }

    /// The items of the list under `field`, each with its own node.
    pub fn items<U: Fields>(&self, field: &str, list: &'a [U]) -> Vec<Located<'a, U>> {
        let base = self.value_of(field).unwrap_or(self.node);
        located_items(list, self.file, base, self.root)
    }

    /// A mapping under `field` as an item of its own.
    pub fn child<U: Fields>(&self, field: &str, value: &'a U) -> Located<'a, U> {
        Located {
            value,
            file: self.file,
            node: self.value_of(field).unwrap_or(self.node),
            root: self.root,
        }
    }

    /// The document's `kind` (the anchor for a finding about the whole
    /// document).
    pub fn kind_span(&self) -> Span {
        self.root.span_at(&[Seg::Key("kind")])
    }
}

impl<'a> Located<'a, Plan> {
    pub fn objectives(&self) -> Vec<Located<'a, Objective>> {
        self.objectives_at(self.value.objective_items())
    }

    fn objectives_at(&self, list: &'a [Objective]) -> Vec<Located<'a, Objective>> {
        let section = self.value_of("objectives").unwrap_or(self.node);
        let items = section.get("items").unwrap_or(section);
        located_items(list, self.file, items, self.root)
    }

    /// The audience section, whatever the framework calls it.
    pub fn audiences(&self) -> Vec<Located<'a, Audience>> {
        self.items(self.value.audience_key(), self.value.audiences())
    }

    /// `implementation`, when the plan has one.
    pub fn implementation(&self) -> Option<Located<'a, Implementation>> {
        let value = self.value.implementation.as_ref()?;
        Some(self.child("implementation", value))
    }

    pub fn activities(&self) -> Vec<Located<'a, Activity>> {
        self.implementation()
            .map(|i| i.items("activities", &i.value.activities))
            .unwrap_or_default()
    }

    pub fn milestones(&self) -> Vec<Located<'a, Milestone>> {
        self.implementation()
            .map(|i| i.items("milestones", &i.value.milestones))
            .unwrap_or_default()
    }

    pub fn strategy(&self) -> Option<Located<'a, Strategy>> {
        let value = self.value.strategy.as_ref()?;
        Some(self.child("strategy", value))
    }

    pub fn assets(&self) -> Vec<Located<'a, Asset>> {
        self.items("assets", &self.value.assets)
    }

    /// The plan's `risks`.
    pub fn risks(&self) -> Vec<Located<'a, Risk>> {
        self.items("risks", &self.value.risks)
    }

    /// `protocols`, when the plan has them.
    pub fn protocols(&self) -> Option<Located<'a, Protocols>> {
        let value = self.value.protocols.as_ref()?;
        Some(self.child("protocols", value))
    }

    /// The measurement section, whatever the framework calls it.
    pub fn scoring(&self) -> Option<Located<'a, Scoring>> {
        let value = self.value.scoring()?;
        Some(self.child(self.value.scoring_key(), value))
    }
}

fields! {
    Implementation: ["activities", "milestones", "updates"];
    Strategy: ["proposition", "messages", "theories", "channels", "journey", "pilot"];
    Scoring: ["approach", "metrics"];
    Updates: ["cadence", "chair"];
    Asset: ["id", "name", "kind", "where", "owner", "available"];
    Brand: ["logo", "rules"];
    Protocols: ["media", "local_sign_off", "data_sharing"];
}

impl ConfigFile {
    /// The `[campaign]` table.
    pub fn info(&self) -> Located<'_, CampaignInfo> {
        Located::new(
            self.config.campaign(),
            &self.file,
            &self.root,
            &[Seg::Key("campaign")],
        )
    }

    /// The `[[blackout]]` windows.
    pub fn blackouts(&self) -> Vec<Located<'_, Blackout>> {
        let list = &self.config.blackout;
        let base = self.root.nearest(&[Seg::Key("blackout")]);
        located_items(list, &self.file, base, &self.root)
    }

    /// The `[[region]]` tables.
    pub fn regions(&self) -> Vec<Located<'_, RegionDecl>> {
        let list = &self.config.region;
        let base = self.root.nearest(&[Seg::Key("region")]);
        located_items(list, &self.file, base, &self.root)
    }
}

/// Each value of `list` with the item of `base` at its index (or `base`
/// itself where the node has fewer items).
fn located_items<'a, U>(
    list: &'a [U],
    file: &'a Arc<SourceFile>,
    base: &'a Node,
    root: &'a Node,
) -> Vec<Located<'a, U>> {
    list.iter()
        .enumerate()
        .map(|(i, value)| Located {
            value,
            file,
            node: base.item(i).unwrap_or(base),
            root,
        })
        .collect()
}

impl Document {
    /// The document's body as an item of its own.
    fn located<'a, T: Fields>(&'a self, value: &'a T) -> Located<'a, T> {
        Located::new(value, &self.file, &self.root, &[])
    }
}

impl Campaign {
    /// Every plan, first to last.
    pub fn plans_at(&self) -> impl Iterator<Item = Located<'_, Plan>> {
        self.documents.iter().filter_map(|d| match &d.body {
            Body::Plan(p) => Some(d.located(p.as_ref())),
            _ => None,
        })
    }

    /// The first plan, if any.
    pub fn plan_at(&self) -> Option<Located<'_, Plan>> {
        self.plans_at().next()
    }

    /// Every partner, with its node.
    pub fn partners_at(&self) -> impl Iterator<Item = Located<'_, Partner>> {
        self.documents.iter().flat_map(|d| match &d.body {
            Body::Partners(p) => {
                Located::new(p, &d.file, &d.root, &[]).items("partners", &p.partners)
            }
            _ => Vec::new(),
        })
    }

    /// Every metric, with its node.
    pub fn metrics_at(&self) -> impl Iterator<Item = Located<'_, Metric>> {
        self.evaluation_items("metrics", |e| &e.metrics)
    }

    /// Every partnership outcome, with its node.
    pub fn partnership_at(&self) -> impl Iterator<Item = Located<'_, PartnershipOutcome>> {
        self.evaluation_items("partnership", |e| &e.partnership)
    }

    /// The items of list `key` of every evaluation document, with their nodes.
    fn evaluation_items<'c, T: Fields + 'c>(
        &'c self,
        key: &'static str,
        list: fn(&EvaluationDoc) -> &[T],
    ) -> impl Iterator<Item = Located<'c, T>> {
        self.documents.iter().flat_map(move |d| match &d.body {
            Body::Evaluation(e) => Located::new(e, &d.file, &d.root, &[]).items(key, list(e)),
            _ => Vec::new(),
        })
    }

    /// Every meeting, with its document's root.
    pub fn meetings_at(&self) -> impl Iterator<Item = Located<'_, Meeting>> {
        self.documents.iter().filter_map(|d| match &d.body {
            Body::Meeting(m) => Some(d.located(m.as_ref())),
            _ => None,
        })
    }
}

/// Where a risk is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskHome {
    /// The plan's `risks` list.
    Plan,
    /// The charter's `risks` list.
    Charter,
}

impl RiskHome {
    /// The document kind the risk sits in, as files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskHome::Plan => "plan",
            RiskHome::Charter => "charter",
        }
    }
}

impl Campaign {
    /// Every risk the campaign records, with where it sits, in file
    /// order (the plan's, then the charter's). The one place risks are
    /// gathered: rules, `rename`, the references check and the view all
    /// read risks through here.
    pub fn risks(&self) -> Vec<(RiskHome, Located<'_, Risk>)> {
        let mut out = Vec::new();
        for plan in self.plans_at() {
            out.extend(plan.risks().into_iter().map(|r| (RiskHome::Plan, r)));
        }
        for charter in self.charters_at() {
            let risks = charter.items("risks", &charter.value.risks);
            out.extend(risks.into_iter().map(|r| (RiskHome::Charter, r)));
        }
        out
    }
}

impl Document {
    /// The meeting this document holds, if it is one.
    pub fn meeting_at(&self) -> Option<Located<'_, Meeting>> {
        match &self.body {
            Body::Meeting(m) => Some(self.located(m.as_ref())),
            _ => None,
        }
    }
}

impl Campaign {
    /// Every evaluation document, with its root.
    pub fn evaluations_at(&self) -> impl Iterator<Item = Located<'_, EvaluationDoc>> {
        self.documents.iter().filter_map(|d| match &d.body {
            Body::Evaluation(e) => Some(d.located(e)),
            _ => None,
        })
    }
}

impl Campaign {
    /// Every charter, first to last (a campaign should have one).
    pub fn charters_at(&self) -> impl Iterator<Item = Located<'_, Charter>> {
        self.documents.iter().filter_map(|d| match &d.body {
            Body::Charter(c) => Some(d.located(c.as_ref())),
            _ => None,
        })
    }

    /// The first charter, if any.
    pub fn charter_at(&self) -> Option<Located<'_, Charter>> {
        self.charters_at().next()
    }

    /// The first charter's value, if any.
    pub fn charter(&self) -> Option<&Charter> {
        self.charter_at().map(|c| c.value)
    }
}

impl<'a> Located<'a, Charter> {
    /// The key nodes of the map under `field` (`leadership`, `drivers`):
    /// partner ids, each with its span.
    pub fn map_keys(&self, field: &str) -> Vec<&'a Node> {
        match self.value_of(field).map(|n| &n.value) {
            Some(crate::yaml::Value::Map(entries)) => entries.iter().map(|(k, _)| k).collect(),
            _ => Vec::new(),
        }
    }
}

impl ConfigFile {
    /// The whole of `collab.toml`.
    pub fn located(&self) -> Located<'_, Config> {
        Located::new(&self.config, &self.file, &self.root, &[])
    }
}

fields! {
    Config: ["exclude", "campaign", "render", "lint", "blackout", "routemap", "region"];
    PartnersDoc: ["version", "partners", "prospects"];
    EvaluationDoc: ["version", "metrics", "partnership"];
    Charter: ["version", "purpose", "expectations", "decisions", "leadership", "sharing",
        "learning", "drivers", "risks"];
}

/// The field lists beside the schema: a list that lost or gained a key
/// fails here, so `span_of` can trust it.
#[cfg(test)]
mod fields_tests {
    use super::*;
    use schemars::JsonSchema;

    fn keys_of<T: JsonSchema + Fields>() -> (Vec<String>, Vec<String>) {
        let schema = schemars::schema_for!(T);
        let mut from_schema: Vec<String> = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let mut listed: Vec<String> = T::KEYS.iter().map(|k| k.to_string()).collect();
        from_schema.sort();
        listed.sort();
        (listed, from_schema)
    }

    macro_rules! same_keys {
        ($($ty:ty),*) => {
            $(
                let (listed, schema) = keys_of::<$ty>();
                assert_eq!(listed, schema, "{}", stringify!($ty));
            )*
        };
    }

    #[test]
    fn every_field_list_matches_the_schema() {
        same_keys!(
            Partner,
            Channel,
            Plan,
            Objective,
            Audience,
            JourneyStage,
            Touchpoint,
            Activity,
            Milestone,
            Metric,
            PartnershipOutcome,
            Meeting,
            Attendee,
            AgendaItem,
            Action,
            CampaignInfo,
            Blackout,
            RegionDecl,
            Risk,
            Implementation,
            Strategy,
            Scoring,
            Updates,
            Asset,
            Brand,
            Protocols,
            Config,
            PartnersDoc,
            EvaluationDoc,
            Charter
        );
    }

    #[test]
    #[should_panic(expected = "`ownr` is not a field here")]
    #[cfg(debug_assertions)]
    fn a_misspelt_field_is_caught() {
        let text = "kind: plan\nimplementation:\n  activities:\n    - { id: a, name: A }\n";
        let ws = crate::load::campaign_from_texts(
            std::path::Path::new("/campaign"),
            "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\n",
            &[("plan.yaml", text)],
        );
        let campaign = &ws.campaigns[0];
        let plan = campaign.plan_at().expect("a plan");
        let activity = plan.activities().into_iter().next().expect("an activity");
        let _ = activity.span_of("ownr");
    }
}

/// A campaign folder and everything loaded from it.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub root: PathBuf,
    pub config: ConfigFile,
    pub documents: Vec<Document>,
    /// YAML files read (with or without collab documents in them).
    pub files: usize,
    /// Some file could not be read as YAML, so cross-document checks would
    /// only report the gaps it leaves.
    pub incomplete: bool,
}

impl Campaign {
    pub fn settings(&self) -> &Config {
        &self.config.config
    }

    pub fn docs(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind() == kind)
    }

    /// Every partner with its document and index.
    pub fn partners(&self) -> impl Iterator<Item = (&Document, usize, &Partner)> {
        self.documents.iter().flat_map(|d| match &d.body {
            Body::Partners(PartnersDoc { partners, .. }) => partners
                .iter()
                .enumerate()
                .map(|(i, p)| (d, i, p))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    /// The organisations considered as partners, from every partners document.
    pub fn prospects(&self) -> impl Iterator<Item = &Prospect> {
        self.documents.iter().flat_map(|d| match &d.body {
            Body::Partners(PartnersDoc { prospects, .. }) => prospects.iter().collect(),
            _ => Vec::new(),
        })
    }

    /// The first plan, if any.
    pub fn plan(&self) -> Option<(&Document, &Plan)> {
        self.documents.iter().find_map(|d| match &d.body {
            Body::Plan(p) => Some((d, p.as_ref())),
            _ => None,
        })
    }

    pub fn metrics(&self) -> impl Iterator<Item = (&Document, usize, &Metric)> {
        self.documents.iter().flat_map(|d| match &d.body {
            Body::Evaluation(EvaluationDoc { metrics, .. }) => metrics
                .iter()
                .enumerate()
                .map(|(i, m)| (d, i, m))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    pub fn meetings(&self) -> impl Iterator<Item = (&Document, &Meeting)> {
        self.documents.iter().filter_map(|d| match &d.body {
            Body::Meeting(m) => Some((d, m.as_ref())),
            _ => None,
        })
    }

    /// The meetings in date order (then id).
    pub fn meetings_by_date(&self) -> Vec<&Meeting> {
        let mut meetings: Vec<&Meeting> = self.meetings().map(|(_, m)| m).collect();
        meetings.sort_by_key(|m| (m.date, m.id.clone()));
        meetings
    }

    /// Every open action, with the meeting it comes from: by due date
    /// (none first), then id; actions alike stay in meeting order.
    pub fn open_actions(&self) -> Vec<(&Meeting, &Action)> {
        let mut open: Vec<(&Meeting, &Action)> = self
            .meetings_by_date()
            .into_iter()
            .flat_map(|m| m.actions.iter().map(move |a| (m, a)))
            .filter(|(_, a)| a.status.unwrap_or_default() == ActionStatus::Open)
            .collect();
        open.sort_by(|(_, a), (_, b)| (a.due, action_id(a)).cmp(&(b.due, action_id(b))));
        open
    }
}

/// An action's id, or "" for one without.
fn action_id(a: &Action) -> &str {
    a.id.as_ref().map_or("", |i| i.as_str())
}
