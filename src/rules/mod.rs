//! The rule checks. The registry ([`crate::rule`]) names every rule; each
//! rule's check is a file of its own, `<family>/<rule_id>.rs`, whose doc
//! comment is the rule's explanation. A check reads a loaded campaign and
//! reports through a [`RuleContext`], which applies the levels, allow
//! comments and `--rule`. Rules are pure: no I/O.

mod context;
pub mod evaluation;
pub mod housekeeping;
pub mod output;
pub mod partnership;
pub mod planning;
pub mod structure;
pub mod vocabulary;

use std::collections::BTreeMap;

pub use context::{Context, Reported, RuleContext, level_in_force};

use crate::campaign::{Campaign, Located};
use crate::diagnostic::Finding;
use crate::model::Id;
use crate::model::config::RuleLevel;
use crate::model::evaluation::Metric;
use crate::model::plan::Objective;
use crate::rule::Rule;

/// A rule's check.
type Check = fn(&mut RuleContext<'_>);

/// Every campaign-wide check, in the order they run (the order findings
/// are made in before they are sorted).
const CHECKS: &[(Rule, Check)] = &[
    (Rule::MissingField, structure::missing_field::check),
    (Rule::DuplicateId, structure::duplicate_id::check),
    (Rule::MissingPlan, structure::missing_plan::check),
    (Rule::MultiplePlans, structure::multiple_plans::check),
    (Rule::MultipleCharters, structure::multiple_charters::check),
    (
        Rule::FrameworkMismatch,
        structure::framework_mismatch::check,
    ),
    (Rule::DateOrder, structure::date_order::check),
    (Rule::UnknownReference, structure::unknown_reference::check),
    (
        Rule::ObjectiveNotOutcome,
        planning::objective_not_outcome::check,
    ),
    (
        Rule::OutcomeNotWhoWhatHow,
        planning::outcome_not_who_what_how::check,
    ),
    (
        Rule::UnexplainedAcronym,
        planning::unexplained_acronym::check,
    ),
    (
        Rule::ObjectiveNotMeasurable,
        planning::objective_not_measurable::check,
    ),
    (
        Rule::MissingLocalObjectives,
        planning::missing_local_objectives::check,
    ),
    (
        Rule::MissingNationalObjectives,
        planning::missing_national_objectives::check,
    ),
    (
        Rule::AudienceWithoutInsight,
        planning::audience_without_insight::check,
    ),
    (
        Rule::JourneyWithoutLocalTouchpoint,
        planning::journey_without_local_touchpoint::check,
    ),
    (
        Rule::ActivityWithoutOwner,
        planning::activity_without_owner::check,
    ),
    (
        Rule::MilestoneAfterLaunch,
        planning::milestone_after_launch::check,
    ),
    (
        Rule::ActivityInBlackout,
        planning::activity_in_blackout::check,
    ),
    (
        Rule::ServiceInBlackout,
        planning::service_in_blackout::check,
    ),
    (Rule::NoUpdateRhythm, planning::no_update_rhythm::check),
    (
        Rule::NonexistentLocalTime,
        planning::nonexistent_local_time::check,
    ),
    (Rule::UnknownRegion, planning::unknown_region::check),
    (
        Rule::PartnerWithoutLead,
        partnership::partner_without_lead::check,
    ),
    (
        Rule::PartnerWithoutSignOff,
        partnership::partner_without_sign_off::check,
    ),
    (
        Rule::SinglePointOfContact,
        partnership::single_point_of_contact::check,
    ),
    (Rule::NoSeniorSponsor, partnership::no_senior_sponsor::check),
    (
        Rule::PartnerWithoutGains,
        partnership::partner_without_gains::check,
    ),
    (
        Rule::PartnerOffersNothing,
        partnership::partner_offers_nothing::check,
    ),
    (
        Rule::UnconfirmedPartner,
        partnership::unconfirmed_partner::check,
    ),
    (
        Rule::CollaborationNotCoDesigned,
        partnership::collaboration_not_co_designed::check,
    ),
    (Rule::NoSignOffRoute, partnership::no_sign_off_route::check),
    (Rule::NoCharter, partnership::no_charter::check),
    (
        Rule::CharterIncomplete,
        partnership::charter_incomplete::check,
    ),
    (
        Rule::PartnerWithoutDrivers,
        partnership::partner_without_drivers::check,
    ),
    (
        Rule::RiskWithoutOwner,
        partnership::risk_without_owner::check,
    ),
    (
        Rule::RiskWithoutMitigation,
        partnership::risk_without_mitigation::check,
    ),
    (Rule::NoRisksRecorded, partnership::no_risks_recorded::check),
    (Rule::LateEngagement, partnership::late_engagement::check),
    (
        Rule::InitialMeetingIncomplete,
        partnership::initial_meeting_incomplete::check,
    ),
    (Rule::OverdueAction, partnership::overdue_action::check),
    (
        Rule::ActionWithoutOwner,
        partnership::action_without_owner::check,
    ),
    (
        Rule::ActionWithoutDueDate,
        partnership::action_without_due_date::check,
    ),
    (
        Rule::MetricWithoutOwner,
        evaluation::metric_without_owner::check,
    ),
    (
        Rule::MetricStageSuspect,
        evaluation::metric_stage_suspect::check,
    ),
    (Rule::TargetDirection, evaluation::target_direction::check),
    (
        Rule::EvaluationStageGap,
        evaluation::evaluation_stage_gap::check,
    ),
    (
        Rule::EvaluationLevelGap,
        evaluation::evaluation_level_gap::check,
    ),
    (
        Rule::ObjectiveWithoutOutcomeMetric,
        evaluation::objective_without_outcome_metric::check,
    ),
    (
        Rule::PartnershipEvaluationMissing,
        evaluation::partnership_evaluation_missing::check,
    ),
];

/// Run every campaign-wide check that is on, apply the allow comments,
/// then report the ones that silenced nothing.
pub fn check_campaign(campaign: &Campaign, options: &Context, findings: &mut Vec<Finding>) {
    let mut allows = housekeeping::allow::scan_campaign(campaign);
    let named = housekeeping::allow::named(&allows);
    let mut cx = RuleContext::new(campaign, options, &named);
    for &(rule, check) in CHECKS {
        if cx.enabled(rule) {
            check(&mut cx);
        }
    }
    let mut found = cx.take_findings();
    housekeeping::allow::apply_in_campaign(campaign, &mut allows, &mut found);
    // Rules that ran only to judge an allow comment report nothing.
    found.retain(|f| cx.reported(f.rule));
    if cx.enabled(Rule::UnusedAllow) {
        housekeeping::unused_allow::check(&mut cx, &allows);
    }
    findings.extend(found);
    findings.extend(cx.take_findings());
}

/// The level each rule has in a campaign: its default, or what `[lint]`
/// says. Structure rules are always errors.
pub fn levels_in_force(campaign: Option<&Campaign>) -> BTreeMap<Rule, RuleLevel> {
    Rule::ALL
        .iter()
        .map(|&r| (r, level_in_force(campaign, r)))
        .collect()
}

/// The rules whose findings are errors in at least one of `campaigns`
/// (every structure rule among them): all a check needs to run to count
/// errors.
pub fn error_rules(campaigns: &[Campaign]) -> Vec<Rule> {
    Rule::ALL
        .iter()
        .copied()
        .filter(|&r| {
            level_in_force(None, r) == RuleLevel::Deny
                || campaigns
                    .iter()
                    .any(|c| level_in_force(Some(c), r) == RuleLevel::Deny)
        })
        .collect()
}

/// "partner `lfrs`", or "this partner" for one without an id.
pub(crate) fn named(what: &str, id: Option<&Id>) -> String {
    id.map_or_else(|| format!("this {what}"), |id| format!("{what} `{id}`"))
}

/// Every objective of the plan that has an id, with its id and the
/// metrics that measure it ([`Objective::measured_by`]).
pub(crate) fn measured_objectives(
    campaign: &Campaign,
) -> Vec<(Located<'_, Objective>, &Id, Vec<&Metric>)> {
    let Some(plan) = campaign.plan_at() else {
        return Vec::new();
    };
    plan.objectives()
        .into_iter()
        .filter_map(|o| {
            let id = o.value.id.as_ref()?;
            let linked = campaign
                .metrics_at()
                .map(|m| m.value)
                .filter(|m| o.measured_by(m))
                .collect();
            Some((o, id, linked))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Level;

    /// `[lint] rule = "warn"` makes a rule that is an error by default a
    /// warning (it used to stay an error, while `collab rules` said warn).
    #[test]
    fn warn_turns_a_deny_rule_into_a_warning() {
        let config = "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\n\n\
                      [lint]\nmetric-without-owner = \"warn\"\n";
        let plan = "kind: plan\nframework: oasis\ntitle: T\n---\n\
                    kind: evaluation\nmetrics:\n  - { id: m, name: Reach, stage: output }\n";
        let ws = crate::load::campaign_from_texts(
            std::path::Path::new("/campaign"),
            config,
            &[("campaign.yaml", plan)],
        );
        let campaign = &ws.campaigns[0];
        let today = crate::model::Date::parse("2026-11-24").expect("a date");
        let mut findings = Vec::new();
        check_campaign(
            campaign,
            &Context::for_campaign(campaign, today),
            &mut findings,
        );
        let levels: Vec<Level> = findings
            .iter()
            .filter(|f| f.rule == Rule::MetricWithoutOwner)
            .map(|f| f.level)
            .collect();
        assert_eq!(levels, vec![Level::Warning]);
    }

    fn campaign_with(lint: &str, partners: &str) -> crate::load::Workspace {
        let config = format!(
            "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\n\n[lint]\n{lint}"
        );
        let plan = "kind: plan\nframework: oasis\ntitle: T\n";
        crate::load::campaign_from_texts(
            std::path::Path::new("/campaign"),
            &config,
            &[("plan.yaml", plan), ("partners.yaml", partners)],
        )
    }

    fn rules_found(ws: &crate::load::Workspace, only: &[Rule]) -> Vec<Rule> {
        let campaign = &ws.campaigns[0];
        let today = crate::model::Date::parse("2026-11-24").expect("a date");
        let options = Context::for_campaign(campaign, today).select(only);
        let mut findings = Vec::new();
        check_campaign(campaign, &options, &mut findings);
        let mut rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
        rules.sort();
        rules.dedup();
        rules
    }

    const PARTNERS: &str = "kind: partners\npartners:\n  # collab: allow(single-point-of-contact) a one-off share\n  - { id: a, name: A, sector: charity, level: information-sharing }\n  # collab: allow(single-point-of-contact) stale\n  - id: b\n    name: B\n    sector: charity\n    level: information-sharing\n    deputy: { name: D }\n";

    /// `--rule` picks the rules that run: the others do not run at all.
    #[test]
    fn only_the_selected_rules_run() {
        let ws = campaign_with("", PARTNERS);
        let campaign = &ws.campaigns[0];
        let today = crate::model::Date::parse("2026-11-24").expect("a date");
        let options = Context::for_campaign(campaign, today).select(&[Rule::PartnerWithoutLead]);
        let cx = RuleContext::new(campaign, &options, &[]);
        assert!(cx.enabled(Rule::PartnerWithoutLead));
        assert!(!cx.enabled(Rule::MissingPlan));
        assert!(!cx.enabled(Rule::SinglePointOfContact));
        assert_eq!(
            rules_found(&ws, &[Rule::PartnerWithoutLead]),
            [Rule::PartnerWithoutLead]
        );
    }

    /// A rule set to `allow` does not run, except to judge the allow
    /// comments that name it: the used one stays quiet, the stale one is
    /// still reported, as before the rule context.
    #[test]
    fn an_allowed_rule_still_judges_its_allow_comments() {
        let ws = campaign_with("single-point-of-contact = \"allow\"\n", PARTNERS);
        let campaign = &ws.campaigns[0];
        let today = crate::model::Date::parse("2026-11-24").expect("a date");
        let options = Context::for_campaign(campaign, today);
        assert!(!RuleContext::new(campaign, &options, &[]).enabled(Rule::SinglePointOfContact));
        let mut findings = Vec::new();
        check_campaign(campaign, &options, &mut findings);
        let unused: Vec<&str> = findings
            .iter()
            .filter(|f| f.rule == Rule::UnusedAllow)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(
            unused,
            ["this allow comment silences no `single-point-of-contact` finding"]
        );
        assert!(
            findings
                .iter()
                .all(|f| f.rule != Rule::SinglePointOfContact)
        );
        // The same with `--rule unused-allow` alone.
        assert_eq!(rules_found(&ws, &[Rule::UnusedAllow]), [Rule::UnusedAllow]);
    }

    /// Every rule that is not reported while loading has a check.
    #[test]
    fn every_campaign_rule_has_a_check() {
        let loaded = [
            Rule::YamlSyntax,
            Rule::TomlSyntax,
            Rule::DuplicateKey,
            Rule::UnknownKind,
            Rule::UnknownField,
            Rule::InvalidValue,
            Rule::UnusedAllow,
            Rule::SensitivePublicPack,
        ];
        for &rule in Rule::ALL {
            let checked = CHECKS.iter().filter(|(r, _)| *r == rule).count();
            let expected = usize::from(!loaded.contains(&rule));
            assert_eq!(checked, expected, "{rule}");
        }
    }
}
