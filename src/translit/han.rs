//! Chinese characters to Hanyu Pinyin. Unlike an alphabet, a character's
//! reading depends on the word it stands in (重 zhong, but 重庆 Chongqing),
//! and Chinese has no spaces to show words; names are written surname first
//! (习近平 Xi Jinping). None of that is a rule over neighbouring letters, so
//! this engine reads a dictionary instead: the generated
//! `tables/translit/han_readings.tsv` (character readings and the words that
//! settle them) and the surnames of `tables/translit/zh_pinyin.rules`. What
//! it does with them is described in that file's header.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_script::Script;

use super::chars::{self, CharMap};
use crate::error::Error;
use crate::util::FastMap;

const READINGS: &str = include_str!("../../tables/translit/han_readings.tsv");

/// The longest word in the reading table, in characters.
const MAX_WORD: usize = 4;

#[derive(Debug)]
pub(crate) struct Han {
    /// Readings, each a syllable or several separated by spaces.
    readings: Vec<&'static str>,
    /// Character → index + 1 of its most common reading.
    chars: CharMap,
    /// Characters that start a listed word → the length of the longest such
    /// word, in characters.
    word_start: CharMap,
    /// Word → index + 1 of its reading, or 0 when it is read as its
    /// characters and listed only to say it is a word.
    words: FastMap<&'static str, u32>,
    /// One- and two-character surnames → their reading as a surname.
    surnames: HashMap<String, String>,
    /// The characters Chinese writes foreign names with (`@class
    /// foreign`), and those of them that Chinese given names almost never
    /// use (`@class foreign_marker`): a run of three or more of the first
    /// with one of the second is a transcribed name, one word (莫斯科
    /// Mosike, 马克思 Makesi), even where it starts with a surname.
    foreign: CharMap,
}

/// `foreign` values: a character of the transcription alphabet, and one
/// that marks a transcription.
const FOREIGN: u32 = 1;
const MARKER: u32 = 2;

/// The shortest transcribed name told apart from a Chinese name: two
/// characters (普京, 马克) could be either.
const MIN_FOREIGN: usize = 3;

fn is_han(c: char) -> bool {
    !c.is_ascii() && chars::info(c).script == Script::Han
}

