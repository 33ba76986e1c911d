//! What the index cached by `collab index` was built from, and whether
//! that has changed: every folder the workspace walk entered (its
//! modification time), the ignore files that steered the walk, and every
//! file read (modification time and size). A query stats these paths in
//! parallel, lists no folder and reads no file, then reads again only the
//! campaigns whose stamps moved; the campaigns are found again only when a
//! folder or ignore file changed. See docs/design.md, "The cached index".

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::discover;
use crate::index::{self, Index, Involvement, Member, Person, TextIndex};
use crate::load;
use crate::model::config::CONFIG_FILE;

/// Where `collab index` writes the cache unless told otherwise.
pub const INDEX_FILE: &str = ".collab/index.bin";

/// Bumped when the cached index's shape changes.
pub const CACHE_VERSION: u32 = 8;

/// The files the walker reads ignore patterns from, in each folder.
const IGNORE_FILES: &[&str] = &[".gitignore", ".ignore", ".git/info/exclude"];

/// The index as cached on disk, with what it was built from.
#[derive(Debug)]
pub struct Cache {
    pub head: Head,
    /// The people records of the campaigns' own indexes, each once and
    /// without their campaigns: read only to merge again after a change
    /// (a person's record differs from campaign to campaign when their
    /// partner's tags or places do, so there can be many).
    pub records: Vec<Person>,
    /// The whole index, merged from the campaigns' own.
    pub index: Index,
}

/// What the cached index was built from, and where each campaign's own
/// index is in the whole. It is read first, so what it was built from
/// can be checked while the index itself is read.
#[derive(Debug, Serialize, Deserialize)]
pub struct Head {
    /// The workspace folders it indexes, absolute.
    pub dirs: Vec<String>,
    /// What finding the campaigns and their files depends on.
    pub layout: Vec<Stamp>,
    /// The folder the cache is written to, when the walk enters it.
    pub beside: Option<Listing>,
    /// Each campaign, in the order of their folders.
    pub campaigns: Vec<CachedCampaign>,
}

/// One campaign in the cache: the files read, and its own index (kept to
/// merge again when another campaign changes) as places in the whole
/// index's campaigns and in `records`; the people's campaigns are those
/// of their merged records that are this campaign's.
#[derive(Debug, Serialize, Deserialize)]
pub struct CachedCampaign {
    pub root: String,
    /// `collab.toml` and the YAML files read.
    pub files: Vec<Stamp>,
    pub entries: Vec<usize>,
    /// Its people, as places in `records`.
    pub people: Vec<usize>,
}

/// A campaign's own index, part of what is cached.
pub struct Part {
    /// Its campaigns' folders and ids, to find them in the whole index.
    keys: Vec<(String, String)>,
    pub entries: Vec<usize>,
    pub people: Vec<usize>,
}

/// The campaigns' own indexes as cache parts, with their people records
/// shared; [`place`] then finds their entries once they are merged.
pub fn parts<'a>(own: impl Iterator<Item = &'a Index>) -> (Vec<Part>, Vec<Person>) {
    let mut records = Vec::new();
    let mut known: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for part in own {
        let keys = part
            .campaigns
            .iter()
            .map(|c| (c.folder.clone(), c.id.clone()))
            .collect();
        let mut people = Vec::with_capacity(part.people.len());
        for p in &part.people {
            let bare = Person {
                campaigns: Vec::new(),
                ..p.clone()
            };
            let key = serde_json::to_string(&bare).unwrap_or_default();
            let at = *known.entry(key).or_insert_with(|| {
                records.push(bare);
                records.len() - 1
            });
            people.push(at);
        }
        out.push(Part {
            keys,
            entries: Vec::new(),
            people,
        });
    }
    (out, records)
}

/// Find each part's campaigns in the merged `index` (by folder and id).
pub fn place(index: &Index, parts: &mut [Part]) {
    let at: HashMap<(&str, &str), usize> = index
        .campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.folder.as_str(), c.id.as_str()), i))
        .collect();
    for part in parts {
        part.entries = part
            .keys
            .iter()
            .filter_map(|(f, id)| at.get(&(f.as_str(), id.as_str())).copied())
            .collect();
    }
}

/// Each person of the merged index (by the key records are merged on):
/// their involvements by campaign id, each with its place in their list.
pub struct ByPerson<'a>(HashMap<String, ByCampaign<'a>>);

