#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/yaml-syntax.md"))]

//! Reported while loading (see [`crate::load`] and [`crate::check`]): no check here.
