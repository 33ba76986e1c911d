//! Applying fixes to text: pure, no I/O. `collab validate --fix` and the
//! language server's code actions decide which fixes to apply;
//! this module splices their edits into a file's text.

use crate::diagnostic::{Applicability, Edit, Fix};

/// The result of applying fixes to one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// How many fixes were applied whole.
    pub fixed: usize,
}

/// Whether `fix` is applied at `wanted` (`Safe`: safe fixes only;
/// `Unsafe`: every fix).
pub fn wanted(fix: &Fix, wanted: Applicability) -> bool {
    fix.applicability <= wanted
}

/// Apply `fixes` to `text`: each fix whole or not at all, and only those
/// whose edits overlap no edit already taken (in the order given), as ruff
/// does; the rest wait for another round. Edits outside the text or not on
/// character boundaries are skipped.
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let (taken, fixed) = select(text, fixes);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in taken {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    Applied { text: out, fixed }
}

/// The edits [`apply`] would make to `text`, in text order and never
/// overlapping, and how many fixes they make whole (the language server
/// sends these as one document's text edits).
pub fn select<'a>(text: &str, fixes: &[&'a Fix]) -> (Vec<&'a Edit>, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut fixed = 0;
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| in_text(text, e))
            && fix
                .edits
                .iter()
                .enumerate()
                .all(|(i, e)| fix.edits[..i].iter().all(|o| !overlaps(e, o)))
            && fix
                .edits
                .iter()
                .all(|e| taken.iter().all(|t| !overlaps(e, t)));
        if fits {
            taken.extend(fix.edits.iter());
            fixed += 1;
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    (taken, fixed)
}

fn in_text(text: &str, e: &Edit) -> bool {
    e.span.start <= e.span.end && text.get(e.span.start..e.span.end).is_some()
}

/// Two edits clash when their ranges share a byte, or when both insert at
/// the same place (their order would be a guess).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.span.start == b.span.start {
        return true;
    }
    a.span.start < b.span.end && b.span.start < a.span.end
}

/// A unified diff of `old` to `new`, with `path` in both headers.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn fix(start: usize, end: usize, to: &str) -> Fix {
        Fix::safe("t", Span::new(start, end), to)
    }

    #[test]
    fn non_overlapping_edits_apply_and_clashes_wait() {
        let text = "kind: plan\nnmae: x\n";
        let a = fix(11, 15, "name");
        let b = fix(12, 14, "zz");
        let c = fix(0, 0, "# top\n");
        let out = apply(text, &[&a, &b, &c]);
        assert_eq!(out.text, "# top\nkind: plan\nname: x\n");
        assert_eq!(out.fixed, 2);
    }

    #[test]
    fn edits_outside_the_text_are_skipped() {
        let out = apply("abc", &[&fix(2, 9, "x")]);
        assert_eq!(
            out,
            Applied {
                text: "abc".into(),
                fixed: 0
            }
        );
    }

    #[test]
    fn unsafe_only_when_asked() {
        let mut f = fix(0, 1, "x");
        f.applicability = Applicability::Unsafe;
        assert!(!wanted(&f, Applicability::Safe));
        assert!(wanted(&f, Applicability::Unsafe));
    }

    #[test]
    fn diff_names_the_file() {
        let d = unified_diff("p.yaml", "a\nb\n", "a\nc\n");
        assert!(d.contains("--- a/p.yaml") && d.contains("-b\n") && d.contains("+c\n"));
    }
}
