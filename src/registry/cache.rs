//! Registries kept on disk between runs ([`RegistryBuilder::cache`]): the
//! built registry and its resolve index as a snapshot named by a hash of
//! the tables, so a process that loads the same tables again reads one
//! file instead of parsing and keying every alias.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{AliasRow, EntityRow, Layer, Registry, RegistryBuilder, table_files};
use crate::error::Error;
use crate::extract::patterns::Patterns;
use crate::resolve::index::Index;
use crate::snapshot::{BUILD_ID, Blob, Bytes, Checksum, Fnv, Persist, Reader, Unusable, Writer};

impl RegistryBuilder {
    /// The hash of everything the registry is built from: which tables, in
    /// which order, with which names and contents. A table file stands in
    /// by its size and modification time, as in `make` (hashing a 60 MB
    /// table would take longer than loading its snapshot), unless it was
    /// changed in the last [`SETTLED`]: then a change as quick as the
    /// clock's step could keep both, and its bytes are hashed instead.
    pub(super) fn tables_hash(&self) -> Result<u64, Error> {
        let mut h = Fnv::default();
        h.write(BUILD_ID.as_bytes());
        h.write(&[u8::from(self.builtin)]);
        for layer in &self.layers {
            match layer {
                Layer::Text(name, text) => {
                    h.write(name.as_bytes());
                    let mut sum = Checksum::default();
                    sum.write(text.as_bytes());
                    h.write(&sum.finish().to_le_bytes());
                }
                Layer::Path(path) => {
                    for file in table_files(path)? {
                        h.write(file.display().to_string().as_bytes());
                        let stamp = file_stamp(&file).map_err(|e| Error::io(&file, &e))?;
                        h.write(&stamp);
                    }
                }
            }
        }
        Ok(h.finish())
    }
}

/// How long ago a table must have been changed for its size and time to
/// stand for its contents.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// What a table file's snapshot is known by: its size and modification
/// time, or, for a file changed just now (or with no time), a checksum of
/// its bytes. The two never look alike: one is 24 bytes, the other 8.
fn file_stamp(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    let since = meta.modified().ok().and_then(|m| Some((m, m.elapsed().ok()?)));
    match since {
        Some((modified, age)) if age >= SETTLED => {
            let time = modified.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            let mut stamp = meta.len().to_le_bytes().to_vec();
            stamp.extend(time.as_secs().to_le_bytes());
            stamp.extend(u64::from(time.subsec_nanos()).to_le_bytes());
            Ok(stamp)
        }
        _ => file_checksum(path).map(|sum| sum.to_le_bytes().to_vec()),
    }
}

