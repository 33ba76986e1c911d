#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/sensitive-public-pack.md"))]

//! Checked by `collab render` when it writes packs (see
//! [`crate::commands::render`]): no check here.
