#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/duplicate-key.md"))]

//! Reported while loading (see [`crate::load`] and [`crate::check`]): no check here.
