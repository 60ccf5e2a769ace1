//! Registries kept on disk between runs ([`RegistryBuilder::cache`]): the
//! built registry and its resolve index as a snapshot named by a hash of
//! the tables, so a process that loads the same tables again reads one
//! file instead of parsing and keying every alias.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::{Alias, AliasType, Entity, Kind, Layer, Name, Registry, RegistryBuilder, table_files};
use crate::error::Error;
use crate::extract::patterns::Patterns;
use crate::resolve::index::Index;
use crate::snapshot::{BUILD_ID, Blob, Fnv, Persist, Reader, Unusable, Writer};

impl RegistryBuilder {
    /// The hash of everything the registry is built from: which tables, in
    /// which order, with which names and contents.
    pub(super) fn tables_hash(&self) -> Result<u64, Error> {
        let mut h = Fnv::default();
        h.write(BUILD_ID.as_bytes());
        h.write(&[u8::from(self.builtin)]);
        for layer in &self.layers {
            match layer {
                Layer::Text(name, text) => {
                    h.write(name.as_bytes());
                    h.write(text.as_bytes());
                }
                Layer::Path(path) => {
                    for file in table_files(path)? {
                        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, &e))?;
                        h.write(file.display().to_string().as_bytes());
                        h.write(&bytes);
                    }
                }
            }
        }
        Ok(h.finish())
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

/// An enum stored as its position in its `ALL` list.
fn put_enum<T: PartialEq>(all: &[T], v: &T, w: &mut Writer) {
    w.bytes.push(all.iter().position(|x| x == v).unwrap_or(0) as u8);
}

fn get_enum<T: Copy>(all: &[T], r: &mut Reader) -> Result<T, Unusable> {
    all.get(usize::from(r.take(1)?[0])).copied().ok_or(Unusable)
}

impl Persist for Entity {
    fn write(&self, w: &mut Writer) {
        self.id.write(w);
        put_enum(&Kind::ALL, &self.kind, w);
        self.name.write(w);
        self.attrs.write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        Ok(Entity {
            id: String::read(r)?,
            kind: get_enum(&Kind::ALL, r)?,
            name: String::read(r)?,
            attrs: Persist::read(r)?,
        })
    }
}

/// Aliases are written column by column: their names as one text (checked
/// as UTF-8 once, not 100,000s of times) and their languages as numbers
/// into a list of the distinct ones.
fn write_aliases(aliases: &[Alias], w: &mut Writer) {
    let mut names = String::new();
    let mut ends = Vec::with_capacity(aliases.len());
    let mut langs: Vec<Option<Arc<str>>> = vec![None];
    let mut lang_of = Vec::with_capacity(aliases.len());
    let mut numbers = Vec::with_capacity(aliases.len() * 3);
    let mut types = Vec::with_capacity(aliases.len());
    for a in aliases {
        names.push_str(&a.name);
        ends.push(names.len() as u32);
        let lang = langs.iter().position(|l| *l == a.lang).unwrap_or_else(|| {
            langs.push(a.lang.clone());
            langs.len() - 1
        });
        lang_of.push(lang as u32);
        numbers.extend([a.entity as u32, a.table as u32, a.line as u32]);
        types.push(AliasType::ALL.iter().position(|t| *t == a.alias_type).unwrap_or(0) as u8);
    }
    names.write(w);
    ends.write(w);
    let langs: Vec<Option<String>> = langs.iter().map(|l| l.as_deref().map(str::to_string)).collect();
    langs.write(w);
    lang_of.write(w);
    numbers.write(w);
    types.write(w);
}

fn read_aliases(r: &mut Reader) -> Result<Vec<Alias>, Unusable> {
    let names = Blob::read(r)?;
    let ends: Vec<u32> = Vec::read(r)?;
    let langs: Vec<Option<Arc<str>>> =
        Vec::<Option<String>>::read(r)?.into_iter().map(|l| l.map(Arc::from)).collect();
    let lang_of: Vec<u32> = Vec::read(r)?;
    let numbers: Vec<u32> = Vec::read(r)?;
    let types: Vec<u8> = Vec::read(r)?;
    let n = ends.len();
    if lang_of.len() != n || numbers.len() != 3 * n || types.len() != n {
        return Err(Unusable);
    }
    let mut start = 0;
    let mut aliases = Vec::with_capacity(n);
    for (i, &end) in ends.iter().enumerate() {
        let name = Name::Shared(names.slice(start, end as usize).ok_or(Unusable)?);
        start = end as usize;
        aliases.push(Alias {
            entity: numbers[3 * i] as usize,
            name,
            lang: langs.get(lang_of[i] as usize).ok_or(Unusable)?.clone(),
            alias_type: *AliasType::ALL.get(usize::from(types[i])).ok_or(Unusable)?,
            table: numbers[3 * i + 1] as usize,
            line: numbers[3 * i + 2] as usize,
        });
    }
    Ok(aliases)
}

impl Persist for Registry {
    /// The registry and its index (built now if it was not yet).
    fn write(&self, w: &mut Writer) {
        self.entities.write(w);
        write_aliases(&self.aliases, w);
        self.tables.write(w);
        self.builtin_tables.write(w);
        self.warnings.write(w);
        self.index().write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let entities: Vec<Entity> = Persist::read(r)?;
        let aliases = read_aliases(r)?;
        let tables: Vec<String> = Persist::read(r)?;
        let builtin_tables = usize::read(r)?;
        let warnings = Persist::read(r)?;
        let index = Index::read(r)?;
        // Every alias must point at an entity and a table, and the index
        // must key every alias. (The index's lists are not checked here:
        // every lookup through them is checked where it is made.)
        let sound = aliases.iter().all(|a| a.entity < entities.len() && a.table < tables.len())
            && index.keys.len() == aliases.len();
        if !sound {
            return Err(Unusable);
        }
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        let registry = Registry {
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
