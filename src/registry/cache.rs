//! Registries kept on disk between runs ([`RegistryBuilder::cache`]): the
//! built registry and its resolve index as a snapshot named by a hash of
//! the tables, so a process that loads the same tables again reads one
//! file instead of parsing and keying every alias.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::{
    Alias, AliasType, Entity, IdIndex, Kind, Layer, Registry, RegistryBuilder, Span, Text, table_files,
};
use crate::error::Error;
use crate::extract::patterns::Patterns;
use crate::resolve::index::Index;
use crate::snapshot::{BUILD_ID, Blob, Checksum, Fnv, Persist, Reader, Unusable, Writer};

impl RegistryBuilder {
    /// The hash of everything the registry is built from: which tables, in
    /// which order, with which names and contents. Files are read a buffer
    /// at a time: a large table is not held whole just to be hashed.
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
                        let sum = file_checksum(&file).map_err(|e| Error::io(&file, &e))?;
                        h.write(&sum.to_le_bytes());
                    }
                }
            }
        }
        Ok(h.finish())
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
    let bytes = std::fs::read(snapshot_path(dir, "registry", hash)).ok()?;
    let mut r = Reader::new(bytes, hash).ok()?;
    let mut registry = Registry::read(&mut r).ok()?;
    r.finish().ok()?;
    registry.saved_patterns = Some((snapshot_path(dir, "patterns", hash), hash));
    Some(registry)
}

/// The patterns saved with a registry, if they can be read.
pub(super) fn load_patterns(registry: &Registry, path: &Path, hash: u64) -> Option<Patterns> {
    let mut r = Reader::new(std::fs::read(path).ok()?, hash).ok()?;
    let patterns = Patterns::read(registry, &mut r).ok()?;
    r.finish().ok()?;
    Some(patterns)
}

