//! A generated corpus of campaigns (issue 12, item 12). The generator in
//! `tests/corpus/` writes campaigns that use every field of the format with
//! arbitrary valid values and layouts; every campaign that validates with
//! no errors must then go through `status`, `render --pack all --format
//! all`, `calendar`, `convert` there and back (byte for byte), `index`,
//! `log` and `action done` with exit code 0, and hyphenated words must
//! reach the packs with their hyphens.
//!
//! `cargo test` runs a fixed seed and a modest number of campaigns. For a
//! longer run: `COLLAB_CORPUS_CASES=500 COLLAB_CORPUS_SEED=7 cargo test
//! --test corpus -- --nocapture`; `COLLAB_CORPUS_KEEP=DIR` keeps the
//! campaigns in DIR to look at; `COLLAB_CORPUS_WITHOUT=free-regions,comments`
//! (also `clock-changes`, `unicode`, `long-text`, `flow`) turns inputs off.

#[path = "corpus/charter.rs"]
mod charter;
mod common;
#[path = "corpus/documents.rs"]
mod documents;
#[path = "corpus/emit.rs"]
mod emit;
#[path = "corpus/generate.rs"]
mod generate;
#[path = "corpus/text.rs"]
mod text;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{TODAY, collab};
use generate::{Facts, Generated, Options};
use serde_json::Value;
use text::Dice;

const DEFAULT_CASES: usize = 24;
const DEFAULT_SEED: u64 = 20_261_124;

/// A step that did not do what it should.
#[derive(Debug, Clone)]
struct Failure {
    step: &'static str,
    detail: String,
}

/// What happened to one generated campaign.
struct CaseResult {
    case: usize,
    dir: PathBuf,
    facts: Facts,
    /// Error findings, when the campaign did not validate.
    errors: Vec<String>,
    failures: Vec<Failure>,
}

/// A failure caused by a defect being fixed on another branch of issue 12.
/// Remove an entry once its fix is merged: the test then holds the fix.
struct Known {
    what: &'static str,
    step: &'static str,
    /// Phrases the failure's message holds, all of them.
    needles: &'static [&'static str],
    applies: fn(&Facts) -> bool,
}

const KNOWN: &[Known] = &[];

fn known(facts: &Facts, f: &Failure) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|k| {
            k.step == f.step && k.needles.iter().all(|n| f.detail.contains(n)) && (k.applies)(facts)
        })
        .map(|k| k.what)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Everything on, less what `COLLAB_CORPUS_WITHOUT` names.
fn options_from_env() -> Options {
    let mut opts = Options::all();
    let without = std::env::var("COLLAB_CORPUS_WITHOUT").unwrap_or_default();
    for name in without.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match name {
            "free-regions" => opts.free_regions = false,
            "comments" => opts.layout.trailing_comments = false,
            "clock-changes" => opts.clock_changes = false,
            "unicode" => opts.text.unicode = false,
            "long-text" => opts.text.long = false,
            "flow" => opts.layout.flow = 0.0,
            other => panic!("COLLAB_CORPUS_WITHOUT: unknown input `{other}`"),
        }
    }
    opts
}

#[test]
fn generated_campaigns_validate_and_every_command_succeeds() {
    let cases = env_number("COLLAB_CORPUS_CASES", DEFAULT_CASES as u64) as usize;
    let seed = env_number("COLLAB_CORPUS_SEED", DEFAULT_SEED);
    let tmp = tempfile::TempDir::new().unwrap();
    let root = match std::env::var_os("COLLAB_CORPUS_KEEP") {
        Some(dir) => PathBuf::from(dir),
        None => tmp.path().to_path_buf(),
    };
    fs::create_dir_all(&root).unwrap();
    let results = run_all(&root, seed, cases, options_from_env());
    let mut problems = Vec::new();
    problems.extend(workspace_steps(&root));
    report(seed, &results, problems);
}

