//! The registry: alias tables turned into entities and their aliases, layered
//! built-in first, then each user table in the order given.

mod cache;
mod fmt;
mod table;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

use crate::embedded;
use crate::error::Error;
use crate::normalize::fold_case;

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

/// Something with an ID: a person, place or organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    id: String,
    kind: Kind,
    name: String,
    attrs: BTreeMap<String, String>,
}

impl Entity {
    /// The entity's ID, e.g. `person:volodymyr-zelenskyy`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What the entity is.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// The display name: the `canonical` row, else the first row seen.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The extra columns of its rows (`wikidata`, `geonames`, …).
    pub fn attrs(&self) -> &BTreeMap<String, String> {
        &self.attrs
    }
}

/// An alias's name: its own text when read from a table; a slice of the
/// snapshot's bytes when loaded from one, so that a loaded registry holds
/// no 100,000s of small strings to allocate (and the bytes are checked as
/// UTF-8 name by name when used, not all at once when loaded).
#[derive(Clone)]
pub(crate) enum Name {
    Own(Box<str>),
    Shared(crate::snapshot::Blob),
}

impl Name {
    fn new(name: &str) -> Name {
        Name::Own(name.into())
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Name::Own(s) => s,
            // Snapshots are checksummed, so this is the text written.
            Name::Shared(b) => std::str::from_utf8(b.bytes()).unwrap_or_default(),
        }
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        **self == **other
    }
}

impl Eq for Name {}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// One name of an entity, with the table row it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub(crate) entity: usize,
    name: Name,
    /// Shared: a registry holds a few hundred languages for 100,000s of names.
    lang: Option<std::sync::Arc<str>>,
    alias_type: AliasType,
    table: usize,
    line: usize,
}

impl Alias {
    /// The name as written in the table.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its language (BCP 47), when the table gives one.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
    /// Its role.
    pub fn alias_type(&self) -> AliasType {
        self.alias_type
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
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    by_id: HashMap<String, usize>,
    tables: Vec<String>,
    /// How many of `tables` are built-in: together they count as one layer.
    builtin_tables: usize,
    warnings: Vec<String>,
    /// `warnings` plus the checks that need every alias's match key, made
    /// on the first call to [`Registry::warnings`]: only `tables check`
    /// asks, and resolving should not pay for them.
    all_warnings: OnceLock<Vec<String>>,
    /// The resolve index, built on first use or loaded from a snapshot.
    index: OnceLock<crate::resolve::index::Index>,
    /// The extract patterns, built on first use or read then from the
    /// snapshot file (and its tables' hash) in `saved_patterns`.
    patterns: OnceLock<crate::extract::patterns::Patterns>,
    saved_patterns: Option<(PathBuf, u64)>,
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
        self.by_id.get(id).and_then(|&i| self.entities.get(i))
    }

