//! The registry: alias tables turned into entities and their aliases, layered
//! built-in first, then each user table in the order given.

mod cache;
mod fmt;
mod load;
mod table;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use hashbrown::{DefaultHashBuilder, HashTable};

use serde::Serialize;

use crate::embedded;
use crate::error::Error;
use crate::normalize::fold_case;
use crate::snapshot::Blob;

pub use fmt::format_table;

/// What an entity is. Built-in IDs start with it (`city:kyiv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person.
    Person,
    /// A country or territory (ISO 3166-1).
    Country,
    /// A city, town or village.
    City,
    /// A region: a country's subdivision, a historical region, a continent.
    Region,
    /// An organisation, institution or company.
    Org,
    /// Anything else.
    Other,
}

impl Kind {
    const ALL: [Kind; 6] = [Kind::Person, Kind::Country, Kind::City, Kind::Region, Kind::Org, Kind::Other];

    /// The name used in tables and output: `person`, `country`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Country => "country",
            Kind::City => "city",
            Kind::Region => "region",
            Kind::Org => "org",
            Kind::Other => "other",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind an ID's prefix names (`city:kyiv` → city), else `other`.
    fn from_id(id: &str) -> Kind {
        id.split_once(':').and_then(|(prefix, _)| Kind::parse(prefix)).unwrap_or(Kind::Other)
    }
}

/// The role of an alias row (the `type` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AliasType {
    /// The entity's display name.
    Canonical,
    /// Another name or spelling (the default).
    Alias,
    /// An abbreviation (US, NATO): matched in text only with its exact case.
    Abbrev,
    /// An adjective or demonym (Ukrainian, French) standing for the entity.
    Demonym,
    /// A former or outdated name (Kiev, Peking).
    Former,
    /// Removes this name of this id from the tables loaded before.
    Suppress,
}

impl AliasType {
    const ALL: [AliasType; 6] = [
        AliasType::Canonical,
        AliasType::Alias,
        AliasType::Abbrev,
        AliasType::Demonym,
        AliasType::Former,
        AliasType::Suppress,
    ];

    /// The name used in tables: `canonical`, `alias`, …
    pub fn as_str(self) -> &'static str {
        match self {
            AliasType::Canonical => "canonical",
            AliasType::Alias => "alias",
            AliasType::Abbrev => "abbrev",
            AliasType::Demonym => "demonym",
            AliasType::Former => "former",
            AliasType::Suppress => "suppress",
        }
    }

    fn parse(s: &str) -> Option<AliasType> {
        AliasType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where a piece of a registry's [`Text`] lies in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn bytes(self, text: &[u8]) -> &[u8] {
        text.get(self.start as usize..self.end as usize).unwrap_or_default()
    }

    /// Spans are only made over whole strings, so this is the text stored;
    /// it is checked anyway because a snapshot's bytes are read unchecked.
    fn str(self, text: &[u8]) -> &str {
        std::str::from_utf8(self.bytes(text)).unwrap_or_default()
    }

    fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// All the ids, names and languages of a registry in one buffer (a part
/// of the snapshot's bytes when loaded from one), so that a million
/// aliases are not a million strings to allocate, and free.
///
/// Each entity and alias holds a handle to it, so that it can hand out its
/// names on its own. Loading makes the handle first and sets the buffer
/// when it is complete: a new alias costs one reference count, and ending
/// the load touches none of them.
#[derive(Debug, Clone, Default)]
struct Text(Arc<OnceLock<Blob>>);

impl Text {
    fn bytes(&self) -> &[u8] {
        self.0.get().map_or(&[], Blob::bytes)
    }
}

/// Something with an ID: a person, place or organisation.
#[derive(Clone)]
pub struct Entity {
    text: Text,
    id: Span,
    name: Span,
    kind: Kind,
    /// None when its rows have no extra columns, as most have not.
    #[allow(
        clippy::box_collection,
        reason = "8 bytes an entity where a map is 24, for 100,000s of entities"
    )]
    attrs: Option<Box<BTreeMap<String, String>>>,
}

/// The attributes of an entity that has none.
static NO_ATTRS: BTreeMap<String, String> = BTreeMap::new();

