//! Workspace commands: `collab index`, `collab who` and `collab overlaps`.
//! They load every campaign below the workspace folders once (in
//! parallel), or read the index cached by `collab index` when no file has
//! changed since.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::index_cache::{self, Cache, CachedCampaign, Head, INDEX_FILE, Listing, Wanted};
use super::{bound, print_stdout, print_terminal, write_inside};
use crate::cli::{IndexArgs, OverlapsArgs, StatusFormat, WhoArgs, WorkspaceArgs};
use crate::diagnostic::Level;
use crate::discover;
use crate::index::{self, Index, Query};
use crate::load;
use crate::model::config::Classification;
use crate::{Error, Lookup, Options, Outcome};
use comfy_table::presets::ASCII_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use rayon::prelude::*;

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
    let parts = roots
        .par_iter()
        .map(|root| index_campaign(cwd, opts, root, public, &load::Inputs::default()))
        .collect::<Result<Vec<_>, load::LoadError>>()?;
    Ok(combine(parts))
}

/// Load, check and index the one campaign at `root`.
fn index_campaign(
    cwd: &Path,
    opts: &Options,
    root: &Path,
    public: bool,
    inputs: &load::Inputs,
) -> Result<Indexed, load::LoadError> {
    let ws = load::load_inputs(cwd, &[root.to_path_buf()], inputs)?;
    // Only errors count here (a campaign with errors is named).
    let report = super::check_errors(&ws, opts);
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
}

/// Join the indexes of campaigns, given in the order of their folders.
fn combine(parts: Vec<Indexed>) -> Indexed {
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
    all
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
    Ok(announce(built, opts, started))
}

/// Warn of campaigns with errors; with `--verbose`, say what was read.
fn announce(built: Indexed, opts: &Options, started: Instant) -> Index {
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
    built.index
}

/// The index for a workspace command, as far as `wanted`: from the cache,
/// with the campaigns changed since it was written read again, or from
/// the files.
fn get_index(
    cwd: &Path,
    opts: &Options,
    args: &WorkspaceArgs,
    wanted: Wanted,
) -> Result<Index, Error> {
    let dirs = workspace_dirs(cwd, args);
    if let Some(file) = &args.index {
        let path = cwd.join(file);
        if path.exists() {
            let started = Instant::now();
            if let Some(index) = from_cache(cwd, opts, &dirs, &path, wanted) {
                if opts.verbose {
                    eprintln!(
                        "answered from the cached index after {} ms",
                        started.elapsed().as_millis()
                    );
                }
                return index;
            }
            if !opts.quiet {
                eprintln!(
                    "note: {} is out of date; reading the campaign files instead (run collab index to refresh it)",
                    file.display()
                );
            }
        }
    }
    build_index(cwd, opts, &dirs)
}

/// The index from the cache at `path`, when it is one for these folders:
/// the index is read while what it was built from is checked; when
/// something changed, it is read whole and the changed campaigns are read
/// again.
fn from_cache(
    cwd: &Path,
    opts: &Options,
    dirs: &[PathBuf],
    path: &Path,
    wanted: Wanted,
) -> Option<Result<Index, Error>> {
    let mut file = index_cache::CacheFile::open(path)?;
    let head = file.head().filter(|h| h.dirs == dir_names(dirs))?;
    let bytes = file.index_bytes(wanted)?;
    let (changes, index) = rayon::join(|| index_cache::changes(&head, path), || bytes.index());
    if changes.none() {
        return index.map(Ok);
    }
    let index = match wanted {
        Wanted::Campaigns => file.index_bytes(Wanted::People)?.index()?,
        _ => index?,
    };
    let cache = Cache {
        head,
        records: file.records()?,
        index,
    };
    Some(refresh(cwd, opts, dirs, cache, changes, path))
}

fn dir_names(dirs: &[PathBuf]) -> Vec<String> {
    dirs.iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect()
}

/// The cached index brought up to date: unchanged when nothing it was
/// built from changed, else merged again with the changed campaigns read
/// afresh (and the campaigns found again when a folder changed).
fn refresh(
    cwd: &Path,
    opts: &Options,
    dirs: &[PathBuf],
    cache: Cache,
    changes: index_cache::Changes,
    path: &Path,
) -> Result<Index, Error> {
    let started = Instant::now();
    let roots: Vec<PathBuf> = if changes.layout {
        load::campaign_roots(cwd, dirs)?
    } else {
        cache
            .head
            .campaigns
            .iter()
            .map(|c| PathBuf::from(&c.root))
            .collect()
    };
    let merged = index_cache::people_by_key(&cache);
    let mut kept = std::collections::HashMap::new();
    for (c, changed) in cache.head.campaigns.iter().zip(&changes.changed) {
        if !changed {
            kept.insert(PathBuf::from(&c.root), c);
        }
    }
    let now: std::collections::HashSet<&PathBuf> = roots.iter().collect();
    let fresh = roots.iter().filter(|r| !kept.contains_key(*r)).count();
    let gone = cache
        .head
        .campaigns
        .iter()
        .filter(|c| !now.contains(&PathBuf::from(&c.root)))
        .count();
    if !opts.quiet {
        eprintln!(
            "note: {} is out of date ({fresh} campaign(s) new or changed, {gone} gone); reading the changed ones again (run collab index to refresh it)",
            path.display()
        );
    }
    let parts = roots
        .par_iter()
        .map(|root| {
            let cached = kept
                .get(root)
                .and_then(|c| index_cache::part(&cache, c, &merged));
            match cached {
                Some(index) => Ok(Indexed {
                    index,
                    ..Indexed::default()
                }),
                None => index_campaign(cwd, opts, root, false, &load::Inputs::default()),
            }
        })
        .collect::<Result<Vec<_>, load::LoadError>>()?;
    Ok(announce(combine(parts), opts, started))
}

