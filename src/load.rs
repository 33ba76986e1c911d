//! Loading: reading files from disk, parsing them in parallel, checking them
//! against the schemas and building the typed model. This is the edge where
//! I/O happens; everything it hands on is pure data.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::campaign::{Campaign, ConfigFile, Document};
use crate::check;
use crate::diagnostic::{Applicability, Finding, Fix, SourceFile, closest, one_of};
use crate::discover::{self, Exclusions};
use crate::model::config::CONFIG_FILE;
use crate::model::{Body, Config, Kind};
use crate::rule::Rule;
use crate::schema::schemas;
use crate::source::{BOM, SourceText, Span};
use crate::yaml::{self, Node, Scalar, Value};

/// Largest file collab will read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Everything loaded for one command run.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    pub campaigns: Vec<Campaign>,
    /// Files named on the command line that belong to no campaign.
    pub loose: Vec<Document>,
    /// Problems found while loading (syntax and structure).
    pub findings: Vec<Finding>,
    /// Files that were read.
    pub files: usize,
    /// collab documents that were read.
    pub documents: usize,
    /// Files named on the command line, when the run is limited to them.
    pub only: Option<Vec<PathBuf>>,
    /// The `collab.toml` files that could not be read (so their campaigns
    /// were not loaded).
    pub unreadable_configs: Vec<PathBuf>,
}

impl Workspace {
    /// Whether a finding's file is in scope for this run.
    pub fn in_scope(&self, finding: &Finding) -> bool {
        match &self.only {
            None => true,
            Some(files) => files.iter().any(|f| *f == finding.file.path),
        }
    }
}

/// A fatal problem that stops the run (exit 2).
#[derive(Debug)]
pub enum LoadError {
    NoCampaign(PathBuf),
    NotFound(PathBuf),
    /// `-` was named without `--stdin-filename`.
    StdinUnnamed,
    /// `--stdin-filename` was given without `-` among the paths.
    StdinNotAsked,
    /// Standard input could not be read.
    Stdin(std::io::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NoCampaign(dir) => write!(
                f,
                "no campaign here: there is no {CONFIG_FILE} in {} or any folder above it, \
                 and none below it (run `collab init` to start one)",
                dir.display()
            ),
            LoadError::NotFound(path) => write!(f, "{}: no such file or folder", path.display()),
            LoadError::StdinUnnamed => write!(
                f,
                "`-` reads a file's text from stdin, so collab needs to know which file it is: \
                 add --stdin-filename PATH (e.g. `collab validate - --stdin-filename plan.yaml`)"
            ),
            LoadError::StdinNotAsked => write!(
                f,
                "--stdin-filename names the text read from stdin; add `-` as a path to read it"
            ),
            LoadError::Stdin(e) => write!(f, "could not read stdin: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// How the files named on the command line are read (`validate`'s input
/// flags); the default reads every named file from disk.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    /// Skip named files that a walk of their campaign would leave out:
    /// `exclude` globs, `.gitignore`, hidden entries (`--force-exclude`).
    pub force_exclude: bool,
    /// Text that stands for one file, in place of what is on disk (`-`
    /// with `--stdin-filename`). The path is absolute and normalised.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// Texts that stand for files of the campaigns being loaded, in place
    /// of what is on disk: the unsaved texts of the documents open in an
    /// editor (`collab lsp`). Paths are absolute and normalised; a file
    /// must also exist on disk to be found by the campaign walk.
    pub overrides: std::collections::HashMap<PathBuf, Vec<u8>>,
    /// Told the files of the campaigns about to be read, once they are
    /// found and before any is read (`collab index` stamps them there, so
    /// a change made while they are read shows next time).
    pub before_read: Option<BeforeRead>,
}

/// What [`Inputs::before_read`] calls.
#[derive(Clone)]
pub struct BeforeRead(pub std::sync::Arc<Told>);

/// Told the files about to be read.
pub type Told = dyn Fn(&[PathBuf]) + Send + Sync;

impl std::fmt::Debug for BeforeRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BeforeRead")
    }
}

