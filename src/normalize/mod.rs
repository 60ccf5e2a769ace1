//! Normalisation: from any spelling of a name to its match key.
//!
//! The pipeline, one small stage a file:
//! 1. [`tokens`]: split into words by Unicode word boundaries (UAX #29),
//!    keeping each word's byte span in the original text;
//! 2. NFKC, then transliterate each word to Latin ([`crate::translit`]);
//! 3. [`fold`]: lower-case, strip marks, drop apostrophes, soft-sign marks
//!    and hyphens, spell what is left in ASCII;
//! 4. [`key`]: fold romanization variance (y/i/j glides, w/v, kh/h, doubled
//!    letters…) with the rules in `tables/normalize/match_key.rules`.
//!
//! Working word by word is what lets the extractor report exact offsets into
//! the original text whatever NFKC or case folding do to its length.

pub(crate) mod fold;
mod key;
pub(crate) mod tokens;

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::translit;

/// The key under which a name is looked up: lower-case ASCII words with
/// romanization variance folded away.
///
/// Two spellings of one name in any script share a key when they differ only
/// by transliteration convention:
///
/// # Example
/// ```
/// use nomen::MatchKey;
///
/// let key = MatchKey::new("Volodymyr Zelenskyy");
/// assert_eq!(key.as_str(), "volodimir zelenski");
/// assert_eq!(MatchKey::new("Володимир Зеленський"), key);
/// assert_eq!(MatchKey::new("VOLODYMYR ZELENSKIY"), key);
/// assert_ne!(MatchKey::new("Volodymyr Zelinsky"), key);
/// // A key is its own key.
/// assert_eq!(MatchKey::new("习近平").as_str(), MatchKey::new(MatchKey::new("习近平").as_str()).as_str());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MatchKey {
    /// The words' keys joined by single spaces.
    key: String,
}

impl MatchKey {
    /// The match key of `text`.
    pub fn new(text: &str) -> MatchKey {
        MatchKey::with_lang(text, None)
    }

    /// The match key of `text` written in language `lang` (BCP 47), which
    /// chooses the transliteration when the letters alone do not tell (a
    /// Ukrainian name without і/ї/є/ґ).
    pub fn with_lang(text: &str, lang: Option<&str>) -> MatchKey {
        let hint = lang.or_else(|| translit::detect_lang(text));
        let mut key = String::new();
        let mut word = String::new();
        let mut prev_ideograph_end = None;
        for t in tokens::name_words(text) {
            word.clear();
            let surface = &text[t.start..t.end];
            word_key(surface, hint, &mut word);
            // Ideographs are one token each (UAX #29), but a name written
            // without spaces (习近平) is one word to the person reading it.
            let ideograph = surface.chars().all(tokens::is_ideographic);
            let glued = ideograph && prev_ideograph_end == Some(t.start);
            prev_ideograph_end = ideograph.then_some(t.end);
            // A word that folds to nothing (a lone soft sign) leaves no trace.
            if !word.is_empty() {
                if glued && !key.is_empty() {
                    // The syllables become one word, so a letter doubled
                    // across the seam folds as inside any word (xi + jin
                    // → xiin → xin): the key of a key is itself.
                    let start = key.rfind(' ').map_or(0, |i| i + 1);
                    let glued_word = format!("{}{word}", &key[start..]);
                    key.truncate(start);
                    key::collapse_doubles(&glued_word, &mut key);
                } else {
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.push_str(&word);
                }
            }
        }
        MatchKey { key }
    }

    /// The key as text: words separated by single spaces.
    pub fn as_str(&self) -> &str {
        &self.key
    }

    /// The key's words.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.key.split(' ').filter(|w| !w.is_empty())
    }

    /// The key with its words run together and doubled letters collapsed
    /// again, for names written with and without spaces (Jong-un, Jongun;
    /// 习近平, Xijinping).
    pub fn joined(&self) -> String {
        let mut out = String::with_capacity(self.key.len());
        key::collapse_doubles(&self.key.replace(' ', ""), &mut out);
        out
    }

    /// True when nothing of the text survived normalisation.
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }
}

impl fmt::Display for MatchKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)
    }
}

/// The match key of `text` as a string; shorthand for
/// `MatchKey::new(text).to_string()`.
///
/// # Example
/// ```
/// assert_eq!(nomen::normalize("Zełenski"), "zelenski");
/// assert_eq!(nomen::normalize("Selenskyj, Wolodymyr"), "selenski volodimir");
/// ```
pub fn normalize(text: &str) -> String {
    MatchKey::new(text).key
}

