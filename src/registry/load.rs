//! Layering tables into a registry, row by row.
//!
//! Loading keeps every id, name and language once, in one growing buffer,
//! and finds them again through hash tables of numbers: a million aliases
//! cost no string, map entry or list of their own. Entities and aliases are
//! made in their final form from the start, so that ending the load copies
//! nothing. The rules across rows of one table (one kind per id, one
//! canonical row) are checked with what is kept per entity anyway.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::io::BufRead;
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::table::{self, Row};
use super::{AliasRow, AliasType, EntityRow, IdIndex, Kind, Registry, Span};
use crate::error::Error;
use crate::normalize::fold_case;
use crate::snapshot::Blob;

/// No entity or alias: the end of a list.
const NONE: u32 = u32::MAX;

/// How many aliases an entity may have before its names are looked up
/// in a hash table rather than compared one by one.
const FEW: u32 = 16;

/// Tables being layered into a registry.
#[derive(Debug, Default)]
pub(super) struct Loader {
    /// Ids, names and languages, each stored once.
    text: Vec<u8>,
    entities: Vec<EntityRow>,
    /// What loading needs to know of each entity, by entity number.
    states: Vec<EntityState>,
    aliases: Vec<AliasRow>,
    /// The next alias of the same entity, by alias number.
    next: Vec<u32>,
    by_id: IdIndex,
    /// The aliases of entities with [`FEW`] or more, by the hash of their
    /// entity and name, to find a row that repeats one (it is skipped).
    /// Most entities have a handful, compared one by one: a million
    /// aliases in a hash table cost more time and memory than that.
    seen: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// Each language once (a table holds a few hundred for a million rows).
    langs: hashbrown::HashMap<Box<str>, Span>,
    /// Aliases removed by `suppress` rows, dropped when loading ends.
    removed: Vec<u32>,
    tables: Vec<String>,
    warnings: Vec<String>,
    /// Kinds that rows of the table being read state for ids no table has
    /// yet (only `suppress` rows do that): the table must stay consistent.
    kinds_without_entity: HashMap<String, (Kind, usize)>,
    /// The entity of the latest row.
    recent: u32,
}

#[derive(Debug)]
struct EntityState {
    /// Its aliases, a list through `Loader::next`, in load order.
    first: u32,
    last: u32,
    /// How many aliases it was given (suppressed ones too): from [`FEW`]
    /// on, its aliases are in `seen`.
    count: u32,
    /// Where a row first states its kind in the latest table that does:
    /// (table, line).
    kind_stated: Option<(u32, u32)>,
    /// Where its canonical row is: (table, line).
    canonical: Option<(u32, u32)>,
    /// The extra columns of its rows, the first value of each.
    #[allow(
        clippy::box_collection,
        reason = "8 bytes an entity where a map is 24, for 100,000s of entities"
    )]
    attrs: Option<Box<BTreeMap<String, String>>>,
}

impl Loader {
    /// How many tables are loaded.
    pub(super) fn tables(&self) -> usize {
        self.tables.len()
    }

    /// Add one table on top of what is loaded; `file` names it in messages.
    pub(super) fn add_table(&mut self, file: &str, input: impl BufRead) -> Result<(), Error> {
        let table = u32::try_from(self.tables.len()).map_err(|_| too_large(file, 0))?;
        self.tables.push(file.to_string());
        self.kinds_without_entity.clear();
        table::read(file, input, |row| self.add_row(file, table, &row))
    }

