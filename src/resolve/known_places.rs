//! Known places: the main names of the world's cities of 15,000
//! inhabitants or more (`tables/names/known_places.tsv`, from GeoNames).
//!
//! A Latin query that is exactly such a name names that city. Its letters
//! may be one away from a registry's place (Irbit, Irbid; Tanga, Tonga;
//! Harburg, Hamburg), but it is no misspelling of it: a fuzzy match to a
//! place of other names is held against it ([`crate::resolve`]). Each
//! city's other Latin names tell when the registry's place is the same
//! city under another name (Kyiv is known; Kiev, the registry's, is one of
//! its names).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::normalize::MatchKey;

const TABLE: &str = include_str!("../../tables/names/known_places.tsv");
const FILE: &str = "tables/names/known_places.tsv";

/// A known city whose main name is a query's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KnownPlace {
    /// Where its line starts in the table.
    start: usize,
}

impl KnownPlace {
    fn field(&self, n: usize) -> &'static str {
        line_at(self.start).split('\t').nth(n).unwrap_or("")
    }

    /// Its names in Latin letters: the main name, then the others.
    fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.field(1)).chain(self.field(4).split('|').filter(|n| !n.is_empty()))
    }

    /// The match keys of its names, worked out once per city: a query that
    /// names a city names it again and again.
    pub(crate) fn keys(&self) -> Arc<[MatchKey]> {
        static KEYS: OnceLock<Mutex<HashMap<usize, Arc<[MatchKey]>>>> = OnceLock::new();
        let cache = KEYS.get_or_init(Default::default);
        if let Some(keys) = cache.lock().ok().and_then(|c| c.get(&self.start).cloned()) {
            return keys;
        }
        let keys: Arc<[MatchKey]> = self.names().map(MatchKey::new).collect();
        if let Ok(mut c) = cache.lock() {
            c.insert(self.start, keys.clone());
        }
        keys
    }

    /// What `--explain` shows: where the table says so, and the city.
    pub(crate) fn describe(&self) -> String {
        let line = TABLE.get(..self.start).map_or(0, |t| t.matches('\n').count()) + 1;
        format!("{FILE}:{line}: {} ({}, GeoNames {})", self.field(1), self.field(3), self.field(2))
    }
}

/// The table's rows as (key, where the line starts), in the table's order
/// (by key): one pass over the text's bytes, the first time a query needs
/// it.
fn rows() -> &'static [(&'static str, usize)] {
    static ROWS: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows = Vec::with_capacity(35_000);
        // (Comments, then the header, then the rows.)
        let (mut at, mut header_read) = (0, false);
        while at < TABLE.len() {
            let rest = TABLE.get(at..).unwrap_or_default();
            // (`find` of a char scans by words, not byte by byte.)
            let len = rest.find('\n').unwrap_or(rest.len());
            if !rest.starts_with('#') && std::mem::replace(&mut header_read, true) {
                let line = rest.get(..len).unwrap_or_default();
                rows.push((line.split('\t').next().unwrap_or_default(), at));
            }
            at += len + 1;
        }
        rows
    })
}

/// The line that starts at byte `start` of the table.
fn line_at(start: usize) -> &'static str {
    TABLE.get(start..).and_then(|t| t.split('\n').next()).unwrap_or("")
}

/// The known cities whose main name has the match key `key`.
pub(crate) fn named(key: &str) -> Vec<KnownPlace> {
    let rows = rows();
    let from = rows.partition_point(|r| r.0 < key);
    rows.get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|r| r.0 == key)
        .map(|&(_, start)| KnownPlace { start })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_by_their_keys_and_the_keys_are_current() {
        let rows = rows();
        let lines = TABLE.lines().filter(|l| !l.starts_with('#')).count() - 1; // the header
        assert_eq!(rows.len(), lines);
        assert!(rows.len() > 30_000, "{} rows", rows.len());
        assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0), "rows out of key order");
        for &(key, start) in rows {
            let name = line_at(start).split('\t').nth(1).unwrap_or("");
            assert_eq!(
                MatchKey::new(name).as_str(),
                key,
                "{}: the key of {name} changed: rerun tables/gen/known_places.py",
                KnownPlace { start }.describe()
            );
        }
        assert!(named("").is_empty() && named("zzzzzzzz").is_empty());
    }

    #[test]
    fn a_known_city_is_found_by_its_key_with_its_other_names() {
        let irbit = named(MatchKey::new("Irbit").as_str());
        assert_eq!(irbit.len(), 1);
        assert!(irbit[0].describe().contains("Irbit (RU"), "{}", irbit[0].describe());
        let kyiv = named(MatchKey::new("Kyiv").as_str());
        assert!(kyiv.iter().any(|p| p.names().any(|n| n == "Kiev")));
        assert!(kyiv.iter().any(|p| p.keys().contains(&MatchKey::new("Kiev"))));
        assert!(named(MatchKey::new("Zelenskyy").as_str()).is_empty());
    }
}
