//! The campaign every fuzz case runs in: the OASIS example, built into the
//! binary so a case needs no file system. Shared with `tests/fuzz.rs`.

use std::sync::OnceLock;

use collab::harness::{Prepared, Setting, prepare};

const CONFIG: &str = include_str!("../../examples/winter-fire-safety/collab.toml");

const FILES: &[(&str, &str)] = &[
    (
        "plan.yaml",
        include_str!("../../examples/winter-fire-safety/plan.yaml"),
    ),
    (
        "partners.yaml",
        include_str!("../../examples/winter-fire-safety/partners.yaml"),
    ),
    (
        "evaluation.yaml",
        include_str!("../../examples/winter-fire-safety/evaluation.yaml"),
    ),
    (
        "charter.yaml",
        include_str!("../../examples/winter-fire-safety/charter.yaml"),
    ),
    (
        "meetings/agency-briefing.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/agency-briefing.yaml"),
    ),
    (
        "meetings/initial-partnering.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/initial-partnering.yaml"),
    ),
    (
        "meetings/catch-up-2026-10-20.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/catch-up-2026-10-20.yaml"),
    ),
    (
        "meetings/catch-up-2026-11-17.yaml",
        include_str!("../../examples/winter-fire-safety/meetings/catch-up-2026-11-17.yaml"),
    ),
];

pub fn setting() -> Setting<'static> {
    Setting {
        config: CONFIG,
        files: FILES,
    }
}

/// The setting, loaded once per process.
pub fn prepared() -> &'static Prepared {
    static PREPARED: OnceLock<Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| prepare(setting()))
}
