//! Generic words that say what kind of place a name names (Islands, City,
//! Republic; adaları, Stadt, 시), the word "and" that joins the two names
//! of one place (og, y, и) and the word that links a generic word to the
//! name (City of, Ciudad de), from `tables/names/place_words.tsv`:
//! languages add, drop or translate them around one proper name. And the
//! directions (`tables/names/direction_words.tsv`), which they translate
//! but never drop.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::util::FastHash;

/// The class of a generic place word given as a match key (`island`,
/// `city`…), if it is one.
pub(crate) fn class_of(key: &str) -> Option<&'static str> {
    words().get(key).and_then(|w| w.class)
}

/// Is the match key `key` a word that links a generic word to the name
/// (the class `of`: City of Manila, Ciudad de Córdoba)? Such a key may also
/// be a word of another class in another language (Georgian და, and; da).
pub(crate) fn links(key: &str) -> bool {
    words().get(key).is_some_and(|w| w.links)
}

/// The direction (`south`, `north`, `east`, `west`) a match key names
/// (`tables/names/direction_words.tsv`: Kusini, Sul, Южная, Leste), if it
/// names one.
pub(crate) fn direction_of(key: &str) -> Option<&'static str> {
    static WORDS: OnceLock<HashMap<String, &'static str, FastHash>> = OnceLock::new();
    WORDS
        .get_or_init(|| keyed(include_str!("../../tables/names/direction_words.tsv")).collect())
        .get(key)
        .copied()
}

#[derive(Debug, Default)]
struct Word {
    class: Option<&'static str>,
    links: bool,
}

fn words() -> &'static HashMap<String, Word, FastHash> {
    static WORDS: OnceLock<HashMap<String, Word, FastHash>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: HashMap<String, Word, FastHash> = HashMap::default();
        for (key, class) in keyed(include_str!("../../tables/names/place_words.tsv")) {
            let entry = words.entry(key).or_default();
            if class == "of" {
                entry.links = true;
            } else {
                entry.class = Some(class);
            }
        }
        words
    })
}

/// The rows of a `word<TAB>value<TAB>lang` table as (the word's match key in
/// its language, value).
fn keyed(table: &'static str) -> impl Iterator<Item = (String, &'static str)> {
    crate::util::tsv_rows(table).filter_map(|row| {
        let (word, value) = (row.first()?, *row.get(1)?);
        let mut key = String::new();
        crate::normalize::word_key(word, row.get(2).copied(), &mut key);
        Some((key, value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::MatchKey;

    fn class(word: &str) -> Option<&'static str> {
        class_of(MatchKey::new(word).as_str())
    }

    #[test]
    fn words_of_one_class_in_several_languages() {
        for w in ["Islands", "adaları", "wyspy", "îles", "جزر"] {
            assert_eq!(class(w), Some("island"), "{w}");
        }
        assert_eq!(class("Stadt"), Some("city"));
        assert_ne!(class("Kingdom"), class("States"));
        assert_eq!(class("South"), None, "directions tell places apart");
        assert_eq!(class("Cayman"), None);
        // "and" in several languages and scripts.
        for w in ["and", "og", "y", "und", "и", "і", "და"] {
            assert_eq!(class(w), Some("and"), "{w}");
        }
        // The word that links a generic word to the name, whatever its class.
        for w in ["of", "de", "ng", "da"] {
            assert!(links(MatchKey::new(w).as_str()), "{w}");
        }
        assert!(!links("and"));
    }

    #[test]
    fn direction_words_in_several_languages_and_scripts() {
        let direction = |w: &str| direction_of(MatchKey::new(w).as_str());
        for w in ["South", "Kusini", "Sul", "Южная", "Південна", "Νότια", "Güney"] {
            assert_eq!(direction(w), Some("south"), "{w}");
        }
        assert_eq!(direction("Leste"), Some("east"));
        assert_eq!(direction("Oost"), Some("east"));
        assert_ne!(direction("North"), direction("South"));
        assert_eq!(direction("Korea"), None);
    }
}
