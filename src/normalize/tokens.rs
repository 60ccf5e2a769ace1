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
/// there into pieces. A run of pieces that are all ASCII but for ’ (most of a
/// news text, even in other scripts: numbers, punctuation, Latin names,
/// Kyiv’s) is split by the rules' ASCII part directly, many times faster
/// than the general segmenter, which gets only the pieces holding other
/// characters.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Token> + '_ {
    Words { text, pos: 0, ascii_end: unicode_piece(text.as_bytes(), 0), unicode: None }
}

/// The words of `text` ([`words`]) appended to `out`: a long text's ASCII
/// runs are cut 64 bytes at a time ([`ascii_words_into`]).
pub(crate) fn words_into(text: &str, out: &mut Vec<Token>) {
    let mut words = Words { text, pos: 0, ascii_end: unicode_piece(text.as_bytes(), 0), unicode: None };
    loop {
        if words.unicode.is_none() {
            ascii_words_into(text.as_bytes(), words.pos, words.ascii_end, out);
            words.pos = words.pos.max(words.ascii_end);
        }
        match words.next() {
            Some(t) => out.push(t),
            None => return,
        }
    }
}

struct Words<'t> {
    text: &'t str,
    /// Where the next token is looked for.
    pos: usize,
    /// The bytes from `pos` to here are ASCII; here a piece with other
    /// characters starts (or the text ends).
    ascii_end: usize,
    /// A piece with other characters being segmented by UAX #29, and its
    /// offset.
    unicode: Option<(usize, unicode_segmentation::UWordBoundIndices<'t>)>,
}

impl Iterator for Words<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some((base, segments)) = &mut self.unicode {
                match segments.next() {
                    Some((start, w)) if w.chars().any(char::is_alphanumeric) => {
                        return Some(Token { start: *base + start, end: *base + start + w.len() });
                    }
                    Some(_) => continue,
                    None => {
                        self.unicode = None;
                        self.ascii_end = unicode_piece(bytes, self.pos);
                    }
                }
            }
            if let Some(t) = ascii_word(bytes, &mut self.pos, self.ascii_end) {
                return Some(t);
            }
            if self.pos >= bytes.len() {
                return None;
            }
            // A piece with other characters: up to the next ASCII white
            // space, so it starts and ends at char boundaries.
            let start = self.pos;
            let end =
                bytes[start..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |n| start + n);
            self.unicode = Some((start, self.text[start..end].split_word_bound_indices()));
            self.pos = end;
        }
    }
}

/// Where the first piece at or after `from` (a piece boundary) that holds a
/// character other than ASCII and ’ starts, or the end of the text.
fn unicode_piece(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    let high = loop {
        let Some(n) = bytes.get(at..).and_then(crate::util::first_non_ascii) else { return bytes.len() };
        if bytes[at + n..].starts_with(RIGHT_QUOTE) {
            at += n + RIGHT_QUOTE.len();
        } else {
            break at + n;
        }
    };
    bytes[from..high].iter().rposition(u8::is_ascii_whitespace).map_or(from, |n| from + n + 1)
}

/// ’, the apostrophe of most news text, which joins letters as `'` does.
const RIGHT_QUOTE: &[u8] = "’".as_bytes();

/// What decides ASCII word boundaries about a byte.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
/// Letters, digits and `_` join.
const CORE: u8 = 4;
/// Joins two letters: `: . '` (U.S, it's).
const MID_LETTER: u8 = 8;
/// Joins two digits: `, ; . '` (3,500).
const MID_DIGIT: u8 = 16;
/// The first byte of ’ (the only character outside ASCII the ASCII rules
/// see), which joins as `'` does.
const QUOTE: u8 = 32;

