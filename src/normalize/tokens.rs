//! Words of a text with their byte spans in the original, by Unicode word
//! boundaries (UAX #29).

use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

/// One word of a text: its byte span in the original string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The words of `text`: UAX #29 segments holding at least one letter or digit.
/// Ideographs come one per token (UAX #29 has no dictionary), so a Chinese name
/// is a sequence of one-syllable tokens on both the table and the text side.
///
/// UAX #29 never joins a word across ASCII white space, so the text is cut
/// there, and a piece that is all ASCII (most of a news text, even in other
/// scripts: numbers, punctuation, Latin names) is split by the rules' ASCII
/// part directly, several times faster than the general segmenter.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Token> + '_ {
    Words { text, pos: 0, piece: Piece::None }
}

struct Words<'t> {
    text: &'t str,
    /// Where the next piece starts (or, in an ASCII piece, the next token).
    pos: usize,
    piece: Piece<'t>,
}

enum Piece<'t> {
    None,
    /// An all-ASCII piece ending at this byte offset.
    Ascii(usize),
    /// A piece with other characters, segmented by UAX #29, and its offset.
    Unicode(usize, unicode_segmentation::UWordBoundIndices<'t>),
}

impl Iterator for Words<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        loop {
            match &mut self.piece {
                Piece::Unicode(base, segments) => {
                    match segments.next() {
                        Some((start, w)) if w.chars().any(char::is_alphanumeric) => {
                            return Some(Token { start: *base + start, end: *base + start + w.len() });
                        }
                        Some(_) => {}
                        None => self.piece = Piece::None,
                    }
                    continue;
                }
                &mut Piece::Ascii(end) => {
                    if let Some(t) = ascii_word(bytes, &mut self.pos, end) {
                        return Some(t);
                    }
                    self.piece = Piece::None;
                }
                Piece::None => {}
            }
            while bytes.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                return None;
            }
            let start = self.pos;
            // One pass to the piece's end, noting whether all of it is ASCII.
            let mut end = start;
            let mut ascii = true;
            while let Some(&b) = bytes.get(end) {
                if b.is_ascii_whitespace() {
                    break;
                }
                ascii &= b.is_ascii();
                end += 1;
            }
            if ascii {
                self.piece = Piece::Ascii(end);
            } else {
                // Cut at ASCII bytes, so `start..end` are char boundaries.
                self.piece = Piece::Unicode(start, self.text[start..end].split_word_bound_indices());
                self.pos = end;
            }
        }
    }
}

/// The next word in the ASCII bytes `pos..end`, by UAX #29's rules for
/// ASCII: letters, digits and `_` join; a letter, one of `: . '` and a
/// letter join (e.g., U.S); a digit, one of `, ; . '` and a digit join (3,500).
fn ascii_word(bytes: &[u8], pos: &mut usize, end: usize) -> Option<Token> {
    let core = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = &bytes[..end];
    loop {
        while *pos < end && !core(bytes[*pos]) {
            *pos += 1;
        }
        if *pos >= end {
            return None;
        }
        let start = *pos;
        *pos += 1;
        while *pos < end {
            if core(bytes[*pos]) {
                *pos += 1;
                continue;
            }
            let (before, mid) = (bytes[*pos - 1], bytes[*pos]);
            let Some(&after) = bytes.get(*pos + 1) else { break };
            let letters = before.is_ascii_alphabetic()
                && after.is_ascii_alphabetic()
                && matches!(mid, b':' | b'.' | b'\'');
            let digits = before.is_ascii_digit()
                && after.is_ascii_digit()
                && matches!(mid, b',' | b';' | b'.' | b'\'');
            if !(letters || digits) {
                break;
            }
            *pos += 2;
        }
        if bytes[start..*pos].iter().any(u8::is_ascii_alphanumeric) {
            return Some(Token { start, end: *pos });
        }
    }
}