/// Save `registry` with its index and patterns for the next run. A cache
/// that cannot be written costs only speed, so failures are ignored; each
/// file appears whole or not at all (written aside, then renamed).
pub(super) fn save(dir: &Path, hash: u64, registry: &Registry) {
    let mut w = Writer::new(hash);
    registry.write(&mut w);
    let mut p = Writer::new(hash);
    registry.patterns().write(&mut p);
    // The patterns first: a registry snapshot is only ever read with its
    // patterns beside it.
    for (part, bytes) in [("patterns", p.finish()), ("registry", w.finish())] {
        let tmp = dir.join(format!(".{part}-{hash:016x}.{}.tmp", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, &bytes))
            .and_then(|()| std::fs::rename(&tmp, snapshot_path(dir, part, hash)));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    prune(dir);
}

/// How many snapshot files a cache keeps: each set of tables (and each
/// build of nomen) makes two, of some 50 MB together, and old ones are
/// never read again.
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

/// Spans as four bytes each of start and end.
fn write_spans(spans: impl Iterator<Item = Span>, w: &mut Writer) {
    spans.flat_map(|s| [s.start, s.end]).collect::<Vec<u32>>().write(w);
}

/// Spans written by [`write_spans`], each checked to lie in a text of
/// `len` bytes.
fn read_spans(r: &mut Reader, len: u32) -> Result<Vec<Span>, Unusable> {
    let numbers: Vec<u32> = Vec::read(r)?;
    numbers
        .chunks_exact(2)
        .map(|s| match *s {
            [start, end] if start <= end && end <= len => Ok(Span { start, end }),
            _ => Err(Unusable),
        })
        .collect()
}

/// Small enums, a byte each: their positions in their `ALL` lists.
fn write_enums<T: PartialEq>(all: &[T], values: impl Iterator<Item = T>, w: &mut Writer) {
    values.map(|v| all.iter().position(|x| *x == v).unwrap_or(0) as u8).collect::<Vec<u8>>().write(w);
}

fn read_enums<T: Copy>(all: &[T], r: &mut Reader) -> Result<Vec<T>, Unusable> {
    Vec::<u8>::read(r)?.into_iter().map(|i| all.get(usize::from(i)).copied().ok_or(Unusable)).collect()
}

/// A registry is written column by column. Its text comes first and is
/// used where it lies when read back: an entity's or alias's name is a
/// span of the snapshot's bytes, not a string of its own.
impl Persist for Registry {
    /// The registry and its index (built now if it was not yet).
    fn write(&self, w: &mut Writer) {
        // As a blob: read back, it is used where it lies.
        self.text.bytes().len().write(w);
        w.bytes.extend_from_slice(self.text.bytes());
        write_spans(self.entities.iter().flat_map(|e| [e.id, e.name]), w);
        write_enums(&Kind::ALL, self.entities.iter().map(|e| e.kind), w);
        self.entities.len().write(w);
        for e in &self.entities {
            e.attrs().write(w);
        }
        write_spans(self.aliases.iter().flat_map(|a| [a.name, a.lang]), w);
        let numbers: Vec<u32> =
            self.aliases.iter().flat_map(|a| [a.entity as u32, a.table, a.line]).collect();
        numbers.write(w);
        write_enums(&AliasType::ALL, self.aliases.iter().map(|a| a.alias_type), w);
        self.tables.write(w);
        self.builtin_tables.write(w);
        self.warnings.write(w);
        self.index().write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let blob = Blob::read(r)?;
        let len = u32::try_from(blob.bytes().len()).map_err(|_| Unusable)?;
        let text = Text(Arc::new(OnceLock::from(blob)));

        let entity_spans = read_spans(r, len)?;
        let kinds = read_enums(&Kind::ALL, r)?;
        let attrs: Vec<BTreeMap<String, String>> = Persist::read(r)?;
        if entity_spans.len() != 2 * kinds.len() || attrs.len() != kinds.len() {
            return Err(Unusable);
        }
        let entities: Vec<Entity> = entity_spans
            .chunks_exact(2)
            .zip(kinds)
            .zip(attrs)
            .map(|((spans, kind), attrs)| Entity {
                text: text.clone(),
                id: spans[0],
                name: spans[1],
                kind,
                attrs: (!attrs.is_empty()).then(|| Box::new(attrs)),
            })
            .collect();

        let alias_spans = read_spans(r, len)?;
        let numbers: Vec<u32> = Vec::read(r)?;
        let types = read_enums(&AliasType::ALL, r)?;
        let n = types.len();
        if alias_spans.len() != 2 * n || numbers.len() != 3 * n {
            return Err(Unusable);
        }
        let aliases: Vec<Alias> = alias_spans
            .chunks_exact(2)
            .zip(numbers.chunks_exact(3))
            .zip(types)
            .map(|((spans, numbers), alias_type)| Alias {
                entity: numbers[0] as usize,
                text: text.clone(),
                name: spans[0],
                lang: spans[1],
                table: numbers[1],
                line: numbers[2],
                alias_type,
            })
            .collect();

        let tables: Vec<String> = Persist::read(r)?;
        let builtin_tables = usize::read(r)?;
        let warnings = Persist::read(r)?;
        let index = Index::read(r)?;
        // Every alias must point at an entity and a table, and the index
        // must key every alias. (The index's lists are not checked here:
        // every lookup through them is checked where it is made.)
        let sound = aliases.iter().all(|a| a.entity < entities.len() && (a.table as usize) < tables.len())
            && index.keys.len() == aliases.len();
        if !sound {
            return Err(Unusable);
        }
        let mut by_id = IdIndex::default();
        for (i, e) in entities.iter().enumerate() {
            by_id.insert(by_id.hash(e.id.bytes(text.bytes())), i as u32);
        }
        let registry = Registry {
            text,
            entities,
            aliases,
            by_id,
            tables,
            builtin_tables,
            warnings,
            all_warnings: OnceLock::new(),
            index: OnceLock::from(index),
            patterns: OnceLock::new(),
            saved_patterns: None,
        };
        Ok(registry)
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
        assert_eq!(loaded.entity("city:kyiv").map(Entity::name), Some("Kyiv"));
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
}
