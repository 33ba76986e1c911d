//! The route-map: for every [`Step`], its state and the evidence that
//! decided it. A step recorded as done under `[routemap]` in collab.toml
//! is done; any other step's state is read from the campaign's files by
//! the step's own evidence function ([`evidence`] matches every step, so a
//! new step cannot be left without one).

use std::collections::BTreeMap;

use super::metrics::latest;
use super::{Outside, PhaseView, StepView};
use crate::campaign::Campaign;
use crate::model::config::RouteState;
use crate::model::evaluation::Metric;
use crate::model::meeting::{Meeting, MeetingType, Topic};
use crate::model::partners::{Partner, Prospect, ProspectStatus};
use crate::model::plan::{Cadence, Plan};
use crate::model::routemap::{Phase, Source, Step, StepState};
use crate::model::{Date, Framework, Id};

/// How many partners a campaign can have before it needs staff to recruit
/// and support them.
const MANY_PARTNERS: usize = 6;

/// What the route-map reads from a campaign: typed data, nothing else.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub partners: Vec<&'a Partner>,
    /// Organisations considered as partners (`prospects` in partners.yaml).
    pub prospects: Vec<&'a Prospect>,
    /// `coordinator` from collab.toml: the partner that staffs recruiting.
    pub coordinator: Option<&'a Id>,
    pub plan: Option<&'a Plan>,
    /// `framework` from collab.toml, used when the plan does not say.
    pub framework: Option<Framework>,
    /// Meetings in date order.
    pub meetings: Vec<&'a Meeting>,
    pub metrics: Vec<&'a Metric>,
    /// The campaign's last day.
    pub end: Option<Date>,
    pub today: Date,
    pub outside: Outside,
}

impl<'a> Facts<'a> {
    /// A campaign with nothing in it yet, on `today`.
    pub fn empty(today: Date) -> Self {
        Facts {
            partners: Vec::new(),
            prospects: Vec::new(),
            coordinator: None,
            plan: None,
            framework: None,
            meetings: Vec::new(),
            metrics: Vec::new(),
            end: None,
            today,
            outside: Outside::default(),
        }
    }

    pub fn of(campaign: &'a Campaign, today: Date, outside: Outside) -> Self {
        let info = campaign.settings().campaign();
        Facts {
            partners: campaign.partners().map(|(_, _, p)| p).collect(),
            prospects: campaign.prospects().collect(),
            coordinator: info.coordinator.as_ref(),
            plan: campaign.plan().map(|(_, p)| p),
            framework: info.framework,
            meetings: campaign.meetings_by_date(),
            metrics: campaign.metrics().map(|(_, _, m)| m).collect(),
            end: info.end,
            today,
            outside,
        }
    }

    fn held(&self, m: &Meeting) -> bool {
        m.date.is_some_and(|d| d.date() <= self.today)
    }

    fn of_type(&self, kind: MeetingType) -> impl Iterator<Item = &'a Meeting> + '_ {
        self.meetings
            .iter()
            .copied()
            .filter(move |m| m.kind == Some(kind))
    }
}

/// A step's state and what decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub state: StepState,
    pub evidence: String,
}

fn outcome(state: StepState, evidence: impl Into<String>) -> Outcome {
    Outcome {
        state,
        evidence: evidence.into(),
    }
}

use StepState::{Done, Due, NotStarted};

/// The route-map of a campaign as it stands on `today`.
pub fn phases(campaign: &Campaign, today: Date, outside: Outside) -> Vec<PhaseView> {
    let facts = Facts::of(campaign, today, outside);
    let recorded = campaign.settings().routemap.clone().unwrap_or_default();
    Phase::ALL
        .iter()
        .map(|phase| {
            let steps: Vec<StepView> = phase
                .steps()
                .map(|s| step_view(s, &facts, &recorded))
                .collect();
            PhaseView {
                id: *phase,
                title: phase.title().to_string(),
                done: steps.iter().filter(|s| s.state == Done).count(),
                steps,
            }
        })
        .collect()
}