impl Inputs {
    fn stdin_path(&self) -> Option<&Path> {
        self.stdin.as_ref().map(|(p, _)| p.as_path())
    }
}

/// Load what a command should act on: the campaigns under (or around) each
/// path, or around `cwd` when no path is given.
pub fn load(cwd: &Path, paths: &[PathBuf]) -> Result<Workspace, LoadError> {
    load_inputs(cwd, paths, &Inputs::default())
}

/// [`load`], reading the named files as `inputs` says. The stdin file, when
/// there is one, must be among `paths`.
pub fn load_inputs(cwd: &Path, paths: &[PathBuf], inputs: &Inputs) -> Result<Workspace, LoadError> {
    let (roots, explicit, targets) = find_roots(cwd, paths, inputs.stdin_path())?;
    let mut ws = Workspace {
        only: (!explicit.is_empty() && explicit.len() == targets.len()).then(|| explicit.clone()),
        ..Workspace::default()
    };
    load_roots(roots, &explicit, inputs, &mut ws);
    Ok(ws)
}

/// The campaign folders [`load`] would load for `paths` (or `cwd`), sorted,
/// without loading them: for commands that take a workspace one campaign
/// at a time.
pub fn campaign_roots(cwd: &Path, paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    find_roots(cwd, paths, None).map(|(roots, _, _)| roots)
}

/// Campaign roots, files named explicitly, and the normalised targets.
type Roots = (Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>);

fn find_roots(cwd: &Path, paths: &[PathBuf], stdin: Option<&Path>) -> Result<Roots, LoadError> {
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut explicit: Vec<PathBuf> = Vec::new();
    let targets: Vec<PathBuf> = if paths.is_empty() {
        vec![cwd.to_path_buf()]
    } else {
        paths
            .iter()
            .map(|p| discover::normalize(&cwd.join(p)))
            .collect()
    };
    for target in &targets {
        if target.is_file() || stdin == Some(target.as_path()) {
            if let Some(root) = file_campaign(target) {
                roots.push(root);
            }
            explicit.push(target.clone());
        } else if target.is_dir() {
            match discover::find_campaign_root(target) {
                Some(root) => roots.push(root),
                None => {
                    let below = discover::campaigns_below(target);
                    if below.is_empty() {
                        return Err(LoadError::NoCampaign(target.clone()));
                    }
                    roots.extend(below);
                }
            }
        } else {
            return Err(LoadError::NotFound(target.clone()));
        }
    }
    roots.sort();
    roots.dedup();
    Ok((roots, explicit, targets))
}

/// The campaign a named file belongs to: for `collab.toml`, its own folder
/// (the file may be text from stdin, not yet on disk).
fn file_campaign(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    if file.file_name() == Some(CONFIG_FILE.as_ref()) {
        return Some(dir.to_path_buf());
    }
    discover::find_campaign_root(dir)
}

/// How surely a YAML file is collab's, which decides what is said about a
/// file with no `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Found by the campaign walk: read when it has a `kind` key.
    Walked,
    /// Named, inside a campaign's document folders: it must be a document.
    Named,
    /// Named, but outside every campaign's document folders (outside any
    /// campaign, or hidden like `.github/`): read only when it holds one of
    /// collab's kinds, else skipped without a word.
    Stray,
}

/// A YAML file to read: the campaign it belongs to (index into the
/// campaigns being loaded), its path, and how surely it is collab's.
type Job = (usize, PathBuf, Claim);

