//! JSON Schema (2020-12) for every document kind and for `collab.toml`,
//! generated from the model types. The same schemas serve editors (written
//! by `collab schema` and `collab init`) and the loader's structure check.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value as Json, json};

use crate::model::{Charter, Config, EvaluationDoc, Kind, Meeting, PartnersDoc, Plan};

/// The schema files collab writes, by file name.
pub struct Schemas {
    pub partners: Json,
    pub plan: Json,
    pub evaluation: Json,
    pub meeting: Json,
    pub charter: Json,
    pub config: Json,
}

impl Schemas {
    pub fn for_kind(&self, kind: Kind) -> &Json {
        match kind {
            Kind::Partners => &self.partners,
            Kind::Plan => &self.plan,
            Kind::Evaluation => &self.evaluation,
            Kind::Meeting => &self.meeting,
            Kind::Charter => &self.charter,
        }
    }

    /// Every schema with the file name it is written to.
    pub fn files(&self) -> Vec<(&'static str, &Json)> {
        vec![
            (CONFIG_SCHEMA_FILE, &self.config),
            (file_name(Kind::Charter), &self.charter),
            (file_name(Kind::Evaluation), &self.evaluation),
            (file_name(Kind::Meeting), &self.meeting),
            (file_name(Kind::Partners), &self.partners),
            (file_name(Kind::Plan), &self.plan),
        ]
    }
}

/// File name of the `collab.toml` schema.
pub const CONFIG_SCHEMA_FILE: &str = "collab.json";

/// Folder inside a campaign where `init` writes the schemas.
pub const SCHEMA_DIR: &str = ".collab/schema";

/// File name of a document kind's schema.
pub fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Partners => "partners.json",
        Kind::Plan => "plan.json",
        Kind::Evaluation => "evaluation.json",
        Kind::Meeting => "meeting.json",
        Kind::Charter => "charter.json",
    }
}

/// File name of the schema of `validate --format json`'s report.
pub const REPORT_SCHEMA_FILE: &str = "report.json";

/// The JSON Schema of `collab validate --format json`'s output, generated
/// from the types that print it.
pub fn report() -> Json {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<crate::output::json::JsonReport>();
    let value = finish(
        schema,
        "collab validate --format json",
        "The report `collab validate --format json` prints: the report format's version, the tool, every finding and a summary.",
    );
    // `$schema`, `title` and `description` first, for a person reading it.
    let Json::Object(mut rest) = value else {
        return value;
    };
    let mut ordered = Map::new();
    for key in ["$schema", "title", "description"] {
        if let Some(v) = rest.remove(key) {
            ordered.insert(key.into(), v);
        }
    }
    ordered.extend(rest);
    Json::Object(ordered)
}

/// The schemas, generated once per process.
pub fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(|| Schemas {
        partners: document::<PartnersDoc>(
            Kind::Partners,
            "The organisations in a joint campaign, what each brings and gains, and who to contact.",
        ),
        plan: document::<Plan>(
            Kind::Plan,
            "The campaign plan in OASIS or ROSIE form.",
        ),
        evaluation: document::<EvaluationDoc>(
            Kind::Evaluation,
            "The evaluation framework: metrics from inputs to impact, and partnership outcomes.",
        ),
        meeting: document::<Meeting>(
            Kind::Meeting,
            "A meeting of the joint campaign team: agenda, attendees, decisions and actions.",
        ),
        charter: document::<Charter>(
            Kind::Charter,
            "The partnership charter: what the partners agree about working together.",
        ),
        config: finish(
            generate::<Config>(),
            "collab.toml",
            "Settings of one collab campaign folder.",
        ),
    })
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

fn finish(schema: Schema, title: &str, description: &str) -> Json {
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), json!(title));
        obj.insert("description".into(), json!(description));
    }
    value
}

/// A document kind's schema: the model type's schema with the `kind` key
/// added in front, required and fixed to the kind's name.
fn document<T: JsonSchema>(kind: Kind, description: &str) -> Json {
    let mut value = finish(
        generate::<T>(),
        &format!("collab {kind} document"),
        description,
    );
    if let Some(obj) = value.as_object_mut() {
        let mut props = Map::new();
        props.insert(
            "kind".into(),
            json!({
                "description": "What this document is. Files without a `kind` key are not collab's and are skipped.",
                "type": "string",
                "const": kind.as_str(),
            }),
        );
        if let Some(Json::Object(old)) = obj.remove("properties") {
            props.extend(old);
        }
        obj.insert("properties".into(), Json::Object(props));
        let mut required = vec![json!("kind")];
        if let Some(Json::Array(old)) = obj.remove("required") {
            required.extend(old);
        }
        obj.insert("required".into(), Json::Array(required));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_strict_and_require_what_format_md_requires() {
        let s = schemas();
        assert_eq!(s.partners["additionalProperties"], json!(false));
        assert_eq!(s.partners["required"], json!(["kind"]));
        let partner = &s.partners["$defs"]["Partner"];
        assert_eq!(
            partner["required"],
            json!(["id", "name", "sector", "level"])
        );
        assert_eq!(partner["additionalProperties"], json!(false));
        assert_eq!(s.plan["required"], json!(["kind", "framework", "title"]));
        assert_eq!(s.meeting["required"], json!(["kind", "id", "type", "date"]));
        assert_eq!(s.config["required"], json!(["campaign"]));
        assert_eq!(
            s.config["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema")
        );
    }
}