fn step_view(step: Step, facts: &Facts<'_>, recorded: &BTreeMap<String, RouteState>) -> StepView {
    let (found, source) = match recorded.get(step.as_str()) {
        Some(RouteState::Date(d)) => (
            outcome(Done, format!("recorded as done on {d}")),
            Source::Recorded,
        ),
        Some(RouteState::Word(w)) if w == StepState::Done.as_str() => {
            (outcome(Done, "recorded as done"), Source::Recorded)
        }
        _ => (evidence(step, facts), Source::Files),
    };
    StepView {
        id: step,
        title: step.title().to_string(),
        state: found.state,
        state_label: found.state.label().to_string(),
        evidence: found.evidence,
        source,
    }
}

/// The state of `step` read from the campaign's files.
pub fn evidence(step: Step, f: &Facts<'_>) -> Outcome {
    match step {
        Step::ReviewPlan => only_recorded(),
        Step::StakeholderAnalysis => stakeholder_analysis(f),
        Step::AdjustActivity => adjust_activity(f),
        Step::OffersAndAsks => share("offers and gains written down", f, |p| {
            !p.offers.is_empty() && !p.gains.is_empty()
        }),
        Step::PartnerStaffing => partner_staffing(f),
        Step::OasisSummary => plan_summary(f),
        Step::BriefingMeeting => meeting(
            f,
            MeetingType::InitialPartnering,
            "initial partnering meeting",
        ),
        Step::WrittenConfirmation => share("written confirmation", f, |p| p.confirmed.is_some()),
        Step::IntentionShared => share("sign-off and sponsor named", f, |p| {
            p.sign_off.is_some() && p.sponsor.is_some()
        }),
        Step::RegularCatchUps => catch_ups(f),
        Step::UnifyingLogo => logo(f),
        Step::PartnerPack => partner_pack(f),
        Step::CaptureMetrics => capture_metrics(f),
        Step::SuccessesAcknowledged => successes_acknowledged(f),
        Step::FinalEvaluation => final_evaluation(f),
        Step::EvaluationShared => evaluation_shared(f),
        Step::FinalMeeting => meeting(f, MeetingType::FinalReview, "final review meeting"),
    }
}

/// A step collab cannot see in the files.
fn only_recorded() -> Outcome {
    outcome(
        NotStarted,
        "record it in collab.toml under [routemap] when done",
    )
}

fn pid<'a>(p: &&'a Partner) -> &'a str {
    p.id.as_ref().map_or("?", |i| i.as_str())
}

/// Done / due / not started for "n of m partners; missing: …" evidence.
fn share(what: &str, f: &Facts<'_>, ok: impl Fn(&Partner) -> bool) -> Outcome {
    let (done, missing): (Vec<&&Partner>, Vec<&&Partner>) = f.partners.iter().partition(|p| ok(p));
    let total = f.partners.len();
    if total == 0 {
        return outcome(NotStarted, format!("{what}: no partners yet"));
    }
    let state = if missing.is_empty() {
        Done
    } else if done.is_empty() {
        NotStarted
    } else {
        Due
    };
    let mut evidence = format!("{what}: {} of {total} partners", done.len());
    if !missing.is_empty() {
        let ids: Vec<&str> = missing.into_iter().map(pid).collect();
        evidence.push_str(&format!("; missing: {}", ids.join(", ")));
    }
    outcome(state, evidence)
}

fn partner_staffing(f: &Facts<'_>) -> Outcome {
    let n = f.partners.len();
    match f.coordinator {
        _ if n < MANY_PARTNERS => outcome(Done, format!("not needed for {n} partners")),
        Some(id) => outcome(
            Done,
            format!("{n} partners; `{id}` recruits and supports them"),
        ),
        None => outcome(
            Due,
            format!(
                "{n} partners: name the partner that recruits and supports them \
                 (`coordinator` under [campaign] in collab.toml)"
            ),
        ),
    }
}