impl Han {
    /// Read the scheme file (`file`, `text`: surnames and overrides) and the
    /// generated reading table.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Han, Error> {
        let mut han = Han {
            readings: Vec::new(),
            chars: CharMap::default(),
            word_start: CharMap::default(),
            words: FastMap::default(),
            surnames: HashMap::new(),
            foreign: CharMap::default(),
        };
        for (n, line) in READINGS.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((source, reading)) = line.split_once('\t') else {
                return Err(Error::table(
                    "tables/translit/han_readings.tsv",
                    n + 1,
                    "expected source<TAB>reading",
                ));
            };
            han.add(source, reading);
        }
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if let Some(class) = line.strip_prefix("@class\t") {
                let (kind, letters) = match class.split_once('\t') {
                    Some(("foreign", letters)) => (FOREIGN, letters),
                    Some(("foreign_marker", letters)) => (FOREIGN | MARKER, letters),
                    _ => {
                        return Err(Error::table(
                            file,
                            n + 1,
                            "expected `@class<TAB>foreign<TAB>characters` or `@class<TAB>foreign_marker<TAB>characters`",
                        ));
                    }
                };
                for c in letters.chars().filter(|c| !c.is_whitespace()) {
                    han.foreign.insert(c, han.foreign.get(c) | kind);
                }
                continue;
            }
            if line.starts_with('#') || line.starts_with('@') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').filter(|f| !f.is_empty()).collect();
            match fields.as_slice() {
                [source, reading, "surname"] if (1..=2).contains(&source.chars().count()) => {
                    han.surnames.insert(source.to_string(), reading.to_string());
                }
                // Leaked once per process: a scheme is compiled once and
                // lives as long as the program.
                [source, reading] => han.add(
                    Box::leak(source.to_string().into_boxed_str()),
                    Box::leak(reading.to_string().into_boxed_str()),
                ),
                _ => {
                    return Err(Error::table(
                        file,
                        n + 1,
                        "expected `characters<TAB>reading`, or `surname<TAB>reading<TAB>surname` for a surname of one or two characters",
                    ));
                }
            }
        }
        Ok(han)
    }

    fn add(&mut self, source: &'static str, reading: &'static str) {
        let index = if reading == "=" {
            0
        } else {
            self.readings.push(reading);
            self.readings.len() as u32
        };
        let mut letters = source.chars();
        match (letters.next(), letters.next()) {
            (Some(c), None) => self.chars.insert(c, index),
            (Some(c), Some(_)) => {
                let len = source.chars().count() as u32;
                self.word_start.insert(c, self.word_start.get(c).max(len));
                self.words.insert(source, index);
            }
            (None, _) => {}
        }
    }

    /// Append the pinyin of `text`: Han characters are read, everything else
    /// is copied.
    pub(crate) fn apply(&self, text: &str, out: &mut String) {
        let mut rest = text;
        while let Some(start) = rest.find(is_han) {
            let (before, from) = rest.split_at(start);
            out.push_str(before);
            let end = from.find(|c: char| !is_han(c)).unwrap_or(from.len());
            let (run, after) = from.split_at(end);
            // Keep the words apart from letters and digits around them.
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

    fn push_run(&self, run: &str, out: &mut String) {
        let count = run.chars().count();
        if count > MAX_WORD {
            // Transcribed names inside a longer run are words of their own:
            // 总统马克龙 Zongtong Makelong.
            let mut rest = run;
            let mut first = true;
            while !rest.is_empty() {
                let (before, name, after) = self.split_foreign(rest);
                for part in [before, name] {
                    if part.is_empty() {
                        continue;
                    }
                    if !std::mem::take(&mut first) {
                        out.push(' ');
                    }
                    if part == name {
                        let mut word = Word::new();
                        self.read(part, |syllable, _| word.syllable(out, syllable));
                    } else {
                        self.push_words(part, out);
                    }
                }
                rest = after;
            }
            return;
        }
        if let Some((surname, given)) = self.name(run, count) {
            Word::new().syllable(out, surname);
            out.push(' ');
            let mut word = Word::new();
            self.read(given, |syllable, _| word.syllable(out, syllable));
            return;
        }
        let mut word = Word::new();
        self.read(run, |syllable, _| word.syllable(out, syllable));
    }

    /// Write `run` as its dictionary words and single syllables.
    fn push_words(&self, run: &str, out: &mut String) {
        let mut word = Word::new();
        self.read(run, |syllable, new_word| {
            if new_word && !word.first {
                out.push(' ');
                word = Word::new();
            }
            word.syllable(out, syllable);
        });
    }

    /// Is `text` a transcribed foreign name: at least [`MIN_FOREIGN`]
    /// characters of the transcription alphabet, one of them a marker?
    fn is_foreign(&self, text: &str) -> bool {
        let mut count = 0;
        let mut marked = false;
        for c in text.chars() {
            let kind = self.foreign.get(c);
            if kind & FOREIGN == 0 {
                return false;
            }
            marked |= kind & MARKER != 0;
            count += 1;
        }
        marked && count >= MIN_FOREIGN
    }

    /// Split `text` around its first transcribed name: (before, name,
    /// after); `name` is empty when there is none.
    fn split_foreign<'a>(&self, text: &'a str) -> (&'a str, &'a str, &'a str) {
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
            let in_alphabet = c != '\0' && self.foreign.get(c) & FOREIGN != 0;
            match (start, in_alphabet) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    if let (Some(before), Some(name), Some(after)) =
                        (text.get(..s), text.get(s..i), text.get(i..))
                    {
                        if self.is_foreign(name) {
                            return (before, name, after);
                        }
                    }
                    start = None;
                }
                _ => {}
            }
        }
        (text, "", "")
    }

    /// A personal name: (the surname's reading, the given name). A
    /// transcribed foreign name is none (莫斯科 is not 莫 + 斯科).
    fn name<'a>(&self, run: &'a str, count: usize) -> Option<(&str, &'a str)> {
        if self.is_foreign(run) {
            return None;
        }
        let split = |n: usize| run.char_indices().nth(n).map(|(i, _)| i);
        if matches!(count, 3 | 4) {
            let at = split(2)?;
            if let Some(reading) = self.surnames.get(run.get(..at)?) {
                return Some((reading, run.get(at..)?));
            }
        }
        if matches!(count, 2 | 3) {
            let at = split(1)?;
            let reading = self.surnames.get(run.get(..at)?)?;
            if count == 2 && self.words.contains_key(run) {
                return None;
            }
            return Some((reading, run.get(at..)?));
        }
        None
    }

    /// Call `f` with each syllable of `run`, read by longest word match, and
    /// whether it starts a word.
    fn read(&self, run: &str, mut f: impl FnMut(&str, bool)) {
        let mut rest = run;
        while let Some(first) = rest.chars().next() {
            let len = self.read_word(rest, first, &mut f);
            rest = rest.get(len..).unwrap_or_default();
        }
    }

    /// Read the longest listed word at the start of `text` (else its first
    /// character `first`) into `f`; returns its length in bytes.
    fn read_word(&self, text: &str, first: char, f: &mut impl FnMut(&str, bool)) -> usize {
        let longest = self.word_start.get(first) as usize;
        if longest > 1 {
            let mut ends = [0usize; MAX_WORD];
            let mut n = 0;
            for (i, c) in text.char_indices().skip(1).take(longest.min(MAX_WORD) - 1) {
                if !is_han(c) {
                    break;
                }
                ends[n] = i + c.len_utf8();
                n += 1;
            }
            for &end in ends[..n].iter().rev() {
                let Some(word) = text.get(..end) else { continue };
                match self.words.get(word) {
                    Some(0) => {
                        for (i, c) in word.chars().enumerate() {
                            f(&self.char_reading(c), i == 0);
                        }
                        return end;
                    }
                    Some(&index) => {
                        let reading = self.readings.get(index as usize - 1).copied().unwrap_or_default();
                        for (i, syllable) in reading.split(' ').enumerate() {
                            f(syllable, i == 0);
                        }
                        return end;
                    }
                    None => {}
                }
            }
        }
        f(&self.char_reading(first), true);
        first.len_utf8()
    }

    fn char_reading(&self, c: char) -> Cow<'static, str> {
        match (self.chars.get(c) as usize).checked_sub(1).and_then(|i| self.readings.get(i)) {
            Some(r) => Cow::Borrowed(r),
            None => {
                let mut reading = String::new();
                super::push_spelt(&mut reading, c, &any_ascii::any_ascii_char(c).to_lowercase());
                Cow::Owned(reading)
            }
        }
    }
}

