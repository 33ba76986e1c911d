//! `collab lsp` go to definition, find references and rename, driven in
//! memory through `lsp_server::Connection::memory` on a copy of an example.

mod common;

use common::lsp::{Client, position_of as at, position_params as params};
use lsp_types::{Location, Position, Range, Url};
use serde_json::json;

const EXAMPLE: &str = "winter-fire-safety";

fn file_of(loc: &Location) -> String {
    let path = loc.uri.to_file_path().unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let parent = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    if parent == "meetings" {
        format!("meetings/{name}")
    } else {
        name
    }
}

#[test]
fn definition_of_an_owner_jumps_to_the_partners_id() {
    let tmp = common::example_copy(EXAMPLE);
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let partners = root.join("partners.yaml");
    let mut client = Client::start(root);
    let caps = client.capabilities();
    assert_eq!(caps["definitionProvider"], json!(true));
    assert_eq!(caps["referencesProvider"], json!(true));
    assert_eq!(caps["renameProvider"]["prepareProvider"], json!(true));
    let pos = at(&plan, "February 2027", "owner: lfrs", 9);
    let found = client
        .try_request("textDocument/definition", params(&plan, pos))
        .unwrap();
    let found: Vec<Location> = serde_json::from_value(found).unwrap();
    let want = at(&partners, "", "- id: lfrs\n", 6);
    let end = Position::new(want.line, want.character + 4);
    assert_eq!(
        found,
        vec![Location::new(
            Url::from_file_path(&partners).unwrap(),
            Range::new(want, end)
        )]
    );
    // Away from any id there is nothing to go to.
    let nothing = client
        .try_request(
            "textDocument/definition",
            params(&plan, Position::new(0, 0)),
        )
        .unwrap();
    assert_eq!(nothing, json!([]));
    client.shutdown();
}

#[test]
fn references_of_a_partner_span_plan_meetings_and_the_config() {
    let tmp = common::example_copy(EXAMPLE);
    let root = tmp.path();
    let partners = root.join("partners.yaml");
    let mut client = Client::start(root);
    client.open(&partners);
    let pos = at(&partners, "", "- id: home-office", 8);
    let mut p = params(&partners, pos);
    p["context"] = json!({ "includeDeclaration": false });
    let found = client.try_request("textDocument/references", p).unwrap();
    let found: Vec<Location> = serde_json::from_value(found).unwrap();
    let files: Vec<String> = found.iter().map(file_of).collect();
    for want in [
        "collab.toml",
        "plan.yaml",
        "meetings/initial-partnering.yaml",
    ] {
        assert!(files.iter().any(|f| f == want), "{want} in {files:?}");
    }
    assert!(!files.contains(&"partners.yaml".to_string()), "{files:?}");
    let toml = found.iter().find(|l| file_of(l) == "collab.toml").unwrap();
    let text = std::fs::read_to_string(root.join("collab.toml")).unwrap();
    let line = text.lines().nth(toml.range.start.line as usize).unwrap();
    assert!(line.starts_with("lead = \"home-office\""), "{line}");
    let mut p = params(&partners, pos);
    p["context"] = json!({ "includeDeclaration": true });
    let with = client.try_request("textDocument/references", p).unwrap();
    let with: Vec<Location> = serde_json::from_value(with).unwrap();
    assert_eq!(with.len(), found.len() + 1, "the definition is added");
    client.shutdown();
}

/// The byte offset of an LSP position (UTF-16 columns).
fn byte_of(text: &str, pos: Position) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(pos.line as usize)
        .map(str::len)
        .sum();
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= pos.character as usize {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// Make the edits of a workspace edit on the files on disk.
fn apply(edit: &lsp_types::WorkspaceEdit) -> usize {
    let changes = edit.changes.as_ref().expect("a map of changes");
    for (uri, edits) in changes {
        let path = uri.to_file_path().unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        let mut edits = edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
        for e in edits {
            let (from, to) = (byte_of(&text, e.range.start), byte_of(&text, e.range.end));
            text.replace_range(from..to, &e.new_text);
        }
        std::fs::write(&path, text).unwrap();
    }
    changes.len()
}

#[test]
fn rename_edits_match_what_collab_rename_writes() {
    let by_cli = common::example_copy(EXAMPLE);
    let out = common::collab()
        .current_dir(by_cli.path())
        .env("COLLAB_TODAY", common::TODAY)
        .args(["rename", "partner", "home-office", "ho-renamed"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let tmp = common::example_copy(EXAMPLE);
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let mut client = Client::start(root);
    client.open(&plan);
    let pos = at(&plan, "", "home-office", 2);
    let ready = client
        .try_request("textDocument/prepareRename", params(&plan, pos))
        .unwrap();
    assert_eq!(ready["placeholder"], json!("home-office"));
    let mut p = params(&plan, pos);
    p["newName"] = json!("lfrs");
    let taken = client
        .try_request("textDocument/rename", p.clone())
        .unwrap_err();
    assert_eq!(taken.code, lsp_server::ErrorCode::RequestFailed as i32);
    assert!(taken.message.contains("lfrs"), "{}", taken.message);
    p["newName"] = json!("Not An Id");
    assert!(
        client
            .try_request("textDocument/rename", p.clone())
            .is_err()
    );
    p["newName"] = json!("ho-renamed");
    let edit = client.try_request("textDocument/rename", p).unwrap();
    client.shutdown();
    let edit: lsp_types::WorkspaceEdit = serde_json::from_value(edit).unwrap();
    assert!(apply(&edit) >= 4, "{edit:?}");
    let mut files = common::files_in(root);
    files.extend(common::files_in(&root.join("meetings")));
    files.retain(|f| f.is_file());
    assert!(files.len() >= 8, "{files:?}");
    for mine in files {
        let theirs = by_cli.path().join(mine.strip_prefix(root).unwrap());
        let (a, b) = (
            std::fs::read(&mine).unwrap(),
            std::fs::read(theirs).unwrap(),
        );
        assert!(a == b, "{} differs from collab rename", mine.display());
    }
}

#[test]
fn unsaved_texts_of_open_documents_are_used() {
    let tmp = common::example_copy(EXAMPLE);
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let partners = root.join("partners.yaml");
    let mut client = Client::start(root);
    client.open(&plan);
    let zero = Range::new(Position::new(0, 0), Position::new(0, 0));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": Url::from_file_path(&plan).unwrap(), "version": 2 },
            "contentChanges": [{ "range": zero, "text": "# not saved yet\n" }],
        }),
    );
    let saved = at(&plan, "February 2027", "owner: lfrs", 9);
    let moved = Position::new(saved.line + 1, saved.character);
    let found = client
        .try_request("textDocument/definition", params(&plan, moved))
        .unwrap();
    let found: Vec<Location> = serde_json::from_value(found).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].uri, Url::from_file_path(&partners).unwrap());
    let mut p = params(&partners, at(&partners, "", "- id: lfrs\n", 7));
    p["context"] = json!({ "includeDeclaration": false });
    let refs = client.try_request("textDocument/references", p).unwrap();
    let refs: Vec<Location> = serde_json::from_value(refs).unwrap();
    assert!(
        refs.iter()
            .any(|l| l.range.start == Position::new(moved.line, 13)),
        "the unsaved line: {refs:?}"
    );
    client.shutdown();
}