/// The prospects list in partners.yaml, counted by status.
fn stakeholder_analysis(f: &Facts<'_>) -> Outcome {
    if f.prospects.is_empty() {
        return outcome(
            NotStarted,
            "no `prospects` in partners.yaml: list the organisations considered",
        );
    }
    let counts: Vec<String> = ProspectStatus::ALL
        .iter()
        .filter_map(|s| {
            let n = f.prospects.iter().filter(|p| p.status == Some(*s)).count();
            (n > 0).then(|| format!("{n} {}", s.as_str()))
        })
        .collect();
    let total = f.prospects.len();
    let mut evidence = format!("{total} organisation(s) considered");
    if !counts.is_empty() {
        evidence.push_str(&format!(": {}", counts.join(", ")));
    }
    outcome(Done, evidence)
}

/// Activities marked `changed` in the plan.
fn adjust_activity(f: &Facts<'_>) -> Outcome {
    let changed: Vec<String> = f
        .plan
        .into_iter()
        .flat_map(|p| p.activities())
        .filter_map(|a| {
            let c = a.changed.as_ref()?;
            let id = a.id.as_ref().map_or("?", |i| i.as_str());
            Some(match c.date {
                Some(d) => format!("{id} on {d}"),
                None => id.to_string(),
            })
        })
        .collect();
    if changed.is_empty() {
        outcome(
            NotStarted,
            "no activity marked `changed` yet; or record it in collab.toml under [routemap]",
        )
    } else {
        outcome(Done, format!("activity changed: {}", changed.join(", ")))
    }
}

/// Thanks recorded in a meeting, or an update pack rendered.
fn successes_acknowledged(f: &Facts<'_>) -> Outcome {
    let thanked = |held: bool| {
        f.meetings
            .iter()
            .filter(|m| !m.thanks.is_empty() && f.held(m) == held)
            .find_map(|m| m.date.map(|d| (m, d.date())))
    };
    let name = |m: &Meeting| m.id.as_ref().map_or("?", |i| i.as_str()).to_string();
    if let Some((m, d)) = thanked(true) {
        let n = m.thanks.len();
        return outcome(
            Done,
            format!("{n} success(es) thanked at `{}` on {d}", name(m)),
        );
    }
    if let Some(d) = f.outside.last_update {
        return outcome(Done, format!("update pack shared on {d}"));
    }
    match thanked(false) {
        Some((m, d)) => outcome(Due, format!("thanks planned at `{}` on {d}", name(m))),
        None => outcome(
            NotStarted,
            "no `thanks` in a meeting and no update pack rendered (`collab render --pack update`)",
        ),
    }
}

/// A final review meeting with the evaluation on its agenda.
fn evaluation_shared(f: &Facts<'_>) -> Outcome {
    let with_evaluation =
        |m: &&Meeting| m.agenda.iter().any(|i| i.topic == Some(Topic::Evaluation));
    let found: Vec<&Meeting> = f
        .of_type(MeetingType::FinalReview)
        .filter(with_evaluation)
        .collect();
    let held = found.iter().filter(|m| f.held(m)).find_map(|m| m.date);
    let planned = found.iter().find_map(|m| m.date);
    match (held, planned) {
        (Some(d), _) => outcome(
            Done,
            format!(
                "evaluation on the agenda of the final review held on {}",
                d.date()
            ),
        ),
        (None, Some(d)) => outcome(
            Due,
            format!(
                "evaluation on the agenda of the final review planned for {}",
                d.date()
            ),
        ),
        (None, None) if f.of_type(MeetingType::FinalReview).next().is_some() => outcome(
            Due,
            "the final review meeting has no `evaluation` item on its agenda",
        ),
        (None, None) => outcome(
            NotStarted,
            "no final review meeting with `evaluation` on its agenda",
        ),
    }
}

fn plan_summary(f: &Facts<'_>) -> Outcome {
    let Some(plan) = f.plan else {
        return outcome(NotStarted, "no plan yet");
    };
    let fw = plan.framework.or(f.framework).unwrap_or(Framework::Oasis);
    let missing: Vec<&str> = plan
        .sections_present(fw)
        .iter()
        .filter(|(_, present)| !present)
        .map(|(s, _)| s.key(fw))
        .collect();
    if missing.is_empty() {
        outcome(Done, format!("{} plan has all five sections", fw.label()))
    } else {
        outcome(
            Due,
            format!(
                "plan has {} of 5 sections; missing: {}",
                5 - missing.len(),
                missing.join(", ")
            ),
        )
    }
}

