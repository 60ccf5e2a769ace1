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
pub(crate) fn words(text: &str) -> impl Iterator<Item = Token> + '_ {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(start, w)| Token { start, end: start + w.len() })
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

    #[test]
    fn unspaced_scripts_make_one_word_per_run() {
        assert_eq!(name_words_of("กรุงเทพ มหานคร"), ["กรุงเทพ", "มหานคร"]);
        assert_eq!(name_words_of("ཀྲུང་གོ"), ["ཀྲུང་གོ"]);
        assert_eq!(name_words_of("Kyiv Київ"), ["Kyiv", "Київ"]);
    }
}
