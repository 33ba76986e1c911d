//! Stable fingerprints for findings, shared by the formats that track a
//! finding from one run to the next (SARIF `partialFingerprints`, GitLab
//! Code Quality `fingerprint`).
//!
//! A fingerprint is the SHA-256 of the rule id, the file's printed path, the
//! text of the flagged node with its whitespace collapsed, and how many
//! findings before it in the report share those three. Line numbers and the
//! message are left out on purpose: adding a line above a finding, or a day
//! passing (an overdue action's message counts days), must not make it look
//! new.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::diagnostic::{Finding, SourceFile};

/// The fingerprint of every finding, in report order. `path` names each
/// file as the format prints it.
pub fn fingerprints(findings: &[Finding], path: impl Fn(&SourceFile) -> String) -> Vec<String> {
    let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let key = (f.rule.id().to_string(), path(&f.file), node_text(f));
            let n = seen.entry(key.clone()).or_default();
            let print = digest(&key, *n);
            *n += 1;
            print
        })
        .collect()
}

/// The flagged text, whitespace runs as one space.
fn node_text(f: &Finding) -> String {
    let text = f.file.source.text();
    let end = f.span.end.min(text.len());
    let start = f.span.start.min(end);
    let node = text.get(start..end).unwrap_or_default();
    node.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn digest((rule, path, node): &(String, String, String), occurrence: usize) -> String {
    let mut hash = Sha256::new();
    for part in [rule.as_str(), path.as_str(), node.as_str()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.update(occurrence.to_string().as_bytes());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Level;
    use crate::rule::Rule;
    use crate::source::Span;
    use std::path::Path;

    fn finding(source: &str, at: &str) -> Finding {
        let file = SourceFile::new(
            "plan.yaml".into(),
            Path::new("/c/plan.yaml").into(),
            source.into(),
        );
        let start = source.find(at).unwrap_or_default();
        let span = Span::new(start, start + at.len());
        Finding::new(Rule::ALL[0], Level::Error, &file, span, "message")
    }

    fn print(findings: &[Finding]) -> Vec<String> {
        fingerprints(findings, |f| f.rel.clone())
    }

    #[test]
    fn moving_a_finding_down_keeps_its_fingerprint() {
        let before = print(&[finding("a: 1\nowner: nobody\n", "nobody")]);
        let after = print(&[finding("x: 0\n\na: 1\nowner: nobody\n", "nobody")]);
        assert_eq!(before, after);
        assert_eq!(before[0].len(), 64);
    }

    #[test]
    fn repeats_of_one_node_text_differ() {
        let text = "a: nobody\nb: nobody\n";
        let prints = print(&[finding(text, "nobody"), finding(text, "nobody")]);
        assert_ne!(prints[0], prints[1]);
    }

    #[test]
    fn a_different_node_differs() {
        let a = print(&[finding("owner: nobody\n", "nobody")]);
        let b = print(&[finding("owner: somebody\n", "somebody")]);
        assert_ne!(a, b);
    }
}
