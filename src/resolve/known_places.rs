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

use std::sync::OnceLock;

use crate::normalize::MatchKey;

const TABLE: &str = include_str!("../../tables/names/known_places.tsv");
const FILE: &str = "tables/names/known_places.tsv";

/// A known city whose main name is a query's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KnownPlace {
    /// Its place in [`rows`].
    at: usize,
}

impl KnownPlace {
    fn row(&self) -> Option<&'static Row> {
        rows().get(self.at)
    }

    fn field(&self, n: usize) -> &'static str {
        self.row().and_then(|r| r.text.split('\t').nth(n)).unwrap_or("")
    }

    /// Its names in Latin letters: the main name, then the others.
    fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.field(1)).chain(self.field(4).split('|').filter(|n| !n.is_empty()))
    }

    /// The match keys of its names, worked out once per city: a query that
    /// names a city names it again and again.
    pub(crate) fn keys(&self) -> &'static [MatchKey] {
        static KEYS: OnceLock<Vec<OnceLock<Vec<MatchKey>>>> = OnceLock::new();
        let cities = KEYS.get_or_init(|| rows().iter().map(|_| OnceLock::new()).collect());
        cities.get(self.at).map_or(&[], |k| k.get_or_init(|| self.names().map(MatchKey::new).collect()))
    }

    /// What `--explain` shows: where the table says so, and the city.
    pub(crate) fn describe(&self) -> String {
        let line = self.row().map_or(0, |r| r.line);
        format!("{FILE}:{line}: {} ({}, GeoNames {})", self.field(1), self.field(3), self.field(2))
    }
}

/// A row of the table: its key, its text, its line number.
#[derive(Debug)]
struct Row {
    key: &'static str,
    text: &'static str,
    line: usize,
}

/// The table's rows in the table's order (by key), read the first time a
/// query needs them.
fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        // (Comments, then the header, then the rows; `lines` finds line
        // ends by words, not byte by byte.)
        TABLE
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.starts_with('#'))
            .skip(1)
            .map(|(i, text)| Row { key: text.split('\t').next().unwrap_or_default(), text, line: i + 1 })
            .collect()
    })
}

/// The known cities whose main name has the match key `key`.
pub(crate) fn named(key: &str) -> Vec<KnownPlace> {
    let rows = rows();
    let from = rows.partition_point(|r| r.key < key);
    let count = rows.get(from..).unwrap_or_default().iter().take_while(|r| r.key == key).count();
    (from..from + count).map(|at| KnownPlace { at }).collect()
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
        assert!(rows.windows(2).all(|w| w[0].key <= w[1].key), "rows out of key order");
        for (at, row) in rows.iter().enumerate() {
            let name = row.text.split('\t').nth(1).unwrap_or("");
            assert_eq!(
                MatchKey::new(name).as_str(),
                row.key,
                "{}: the key of {name} changed: rerun tables/gen/known_places.py",
                KnownPlace { at }.describe()
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