fn load_roots(roots: Vec<PathBuf>, explicit: &[PathBuf], inputs: &Inputs, ws: &mut Workspace) {
    let mut settled = load_settings(roots, inputs, ws);
    let loose_jobs = place_named(explicit, &mut settled, inputs, ws);
    let Settled {
        mut campaigns,
        jobs,
        ..
    } = settled;
    if let Some(BeforeRead(told)) = &inputs.before_read {
        let files: Vec<PathBuf> = jobs.iter().map(|(_, path, _)| path.clone()).collect();
        told(&files);
    }
    read_campaign_files(&jobs, &mut campaigns, inputs, ws);
    let loose: Vec<FileResult> = loose_jobs
        .par_iter()
        .map(|path| load_yaml_claimed(own_folder(path), path, Claim::Stray, inputs))
        .collect();
    for result in loose.into_iter().filter(|r| !r.skipped) {
        ws.files += 1;
        ws.documents += result.documents.len();
        ws.findings.extend(result.findings);
        ws.loose.extend(result.documents);
    }
    ws.campaigns = campaigns.into_iter().flatten().collect();
}

/// The campaigns being loaded (`None` where the settings could not be
/// read), what each one's settings leave out, the files to read and the
/// links that were skipped.
#[derive(Default)]
struct Settled {
    campaigns: Vec<Option<Campaign>>,
    exclusions: Vec<Option<Exclusions>>,
    jobs: Vec<Job>,
    linked: Vec<PathBuf>,
}

/// Read every campaign's `collab.toml` first (its settings say which files
/// to leave out), then list the campaign's YAML files.
fn load_settings(roots: Vec<PathBuf>, inputs: &Inputs, ws: &mut Workspace) -> Settled {
    let configs: Vec<(PathBuf, Option<ConfigFile>, Vec<Finding>)> = roots
        .into_par_iter()
        .map(|root| {
            let (cfg, findings) = load_config_from(&root, inputs);
            (root, cfg, findings)
        })
        .collect();
    let mut out = Settled::default();
    for (i, (root, cfg, findings)) in configs.into_iter().enumerate() {
        ws.files += 1;
        ws.findings.extend(findings);
        let Some(cfg) = cfg else {
            ws.unreadable_configs.push(root.join(CONFIG_FILE));
            out.campaigns.push(None);
            out.exclusions.push(None);
            continue;
        };
        let settings = &cfg.config;
        let (exclusions, bad) = Exclusions::new(&root, settings.out_dir(), &settings.exclude);
        for (index, why) in bad {
            let span = cfg.span(&[yaml::Seg::Key("exclude"), yaml::Seg::Index(index)]);
            ws.findings.push(Finding::error(
                Rule::InvalidValue,
                &cfg.file,
                span,
                format!("this `exclude` pattern is not a valid glob: {why}"),
            ));
        }
        let found = discover::campaign_entries(&exclusions);
        out.jobs
            .extend(found.files.into_iter().map(|file| (i, file, Claim::Walked)));
        ws.findings
            .extend(found.links.iter().map(|link| skipped_link(&root, link)));
        out.exclusions.push(Some(exclusions));
        out.campaigns.push(Some(Campaign {
            root,
            config: cfg,
            documents: Vec::new(),
            files: 0,
            // A skipped document leaves gaps the reference checks would
            // misreport.
            incomplete: !found.links.is_empty(),
        }));
        out.linked.extend(found.links);
    }
    out
}

