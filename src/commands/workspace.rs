//! Workspace commands: `collab index`, `collab who` and `collab overlaps`.
//! They load every campaign below the workspace folders once (in
//! parallel), or read the index cached by `collab index` when no file has
//! changed since.

use std::path::{Path, PathBuf};
use std::time::{Instant, UNIX_EPOCH};

use comfy_table::presets::ASCII_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{bound, print_stdout, print_terminal, write_inside};
use crate::cli::{IndexArgs, OverlapsArgs, StatusFormat, WhoArgs, WorkspaceArgs};
use crate::diagnostic::Level;
use crate::discover::{self, Exclusions};
use crate::index::{self, Index, Query};
use crate::load;
use crate::model::config::Classification;
use crate::{Error, Lookup, Options, Outcome};

/// Bumped when the cached index's shape changes.
const CACHE_VERSION: u32 = 3;

/// The index as cached on disk, with what it was built from.
#[derive(Debug, Serialize, Deserialize)]
struct Cache {
    version: u32,
    stamps: Vec<Stamp>,
    index: Index,
}

/// A file the index was built from: path, modification time and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    path: String,
    modified_ns: u128,
    size: u64,
}

fn workspace_dirs(cwd: &Path, args: &WorkspaceArgs) -> Vec<PathBuf> {
    if args.workspaces.is_empty() {
        vec![cwd.to_path_buf()]
    } else {
        args.workspaces
            .iter()
            .map(|d| discover::normalize(&cwd.join(d)))
            .collect()
    }
}

/// The files a fresh load would read, with their stamps.
fn stamps(dirs: &[PathBuf]) -> Vec<Stamp> {
    let mut files = Vec::new();
    for dir in dirs {
        let roots = match discover::find_campaign_root(dir) {
            Some(root) => vec![root],
            None => discover::campaigns_below(dir),
        };
        for root in roots {
            files.push(root.join(crate::model::config::CONFIG_FILE));
            let (cfg, _) = load::load_config(&root);
            if let Some(cfg) = cfg {
                let (ex, _) = Exclusions::new(&root, cfg.config.out_dir(), &cfg.config.exclude);
                files.extend(discover::campaign_files(&ex));
            }
        }
    }
    files.sort();
    files.dedup();
    files
        .into_iter()
        .filter_map(|path| {
            let meta = std::fs::metadata(&path).ok()?;
            let modified_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            Some(Stamp {
                path: path.to_string_lossy().into_owned(),
                modified_ns,
                size: meta.len(),
            })
        })
        .collect()
}

/// A workspace index and what building it found.
#[derive(Default)]
pub struct Indexed {
    pub index: Index,
    /// Folders of campaigns with errors (indexed from what could be read).
    pub broken: Vec<String>,
    /// Folders of OFFICIAL-SENSITIVE campaigns left out (`public` only).
    pub left_out: Vec<String>,
    /// Some OFFICIAL-SENSITIVE campaign is in the index.
    pub sensitive: bool,
    pub files: usize,
}

/// Load, check and index every campaign below `dirs` (or `cwd`), one
/// campaign at a time (in parallel), keeping only the index entries, so
/// memory stays flat however big the workspace is. `public` leaves out
/// OFFICIAL-SENSITIVE campaigns.
pub fn index_workspace(
    cwd: &Path,
    opts: &Options,
    dirs: &[PathBuf],
    public: bool,
) -> Result<Indexed, Error> {
    let roots = load::campaign_roots(cwd, dirs)?;
    let parts: Vec<Indexed> = roots
        .par_iter()
        .map(|root| {
            let ws = load::load(cwd, std::slice::from_ref(root))?;
            let report = super::check_all(&ws, opts);
            let mut part = Indexed {
                files: ws.files,
                ..Indexed::default()
            };
            let mut entries = Vec::new();
            for c in &ws.campaigns {
                let folder = discover::display_path(&c.root, cwd);
                if c.settings().campaign().classification() == Classification::OfficialSensitive {
                    if public {
                        part.left_out.push(folder);
                        continue;
                    }
                    part.sensitive = true;
                }
                let errors = report
                    .findings
                    .iter()
                    .filter(|f| f.level == Level::Error && f.file.path.starts_with(&c.root))
                    .count();
                if errors > 0 {
                    part.broken.push(folder.clone());
                }
                entries.push((c, folder, errors));
            }
            part.index = index::build(&entries);
            Ok(part)
        })
        .collect::<Result<_, load::LoadError>>()?;
    let mut all = Indexed::default();
    let mut indexes = Vec::with_capacity(parts.len());
    for part in parts {
        all.broken.extend(part.broken);
        all.left_out.extend(part.left_out);
        all.sensitive |= part.sensitive;
        all.files += part.files;
        indexes.push(part.index);
    }
    all.index = index::merge(indexes);
    Ok(all)
}

