//! The registry: alias tables turned into entities and their aliases, layered
//! built-in first, then each user table in the order given.

mod cache;
mod fmt;
mod load;
mod table;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};

use serde::Serialize;

use crate::embedded;
use crate::error::Error;
use crate::normalize::fold_case;
use crate::snapshot::Blob;

pub use fmt::format_table;

/// What an entity is. Built-in IDs start with it (`city:kyiv`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    #[default]
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

/// Where a piece of a registry's text lies in it.
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

/// An entity as the registry keeps it: where its id, name and attributes
/// lie in the text. Stored as [`EntityRow::WORDS`] numbers in one array, so
/// that a registry read from a snapshot uses the array where it lies.
#[derive(Debug, Clone, Copy, Default)]
struct EntityRow {
    id: Span,
    name: Span,
    /// Its extra columns as `key\tvalue\t…`, sorted by key.
    attrs: Span,
    kind: Kind,
}

impl EntityRow {
    const WORDS: usize = 7;

    fn encode(&self, out: &mut Vec<u32>) {
        let kind = Kind::ALL.iter().position(|k| *k == self.kind).unwrap_or(0) as u32;
        let Self { id, name, attrs, .. } = *self;
        out.extend([id.start, id.end, name.start, name.end, attrs.start, attrs.end, kind]);
    }

    fn decode(w: [u32; Self::WORDS]) -> EntityRow {
        EntityRow {
            id: Span { start: w[0], end: w[1] },
            name: Span { start: w[2], end: w[3] },
            attrs: Span { start: w[4], end: w[5] },
            kind: Kind::ALL.get(w[6] as usize).copied().unwrap_or(Kind::Other),
        }
    }
}

/// An alias as the registry keeps it (see [`EntityRow`]).
#[derive(Debug, Clone, Copy)]
struct AliasRow {
    entity: u32,
    name: Span,
    /// Empty when the table gives no language.
    lang: Span,
    table: u32,
    line: u32,
    alias_type: AliasType,
}

impl AliasRow {
    const WORDS: usize = 8;

    fn encode(&self, out: &mut Vec<u32>) {
        let alias_type = AliasType::ALL.iter().position(|t| *t == self.alias_type).unwrap_or(0) as u32;
        let Self { entity, name, lang, table, line, .. } = *self;
        out.extend([entity, name.start, name.end, lang.start, lang.end, table, line, alias_type]);
    }

    fn decode(w: [u32; Self::WORDS]) -> AliasRow {
        AliasRow {
            entity: w[0],
            name: Span { start: w[1], end: w[2] },
            lang: Span { start: w[3], end: w[4] },
            table: w[5],
            line: w[6],
            alias_type: AliasType::ALL.get(w[7] as usize).copied().unwrap_or(AliasType::Alias),
        }
    }
}

/// Something with an ID: a person, place or organisation. A handle into
/// its [`Registry`], cheap to copy.
#[derive(Clone, Copy)]
pub struct Entity<'r> {
    registry: &'r Registry,
    number: u32,
}

impl<'r> Entity<'r> {
    /// Its row, read when asked for: a handle costs nothing to make (an
    /// extractor makes one for every mention).
    fn row(&self) -> EntityRow {
        EntityRow::decode(self.registry.entities.row(self.number as usize).unwrap_or_default())
    }

    /// The entity's ID, e.g. `person:volodymyr-zelenskyy`.
    pub fn id(&self) -> &'r str {
        self.row().id.str(self.registry.text.bytes())
    }
    /// What the entity is.
    pub fn kind(&self) -> Kind {
        self.row().kind
    }
    /// The display name: the `canonical` row, else the first row seen.
    pub fn name(&self) -> &'r str {
        self.row().name.str(self.registry.text.bytes())
    }
    /// The extra columns of its rows (`wikidata`, `geonames`, …).
    pub fn attrs(&self) -> Attrs<'r> {
        Attrs(self.row().attrs.str(self.registry.text.bytes()))
    }
}

impl<'b> PartialEq<Entity<'b>> for Entity<'_> {
    fn eq(&self, other: &Entity<'b>) -> bool {
        (self.id(), self.kind(), self.name(), self.attrs())
            == (other.id(), other.kind(), other.name(), other.attrs())
    }
}

impl Eq for Entity<'_> {}

impl std::fmt::Debug for Entity<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entity")
            .field("id", &self.id())
            .field("kind", &self.kind())
            .field("name", &self.name())
            .field("attrs", &self.attrs())
            .finish()
    }
}

