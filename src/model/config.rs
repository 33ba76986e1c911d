//! `collab.toml`: the campaign's settings.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use super::{Date, Email, Framework, Id, Priority};

/// The name of the file that marks a campaign folder.
pub const CONFIG_FILE: &str = "collab.toml";

/// The whole of `collab.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Paths (globs, relative to this folder) that collab should not read, e.g. `drafts/**`.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The campaign itself.
    #[schemars(required)]
    pub campaign: Option<CampaignInfo>,
    /// Where briefing packs are written and which templates override the built-in ones.
    pub render: Option<RenderConfig>,
    /// Rule levels (`allow`, `warn` or `deny`) by rule id, and rule options.
    pub lint: Option<LintConfig>,
    /// Windows when campaign activity should not run, such as the pre-election period.
    #[serde(default)]
    pub blackout: Vec<Blackout>,
    /// Route-map steps recorded by hand: `done` or the date they were done.
    pub routemap: Option<BTreeMap<String, RouteState>>,
    /// Local areas (counties, cities, boroughs, combined authorities), each placed within a
    /// built-in region or nation or another declared area.
    #[serde(default)]
    pub region: Vec<super::region::RegionDecl>,
}

impl Config {
    pub fn out_dir(&self) -> &str {
        self.render
            .as_ref()
            .and_then(|r| r.out_dir.as_deref())
            .unwrap_or("dist")
    }

    pub fn campaign(&self) -> &CampaignInfo {
        static EMPTY: CampaignInfo = CampaignInfo::EMPTY;
        self.campaign.as_ref().unwrap_or(&EMPTY)
    }
}

/// The `[campaign]` table.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignInfo {
    /// Kebab-case id of the campaign, unique in the workspace.
    #[schemars(required)]
    pub id: Option<Id>,
    /// The campaign's name.
    #[schemars(required)]
    pub name: Option<String>,
    /// `oasis` or `rosie`: the framework the plan is written in.
    #[schemars(required)]
    pub framework: Option<Framework>,
    /// Id of the lead partner.
    pub lead: Option<Id>,
    /// Government security classification of the campaign's papers.
    pub classification: Option<Classification>,
    /// When planning starts.
    pub start: Option<Date>,
    /// Launch day.
    pub launch: Option<Date>,
    /// Last day of the campaign.
    pub end: Option<Date>,
    /// IANA timezone dates and times are in; Europe/London when left out.
    pub timezone: Option<String>,
    /// Shared priorities the campaign serves.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Regions the campaign covers.
    #[serde(default)]
    pub regions: Vec<String>,
    /// The campaign's shared mailbox: the one e-mail address public packs may show.
    pub contact: Option<Email>,
    /// Id of the partner that staffs the recruiting and support of partners,
    /// needed when there are more than five.
    pub coordinator: Option<Id>,
}

impl CampaignInfo {
    const EMPTY: CampaignInfo = CampaignInfo {
        id: None,
        name: None,
        framework: None,
        lead: None,
        classification: None,
        start: None,
        launch: None,
        end: None,
        timezone: None,
        priorities: Vec::new(),
        regions: Vec::new(),
        contact: None,
        coordinator: None,
    };

    pub fn timezone(&self) -> &str {
        self.timezone.as_deref().unwrap_or("Europe/London")
    }

    pub fn classification(&self) -> Classification {
        self.classification.unwrap_or_default()
    }
}

/// Security classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub enum Classification {
    #[default]
    #[serde(rename = "OFFICIAL")]
    Official,
    #[serde(rename = "OFFICIAL-SENSITIVE")]
    OfficialSensitive,
}

keyed!(Classification {
    Official => "OFFICIAL",
    OfficialSensitive => "OFFICIAL-SENSITIVE",
});

impl Classification {
    /// The marking as written on papers: the key itself.
    pub fn label(self) -> &'static str {
        self.as_str()
    }
}

