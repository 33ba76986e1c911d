//! The partnership charter as the packs show it: "How we work together" in
//! the briefing pack, and the principles read back in the evaluation pack.

use serde::Serialize;

use super::names::Names;
use crate::campaign::Campaign;
use crate::model::Id;
use crate::model::charter::{Charter, PRINCIPLES};

/// The charter, ready to lay out.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CharterView {
    pub purpose: Option<String>,
    pub expectations: Vec<String>,
    pub decisions: Option<String>,
    /// Each partner's champion, in partner order, then any others by id.
    pub champions: Vec<PartnerText>,
    pub sharing: Vec<String>,
    pub learning: Option<String>,
    /// Why each partner is in it, in the same order as `champions`.
    pub drivers: Vec<PartnerText>,
    /// The six principles, each with what the charter says for it.
    pub principles: Vec<PrincipleView>,
}

/// A partner with a line of text about it.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerText {
    pub partner: String,
    /// The partner's name, or its id when it has none.
    pub partner_name: String,
    pub text: String,
}

/// One partnership principle and the charter's words for it.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipleView {
    pub key: String,
    pub title: String,
    /// What the charter says for it, one line per item; empty when nothing.
    pub said: Vec<String>,
}

/// The view of the campaign's charter, when it has one.
pub fn view(campaign: &Campaign, names: &Names<'_>) -> Option<CharterView> {
    let charter = campaign.charter()?;
    let order: Vec<&Id> = campaign
        .partners()
        .filter_map(|(_, _, p)| p.id.as_ref())
        .collect();
    let champions = by_partner(&charter.leadership, &order, names);
    let principles = PRINCIPLES
        .iter()
        .map(|(p, fields)| PrincipleView {
            key: p.as_str().to_string(),
            title: p.title().to_string(),
            said: fields
                .iter()
                .flat_map(|f| said(charter, f, &champions))
                .collect(),
        })
        .collect();
    Some(CharterView {
        purpose: text(&charter.purpose),
        expectations: lines(&charter.expectations),
        decisions: text(&charter.decisions),
        drivers: by_partner(&charter.drivers, &order, names),
        champions,
        sharing: lines(&charter.sharing),
        learning: text(&charter.learning),
        principles,
    })
}

/// What field `field` says, as lines.
fn said(charter: &Charter, field: &str, champions: &[PartnerText]) -> Vec<String> {
    match field {
        "purpose" => text(&charter.purpose).into_iter().collect(),
        "expectations" => lines(&charter.expectations),
        "decisions" => text(&charter.decisions).into_iter().collect(),
        "leadership" => champions
            .iter()
            .map(|c| format!("{} ({})", c.text, c.partner_name))
            .collect(),
        "sharing" => lines(&charter.sharing),
        "learning" => text(&charter.learning).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn text(t: &Option<String>) -> Option<String> {
    t.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn lines(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The non-blank entries of a map keyed by partner id: partners in the
/// order the partners document gives them, then unknown ids.
fn by_partner(
    map: &std::collections::BTreeMap<Id, String>,
    order: &[&Id],
    names: &Names<'_>,
) -> Vec<PartnerText> {
    let rank = |id: &Id| order.iter().position(|o| *o == id).unwrap_or(order.len());
    let mut entries: Vec<(&Id, &String)> =
        map.iter().filter(|(_, t)| !t.trim().is_empty()).collect();
    entries.sort_by_key(|(id, _)| rank(id));
    entries
        .into_iter()
        .map(|(id, t)| PartnerText {
            partner: id.to_string(),
            partner_name: names.partner(Some(id)).unwrap_or_else(|| id.to_string()),
            text: t.trim().to_string(),
        })
        .collect()
}