    fn add_row(&mut self, file: &str, table: u32, row: &Row) -> Result<(), Error> {
        let line = u32::try_from(row.line).map_err(|_| too_large(file, row.line))?;
        // Rows of one entity tend to follow each other.
        let recent =
            self.entities.get(self.recent as usize).filter(|e| e.id.bytes(&self.text) == row.id.as_bytes());
        let lookup = if recent.is_some() { Ok(self.recent) } else { self.find(row.id) };
        let found = lookup.ok();

        // The rules inside this table first, so that a row breaking one of
        // them is told about the line of this table it contradicts.
        let stated = self.kinds_without_entity.get(row.id).copied().or_else(|| {
            let e = found? as usize;
            let (_, at) = self.states[e].kind_stated.filter(|(t, _)| *t == table)?;
            Some((self.entities[e].kind, at as usize))
        });
        if let (Some(k), Some((other, at))) = (row.kind, stated) {
            if k != other {
                return Err(table::kind_clash(file, row, other, at));
            }
        }
        if let Some(e) = found.filter(|_| row.alias_type == AliasType::Canonical) {
            if let Some((_, at)) = self.states[e as usize].canonical.filter(|(t, _)| *t == table) {
                return Err(table::second_canonical(file, row, at as usize));
            }
        }

        if row.alias_type == AliasType::Suppress && found.is_none() {
            if let (Some(k), None) = (row.kind, stated) {
                self.kinds_without_entity.insert(row.id.to_string(), (k, row.line));
            }
            self.warnings.push(format!(
                "{file}:{}: `suppress` of `{}` for `{}`: no table loaded before it has that id",
                row.line, row.name, row.id
            ));
            return Ok(());
        }
        let e = match found {
            Some(e) => {
                let kind = self.entities[e as usize].kind;
                if let Some(k) = row.kind.filter(|k| *k != kind) {
                    return Err(self.kind_clash_across_layers(file, row, e, k));
                }
                e
            }
            None => self.add_entity(file, row, lookup.err().unwrap_or_default())?,
        };
        self.recent = e;
        if row.kind.is_some() && stated.is_none() {
            self.states[e as usize].kind_stated = Some((table, line));
        }
        if row.alias_type == AliasType::Suppress {
            self.suppress(file, row, e);
            return Ok(());
        }

        let name = self.add_alias(file, row, e, table, line)?;
        let (entity, state) = (&mut self.entities[e as usize], &mut self.states[e as usize]);
        if found.is_none() {
            entity.name = name;
        }
        if row.alias_type == AliasType::Canonical {
            if let Some((old, _)) = state.canonical.filter(|(t, _)| *t != table) {
                let old = self.tables.get(old as usize).map_or("?", String::as_str);
                self.warnings.push(format!(
                    "{file}:{}: the canonical name of `{}` becomes `{}` (it was `{}` from {old})",
                    row.line,
                    row.id,
                    row.name,
                    entity.name.str(&self.text)
                ));
            }
            state.canonical = Some((table, line));
            entity.name = name;
        }
        for (k, v) in row.attrs() {
            let attrs = state.attrs.get_or_insert_with(Box::default);
            if !attrs.contains_key(k) {
                attrs.insert(k.to_string(), v.to_string());
            }
        }
        Ok(())
    }

    /// The entity with this id, else the hash to add it under.
    fn find(&self, id: &str) -> Result<u32, u32> {
        let hash = self.by_id.hash(id.as_bytes());
        let id_of = |e: u32| self.entities.get(e as usize).map_or(&[][..], |e| e.id.bytes(&self.text));
        self.by_id.find(id.as_bytes(), hash, id_of).ok_or(hash)
    }

    /// A new entity for the row's id, named (for now) by nothing.
    fn add_entity(&mut self, file: &str, row: &Row, hash: u32) -> Result<u32, Error> {
        let e = u32::try_from(self.entities.len()).map_err(|_| too_large(file, row.line))?;
        let id = self.store(file, row.line, row.id)?;
        let kind = row.kind.unwrap_or_else(|| Kind::from_id(row.id));
        self.entities.push(EntityRow { id, kind, ..EntityRow::default() });
        self.states.push(EntityState {
            first: NONE,
            last: NONE,
            count: 0,
            kind_stated: None,
            canonical: None,
            attrs: None,
        });
        self.by_id.insert(hash, e);
        Ok(e)
    }

    /// The row's name as an alias of entity `e`, added unless `e` has it
    /// already; either way, where the name is stored.
    fn add_alias(&mut self, file: &str, row: &Row, e: u32, table: u32, line: u32) -> Result<Span, Error> {
        if let Some(i) = self.alias_named(e, row.name) {
            return Ok(self.aliases[i as usize].name);
        }
        let i = u32::try_from(self.aliases.len()).ok().filter(|i| *i != NONE);
        let i = i.ok_or_else(|| too_large(file, row.line))?;
        let name = self.store(file, row.line, row.name)?;
        let lang = match row.lang {
            Some(lang) => self.lang(file, row.line, lang)?,
            None => Span::default(),
        };
        let alias_type = row.alias_type;
        self.aliases.push(AliasRow { entity: e, name, lang, table, line, alias_type });
        self.next.push(NONE);
        let state = &mut self.states[e as usize];
        match state.last {
            NONE => state.first = i,
            last => self.next[last as usize] = i,
        }
        state.last = i;
        state.count += 1;
        match state.count {
            n if n > FEW => self.index_alias(i),
            FEW => {
                let mut at = state.first;
                while let Some(&next) = self.next.get(at as usize) {
                    self.index_alias(at);
                    at = next;
                }
            }
            _ => {}
        }
        Ok(name)
    }

    /// The alias of entity `e` with exactly this name, if there is one.
    fn alias_named(&self, e: u32, name: &str) -> Option<u32> {
        let (aliases, text) = (&self.aliases, &self.text);
        let state = &self.states[e as usize];
        if state.count >= FEW {
            let same = |&i: &u32| {
                let alias = aliases.get(i as usize);
                alias.is_some_and(|a| a.entity == e && a.name.bytes(text) == name.as_bytes())
            };
            return self.seen.find(name_hash(&self.hasher, e, name.as_bytes()), same).copied();
        }
        let mut at = state.first;
        while let (Some(a), Some(&next)) = (aliases.get(at as usize), self.next.get(at as usize)) {
            if a.name.bytes(text) == name.as_bytes() {
                return Some(at);
            }
            at = next;
        }
        None
    }