static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphabetic() {
            LETTER | CORE
        } else if c.is_ascii_digit() {
            DIGIT | CORE
        } else {
            match c {
                b'_' => CORE,
                b':' => MID_LETTER,
                b'.' | b'\'' => MID_LETTER | MID_DIGIT,
                b',' | b';' => MID_DIGIT,
                _ => 0,
            }
        };
        b += 1;
    }
    class[RIGHT_QUOTE[0] as usize] = QUOTE;
    class
};

/// The next word in the ASCII bytes (and ’) `pos..end`, by UAX #29's rules
/// for them: letters, digits and `_` join; a letter, one of `: . ' ’` and a
/// letter join (e.g., U.S); a digit, one of `, ; . ' ’` and a digit join (3,500).
#[inline(always)]
fn ascii_word(bytes: &[u8], pos: &mut usize, end: usize) -> Option<Token> {
    let bytes = &bytes[..end];
    let class = |i: usize| CLASS[bytes[i] as usize];
    let mut i = *pos;
    loop {
        while i < end && class(i) & CORE == 0 {
            i += 1;
        }
        if i >= end {
            *pos = end;
            return None;
        }
        let start = i;
        // A run of `_` alone is no word.
        let mut alnum = 0;
        loop {
            while i < end && class(i) & CORE != 0 {
                alnum |= class(i);
                i += 1;
            }
            if let Some(width) = join_width(bytes, i) {
                i += width + 1;
                continue;
            }
            break;
        }
        if alnum & (LETTER | DIGIT) != 0 {
            *pos = i;
            return Some(Token { start, end: i });
        }
    }
}

/// The width of the mark at `i`, right after a letter, digit or `_`, if it
/// joins that to a character of the same kind after it (U.S, it's, 3,500,
/// Kyiv’s); `bytes` ends where the ASCII run does.
fn join_width(bytes: &[u8], i: usize) -> Option<usize> {
    let class = |i: usize| bytes.get(i).map_or(0, |&b| CLASS[b as usize]);
    if i == 0 || i + 1 >= bytes.len() {
        return None;
    }
    let (before, mid) = (class(i - 1), class(i));
    let (mid, width) = if mid == QUOTE { (MID_LETTER | MID_DIGIT, 3) } else { (mid, 1) };
    let after = class(i + width);
    let joined = |kind: u8, mid_kind: u8| before & after & kind != 0 && mid & mid_kind != 0;
    (joined(LETTER, MID_LETTER) || joined(DIGIT, MID_DIGIT)).then_some(width)
}

