//! Output rules, checked by `collab render` when it writes packs.

use crate::rule::Rule;

pub const SENSITIVE_PUBLIC_PACK: Rule = Rule::SensitivePublicPack;