/// Append the key of one word.
pub(crate) fn word_key(word: &str, lang: Option<&str>, out: &mut String) {
    if is_ascii_word(word) {
        // Nothing to compose, transliterate or strip: the common case in
        // Latin text, kept off the slow path.
        let folded: String =
            word.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase() as char).collect();
        key::fold_key(&folded, out);
        return;
    }
    transliterated_key(word, lang, out);
}

/// ASCII but for its apostrophes (Kyiv’s, which folding drops): a word
/// keyed without transliteration, whatever the language.
pub(crate) fn is_ascii_word(word: &str) -> bool {
    word.is_ascii() || word.chars().all(|c| c.is_ascii() || translit::is_apostrophe(c))
}

fn transliterated_key(word: &str, lang: Option<&str>, out: &mut String) {
    let nfkc: String = word.nfkc().collect();
    let latin = translit::transliterate_lang(&nfkc, lang);
    let latin = fold::drop_unspelt_marks(&latin);
    let mut folded = String::with_capacity(latin.len());
    fold::fold_word(&latin, &mut folded);
    key::fold_key(&folded, out);
}

/// Append one word transliterated and folded, without the match-key folding
/// (for scripts whose romanization is a consonant skeleton).
pub(crate) fn word_folded(word: &str, lang: Option<&str>, out: &mut String) {
    let nfkc: String = word.nfkc().collect();
    fold::fold_word(&translit::transliterate_lang(&nfkc, lang), out);
}

/// Each stage of the pipeline applied to a whole text, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stages {
    /// After Unicode NFKC.
    pub nfkc: String,
    /// After transliteration to Latin (auto mode).
    pub latin: String,
    /// Lower-case ASCII words, marks and punctuation gone.
    pub folded: String,
    /// The match key.
    pub key: String,
}

/// Run the pipeline on `text` and keep every stage.
///
/// # Example
/// ```
/// let s = nomen::stages("Київ");
/// assert_eq!(s.latin, "Kyiv");
/// assert_eq!(s.folded, "kyiv");
/// assert_eq!(s.key, "kiv");
/// ```
pub fn stages(text: &str) -> Stages {
    let nfkc: String = text.nfkc().collect();
    let hint = translit::detect_lang(text);
    let latin = translit::transliterate_lang(&nfkc, hint);
    let folded = tokens::words(&latin)
        .map(|t| {
            let mut w = String::new();
            fold::fold_word(&latin[t.start..t.end], &mut w);
            w
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Stages { nfkc, latin, folded, key: normalize(text) }
}

/// Case-insensitive comparison form of a name (NFC, lower case): how
/// exact matches and `suppress` rows compare names.
pub(crate) fn fold_case(name: &str) -> String {
    // Most names are ASCII (NFC already, lower case one byte for one) or
    // plainly NFC: composing them char by char cost most of an index's
    // exact map at a million aliases, for the same string.
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    let lower = |chars: &mut dyn Iterator<Item = char>| chars.flat_map(char::to_lowercase).collect();
    match unicode_normalization::is_nfc_quick(name.chars()) {
        unicode_normalization::IsNormalized::Yes => lower(&mut name.chars()),
        _ => lower(&mut name.nfc()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspaced_scripts_key_as_one_word() {
        // Thai: a vowel written before its consonant (ไ, เ) is read after it,
        // which only a transliteration of the whole run can see.
        assert_eq!(MatchKey::new("ไทเป").words().count(), 1);
        assert_eq!(MatchKey::new("ཀྲུང་གོ").words().count(), 1);
    }

    #[test]
    fn ascii_words_skip_transliteration_without_changing_their_key() {
        for word in
            ["Kyiv’s", "O’Neil", "d'Odessa", "l’Ukraine", "Zelenskyy", "U.S", "3,500", "ʼs", "Mc‘Cain"]
        {
            assert!(is_ascii_word(word), "{word}");
            for lang in [None, Some("uk"), Some("ru"), Some("ar")] {
                let (mut fast, mut slow) = (String::new(), String::new());
                word_key(word, lang, &mut fast);
                transliterated_key(word, lang, &mut slow);
                assert_eq!(fast, slow, "{word} {lang:?}");
            }
        }
        assert!(!is_ascii_word("Zełenski"));
    }
}