impl std::fmt::Display for Classification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `[render]` table.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenderConfig {
    /// Folder packs are written to, relative to the campaign and inside it; `dist` when left out.
    #[schemars(extend("format" = "collab-folder"))]
    pub out_dir: Option<String>,
    /// Folder of templates that override the built-in ones by file name, relative to the campaign and inside it.
    #[schemars(extend("format" = "collab-inside"))]
    pub templates: Option<String>,
}

/// The `[lint]` table: rule id = level, plus `[lint.options]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct LintConfig {
    /// Settings that tune individual rules.
    pub options: Option<LintOptions>,
    /// Rule id = `allow`, `warn` or `deny`.
    #[serde(flatten)]
    pub levels: BTreeMap<String, RuleLevel>,
}

/// A rule's level as set in `[lint]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RuleLevel {
    Allow,
    Warn,
    Deny,
}

keyed!(RuleLevel {
    Allow => "allow",
    Warn => "warn",
    Deny => "deny",
});

/// Why `path` cannot be a folder inside the campaign that collab writes
/// into and skips when reading (`[render] out_dir`), or `None` when it can.
/// It must be relative and lead to a folder below the campaign folder:
/// `""`, `"."` or `"dist/.."` would make every document count as rendered
/// output, and an absolute path or one leading out of the campaign is not
/// the campaign's to write.
pub fn folder_problem(path: &str) -> Option<&'static str> {
    use std::path::{Component, Path};
    const ABSOLUTE: &str = "must be a path relative to the campaign folder, not an absolute path";
    if path.trim().is_empty() {
        return Some("is empty");
    }
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive || path.starts_with(['/', '\\']) {
        return Some(ABSOLUTE);
    }
    let mut depth = 0usize;
    for part in Path::new(path).components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth == 0 => {
                return Some("leads outside the campaign folder");
            }
            Component::ParentDir => depth -= 1,
            Component::RootDir | Component::Prefix(_) => return Some(ABSOLUTE),
        }
    }
    (depth == 0).then_some(
        "names the campaign folder itself, so every document in it would be skipped as rendered output",
    )
}

/// Why `path` cannot be a folder inside the campaign that collab reads from
/// (`[render] templates`), or `None` when it can: like [`folder_problem`],
/// but the campaign folder itself is allowed.
pub fn inside_problem(path: &str) -> Option<&'static str> {
    let trimmed = path.trim();
    if trimmed == "." || trimmed == "./" {
        return None;
    }
    folder_problem(path).filter(|why| !why.starts_with("names the campaign folder"))
}

/// `[lint.options]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintOptions {
    /// How many weeks before launch the initial partnering meeting should be held; 8 when left out.
    pub engagement_weeks: Option<u32>,
}

/// A window when campaign activity should not run.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Blackout {
    /// What the window is, e.g. "Pre-election period, local elections".
    pub name: Option<String>,
    /// The kind of window.
    pub kind: Option<BlackoutKind>,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
}

/// Kinds of blackout window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BlackoutKind {
    PreElection,
    Recess,
    Other,
}

keyed!(BlackoutKind {
    PreElection => "pre-election",
    Recess => "recess",
    Other => "other",
});

/// A route-map step recorded by hand: `done`, or the date it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RouteState {
    Date(Date),
    Word(String),
}

impl JsonSchema for RouteState {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "RouteState".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`done`, or the date the step was done.",
            "anyOf": [
                { "type": "string", "enum": ["done"] },
                { "type": "string", "format": "date" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::folder_problem;

    #[test]
    fn output_folders_must_lie_below_the_campaign() {
        for good in [
            "dist",
            "./dist",
            "dist/",
            "out/packs",
            "dist/../site",
            "a/b/../c",
        ] {
            assert_eq!(folder_problem(good), None, "{good}");
        }
        for bad in [
            "",
            " ",
            ".",
            "./",
            "dist/..",
            "a/b/../..",
            "..",
            "../site",
            "dist/../../x",
            "/tmp/out",
            "\\\\server\\share",
            "C:/out",
            "c:out",
        ] {
            assert!(folder_problem(bad).is_some(), "{bad:?} was accepted");
        }
    }
}
