//! `kind: partners`: the organisations in the campaign and what each brings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Contact, Date, FormatVersion, Id};

/// The partners document: every organisation taking part.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnersDoc {
    pub version: Option<FormatVersion>,
    /// One entry per organisation taking part in the campaign.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Organisations considered as partners in the stakeholder analysis,
    /// whether or not they joined.
    #[serde(default)]
    pub prospects: Vec<Prospect>,
}

/// An organisation considered as a partner.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prospect {
    /// The organisation's name.
    #[schemars(required)]
    pub name: Option<String>,
    /// What kind of public body or organisation it is.
    pub sector: Option<Sector>,
    /// How far the approach has gone.
    #[schemars(required)]
    pub status: Option<ProspectStatus>,
    /// Why, or what happens next, in a sentence.
    pub note: Option<String>,
}

/// How far an approach to a prospective partner has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProspectStatus {
    /// On the list, not yet asked.
    Considered,
    /// Asked, no answer yet.
    Approached,
    /// Said no.
    Declined,
    /// Said yes.
    Confirmed,
}

keyed!(ProspectStatus {
    Considered => "considered",
    Approached => "approached",
    Declined => "declined",
    Confirmed => "confirmed",
});

/// One organisation taking part in the campaign.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Short kebab-case id other files use to name this partner, e.g. `lancs-fire`.
    #[schemars(required)]
    pub id: Option<Id>,
    /// The organisation's name as partners know it.
    #[schemars(required)]
    pub name: Option<String>,
    /// What kind of public body or organisation this is.
    #[schemars(required)]
    pub sector: Option<Sector>,
    /// Regions or areas the partner covers.
    #[serde(default)]
    pub regions: Vec<String>,
    /// How closely this partner works on the campaign, from sharing information to co-designing it.
    #[schemars(required)]
    pub level: Option<CollabLevel>,
    /// The formal shape of the partnership, if there is one.
    pub form: Option<Form>,
    /// The partner's project lead: the person who answers for the campaign day to day.
    pub lead: Option<Contact>,
    /// A deputy, so the link survives when the lead is away or moves on.
    pub deputy: Option<Contact>,
    /// Who signs off the partner's part of the campaign.
    pub sign_off: Option<Contact>,
    /// A senior sponsor who backs the campaign inside the organisation.
    pub sponsor: Option<Contact>,
    /// Date the partner confirmed in writing that it will take part.
    pub confirmed: Option<Date>,
    /// What the partner brings to the campaign.
    #[serde(default)]
    pub offers: Vec<Offer>,
    /// What the partner gets out of taking part, in its own words.
    #[serde(default)]
    pub gains: Vec<String>,
    /// Channels the partner can use for the campaign.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Free tags that help people find this partner across campaigns.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Internal notes for the joint team. Never printed in the public partner pack.
    pub notes: Option<String>,
}

/// The sector a partner belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    CentralGovernment,
    ArmsLengthBody,
    LocalAuthority,
    Police,
    FireAndRescue,
    Nhs,
    VoluntaryCommunity,
    Private,
    Other,
}

keyed!(Sector {
    CentralGovernment => "central-government",
    ArmsLengthBody => "arms-length-body",
    LocalAuthority => "local-authority",
    Police => "police",
    FireAndRescue => "fire-and-rescue",
    Nhs => "nhs",
    VoluntaryCommunity => "voluntary-community",
    Private => "private",
    Other => "other",
});

impl Sector {
    /// Organisations that work in a place rather than nationally.
    pub fn is_local(self) -> bool {
        matches!(
            self,
            Sector::LocalAuthority
                | Sector::Police
                | Sector::FireAndRescue
                | Sector::Nhs
                | Sector::VoluntaryCommunity
        )
    }
}

/// The four levels of partnering, from lightest to deepest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CollabLevel {
    /// Sharing insight or data; no joint activity.
    InformationSharing,
    /// Helping another organisation reach its goal, e.g. by pushing out its content.
    Participation,
    /// Working on a shared goal with different priorities, using or making content to a brief.
    CoOperation,
    /// Co-designing and co-delivering the campaign from the start.
    Collaboration,
}

keyed!(CollabLevel {
    InformationSharing => "information-sharing",
    Participation => "participation",
    CoOperation => "co-operation",
    Collaboration => "collaboration",
});

/// The formal shape of a partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    InformalAlliance,
    ContractBasedAlliance,
    JointVenture,
    GroupStructure,
    Merger,
}

keyed!(Form {
    InformalAlliance => "informal-alliance",
    ContractBasedAlliance => "contract-based-alliance",
    JointVenture => "joint-venture",
    GroupStructure => "group-structure",
    Merger => "merger",
});

/// Resources a partner can bring.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Offer {
    AudienceInsight,
    Evaluation,
    JointMediaBuying,
    CampaignAssets,
    OwnedChannels,
    CaseStudies,
    LocalPilots,
    SkillsTransfer,
    InternalChannels,
    Funding,
    Staff,
}

keyed!(Offer {
    AudienceInsight => "audience-insight",
    Evaluation => "evaluation",
    JointMediaBuying => "joint-media-buying",
    CampaignAssets => "campaign-assets",
    OwnedChannels => "owned-channels",
    CaseStudies => "case-studies",
    LocalPilots => "local-pilots",
    SkillsTransfer => "skills-transfer",
    InternalChannels => "internal-channels",
    Funding => "funding",
    Staff => "staff",
});

/// A channel a partner can put campaign content through.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Kebab-case id the plan uses to name this channel.
    pub id: Option<Id>,
    /// What the channel is, e.g. "Fire service Facebook page".
    pub name: Option<String>,
    /// Owned, earned, paid or shared.
    #[serde(rename = "type")]
    pub kind: Option<ChannelType>,
    /// How many people the channel reaches.
    pub reach: Option<u64>,
}

/// The PESO type of a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelType {
    Owned,
    Earned,
    Paid,
    Shared,
}

keyed!(ChannelType {
    Owned => "owned",
    Earned => "earned",
    Paid => "paid",
    Shared => "shared",
});
