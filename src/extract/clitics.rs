//! Possessive endings and elided articles glued to names (Kyiv’s,
//! l’Ukraine), read from `tables/names/clitics.tsv`.

use crate::translit::is_apostrophe;

#[derive(Debug, Default)]
pub(crate) struct Clitics {
    /// Forms with the apostrophe normalised to `'`, lower case, and whether
    /// the letter before must be a vowel (`Some(true)`) or a consonant.
    suffixes: Vec<(String, Option<bool>)>,
    prefixes: Vec<String>,
    /// The furthest an article's apostrophe stands from the word's start,
    /// in characters.
    apostrophe_by: usize,
}

impl Clitics {
    pub(crate) fn builtin() -> Clitics {
        let mut c = Clitics::default();
        for row in crate::util::tsv_rows(include_str!("../../tables/names/clitics.tsv")) {
            match row.as_slice() {
                [form, "suffix", rest @ ..] => {
                    let after = match rest.get(1) {
                        Some(&"vowel") => Some(true),
                        Some(&"consonant") => Some(false),
                        _ => None,
                    };
                    c.suffixes.push((form.to_string(), after));
                }
                [form, "prefix", ..] => c.prefixes.push(form.to_string()),
                _ => {}
            }
        }
        // Longest first, so dell' wins over l'.
        c.prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        c.prefixes.dedup();
        c.apostrophe_by =
            c.prefixes.iter().filter_map(|p| p.chars().position(is_apostrophe)).max().unwrap_or(0);
        c
    }

    /// May the word of `len` bytes at the start of `from_word` (the text
    /// from the word on) start with an elided article? Asked of every
    /// lower-case word of a text, so decided on its first bytes, which must
    /// hold the apostrophe when they are ASCII (a byte a character there):
    /// eight bytes read at once.
    #[inline]
    pub(crate) fn may_elide(&self, len: usize, from_word: &[u8]) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let head = len.min(self.apostrophe_by + 1);
        let marked = match from_word.first_chunk::<8>() {
            Some(&bytes) if (1..=8).contains(&head) => {
                // A byte ≥ 0x80 (a character outside ASCII, such as ’) or
                // a zero byte after XOR with '\'', among the first `head`.
                let x = u64::from_le_bytes(bytes);
                let quote = x ^ (ONES * u64::from(b'\''));
                let zero = quote.wrapping_sub(ONES) & !quote & HIGH;
                (x & HIGH | zero) & (HIGH >> (64 - 8 * head)) != 0
            }
            _ => from_word.iter().take(head).any(|&b| b == b'\'' || b >= 0x80),
        };
        marked
            && from_word
                .get(..len)
                .and_then(|word| std::str::from_utf8(word).ok())
                .is_some_and(|word| word.contains(is_apostrophe))
    }

    /// If `word` ends in a possessive, the byte length of the word without it.
    pub(crate) fn strip_suffix(&self, word: &str) -> Option<usize> {
        // A possessive ending starts with an apostrophe (a test holds the
        // table to it): most words are done here.
        if !word.contains(is_apostrophe) {
            return None;
        }
        self.suffixes.iter().find_map(|(suffix, after)| {
            let n = suffix.chars().count();
            let start = word.char_indices().rev().nth(n - 1)?.0;
            let before = word[..start].chars().next_back()?;
            let placed = after.is_none_or(|vowel| vowel == is_vowel(before));
            (placed && same(&word[start..], suffix)).then_some(start)
        })
    }

    /// If `word` starts with an elided article, the byte length to skip.
    pub(crate) fn strip_prefix(&self, word: &str) -> Option<usize> {
        // An elided article ends in an apostrophe (a test holds the table
        // to it): most words are done here.
        if !word.contains(is_apostrophe) {
            return None;
        }
        self.prefixes.iter().find_map(|prefix| {
            let n = prefix.chars().count();
            let end = word.char_indices().nth(n).map(|(i, _)| i)?;
            same(&word[..end], prefix).then_some(end)
        })
    }
}

/// A vowel of the languages whose endings follow an apostrophe (Turkish).
fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e' | 'ı' | 'i' | 'o' | 'ö' | 'u' | 'ü' | 'â' | 'î' | 'û'
    )
}

/// Equal ignoring case and which apostrophe is used.
fn same(text: &str, form: &str) -> bool {
    let norm = |c: char| if is_apostrophe(c) { '\'' } else { c.to_lowercase().next().unwrap_or(c) };
    text.chars().map(norm).eq(form.chars().map(norm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_possessives_and_elisions() {
        let c = Clitics::builtin();
        assert_eq!(c.strip_suffix("Kyiv’s"), Some(4));
        assert_eq!(c.strip_suffix("Kyiv"), None);
        assert_eq!(c.strip_suffix("’s"), None);
        // Turkish endings, with the buffer letter after a vowel only: a name
        // with its apostrophe elsewhere keeps its letters.
        assert_eq!(c.strip_suffix("Putin'in"), Some(5));
        assert_eq!(c.strip_suffix("Ankara’ya"), Some(6));
        assert_eq!(c.strip_suffix("Kiev'e"), Some(4));
        assert_eq!(c.strip_suffix("Sana'a"), None);
        assert_eq!(c.strip_suffix("Dar'ya"), None);
        assert_eq!(c.strip_prefix("l’Ukraine"), Some(4));
        assert_eq!(c.strip_prefix("dell’Ucraina"), Some(7));
        assert_eq!(c.strip_prefix("Lviv"), None);
        assert!(c.prefixes.iter().all(|p| p.ends_with('\'')), "{:?}", c.prefixes);
        assert!(c.suffixes.iter().all(|(s, _)| s.starts_with('\'')), "{:?}", c.suffixes);
        // Alone, and followed by more text (read eight bytes at a time).
        let elides = |word: &str| {
            let text = format!("{word} and the rest");
            let alone = c.may_elide(word.len(), word.as_bytes());
            assert_eq!(alone, c.may_elide(word.len(), text.as_bytes()), "{word}");
            alone
        };
        for word in ["l’Ukraine", "dell'Ucraina", "nell’Iraq", "qu'Odessa", "l'X", "d’"] {
            assert!(elides(word), "{word}");
        }
        for word in ["shouldn't", "news", "ukraine", "", "a", "ab", "ukrainian's"] {
            assert!(!elides(word), "{word}");
        }
    }
}