    /// The aliases of the entity with this ID.
    pub fn aliases_of<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Alias> + 'a {
        let index = self.by_id.get(id).copied();
        self.aliases.iter().filter(move |a| Some(a.entity) == index)
    }

    /// The entity an alias belongs to.
    pub fn entity_of(&self, alias: &Alias) -> &Entity {
        // Aliases are only made by `build`, with indices into `entities`.
        &self.entities[alias.entity]
    }

    /// The table and line an alias was read from.
    pub fn source_of(&self, alias: &Alias) -> Source<'_> {
        Source { table: self.tables.get(alias.table).map_or("?", String::as_str), line: alias.line }
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
            all.extend(self.names_taken_across_layers());
            all.extend(self.names_without_a_key());
            all
        })
    }

    /// A user table's name that an earlier table already gives to another
    /// id: queries for it become ambiguous, which the user may not mean.
    /// Names shared inside one layer (two cities called Springfield in the
    /// built-in tables) are deliberate and not reported.
    fn names_taken_across_layers(&self) -> Vec<String> {
        let mut user: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in self.aliases.iter().enumerate().filter(|(_, a)| a.table >= self.builtin_tables) {
            user.entry(fold_case(&a.name)).or_default().push(i);
        }
        let Some(last) = self.aliases.iter().map(|a| a.table).max().filter(|_| !user.is_empty()) else {
            return Vec::new();
        };
        // Each user alias (by index, so in load order) with the earlier
        // aliases of other ids that carry its name.
        let mut clashes: BTreeMap<usize, Vec<&Alias>> = BTreeMap::new();
        for earlier in self.aliases.iter().filter(|a| a.table < last) {
            let Some(mine) = user.get(&fold_case(&earlier.name)) else { continue };
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
                let other_id = &self.entities[first.entity].id;
                Some(format!(
                    "{}: \"{}\" for `{}` is also a name of `{other_id}` at {}{more}: queries for it become ambiguous (a `suppress` row for `{other_id}` removes the other)",
                    self.source_of(a),
                    a.name,
                    self.entities[a.entity].id,
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
                    a.name
                )
            })
            .collect()
    }

    /// Add one table on top of what is loaded.
    fn add_layer(&mut self, file: &str, bytes: &[u8], state: &mut LoadState) -> Result<(), Error> {
        let LoadState { seen, canonical_from } = state;
        let rows = table::parse(file, bytes)?;
        let table = self.tables.len();
        self.tables.push(file.to_string());
        for row in rows {
            if row.alias_type == AliasType::Suppress && !self.by_id.contains_key(row.id) {
                self.warnings.push(format!(
                    "{file}:{}: `suppress` of `{}` for `{}`: no table loaded before it has that id",
                    row.line, row.name, row.id
                ));
                continue;
            }
            let index = match self.by_id.get(row.id) {
                Some(&i) => {
                    let entity = &self.entities[i];
                    if let Some(k) = row.kind.filter(|k| *k != entity.kind) {
                        let first = self.aliases.iter().find(|a| a.entity == i);
                        let at = first.map(|a| self.source_of(a).to_string()).unwrap_or_default();
                        return Err(Error::table(
                            file,
                            row.line,
                            format!(
                                "`{}` is given kind {} here but kind {} at {at}: an id has one kind",
                                row.id,
                                k.as_str(),
                                entity.kind.as_str()
                            ),
                        ));
                    }
                    i
                }
                None => {
                    self.entities.push(Entity {
                        id: row.id.to_string(),
                        kind: row.kind.unwrap_or_else(|| Kind::from_id(row.id)),
                        name: row.name.to_string(),
                        attrs: BTreeMap::new(),
                    });
                    self.by_id.insert(row.id.to_string(), self.entities.len() - 1);
                    self.entities.len() - 1
                }
            };
            if row.alias_type == AliasType::Suppress {
                let target = fold_case(row.name);
                let before = self.aliases.len();
                self.aliases.retain(|a| {
                    let hit = a.entity == index && fold_case(&a.name) == target;
                    if hit {
                        seen.remove(&(index, a.name.to_string()));
                    }
                    !hit
                });
                if self.aliases.len() == before {
                    self.warnings.push(format!(
                        "{file}:{}: `suppress` of `{}` for `{}` matched no alias loaded before it",
                        row.line, row.name, row.id
                    ));
                }
                continue;
            }
            let entity = &mut self.entities[index];
            if row.alias_type == AliasType::Canonical {
                if let Some(old) = canonical_from.insert(index, table).filter(|t| *t != table) {
                    let old = self.tables.get(old).map_or("?", String::as_str);
                    self.warnings.push(format!(
                        "{file}:{}: the canonical name of `{}` becomes `{}` (it was `{}` from {old})",
                        row.line, row.id, row.name, entity.name
                    ));
                }
                entity.name = row.name.to_string();
            }
            for (k, v) in row.attrs {
                if !entity.attrs.contains_key(k) {
                    entity.attrs.insert(k.to_string(), v.to_string());
                }
            }
            if seen.insert((index, row.name.to_string())) {
                self.aliases.push(Alias {
                    entity: index,
                    name: Name::new(row.name),
                    lang: row.lang.map(std::sync::Arc::from),
                    alias_type: row.alias_type,
                    table,
                    line: row.line,
                });
            }
        }
        Ok(())
    }
}

/// What loading remembers between layers.
#[derive(Debug, Default)]
struct LoadState {
    /// The (entity, name) pairs loaded so far: a repeated row is skipped.
    seen: HashSet<(usize, String)>,
    /// For each entity with a canonical row, the table it came from.
    canonical_from: HashMap<usize, usize>,
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
        let mut registry = Registry::default();
        let mut state = LoadState::default();
        if self.builtin {
            for (file, text) in embedded::ENTITY_TABLES {
                registry.add_layer(&format!("builtin:{file}"), text.as_bytes(), &mut state)?;
            }
        }
        registry.builtin_tables = registry.tables.len();
        for layer in self.layers {
            match layer {
                Layer::Text(name, text) => registry.add_layer(&name, text.as_bytes(), &mut state)?,
                Layer::Path(path) => {
                    for file in table_files(&path)? {
                        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, &e))?;
                        registry.add_layer(&file.display().to_string(), &bytes, &mut state)?;
                    }
                }
            }
        }
        let mut canonical = vec![false; registry.entities.len()];
        let mut first: Vec<Option<&Alias>> = vec![None; registry.entities.len()];
        for a in &registry.aliases {
            canonical[a.entity] |= a.alias_type == AliasType::Canonical;
            first[a.entity].get_or_insert(a);
        }
        let mut warnings = Vec::new();
        for ((entity, has_canonical), first) in registry.entities.iter().zip(canonical).zip(first) {
            if let (false, Some(a)) = (has_canonical, first) {
                warnings.push(format!(
                    "{}: `{}` has no canonical row; its first name `{}` is shown",
                    registry.source_of(a),
                    entity.id,
                    entity.name
                ));
            }
        }
        registry.warnings.extend(warnings);
        Ok(registry)
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

    #[test]
    fn the_builtin_tables_load_without_warnings() {
        let r = Registry::builtin().unwrap();
        assert!(r.entities().len() > 20);
        assert!(r.warnings().is_empty(), "{:#?}", r.warnings());
    }
}