/// One person's involvements by campaign id, each with its place in their
/// list.
type ByCampaign<'a> = HashMap<&'a str, Vec<(usize, &'a Involvement)>>;

/// The merged index's people's involvements, gathered once, so each
/// campaign's own index is rebuilt without going through every person's
/// every campaign.
pub fn people_by_key(cache: &Cache) -> ByPerson<'_> {
    let mut out: HashMap<String, ByCampaign> = HashMap::new();
    for p in &cache.index.people {
        let by_campaign = out.entry(index::person_key(p)).or_default();
        for (at, inv) in p.campaigns.iter().enumerate() {
            by_campaign
                .entry(inv.campaign.as_str())
                .or_default()
                .push((at, inv));
        }
    }
    ByPerson(out)
}

/// A campaign's own index, rebuilt from the cache; `None` when the cache
/// does not hold together.
pub fn part(cache: &Cache, c: &CachedCampaign, merged: &ByPerson) -> Option<Index> {
    let mut index = Index::default();
    let mut ids = BTreeSet::new();
    for &i in &c.entries {
        let entry = cache.index.campaigns.get(i)?;
        ids.insert(entry.id.as_str());
        index.campaigns.push(entry.clone());
    }
    for &r in &c.people {
        let record = cache.records.get(r)?;
        let all = merged.0.get(&index::person_key(record))?;
        let mut found: Vec<(usize, &Involvement)> = ids
            .iter()
            .filter_map(|id| all.get(id))
            .flatten()
            .copied()
            .collect();
        found.sort_by_key(|(at, _)| *at);
        index.people.push(Person {
            campaigns: found.into_iter().map(|(_, inv)| inv.clone()).collect(),
            ..record.clone()
        });
    }
    Some(index)
}

/// A path as it was seen: `None` when it did not exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub path: String,
    pub seen: Option<Seen>,
}

/// Modification time (nanoseconds since 1970; 0 when unknown) and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub modified_ns: u64,
    pub size: u64,
}

fn seen(path: &Path) -> Option<Seen> {
    let meta = std::fs::metadata(path).ok()?;
    let modified_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(0));
    Some(Seen {
        modified_ns,
        size: meta.len(),
    })
}

fn stamp(path: &Path) -> Stamp {
    Stamp {
        path: path.to_string_lossy().into_owned(),
        seen: seen(path),
    }
}

impl Stamp {
    /// Whether the path is as it was. A time unknown, or not older than
    /// `racy_ns` (the cache's own time: the path may have changed again in
    /// the same tick of a coarse clock), counts as changed.
    fn holds(&self, racy_ns: u64) -> bool {
        match (&self.seen, seen(Path::new(&self.path))) {
            (None, None) => true,
            (Some(old), Some(new)) => {
                *old == new && old.modified_ns != 0 && old.modified_ns < racy_ns
            }
            _ => false,
        }
    }

    fn is_ignore_file(&self) -> bool {
        IGNORE_FILES.iter().any(|n| self.path.ends_with(n))
    }
}

/// The names in the folder the cache is written to, but the cache's own
/// (and its temporary files): writing the cache changes the folder's time,
/// so there the names are compared instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub folder: String,
    pub names: Vec<String>,
}

impl Listing {
    pub fn take(cache: &Path) -> Option<Listing> {
        let folder = cache.parent()?;
        let own = cache.file_name()?.to_string_lossy().into_owned();
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| *n != own && !(n.starts_with(".collab-") && n.ends_with(".tmp")))
            .collect();
        names.sort();
        Some(Listing {
            folder: folder.to_string_lossy().into_owned(),
            names,
        })
    }
}

/// The ignore files present in `folder`; `.git/info/exclude` also when
/// absent from a repository, since creating it does not touch the folder.
fn ignore_stamps(folder: &Path, out: &mut Vec<Stamp>) {
    let repo = folder.join(".git").exists();
    for name in IGNORE_FILES {
        let s = stamp(&folder.join(name));
        if s.seen.is_some() || (repo && name.starts_with(".git/")) {
            out.push(s);
        }
    }
}

/// What finding the campaigns below `dirs` (and their files) depends on,
/// stamped before they are found: every folder the walk enters with its
/// ignore files, and in every folder above, the ignore files and
/// `collab.toml`, present or not.
pub fn layout_stamps(dirs: &[PathBuf]) -> Vec<Stamp> {
    let mut above: BTreeSet<PathBuf> = BTreeSet::new();
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    for dir in dirs {
        for a in dir.ancestors() {
            above.insert(a.join(CONFIG_FILE));
            above.extend(IGNORE_FILES.iter().map(|n| a.join(n)));
        }
        let top = discover::find_campaign_root(dir).unwrap_or_else(|| dir.clone());
        folders.extend(discover::campaigns_and_folders_below(&top).1);
    }
    let folders: Vec<PathBuf> = folders.into_iter().collect();
    let mut out: Vec<Stamp> = above.iter().map(|p| stamp(p)).collect();
    let stamped: Vec<Vec<Stamp>> = folders
        .par_iter()
        .map(|f| {
            let mut s = vec![stamp(f)];
            ignore_stamps(f, &mut s);
            s
        })
        .collect();
    out.extend(stamped.into_iter().flatten());
    out
}

