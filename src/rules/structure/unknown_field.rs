#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/unknown-field.md"))]

//! Reported while loading (see [`crate::load`] and [`crate::check`]): no check here.