    fn index_alias(&mut self, i: u32) {
        let Loader { seen, aliases, text, hasher, .. } = self;
        let hash = |a: &AliasRow| name_hash(hasher, a.entity, a.name.bytes(text));
        let Some(a) = aliases.get(i as usize) else { return };
        seen.insert_unique(hash(a), i, |&i| aliases.get(i as usize).map_or(0, hash));
    }

    /// Remove the aliases of entity `e` whose name is the row's, ignoring
    /// case, from the tables loaded before.
    fn suppress(&mut self, file: &str, row: &Row, e: u32) {
        let target = fold_case(row.name);
        let mut hit = false;
        let (mut before, mut at) = (NONE, self.states[e as usize].first);
        while let (Some(a), Some(&next)) = (self.aliases.get(at as usize), self.next.get(at as usize)) {
            if fold_case(a.name.str(&self.text)) != target {
                before = at;
                at = next;
                continue;
            }
            hit = true;
            let hash = name_hash(&self.hasher, e, a.name.bytes(&self.text));
            if let Ok(entry) = self.seen.find_entry(hash, |&i| i == at) {
                entry.remove();
            }
            self.removed.push(at);
            let state = &mut self.states[e as usize];
            match self.next.get_mut(before as usize) {
                Some(b) => *b = next,
                None => state.first = next,
            }
            if state.last == at {
                state.last = before;
            }
            at = next;
        }
        if !hit {
            self.warnings.push(format!(
                "{file}:{}: `suppress` of `{}` for `{}` matched no alias loaded before it",
                row.line, row.name, row.id
            ));
        }
    }

    fn kind_clash_across_layers(&self, file: &str, row: &Row, e: u32, k: Kind) -> Error {
        let first = self.aliases.get(self.states[e as usize].first as usize);
        let at = first.map_or(String::new(), |a| {
            format!("{}:{}", self.tables.get(a.table as usize).map_or("?", String::as_str), a.line)
        });
        Error::table(
            file,
            row.line,
            format!(
                "`{}` is given kind {} here but kind {} at {at}: an id has one kind",
                row.id,
                k.as_str(),
                self.entities[e as usize].kind.as_str()
            ),
        )
    }

    /// The language's place in the text, stored the first time it is seen.
    fn lang(&mut self, file: &str, line: usize, lang: &str) -> Result<Span, Error> {
        if let Some(&span) = self.langs.get(lang) {
            return Ok(span);
        }
        let span = self.store(file, line, lang)?;
        self.langs.insert(lang.into(), span);
        Ok(span)
    }

    fn store(&mut self, file: &str, line: usize, s: &str) -> Result<Span, Error> {
        let start = u32::try_from(self.text.len()).map_err(|_| too_large(file, line))?;
        let end = u32::try_from(self.text.len() + s.len()).map_err(|_| too_large(file, line))?;
        self.text.extend_from_slice(s.as_bytes());
        Ok(Span { start, end })
    }

    /// The registry loaded, its aliases in load order.
    pub(super) fn finish(self, builtin_tables: usize) -> Registry {
        let Loader { mut text, mut entities, aliases, states, by_id, mut removed, tables, warnings, .. } =
            self;
        // The attributes go to the end of the text, as `key\tvalue\t…`.
        for (entity, state) in entities.iter_mut().zip(&states) {
            let Some(attrs) = &state.attrs else { continue };
            let start = text.len();
            for (k, v) in attrs.iter() {
                text.extend_from_slice(k.as_bytes());
                text.push(b'\t');
                text.extend_from_slice(v.as_bytes());
                text.push(b'\t');
            }
            text.pop();
            // Past 4 GiB (which loading refuses) the attributes are lost.
            if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(text.len())) {
                entity.attrs = Span { start, end };
            }
        }
        removed.sort_unstable();
        let mut removed = removed.into_iter().peekable();
        let mut numbers = Vec::with_capacity((aliases.len() - removed.len()) * AliasRow::WORDS);
        for (i, alias) in aliases.iter().enumerate() {
            if removed.next_if_eq(&(i as u32)).is_none() {
                alias.encode(&mut numbers);
            }
        }
        drop(aliases);
        let aliases = Blob::from_u32s(&numbers);
        numbers = Vec::with_capacity(entities.len() * EntityRow::WORDS);
        for entity in &entities {
            entity.encode(&mut numbers);
        }
        Registry {
            text: Blob::from(text),
            entities: Blob::from_u32s(&numbers),
            aliases,
            by_id: OnceLock::from(by_id),
            tables,
            builtin_tables,
            warnings,
            ..Registry::default()
        }
    }
}

/// The hash an alias is kept under in `seen`.
fn name_hash(hasher: &DefaultHashBuilder, entity: u32, name: &[u8]) -> u64 {
    hasher.hash_one((entity, name))
}

/// Loading keeps positions and counts in 32 bits: 4 GiB of names and ids
/// is far beyond any table nomen is meant for, and halves what each alias
/// costs.
fn too_large(file: &str, line: usize) -> Error {
    Error::table(
        file,
        line,
        "the tables hold more than 4 GiB of ids and names (or 4 billion rows), more than nomen can load: split them or leave some out",
    )
}
