//! The "your part" view: one partner's own pack, built from the public
//! view (so it is public-safe) and, field by field, from the few parts of
//! the campaign view that concern that partner: the activities it runs or
//! that use its channels, its open actions, the metrics it collects (the
//! method and when the next figure is due, never the figures), the
//! meetings it is invited to, and what it gains.
//!
//! Left out, as in the partner pack: e-mail addresses and phone numbers
//! (except the campaign's shared mailbox), budgets, notes, figures.

use super::gantt::Gantt;
use serde::Serialize;

use super::public::{
    PublicAsset, PublicBlackout, PublicBrand, PublicCampaign, PublicMilestone, PublicPartner,
    PublicProtocols, PublicView,
};
use super::{ActionView, CampaignView, MeetingView, MetricView};
use crate::model::Date;
use crate::model::evaluation::Frequency;

/// Everything one partner's pack sees.
#[derive(Debug, Clone, Serialize)]
pub struct YourPartView {
    pub today: String,
    pub campaign: PublicCampaign,
    /// The partner the pack is for.
    pub partner: PublicPartner,
    /// Whether that partner leads the campaign.
    pub is_lead: bool,
    /// The first page: counts and next dates.
    pub summary: YourSummary,
    /// What we ask of you.
    pub activities: Vec<YourActivity>,
    pub actions: Vec<YourAction>,
    pub metrics: Vec<YourMetric>,
    /// What you get: your own gains, and what the other partners bring.
    pub gains: Vec<String>,
    pub others: Vec<OtherPartner>,
    /// Key dates.
    pub milestones: Vec<PublicMilestone>,
    pub meetings: Vec<YourMeeting>,
    pub blackouts: Vec<PublicBlackout>,
    /// What to use and how.
    pub assets: Vec<PublicAsset>,
    pub brand: Option<PublicBrand>,
    pub protocols: PublicProtocols,
    /// The one contact route.
    pub contact: ContactRoute,
    /// The whole campaign's timeline, as the partner pack shows it (no
    /// meetings, no internal milestones), so a partner sees its part in
    /// context.
    pub gantt: Gantt,
}