/// Files named on the command line are loaded, unless they are links, a
/// `collab.toml` (read already, with its campaign) or, with
/// `--force-exclude`, left out by their campaign's walk: marked as named
/// among their campaign's jobs, or returned when they belong to no
/// campaign.
fn place_named(
    explicit: &[PathBuf],
    settled: &mut Settled,
    inputs: &Inputs,
    ws: &mut Workspace,
) -> Vec<PathBuf> {
    let mut loose_jobs = Vec::new();
    for file in explicit {
        if file.file_name() == Some(CONFIG_FILE.as_ref()) {
            continue;
        }
        if is_link(file) {
            if !settled.linked.contains(file) {
                ws.findings.push(skipped_link(own_folder(file), file));
            }
            continue;
        }
        let home = file_campaign(file);
        let owner = settled
            .campaigns
            .iter()
            .position(|c| c.as_ref().is_some_and(|c| home.as_ref() == Some(&c.root)));
        let Some(i) = owner else {
            let top = discover::repository_top(file);
            if !inputs.force_exclude || discover::walk_reaches(&top, None, file) {
                loose_jobs.push(file.clone());
            }
            continue;
        };
        let (Some(Some(campaign)), Some(Some(ex))) =
            (settled.campaigns.get(i), settled.exclusions.get(i))
        else {
            continue;
        };
        if inputs.force_exclude && !discover::walk_reaches(&campaign.root, Some(ex), file) {
            settled.jobs.retain(|(_, f, _)| f != file);
            continue;
        }
        let claim = if in_document_folders(&campaign.root, file) {
            Claim::Named
        } else {
            Claim::Stray
        };
        match settled.jobs.iter_mut().find(|(_, f, _)| f == file) {
            Some(job) => job.2 = claim,
            None => settled.jobs.push((i, file.clone(), claim)),
        }
    }
    loose_jobs
}

/// Whether `file` lies in the campaign's document folders: below its root,
/// with no hidden part on the way (`.github/`, `.pre-commit-config.yaml`),
/// which no campaign walk reads.
fn in_document_folders(root: &Path, file: &Path) -> bool {
    file.strip_prefix(root).is_ok_and(|rel| {
        rel.components()
            .all(|c| !c.as_os_str().to_string_lossy().starts_with('.'))
    })
}

/// Read the campaigns' YAML files in parallel into their campaigns.
fn read_campaign_files(
    jobs: &[Job],
    campaigns: &mut [Option<Campaign>],
    inputs: &Inputs,
    ws: &mut Workspace,
) {
    let progress = Progress::new(jobs.len());
    let roots: Vec<Option<&Path>> = campaigns
        .iter()
        .map(|c| c.as_ref().map(|c| c.root.as_path()))
        .collect();
    let loaded: Vec<(usize, FileResult)> = jobs
        .par_iter()
        .map(|(i, path, claim)| {
            let root = roots.get(*i).copied().flatten().unwrap_or(own_folder(path));
            let result = load_yaml_claimed(root, path, *claim, inputs);
            progress.tick();
            (*i, result)
        })
        .collect();
    progress.finish();
    for (i, result) in loaded.into_iter().filter(|(_, r)| !r.skipped) {
        ws.files += 1;
        ws.documents += result.documents.len();
        ws.findings.extend(result.findings);
        if let Some(Some(c)) = campaigns.get_mut(i) {
            c.files += 1;
            c.incomplete |= result.broken;
            c.documents.extend(result.documents);
        }
    }
}

