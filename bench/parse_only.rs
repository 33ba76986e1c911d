//! The bare parse: read every YAML file below a folder and run it through
//! saphyr-parser's event stream, nothing else. The floor `collab validate`
//! is compared with in bench/run.sh.
//!
//! `cargo run --release --example parse-only -- DIR`

use std::path::Path;

use saphyr_parser::{Event, Parser};

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let mut events = 0usize;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let mut parser = Parser::new_from_str(&text);
        while let Some(Ok((event, _))) = parser.next_event() {
            events += 1;
            if matches!(event, Event::StreamEnd) {
                break;
            }
        }
    }
    println!("{} files, {events} events", files.len());
}