/// The files a load of one campaign reads, each stamped before it is
/// read, so a change made while it is read shows next time: its
/// `collab.toml` when made, its YAML files once the load has found them.
pub struct Stamper(Arc<Mutex<Vec<Stamp>>>);

impl Stamper {
    pub fn new(root: &Path) -> Stamper {
        Stamper(Arc::new(Mutex::new(vec![stamp(&root.join(CONFIG_FILE))])))
    }

    /// What to load the campaign with.
    pub fn inputs(&self) -> load::Inputs {
        let stamps = Arc::clone(&self.0);
        let told = move |files: &[PathBuf]| {
            let mut s = stamps.lock().unwrap_or_else(PoisonError::into_inner);
            s.extend(files.iter().map(|f| stamp(f)));
        };
        load::Inputs {
            before_read: Some(load::BeforeRead(Arc::new(told))),
            ..load::Inputs::default()
        }
    }

    pub fn stamps(&self) -> Vec<Stamp> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// What changed since the cache was written.
#[derive(Debug, Default)]
pub struct Changes {
    /// Some folder or ignore file changed: the campaigns must be found again.
    pub layout: bool,
    /// `changed[i]`: campaign `i` must be read again.
    pub changed: Vec<bool>,
}

impl Changes {
    pub fn none(&self) -> bool {
        !self.layout && !self.changed.contains(&true)
    }
}

/// Stat everything the cache was built from, in parallel, and work out
/// which campaigns to read again.
pub fn changes(cache: &Head, cache_path: &Path) -> Changes {
    let racy_ns = seen(cache_path).map_or(0, |s| s.modified_ns);
    let beside = || {
        let now = Listing::take(cache_path);
        cache.beside.is_some() && now == cache.beside
    };
    let holds = |s: &Stamp| {
        s.holds(racy_ns) || cache.beside.as_ref().is_some_and(|l| l.folder == s.path) && beside()
    };
    let moved: Vec<&Stamp> = cache.layout.par_iter().filter(|s| !holds(s)).collect();
    let mut changed: Vec<bool> = cache
        .campaigns
        .par_iter()
        .map(|c| !c.files.iter().all(|s| s.holds(racy_ns)))
        .collect();
    let all = moved.iter().any(|s| s.is_ignore_file());
    for (i, c) in cache.campaigns.iter().enumerate() {
        // A folder inside a campaign changed: its files may have too.
        if all
            || moved
                .iter()
                .any(|s| Path::new(&s.path).starts_with(&c.root))
        {
            changed[i] = true;
        }
    }
    Changes {
        layout: !moved.is_empty(),
        changed,
    }
}

/// What a query reads of the cached index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The campaigns without their partner entries (`overlaps`).
    Campaigns,
    /// Everything but the free-text weights.
    People,
    /// Everything.
    Text,
}

/// The cache as bytes: compact and quick to read back. It is the version,
/// then six parts, each after its length: the head, the people records
/// of the campaigns' own indexes, the campaigns (without their partner
/// entries), their partner entries, the people, and the free-text
/// weights. A query reads the version and the head,
/// then what it needs of the rest while it checks the head. The index's
/// partner entries are moved out while it is written, and back after.
pub fn encode(cache: &mut Cache, text: &TextIndex) -> Result<Vec<u8>, postcard::Error> {
    let members: Vec<Vec<Member>> = cache
        .index
        .campaigns
        .iter_mut()
        .map(|c| std::mem::take(&mut c.members))
        .collect();
    let people = std::mem::take(&mut cache.index.people);
    let bytes = encode_parts(cache, &members, &people, text);
    cache.index.people = people;
    for (c, m) in cache.index.campaigns.iter_mut().zip(members) {
        c.members = m;
    }
    bytes
}

fn encode_parts(
    cache: &Cache,
    members: &[Vec<Member>],
    people: &[Person],
    text: &TextIndex,
) -> Result<Vec<u8>, postcard::Error> {
    use postcard::experimental::serialized_size;
    // Sized first: growing a vector of this size by doubling would hold
    // two copies at once. Each length takes at most ten bytes.
    let size = serialized_size(&CACHE_VERSION)?
        + serialized_size(&cache.head)?
        + serialized_size(&cache.records)?
        + serialized_size(&cache.index)?
        + serialized_size(members)?
        + serialized_size(people)?
        + serialized_size(text)?
        + 50;
    let bytes = postcard::to_extend(&CACHE_VERSION, Vec::with_capacity(size))?;
    let bytes = with_length(bytes, &cache.head)?;
    let bytes = with_length(bytes, &cache.records)?;
    let bytes = with_length(bytes, &cache.index)?;
    let bytes = with_length(bytes, &members)?;
    let bytes = with_length(bytes, &people)?;
    with_length(bytes, text)
}