impl Entity {
    /// The entity's ID, e.g. `person:volodymyr-zelenskyy`.
    pub fn id(&self) -> &str {
        self.id.str(self.text.bytes())
    }
    /// What the entity is.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// The display name: the `canonical` row, else the first row seen.
    pub fn name(&self) -> &str {
        self.name.str(self.text.bytes())
    }
    /// The extra columns of its rows (`wikidata`, `geonames`, …).
    pub fn attrs(&self) -> &BTreeMap<String, String> {
        self.attrs.as_deref().unwrap_or(&NO_ATTRS)
    }
}

impl PartialEq for Entity {
    fn eq(&self, other: &Entity) -> bool {
        (self.id(), self.kind, self.name(), self.attrs())
            == (other.id(), other.kind, other.name(), other.attrs())
    }
}

impl Eq for Entity {}

impl std::fmt::Debug for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entity")
            .field("id", &self.id())
            .field("kind", &self.kind)
            .field("name", &self.name())
            .field("attrs", self.attrs())
            .finish()
    }
}

/// One name of an entity, with the table row it came from.
#[derive(Clone)]
pub struct Alias {
    pub(crate) entity: usize,
    text: Text,
    name: Span,
    /// Empty when the table gives no language.
    lang: Span,
    table: u32,
    line: u32,
    alias_type: AliasType,
}

impl Alias {
    /// The name as written in the table.
    pub fn name(&self) -> &str {
        self.name.str(self.text.bytes())
    }
    /// Its language (BCP 47), when the table gives one.
    pub fn lang(&self) -> Option<&str> {
        (!self.lang.is_empty()).then(|| self.lang.str(self.text.bytes()))
    }
    /// Its role.
    pub fn alias_type(&self) -> AliasType {
        self.alias_type
    }
}

impl PartialEq for Alias {
    fn eq(&self, other: &Alias) -> bool {
        (self.entity, self.name(), self.lang(), self.alias_type, self.table, self.line)
            == (other.entity, other.name(), other.lang(), other.alias_type, other.table, other.line)
    }
}

impl Eq for Alias {}

impl std::fmt::Debug for Alias {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Alias")
            .field("entity", &self.entity)
            .field("name", &self.name())
            .field("lang", &self.lang())
            .field("alias_type", &self.alias_type)
            .field("table", &self.table)
            .field("line", &self.line)
            .finish()
    }
}

/// Where a row came from: a table file (or built-in table name) and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    /// The table: a path, or `builtin:tables/…` for an embedded table.
    pub table: &'a str,
    /// 1-based line number.
    pub line: usize,
}

impl std::fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.table, self.line)
    }
}

/// Entities and their aliases from layered alias tables.
///
/// Immutable once built, so one registry can serve any number of threads.
///
/// # Example
/// ```
/// use nomen::Registry;
///
/// let mine = "id\tkind\tname\tlang\ttype\n\
///             org:acme\torg\tAcme Corporation\ten\tcanonical\n\
///             org:acme\torg\tАкме\tru\talias\n";
/// let registry = Registry::builder().no_builtin().add_table("mine.tsv", mine).build()?;
/// let acme = registry.entity("org:acme").unwrap();
/// assert_eq!(acme.name(), "Acme Corporation");
/// assert_eq!(registry.aliases_of("org:acme").count(), 2);
/// # Ok::<(), nomen::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// What the spans of `entities` and `aliases` point into.
    text: Text,
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    by_id: IdIndex,
    tables: Vec<String>,
    /// How many of `tables` are built-in: together they count as one layer.
    builtin_tables: usize,
    /// The warnings only loading can tell (about `suppress` rows and
    /// canonical names replaced across layers), in load order.
    warnings: Vec<String>,
    /// `warnings` plus those found in the registry itself, made on the
    /// first call to [`Registry::warnings`]: only `tables check` asks, and
    /// resolving should not pay for them.
    all_warnings: OnceLock<Vec<String>>,
    /// The resolve index, built on first use or loaded from a snapshot.
    index: OnceLock<crate::resolve::index::Index>,
    /// The extract patterns, built on first use or read then from the
    /// snapshot file (and its tables' hash) in `saved_patterns`.
    patterns: OnceLock<crate::extract::patterns::Patterns>,
    saved_patterns: Option<(PathBuf, u64)>,
}

