//! Kanji in Japanese text to Latin: the names a dictionary can read. A
//! kanji's reading in Japanese depends on the word, and a name's on the
//! name (東京 Tōkyō, 安倍 Abe), so this engine reads the generated
//! `tables/translit/ja_readings.tsv` (place names, surnames, given names
//! and the suffixes of administrative units, with their readings in
//! katakana, from IPAdic) by longest match, and writes each reading with
//! the `ja_hepburn` scheme. Kanji that no entry covers are read as Chinese
//! by the `zh_pinyin` engine: a reading of words that are not names would
//! need a morphological dictionary, which nomen does not carry. What auto
//! mode does with it is described in `tables/translit/ja_kanji.rules`.

use unicode_script::Script;

use super::chars::{self, CharMap};
use super::{Engine, Scheme};
use crate::error::Error;
use crate::util::FastMap;

const READINGS: &str = include_str!("../../tables/translit/ja_readings.tsv");
const FILE: &str = "tables/translit/ja_readings.tsv";

#[derive(Debug)]
pub(crate) struct Kanji {
    /// Kanji word → (its reading in katakana, whether it is a suffix).
    words: FastMap<&'static str, (&'static str, bool)>,
    /// Characters that start a word → the longest such word, in characters.
    word_start: CharMap,
}

fn is_han(c: char) -> bool {
    !c.is_ascii() && chars::info(c).script == Script::Han
}

impl Kanji {
    pub(crate) fn parse() -> Result<Kanji, Error> {
        let mut kanji = Kanji { words: FastMap::default(), word_start: CharMap::default() };
        for (n, line) in READINGS.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (word, reading, suffix) = match line.split('\t').collect::<Vec<_>>().as_slice() {
                [word, reading] => (*word, *reading, false),
                [word, reading, "suffix"] => (*word, *reading, true),
                _ => return Err(Error::table(FILE, n + 1, "expected kanji<TAB>reading[<TAB>suffix]")),
            };
            let Some(first) = word.chars().next() else { continue };
            let len = word.chars().count() as u32;
            kanji.word_start.insert(first, kanji.word_start.get(first).max(len));
            kanji.words.insert(word, (reading, suffix));
        }
        Ok(kanji)
    }

    /// Append the Latin of `text`: runs of kanji are read, everything else
    /// is copied.
    pub(crate) fn apply(&self, text: &str, out: &mut String) {
        let mut rest = text;
        while let Some(start) = rest.find(is_han) {
            let (before, from) = rest.split_at(start);
            out.push_str(before);
            let end = from.find(|c: char| !is_han(c)).unwrap_or(from.len());
            let (run, after) = from.split_at(end);
            if out.chars().next_back().is_some_and(char::is_alphanumeric) {
                out.push(' ');
            }
            self.push_run(run, out);
            if after.chars().next().is_some_and(char::is_alphanumeric) {
                out.push(' ');
            }
            rest = after;
        }
        out.push_str(rest);
    }

    /// The longest word at the start of `text`: (its length in bytes, its
    /// reading, whether it is a suffix).
    fn word_at(&self, text: &str) -> Option<(usize, &'static str, bool)> {
        let longest = self.word_start.get(text.chars().next()?) as usize;
        let ends: Vec<usize> = text.char_indices().take(longest).map(|(i, c)| i + c.len_utf8()).collect();
        ends.iter().rev().find_map(|&end| {
            let (reading, suffix) = self.words.get(text.get(..end)?)?;
            Some((end, *reading, *suffix))
        })
    }

    fn push_run(&self, run: &str, out: &mut String) {
        let hepburn = Scheme::get("ja_hepburn").ok();
        let chinese = Scheme::get("zh_pinyin").ok().and_then(Scheme::engine);
        let mut rest = run;
        // Kanji no entry covers, waiting to be read as Chinese.
        let mut unread = 0;
        let mut after_name = false;
        while !rest.is_empty() {
            let (tail, word) = match rest.get(unread..) {
                Some(tail) => (tail, self.word_at(tail)),
                None => break,
            };
            let Some((len, reading, suffix)) = word else {
                unread += tail.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            if unread > 0 {
                push_unread(rest.get(..unread).unwrap_or_default(), chinese, out);
                after_name = false;
            }
            let latin = hepburn.map_or_else(|| reading.to_string(), |s| s.transliterate(reading));
            if suffix && after_name {
                // 東京都 Tōkyō-to, 横浜市 Yokohama-shi.
                out.push('-');
                out.push_str(&latin.to_lowercase());
            } else {
                if out.chars().next_back().is_some_and(char::is_alphanumeric) {
                    out.push(' ');
                }
                out.push_str(&latin);
            }
            after_name = !suffix;
            rest = tail.get(len..).unwrap_or_default();
            unread = 0;
        }
        if unread > 0 {
            push_unread(rest, chinese, out);
        }
    }
}

/// Kanji without a Japanese entry, read as Chinese (or by the fallback).
fn push_unread(text: &str, chinese: Option<&Engine>, out: &mut String) {
    match chinese {
        Some(engine) => engine.apply(text, out),
        None => out.push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        let mut out = String::new();
        Kanji::parse().unwrap().apply(text, &mut out);
        out
    }

    #[test]
    fn place_names_and_suffixes() {
        assert_eq!(read("東京"), "Tōkyō");
        assert_eq!(read("東京都"), "Tōkyō-to");
        assert_eq!(read("大阪府"), "Ōsaka-fu");
        assert_eq!(read("広島県"), "Hiroshima-ken");
        assert_eq!(read("新宿区"), "Shinjuku-ku");
        assert_eq!(read("北海道"), "Hokkaidō");
    }

    #[test]
    fn person_names() {
        assert_eq!(read("岸田文雄"), "Kishida Fumio");
        assert_eq!(read("安倍"), "Abe");
    }

    #[test]
    fn kanji_without_an_entry_are_read_as_chinese() {
        // 首相 (prime minister) is a word, not a name: nomen has no reading
        // for it, and the Chinese one stands in.
        assert_eq!(read("岸田首相"), "Kishida Shouxiang");
        assert_eq!(read("abc"), "abc");
    }
}
