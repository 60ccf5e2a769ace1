//! Per-character facts the engine asks about on every letter: the lower-case
//! form, whether it is part of a word, its case, its script, and whether it
//! can be changed by NFC. Asking the Unicode tables each time (a binary
//! search per property) costs more than the whole rule match, so the answers
//! for the Basic Multilingual Plane are cached in lazily built pages of 256
//! characters; other planes are answered directly.

use std::sync::OnceLock;

use unicode_script::{Script, UnicodeScript};

/// Part of a word: a letter, or a mark that belongs to one.
pub(crate) const WORD: u8 = 1;
/// An upper-case (or title-case) letter.
pub(crate) const UPPER: u8 = 2;
/// A lower-case letter.
pub(crate) const LOWER: u8 = 4;
/// NFC may change text holding this character (its quick-check value is not
/// Yes, or it is a combining mark that may need reordering).
pub(crate) const NFC_UNSAFE: u8 = 8;

#[derive(Clone, Copy)]
pub(crate) struct Info {
    /// The lower-case form when it is a single character, else the character.
    pub(crate) lower: char,
    pub(crate) flags: u8,
    pub(crate) script: Script,
}

impl Info {
    #[inline]
    pub(crate) fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

fn compute(c: char) -> Info {
    let lower = {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => x,
            // Multi-letter lower-case forms (İ → i̇) are matched as themselves.
            _ => c,
        }
    };
    let script = c.script();
    let mut flags = 0;
    // Letters, and the marks that belong to them: combining marks of any
    // script (a Devanagari virama or nukta is part of its word) and the
    // Inherited ones (joiners).
    if c.is_alphabetic() || script == Script::Inherited || unicode_normalization::char::is_combining_mark(c) {
        flags |= WORD;
    }
    if c.is_uppercase() || (c.is_alphabetic() && lower != c && !c.is_lowercase()) {
        flags |= UPPER;
    }
    if c.is_lowercase() {
        flags |= LOWER;
    }
    if !c.is_ascii() {
        let qc = unicode_normalization::is_nfc_quick(std::iter::once(c));
        if qc != unicode_normalization::IsNormalized::Yes
            || unicode_normalization::char::canonical_combining_class(c) != 0
        {
            flags |= NFC_UNSAFE;
        }
    }
    Info { lower, flags, script }
}

type Page = [Info; 256];

fn page(index: usize) -> &'static Page {
    static PAGES: [OnceLock<Box<Page>>; 256] = [const { OnceLock::new() }; 256];
    // `index` comes from a BMP code point shifted right by 8, so it is < 256.
    PAGES[index & 0xFF].get_or_init(|| {
        let base = (index as u32) << 8;
        Box::new(std::array::from_fn(|i| match char::from_u32(base + i as u32) {
            Some(c) => compute(c),
            // Surrogate code points never occur in a str.
            None => Info { lower: '\u{FFFD}', flags: 0, script: Script::Unknown },
        }))
    })
}

/// The facts about `c`.
#[inline]
pub(crate) fn info(c: char) -> Info {
    let cp = c as u32;
    if cp < 0x10000 { page((cp >> 8) as usize)[(cp & 0xFF) as usize] } else { compute(c) }
}

/// Is `c` part of a word (a letter or a mark)?
#[inline]
pub(crate) fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    info(c).is(WORD)
}

/// The lower-case form of `c` (itself when that is several letters).
#[inline]
pub(crate) fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    info(c).lower
}

/// A map from characters to numbers (0: none): two levels over the Basic
/// Multilingual Plane, where a page of 256 code points is allocated only
/// when it holds an entry, and a hash map for the other planes. The engines
/// look up every letter of a text here; an array index is what keeps that
/// cheap.
#[derive(Debug, Default)]
pub(crate) struct CharMap {
    pages: Vec<Option<Box<[u32; 256]>>>,
    astral: std::collections::HashMap<char, u32>,
}

impl CharMap {
    pub(crate) fn insert(&mut self, c: char, value: u32) {
        let cp = c as u32;
        if cp >= 0x10000 {
            self.astral.insert(c, value);
            return;
        }
        if self.pages.is_empty() {
            self.pages.resize_with(256, || None);
        }
        if let Some(slot) = self.pages.get_mut((cp >> 8) as usize) {
            let page = slot.get_or_insert_with(|| Box::new([0; 256]));
            page[(cp & 0xFF) as usize] = value;
        }
    }

    #[inline]
    pub(crate) fn get(&self, c: char) -> u32 {
        let cp = c as u32;
        if cp < 0x10000 {
            match self.pages.get((cp >> 8) as usize) {
                Some(Some(page)) => page[(cp & 0xFF) as usize],
                _ => 0,
            }
        } else if self.astral.is_empty() {
            0
        } else {
            self.astral.get(&c).copied().unwrap_or(0)
        }
    }
}

/// Can NFC never change text because of `c`? The CJK ideographs and the
/// Hangul syllables (most letters above U+0800 in text) are answered without
/// a table: they are composed, have no canonical decomposition that NFC
/// would recompose differently, and combine with nothing before them.
#[inline]
pub(crate) fn nfc_safe(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}') || c.is_ascii() || !info(c).is(NFC_UNSAFE)
}

/// Might NFC change `text`? False means it certainly will not.
pub(crate) fn may_need_nfc(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && info(c).is(NFC_UNSAFE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_agree_with_the_unicode_tables() {
        for c in ['a', 'Ж', 'ж', 'Ω', '中', 'ᄀ', '\u{0301}', '\u{094D}', '’', ' ', '1', '\u{1F600}', 'ǅ']
        {
            let i = info(c);
            assert_eq!(i.script, c.script(), "{c}");
            let mark = unicode_normalization::char::is_combining_mark(c);
            assert_eq!(i.is(WORD), c.is_alphabetic() || c.script() == Script::Inherited || mark, "{c}");
        }
        assert_eq!(lower('Ж'), 'ж');
        assert_eq!(lower('İ'), 'İ');
        assert!(info('Ж').is(UPPER) && !info('ж').is(UPPER) && info('ж').is(LOWER));
        assert!(info('ǅ').is(UPPER), "title case counts as a capital");
        assert!(is_word('\u{094D}'), "a virama is part of its word");
        for c in ['中', '\u{4E00}', '\u{9FFF}', '가', '힣', 'a', 'ж'] {
            assert!(nfc_safe(c) && !info(c).is(NFC_UNSAFE), "{c}");
        }
        assert!(!nfc_safe('\u{0301}') && !nfc_safe('\u{F900}'));
        assert!(!info('中').is(UPPER) && !info('中').is(LOWER));
        assert!(may_need_nfc("е\u{0308}") && !may_need_nfc("ёж abc") && may_need_nfc("\u{1100}\u{1161}"));
    }
}