/// The words of the ASCII bytes (and ’) `from..end` of `bytes`, appended to
/// `out`, by [`ascii_word`]'s rules applied to 64 bytes at once: a mask with
/// a bit per byte (made with vector instructions) gives the letters, digits
/// and `_`, and the words are its runs of ones. A loop over the bytes would
/// branch at every word's end, a branch the processor cannot foresee and
/// that cost more than the rest of the work. Only the few bytes that may
/// join two words (`. ' : , ; ’` right after a letter or digit) are looked
/// at one by one.
fn ascii_words_into(bytes: &[u8], from: usize, end: usize, out: &mut Vec<Token>) {
    if from >= end {
        return;
    }
    let bytes = &bytes[..end];
    let class = |i: usize| bytes.get(i).map_or(0, |&b| CLASS[b as usize]);
    // Whether the byte before the block is in a word (bit 0), and the bytes
    // of a ’ that joins two words and that spill into the block.
    let (mut carry, mut spill) = (0u64, 0u64);
    // Where the word that runs into the block starts.
    let mut open = 0;
    let mut emit = |start: usize, end: usize| {
        // A run of `_` alone is no word. (The first byte decides nearly
        // every word; the loop over the rest costs more to set up.)
        if class(start) & (LETTER | DIGIT) != 0 || (start..end).any(|i| class(i) & (LETTER | DIGIT) != 0) {
            out.push(Token { start, end });
        }
    };
    // And whether its last byte is a letter, digit or `_` (a join may follow).
    let mut core_before = false;
    for block in (from..end).step_by(64) {
        let mut chunk = [0u8; 64];
        let n = (end - block).min(64);
        chunk[..n].copy_from_slice(&bytes[block..block + n]);
        let core =
            mask(&chunk, |c| (c | 0x20).wrapping_sub(b'a') < 26 || c.wrapping_sub(b'0') < 10 || c == b'_');
        let mids = mask(&chunk, |c| matches!(c, b'.' | b'\'' | b':' | b',' | b';') || c == RIGHT_QUOTE[0]);
        // A mid right after a letter or digit joins it to the next one if
        // that is of the same kind.
        let mut joins = u128::from(spill);
        let mut candidates = mids & ((core << 1) | u64::from(core_before));
        while candidates != 0 {
            let k = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if let Some(width) = join_width(bytes, block + k) {
                joins |= ((1u128 << width) - 1) << k;
            }
        }
        spill = (joins >> 64) as u64;
        let word = core | joins as u64;
        let starts = word & !((word << 1) | carry);
        let ends = !word & ((word << 1) | carry);
        // Runs alternate: an end first if a word runs into the block.
        let (mut starts, mut ends) = (starts, ends);
        if carry != 0 && ends != 0 {
            emit(open, block + ends.trailing_zeros() as usize);
            ends &= ends - 1;
        }
        while starts != 0 {
            let start = block + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if ends == 0 {
                open = start;
                break;
            }
            emit(start, block + ends.trailing_zeros() as usize);
            ends &= ends - 1;
        }
        carry = word >> 63;
        core_before = core >> 63 != 0;
    }
    if carry != 0 {
        emit(open, end);
    }
}

/// A bit per byte of `chunk`: whether `f` holds for it. (Written so that
/// the compiler makes it with vector compares and no branch.)
#[inline(always)]
fn mask(chunk: &[u8; 64], f: impl Fn(u8) -> bool) -> u64 {
    let mut high = [0u8; 64];
    for (h, &c) in high.iter_mut().zip(chunk) {
        *h = if f(c) { 0x80 } else { 0 };
    }
    // Eight bytes' high bits gathered into eight bits by one multiplication.
    high.chunks_exact(8).enumerate().fold(0, |bits, (k, eight)| {
        let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        bits | ((eight.wrapping_mul(0x0002_0408_1020_4081) >> 56) << (8 * k))
    })
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
        // Without the last five: long ASCII runs.
        let ascii = &alphabet[..alphabet.len() - 5];
        let mut texts = vec![
            "U.S. and E.U. troops, 3,500.25 of them; it's 10:30 a.m. in Kyiv’s centre".to_string(),
            "l’Ukraine, d'Odessa, Mr. O'Neil\r\n__init__ a_b 1_000 x.1 1.x".to_string(),
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            // Up to 64 characters, or up to 256 now and then: the
            // non-ASCII search goes 8 bytes at a time, and the ASCII words
            // are cut 64 at a time.
            let len = if seed % 8 == 0 { (seed >> 56) as usize + 1 } else { (seed >> 58) as usize + 1 };
            let alphabet = if len > 64 && seed % 3 != 0 { ascii } else { &alphabet[..] };
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(text);
        }
        let news = texts[..2].concat().repeat(4);
        texts.push(news);
        for text in &texts {
            assert_eq!(words(text).collect::<Vec<_>>(), uax29(text), "{text:?}");
            let mut appended = Vec::new();
            words_into(text, &mut appended);
            assert_eq!(appended, uax29(text), "{text:?}");
        }
    }

    #[test]
    fn unspaced_scripts_make_one_word_per_run() {
        assert_eq!(name_words_of("กรุงเทพ มหานคร"), ["กรุงเทพ", "มหานคร"]);
        assert_eq!(name_words_of("ཀྲུང་གོ"), ["ཀྲུང་གོ"]);
        assert_eq!(name_words_of("Kyiv Київ"), ["Kyiv", "Київ"]);
    }
}
