//! Structure rules: the file is YAML, every key is known, every value fits,
//! ids are unique, references resolve, there is one plan in the right
//! framework and at most one charter, and dates run forwards. Always errors; they cannot be allowed.
//!
//! The syntax and schema rules are reported while loading (see
//! [`crate::load`] and [`crate::check`]) and `collab.toml`'s own checks in
//! [`config`]; the campaign-wide ones have a `check` here.

pub mod config;
mod defined;

pub mod date_order;
pub mod duplicate_id;
pub mod duplicate_key;
pub mod framework_mismatch;
pub mod invalid_value;
pub mod missing_field;
pub mod missing_plan;
pub mod multiple_charters;
pub mod multiple_plans;
pub mod toml_syntax;
pub mod unknown_field;
pub mod unknown_kind;
pub mod unknown_reference;
pub mod yaml_syntax;

pub use config::check_config;
pub use missing_field::check_document;
