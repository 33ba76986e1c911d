//! `collab schema`: the JSON Schemas for every document kind, for
//! `collab.toml`, and for the report of `validate --format json`.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{bound, print_stdout};
use crate::cli::SchemaArgs;
use crate::model::Kind;
use crate::schema::{CONFIG_SCHEMA_FILE, REPORT_SCHEMA_FILE, file_name, schemas};
use crate::{Error, Lookup, Outcome};

pub fn run(cwd: &Path, args: SchemaArgs) -> Result<Outcome, Error> {
    if let Some(dir) = &args.out {
        let dir = cwd.join(dir);
        let written = write_all(&bound(cwd, &dir, &dir), &dir)?;
        eprintln!("wrote {written} schemas to {}", dir.display());
        return Ok(Outcome::Success);
    }
    let value = match args.kind.as_deref() {
        Some("config") => schemas().config.clone(),
        Some("report") => crate::schema::report(),
        Some(kind) => match Kind::parse(kind) {
            Some(k) => schemas().for_kind(k).clone(),
            None => return Err(Error::not_found(Lookup::Schema, kind, [])),
        },
        None => {
            let mut all = Map::new();
            for (name, schema) in schemas().files() {
                all.insert(name.to_string(), schema.clone());
            }
            Value::Object(all)
        }
    };
    print_stdout(&pretty(&value))?;
    Ok(Outcome::Success)
}

/// Write every schema into `dir`, inside `root`, all or none; returns how
/// many were written.
pub fn write_all(root: &Path, dir: &Path) -> Result<usize, Error> {
    let mut files: Vec<(PathBuf, String)> = schemas()
        .files()
        .iter()
        .map(|(name, schema)| (dir.join(name), pretty(schema)))
        .collect();
    files.push((
        dir.join(REPORT_SCHEMA_FILE),
        pretty(&crate::schema::report()),
    ));
    crate::write::write_files(root, &files)?;
    Ok(files.len())
}

fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// The schema file a document of `kind` should point at.
pub fn schema_file(kind: Option<Kind>) -> &'static str {
    kind.map_or(CONFIG_SCHEMA_FILE, file_name)
}
