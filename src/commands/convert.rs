//! `collab convert`: OASIS <-> ROSIE.

use std::path::Path;

use crate::cli::{ConvertArgs, Global};
use crate::{Error, Outcome};

pub fn run(_cwd: &Path, _global: &Global, _args: ConvertArgs) -> Result<Outcome, Error> {
    Err(Error::Failed("collab convert is being built".into()))
}