/// How many campaigns a warning names before it says how many more.
const NAMED: usize = 5;

/// The warning for campaigns with errors: the first few by name, then how
/// many more.
pub fn broken_warning(broken: &[String]) -> String {
    let mut names = broken
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if broken.len() > NAMED {
        names.push_str(&format!(
            " and {} more (run `collab validate` there)",
            broken.len() - NAMED
        ));
    }
    format!(
        "warning: {} campaign(s) have errors and were indexed from what could be read: {names}",
        broken.len()
    )
}

/// Build the index for `index`, `who` and `overlaps`; report campaigns
/// with errors.
fn build_index(cwd: &Path, opts: &Options, dirs: &[PathBuf]) -> Result<Index, Error> {
    let started = Instant::now();
    let built = index_workspace(cwd, opts, dirs, false)?;
    if !built.broken.is_empty() && !opts.quiet {
        eprintln!("{}", broken_warning(&built.broken));
    }
    if opts.verbose {
        eprintln!(
            "read, checked and indexed {} file(s) of {} campaign(s) in {} ms",
            built.files,
            built.index.campaigns.len(),
            started.elapsed().as_millis()
        );
    }
    Ok(built.index)
}

/// The index for a workspace command: from the cache when it is fresh.
fn get_index(cwd: &Path, opts: &Options, args: &WorkspaceArgs) -> Result<Index, Error> {
    let dirs = workspace_dirs(cwd, args);
    if let Some(file) = &args.index {
        let path = cwd.join(file);
        if let Ok(text) = std::fs::read_to_string(&path) {
            match serde_json::from_str::<Cache>(&text) {
                Ok(cache) if cache.version == CACHE_VERSION && cache.stamps == stamps(&dirs) => {
                    return Ok(cache.index);
                }
                _ => {
                    if !opts.quiet {
                        eprintln!(
                            "note: {} is out of date; reading the campaign files instead (run collab index to refresh it)",
                            file.display()
                        );
                    }
                }
            }
        }
    }
    build_index(cwd, opts, &dirs)
}

fn today(opts: &Options) -> String {
    opts.today
        .unwrap_or_else(|| crate::options::real_today(None))
        .to_string()
}

pub fn run_index(cwd: &Path, opts: &Options, args: IndexArgs) -> Result<Outcome, Error> {
    let dirs = workspace_dirs(cwd, &args.workspace);
    let started = Instant::now();
    let index = build_index(cwd, opts, &dirs)?;
    let built = started.elapsed();
    let cache = Cache {
        version: CACHE_VERSION,
        stamps: stamps(&dirs),
        index,
    };
    let out = cwd.join(
        args.out
            .clone()
            .unwrap_or_else(|| PathBuf::from(".collab/index.json")),
    );
    let text = serde_json::to_string(&cache).map_err(Error::Index)?;
    // Inside the workspace, `.collab/` must be a real folder, not a link.
    let root = bound(cwd, &out, out.parent().unwrap_or(cwd));
    write_inside(&root, &out, text.as_bytes())?;
    if !opts.quiet {
        eprintln!(
            "indexed {} campaign(s) and {} people in {} ms; wrote {}",
            cache.index.campaigns.len(),
            cache.index.people.len(),
            built.as_millis(),
            discover::display_path(&out, cwd)
        );
    }
    Ok(Outcome::Success)
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().copied());
    t
}

