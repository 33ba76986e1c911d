//! Templates: labels for any value a campaign may hold, campaign templates
//! confined to the campaign, and a bound on what a template may cost.

mod common;

use std::fs;
use std::path::Path;

use common::{example_copy, files_in, render_into as render};
use tempfile::TempDir;

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn regions_outside_the_built_in_names_render_in_every_pack() {
    let tmp = example_copy("winter-fire-safety");
    edit(
        &tmp.path().join("collab.toml"),
        r#"regions = ["north-west"]"#,
        r#"regions = ["north-west", "greater-manchester", "Lancashire", "Greater Manchester, Bolton"]"#,
    );
    edit(
        &tmp.path().join("partners.yaml"),
        "regions: [north-west]",
        r#"regions: [blackburn-with-darwen, "Preston & South Ribble"]"#,
    );
    let out = TempDir::new().unwrap();
    let result = render(tmp.path(), out.path(), &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    for name in ["briefing.md", "partner.md"] {
        let text = fs::read_to_string(out.path().join(name)).unwrap();
        assert!(
            text.contains("North West, Greater Manchester, Lancashire, Greater Manchester, Bolton"),
            "{name}: {text}"
        );
    }
    let briefing = fs::read_to_string(out.path().join("briefing.html")).unwrap();
    assert!(
        briefing.contains("Blackburn with Darwen, Preston &amp; South Ribble"),
        "{briefing}"
    );
    let partner = fs::read_to_string(out.path().join("partner.html")).unwrap();
    assert!(partner.contains("Greater Manchester, Bolton"), "{partner}");
}

#[test]
fn hyphens_in_free_text_survive_in_the_packs() {
    let tmp = example_copy("winter-fire-safety");
    edit(
        &tmp.path().join("plan.yaml"),
        "theories: [com-b, east]",
        r#"theories: [com-b, "COM-B model", Stages-of-change, social-norms]"#,
    );
    edit(
        &tmp.path().join("plan.yaml"),
        "    - stage: awareness\n",
        "    - stage: Pre-contemplation\n",
    );
    let out = TempDir::new().unwrap();
    let result = render(tmp.path(), out.path(), &["--pack", "briefing"]);
    assert!(result.status.success(), "{}", stderr(&result));
    for name in ["briefing.md", "briefing.html"] {
        let text = fs::read_to_string(out.path().join(name)).unwrap();
        for kept in [
            "COM-B model",
            "Stages-of-change",
            "Social norms",
            "Pre-contemplation",
        ] {
            assert!(text.contains(kept), "{name} lacks {kept}");
        }
        assert!(!text.contains("COM B"), "{name}");
        assert!(!text.contains("Stages of change"), "{name}");
    }
}

#[test]
fn an_unknown_label_kind_is_an_error_naming_the_template() {
    let tmp = example_copy("winter-fire-safety");
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    fs::write(
        tmp.path().join("templates/briefing.md.j2"),
        "{{ 'north-west' | label('county') }}\n",
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let result = render(tmp.path(), out.path(), &["--pack", "briefing"]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains("briefing.md.j2"), "{err}");
    assert!(err.contains("`county`"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_link_is_refused() {
    let outside = TempDir::new().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "root:x:0:0:the secret\n").unwrap();
    let tmp = example_copy("winter-fire-safety");
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    std::os::unix::fs::symlink(&secret, tmp.path().join("templates/briefing.md.j2")).unwrap();
    let out = TempDir::new().unwrap();
    let result = render(tmp.path(), out.path(), &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(err.contains("briefing.md.j2"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(files_in(out.path()).is_empty(), "nothing is written");
}

#[cfg(unix)]
#[test]
fn a_templates_folder_reached_through_a_link_is_refused() {
    let outside = TempDir::new().unwrap();
    fs::write(outside.path().join("briefing.md.j2"), "the secret\n").unwrap();
    let tmp = example_copy("winter-fire-safety");
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("templates")).unwrap();
    let out = TempDir::new().unwrap();
    let result = render(tmp.path(), out.path(), &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("symbolic link"),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty(), "nothing is written");

    // A link further down the configured path counts too.
    fs::remove_file(tmp.path().join("templates")).unwrap();
    fs::create_dir_all(tmp.path().join("look")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("look/feel")).unwrap();
    edit(
        &tmp.path().join("collab.toml"),
        "[render]\n",
        "[render]\ntemplates = \"look/feel\"\n",
    );
    let result = render(tmp.path(), out.path(), &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(files_in(out.path()).is_empty(), "nothing is written");
}

#[test]
fn a_templates_setting_outside_the_campaign_is_a_configuration_error() {
    let outside = TempDir::new().unwrap();
    fs::write(outside.path().join("briefing.md.j2"), "the secret\n").unwrap();
    let absolute = outside.path().to_string_lossy().replace('\\', "/");
    for setting in ["../x", "templates/../../x", absolute.as_str()] {
        let tmp = example_copy("winter-fire-safety");
        edit(
            &tmp.path().join("collab.toml"),
            "[render]\n",
            &format!("[render]\ntemplates = \"{setting}\"\n"),
        );
        let out = TempDir::new().unwrap();
        let result = render(tmp.path(), out.path(), &[]);
        assert_eq!(
            result.status.code(),
            Some(1),
            "{setting}: {}",
            stderr(&result)
        );
        let err = stderr(&result);
        assert!(err.contains("`templates`"), "{setting}: {err}");
        // `validate` reports it too, on the value in collab.toml.
        let (code, report) = common::validate_json(tmp.path(), &[]);
        assert_eq!(code, 1, "{setting}: {report}");
        let finding = report["findings"]
            .as_array()
            .and_then(|a| a.iter().find(|f| f["file"] == "collab.toml"))
            .unwrap_or_else(|| panic!("{setting}: no finding on collab.toml: {report}"));
        assert_eq!(finding["rule"], "invalid-value", "{setting}");
        assert!(
            files_in(out.path()).is_empty(),
            "{setting}: nothing is written"
        );
    }
}

/// Render the briefing pack with `template` as the campaign's own
/// `briefing.md.j2`, expecting it to be stopped.
fn stopped(template: &str) -> String {
    let tmp = example_copy("winter-fire-safety");
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    fs::write(tmp.path().join("templates/briefing.md.j2"), template).unwrap();
    let out = TempDir::new().unwrap();
    let result = render(
        tmp.path(),
        out.path(),
        &["--pack", "briefing", "--format", "md"],
    );
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(files_in(out.path()).is_empty(), "nothing is written");
    stderr(&result)
}

#[test]
fn a_template_with_runaway_loops_is_stopped_with_its_name() {
    let err = stopped(
        "# Briefing\n{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}\n",
    );
    assert!(err.contains("template briefing.md.j2, line 2"), "{err}");
    assert!(err.contains("stopped"), "{err}");
}

#[test]
fn a_template_whose_text_keeps_doubling_is_stopped_with_its_name() {
    let err = stopped(
        "{% macro double(s, n) %}{% if n > 0 %}{{ double(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}\
         {{ double('collab', 40) }}\n",
    );
    assert!(err.contains("briefing.md.j2"), "{err}");
    assert!(err.contains("stopped"), "{err}");
}

#[test]
fn a_template_that_writes_without_end_is_stopped_with_its_name() {
    // Few instructions, but 60 MB of output: the size limit stops it.
    let err =
        stopped("{% set line = 'x' * 60000 %}{% for i in range(1000) %}{{ line }}{% endfor %}\n");
    assert!(err.contains("template briefing.md.j2: stopped"), "{err}");
    assert!(err.contains("output passed"), "{err}");
}