/// Found by the corpus (seed 99, case 111): `log` into a metric whose
/// `actuals: []` starts a line inside a flow mapping wrote a block list
/// there and then refused its own edit. The figure goes into brackets, as
/// it does when the list is written as nothing, `~` or `null`.
#[test]
fn a_figure_logged_into_a_flow_evaluation_stays_in_flow_style() {
    let metric = "{ kind: evaluation, metrics: [{ id: reach, name: Reach, stage: output, owner: fire,\nactuals:";
    for empty in [" []", "", " ~", " null"] {
        let tmp = tempfile::TempDir::new().unwrap();
        let dir = tmp.path();
        let evaluation = format!("{metric}{empty} }}] }}\n");
        let files = [
            (
                "collab.toml",
                "[campaign]\nid = \"flow-log\"\nname = \"Flow log\"\nframework = \"oasis\"\n",
            ),
            (
                "partners.yaml",
                "kind: partners\npartners:\n  - { id: fire, name: Fire service, sector: fire-and-rescue, level: co-operation, lead: { name: Ann Lee } }\n",
            ),
            (
                "plan.yaml",
                "kind: plan\nframework: oasis\ntitle: Flow log\n",
            ),
            ("evaluation.yaml", evaluation.as_str()),
        ];
        for (name, text) in files {
            fs::write(dir.join(name), text).unwrap();
        }
        let out = run(dir, &["log", "reach", "5", "--date", "2026-11-20"]);
        assert!(
            out.status.success(),
            "{empty:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = fs::read_to_string(dir.join("evaluation.yaml")).unwrap();
        assert_eq!(
            text,
            format!("{metric} [{{ date: 2026-11-20, value: 5 }}] }}] }}\n"),
            "{empty:?}"
        );
        assert!(validation_errors(dir).is_empty(), "{empty:?}");
    }
}

/// Run the cases on two threads (the machine is shared), in case order.
fn run_all(root: &Path, seed: u64, cases: usize, opts: Options) -> Vec<CaseResult> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let case = next.fetch_add(1, Ordering::SeqCst);
                    if case >= cases {
                        break;
                    }
                    let result = run_case(root, seed, case, opts);
                    results.lock().unwrap().push(result);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.case);
    results
}

fn case_seed(seed: u64, case: usize) -> u64 {
    seed.wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(case as u64)
}

fn run_case(root: &Path, seed: u64, case: usize, opts: Options) -> CaseResult {
    let mut dice = Dice::new(case_seed(seed, case));
    let Generated {
        folder,
        files,
        facts,
    } = generate::generate(&mut dice, opts, case);
    let workspace = root.join(format!("case-{case}"));
    let dir = workspace.join(folder);
    for (path, text) in &files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let mut result = CaseResult {
        case,
        dir: dir.clone(),
        facts,
        errors: validation_errors(&dir),
        failures: Vec::new(),
    };
    if result.errors.is_empty() {
        result.failures = commands(&workspace, &dir, &result.facts);
    }
    result
}

