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
