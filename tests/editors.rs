//! docs/editors.md: every editor set-up it shows starts `collab lsp` with
//! arguments the binary accepts (it answers initialize, then shuts down
//! cleanly), and the Helix and Zed configuration it shows parses and
//! attaches the server to the right languages.

mod common;

use regex::Regex;

fn editors_md() -> String {
    std::fs::read_to_string(common::repo().join("docs/editors.md")).expect("docs/editors.md")
}

/// The fenced code blocks of `text` with the given info string.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    text.split(fence.as_str())
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default().to_string())
        .collect()
}

/// Start the binary with `args` on a copy of an example; it must answer
/// initialize as collab and exit with status 0 after shutdown and exit.
fn serves_with(args: &[String], what: &str) {
    let tmp = common::example_copy("winter-fire-safety");
    let out = common::lsp::stdio_session(args, tmp.path());
    assert_eq!(out.status.code(), Some(0), "{what}: {args:?}: {out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(r#""name":"collab""#), "{what}: {stdout}");
    assert!(
        stdout.contains(r#""id":2,"result":null"#),
        "{what}: {stdout}"
    );
}

fn quoted_list(list: &str) -> Vec<String> {
    let item = Regex::new(r#"['"]([^'"]+)['"]"#).unwrap();
    item.captures_iter(list).map(|c| c[1].to_string()).collect()
}

/// The argument lists after `collab` in every set-up the page shows.
fn documented_argument_lists(text: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for block in blocks(text, "sh") {
        for line in block.lines().filter(|l| l.starts_with("collab lsp")) {
            let args = line.split_whitespace().skip(1).map(String::from).collect();
            found.push(("shell".to_string(), args));
        }
    }
    let lua = Regex::new(r"cmd = \{ 'collab', ([^}]*)\}").unwrap();
    for block in blocks(text, "lua") {
        for cap in lua.captures_iter(&block) {
            found.push(("Neovim".to_string(), quoted_list(&cap[1])));
        }
    }
    let rust = Regex::new(r"args: vec!\[([^\]]*)\]").unwrap();
    for block in blocks(text, "rust") {
        for cap in rust.captures_iter(&block) {
            found.push(("Zed".to_string(), quoted_list(&cap[1])));
        }
    }
    found.extend(helix_args(text).map(|a| ("Helix".to_string(), a)));
    found
}

/// The Helix block: the one declaring `[language-server.collab]`.
fn helix(text: &str) -> toml::Table {
    let block = blocks(text, "toml")
        .into_iter()
        .find(|b| b.contains("[language-server.collab]"))
        .expect("a Helix languages.toml block");
    block.parse().expect("the Helix block is TOML")
}

fn helix_args(text: &str) -> Option<Vec<String>> {
    let table = helix(text);
    let server = &table["language-server"]["collab"];
    assert_eq!(server["command"].as_str(), Some("collab"));
    let args = server["args"].as_array()?;
    Some(
        args.iter()
            .filter_map(|a| a.as_str().map(String::from))
            .collect(),
    )
}

#[test]
fn every_documented_editor_command_starts_the_server() {
    let text = editors_md();
    let lists = documented_argument_lists(&text);
    let editors: Vec<&str> = lists.iter().map(|(e, _)| e.as_str()).collect();
    for editor in ["shell", "Neovim", "Helix", "Zed"] {
        assert!(
            editors.contains(&editor),
            "no {editor} command in {editors:?}"
        );
    }
    for (editor, args) in &lists {
        assert_eq!(args.first().map(String::as_str), Some("lsp"), "{editor}");
        serves_with(args, editor);
    }
}

#[test]
fn the_helix_and_zed_configuration_attach_collab_to_yaml() {
    let text = editors_md();
    let table = helix(&text);
    let languages = table["language"].as_array().expect("[[language]] tables");
    for name in ["yaml", "toml"] {
        let lang = languages
            .iter()
            .find(|l| l["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("no Helix {name} language"));
        let servers = lang["language-servers"].as_array().unwrap();
        assert!(
            servers.iter().any(|s| s.as_str() == Some("collab")),
            "{name}: {servers:?}"
        );
    }

    let zed = blocks(&text, "toml")
        .into_iter()
        .find(|b| b.contains("[language_servers.collab]"))
        .expect("a Zed extension.toml block");
    let zed: toml::Table = zed.parse().expect("extension.toml is TOML");
    let langs = zed["language_servers"]["collab"]["languages"]
        .as_array()
        .unwrap();
    assert!(
        langs.iter().any(|l| l.as_str() == Some("YAML")),
        "{langs:?}"
    );
}
