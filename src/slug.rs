//! Slugs: text turned into lower-case ASCII letters and digits joined by
//! single hyphens, the shape of an id (`Fire Service` → `fire-service`).
//! The one slug function; calendar keys, suggested ids and new ids all
//! come from here.
//!
//! Text with no ASCII letter or digit in it (empty, blank, `!!`, `—`) has
//! no slug: [`slug`] gives `None`, and each caller says what it uses
//! instead, so an empty id is never made by accident.

/// The slug of `text`, or `None` when nothing of it is left.
///
/// Every run of characters that are not ASCII letters or digits becomes
/// one hyphen, and there is none at either end:
/// `"Pre-election period, May 2027"` → `pre-election-period-may-2027`.
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

/// The id to suggest for `text`: its slug, or `my-id` when it has none.
pub fn id_for(text: &str) -> String {
    slug(text).unwrap_or_else(|| "my-id".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_hyphenated_lower_case() {
        assert_eq!(slug("Fire Service").as_deref(), Some("fire-service"));
        assert_eq!(slug("  NHS_Trust!! ").as_deref(), Some("nhs-trust"));
        assert_eq!(
            slug("Pre-election period, May 2027 local elections").as_deref(),
            Some("pre-election-period-may-2027-local-elections")
        );
        assert_eq!(slug("  ¡Hola!  ").as_deref(), Some("hola"));
        assert_eq!(slug("a--b").as_deref(), Some("a-b"));
    }

    #[test]
    fn text_with_nothing_to_keep_has_no_slug() {
        for text in ["", "   ", "!!", "—", "éé"] {
            assert_eq!(slug(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_suggested_id_is_never_empty() {
        assert_eq!(id_for("Fire Service"), "fire-service");
        assert_eq!(id_for(""), "my-id");
        assert_eq!(id_for("!!"), "my-id");
    }
}
