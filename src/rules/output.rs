//! Output rules, checked by `collab render` when it writes packs.

use super::{Family, Rule};
use crate::model::config::RuleLevel;

pub const SENSITIVE_PUBLIC_PACK: &str = "sensitive-public-pack";

pub const RULES: &[Rule] = &[Rule {
    id: SENSITIVE_PUBLIC_PACK,
    family: Family::Output,
    default: RuleLevel::Deny,
    summary: "rendering the public partner pack of an `OFFICIAL-SENSITIVE` campaign",
    explanation: "Checked when packs are rendered: refuses to write the external partner and \
stakeholder pack for a campaign whose `classification` is `OFFICIAL-SENSITIVE`.\n\n\
Why: the partner pack is made to be passed on, put on a micro-site or shared platform, and \
read by people outside the joint team. Sensitive material must not leave the team that way.\n\n\
Fix: render only the internal packs, or, if the campaign is no longer sensitive, change the \
classification.\n\n\
Bad:\n\n    [campaign]\n    classification = \"OFFICIAL-SENSITIVE\"   # and `collab render --pack \
partner`\n\n\
Good:\n\n    [campaign]\n    classification = \"OFFICIAL\"\n",
}];
