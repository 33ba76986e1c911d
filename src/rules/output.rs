//! Output rules, checked by `collab render` when it writes packs.

use super::{Family, Rule};
use crate::model::config::RuleLevel;

pub const SENSITIVE_PUBLIC_PACK: &str = "sensitive-public-pack";

/// Not a rule that reports anything: the guarantee that the public partner
/// pack (and the public directory) never show personal contact details.
/// `collab explain` describes it; [`crate::render::public_view`] enforces it.
pub const PERSONAL_DATA_IN_PUBLIC_PACK: &str = "personal-data-in-public-pack";

/// What `collab explain personal-data-in-public-pack` prints.
pub const PERSONAL_DATA_EXPLANATION: &str = "personal-data-in-public-pack  (output guarantee)\n\
Level: not a finding; nothing to set\n\n\
The public partner and stakeholder pack, and the public edition of the workspace directory, \
never show e-mail addresses or phone numbers, whatever the templates ask for. They are built \
from a copy of the campaign with every contact's e-mail and phone, activity budgets, money \
metrics and notes removed, and with anything shaped like an e-mail address or a UK phone \
number replaced in free text. The internal briefing pack keeps them for the joint team.\n";

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