/// The [`Checksum`] of a file's bytes.
fn file_checksum(path: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0; 1 << 16];
    let mut sum = Checksum::default();
    loop {
        match std::io::Read::read(&mut file, &mut buf) {
            Ok(0) => return Ok(sum.finish()),
            Ok(n) => sum.write(buf.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The snapshot files for these tables: `part` is `registry` (the
/// registry and its resolve index) or `patterns` (the extract patterns,
/// apart so that resolving never reads them).
fn snapshot_path(dir: &Path, part: &str, hash: u64) -> PathBuf {
    dir.join(format!("{part}-{hash:016x}.snapshot"))
}

/// The registry saved for these tables, if there is a usable one.
pub(super) fn load(dir: &Path, hash: u64) -> Option<Registry> {
    let bytes = Bytes::open(&snapshot_path(dir, "registry", hash)).ok()?;
    let mut r = Reader::new(bytes, hash).ok()?;
    let mut registry = Registry::read(&mut r).ok()?;
    r.finish().ok()?;
    registry.cache = Some((dir.to_path_buf(), hash));
    Some(registry)
}

/// The patterns saved for these tables, if they can be read.
pub(super) fn load_patterns(registry: &Registry, dir: &Path, hash: u64) -> Option<Patterns> {
    let mut r = Reader::new(Bytes::open(&snapshot_path(dir, "patterns", hash)).ok()?, hash).ok()?;
    let patterns = Patterns::read(registry, &mut r).ok()?;
    r.finish().ok()?;
    Some(patterns)
}

/// Save `registry` with its index for the next run.
pub(super) fn save(dir: &Path, hash: u64, registry: &Registry) {
    save_part(dir, "registry", hash, |w| registry.write(w));
}

/// Save the patterns built for these tables (they are built, and saved,
/// only when something is extracted).
pub(super) fn save_patterns(dir: &Path, hash: u64, patterns: &Patterns) {
    save_part(dir, "patterns", hash, |w| patterns.write(w));
}

/// A cache that cannot be written costs only speed, so failures are
/// ignored; each file appears whole or not at all (written aside, then
/// renamed).
fn save_part(dir: &Path, part: &str, hash: u64, write: impl FnOnce(&mut Writer)) {
    let tmp = dir.join(format!(".{part}-{hash:016x}.{}.tmp", std::process::id()));
    let written = std::fs::create_dir_all(dir).and_then(|()| std::fs::File::create(&tmp)).and_then(|file| {
        let mut w = Writer::to_file(file, hash);
        write(&mut w);
        w.finish()
    });
    let renamed = written.and_then(|_| std::fs::rename(&tmp, snapshot_path(dir, part, hash)));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    prune(dir);
}

/// How many snapshot files a cache keeps: each set of tables (and each
/// build of nomen) makes one, and one more once something is extracted
/// (28 and 11 MB for the built-in tables), and old ones are never read
/// again.
const KEEP: usize = 8;

/// Remove all but the [`KEEP`] newest snapshots.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut snapshots: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".snapshot")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    snapshots.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (_, path) in snapshots.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(path);
    }
}

/// A registry is its text and its rows, used where they lie when read
/// back: loading a million aliases reads none of them.
impl Persist for Registry {
    /// The registry and its index (built now if it was not yet).
    fn write(&self, w: &mut Writer) {
        for blob in [&self.text, &self.entities, &self.aliases] {
            blob.write(w);
        }
        self.tables.write(w);
        self.builtin_tables.write(w);
        self.warnings.write(w);
        self.index().write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let (text, entities, aliases) = (Blob::read(r)?, Blob::read(r)?, Blob::read(r)?);
        let tables: Vec<String> = Persist::read(r)?;
        let builtin_tables = usize::read(r)?;
        let warnings = Persist::read(r)?;
        let index = Index::read(r)?;
        let registry = Registry {
            text,
            entities,
            aliases,
            tables,
            builtin_tables,
            warnings,
            index: OnceLock::from(index),
            ..Registry::default()
        };
        // Whole rows, and a key for every alias. (The rows' numbers are not
        // checked here: every read through them is checked where it is made.)
        let whole = |blob: &Blob, words: usize| blob.bytes().len() % (4 * words) == 0;
        let sound = whole(&registry.entities, EntityRow::WORDS)
            && whole(&registry.aliases, AliasRow::WORDS)
            && registry.index().keys.len() == registry.aliases().len();
        if sound { Ok(registry) } else { Err(Unusable) }
    }
}

/// The snapshot of the built-in tables is what most runs load: keep the
/// guard that it round-trips exactly next to the code that writes it.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_registry_loads_back_the_same_and_a_damaged_one_is_rebuilt() {
        let dir = std::env::temp_dir().join(format!("nomen-cache-test-{}", std::process::id()));
        let table = "id\tkind\tname\tlang\ttype\twikidata\n\
                     city:kyiv\tcity\tKyiv\ten\tcanonical\tQ1899\n\
                     city:kyiv\tcity\tКиїв\tuk\talias\t\n\
                     city:kyiv\tcity\tKiev\ten\tformer\t\n";
        let builder = || Registry::builder().no_builtin().add_table("t.tsv", table).cache(&dir);
        let built = builder().build().unwrap();
        let hash = builder().tables_hash().unwrap();
        assert!(snapshot_path(&dir, "registry", hash).exists(), "the first build saves a snapshot");
        let loaded = load(&dir, hash).expect("the snapshot loads");
        assert_eq!(loaded.entities(), built.entities());
        assert_eq!(loaded.aliases(), built.aliases());
        assert_eq!(loaded.tables(), built.tables());
        let kyiv = loaded.entity("city:kyiv").expect("found by its id");
        assert_eq!((kyiv.name(), kyiv.attrs().get("wikidata")), ("Kyiv", Some("Q1899")));
        let resolver = crate::Resolver::new(&loaded);
        assert_eq!(resolver.resolve("Kiew").matches.first().map(|m| m.entity.id()), Some("city:kyiv"));
        // Another table gives another snapshot; a damaged one is not used.
        assert_ne!(Registry::builder().no_builtin().tables_hash().unwrap(), hash);
        let bytes = std::fs::read(snapshot_path(&dir, "registry", hash)).unwrap();
        std::fs::write(snapshot_path(&dir, "registry", hash), &bytes[..bytes.len() / 2]).unwrap();
        assert!(load(&dir, hash).is_none());
        let rebuilt = builder().build().unwrap();
        assert_eq!(rebuilt.aliases(), built.aliases());
        assert!(load(&dir, hash).is_some(), "the rebuild saved a sound snapshot again");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_table_file_counts_by_its_size_and_time_once_settled_and_by_its_bytes_before() {
        let dir = std::env::temp_dir().join(format!("nomen-cache-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.tsv");
        let key = || Registry::builder().no_builtin().add_path(&path).tables_hash().unwrap();
        let set_time = |ago: u64| {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(ago)).unwrap();
        };
        std::fs::write(&path, "id\tname\ncity:kyiv\tKyiv\n").unwrap();
        let kyiv = key();
        // Changed just now: the bytes count, even at the same size.
        std::fs::write(&path, "id\tname\ncity:lviv\tLviv\n").unwrap();
        assert_ne!(key(), kyiv);
        std::fs::write(&path, "id\tname\ncity:kyiv\tKyiv\n").unwrap();
        assert_eq!(key(), kyiv);
        // Settled: the size and time count, and a new time is a new key.
        set_time(60);
        let settled = key();
        assert_ne!(settled, kyiv);
        assert_eq!(key(), settled);
        set_time(61);
        assert_ne!(key(), settled);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
