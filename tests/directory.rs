//! `collab render --workspace`: the directory of every campaign in a folder.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, copy_dir, repo};
use tempfile::TempDir;

/// Copy the shipped examples folder (both campaigns) into a temporary one.
fn examples_copy() -> TempDir {
    let tmp = TempDir::new().unwrap();
    copy_dir(&repo().join("examples"), tmp.path());
    tmp
}

/// Render the directory of `folder` into `out`; returns (html, markdown).
fn render_directory(folder: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let result = collab()
        .current_dir(folder)
        .args(["render", "--workspace", "--today", TODAY, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "collab render --workspace failed:\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    (
        fs::read_to_string(out.join("directory.html")).unwrap(),
        fs::read_to_string(out.join("directory.md")).unwrap(),
    )
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn lists_both_example_campaigns_their_leads_and_the_overlap() {
    let out = TempDir::new().unwrap();
    let (html, md) = render_directory(&repo().join("examples"), out.path(), &[]);
    for text in [&html, &md] {
        for wanted in [
            "Winter Home Fire Safety 2026",
            "Safer Streets After Dark",
            "winter-fire-safety-2026",
            "safer-streets-2026",
            // The lead people of the two lead organisations.
            "Priya Lomax",
            "Laura Bright",
            "Home Office",
            "Kingsmere Borough Council",
            "Healthier, safer communities",
            // The overlap of the two campaigns, with its reasons.
            "shared priority healthier-safer-communities",
            "8 weeks overlap",
        ] {
            assert!(text.contains(wanted), "no `{wanted}` in:\n{text}");
        }
    }
    // On 24 November 2026 one campaign is live and the other still in planning.
    assert!(html.contains(r#"<span class="tag tag-live">Live</span>"#));
    assert!(html.contains(r#"<span class="tag tag-planning">Planning</span>"#));
    assert!(md.contains("1 in planning, 1 live and 0 ended"));
    // The internal edition keeps contact details.
    assert!(html.contains("mailto:priya.lomax@example.gov.uk"));
    assert!(md.contains("020 7946 0101"));
    assert!(html.contains(r#"<p class="marking marking-top">OFFICIAL</p>"#));
    assert!(html.contains(r#"<p class="marking marking-bottom">OFFICIAL</p>"#));
    assert!(md.starts_with("# OFFICIAL – Campaign directory\n"));
}

#[test]
fn the_public_edition_has_no_email_or_phone() {
    let out = TempDir::new().unwrap();
    let (html, md) = render_directory(&repo().join("examples"), out.path(), &["--public"]);
    for text in [&html, &md] {
        assert!(!text.contains("@example."), "an e-mail address in:\n{text}");
        assert!(!text.contains("mailto:"), "a mailto link in:\n{text}");
        assert!(!text.contains("020 7946"), "a phone number in:\n{text}");
        // Names, roles and organisations stay.
        for wanted in [
            "Priya Lomax",
            "Campaign manager",
            "Home Office",
            "Gareth Holt",
        ] {
            assert!(text.contains(wanted), "no `{wanted}` in:\n{text}");
        }
    }
    assert!(!html.contains(r#"<th scope="col">Contact</th>"#));
    assert!(md.contains("(public edition)"));
}

#[test]
fn the_search_is_an_inline_script_without_inline_handlers() {
    let out = TempDir::new().unwrap();
    let (html, _) = render_directory(&repo().join("examples"), out.path(), &[]);
    assert_eq!(html.matches("<script>").count(), 1, "one inline script");
    assert!(!html.contains("<script src"), "no external script");
    assert!(html.contains("addEventListener(\"input\""));
    // Hidden until the script runs, so the page works without JavaScript.
    assert!(html.contains(
        r#"<form id="people-search" class="search" role="search" aria-label="People" hidden>"#
    ));
    assert!(html.contains(r#"<label for="people-filter">Search people</label>"#));
    assert!(html.contains(r#"role="status" aria-live="polite""#));
    // Every person's row carries the words the search box matches.
    assert_eq!(
        html.matches("<tr data-search=").count(),
        32,
        "one row per person"
    );
    // A place is found by its name as well as its id.
    let row = html
        .lines()
        .find(|l| l.starts_with("<tr data-search=") && l.contains("yorkshire-and-the-humber"))
        .expect("a row in Yorkshire and the Humber");
    assert!(row.contains("yorkshire and the humber"), "{row}");
    let handler = regex::Regex::new(r"(?i)<[^>]*\son[a-z]+\s*=").unwrap();
    assert!(
        !handler.is_match(&html),
        "an inline event handler: {:?}",
        handler.find(&html)
    );
    assert!(!html.contains("javascript:"));
}

#[test]
fn two_renders_are_byte_identical() {
    let folder = repo().join("examples");
    for extra in [&[][..], &["--public"][..]] {
        let a = TempDir::new().unwrap();
        let b = TempDir::new().unwrap();
        let first = render_directory(&folder, a.path(), extra);
        let second = render_directory(&folder, b.path(), extra);
        assert!(first == second, "two renders differ ({extra:?})");
    }
}

#[test]
fn markup_in_the_files_is_escaped() {
    let tmp = examples_copy();
    edit(
        &tmp.path().join("winter-fire-safety/partners.yaml"),
        "name: Home Office",
        r#"name: "Home Office <script>alert(1)</script>""#,
    );
    edit(
        &tmp.path().join("safer-streets/partners.yaml"),
        "role: Campaigns and marketing manager",
        r#"role: "Manager <img src=x onerror=alert(2)> | *bold*""#,
    );
    let out = tmp.path().join("out");
    let (html, md) = render_directory(tmp.path(), &out, &[]);
    assert!(html.contains("Home Office &lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only collab's own script"
    );
    assert!(md.contains("Home Office &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(md.contains(r"Manager &lt;img src=x onerror=alert(2)&gt; \| \*bold\*"));
    assert!(!md.contains("<script>"));
    assert!(!md.contains("<img"));
}

#[test]
fn writes_to_dist_here_by_default() {
    let tmp = examples_copy();
    let result = collab()
        .current_dir(tmp.path())
        .args([
            "render",
            "--workspace",
            "--format",
            "html",
            "--today",
            TODAY,
        ])
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(tmp.path().join("dist/directory.html").is_file());
    assert!(!tmp.path().join("dist/directory.md").exists());
}

#[test]
fn sensitive_campaigns_mark_the_page_and_stay_out_of_the_public_edition() {
    let tmp = examples_copy();
    edit(
        &tmp.path().join("safer-streets/collab.toml"),
        r#"classification = "OFFICIAL""#,
        r#"classification = "OFFICIAL-SENSITIVE""#,
    );
    let internal = tmp.path().join("internal");
    let (html, md) = render_directory(tmp.path(), &internal, &[]);
    assert!(html.contains(r#"<p class="marking marking-top">OFFICIAL-SENSITIVE</p>"#));
    assert!(md.starts_with("# OFFICIAL-SENSITIVE – "));
    assert!(html.contains("Safer Streets After Dark"));

    let public = tmp.path().join("public");
    let (html, md) = render_directory(tmp.path(), &public, &["--public"]);
    for text in [&html, &md] {
        assert!(!text.contains("Safer Streets After Dark"));
        assert!(!text.contains("Laura Bright"));
        assert!(!text.contains("OFFICIAL-SENSITIVE"));
        assert!(text.contains("Winter Home Fire Safety 2026"));
    }
}

#[test]
fn meeting_and_public_need_the_right_mode() {
    let folder = repo().join("examples");
    let out = TempDir::new().unwrap();
    collab()
        .current_dir(&folder)
        .args(["render", "--workspace", "--meeting", "x", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    collab()
        .current_dir(folder.join("winter-fire-safety"))
        .args(["render", "--public", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    assert!(!out.path().join("directory.html").exists());
}
