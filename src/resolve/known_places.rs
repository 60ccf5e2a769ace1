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

const TABLE: &str = include_str!("../../tables/names/known_places.tsv");
const FILE: &str = "tables/names/known_places.tsv";

/// A known city whose main name is a query's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KnownPlace {
    /// Its line in the table.
    line: usize,
    /// The line's text.
    row: &'static str,
}

impl KnownPlace {
    fn field(&self, n: usize) -> &'static str {
        self.row.split('\t').nth(n).unwrap_or("")
    }

    /// Its names in Latin letters: the main name, then the others.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.field(1)).chain(self.field(4).split('|').filter(|n| !n.is_empty()))
    }

    /// What `--explain` shows: where the table says so, and the city.
    pub(crate) fn describe(&self) -> String {
        format!("{FILE}:{}: {} ({}, GeoNames {})", self.line, self.field(1), self.field(3), self.field(2))
    }
}

/// The table's rows as (key, line, text), in the table's order (by key).
fn rows() -> &'static [(&'static str, usize, &'static str)] {
    static ROWS: OnceLock<Vec<(&'static str, usize, &'static str)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        TABLE
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
            .skip(1) // the header
            .filter_map(|(i, l)| Some((l.split('\t').next()?, i + 1, l)))
            .collect()
    })
}

/// The known cities whose main name has the match key `key`.
pub(crate) fn named(key: &str) -> Vec<KnownPlace> {
    let rows = rows();
    let from = rows.partition_point(|r| r.0 < key);
    rows[from..].iter().take_while(|r| r.0 == key).map(|&(_, line, row)| KnownPlace { line, row }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::MatchKey;

    #[test]
    fn rows_are_sorted_by_their_keys_and_the_keys_are_current() {
        let rows = rows();
        assert!(rows.len() > 30_000, "{} rows", rows.len());
        assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0), "rows out of key order");
        for &(key, line, row) in rows {
            let name = row.split('\t').nth(1).unwrap_or("");
            assert_eq!(
                MatchKey::new(name).as_str(),
                key,
                "{FILE}:{line}: the key of {name} changed: rerun tables/gen/known_places.py"
            );
        }
    }

    #[test]
    fn a_known_city_is_found_by_its_key_with_its_other_names() {
        let irbit = named(MatchKey::new("Irbit").as_str());
        assert_eq!(irbit.len(), 1);
        assert!(irbit[0].describe().contains("Irbit (RU"), "{}", irbit[0].describe());
        let kyiv = named(MatchKey::new("Kyiv").as_str());
        assert!(kyiv.iter().any(|p| p.names().any(|n| n == "Kiev")));
        assert!(named(MatchKey::new("Zelenskyy").as_str()).is_empty());
    }
}