pub fn run_who(cwd: &Path, opts: &Options, args: WhoArgs) -> Result<Outcome, Error> {
    let index = get_index(cwd, opts, &args.workspace)?;
    let query = Query {
        text: args.text.clone(),
        tags: args.tags.clone(),
        sectors: args.sectors.clone(),
        regions: args.regions.clone(),
        offers: args.offers.clone(),
        priorities: args.priorities.clone(),
        roles: args.roles.clone(),
    };
    let today = today(opts);
    let hits = index::who(&index, &query, &today);
    let shown: Vec<_> = hits.iter().take(args.limit).collect();
    let text = match args.format {
        StatusFormat::Json => {
            let mut s = serde_json::to_string_pretty(&shown).unwrap_or_default();
            s.push('\n');
            s
        }
        StatusFormat::Human => {
            if shown.is_empty() {
                "No one matches.\n".to_string()
            } else {
                let mut t = table(&[
                    "Name",
                    "Role",
                    "Organisation",
                    "Contact",
                    "Campaigns",
                    "Why",
                ]);
                for h in &shown {
                    let p = h.person;
                    let contact = p
                        .email
                        .clone()
                        .or_else(|| p.phone.clone())
                        .unwrap_or_else(|| "–".into());
                    let mut campaigns: Vec<String> = p
                        .campaigns
                        .iter()
                        .take(3)
                        .map(|i| format!("{} ({})", i.campaign, i.as_))
                        .collect();
                    if p.campaigns.len() > 3 {
                        campaigns.push(format!("and {} more", p.campaigns.len() - 3));
                    }
                    t.add_row(vec![
                        p.name.clone(),
                        p.role.clone().unwrap_or_else(|| "–".into()),
                        p.organisation.clone(),
                        contact,
                        campaigns.join(", "),
                        h.reasons.join("; "),
                    ]);
                }
                format!("{t}\n")
            }
        }
    };
    match args.format {
        StatusFormat::Json => print_stdout(&text)?,
        StatusFormat::Human => print_terminal(&text)?,
    }
    Ok(Outcome::Success)
}

pub fn run_overlaps(cwd: &Path, opts: &Options, args: OverlapsArgs) -> Result<Outcome, Error> {
    let index = get_index(cwd, opts, &args.workspace)?;
    if let Some(id) = &args.campaign
        && !index.campaigns.iter().any(|c| &c.id == id)
    {
        let ids = index.campaigns.iter().map(|c| c.id.as_str());
        return Err(Error::not_found(Lookup::Campaign, id, ids));
    }
    let pairs = index::overlaps(&index, args.campaign.as_deref(), args.limit);
    let clusters = index::clusters(&pairs);
    let text = match args.format {
        StatusFormat::Json => {
            let value = serde_json::json!({ "pairs": pairs, "clusters": clusters });
            let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
            s.push('\n');
            s
        }
        StatusFormat::Human => {
            if pairs.is_empty() {
                "No campaigns overlap.\n".to_string()
            } else {
                let mut t = table(&["Score", "Campaigns", "Why"]);
                for o in &pairs {
                    t.add_row(vec![
                        format!("{:.1}", o.score),
                        format!("{} + {}", o.a, o.b),
                        o.reasons.join("; "),
                    ]);
                }
                let mut text = format!("{t}\n");
                if !clusters.is_empty() {
                    text.push_str("\nClusters (campaigns linked through the pairs above):\n");
                    for c in &clusters {
                        text.push_str(&format!("  - {}\n", c.join(", ")));
                    }
                }
                text
            }
        }
    };
    match args.format {
        StatusFormat::Json => print_stdout(&text)?,
        StatusFormat::Human => print_terminal(&text)?,
    }
    Ok(Outcome::Success)
}
