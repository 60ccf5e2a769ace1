//! Forms of one given name across languages and scripts (Volodymyr,
//! Vladimir, Włodzimierz, Володимир), from `tables/names/given_names.tsv`,
//! the titles and honorifics that precede a person's name
//! (`tables/names/titles.tsv`), and the particles and patronymics a name
//! may carry or leave out (`tables/names/name_particles.tsv`).
//!
//! Both tables hold match keys, so a query word's key is looked up as it
//! is. A key may belong to several classes (a short form such as Slava is
//! Yaroslav's and Vyacheslav's): two words are forms of one name when they
//! share a class, which is never transitive.

use std::collections::HashMap;

use crate::util::{FastHash, FastMap, FastSet};
use std::sync::OnceLock;

/// The given-name classes: per key, the classes it belongs to.
#[derive(Debug, Default)]
pub(crate) struct GivenNames {
    classes: Vec<&'static str>,
    by_key: HashMap<&'static str, Vec<u32>, FastHash>,
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
    static TITLES: OnceLock<FastSet<String>> = OnceLock::new();
    TITLES
        .get_or_init(|| crate::util::word_keys(include_str!("../../tables/names/titles.tsv")).collect())
        .contains(key)
}

/// Is `word` (in lower case) the name of a month or a day of the week
/// (`tables/names/calendar_words.tsv`)? People bear such names (May,
/// Wednesday), but before a name in running text the word is the date (on
/// Wednesday Kyiv said). Compared as written, not by key, like
/// [`common_word_langs`].
pub(crate) fn is_calendar_word(word: &str) -> bool {
    static WORDS: OnceLock<FastSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| lower_words(include_str!("../../tables/names/calendar_words.tsv"))).contains(word)
}

/// The languages `word` (in lower case) is a common word of, when it is
/// also a given name (`tables/names/common_given_names.tsv`: will, grant,
/// parliament; rede, German for speech). Compared as written, not by key:
/// the Spanish daría says nothing of the Russian Дарья.
pub(crate) fn common_word_langs(word: &str) -> &'static [&'static str] {
    static WORDS: OnceLock<FastMap<String, Vec<&'static str>>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut words: FastMap<String, Vec<&'static str>> = FastMap::default();
        for row in crate::util::tsv_rows(include_str!("../../tables/names/common_given_names.tsv")) {
            if let [word, lang, ..] = row[..] {
                words.entry(word.to_lowercase()).or_default().push(lang);
            }
        }
        words
    });
    words.get(word).map_or(&[], Vec::as_slice)
}

/// The words of a `word<TAB>lang` table, in lower case.
fn lower_words(table: &str) -> FastSet<String> {
    crate::util::tsv_rows(table).filter_map(|f| Some(f.first()?.to_lowercase())).collect()
}

/// Name parts that may be left out: particles (al, bin, abu) and the
/// endings of patronymics (ovich, ivna), as match keys.
struct Optional {
    particles: FastSet<String>,
    patronymic_endings: Vec<String>,
}

fn optional_parts() -> &'static Optional {
    static PARTS: OnceLock<Optional> = OnceLock::new();
    PARTS.get_or_init(|| {
        let mut parts = Optional { particles: FastSet::default(), patronymic_endings: Vec::new() };
        for row in crate::util::tsv_rows(include_str!("../../tables/names/name_particles.tsv")) {
            let (Some(form), Some(kind)) = (row.first(), row.get(1)) else { continue };
            let mut key = String::new();
            crate::normalize::word_key(form, row.get(2).copied(), &mut key);
            match *kind {
                "particle" => {
                    parts.particles.insert(key);
                }
                "patronymic" if !parts.patronymic_endings.contains(&key) => {
                    parts.patronymic_endings.push(key)
                }
                _ => {}
            }
        }
        parts
    })
}

/// Is `key` a particle a person's name may carry or leave out (al, bin,
/// abu)?
pub(crate) fn is_particle(key: &str) -> bool {
    optional_parts().particles.contains(key)
}

/// Is word `i` of a person's name (as keys) a particle it may leave out?
/// Not as its first word: there the same letters are mostly a given name
/// (Al Jefferson; Hebrew בן, Ben, romanizes as Arabic بن, bin).
pub(crate) fn is_particle_at(words: &[&str], i: usize) -> bool {
    i > 0 && words.get(i).is_some_and(|w| is_particle(w))
}

/// Is word `i` of a person's name (as keys) a patronymic? Only a name of
/// three words or more has one, and never as its first word: Roman
/// Abramovich's surname is no patronymic.
pub(crate) fn is_patronymic(words: &[&str], i: usize) -> bool {
    let Some(word) = words.get(i) else { return false };
    // The stem must be a name (Ivanovich), not the ending alone.
    words.len() >= 3
        && i > 0
        && optional_parts()
            .patronymic_endings
            .iter()
            .any(|e| word.len() >= e.len() + 3 && word.ends_with(e.as_str()))
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
    fn particles_and_patronymics_are_found() {
        assert!(["al", "el", "bin", "ibn", "abu", "بن", "ال"].iter().all(|w| is_particle(&key(w))));
        assert!(!is_particle(&key("ben")), "ben is also a given name");
        assert!(!is_particle(&key("Assad")));
        let words = ["al", "jeferson"];
        assert!(!is_particle_at(&words, 0), "a first word is a given name");
        assert!(is_particle_at(&["bashar", "al", "asad"], 1));
        let patronymic_at = |s: &str, i: usize| {
            let w: Vec<String> = s.split(' ').map(key).collect();
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            is_patronymic(&w, i)
        };
        assert!(patronymic_at("Vladimir Vladimirovich Putin", 1));
        assert!(patronymic_at("Putin Vladimir Vladimirovich", 2));
        assert!(patronymic_at("Юлія Володимирівна Тимошенко", 1));
        assert!(patronymic_at("Valentina Ivanovna Matviyenko", 1));
        assert!(patronymic_at("Volodymyr Oleksandrovych Zelenskyy", 1));
        assert!(!patronymic_at("Roman Abramovich", 1), "a surname, not a patronymic");
        assert!(!patronymic_at("Vladimir Vladimirovich Putin", 0));
        assert!(!patronymic_at("Vladimir Vladimirovich Putin", 2));
        assert!(!patronymic_at("Ivan ovich Petrov", 1), "an ending alone is no patronymic");
    }

    #[test]
    fn titles_are_keys() {
        assert!(is_title(&key("President")));
        assert!(is_title(&key("господин")));
        assert!(!is_title(&key("Zelensky")));
    }
}