/// Held, planned or missing: a meeting of one type.
fn meeting(f: &Facts<'_>, kind: MeetingType, what: &str) -> Outcome {
    let dates = || {
        f.of_type(kind)
            .filter_map(|m| m.date.map(|d| (f.held(m), d)))
    };
    let held = dates().filter(|(h, _)| *h).map(|(_, d)| d).min();
    let planned = dates().filter(|(h, _)| !h).map(|(_, d)| d).min();
    match (held, planned) {
        (Some(d), _) => outcome(Done, format!("{what} held on {}", d.date())),
        (None, Some(d)) => outcome(Due, format!("{what} planned for {}", d.date())),
        (None, None) => outcome(NotStarted, format!("no {what} in the meeting files")),
    }
}

fn catch_ups(f: &Facts<'_>) -> Outcome {
    let cadence = f
        .plan
        .and_then(|p| p.implementation.as_ref())
        .and_then(|i| i.updates.as_ref())
        .and_then(|u| u.cadence);
    let held = f
        .of_type(MeetingType::CatchUp)
        .filter(|m| f.held(m))
        .count();
    match (cadence.map(|c| c.as_str()), held) {
        (Some(r), n) if n > 0 => outcome(
            Done,
            format!("{r} updates agreed; {n} catch-up meeting(s) held"),
        ),
        (Some(r), _) => outcome(Due, format!("{r} updates agreed; no catch-up held yet")),
        (None, n) if n > 0 => outcome(
            Due,
            format!("{n} catch-up meeting(s) held, but no update rhythm in the plan"),
        ),
        (None, _) => outcome(NotStarted, "no update rhythm and no catch-up meetings"),
    }
}

fn logo(f: &Facts<'_>) -> Outcome {
    let decided = f
        .meetings
        .iter()
        .flat_map(|m| &m.decisions)
        .find(|d| d.to_lowercase().contains("logo"));
    match decided {
        Some(d) => outcome(Done, format!("decision: {d}")),
        None => only_recorded(),
    }
}

fn partner_pack(f: &Facts<'_>) -> Outcome {
    if f.outside.partner_pack_rendered {
        outcome(Done, "partner pack rendered")
    } else {
        outcome(
            NotStarted,
            "no partner pack rendered yet (`collab render --pack partner`)",
        )
    }
}

/// The update rhythm in days: the plan's cadence, weekly when it has none.
fn cadence_days(f: &Facts<'_>) -> (i64, &'static str) {
    let cadence = f
        .plan
        .and_then(|p| p.implementation.as_ref())
        .and_then(|i| i.updates.as_ref())
        .and_then(|u| u.cadence);
    match cadence {
        Some(Cadence::Fortnightly) => (14, "fortnight"),
        Some(Cadence::Monthly) => (31, "month"),
        Some(Cadence::Weekly) | None => (7, "week"),
    }
}

/// The day of an update rendered within the last cadence period.
fn recent_update(f: &Facts<'_>) -> Option<(Date, &'static str)> {
    let (days, period) = cadence_days(f);
    let d = f.outside.last_update.filter(|d| *d <= f.today)?;
    let age = d.0.until((jiff::Unit::Day, f.today.0)).ok()?.get_days();
    (i64::from(age) < days).then_some((d, period))
}

fn capture_metrics(f: &Facts<'_>) -> Outcome {
    let found = figures_recorded(f);
    let with = f.metrics.iter().filter(|m| !m.actuals.is_empty()).count();
    match (recent_update(f), with) {
        (_, 0) => found,
        // Figures shared in an update this period: captured and shared.
        (Some((d, period)), _) => outcome(
            Done,
            format!(
                "{}; update shared on {d}, within the last {period}",
                found.evidence
            ),
        ),
        (None, _) => outcome(
            found.state,
            format!(
                "{}; no update shared in the last {} (`collab render --pack update`)",
                found.evidence,
                cadence_days(f).1
            ),
        ),
    }
}

