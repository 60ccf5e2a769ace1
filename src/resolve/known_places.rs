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
        line_at(self.start).1.split('\t').nth(n).unwrap_or("")
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

/// Where the rows begin: after the comments and the header.
fn rows_start() -> usize {
    static START: OnceLock<usize> = OnceLock::new();
    *START.get_or_init(|| {
        let mut at = 0;
        for line in TABLE.split_inclusive('\n') {
            at += line.len();
            if !line.starts_with('#') {
                return at; // past the header
            }
        }
        at
    })
}

/// The line around byte `pos` of the table: where it starts, its text.
fn line_at(pos: usize) -> (usize, &'static str) {
    // (By bytes: `pos` may fall inside a letter; a line starts after a
    // newline, which is a letter's boundary.)
    let bytes = TABLE.as_bytes();
    let start = bytes.get(..pos).and_then(|b| b.iter().rposition(|&c| c == b'\n')).map_or(0, |n| n + 1);
    let rest = TABLE.get(start..).unwrap_or("");
    (start, rest.split('\n').next().unwrap_or(""))
}

fn key_of(line: &str) -> &str {
    line.split('\t').next().unwrap_or("")
}

/// The known cities whose main name has the match key `key`: the rows are
/// sorted by key, so the table's text is searched by halves as it is, with
/// nothing read into memory first (a command that resolves one name pays
/// for twenty lines, not 34,000).
pub(crate) fn named(key: &str) -> Vec<KnownPlace> {
    // The first line whose key is not less than `key`: lines start in
    // lo..=hi (hi: the end of the text, no line).
    let (mut lo, mut hi) = (rows_start(), TABLE.len());
    while lo < hi {
        // (lo is a line's start, so the line around the middle starts at
        // lo or after.)
        let (start, line) = line_at(lo + (hi - lo) / 2);
        if key_of(line) < key {
            lo = (start + line.len() + 1).min(TABLE.len());
        } else {
            hi = start;
        }
    }
    let mut out = Vec::new();
    while lo < TABLE.len() {
        let line = line_at(lo).1;
        if key_of(line) != key {
            break;
        }
        out.push(KnownPlace { start: lo });
        lo += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_by_their_keys_and_the_keys_are_current() {
        let rows: Vec<&str> = TABLE[rows_start()..].lines().collect();
        assert!(rows.len() > 30_000, "{} rows", rows.len());
        assert!(rows.windows(2).all(|w| key_of(w[0]) <= key_of(w[1])), "rows out of key order");
        for (i, row) in rows.iter().enumerate() {
            let name = row.split('\t').nth(1).unwrap_or("");
            assert_eq!(
                MatchKey::new(name).as_str(),
                key_of(row),
                "{FILE}: row {}: the key of {name} changed: rerun tables/gen/known_places.py",
                i + 1
            );
        }
        // Every key is found, with all its rows, by halves.
        let mut at = 0;
        while at < rows.len() {
            let key = key_of(rows[at]);
            let same = rows[at..].iter().take_while(|r| key_of(r) == key).count();
            let found = named(key);
            assert_eq!(found.len(), same, "{key}");
            assert!(found.iter().all(|p| p.field(0) == key), "{key}");
            at += same;
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