/// Entity numbers by id, while loading and after. Each slot keeps 32 bits
/// of its id's hash, so that growing the table, and most lookups of ids it
/// does not hold, never read the ids themselves (scattered in the text).
#[derive(Debug, Clone, Default)]
struct IdIndex {
    slots: HashTable<(u32, u32)>,
    hasher: DefaultHashBuilder,
}

impl IdIndex {
    fn hash(&self, id: &[u8]) -> u32 {
        self.hasher.hash_one(id) as u32
    }

    /// The entity with this id (of this hash); `id_of` gives each entity's.
    fn find<'a>(&self, id: &[u8], hash: u32, id_of: impl Fn(u32) -> &'a [u8]) -> Option<u32> {
        self.slots.find(spread(hash), |&(e, h)| h == hash && id_of(e) == id).map(|&(e, _)| e)
    }

    /// Add an entity whose id is not in the index yet.
    fn insert(&mut self, hash: u32, entity: u32) {
        self.slots.insert_unique(spread(hash), (entity, hash), |&(_, h)| spread(h));
    }
}

/// A 32-bit hash as the 64 bits the hash table wants: it places entries by
/// the low bits and tells them apart by the top ones, which a
/// multiplication by an odd constant fills from all 32.
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Registry {
    /// The built-in tables alone.
    pub fn builtin() -> Result<Registry, Error> {
        Registry::builder().build()
    }

    /// Start layering tables; the built-in ones are included unless
    /// [`RegistryBuilder::no_builtin`] is called.
    pub fn builder() -> RegistryBuilder {
        RegistryBuilder { builtin: true, layers: Vec::new(), cache: None }
    }

    /// All entities, in the order their first row was read.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// All aliases (suppressed ones are gone).
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The entity with this ID.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_number(id).and_then(|i| self.entities.get(i))
    }

    fn entity_number(&self, id: &str) -> Option<usize> {
        let id_of = |e: u32| self.entities.get(e as usize).map_or(&[][..], |e| e.id.bytes(self.text.bytes()));
        self.by_id.find(id.as_bytes(), self.by_id.hash(id.as_bytes()), id_of).map(|e| e as usize)
    }

    /// The aliases of the entity with this ID.
    pub fn aliases_of<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Alias> + 'a {
        let index = self.entity_number(id);
        self.aliases.iter().filter(move |a| Some(a.entity) == index)
    }

    /// The entity an alias belongs to.
    pub fn entity_of(&self, alias: &Alias) -> &Entity {
        // Aliases are only made by loading, with indices into `entities`.
        &self.entities[alias.entity]
    }

    /// The number of an alias of this registry (its place in [`Registry::aliases`]).
    pub(crate) fn alias_number(&self, alias: &Alias) -> Option<u32> {
        let size = std::mem::size_of::<Alias>();
        let offset = (alias as *const Alias as usize).checked_sub(self.aliases.as_ptr() as usize)?;
        let i = offset / size;
        (offset % size == 0 && self.aliases.get(i).is_some_and(|a| std::ptr::eq(a, alias)))
            .then_some(i)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The table and line an alias was read from.
    pub fn source_of(&self, alias: &Alias) -> Source<'_> {
        let table = self.tables.get(alias.table as usize).map_or("?", String::as_str);
        Source { table, line: alias.line as usize }
    }

    /// The index [`crate::Resolver`] looks names up in.
    pub(crate) fn index(&self) -> &crate::resolve::index::Index {
        self.index.get_or_init(|| crate::resolve::index::Index::build(self))
    }

    /// The patterns [`crate::Extractor`] scans for.
    pub(crate) fn patterns(&self) -> &crate::extract::patterns::Patterns {
        self.patterns.get_or_init(|| {
            let saved = self.saved_patterns.as_ref();
            saved
                .and_then(|(path, hash)| cache::load_patterns(self, path, *hash))
                .unwrap_or_else(|| crate::extract::patterns::Patterns::build(self))
        })
    }

    /// The tables loaded, in layer order.
    pub fn tables(&self) -> &[String] {
        &self.tables
    }

    /// Things worth a look that are not errors: a `suppress` row that
    /// suppressed nothing, an entity without a canonical row, a name a user
    /// table gives to an id while an earlier table gives it to another, a
    /// name that normalises to nothing.
    ///
    /// The first call computes the match key of every alias (about as much
    /// work as building a [`crate::Resolver`]); later calls are free.
    pub fn warnings(&self) -> &[String] {
        self.all_warnings.get_or_init(|| {
            let mut all = self.warnings.clone();
            all.extend(self.entities_without_a_canonical_row());
            all.extend(self.names_taken_across_layers());
            all.extend(self.names_without_a_key());
            all
        })
    }

    /// Entities whose display name is only their first row's name.
    fn entities_without_a_canonical_row(&self) -> Vec<String> {
        let mut canonical = vec![false; self.entities.len()];
        let mut first: Vec<Option<&Alias>> = vec![None; self.entities.len()];
        for a in &self.aliases {
            canonical[a.entity] |= a.alias_type == AliasType::Canonical;
            first[a.entity].get_or_insert(a);
        }
        let mut warnings = Vec::new();
        for ((entity, has_canonical), first) in self.entities.iter().zip(canonical).zip(first) {
            if let (false, Some(a)) = (has_canonical, first) {
                warnings.push(format!(
                    "{}: `{}` has no canonical row; its first name `{}` is shown",
                    self.source_of(a),
                    entity.id(),
                    entity.name()
                ));
            }
        }
        warnings
    }

    /// A user table's name that an earlier table already gives to another
    /// id: queries for it become ambiguous, which the user may not mean.
    /// Names shared inside one layer (two cities called Springfield in the
    /// built-in tables) are deliberate and not reported.
    fn names_taken_across_layers(&self) -> Vec<String> {
        let mut user: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in self.aliases.iter().enumerate().filter(|(_, a)| a.table as usize >= self.builtin_tables)
        {
            user.entry(fold_case(a.name())).or_default().push(i);
        }
        let Some(last) = self.aliases.iter().map(|a| a.table).max().filter(|_| !user.is_empty()) else {
            return Vec::new();
        };
        // Each user alias (by index, so in load order) with the earlier
        // aliases of other ids that carry its name.
        let mut clashes: BTreeMap<usize, Vec<&Alias>> = BTreeMap::new();
        for earlier in self.aliases.iter().filter(|a| a.table < last) {
            let Some(mine) = user.get(&fold_case(earlier.name())) else { continue };
            for &i in mine {
                let a = &self.aliases[i];
                if a.table > earlier.table && a.entity != earlier.entity {
                    clashes.entry(i).or_default().push(earlier);
                }
            }
        }
        clashes
            .into_iter()
            .filter_map(|(i, earlier)| {
                let a = &self.aliases[i];
                let first = earlier.first()?;
                let others = earlier.iter().map(|e| e.entity).collect::<HashSet<_>>().len() - 1;
                let more = if others > 0 { format!(" (and {others} more ids)") } else { String::new() };
                let other_id = self.entities[first.entity].id();
                Some(format!(
                    "{}: \"{}\" for `{}` is also a name of `{other_id}` at {}{more}: queries for it become ambiguous (a `suppress` row for `{other_id}` removes the other)",
                    self.source_of(a),
                    a.name(),
                    self.entities[a.entity].id(),
                    self.source_of(first),
                ))
            })
            .collect()
    }

    /// Names whose match key is empty (only punctuation, symbols, emoji, a
    /// script nomen cannot romanize): resolve finds them only when asked for
    /// the very same text, extract never.
    fn names_without_a_key(&self) -> Vec<String> {
        // The resolve index holds every alias's key (and may come from a
        // snapshot, which makes checking unchanged tables quick).
        let keys = &self.index().keys;
        self.aliases
            .iter()
            .enumerate()
            .filter(|(i, _)| keys.get(*i).is_none_or(str::is_empty))
            .map(|(_, a)| {
                format!(
                    "{}: name \"{}\" normalises to nothing: no other spelling and no mention in text can match it",
                    self.source_of(a),
                    a.name()
                )
            })
            .collect()
    }
}