/// Which metrics have figures.
fn figures_recorded(f: &Facts<'_>) -> Outcome {
    let total = f.metrics.len();
    let with = f.metrics.iter().filter(|m| !m.actuals.is_empty()).count();
    if total == 0 {
        outcome(NotStarted, "no metrics yet")
    } else if with == total {
        outcome(Done, format!("figures recorded for all {total} metrics"))
    } else if with == 0 {
        outcome(
            NotStarted,
            format!("no figures recorded yet for {total} metrics"),
        )
    } else {
        let missing: Vec<&str> = f
            .metrics
            .iter()
            .filter(|m| m.actuals.is_empty())
            .filter_map(|m| m.id.as_ref().map(|i| i.as_str()))
            .collect();
        outcome(
            Due,
            format!(
                "figures recorded for {with} of {total} metrics; none yet for {}",
                missing.join(", ")
            ),
        )
    }
}

/// Objectives whose metrics do not all have a figure on or after the
/// objective's deadline (its `by`, or the campaign's end).
fn without_final_figures<'p>(f: &Facts<'_>, plan: &'p Plan) -> Vec<&'p str> {
    let mut pending = Vec::new();
    for o in plan.objective_items() {
        let Some(oid) = &o.id else { continue };
        let deadline = o.by.or(f.end);
        let mut linked = f.metrics.iter().filter(|m| o.measured_by(m)).peekable();
        let some = linked.peek().is_some();
        let final_figure = some
            && linked.all(|m| {
                latest(&m.actuals)
                    .and_then(|a| a.date)
                    .is_some_and(|d| deadline.is_none_or(|dl| d >= dl))
            });
        if !final_figure {
            pending.push(oid.as_str());
        }
    }
    pending
}