/// The folder a file outside any campaign is named from: its own.
fn own_folder(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The warning for a YAML file that is a symbolic link: collab never
/// follows links, so the file is not read. `root`: its campaign's folder.
fn skipped_link(root: &Path, path: &Path) -> Finding {
    let file = SourceFile::new(from_root(path, root), path.to_path_buf(), String::new());
    let target = fs::read_link(path).map_or_else(
        |_| String::new(),
        |t| format!(" (it points to {})", t.display()),
    );
    Finding::new(
        Rule::YamlSyntax,
        crate::diagnostic::Level::Warning,
        &file,
        Span::empty(0),
        format!("this file is a symbolic link{target}; collab does not follow links, so it was skipped"),
    )
    .with_help("put the document itself here (copy the file instead of linking it), or move the link out of the campaign")
}

/// A progress bar on stderr that appears only when loading takes more than
/// a second and stderr is a terminal; otherwise nothing is printed.
struct Progress {
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
    allowed: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total as u64),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} reading campaign files {pos}/{len} {wide_bar}",
        ) {
            bar.set_style(style);
        }
        Progress {
            bar,
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
            allowed: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.allowed
            && self.started.elapsed() > std::time::Duration::from_secs(1)
            && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// What one YAML file yielded.
#[derive(Debug, Default)]
pub struct FileResult {
    pub documents: Vec<Document>,
    pub findings: Vec<Finding>,
    /// The file could not be read as YAML.
    pub broken: bool,
    /// A named file outside the document folders that is not collab's:
    /// not counted, nothing said.
    pub skipped: bool,
}

/// `path` from `root` (its campaign's folder), `/`-separated.
fn from_root(path: &Path, root: &Path) -> String {
    discover::display_path(path, root)
}

/// The bytes of the file at `path`: the text from stdin when it stands
/// for this file, else what is on disk, up to [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path, inputs: &Inputs) -> Result<Vec<u8>, String> {
    let too_big = |len: u64, what: &str| {
        format!(
            "{what} is {:.1} MB; collab reads files up to {} MB",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )
    };
    let given = inputs
        .stdin
        .as_ref()
        .filter(|(p, _)| p == path)
        .map(|(_, bytes)| (bytes, "the text from stdin"))
        .or_else(|| {
            inputs
                .overrides
                .get(path)
                .map(|bytes| (bytes, "the text in the editor"))
        });
    if let Some((bytes, what)) = given {
        return if bytes.len() as u64 > MAX_FILE_BYTES {
            Err(too_big(bytes.len() as u64, what))
        } else {
            Ok(bytes.clone())
        };
    }
    match fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => Err(too_big(meta.len(), "the file")),
        Ok(_) => fs::read(path).map_err(|e| format!("could not read the file: {e}")),
        Err(e) => Err(format!("could not read the file: {e}")),
    }
}

/// Read the file at `path`, whose campaign is in `root`.
fn read_text(
    root: &Path,
    path: &Path,
    inputs: &Inputs,
) -> Result<Arc<SourceFile>, (Arc<SourceFile>, Span, String)> {
    let display = from_root(path, root);
    let empty = |why: String| {
        (
            SourceFile::new(display.clone(), path.to_path_buf(), String::new()),
            Span::empty(0),
            why,
        )
    };
    let bytes = read_bytes(path, inputs).map_err(empty)?;
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(empty("this is a binary file, not YAML text".to_string()));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(
            display,
            path.to_path_buf(),
            without_bom(text),
        )),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(display, path.to_path_buf(), text);
            let len = file.source.text()[at..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            Err((
                file,
                Span::new(at, at + len),
                "the file is not UTF-8 text; save it as UTF-8".to_string(),
            ))
        }
    }
}

/// A file's text without the UTF-8 byte-order mark some editors write
/// first: it is no part of the text, so positions count from after it.
/// Commands that write a file back put it back ([`bom_of`]).
fn without_bom(mut text: String) -> String {
    if text.starts_with(BOM) {
        text.drain(..BOM.len());
    }
    text
}

/// The byte-order mark the file at `path` starts with, or "" when it has
/// none (or cannot be read).
pub fn bom_of(path: &Path) -> &'static str {
    use std::io::Read;
    let mut head = [0u8; 3];
    let starts = fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == BOM.as_bytes());
    if starts { BOM } else { "" }
}

/// Read, parse and check one YAML file of the campaign in `root`. `named`:
/// the user named it, so it is reported even when it holds no `kind`.
pub fn load_yaml_file(root: &Path, path: &Path, named: bool) -> FileResult {
    let claim = if named { Claim::Named } else { Claim::Walked };
    load_yaml_claimed(root, path, claim, &Inputs::default())
}

fn load_yaml_claimed(root: &Path, path: &Path, claim: Claim, inputs: &Inputs) -> FileResult {
    match read_text(root, path, inputs) {
        Ok(file) => parse_claimed(file, claim),
        Err((file, span, why)) => FileResult {
            findings: vec![Finding::error(Rule::YamlSyntax, &file, span, why)],
            broken: true,
            ..FileResult::default()
        },
    }
}