#[derive(Debug, Clone, Serialize)]
pub struct YourSummary {
    pub activities: usize,
    /// Activities under way today.
    pub running: usize,
    /// The first day of the next activity that starts after today.
    pub next_activity: Option<String>,
    pub actions: usize,
    pub overdue_actions: usize,
    /// The earliest due date among the open actions.
    pub next_action_due: Option<String>,
    pub metrics: usize,
    /// The earliest date a figure is due.
    pub next_figure_due: Option<String>,
    pub next_meeting: Option<YourMeeting>,
    pub assets: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct YourActivity {
    pub id: String,
    pub name: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub owner_name: Option<String>,
    pub channel_name: Option<String>,
    /// The partner runs it.
    pub runs_it: bool,
    /// It goes out on one of the partner's channels.
    pub on_your_channel: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct YourAction {
    pub id: String,
    pub action: String,
    pub due: Option<String>,
    pub overdue: bool,
    pub meeting_title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YourMetric {
    pub id: String,
    pub name: String,
    pub stage_label: Option<String>,
    pub method: Option<String>,
    pub frequency: Option<String>,
    pub frequency_label: Option<String>,
    /// The next date a figure is due, when one is.
    pub next_due: Option<String>,
    /// That date has passed with no figure.
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OtherPartner {
    pub id: String,
    pub name: String,
    pub offer_labels: Vec<String>,
    /// Names of its channels.
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YourMeeting {
    pub id: String,
    pub title: String,
    pub type_label: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `HH:MM`.
    pub time: Option<String>,
    pub location: Option<String>,
    /// The partner chairs it.
    pub chairs: bool,
}

/// How to reach the campaign: the shared mailbox, and the lead partner's
/// organisation and the role of its lead (never a person's address).
#[derive(Debug, Clone, Serialize)]
pub struct ContactRoute {
    pub mailbox: Option<String>,
    pub lead_organisation: Option<String>,
    pub lead_role: Option<String>,
}

/// The ids of every partner, in the order the partner files list them.
pub fn partner_ids(view: &CampaignView) -> Vec<&str> {
    view.partners.iter().map(|p| p.id.as_str()).collect()
}

/// The pack of every partner (with an id), in partner order.
pub fn all(view: &CampaignView) -> Vec<YourPartView> {
    let public = PublicView::new(view);
    partner_ids(view)
        .into_iter()
        .filter_map(|id| build(view, &public, id))
        .collect()
}

/// The pack of partner `id`, or `None` when there is no such partner.
pub fn for_partner(view: &CampaignView, id: &str) -> Option<YourPartView> {
    build(view, &PublicView::new(view), id)
}

fn build(view: &CampaignView, public: &PublicView, id: &str) -> Option<YourPartView> {
    if id.is_empty() {
        return None;
    }
    let full = view.partners.iter().find(|p| p.id == id)?;
    let partner = public.partners.iter().find(|p| p.id == id)?.clone();
    let activities = activities(public, &partner);
    let actions = actions(&view.open_actions, id);
    let metrics = metrics(view, id);
    let meetings = meetings(&view.meetings, id, &view.today);
    let summary = summary(view, &activities, &actions, &metrics, &meetings, public);
    Some(YourPartView {
        today: public.today.clone(),
        campaign: public.campaign.clone(),
        is_lead: public.campaign.lead.as_deref() == Some(id),
        summary,
        activities,
        actions,
        metrics,
        gains: full.gains.clone(),
        others: others(public, id),
        milestones: public.plan.milestones.clone(),
        meetings,
        blackouts: public.blackouts.clone(),
        assets: public.plan.assets.clone(),
        brand: public.plan.brand.clone(),
        protocols: public.plan.protocols.clone(),
        contact: contact(public),
        gantt: public.gantt.clone(),
        partner,
    })
}

fn summary(
    view: &CampaignView,
    activities: &[YourActivity],
    actions: &[YourAction],
    metrics: &[YourMetric],
    meetings: &[YourMeeting],
    public: &PublicView,
) -> YourSummary {
    let today = view.today.as_str();
    YourSummary {
        activities: activities.len(),
        running: activities
            .iter()
            .filter(|a| {
                a.start.as_deref().is_some_and(|s| s <= today)
                    && a.end.as_deref().or(a.start.as_deref()) >= Some(today)
            })
            .count(),
        next_activity: activities
            .iter()
            .filter_map(|a| a.start.clone())
            .filter(|s| s.as_str() > today)
            .min(),
        actions: actions.len(),
        overdue_actions: actions.iter().filter(|a| a.overdue).count(),
        next_action_due: actions.iter().filter_map(|a| a.due.clone()).min(),
        metrics: metrics.len(),
        next_figure_due: metrics.iter().filter_map(|m| m.next_due.clone()).min(),
        next_meeting: meetings.first().cloned(),
        assets: public.plan.assets.len(),
    }
}

/// The activities the partner runs or that use one of its channels, by
/// first day (undated last), then id.
fn activities(public: &PublicView, partner: &PublicPartner) -> Vec<YourActivity> {
    let own_channel = |c: &Option<String>| {
        c.as_ref()
            .is_some_and(|c| partner.channels.iter().any(|pc| pc.id.as_ref() == Some(c)))
    };
    let mut out: Vec<YourActivity> = public
        .plan
        .activities
        .iter()
        .filter_map(|a| {
            let runs_it = a.owner.as_deref() == Some(partner.id.as_str());
            let on_your_channel = own_channel(&a.channel);
            (runs_it || on_your_channel).then(|| YourActivity {
                id: a.id.clone(),
                name: a.name.clone(),
                start: a.start.clone(),
                end: a.end.clone(),
                owner_name: a.owner_name.clone(),
                channel_name: a.channel_name.clone(),
                runs_it,
                on_your_channel,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.start.is_none(), &a.start, &a.id).cmp(&(b.start.is_none(), &b.start, &b.id))
    });
    out
}

/// The partner's open actions, in the order the campaign view keeps them
/// (by due date, then id).
fn actions(open: &[ActionView], id: &str) -> Vec<YourAction> {
    open.iter()
        .filter(|a| a.owner.as_deref() == Some(id))
        .map(|a| YourAction {
            id: a.id.clone(),
            action: a.action.clone(),
            due: a.due.clone(),
            overdue: a.overdue,
            meeting_title: a.meeting_title.clone(),
        })
        .collect()
}

fn metrics(view: &CampaignView, id: &str) -> Vec<YourMetric> {
    let today = Date::parse(&view.today);
    let launch = view.campaign.launch.as_deref().and_then(Date::parse);
    let end = view.campaign.end.as_deref().and_then(Date::parse);
    view.metrics
        .iter()
        .filter(|m| m.owner.as_deref() == Some(id))
        .map(|m| {
            let next = next_figure_due(m, launch, end);
            YourMetric {
                id: m.id.clone(),
                name: m.name.clone(),
                stage_label: m.stage_label.clone(),
                method: m.method.clone(),
                frequency: m.frequency.clone(),
                frequency_label: m
                    .frequency
                    .as_deref()
                    .and_then(Frequency::parse)
                    .map(Frequency::label),
                next_due: next.map(|d| d.to_string()),
                overdue: next.zip(today).is_some_and(|(n, t)| n < t),
            }
        })
        .collect()
}

/// When the next figure of `m` is due: one period after the latest figure
/// (or after launch when there is none yet), and no later than the
/// campaign's end; a metric measured `once` or at the `end` is due at the
/// end until it has a figure from then. `None` when nothing more is due.
pub fn next_figure_due(m: &MetricView, launch: Option<Date>, end: Option<Date>) -> Option<Date> {
    let latest = m
        .actuals
        .iter()
        .filter_map(|a| a.date.as_deref().and_then(Date::parse))
        .max();
    let frequency = m.frequency.as_deref().and_then(Frequency::parse)?;
    let months = |n: i64| jiff::Span::new().months(n);
    let days = |n: i64| jiff::Span::new().days(n);
    let period = match frequency {
        Frequency::Weekly => days(7),
        Frequency::Fortnightly => days(14),
        Frequency::Monthly => months(1),
        Frequency::Quarterly => months(3),
        Frequency::Once => return latest.is_none().then_some(end).flatten(),
        Frequency::End => {
            return match (latest, end) {
                (Some(l), Some(e)) if l >= e => None,
                (_, e) => e,
            };
        }
    };
    let from = latest.or(launch)?;
    let next = Date(from.0.checked_add(period).ok()?);
    match end {
        Some(e) if from >= e => None,
        Some(e) if next > e => Some(e),
        _ => Some(next),
    }
}

/// The meetings from today on that the partner chairs or attends, by date.
fn meetings(all: &[MeetingView], id: &str, today: &str) -> Vec<YourMeeting> {
    let mut out: Vec<YourMeeting> = all
        .iter()
        .filter(|m| m.date.as_deref().is_some_and(|d| d >= today))
        .filter_map(|m| {
            let chairs = m.chair.as_deref() == Some(id);
            let attends = m.attendees.iter().any(|a| a.partner.as_deref() == Some(id));
            (chairs || attends).then(|| YourMeeting {
                id: m.id.clone(),
                title: m.title.clone(),
                type_label: m.type_label.clone(),
                // The day only: the time has a field of its own.
                date: m
                    .date
                    .as_deref()
                    .map(|d| d.split_once('T').map_or(d, |(day, _)| day).to_string()),
                time: m.time.clone(),
                location: m.location.clone(),
                chairs,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.date, &a.time, &a.id).cmp(&(&b.date, &b.time, &b.id)));
    out
}

/// What each other partner brings.
fn others(public: &PublicView, id: &str) -> Vec<OtherPartner> {
    public
        .partners
        .iter()
        .filter(|p| p.id != id)
        .map(|p| OtherPartner {
            id: p.id.clone(),
            name: p.name.clone(),
            offer_labels: p.offer_labels.clone(),
            channels: p
                .channels
                .iter()
                .filter_map(|c| c.name.clone().or_else(|| c.id.clone()))
                .collect(),
        })
        .collect()
}

fn contact(public: &PublicView) -> ContactRoute {
    let lead = public
        .campaign
        .lead
        .as_deref()
        .and_then(|l| public.partners.iter().find(|p| p.id == l));
    ContactRoute {
        mailbox: public.campaign.contact.clone(),
        lead_organisation: public.campaign.lead_name.clone(),
        lead_role: lead
            .and_then(|p| p.lead.as_ref())
            .and_then(|c| c.role.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{Outside, build as build_view};

    const CONFIG: &str = r#"[campaign]
id = "c"
name = "Campaign"
framework = "oasis"
lead = "lead-org"
launch = 2026-12-01
end = 2027-02-28
contact = "team@example.gov.uk"
"#;

    const PARTNERS: &str = r#"kind: partners
partners:
  - id: lead-org
    name: Lead Org
    sector: central-government
    level: collaboration
    lead: { name: Pat Lee, role: Campaign manager, email: pat.lee@example.gov.uk, phone: "020 7946 0000" }
    offers: [funding]
    gains: [Reach]
    channels:
      - { id: lead-social, name: Lead social, type: owned }
  - id: fire
    name: Fire Service
    sector: fire-and-rescue
    level: collaboration
    offers: [local-pilots]
    gains: [More bookings]
    channels:
      - { id: fire-visits, name: Home visits, type: owned }
"#;

    const PLAN: &str = r#"kind: plan
framework: oasis
title: Campaign
implementation:
  activities:
    - { id: late, name: Late, owner: fire, start: 2027-01-10, end: 2027-01-20, budget: 900 }
    - { id: visits, name: Visits, owner: lead-org, channel: fire-visits, start: 2026-12-01, end: 2026-12-07 }
    - { id: other, name: Other, owner: lead-org, channel: lead-social, start: 2026-12-01 }
assets:
  - { id: toolkit, name: Toolkit, kind: toolkit, owner: lead-org, where: "https://example.gov.uk/t", available: 2026-11-20 }
  - { id: posters, name: Posters, kind: print, owner: fire, where: Station 1 }
protocols: { local_sign_off: Heads of comms sign off }
"#;

    const EVALUATION: &str = r#"kind: evaluation
metrics:
  - { id: bookings, name: Bookings, stage: outcome, owner: fire, method: Booking system, frequency: monthly,
      actuals: [{ date: 2026-12-31, value: 10 }] }
  - { id: fresh, name: Fresh, stage: output, owner: fire, frequency: weekly }
  - { id: final, name: Final, stage: outcome, owner: lead-org, frequency: end }
"#;

    const NEXT: &str = "kind: meeting
id: next
type: catch-up
title: Next catch-up
date: 2027-01-12T10:00
chair: lead-org
attendees: [{ partner: fire }]
";

    const PAST: &str = "kind: meeting
id: past
type: catch-up
title: Past catch-up
date: 2026-12-01T10:00
chair: lead-org
attendees: [{ partner: fire }]
";

    fn view() -> CampaignView {
        let ws = crate::load::campaign_from_texts(
            std::path::Path::new("/campaign"),
            CONFIG,
            &[
                ("partners.yaml", PARTNERS),
                ("plan.yaml", PLAN),
                ("evaluation.yaml", EVALUATION),
                ("meetings/next.yaml", NEXT),
                ("meetings/past.yaml", PAST),
            ],
        );
        let today = Date::parse("2027-01-05").expect("a date");
        build_view(&ws.campaigns[0], today, Outside::default())
    }

    #[test]
    fn asks_a_partner_for_what_it_runs_and_what_goes_out_on_its_channels() {
        let v = view();
        let fire = for_partner(&v, "fire").expect("the fire service's pack");
        let ids: Vec<&str> = fire.activities.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["visits", "late"]);
        assert!(fire.activities[0].on_your_channel && !fire.activities[0].runs_it);
        assert!(fire.activities[1].runs_it);
        assert_eq!(fire.summary.activities, 2);
        assert_eq!(fire.summary.next_activity.as_deref(), Some("2027-01-10"));
        assert_eq!(fire.summary.running, 0);
        assert_eq!(fire.gains, v.partners[1].gains);
        assert!(!fire.is_lead);
        let others: Vec<&str> = fire.others.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(others, ["Lead Org"]);
    }

    #[test]
    fn a_figure_is_due_one_period_after_the_latest_or_after_launch() {
        let v = view();
        let fire = for_partner(&v, "fire").expect("the fire service's pack");
        let due: Vec<(&str, Option<&str>, bool)> = fire
            .metrics
            .iter()
            .map(|m| (m.id.as_str(), m.next_due.as_deref(), m.overdue))
            .collect();
        assert_eq!(
            due,
            [
                ("bookings", Some("2027-01-31"), false),
                ("fresh", Some("2026-12-08"), true),
            ]
        );
        assert_eq!(fire.summary.next_figure_due.as_deref(), Some("2026-12-08"));
        let lead = for_partner(&v, "lead-org").expect("the lead's pack");
        assert_eq!(lead.metrics[0].next_due.as_deref(), Some("2027-02-28"));
        assert!(lead.is_lead);
    }

    #[test]
    fn the_contact_route_is_the_mailbox_and_the_lead_role_only() {
        let v = view();
        let fire = for_partner(&v, "fire").expect("the fire service's pack");
        assert_eq!(fire.contact.mailbox.as_deref(), Some("team@example.gov.uk"));
        assert_eq!(fire.contact.lead_organisation.as_deref(), Some("Lead Org"));
        assert_eq!(fire.contact.lead_role.as_deref(), Some("Campaign manager"));
        let json = serde_json::to_string(&fire).expect("serialises");
        assert!(!json.contains("pat.lee@"), "{json}");
        assert!(!json.contains("7946"), "{json}");
        assert!(!json.contains("budget"), "{json}");
        assert!(!json.contains("900"), "{json}");
        assert_eq!(fire.assets.len(), 2);
        assert!(fire.assets[0].is_link && !fire.assets[1].is_link);
        assert_eq!(
            fire.protocols.local_sign_off.as_deref(),
            Some("Heads of comms sign off")
        );
    }

    #[test]
    fn every_partner_gets_a_pack_and_an_unknown_one_none() {
        let v = view();
        let ids: Vec<String> = all(&v).into_iter().map(|p| p.partner.id).collect();
        assert_eq!(ids, ["lead-org", "fire"]);
        assert!(for_partner(&v, "police").is_none());
        assert!(for_partner(&v, "").is_none());
    }

    #[test]
    fn key_dates_hold_the_meetings_ahead_that_the_partner_is_invited_to() {
        let v = view();
        let fire = for_partner(&v, "fire").expect("the fire service's pack");
        let ids: Vec<(&str, bool)> = fire
            .meetings
            .iter()
            .map(|m| (m.id.as_str(), m.chairs))
            .collect();
        assert_eq!(ids, [("next", false)]);
        let next = fire.summary.next_meeting.expect("a next meeting");
        assert_eq!(next.date.as_deref(), Some("2027-01-12"));
        assert_eq!(next.time.as_deref(), Some("10:00"));
        let lead = for_partner(&v, "lead-org").expect("the lead's pack");
        assert!(lead.meetings[0].chairs);
    }
}