/// The extra columns of an entity's rows (`wikidata`, `geonames`, …), the
/// first value given for each, in key order.
///
/// # Example
/// ```
/// let table = "id\tname\twikidata\ncity:kyiv\tKyiv\tQ1899\n";
/// let registry = nomen::Registry::builder().no_builtin().add_table("t.tsv", table).build()?;
/// let kyiv = registry.entity("city:kyiv").unwrap();
/// assert_eq!(kyiv.attrs().get("wikidata"), Some("Q1899"));
/// assert_eq!(kyiv.attrs().iter().collect::<Vec<_>>(), [("wikidata", "Q1899")]);
/// # Ok::<(), nomen::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Attrs<'r>(&'r str);

impl<'r> Attrs<'r> {
    /// The value of one column.
    pub fn get(&self, key: &str) -> Option<&'r str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
    /// Every column and its value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&'r str, &'r str)> + 'r {
        let mut fields = self.0.split('\t').filter(|_| !self.0.is_empty());
        std::iter::from_fn(move || Some((fields.next()?, fields.next()?)))
    }
    /// Whether the rows had no extra columns.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Attrs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Attrs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// One name of an entity, with the table row it came from. A handle into
/// its [`Registry`], cheap to copy.
#[derive(Clone, Copy)]
pub struct Alias<'r> {
    registry: &'r Registry,
    number: u32,
}

impl<'r> Alias<'r> {
    /// Its row, read when asked for (see [`Entity`]).
    fn row(&self) -> AliasRow {
        AliasRow::decode(self.registry.aliases.row(self.number as usize).unwrap_or_default())
    }

    /// The name as written in the table.
    pub fn name(&self) -> &'r str {
        self.row().name.str(self.registry.text.bytes())
    }
    /// Its language (BCP 47), when the table gives one.
    pub fn lang(&self) -> Option<&'r str> {
        let lang = self.row().lang;
        (!lang.is_empty()).then(|| lang.str(self.registry.text.bytes()))
    }
    /// Its role.
    pub fn alias_type(&self) -> AliasType {
        self.row().alias_type
    }
    /// The entity it names.
    pub fn entity(&self) -> Entity<'r> {
        // Loading gives every alias an entity; an alias of a damaged
        // snapshot may point past them, and reads as a nameless one.
        Entity { registry: self.registry, number: self.row().entity }
    }
    /// The table and line it was read from.
    pub fn source(&self) -> Source<'r> {
        let row = self.row();
        let table = self.registry.tables.get(row.table as usize).map_or("?", String::as_str);
        Source { table, line: row.line as usize }
    }
    /// Its place in [`Registry::aliases`].
    pub(crate) fn number(&self) -> u32 {
        self.number
    }
    /// The place of its entity in [`Registry::entities`].
    pub(crate) fn entity_number(&self) -> usize {
        self.row().entity as usize
    }
}

impl<'b> PartialEq<Alias<'b>> for Alias<'_> {
    fn eq(&self, other: &Alias<'b>) -> bool {
        let (a, b) = (self.row(), other.row());
        (a.entity, self.name(), self.lang(), a.alias_type, a.table, a.line)
            == (b.entity, other.name(), other.lang(), b.alias_type, b.table, b.line)
    }
}

impl Eq for Alias<'_> {}

impl std::fmt::Debug for Alias<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Alias")
            .field("entity", &self.entity().id())
            .field("name", &self.name())
            .field("lang", &self.lang())
            .field("alias_type", &self.row().alias_type)
            .field("source", &self.source().to_string())
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
/// Its entities and aliases are rows of numbers in flat arrays (parts of
/// the snapshot's bytes when loaded from a cache, so that loading a million
/// aliases reads none of them); [`Entity`] and [`Alias`] are handles to them.
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
    /// What the spans of the rows point into: ids, names, languages and
    /// attributes, each stored once.
    text: Blob,
    /// [`EntityRow`]s, then [`AliasRow`]s, as little-endian numbers.
    entities: Blob,
    aliases: Blob,
    /// Made while loading, or on first use for a registry from a snapshot.
    by_id: OnceLock<IdIndex>,
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
    /// The extract patterns, built on first use (and saved in the cache)
    /// or read then from the cache.
    patterns: OnceLock<crate::extract::patterns::Patterns>,
    /// The cache directory and the tables' hash, for a registry that has one.
    cache: Option<(PathBuf, u64)>,
}