/// Parse and check one YAML file's text, already read. Pure: the fuzz
/// targets and [`campaign_from_texts`] come in here.
pub fn parse_yaml_file(file: Arc<SourceFile>, named: bool) -> FileResult {
    parse_claimed(file, if named { Claim::Named } else { Claim::Walked })
}

/// Parse and check one YAML file's text, as surely collab's as `claim` says.
pub fn parse_claimed(file: Arc<SourceFile>, claim: Claim) -> FileResult {
    let mut out = FileResult::default();
    let parsed = yaml::parse(&file.source);
    if let Some(err) = &parsed.error {
        out.broken = true;
        out.findings.push(
            Finding::error(
                Rule::YamlSyntax,
                &file,
                err.span,
                format!("invalid YAML: {}", err.message),
            )
            .with_label("the parser stopped here"),
        );
    }
    let has_kind = |known: bool| {
        parsed.docs.iter().any(|d| {
            d.root
                .get("kind")
                .is_some_and(|k| !known || k.as_str().and_then(Kind::parse).is_some())
        })
    };
    let ours = match claim {
        Claim::Named => true,
        Claim::Walked => has_kind(false),
        Claim::Stray => has_kind(true),
    };
    if !ours {
        // Not a collab file: say nothing unless it is broken and could be
        // ours. A named file that is not YAML at all cannot be told apart
        // from a broken document, so it is reported.
        if parsed.error.is_some() && (claim == Claim::Stray || !looks_foreign(&file.source)) {
            return out;
        }
        out.findings.clear();
        out.broken = false;
        out.skipped = claim == Claim::Stray;
        return out;
    }
    let named = claim != Claim::Walked;
    for (index, doc) in parsed.docs.into_iter().enumerate() {
        if let Some(d) = load_document(&file, index, doc.root, &mut out.findings) {
            out.documents.push(d);
        }
    }
    if out.documents.is_empty() && out.findings.is_empty() && named {
        out.findings.push(
            Finding::error(
                Rule::MissingField,
                &file,
                Span::empty(0),
                "this file holds no collab document: it has no `kind` key",
            )
            .with_help(format!(
                "start the document with `kind: …`, one of {}",
                kind_names()
            )),
        );
    }
    out
}

/// A broken YAML file whose first lines show no sign of being collab's
/// (no `kind:` anywhere) is someone else's problem.
fn looks_foreign(src: &SourceText) -> bool {
    !src.text()
        .split(['\n', '\r'])
        .any(|l| l.trim_start().starts_with("kind:"))
}

fn kind_names() -> String {
    one_of(Kind::KEYS)
}

/// The fix for a missing `kind` in the first document of a file: a line
/// inserted before the mapping's first key, when that key starts a line.
/// Safe when the file's name is a kind (`partners.yaml` → `kind:
/// partners`); unsafe for any file in a `meetings` folder (a guess from
/// where it is kept).
fn kind_fix(file: &SourceFile, index: usize, root: &Node) -> Option<Fix> {
    let path = Path::new(&file.rel);
    let stem = path.file_stem()?.to_str()?;
    let in_meetings = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "meetings");
    let (kind, applicability) = match Kind::parse(stem) {
        Some(kind) => (kind, Applicability::Safe),
        None if in_meetings => (Kind::Meeting, Applicability::Unsafe),
        None => return None,
    };
    let text = file.source.text();
    let start = root.span.start;
    let at_line_start = start == 0 || text[..start].ends_with('\n');
    let block = matches!(root.value, Value::Map(_)) && !text[start..].starts_with('{');
    (index == 0 && at_line_start && block).then(|| Fix {
        applicability,
        ..Fix::safe(
            format!("add `kind: {kind}`"),
            Span::empty(start),
            format!("kind: {kind}\n"),
        )
    })
}