/// Builds a [`Registry`] from layers of tables.
#[derive(Debug, Clone)]
pub struct RegistryBuilder {
    builtin: bool,
    layers: Vec<Layer>,
    cache: Option<PathBuf>,
}

#[derive(Debug, Clone)]
enum Layer {
    Path(PathBuf),
    Text(String, String),
}

impl RegistryBuilder {
    /// Leave out the built-in tables.
    pub fn no_builtin(mut self) -> Self {
        self.builtin = false;
        self
    }

    /// Add a table file, or every `*.tsv` file of a directory (in name order).
    pub fn add_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.layers.push(Layer::Path(path.into()));
        self
    }

    /// Add a table given as text; `name` stands for its file in messages.
    pub fn add_table(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.layers.push(Layer::Text(name.into(), text.into()));
        self
    }

    /// Keep the built registry, with its resolve index, in directory `dir`
    /// and load it from there when the same tables are built again: a
    /// process then starts in milliseconds instead of reading and keying
    /// every alias (about 2 s for the built-in tables).
    ///
    /// Snapshots are named by a hash of the tables' names and contents and
    /// of this build of nomen, so an edited table or a new version is never
    /// served from an old snapshot. A snapshot that cannot be read or
    /// written costs only the time to build afresh: it is never an error.
    ///
    /// # Example
    /// ```
    /// # let dir = std::env::temp_dir().join("nomen-doc-cache");
    /// let registry = nomen::Registry::builder().cache(&dir).build()?; // builds and saves
    /// let again = nomen::Registry::builder().cache(&dir).build()?;    // loads
    /// assert_eq!(registry.aliases().len(), again.aliases().len());
    /// # Ok::<(), nomen::Error>(())
    /// ```
    pub fn cache(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache = Some(dir.into());
        self
    }

    /// Read and validate every layer. Nothing is half-loaded: the first bad
    /// row fails the whole build with its `file:line`.
    pub fn build(self) -> Result<Registry, Error> {
        let Some(dir) = self.cache.clone() else { return self.build_afresh() };
        let hash = self.tables_hash()?;
        if let Some(registry) = cache::load(&dir, hash) {
            return Ok(registry);
        }
        let registry = self.build_afresh()?;
        cache::save(&dir, hash, &registry);
        Ok(registry)
    }

    fn build_afresh(self) -> Result<Registry, Error> {
        let mut loader = load::Loader::default();
        if self.builtin {
            for (file, text) in embedded::ENTITY_TABLES {
                loader.add_table(&format!("builtin:{file}"), text.as_bytes())?;
            }
        }
        let builtin_tables = loader.tables();
        for layer in self.layers {
            match layer {
                Layer::Text(name, text) => loader.add_table(&name, text.as_bytes())?,
                Layer::Path(path) => {
                    for file in table_files(&path)? {
                        let input = std::fs::File::open(&file).map_err(|e| Error::io(&file, &e))?;
                        let input = std::io::BufReader::with_capacity(1 << 16, input);
                        loader.add_table(&file.display().to_string(), input)?;
                    }
                }
            }
        }
        Ok(loader.finish(builtin_tables))
    }
}