/// The entities or the aliases of a registry: a list of handles that
/// reads like a slice (`len`, `get`, `iter`).
macro_rules! handle_list {
    ($(#[$doc:meta])* $list:ident, $item:ident, $at:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $list<'r> {
            registry: &'r Registry,
            range: std::ops::Range<usize>,
        }

        impl<'r> $list<'r> {
            /// How many there are (left to iterate).
            pub fn len(&self) -> usize {
                self.range.len()
            }
            /// Whether there are none.
            pub fn is_empty(&self) -> bool {
                self.range.is_empty()
            }
            /// Number `i` of the list.
            pub fn get(&self, i: usize) -> Option<$item<'r>> {
                i.checked_add(self.range.start).filter(|i| *i < self.range.end).and_then(|i| self.registry.$at(i))
            }
            /// The list from its start, by handle.
            pub fn iter(&self) -> $list<'r> {
                self.clone()
            }
        }

        impl<'r> Iterator for $list<'r> {
            type Item = $item<'r>;
            fn next(&mut self) -> Option<$item<'r>> {
                let i = self.range.next()?;
                self.registry.$at(i)
            }
            fn size_hint(&self) -> (usize, Option<usize>) {
                self.range.size_hint()
            }
            fn nth(&mut self, n: usize) -> Option<$item<'r>> {
                let i = self.range.nth(n)?;
                self.registry.$at(i)
            }
        }

        impl DoubleEndedIterator for $list<'_> {
            fn next_back(&mut self) -> Option<Self::Item> {
                let i = self.range.next_back()?;
                self.registry.$at(i)
            }
        }

        impl ExactSizeIterator for $list<'_> {}

        /// The same handles, in the same order, of equal rows.
        impl<'b> PartialEq<$list<'b>> for $list<'_> {
            fn eq(&self, other: &$list<'b>) -> bool {
                self.iter().eq(other.iter())
            }
        }

        impl std::fmt::Debug for $list<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_list().entries(self.iter()).finish()
            }
        }
    };
}