fn final_evaluation(f: &Facts<'_>) -> Outcome {
    let Some(plan) = f.plan.filter(|p| !p.objective_items().is_empty()) else {
        return outcome(NotStarted, "no objectives to evaluate");
    };
    let pending = without_final_figures(f, plan);
    let ended = f.end.is_some_and(|e| f.today > e);
    if pending.is_empty() {
        outcome(Done, "every objective's metrics have a final figure")
    } else if ended {
        outcome(
            Due,
            format!(
                "campaign has ended; no final figures yet for {}",
                pending.join(", ")
            ),
        )
    } else {
        outcome(
            NotStarted,
            format!(
                "final figures come after the campaign ends{}",
                f.end.map(|e| format!(" ({e})")).unwrap_or_default()
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluation::Actual;
    use crate::model::meeting::Meeting;
    use crate::model::partners::Offer;
    use crate::model::plan::{Implementation, Objective, Objectives, Strategy};
    use crate::model::{DateTime, Id};

    fn day(s: &str) -> Date {
        Date::parse(s).expect("a test date")
    }

    fn partner(id: &str, complete: bool) -> Partner {
        Partner {
            id: Some(Id(id.into())),
            offers: if complete { vec![Offer::Staff] } else { vec![] },
            gains: if complete {
                vec!["reach".into()]
            } else {
                vec![]
            },
            confirmed: complete.then(|| day("2026-01-05")),
            ..Partner::default()
        }
    }

    fn meeting(kind: MeetingType, at: &str) -> Meeting {
        Meeting {
            kind: Some(kind),
            date: DateTime::parse(at),
            ..Meeting::default()
        }
    }

    fn state(step: Step, f: &Facts<'_>) -> (StepState, String) {
        let o = evidence(step, f);
        (o.state, o.evidence)
    }

    #[test]
    fn an_empty_campaign_has_started_nothing_it_can_see() {
        let f = Facts::empty(day("2026-03-01"));
        for step in Step::ALL {
            let expected = match step {
                Step::PartnerStaffing => Done,
                _ => NotStarted,
            };
            assert_eq!(evidence(*step, &f).state, expected, "{step:?}");
        }
    }

    #[test]
    fn partner_steps_count_the_partners_who_have_done_it() {
        let (a, b) = (partner("police", true), partner("nhs", false));
        let mut f = Facts::empty(day("2026-03-01"));
        f.partners = vec![&a, &b];
        assert_eq!(
            state(Step::OffersAndAsks, &f),
            (
                Due,
                "offers and gains written down: 1 of 2 partners; missing: nhs".into()
            )
        );
        f.partners = vec![&a];
        assert_eq!(state(Step::WrittenConfirmation, &f).0, Done);
        f.partners = vec![&b];
        assert_eq!(state(Step::WrittenConfirmation, &f).0, NotStarted);
        let many: Vec<Partner> = (0..6).map(|i| partner(&format!("p{i}"), true)).collect();
        f.partners = many.iter().collect();
        assert_eq!(state(Step::PartnerStaffing, &f).0, Due);
    }

    #[test]
    fn meetings_are_held_or_planned_by_today() {
        let first = meeting(MeetingType::InitialPartnering, "2026-02-10T10:00");
        let later = meeting(MeetingType::FinalReview, "2026-09-10T10:00");
        let mut f = Facts::empty(day("2026-03-01"));
        f.meetings = vec![&first, &later];
        assert_eq!(
            state(Step::BriefingMeeting, &f),
            (Done, "initial partnering meeting held on 2026-02-10".into())
        );
        assert_eq!(
            state(Step::FinalMeeting, &f),
            (Due, "final review meeting planned for 2026-09-10".into())
        );
        assert_eq!(state(Step::RegularCatchUps, &f).0, NotStarted);
    }

    #[test]
    fn the_plan_summary_names_the_missing_sections_in_the_framework_s_words() {
        let plan = Plan {
            framework: Some(Framework::Rosie),
            strategy: Some(Strategy::default()),
            implementation: Some(Implementation::default()),
            ..Plan::default()
        };
        let mut f = Facts::empty(day("2026-03-01"));
        f.plan = Some(&plan);
        assert_eq!(
            state(Step::OasisSummary, &f),
            (
                Due,
                "plan has 2 of 5 sections; missing: research, objectives, evaluation".into()
            )
        );
    }

    #[test]
    fn final_evaluation_waits_for_figures_after_the_deadline() {
        let plan = Plan {
            objectives: Some(Objectives {
                aim: None,
                items: vec![Objective {
                    id: Some(Id("o1".into())),
                    ..Objective::default()
                }],
            }),
            ..Plan::default()
        };
        let figure = |d: &str| Actual {
            date: Some(day(d)),
            value: Some(1.0),
            ..Actual::default()
        };
        let mut metric = Metric {
            id: Some(Id("m1".into())),
            objective: Some(Id("o1".into())),
            actuals: vec![figure("2026-05-01")],
            ..Metric::default()
        };
        let mut f = Facts::empty(day("2026-07-01"));
        f.plan = Some(&plan);
        f.end = Some(day("2026-06-30"));
        let before = metric.clone();
        f.metrics = vec![&before];
        assert_eq!(
            state(Step::FinalEvaluation, &f),
            (
                Due,
                "campaign has ended; no final figures yet for o1".into()
            )
        );
        metric.actuals.push(figure("2026-06-30"));
        f.metrics = vec![&metric];
        assert_eq!(state(Step::FinalEvaluation, &f).0, Done);
        assert_eq!(state(Step::CaptureMetrics, &f).0, Done);
    }

    #[test]
    fn an_update_rendered_in_the_last_cadence_period_counts_as_sharing_figures() {
        let with = Metric {
            actuals: vec![Actual {
                date: Some(day("2026-05-01")),
                value: Some(1.0),
                ..Actual::default()
            }],
            ..Metric::default()
        };
        let without = Metric {
            id: Some(Id("m2".into())),
            ..Metric::default()
        };
        let mut f = Facts::empty(day("2026-05-10"));
        f.metrics = vec![&with, &without];
        assert_eq!(state(Step::CaptureMetrics, &f).0, Due);
        assert!(
            state(Step::CaptureMetrics, &f)
                .1
                .contains("no update shared in the last week")
        );
        // Rendered six days ago, weekly by default: done.
        f.outside.last_update = Some(day("2026-05-04"));
        assert_eq!(
            state(Step::CaptureMetrics, &f),
            (
                Done,
                "figures recorded for 1 of 2 metrics; none yet for m2; \
                 update shared on 2026-05-04, within the last week"
                    .into()
            )
        );
        // Seven days ago is outside a weekly period.
        f.outside.last_update = Some(day("2026-05-03"));
        assert_eq!(state(Step::CaptureMetrics, &f).0, Due);
        // A monthly rhythm reaches back further.
        let plan = Plan {
            implementation: Some(Implementation {
                updates: Some(crate::model::plan::Updates {
                    cadence: Some(Cadence::Monthly),
                    ..Default::default()
                }),
                ..Implementation::default()
            }),
            ..Plan::default()
        };
        f.plan = Some(&plan);
        assert_eq!(state(Step::CaptureMetrics, &f).0, Done);
        // No figures at all: an update alone is not evidence.
        f.metrics = vec![&without];
        assert_eq!(state(Step::CaptureMetrics, &f).0, NotStarted);
    }

    #[test]
    fn stakeholder_analysis_is_done_once_prospects_are_listed() {
        let mut f = Facts::empty(day("2026-03-01"));
        assert_eq!(state(Step::StakeholderAnalysis, &f).0, NotStarted);
        let prospect = |status| Prospect {
            name: Some("Lancashire libraries".into()),
            status: Some(status),
            ..Prospect::default()
        };
        let (yes, no, asked) = (
            prospect(ProspectStatus::Confirmed),
            prospect(ProspectStatus::Declined),
            prospect(ProspectStatus::Approached),
        );
        f.prospects = vec![&yes, &no, &asked];
        assert_eq!(
            state(Step::StakeholderAnalysis, &f),
            (
                Done,
                "3 organisation(s) considered: 1 approached, 1 declined, 1 confirmed".into()
            )
        );
    }

    #[test]
    fn partner_staffing_needs_a_coordinator_only_past_five_partners() {
        let many: Vec<Partner> = (0..6).map(|i| partner(&format!("p{i}"), true)).collect();
        let mut f = Facts::empty(day("2026-03-01"));
        f.partners = many.iter().take(5).collect();
        assert_eq!(
            state(Step::PartnerStaffing, &f),
            (Done, "not needed for 5 partners".into())
        );
        f.partners = many.iter().collect();
        assert_eq!(state(Step::PartnerStaffing, &f).0, Due);
        let id = Id("p0".into());
        f.coordinator = Some(&id);
        assert_eq!(
            state(Step::PartnerStaffing, &f),
            (Done, "6 partners; `p0` recruits and supports them".into())
        );
    }

    #[test]
    fn an_activity_marked_changed_is_evidence_of_adjusting() {
        let plan = Plan {
            implementation: Some(Implementation {
                activities: vec![crate::model::plan::Activity {
                    id: Some(Id("radio".into())),
                    ..Default::default()
                }],
                ..Implementation::default()
            }),
            ..Plan::default()
        };
        let mut f = Facts::empty(day("2026-03-01"));
        f.plan = Some(&plan);
        assert_eq!(state(Step::AdjustActivity, &f).0, NotStarted);
        let mut changed = plan.clone();
        if let Some(i) = changed.implementation.as_mut() {
            i.activities[0].changed = Some(crate::model::plan::Change {
                date: Some(day("2026-02-20")),
                reason: Some("Moved after the review".into()),
            });
        }
        f.plan = Some(&changed);
        assert_eq!(
            state(Step::AdjustActivity, &f),
            (Done, "activity changed: radio on 2026-02-20".into())
        );
    }

    #[test]
    fn intention_is_shared_when_every_partner_names_sign_off_and_sponsor() {
        let mut named = partner("police", true);
        named.sign_off = Some(crate::model::Contact::default());
        named.sponsor = Some(crate::model::Contact::default());
        let half = Partner {
            sign_off: Some(crate::model::Contact::default()),
            ..partner("nhs", true)
        };
        let mut f = Facts::empty(day("2026-03-01"));
        f.partners = vec![&named, &half];
        assert_eq!(
            state(Step::IntentionShared, &f),
            (
                Due,
                "sign-off and sponsor named: 1 of 2 partners; missing: nhs".into()
            )
        );
        f.partners = vec![&named];
        assert_eq!(state(Step::IntentionShared, &f).0, Done);
        f.partners = vec![&half];
        assert_eq!(state(Step::IntentionShared, &f).0, NotStarted);
    }

    #[test]
    fn successes_are_acknowledged_by_thanks_or_an_update() {
        let mut f = Facts::empty(day("2026-03-01"));
        assert_eq!(state(Step::SuccessesAcknowledged, &f).0, NotStarted);
        let mut later = meeting(MeetingType::CatchUp, "2026-04-01T10:00");
        later.thanks = vec!["Preston volunteers".into()];
        f.meetings = vec![&later];
        assert_eq!(state(Step::SuccessesAcknowledged, &f).0, Due);
        let mut held = meeting(MeetingType::CatchUp, "2026-02-01T10:00");
        held.id = Some(Id("catch-up-feb".into()));
        held.thanks = vec!["Preston volunteers".into()];
        f.meetings = vec![&held, &later];
        assert_eq!(
            state(Step::SuccessesAcknowledged, &f),
            (
                Done,
                "1 success(es) thanked at `catch-up-feb` on 2026-02-01".into()
            )
        );
        f.meetings = vec![];
        f.outside.last_update = Some(day("2026-02-20"));
        assert_eq!(
            state(Step::SuccessesAcknowledged, &f),
            (Done, "update pack shared on 2026-02-20".into())
        );
    }

    #[test]
    fn the_evaluation_is_shared_at_a_final_review_with_it_on_the_agenda() {
        let mut f = Facts::empty(day("2026-10-01"));
        assert_eq!(state(Step::EvaluationShared, &f).0, NotStarted);
        let review = meeting(MeetingType::FinalReview, "2026-09-10T10:00");
        f.meetings = vec![&review];
        assert_eq!(
            state(Step::EvaluationShared, &f),
            (
                Due,
                "the final review meeting has no `evaluation` item on its agenda".into()
            )
        );
        let mut with = review.clone();
        with.agenda = vec![crate::model::meeting::AgendaItem {
            topic: Some(Topic::Evaluation),
            ..Default::default()
        }];
        f.meetings = vec![&with];
        assert_eq!(
            state(Step::EvaluationShared, &f),
            (
                Done,
                "evaluation on the agenda of the final review held on 2026-09-10".into()
            )
        );
        f.today = day("2026-09-01");
        assert_eq!(state(Step::EvaluationShared, &f).0, Due);
    }

    #[test]
    fn a_recorded_step_is_done_whatever_the_files_say() {
        let f = Facts::empty(day("2026-03-01"));
        let mut recorded = BTreeMap::new();
        recorded.insert("review-plan".to_string(), RouteState::Word("done".into()));
        recorded.insert(
            "partner-pack".to_string(),
            RouteState::Date(day("2026-02-01")),
        );
        recorded.insert("final-meeting".to_string(), RouteState::Word("soon".into()));
        let view = |s| step_view(s, &f, &recorded);
        assert_eq!(view(Step::ReviewPlan).state, Done);
        assert_eq!(view(Step::ReviewPlan).source, Source::Recorded);
        assert_eq!(
            view(Step::PartnerPack).evidence,
            "recorded as done on 2026-02-01"
        );
        assert_eq!(view(Step::FinalMeeting).source, Source::Files);
        assert_eq!(view(Step::FinalMeeting).state_label, "Not started");
        let json = serde_json::to_value(view(Step::PartnerPack)).expect("serialises");
        assert_eq!(json["id"], "partner-pack");
        assert_eq!(json["state"], "done");
        assert_eq!(json["source"], "recorded");
    }
}