fn load_document(
    file: &Arc<SourceFile>,
    index: usize,
    root: Node,
    findings: &mut Vec<Finding>,
) -> Option<Document> {
    let Some((_, kind_node)) = root.entry("kind") else {
        let span = if root.is_null() {
            Span::empty(root.span.start)
        } else {
            root.span
        };
        findings.push(
            Finding::error(
                Rule::MissingField,
                file,
                span,
                "this document has no `kind`, so collab cannot tell what it is",
            )
            .with_label("no `kind` in this document")
            .with_help(format!("add `kind:` with one of {}", kind_names()))
            .with_fix(kind_fix(file, index, &root)),
        );
        return None;
    };
    let kind_text = kind_node.as_str().unwrap_or("");
    let Some(kind) = Kind::parse(kind_text) else {
        let help = match closest(kind_text, Kind::KEYS.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? collab knows {}", kind_names()),
            None => format!("collab knows {}", kind_names()),
        };
        findings.push(
            Finding::error(
                Rule::UnknownKind,
                file,
                kind_node.span,
                format!("unknown kind `{kind_text}`"),
            )
            .with_help(help),
        );
        return None;
    };
    let schema = schemas().for_kind(kind);
    let json = check::check(
        file,
        schema,
        &root,
        &format!("this {kind} document"),
        findings,
    )?;
    let body = match kind {
        Kind::Partners => Body::Partners(typed(file, &root, json, findings)?),
        Kind::Plan => Body::Plan(Box::new(typed(file, &root, json, findings)?)),
        Kind::Evaluation => Body::Evaluation(typed(file, &root, json, findings)?),
        Kind::Meeting => Body::Meeting(Box::new(typed(file, &root, json, findings)?)),
        Kind::Charter => Body::Charter(Box::new(typed(file, &root, json, findings)?)),
    };
    Some(Document {
        file: Arc::clone(file),
        index,
        root,
        body,
    })
}

/// Build a typed value from checked JSON. The check has already removed
/// everything that does not fit, so a failure here is a gap between the
/// schema and the types; it is reported, never a panic.
fn typed<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    root: &Node,
    mut json: Json,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    if let Some(obj) = json.as_object_mut() {
        obj.remove("kind");
    }
    match serde_json::from_value(json) {
        Ok(v) => Some(v),
        Err(e) => {
            findings.push(Finding::error(
                Rule::InvalidValue,
                file,
                root.span,
                format!("this document could not be read: {e}"),
            ));
            None
        }
    }
}

/// Read and check `collab.toml` in `root`.
pub fn load_config(root: &Path) -> (Option<ConfigFile>, Vec<Finding>) {
    load_config_from(root, &Inputs::default())
}

fn load_config_from(root: &Path, inputs: &Inputs) -> (Option<ConfigFile>, Vec<Finding>) {
    let path = root.join(CONFIG_FILE);
    match read_text(root, &path, inputs) {
        Ok(file) => parse_config(file),
        Err((file, span, why)) => (
            None,
            vec![Finding::error(Rule::TomlSyntax, &file, span, why)],
        ),
    }
}

/// Check the text of a `collab.toml`, already read. Pure.
pub fn parse_config(file: Arc<SourceFile>) -> (Option<ConfigFile>, Vec<Finding>) {
    let mut findings = Vec::new();
    let node = match toml_node(&file.source) {
        Ok(n) => n,
        Err((span, message)) => {
            findings.push(
                Finding::error(
                    Rule::TomlSyntax,
                    &file,
                    span,
                    format!("invalid TOML: {message}"),
                )
                .with_label("here"),
            );
            return (None, findings);
        }
    };
    let json = check::check(
        &file,
        &schemas().config,
        &node,
        "collab.toml",
        &mut findings,
    )
    .unwrap_or(Json::Object(Default::default()));
    let config: Config = match serde_json::from_value(json) {
        Ok(c) => c,
        Err(e) => {
            findings.push(Finding::error(
                Rule::InvalidValue,
                &file,
                node.span,
                format!("collab.toml could not be read: {e}"),
            ));
            Config::default()
        }
    };
    let cfg = ConfigFile {
        file,
        root: node,
        config,
    };
    crate::rules::structure::check_config(&cfg, &mut findings);
    (Some(cfg), findings)
}