handle_list!(
    /// The entities of a [`Registry`] ([`Registry::entities`]).
    Entities,
    Entity,
    entity_at
);
handle_list!(
    /// The aliases of a [`Registry`] ([`Registry::aliases`]).
    Aliases,
    Alias,
    alias_at
);

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
    pub fn entities(&self) -> Entities<'_> {
        Entities { registry: self, range: 0..self.entities.bytes().len() / (4 * EntityRow::WORDS) }
    }

    /// All aliases (suppressed ones are gone), in the order they were read.
    pub fn aliases(&self) -> Aliases<'_> {
        Aliases { registry: self, range: 0..self.aliases.bytes().len() / (4 * AliasRow::WORDS) }
    }

    /// The entity with this ID.
    pub fn entity(&self, id: &str) -> Option<Entity<'_>> {
        self.entity_number(id).and_then(|i| self.entity_at(i))
    }

    /// The aliases of the entity with this ID.
    pub fn aliases_of<'a>(&'a self, id: &str) -> impl Iterator<Item = Alias<'a>> + 'a {
        let index = self.entity_number(id);
        self.aliases().filter(move |a| Some(a.entity_number()) == index)
    }

    /// Entity number `i`, in the order of [`Registry::entities`].
    pub(crate) fn entity_at(&self, i: usize) -> Option<Entity<'_>> {
        let number = u32::try_from(i).ok().filter(|_| i < self.entities().len())?;
        Some(Entity { registry: self, number })
    }

    /// Alias number `i`, in the order of [`Registry::aliases`].
    pub(crate) fn alias_at(&self, i: usize) -> Option<Alias<'_>> {
        let number = u32::try_from(i).ok().filter(|_| i < self.aliases().len())?;
        Some(Alias { registry: self, number })
    }

    fn entity_number(&self, id: &str) -> Option<usize> {
        let text = self.text.bytes();
        let by_id = self.by_id.get_or_init(|| {
            let mut by_id = IdIndex::default();
            for (i, e) in self.entities().enumerate() {
                by_id.insert(by_id.hash(e.row().id.bytes(text)), i as u32);
            }
            by_id
        });
        let id_of = |e: u32| self.entity_at(e as usize).map_or(&[][..], |e| e.row().id.bytes(text));
        by_id.find(id.as_bytes(), by_id.hash(id.as_bytes()), id_of).map(|e| e as usize)
    }

    /// The index [`crate::Resolver`] looks names up in.
    pub(crate) fn index(&self) -> &crate::resolve::index::Index {
        self.index.get_or_init(|| crate::resolve::index::Index::build(self))
    }

    /// The patterns [`crate::Extractor`] scans for.
    pub(crate) fn patterns(&self) -> &crate::extract::patterns::Patterns {
        self.patterns.get_or_init(|| {
            use crate::extract::patterns::Patterns;
            let Some((dir, hash)) = &self.cache else { return Patterns::build(self) };
            cache::load_patterns(self, dir, *hash).unwrap_or_else(|| {
                let patterns = Patterns::build(self);
                cache::save_patterns(dir, *hash, &patterns);
                patterns
            })
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
        let mut canonical = vec![false; self.entities().len()];
        let mut first: Vec<Option<Alias<'_>>> = vec![None; self.entities().len()];
        for a in self.aliases() {
            let e = a.entity_number();
            if let (Some(c), Some(f)) = (canonical.get_mut(e), first.get_mut(e)) {
                *c |= a.alias_type() == AliasType::Canonical;
                f.get_or_insert(a);
            }
        }
        let mut warnings = Vec::new();
        for ((entity, has_canonical), first) in self.entities().zip(canonical).zip(first) {
            if let (false, Some(a)) = (has_canonical, first) {
                warnings.push(format!(
                    "{}: `{}` has no canonical row; its first name `{}` is shown",
                    a.source(),
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
        let mut user: HashMap<String, Vec<Alias<'_>>> = HashMap::new();
        for a in self.aliases().filter(|a| a.row().table as usize >= self.builtin_tables) {
            user.entry(fold_case(a.name())).or_default().push(a);
        }
        let Some(last) = self.aliases().map(|a| a.row().table).max().filter(|_| !user.is_empty()) else {
            return Vec::new();
        };
        // Each user alias (by number, so in load order) with the earlier
        // aliases of other ids that carry its name.
        let mut clashes: BTreeMap<u32, (Alias<'_>, Vec<Alias<'_>>)> = BTreeMap::new();
        for earlier in self.aliases().filter(|a| a.row().table < last) {
            let Some(mine) = user.get(&fold_case(earlier.name())) else { continue };
            for &a in mine {
                if a.row().table > earlier.row().table && a.row().entity != earlier.row().entity {
                    clashes.entry(a.number).or_insert((a, Vec::new())).1.push(earlier);
                }
            }
        }
        clashes
            .into_values()
            .filter_map(|(a, earlier)| {
                let first = earlier.first()?;
                let others = earlier.iter().map(|e| e.row().entity).collect::<HashSet<_>>().len() - 1;
                let more = if others > 0 { format!(" (and {others} more ids)") } else { String::new() };
                let other_id = first.entity().id();
                Some(format!(
                    "{}: \"{}\" for `{}` is also a name of `{other_id}` at {}{more}: queries for it become ambiguous (a `suppress` row for `{other_id}` removes the other)",
                    a.source(),
                    a.name(),
                    a.entity().id(),
                    first.source(),
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
        self.aliases()
            .filter(|a| keys.get(a.number as usize).is_none_or(str::is_empty))
            .map(|a| {
                format!(
                    "{}: name \"{}\" normalises to nothing: no other spelling and no mention in text can match it",
                    a.source(),
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
    /// Snapshots are named by a hash of this build of nomen and of the
    /// tables' names and contents, so an edited table or a new version is
    /// never served from an old snapshot. A table file counts by its size
    /// and modification time, as in `make` (by its bytes if it changed in
    /// the last two seconds), so that a large table is not read just to
    /// find its snapshot. A snapshot is used where it lies on disk
    /// (memory-mapped): a registry of a million aliases loads in
    /// milliseconds, and only the pages a query reads are read. A snapshot that cannot be read or
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
        let mut registry = self.build_afresh()?;
        cache::save(&dir, hash, &registry);
        registry.cache = Some((dir, hash));
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
        let kyjiw = r.aliases().find(|a| a.name() == "Kyjiw").unwrap();
        assert_eq!(kyjiw.source().to_string(), "mine.tsv:2");
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
            let names: Vec<&str> = r.aliases_of("person:a").map(|a| a.name()).collect();
            let mut expected: Vec<String> =
                (0..n).filter(|i| ![1, 2].contains(i)).map(|i| format!("Name {i}")).collect();
            expected.push("Name 1".into());
            assert_eq!(names, expected, "{n} aliases");
            assert_eq!(r.aliases_of("person:b").count(), n, "{n} aliases");
            let readded = r.aliases_of("person:a").last().unwrap();
            assert_eq!(readded.source().to_string(), "mine.tsv:4");
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
            assert_eq!(e.attrs().get("wikidata"), (i % 3 == 0).then_some(q.as_str()), "org:{i}");
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
        let names: Vec<&str> = r.aliases().map(|a| a.name()).collect();
        assert_eq!(names, ["Kyiv", "Kiev"]);
        assert_eq!(r.aliases().nth(1).unwrap().source().line, 4);
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
