//! The campaign's risks as `status` and the briefing pack show them: every
//! recorded risk (risks have no status, so all are open), highest impact
//! first, then highest likelihood, then by id. A risk with no impact or
//! likelihood comes after those that have one.

use std::cmp::Reverse;

use serde::Serialize;

use super::names::Names;
use crate::campaign::Campaign;
use crate::model::risk::{Risk, RiskLevel};

/// One risk, ready to lay out.
#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub id: String,
    /// The barrier's key (`senior-churn`), and its label.
    pub barrier: Option<String>,
    pub barrier_label: Option<String>,
    pub description: Option<String>,
    /// `low`, `medium` or `high`, and their labels.
    pub likelihood: Option<String>,
    pub likelihood_label: Option<String>,
    pub impact: Option<String>,
    pub impact_label: Option<String>,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub mitigation: Option<String>,
    /// The next review date, `YYYY-MM-DD`.
    pub review: Option<String>,
    /// The kind of document it is recorded in (`plan`).
    pub recorded_in: String,
}

/// The campaign's risks, in the order the briefing and `status` show them.
pub fn views(campaign: &Campaign, names: &Names<'_>) -> Vec<RiskView> {
    let mut risks: Vec<(&str, &Risk)> = campaign
        .risks()
        .into_iter()
        .map(|(home, r)| (home.as_str(), r.value))
        .collect();
    risks.sort_by_key(|(_, r)| order(r));
    risks
        .into_iter()
        .map(|(home, r)| view(r, home, names))
        .collect()
}

/// Highest impact first, then highest likelihood (unknown last), then id.
fn order(
    r: &Risk,
) -> (
    Reverse<Option<RiskLevel>>,
    Reverse<Option<RiskLevel>>,
    String,
) {
    let id = r.id.as_ref().map_or_else(String::new, |i| i.to_string());
    (Reverse(r.impact), Reverse(r.likelihood), id)
}

fn view(r: &Risk, home: &str, names: &Names<'_>) -> RiskView {
    let text = |s: &Option<String>| {
        s.as_ref()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    RiskView {
        id: r.id.as_ref().map_or_else(String::new, |i| i.to_string()),
        barrier: r.barrier.map(|b| b.as_str().to_string()),
        barrier_label: r.barrier.map(|b| b.label()),
        description: text(&r.description),
        likelihood: r.likelihood.map(|l| l.as_str().to_string()),
        likelihood_label: r.likelihood.map(RiskLevel::label),
        impact: r.impact.map(|l| l.as_str().to_string()),
        impact_label: r.impact.map(RiskLevel::label),
        owner: r.owner.as_ref().map(|o| o.to_string()),
        owner_name: names.partner(r.owner.as_ref()),
        mitigation: text(&r.mitigation),
        review: r.review.map(|d| d.to_string()),
        recorded_in: home.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn risks_come_by_impact_then_likelihood_then_id() {
        let plan = "kind: plan\nrisks:\n\
            - { id: b-low, description: x, impact: low, likelihood: high }\n\
            - { id: none, description: x }\n\
            - { id: z-high, description: x, impact: high, likelihood: low }\n\
            - { id: a-high, description: x, impact: high, likelihood: low }\n\
            - { id: top, description: x, impact: high, likelihood: high, owner: ho }\n";
        let partners = "kind: partners\npartners:\n  - { id: ho, name: Home Office }\n";
        let ws = crate::load::campaign_from_texts(
            Path::new("/campaign"),
            "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\n",
            &[("plan.yaml", plan), ("partners.yaml", partners)],
        );
        let campaign = &ws.campaigns[0];
        let got = views(campaign, &Names::of(campaign));
        let ids: Vec<&str> = got.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["top", "a-high", "z-high", "b-low", "none"]);
        assert_eq!(got[0].owner_name.as_deref(), Some("Home Office"));
        assert_eq!(got[0].impact_label.as_deref(), Some("High"));
        assert_eq!(got[0].recorded_in, "plan");
    }
}