/// The error findings of `validate --format json`, one line each.
fn validation_errors(dir: &Path) -> Vec<String> {
    let out = run(dir, &["validate", "--format", "json"]);
    let Ok(report) = serde_json::from_slice::<Value>(&out.stdout) else {
        return vec![format!(
            "validate printed no JSON (exit {:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )];
    };
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    findings
        .iter()
        .filter(|f| f["level"] == "error")
        .map(|f| {
            format!(
                "{} {}:{}:{} {}",
                f["rule"].as_str().unwrap_or("?"),
                f["file"].as_str().unwrap_or("?"),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    collab()
        .current_dir(dir)
        .arg("--today")
        .arg(TODAY)
        .args(args)
        .output()
        .expect("collab runs")
}

/// Run a command that must exit 0; its output, or a failure.
fn must_pass(dir: &Path, step: &'static str, args: &[&str]) -> Result<Vec<u8>, Failure> {
    let out = run(dir, args);
    if out.status.success() {
        return Ok(out.stdout);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stderr: String = stderr.chars().take(1500).collect();
    Err(Failure {
        step,
        detail: format!(
            "`collab {}` exited {:?}: {stderr}",
            args.join(" "),
            out.status.code()
        ),
    })
}

/// Every command on a valid campaign, collecting failures.
fn commands(workspace: &Path, dir: &Path, facts: &Facts) -> Vec<Failure> {
    let mut failures = Vec::new();
    let rendered = render(dir, facts);
    if rendered.is_ok() {
        failures.extend(hyphens_survive(&dir.join(&facts.out_dir), facts));
    }
    let steps = [
        status(dir, facts),
        rendered,
        calendar(dir, facts),
        convert_round_trip(dir, facts),
        index(workspace, facts),
        log_figure(dir, facts),
        action_done(dir, facts),
    ];
    failures.extend(steps.into_iter().filter_map(Result::err));
    failures
}

fn status(dir: &Path, facts: &Facts) -> Result<(), Failure> {
    must_pass(dir, "status", &["status"])?;
    let json = must_pass(dir, "status", &["status", "--format", "json"])?;
    let fail = |detail: String| Failure {
        step: "status",
        detail,
    };
    let view: Value = serde_json::from_slice(&json)
        .map_err(|e| fail(format!("`status --format json` printed no JSON: {e}")))?;
    let shown = (&view["campaign"]["id"], &view["campaign"]["name"]);
    if shown.0 != facts.id.as_str() || shown.1 != facts.name.as_str() {
        return Err(fail(format!(
            "status shows the campaign as {} {}, not `{}` `{}`",
            shown.0, shown.1, facts.id, facts.name
        )));
    }
    Ok(())
}

fn render(dir: &Path, facts: &Facts) -> Result<(), Failure> {
    let all = ["render", "--pack", "all", "--format", "all"];
    if !facts.partner_pack_refused {
        must_pass(dir, "render", &all)?;
    } else {
        // OFFICIAL-SENSITIVE: the public pack is refused, the others render.
        let out = run(dir, &all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) || !stderr.contains("OFFICIAL-SENSITIVE") {
            return Err(Failure {
                step: "render",
                detail: format!(
                    "`collab {}` exited {:?} and did not hold back the partner pack: {stderr}",
                    all.join(" "),
                    out.status.code()
                ),
            });
        }
        for pack in ["briefing", "agenda", "evaluation"] {
            must_pass(
                dir,
                "render",
                &["render", "--pack", pack, "--format", "all"],
            )?;
        }
    }
    Ok(())
}

/// Every hyphenated marker is in the packs that show its field, hyphens
/// and all (one failure per marker and file), and no text from the files
/// turns into markup.
fn hyphens_survive(out_dir: &Path, facts: &Facts) -> Vec<Failure> {
    let mut missing = Vec::new();
    for probe in &facts.probes {
        for pack in probe.packs {
            if *pack == "partner" && facts.partner_pack_blocked {
                continue;
            }
            for ext in ["md", "html"] {
                let file = out_dir.join(format!("{pack}.{ext}"));
                let text = fs::read_to_string(&file).unwrap_or_default();
                if text.contains(&probe.word) {
                    continue;
                }
                let spaced = probe.word.replace('-', " ").to_lowercase();
                let how = if text.to_lowercase().contains(&spaced) {
                    "shown with spaces for its hyphens".to_string()
                } else {
                    "missing".to_string()
                };
                missing.push(Failure {
                    step: "hyphens",
                    detail: format!("{} `{}` in {pack}.{ext}: {how}", probe.field, probe.word),
                });
            }
        }
    }
    for pack in ["briefing", "partner", "evaluation"] {
        let html = fs::read_to_string(out_dir.join(format!("{pack}.html"))).unwrap_or_default();
        if html.contains("<b>not bold</b>") {
            missing.push(Failure {
                step: "escaping",
                detail: format!("{pack}.html holds text from the files as markup"),
            });
        }
    }
    missing
}

/// The calendar has one event per milestone, meeting, blackout window and
/// open action with a due date, in lines of at most 75 bytes (RFC 5545).
fn calendar(dir: &Path, facts: &Facts) -> Result<(), Failure> {
    let out = must_pass(dir, "calendar", &["calendar"])?;
    let fail = |detail: String| Failure {
        step: "calendar",
        detail,
    };
    let text = String::from_utf8(out).map_err(|e| fail(format!("not UTF-8: {e}")))?;
    if !text.starts_with("BEGIN:VCALENDAR\r\n") {
        return Err(fail(
            "the calendar does not start with BEGIN:VCALENDAR".into(),
        ));
    }
    if let Some(long) = text.split("\r\n").find(|l| l.len() > 75) {
        return Err(fail(format!("a line of {} bytes: {long}", long.len())));
    }
    let events = text.matches("BEGIN:VEVENT").count();
    if events != facts.events {
        return Err(fail(format!("{events} events, not {}", facts.events)));
    }
    Ok(())
}

/// Convert to the other framework and back: the plan and collab.toml come
/// back byte for byte.
fn convert_round_trip(dir: &Path, facts: &Facts) -> Result<(), Failure> {
    let plan = dir.join(&facts.plan_file);
    let config = dir.join("collab.toml");
    let before = (fs::read(&plan).unwrap(), fs::read(&config).unwrap());
    let other = if facts.framework == "oasis" {
        "rosie"
    } else {
        "oasis"
    };
    must_pass(dir, "convert", &["convert", "--to", other, "--write"])?;
    must_pass(
        dir,
        "convert",
        &["convert", "--to", facts.framework, "--write"],
    )?;
    let after = (fs::read(&plan).unwrap(), fs::read(&config).unwrap());
    if before == after {
        return Ok(());
    }
    let which = if before.0 != after.0 {
        &facts.plan_file
    } else {
        "collab.toml"
    };
    Err(Failure {
        step: "convert",
        detail: format!("{which} is not the same after converting to {other} and back"),
    })
}

fn index(workspace: &Path, facts: &Facts) -> Result<(), Failure> {
    must_pass(workspace, "index", &["index"])?;
    let cached = fs::read(workspace.join(".collab/index.bin")).unwrap_or_default();
    let id = facts.id.as_bytes();
    if cached.windows(id.len()).any(|w| w == id) {
        Ok(())
    } else {
        Err(Failure {
            step: "index",
            detail: format!("the index does not name the campaign `{}`", facts.id),
        })
    }
}

/// The text `after` holds beyond `before`, when the change is a pure
/// insertion; otherwise the bytes that went missing.
fn inserted<'a>(before: &'a str, after: &'a str) -> Result<&'a str, &'a str> {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let room = before.len().min(after.len()) - prefix;
    let suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let lost = before.get(prefix..before.len() - suffix).unwrap_or("?");
    if lost.is_empty() {
        Ok(after.get(prefix..after.len() - suffix).unwrap_or(""))
    } else {
        Err(lost)
    }
}

/// Every YAML file of the campaign, as text.
fn yaml_texts(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push((path.clone(), fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    out
}

/// Compare the campaign's files before and after an edit: one file
/// changed, and no byte of it was lost (`allowed` bytes may be replaced).
fn one_edit(
    before: &[(PathBuf, String)],
    dir: &Path,
    step: &'static str,
    allowed: usize,
) -> Result<(), Failure> {
    let after = yaml_texts(dir);
    for (path, old) in before {
        let new = after
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str());
        let Some(new) = new else { continue };
        // An empty `key: []` becomes a block list: its `[]` goes, and any
        // comment after it stays (issue 18).
        let opened = |lost: &str| {
            lost.trim_start()
                .strip_prefix("[]")
                .is_some_and(|rest| new.contains(rest))
        };
        if let Err(lost) = inserted(old, new)
            && lost.len() > allowed
            && !opened(lost)
        {
            return Err(Failure {
                step,
                detail: format!("{} lost `{lost}`", path.display()),
            });
        }
    }
    Ok(())
}

fn log_figure(dir: &Path, facts: &Facts) -> Result<(), Failure> {
    let Some(metric) = facts.metrics.first() else {
        return Ok(());
    };
    let before = yaml_texts(dir);
    let args = [
        "log",
        metric,
        "42.5",
        "--date",
        TODAY,
        "--note",
        "corpus – COM-B",
    ];
    must_pass(dir, "log", &args)?;
    one_edit(&before, dir, "log", 0)
}

fn action_done(dir: &Path, facts: &Facts) -> Result<(), Failure> {
    let Some(action) = facts.open_actions.first() else {
        return Ok(());
    };
    let before = yaml_texts(dir);
    must_pass(dir, "action done", &["action", "done", action])?;
    // The recorded `done: DATE` is a second insertion: take it out again so
    // what is left is the one replacement of the status.
    for (path, _) in &before {
        if let Ok(text) = std::fs::read_to_string(path)
            && let Some(stripped) = without_done_date(&text)
        {
            let _ = std::fs::write(path, stripped);
        }
    }
    // `status: 'open'` may become `status: done`: the quotes go too.
    one_edit(&before, dir, "action done", "'open'".len())
}

/// `text` without the `done: TODAY` entry `action done` adds, with the
/// comma (flow mapping) or line break (block mapping) before it.
fn without_done_date(text: &str) -> Option<String> {
    let entry = format!("done: {TODAY}");
    let at = text.find(&entry)?;
    let head = text[..at].trim_end_matches([' ', '\t']);
    let head = head
        .strip_suffix(',')
        .or_else(|| head.strip_suffix("\r\n"))
        .or_else(|| head.strip_suffix('\n'))?;
    Some(format!("{head}{}", &text[at + entry.len()..]))
}

/// The workspace commands over every generated campaign at once.
fn workspace_steps(root: &Path) -> Vec<Failure> {
    let steps: [&[&str]; 4] = [
        &["index"],
        &["who", "--region", "Greater Manchester"],
        &["overlaps"],
        &["render", "--workspace"],
    ];
    steps
        .iter()
        .filter_map(|args| must_pass(root, "workspace", args).err())
        .collect()
}

fn report(seed: u64, results: &[CaseResult], workspace: Vec<Failure>) {
    let total = results.len();
    let valid = results.iter().filter(|r| r.errors.is_empty()).count();
    let mut unexpected = Vec::new();
    let mut allowed = Vec::new();
    for r in results {
        if !r.errors.is_empty() && r.facts.denies {
            eprintln!("case {} does not validate: it sets a rule to deny", r.case);
        } else if !r.errors.is_empty() {
            // Every value is valid by construction: an error is a false alarm.
            let errors: Vec<&str> = r.errors.iter().take(5).map(String::as_str).collect();
            unexpected.push(format!(
                "case {} [validate] {}: {}",
                r.case,
                r.dir.display(),
                errors.join("; ")
            ));
        }
        for f in &r.failures {
            let line = format!(
                "case {} [{}] {}: {}",
                r.case,
                f.step,
                r.dir.display(),
                f.detail
            );
            match known(&r.facts, f) {
                Some(what) => allowed.push(format!("{line}\n    (known: {what})")),
                None => unexpected.push(line),
            }
        }
    }
    unexpected.extend(
        workspace
            .iter()
            .map(|f| format!("[{}] {}", f.step, f.detail)),
    );
    for line in &allowed {
        eprintln!("{line}");
    }
    eprintln!(
        "corpus: seed {seed}, {total} campaigns, {valid} valid, {} known failures, {} unexpected",
        allowed.len(),
        unexpected.len()
    );
    assert!(
        valid * 100 >= total * 80,
        "only {valid} of {total} generated campaigns validate: the generator tests too little"
    );
    assert!(
        unexpected.is_empty(),
        "{} failures (seed {seed}; rerun with COLLAB_CORPUS_SEED={seed} \
         COLLAB_CORPUS_KEEP=DIR to keep the campaigns):\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}