/// The table files a path stands for: itself, or a directory's `*.tsv` files.
fn table_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str =
        "id\tkind\tname\ttype\ncity:kyiv\tcity\tKyiv\tcanonical\ncity:kyiv\tcity\tKiev\tformer\n";

    #[test]
    fn later_layers_add_and_suppress() {
        let r = Registry::builder()
            .no_builtin()
            .add_table("base.tsv", BASE)
            .add_table("mine.tsv", "id\tname\ttype\ncity:kyiv\tKyjiw\talias\ncity:kyiv\tkiev\tsuppress\n")
            .build()
            .unwrap();
        let names: Vec<&str> = r.aliases_of("city:kyiv").map(|a| a.name()).collect();
        assert_eq!(names, ["Kyiv", "Kyjiw"]);
        assert!(r.warnings().is_empty(), "{:?}", r.warnings());
        let kyjiw = r.aliases().iter().find(|a| a.name() == "Kyjiw").unwrap();
        assert_eq!(r.source_of(kyjiw).to_string(), "mine.tsv:2");
    }

    #[test]
    fn a_suppress_that_matches_nothing_is_a_warning() {
        let r = Registry::builder()
            .no_builtin()
            .add_table("base.tsv", BASE)
            .add_table("mine.tsv", "id\tname\ttype\ncity:kyiv\tKiew\tsuppress\n")
            .build()
            .unwrap();
        assert_eq!(r.warnings().len(), 1);
        assert!(r.warnings()[0].starts_with("mine.tsv:2:"), "{:?}", r.warnings());
    }

    #[test]
    fn a_kind_clash_across_layers_names_both_places() {
        let err = Registry::builder()
            .no_builtin()
            .add_table("base.tsv", BASE)
            .add_table("mine.tsv", "id\tkind\tname\ncity:kyiv\tregion\tKyiv Oblast\n")
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.tsv:2: `city:kyiv` is given kind region here but kind city at base.tsv:2: an id has one kind"
        );
    }

    #[test]
    fn kind_defaults_to_the_id_prefix() {
        let r = Registry::builder()
            .no_builtin()
            .add_table("t.tsv", "id\tname\nperson:x\tX\nacme\tAcme\n")
            .build()
            .unwrap();
        assert_eq!(r.entity("person:x").unwrap().kind(), Kind::Person);
        assert_eq!(r.entity("acme").unwrap().kind(), Kind::Other);
        assert_eq!(r.warnings().len(), 2, "no canonical rows");
    }

    #[test]
    fn a_user_name_another_layer_gives_to_another_id_is_a_warning() {
        let r = Registry::builder()
            .no_builtin()
            .add_table("base.tsv", BASE)
            .add_table(
                "mine.tsv",
                "id\tname\ttype\ncity:kyiv-oblast\tkyiv\tcanonical\ncity:kyiv\tKyjiw\talias\n",
            )
            .build()
            .unwrap();
        assert_eq!(
            r.warnings(),
            [
                "mine.tsv:2: \"kyiv\" for `city:kyiv-oblast` is also a name of `city:kyiv` at base.tsv:2: queries for it become ambiguous (a `suppress` row for `city:kyiv` removes the other)"
            ]
        );
    }

    #[test]
    fn names_shared_inside_one_layer_or_suppressed_first_are_not_a_warning() {
        let shared = "id\tname\ttype\ncity:a\tSpringfield\tcanonical\ncity:b\tSpringfield\tcanonical\n";
        let r = Registry::builder().no_builtin().add_table("mine.tsv", shared).build().unwrap();
        assert!(r.warnings().is_empty(), "{:?}", r.warnings());
        let r = Registry::builder()
            .no_builtin()
            .add_table("base.tsv", BASE)
            .add_table("mine.tsv", "id\tname\ttype\ncity:kyiv\tKiev\tsuppress\ncity:x\tKiev\tcanonical\n")
            .build()
            .unwrap();
        assert!(r.warnings().is_empty(), "{:?}", r.warnings());
    }

    #[test]
    fn a_name_without_a_match_key_is_a_warning() {
        let r = Registry::builder()
            .no_builtin()
            .add_table("t.tsv", "id\tname\ttype\nx\tX\tcanonical\nx\t?!\talias\nx\t🇺🇦\talias\n")
            .build()
            .unwrap();
        let w = r.warnings();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].starts_with("t.tsv:3: name \"?!\" normalises to nothing: no other spelling"), "{w:?}");
        assert!(w[1].starts_with("t.tsv:4: name \"🇺🇦\""), "{w:?}");
    }

    /// Entities with few aliases compare names one by one, those with
    /// many through a hash table: both skip repeats and suppress alike.
    #[test]
    fn repeated_and_suppressed_names_are_handled_for_small_and_large_entities() {
        for n in [3, 40] {
            let mut base = String::from("id\tname\ttype\n");
            for i in 0..n {
                // Interleaved with another id, and every name twice.
                base.push_str(&format!("person:a\tName {i}\talias\nperson:b\tOther {i}\talias\n"));
                base.push_str(&format!("person:a\tName {i}\talias\n"));
            }
            let mine = "id\tname\ttype\nperson:a\tNAME 1\tsuppress\nperson:a\tname 2\tsuppress\nperson:a\tName 1\talias\n";
            let r = Registry::builder()
                .no_builtin()
                .add_table("base.tsv", base.as_str())
                .add_table("mine.tsv", mine)
                .build()
                .unwrap();
            let names: Vec<&str> = r.aliases_of("person:a").map(Alias::name).collect();
            let mut expected: Vec<String> =
                (0..n).filter(|i| ![1, 2].contains(i)).map(|i| format!("Name {i}")).collect();
            expected.push("Name 1".into());
            assert_eq!(names, expected, "{n} aliases");
            assert_eq!(r.aliases_of("person:b").count(), n, "{n} aliases");
            let readded = r.aliases_of("person:a").last().unwrap();
            assert_eq!(r.source_of(readded).to_string(), "mine.tsv:4");
            assert_eq!(r.entity("person:a").unwrap().name(), "Name 0");
        }
    }

    #[test]
    fn every_entity_is_found_by_its_id_with_its_own_attributes() {
        let mut table = String::from("id\tname\tkind\twikidata\n");
        for i in 0..2000 {
            let q = if i % 3 == 0 { format!("Q{i}") } else { String::new() };
            table.push_str(&format!("org:{i}\tOrg {i}\torg\t{q}\n"));
        }
        let r = Registry::builder().no_builtin().add_table("t.tsv", table).build().unwrap();
        for i in 0..2000 {
            let e = r.entity(&format!("org:{i}")).unwrap();
            assert_eq!(
                (e.id(), e.name(), e.kind()),
                (format!("org:{i}").as_str(), format!("Org {i}").as_str(), Kind::Org)
            );
            let q = format!("Q{i}");
            assert_eq!(e.attrs().get("wikidata"), (i % 3 == 0).then_some(&q), "org:{i}");
        }
        assert_eq!(r.entity("org:2000"), None);
        assert_eq!(r.entity("org:"), None);
    }

    #[test]
    fn a_kind_stated_by_a_suppress_row_binds_the_rest_of_its_table() {
        let err = Registry::builder()
            .no_builtin()
            .add_table("base.tsv", BASE)
            .add_table(
                "t.tsv",
                "id\tname\ttype\tkind\nx\tX\tsuppress\tcity\nx\tY\talias\t\nx\tZ\talias\tcountry\n",
            )
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:4: `x` is given kind country here but kind city on line 2: an id has one kind"
        );
    }

    #[test]
    fn a_table_file_is_read_with_the_same_rules_as_a_table_in_memory() {
        let dir = std::env::temp_dir().join(format!("nomen-registry-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.tsv");
        std::fs::write(&good, "\u{feff}id\tname\r\ncity:kyiv\tKyiv\r\n\r\ncity:kyiv\tKiev").unwrap();
        let r = Registry::builder().no_builtin().add_path(&good).build().unwrap();
        let names: Vec<&str> = r.aliases().iter().map(Alias::name).collect();
        assert_eq!(names, ["Kyiv", "Kiev"]);
        assert_eq!(r.source_of(&r.aliases()[1]).line, 4);
        let bad = dir.join("bad.tsv");
        std::fs::write(&bad, b"id\tname\nx\tX\ny\tY\xff\n").unwrap();
        let err = Registry::builder().no_builtin().add_path(&bad).build().unwrap_err();
        assert_eq!(err.location().map(|l| l.line), Some(3));
        assert!(err.message().starts_with("invalid UTF-8 at byte 15"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_builtin_tables_load_without_warnings() {
        let r = Registry::builtin().unwrap();
        assert!(r.entities().len() > 20);
        assert!(r.warnings().is_empty(), "{:#?}", r.warnings());
    }
}