/// Scripts written without spaces between words, where UAX #29 gives one
/// token per character.
pub(crate) fn is_ideographic(c: char) -> bool {
    matches!(c.script(), Script::Han | Script::Hiragana | Script::Katakana)
}

/// Scripts written without spaces between words whose letters UAX #29 (with
/// no dictionary) gives one token per cluster: Thai, Lao, Khmer, Myanmar,
/// the Tai scripts, and Tibetan (syllables divided by a tsheg). A name in
/// them is transliterated as one run, since their spelling rules reach
/// across clusters (Thai ไทเป, a vowel written before its consonant).
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(
        c.script(),
        Script::Thai
            | Script::Lao
            | Script::Khmer
            | Script::Myanmar
            | Script::Tibetan
            | Script::Tai_Tham
            | Script::Tai_Le
            | Script::New_Tai_Lue
            | Script::Tai_Viet
    )
}

/// The words of `text` as [`words`] gives them, except that neighbouring
/// tokens of an unspaced script ([`is_unspaced`]) with nothing between them
/// but a Tibetan syllable mark (tsheg) make one word.
pub(crate) fn name_words(text: &str) -> Vec<Token> {
    let unspaced = |t: &Token| text.get(t.start..t.end).is_some_and(|w| w.chars().any(is_unspaced));
    let mut out: Vec<Token> = Vec::new();
    for t in words(text) {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.end..t.start).unwrap_or(" ");
            if unspaced(prev) && unspaced(&t) && gap.chars().all(|c| matches!(c, '\u{0F0B}' | '\u{0F0C}')) {
                prev.end = t.end;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// How a script's words compare with other scripts' words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScriptClass {
    /// Latin, Cyrillic, Greek (and words without letters): compared across
    /// these scripts through transliteration.
    Alphabet,
    /// Han, kana: compared by the characters themselves.
    Ideographic,
    /// Any other script: compared only within itself.
    Other(Script),
}

pub(crate) fn script_class(word: &str) -> ScriptClass {
    match word.chars().find(|c| c.is_alphabetic()).map(|c| c.script()) {
        None | Some(Script::Latin | Script::Cyrillic | Script::Greek) => ScriptClass::Alphabet,
        Some(Script::Han | Script::Hiragana | Script::Katakana) => ScriptClass::Ideographic,
        Some(s) => ScriptClass::Other(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_words_of(text: &str) -> Vec<&str> {
        name_words(text).into_iter().map(|t| &text[t.start..t.end]).collect()
    }

    /// The words as the general segmenter gives them.
    fn uax29(text: &str) -> Vec<Token> {
        text.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(start, w)| Token { start, end: start + w.len() })
            .collect()
    }

    #[test]
    fn the_ascii_shortcut_cuts_words_as_uax29_does() {
        // Every string over an alphabet of the characters that decide
        // ASCII word boundaries, and some others around them.
        let alphabet: Vec<char> = "aZ09_ .,:;'\"-\n\t’éД北イ\u{a0}".chars().collect();
        let mut texts = vec![
            "U.S. and E.U. troops, 3,500.25 of them; it's 10:30 a.m. in Kyiv’s centre".to_string(),
            "l’Ukraine, d'Odessa, Mr. O'Neil\r\n__init__ a_b 1_000 x.1 1.x".to_string(),
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let len = (seed >> 60) as usize + 1;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(text);
        }
        for text in &texts {
            assert_eq!(words(text).collect::<Vec<_>>(), uax29(text), "{text:?}");
        }
    }

    #[test]
    fn unspaced_scripts_make_one_word_per_run() {
        assert_eq!(name_words_of("กรุงเทพ มหานคร"), ["กรุงเทพ", "มหานคร"]);
        assert_eq!(name_words_of("ཀྲུང་གོ"), ["ཀྲུང་གོ"]);
        assert_eq!(name_words_of("Kyiv Київ"), ["Kyiv", "Київ"]);
    }
}