/// A word being written: capitalised, its syllables together, with an
/// apostrophe before a syllable that starts with a, o or e (Xi'an,
/// Tian'anmen).
struct Word {
    first: bool,
    /// The last thing written was a code point (below): the next syllable
    /// starts a new word.
    after_code: bool,
}

impl Word {
    fn new() -> Word {
        Word { first: true, after_code: false }
    }

    fn syllable(&mut self, out: &mut String, syllable: &str) {
        if syllable.starts_with("U+") {
            // A character without a reading, written as its code point: a
            // word of its own, or it would read as part of its neighbours.
            if !self.first {
                out.push(' ');
            }
            out.push_str(syllable);
            self.first = true;
            self.after_code = true;
            return;
        }
        if std::mem::take(&mut self.after_code) {
            out.push(' ');
        }
        if self.first {
            self.first = false;
            let mut letters = syllable.chars();
            if let Some(f) = letters.next() {
                out.extend(f.to_uppercase());
                out.push_str(letters.as_str());
            }
            return;
        }
        if syllable.starts_with(['a', 'o', 'e']) {
            out.push('\'');
        }
        out.push_str(syllable);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinyin(text: &str) -> String {
        let scheme = include_str!("../../tables/translit/zh_pinyin.rules");
        let han = Han::parse("zh_pinyin.rules", scheme).unwrap();
        let mut out = String::new();
        han.apply(text, &mut out);
        out
    }

    #[test]
    fn words_settle_readings() {
        assert_eq!(pinyin("重庆"), "Chongqing");
        assert_eq!(pinyin("成都"), "Chengdu");
        assert_eq!(pinyin("西安"), "Xi'an");
        assert_eq!(pinyin("北京"), "Beijing");
    }

    #[test]
    fn names_are_surname_then_given_name() {
        assert_eq!(pinyin("习近平"), "Xi Jinping");
        assert_eq!(pinyin("曾国藩"), "Zeng Guofan");
        assert_eq!(pinyin("单雄信"), "Shan Xiongxin");
        assert_eq!(pinyin("欧阳修"), "Ouyang Xiu");
        assert_eq!(pinyin("王毅"), "Wang Yi");
        // A dictionary word is no name.
        assert_eq!(pinyin("乐山"), "Leshan");
    }

    #[test]
    fn transcribed_foreign_names_are_one_word() {
        // Starting with a surname character, but a transcription: one word.
        assert_eq!(pinyin("莫斯科"), "Mosike");
        assert_eq!(pinyin("马里奥"), "Mali'ao");
        assert_eq!(pinyin("马斯克"), "Masike");
        assert_eq!(pinyin("高尔基"), "Gao'erji");
        assert_eq!(pinyin("罗伯特"), "Luobote");
        assert_eq!(pinyin("戈尔巴乔夫"), "Ge'erbaqiaofu");
        assert_eq!(pinyin("伊万诺夫"), "Yiwannuofu");
        // Chinese names of the same surnames stay names: a character the
        // transcriptions do not use (强, 言, 英, 东), or no marker (李娜).
        assert_eq!(pinyin("李克强"), "Li Keqiang");
        assert_eq!(pinyin("莫言"), "Mo Yan");
        assert_eq!(pinyin("马英九"), "Ma Yingjiu");
        assert_eq!(pinyin("毛泽东"), "Mao Zedong");
        assert_eq!(pinyin("李娜"), "Li Na");
        // Two characters could be either: left to the name rules.
        assert_eq!(pinyin("普京"), "Pujing");
    }

    #[test]
    fn transcribed_names_in_longer_runs_are_words() {
        // The words around are as before: single syllables where the
        // table lists no word (总统).
        assert_eq!(pinyin("总统马克龙"), "Zong Tong Makelong");
        assert_eq!(pinyin("美联储主席鲍威尔"), "Mei Lian Chu Zhu Xi Baowei'er");
        assert_eq!(pinyin("访问莫斯科时"), "Fang Wen Mosike Shi");
    }

    #[test]
    fn long_runs_are_split_into_words() {
        assert_eq!(pinyin("我们在重庆市"), "Women Zai Chongqing Shi");
        assert_eq!(pinyin("在2024年"), "Zai 2024 Nian");
        assert_eq!(pinyin("abc"), "abc");
    }

    #[test]
    fn bad_lines_are_reported() {
        let err = Han::parse("x.rules", "@id\tx\n王\twang\tfamily\n").unwrap_err();
        assert!(err.to_string().starts_with("x.rules:2:"), "{err}");
        let err = Han::parse("x.rules", "@id\tx\n@class\tvowel\taeiou\n").unwrap_err();
        assert!(err.to_string().starts_with("x.rules:2:"), "{err}");
    }
}
