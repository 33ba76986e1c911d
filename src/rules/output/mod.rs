//! Output rules, checked by `collab render` when it writes packs.

pub mod sensitive_public_pack;
