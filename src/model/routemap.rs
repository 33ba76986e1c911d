//! The collaboration route-map: three phases of steps, each step with the
//! id `[routemap]` in collab.toml names it by. This is the one list of the
//! steps; the view works out each step's state from the campaign's files.

use serde::Serialize;

/// The three phases of the route-map, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Preparation,
    Implementation,
    Evaluation,
}

keyed!(Phase {
    Preparation => "preparation",
    Implementation => "implementation",
    Evaluation => "evaluation",
});

impl Phase {
    pub fn title(self) -> &'static str {
        match self {
            Phase::Preparation => "Preparation",
            Phase::Implementation => "Implementation",
            Phase::Evaluation => "Evaluation",
        }
    }

    /// The phase's steps, in order.
    pub fn steps(self) -> impl Iterator<Item = Step> {
        Step::ALL.iter().copied().filter(move |s| s.phase() == self)
    }
}

/// One step of the route-map, in route-map order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    ReviewPlan,
    StakeholderAnalysis,
    OffersAndAsks,
    PartnerStaffing,
    OasisSummary,
    BriefingMeeting,
    WrittenConfirmation,
    IntentionShared,
    RegularCatchUps,
    UnifyingLogo,
    PartnerPack,
    CaptureMetrics,
    SuccessesAcknowledged,
    AdjustActivity,
    FinalEvaluation,
    EvaluationShared,
    FinalMeeting,
}

keyed!(Step {
    ReviewPlan => "review-plan",
    StakeholderAnalysis => "stakeholder-analysis",
    OffersAndAsks => "offers-and-asks",
    PartnerStaffing => "partner-staffing",
    OasisSummary => "oasis-summary",
    BriefingMeeting => "briefing-meeting",
    WrittenConfirmation => "written-confirmation",
    IntentionShared => "intention-shared",
    RegularCatchUps => "regular-catch-ups",
    UnifyingLogo => "unifying-logo",
    PartnerPack => "partner-pack",
    CaptureMetrics => "capture-metrics",
    SuccessesAcknowledged => "successes-acknowledged",
    AdjustActivity => "adjust-activity",
    FinalEvaluation => "final-evaluation",
    EvaluationShared => "evaluation-shared",
    FinalMeeting => "final-meeting",
});

impl Step {
    /// The phase the step belongs to.
    pub fn phase(self) -> Phase {
        use Step::*;
        match self {
            ReviewPlan | StakeholderAnalysis | OffersAndAsks | PartnerStaffing | OasisSummary => {
                Phase::Preparation
            }
            BriefingMeeting | WrittenConfirmation | IntentionShared | RegularCatchUps
            | UnifyingLogo | PartnerPack => Phase::Implementation,
            CaptureMetrics
            | SuccessesAcknowledged
            | AdjustActivity
            | FinalEvaluation
            | EvaluationShared
            | FinalMeeting => Phase::Evaluation,
        }
    }

    /// What the step is, for readers.
    pub fn title(self) -> &'static str {
        match self {
            Step::ReviewPlan => "Review the year-ahead plan for shared campaigns",
            Step::StakeholderAnalysis => "Stakeholder analysis to find partners",
            Step::OffersAndAsks => "What each partner offers and asks",
            Step::PartnerStaffing => "Staff to recruit and support many partners",
            Step::OasisSummary => "Campaign summarised in OASIS (or ROSIE) form",
            Step::BriefingMeeting => "Briefing meeting with partners",
            Step::WrittenConfirmation => "Written confirmation from every partner",
            Step::IntentionShared => "Intention to collaborate shared across each organisation",
            Step::RegularCatchUps => "Regular catch-ups",
            Step::UnifyingLogo => "A unifying campaign logo, or a decision not to",
            Step::PartnerPack => "Partner and stakeholder pack",
            Step::CaptureMetrics => "Metrics captured and shared weekly",
            Step::SuccessesAcknowledged => "Local partner successes acknowledged",
            Step::AdjustActivity => "Activity adjusted on the evidence",
            Step::FinalEvaluation => "Final evaluation against local and national objectives",
            Step::EvaluationShared => "Final evaluation shared with all partners",
            Step::FinalMeeting => "Final meeting: review, lessons and thanks",
        }
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    Done,
    Due,
    NotStarted,
}

keyed!(StepState {
    Done => "done",
    Due => "due",
    NotStarted => "not-started",
});

impl StepState {
    pub fn label(self) -> &'static str {
        match self {
            StepState::Done => "Done",
            StepState::Due => "Due",
            StepState::NotStarted => "Not started",
        }
    }
}

/// Where a step's state was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Worked out from the campaign's files.
    Files,
    /// Recorded by hand under `[routemap]` in collab.toml.
    Recorded,
}

keyed!(Source {
    Files => "files",
    Recorded => "recorded",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_in_one_phase_in_order() {
        let by_phase: Vec<Step> = Phase::ALL.iter().flat_map(|p| p.steps()).collect();
        assert_eq!(by_phase, Step::ALL);
        assert_eq!(Phase::Preparation.steps().count(), 5);
        assert_eq!(Phase::Implementation.steps().count(), 6);
        assert_eq!(Phase::Evaluation.steps().count(), 6);
        assert_eq!(Step::parse("unifying-logo"), Some(Step::UnifyingLogo));
        assert_eq!(Step::parse("unifying-logos"), None);
    }
}