/// Index the workspace, stamping what each campaign is built from before
/// reading it.
fn build_cache(cwd: &Path, opts: &Options, dirs: &[PathBuf], out: &Path) -> Result<Cache, Error> {
    // The cache's folder first, so making it does not date the stamps.
    if let Some(parent) = out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let beside = Listing::take(out);
    let layout = index_cache::layout_stamps(dirs);
    let started = Instant::now();
    let roots = load::campaign_roots(cwd, dirs)?;
    let parts = roots
        .par_iter()
        .map(|root| {
            let stamper = index_cache::Stamper::new(root);
            let part = index_campaign(cwd, opts, root, false, &stamper.inputs())?;
            Ok((stamper.stamps(), part))
        })
        .collect::<Result<Vec<_>, load::LoadError>>()?;
    let (files, parts): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    let (mut own, records) = index_cache::parts(parts.iter().map(|p| &p.index));
    let index = announce(combine(parts), opts, started);
    index_cache::place(&index, &mut own);
    let campaigns = roots
        .iter()
        .zip(files)
        .zip(own)
        .map(|((root, files), part)| {
            Ok(CachedCampaign {
                root: root.to_string_lossy().into_owned(),
                files,
                entries: part.entries,
                people: part.people,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let beside = beside.filter(|l| layout.iter().any(|s| s.path == l.folder));
    Ok(Cache {
        head: Head {
            dirs: dir_names(dirs),
            layout,
            beside,
            campaigns,
        },
        records,
        index,
    })
}

fn today(opts: &Options) -> String {
    opts.today
        .unwrap_or_else(|| crate::options::real_today(None))
        .to_string()
}

pub fn run_index(cwd: &Path, opts: &Options, args: IndexArgs) -> Result<Outcome, Error> {
    let dirs = workspace_dirs(cwd, &args.workspace);
    let out = discover::normalize(
        &cwd.join(
            args.out
                .clone()
                .unwrap_or_else(|| PathBuf::from(INDEX_FILE)),
        ),
    );
    let started = Instant::now();
    let mut cache = build_cache(cwd, opts, &dirs, &out)?;
    let text = index::TextIndex::build(&cache.index);
    let built = started.elapsed();
    let bytes = index_cache::encode(&mut cache, &text).map_err(Error::Index)?;
    let counts = (cache.index.campaigns.len(), cache.index.people.len());
    drop((cache, text));
    // Inside the workspace, `.collab/` must be a real folder, not a link.
    let root = bound(cwd, &out, out.parent().unwrap_or(cwd));
    write_inside(&root, &out, &bytes)?;
    if !opts.quiet {
        eprintln!(
            "indexed {} campaign(s) and {} people in {} ms; wrote {}",
            counts.0,
            counts.1,
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
    let free_text = args.text.iter().any(|t| !t.trim().is_empty());
    let wanted = if free_text {
        Wanted::Text
    } else {
        Wanted::People
    };
    let index = get_index(cwd, opts, &args.workspace, wanted)?;
    let query = Query {
        text: args.text.clone(),
        tags: args.tags.clone(),
        sectors: args.sectors.clone(),
        regions: args.regions.clone(),
        offers: args.offers.clone(),
        priorities: args.priorities.clone(),
        roles: args.roles.clone(),
    };
    if !opts.quiet {
        note_unknown_places(&index, &query.regions);
    }
    let hits = index::who(&index, &query, &today(opts));
    let shown: Vec<_> = hits.iter().take(args.limit).collect();
    match args.format {
        StatusFormat::Json => {
            let mut s = serde_json::to_string_pretty(&shown).unwrap_or_default();
            s.push('\n');
            print_stdout(&s)?;
        }
        StatusFormat::Human => print_terminal(&who_table(&shown))?,
    }
    Ok(Outcome::Success)
}

/// Say which places asked for no campaign knows: they match no one.
fn note_unknown_places(index: &Index, regions: &[String]) {
    for (place, near) in index::unknown_places(index, regions) {
        let hint = near.map_or_else(
            || "a campaign can declare it in a `[[region]]` table of its collab.toml".into(),
            |n| format!("did you mean `{n}`?"),
        );
        eprintln!(
            "note: --region `{place}` is neither built in nor declared by any campaign here, so it matches no one; {hint}"
        );
    }
}

/// `who`'s answer as a table: each person, how to reach them, the
/// campaigns of theirs that matched (three, then how many more) and why.
fn who_table(shown: &[&index::Hit]) -> String {
    if shown.is_empty() {
        return "No one matches.\n".to_string();
    }
    let mut t = table(&[
        "Name",
        "Role",
        "Organisation",
        "Contact",
        "Matching campaigns",
        "Why",
    ]);
    for h in shown {
        let p = h.person;
        let contact = p.email.clone().or_else(|| p.phone.clone());
        let mut campaigns: Vec<String> = h
            .matched
            .iter()
            .take(3)
            .map(|(id, as_)| format!("{id} ({as_})"))
            .collect();
        if h.matched.len() > 3 {
            campaigns.push(format!("and {} more", h.matched.len() - 3));
        }
        t.add_row(vec![
            p.name.clone(),
            p.role.clone().unwrap_or_else(|| "–".into()),
            p.organisation.clone(),
            contact.unwrap_or_else(|| "–".into()),
            campaigns.join(", "),
            h.reasons.join("; "),
        ]);
    }
    format!("{t}\n")
}

pub fn run_overlaps(cwd: &Path, opts: &Options, args: OverlapsArgs) -> Result<Outcome, Error> {
    let index = get_index(cwd, opts, &args.workspace, Wanted::Campaigns)?;
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
