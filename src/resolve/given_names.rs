//! Forms of one given name across languages and scripts (Volodymyr,
//! Vladimir, Włodzimierz, Володимир), from `tables/names/given_names.tsv`,
//! and the titles and honorifics that precede a person's name
//! (`tables/names/titles.tsv`).
//!
//! Both tables hold match keys, so a query word's key is looked up as it
//! is. A key may belong to several classes (a short form such as Slava is
//! Yaroslav's and Vyacheslav's): two words are forms of one name when they
//! share a class, which is never transitive.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The given-name classes: per key, the classes it belongs to.
#[derive(Debug, Default)]
pub(crate) struct GivenNames {
    classes: Vec<&'static str>,
    by_key: HashMap<&'static str, Vec<u32>>,
}

impl GivenNames {
    fn parse(text: &'static str) -> GivenNames {
        let mut names = GivenNames::default();
        for row in crate::util::tsv_rows(text) {
            let (Some(class), Some(keys)) = (row.first(), row.get(1)) else { continue };
            let Ok(i) = u32::try_from(names.classes.len()) else { break };
            names.classes.push(class);
            for key in keys.split(' ').filter(|k| !k.is_empty()) {
                let list = names.by_key.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        names
    }

    /// Is `key` the key of a form of some given name?
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The class (its Wikidata QID) that makes word keys `a` and `b` forms
    /// of one given name, if any.
    pub(crate) fn shared_class(&self, a: &str, b: &str) -> Option<&'static str> {
        let (x, y) = (self.by_key.get(a)?, self.by_key.get(b)?);
        // Both lists are short and sorted.
        let i = x.iter().find(|c| y.binary_search(c).is_ok())?;
        self.classes.get(*i as usize).copied()
    }
}

/// The embedded given-name table, parsed on first use (~25k classes).
pub(crate) fn given_names() -> &'static GivenNames {
    static NAMES: OnceLock<GivenNames> = OnceLock::new();
    NAMES.get_or_init(|| GivenNames::parse(include_str!("../../tables/names/given_names.tsv")))
}

/// Is `key` the key of a title or honorific (President, Dr, пан)?
pub(crate) fn is_title(key: &str) -> bool {
    static TITLES: OnceLock<HashSet<String>> = OnceLock::new();
    TITLES
        .get_or_init(|| crate::util::word_keys(include_str!("../../tables/names/titles.tsv")).collect())
        .contains(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::MatchKey;

    fn key(s: &str) -> String {
        MatchKey::new(s).to_string()
    }

    #[test]
    fn forms_of_one_name_share_a_class() {
        let g = given_names();
        for (a, b) in [
            ("Volodymyr", "Vladimir"),
            ("Volodymyr", "Włodzimierz"),
            ("Vladimir", "Wladimir"),
            ("Владимир", "Володимир"),
            ("Oleksandr", "Aleksandr"),
            ("Oleksandr", "Alexander"),
            ("Mykola", "Nikolai"),
            ("Mykola", "Mikołaj"),
            ("Serhiy", "Sergei"),
            ("Andriy", "Andrei"),
            ("Olena", "Elena"),
        ] {
            assert!(g.shared_class(&key(a), &key(b)).is_some(), "{a} ~ {b}");
        }
    }

    #[test]
    fn different_names_do_not() {
        let g = given_names();
        for (a, b) in [
            ("Alexander", "Alexandra"),
            ("Viktor", "Viktoria"),
            ("Ivan", "John"),
            ("Vladimir", "Vladislav"),
            ("Zelensky", "Zelinsky"),
            ("Imelda", "Ferdinand"),
        ] {
            assert!(g.shared_class(&key(a), &key(b)).is_none(), "{a} !~ {b}");
        }
    }

    #[test]
    fn stored_keys_are_current_match_keys() {
        // A key is its own key; a stored key that is not was made by another
        // normaliser version: rerun tables/gen/given_names.py.
        let g = given_names();
        let mut stale: Vec<&str> = g.by_key.keys().copied().filter(|k| key(k) != *k).collect();
        stale.sort_unstable();
        assert!(
            stale.len() * 100 <= g.by_key.len(),
            "{} stale keys, e.g. {:?}",
            stale.len(),
            &stale[..5.min(stale.len())]
        );
    }

    #[test]
    fn titles_are_keys() {
        assert!(is_title(&key("President")));
        assert!(is_title(&key("господин")));
        assert!(!is_title(&key("Zelensky")));
    }
}