/// Parse TOML into the same span-carrying node tree YAML uses.
fn toml_node(src: &SourceText) -> Result<Node, (Span, String)> {
    use toml::de::{DeTable, DeValue};
    let table = DeTable::parse(src.text()).map_err(|e| {
        let span = e
            .span()
            .map_or(Span::empty(0), |r| Span::new(r.start, r.end));
        (span, e.message().trim().to_string())
    })?;

    fn scalar(text: String, span: Span, string: bool) -> Node {
        Node {
            span,
            value: Value::Scalar(Scalar {
                text,
                plain: !string,
                forced_str: string,
            }),
        }
    }
    fn convert(value: &DeValue<'_>, span: Span) -> Node {
        match value {
            DeValue::String(s) => scalar(s.to_string(), span, true),
            DeValue::Integer(i) => {
                let text = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                    .map_or_else(|_| i.as_str().to_string(), |n| n.to_string());
                scalar(text, span, false)
            }
            DeValue::Float(f) => scalar(f.as_str().replace('_', ""), span, false),
            DeValue::Boolean(b) => scalar(b.to_string(), span, false),
            DeValue::Datetime(d) => scalar(d.to_string(), span, true),
            DeValue::Array(items) => Node {
                span,
                value: Value::Seq(
                    items
                        .iter()
                        .map(|v| {
                            let r = v.span();
                            convert(v.get_ref(), Span::new(r.start, r.end))
                        })
                        .collect(),
                ),
            },
            DeValue::Table(t) => table_node(t, span),
        }
    }
    fn table_node(t: &DeTable<'_>, span: Span) -> Node {
        let entries = t
            .iter()
            .map(|(k, v)| {
                let kr = k.span();
                let vr = v.span();
                (
                    scalar(k.get_ref().to_string(), Span::new(kr.start, kr.end), true),
                    convert(v.get_ref(), Span::new(vr.start, vr.end)),
                )
            })
            .collect();
        Node {
            span,
            value: Value::Map(entries),
        }
    }
    let r = table.span();
    Ok(table_node(table.get_ref(), Span::new(r.start, r.end)))
}

/// Build a workspace of one campaign from texts held in memory, with no
/// file system: `config` is the text of its `collab.toml` and `files` each
/// YAML file as (path inside the campaign, text). Used by the fuzz targets
/// and benchmarks; the checks and the view see exactly what [`load`] gives.
pub fn campaign_from_texts(root: &Path, config: &str, files: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::default();
    let file = |name: &str, text: &str| {
        SourceFile::new(name.to_string(), root.join(name), text.to_string())
    };
    let (cfg, findings) = parse_config(file(CONFIG_FILE, config));
    ws.files += 1;
    ws.findings.extend(findings);
    let Some(cfg) = cfg else {
        ws.unreadable_configs.push(root.join(CONFIG_FILE));
        return ws;
    };
    let mut campaign = Campaign {
        root: root.to_path_buf(),
        config: cfg,
        documents: Vec::new(),
        files: 0,
        incomplete: false,
    };
    for (name, text) in files {
        let result = parse_yaml_file(file(name, text), false);
        ws.files += 1;
        ws.documents += result.documents.len();
        ws.findings.extend(result.findings);
        campaign.files += 1;
        campaign.incomplete |= result.broken;
        campaign.documents.extend(result.documents);
    }
    ws.campaigns.push(campaign);
    ws
}

/// Load one campaign folder on its own (for commands that act on one).
pub fn load_campaign(cwd: &Path, root: &Path) -> Result<Workspace, LoadError> {
    load(cwd, &[root.to_path_buf()])
}