/// `value` added to `bytes` after its length.
fn with_length<T: Serialize + ?Sized>(
    bytes: Vec<u8>,
    value: &T,
) -> Result<Vec<u8>, postcard::Error> {
    let len = postcard::experimental::serialized_size(value)? as u64;
    postcard::to_extend(value, postcard::to_extend(&len, bytes)?)
}

/// The parts of a cache, in the order they are written.
const HEAD: usize = 0;
const RECORDS: usize = 1;
const CAMPAIGNS: usize = 2;
const MEMBERS: usize = 3;
const PEOPLE: usize = 4;
const TEXT: usize = 5;
const PARTS: usize = 6;

/// A cache file open for reading, part by part: a query reads only the
/// parts it needs (`overlaps` neither the people nor the records, which
/// can be most of the file). The file stays open, so a part read later
/// (after a change was found) comes from the same cache even if `collab
/// index` has since replaced it.
pub struct CacheFile {
    file: std::fs::File,
    /// Where each part starts, and its length.
    parts: Vec<(u64, usize)>,
}

impl CacheFile {
    /// The cache at `path`, or `None` when it was written by another
    /// version of collab (or is not a cache at all, or is cut short).
    pub fn open(path: &Path) -> Option<CacheFile> {
        let mut file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let (version, mut at) = varint_at(&mut file, 0)?;
        if version != u64::from(CACHE_VERSION) {
            return None;
        }
        let mut parts = Vec::with_capacity(PARTS);
        for _ in 0..PARTS {
            let (len, start) = varint_at(&mut file, at)?;
            let end = start.checked_add(len).filter(|e| *e <= size)?;
            parts.push((start, usize::try_from(len).ok()?));
            at = end;
        }
        Some(CacheFile { file, parts })
    }

    fn bytes(&mut self, part: usize) -> Option<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let (start, len) = *self.parts.get(part)?;
        self.file.seek(SeekFrom::Start(start)).ok()?;
        let mut buf = vec![0; len];
        self.file.read_exact(&mut buf).ok()?;
        Some(buf)
    }

    fn decode<T: serde::de::DeserializeOwned>(&mut self, part: usize) -> Option<T> {
        postcard::from_bytes(&self.bytes(part)?).ok()
    }

    pub fn head(&mut self) -> Option<Head> {
        self.decode(HEAD)
    }

    pub fn records(&mut self) -> Option<Vec<Person>> {
        self.decode(RECORDS)
    }

    /// The bytes of the index, as far as `wanted`, to decode apart.
    pub fn index_bytes(&mut self, wanted: Wanted) -> Option<IndexBytes> {
        let people = wanted != Wanted::Campaigns;
        Some(IndexBytes {
            campaigns: self.bytes(CAMPAIGNS)?,
            members: if people {
                Some(self.bytes(MEMBERS)?)
            } else {
                None
            },
            people: if people {
                Some(self.bytes(PEOPLE)?)
            } else {
                None
            },
            text: if wanted == Wanted::Text {
                Some(self.bytes(TEXT)?)
            } else {
                None
            },
        })
    }
}

/// A postcard varint at `at`: its value and where it ends.
fn varint_at(file: &mut std::fs::File, at: u64) -> Option<(u64, u64)> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(at)).ok()?;
    let mut buf = [0u8; 10];
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let (value, rest) = postcard::take_from_bytes::<u64>(&buf[..got]).ok()?;
    Some((value, at + (got - rest.len()) as u64))
}

/// The index's parts as read from a cache, not yet decoded.
pub struct IndexBytes {
    campaigns: Vec<u8>,
    members: Option<Vec<u8>>,
    people: Option<Vec<u8>>,
    text: Option<Vec<u8>>,
}

impl IndexBytes {
    /// The index, as far as the parts read.
    pub fn index(&self) -> Option<Index> {
        let mut index: Index = postcard::from_bytes(&self.campaigns).ok()?;
        let (Some(members), Some(people)) = (&self.members, &self.people) else {
            return Some(index);
        };
        let members: Vec<Vec<Member>> = postcard::from_bytes(members).ok()?;
        if members.len() != index.campaigns.len() {
            return None;
        }
        for (c, m) in index.campaigns.iter_mut().zip(members) {
            c.members = m;
        }
        index.people = postcard::from_bytes(people).ok()?;
        if let Some(text) = &self.text {
            index.text = Some(postcard::from_bytes(text).ok()?);
        }
        Some(index)
    }
}
