//! The rule engine behind every scheme: a scheme file is parsed into stages
//! of rules keyed by their first letter, and text is rewritten left to right,
//! taking at each position the longest rule whose context holds.
//!
//! File format (tables/translit/README.md has the full description):
//!
//! ```text
//! @id        uk_kmu_2010
//! @class     vowel   аеєиіїоуюя
//! # source   target  [conditions]
//! є          ye      start
//! є          ie
//! зг         zgh
//! ```
//!
//! Conditions: `start`, `end` (word boundary before / after the source),
//! `after=SEQ`, `before=SEQ` (the letters just before / after the source),
//! each negatable with `!`. SEQ is one or more sets joined by `.`, in text
//! order; a set is a `@class` name, `letter`, `#` (no letter: a word
//! boundary or the end of the text), letters in brackets (`[ъь]`, with
//! ranges `[가-힣]`), or the complement of a class or bracket (`^vowel`,
//! `[^ъь]`).
//!
//! `@fold<TAB>FROM<TAB>TO` makes the rules read each letter of FROM as the
//! letter of TO at the same position (case is still taken from the text), so
//! variant spellings of a letter need no rules of their own. Rules and
//! classes are written in the TO letters.
//!
//! `@stage` starts another set of rules that rewrites the output of the one
//! before (Hepburn's long vowels are easier to write on Latin letters than on
//! every kana pair); `@pre` names a fixed preparation of a stage's input
//! (`nfkc`, `hangul-jamo`, `reorder`).
//!
//! Speed: the rules of a stage are found through a two-level table indexed
//! by code point, the text is read in place as UTF-8 (no copy into a vector
//! of chars), ASCII without rules is copied in runs, and nothing is allocated
//! per call beyond the output (and the input of a later stage).

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::chars::{self, CharMap, NFC_UNSAFE, UPPER};
use crate::error::Error;

/// A compiled scheme: its stages of rules. (Its header is read by
/// [`Scheme`](super::Scheme).)
#[derive(Debug)]
pub(crate) struct RuleSet {
    stages: Vec<Stage>,
    /// `@case title`: the script has no case, so a word's first letter is
    /// written as a capital (Tōkyō, Seoul), the way its names are printed.
    titlecase: bool,
    /// `@case turkic`: the target alphabet pairs dotted i with İ and dotless
    /// ı with I (Kazakh 2021 Latin), so a capital i must be written İ.
    turkic: bool,
}

#[derive(Debug)]
struct Reorder {
    letters: Set,
    consonants: Set,
    first: Set,
    second: Set,
}

/// A fixed preparation of a stage's input that rules cannot express.
#[derive(Debug)]
enum Pre {
    /// Unicode NFKC (half-width katakana, compatibility forms).
    Nfkc,
    /// Hangul syllables split into their conjoining jamo (algorithmic, by the
    /// Unicode standard's arithmetic), so that rules see initial, vowel and
    /// final consonant and can spell sound changes across syllables.
    HangulJamo,
    /// Vowel signs written before the consonant they follow in speech (Thai
    /// เ แ โ ใ ไ) are moved after that consonant, and after a second one
    /// when the two form a cluster: `reorder LETTERS CONSONANTS FIRST
    /// SECOND`. The `@pre reorder` lines of a stage are one pass: at each
    /// letter the first line that applies moves it.
    Reorder(Vec<Reorder>),
}

#[derive(Debug)]
struct Stage {
    pre: Vec<Pre>,
    /// `@fold` pairs: letters matched as if they were other letters, so that
    /// one set of rules serves several spellings of a letter (polytonic Greek
    /// ἀ ἄ ᾳ read as monotonic α ά α). The output keeps the original's case.
    /// Values are code points, 0 for none.
    fold: CharMap,
    has_fold: bool,
    /// Key of a first letter → group number + 1 (0: no rule).
    lookup: CharMap,
    /// The same for the letters as they stand in the text (upper case, folded
    /// variants, the three apostrophes), so that the hot loop needs no key.
    first: CharMap,
    /// `key` of the code points below U+0800 (0: ask `key`): the rules look
    /// at the letters around the source by their keys.
    dense_key: Box<[u16]>,
    /// `first` for the code points below U+0800 (ASCII and the two-byte
    /// UTF-8 sequences: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic),
    /// indexed straight from the bytes.
    dense: Box<[u32]>,
    /// Rules grouped by the key of their first letter; within a group the
    /// longest source first, and among equal lengths those with more
    /// conditions first, so the first rule whose context holds applies.
    rules: Vec<Rule>,
    /// The rules for one first letter each.
    groups: Vec<Group>,
    /// ASCII characters that start a rule; the others are copied in runs.
    ascii: [bool; 128],
}

/// The rules of one first letter: `rules[from..to]`.
#[derive(Debug, Clone, Copy)]
struct Group {
    from: u32,
    to: u32,
    /// When the group is one rule of one letter without conditions (the
    /// letter is always spelt the same: most letters of most schemes) with a
    /// short ASCII target: its length and bytes, kept here so that the hot
    /// loop writes it without following a pointer. `short[0] == NOT_SHORT`
    /// otherwise.
    short: [u8; 8],
}

const NOT_SHORT: u8 = 0xFF;

/// The value of a letter in `Stage::first`: group number + 1 in the low
/// bits, and two facts of the letter the loop would otherwise look up.
const FIRST_UPPER: u32 = 1 << 31;
const FIRST_NOT_NFC: u32 = 1 << 30;
const FIRST_GROUP: u32 = FIRST_NOT_NFC - 1;

#[derive(Debug)]
struct Rule {
    /// The source letters after the first one, as keys (lower case, folded).
    rest: Box<[char]>,
    target: Box<str>,
    conditions: Box<[Condition]>,
}

#[derive(Debug, Clone)]
enum Condition {
    WordStart(bool),
    WordEnd(bool),
    /// The letters before the source, in text order, the last one adjacent.
    After(Box<[Set]>, bool),
    /// The letters after the source, in text order, the first one adjacent.
    Before(Box<[Set]>, bool),
}

#[derive(Debug, Clone)]
enum Set {
    /// Any letter (or mark).
    Letter,
    /// No letter here: a word boundary or the edge of the text.
    Boundary,
    /// Letters and ranges of letters, as keys.
    Chars(Letters),
    /// Any character that is not in the set (there must be one).
    Not(Box<Set>),
}

impl Set {
    fn contains(&self, c: char) -> bool {
        match self {
            Set::Letter => chars::is_word(c),
            Set::Boundary => !chars::is_word(c),
            Set::Chars(letters) => letters.contains(c),
            Set::Not(set) => !set.contains(c),
        }
    }
}

/// A set of letters: a bitmap for the code points below U+0800 (where the
/// letters of most context sets are: a check per rule condition), ranges for
/// the others.
#[derive(Debug, Clone)]
struct Letters {
    low: Box<[u64; 32]>,
    ranges: Box<[(char, char)]>,
}

impl Letters {
    fn new(ranges: Box<[(char, char)]>) -> Letters {
        let mut low = Box::new([0u64; 32]);
        for &(a, b) in ranges.iter() {
            for cp in (a as u32)..=(b as u32).min(0x7FF) {
                if let Some(word) = low.get_mut((cp / 64) as usize) {
                    *word |= 1 << (cp % 64);
                }
            }
        }
        Letters { low, ranges }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        if cp < 0x800 {
            return self.low.get((cp / 64) as usize).is_some_and(|w| w & (1 << (cp % 64)) != 0);
        }
        self.ranges.iter().any(|&(a, b)| a <= c && c <= b)
    }
}

/// The characters that are written for an apostrophe, Hebrew's geresh
/// (U+05F3, ג׳ as typed ג') among them.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}' | '\u{02B9}' | '\u{05F3}')
}

/// U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER: they shape
/// letters (Persian, Indic scripts) but are no letters themselves, so they
/// are dropped unless a rule spells them.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// The key a letter is matched by: lower case; the three apostrophes of
/// Ukrainian and Belarusian text (U+0027, U+2019, U+02BC) are one letter,
/// and so are Hebrew's geresh (U+05F3) and the apostrophe typed for it.
#[inline]
fn base_key(c: char) -> char {
    match c {
        '\u{2019}' | '\u{02BC}' | '\u{05F3}' => '\'',
        c => chars::lower(c),
    }
}

#[inline]
fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

#[inline]
fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

/// Is the character ending just before byte `pos` part of a word, counting an
/// apostrophe between two letters as part of the word (Мар'їна)?
fn word_before(text: &str, pos: usize) -> bool {
    match char_before(text, pos) {
        None => false,
        Some(c) if chars::is_word(c) => true,
        Some(c) if is_apostrophe(c) => {
            let p = pos - c.len_utf8();
            char_before(text, p).is_some_and(chars::is_word) && char_at(text, pos).is_some_and(chars::is_word)
        }
        Some(_) => false,
    }
}

/// Is the character starting at byte `pos` part of a word (as above)?
fn word_at(text: &str, pos: usize) -> bool {
    match char_at(text, pos) {
        None => false,
        Some(c) if chars::is_word(c) => true,
        Some(c) if is_apostrophe(c) => {
            char_before(text, pos).is_some_and(chars::is_word)
                && char_at(text, pos + c.len_utf8()).is_some_and(chars::is_word)
        }
        Some(_) => false,
    }
}

/// Replace `\u{XXXX}` escapes, so that invisible letters (U+200C) can be
/// written in a rule file.
fn unescape(field: &str) -> Result<String, String> {
    if !field.contains("\\u{") {
        return Ok(field.to_string());
    }
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let close = after.find('}').ok_or_else(|| format!("unclosed escape in `{field}`"))?;
        let c = u32::from_str_radix(&after[..close], 16).ok().and_then(char::from_u32).ok_or_else(|| {
            format!("bad escape `\\u{{{}}}`: write a hexadecimal code point", &after[..close])
        })?;
        out.push(c);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Letters of a class or bracket, with ranges `a-z` (a `-` first or last is
/// the letter itself). Single letters are read as their keys (lower case);
/// a range is taken as written, since lowering its ends would move them
/// (Ѐ-ӿ is not ѐ-ӿ).
fn parse_letters(spec: &str) -> Result<Box<[(char, char)]>, String> {
    let letters: Vec<char> = unescape(spec)?.chars().collect();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        if letters.get(i + 1) == Some(&'-') && i + 2 < letters.len() {
            let end = letters[i + 2];
            if end < c {
                return Err(format!("the range `{c}-{end}` runs backwards"));
            }
            ranges.push((c, end));
            i += 3;
        } else {
            let key = base_key(c);
            ranges.push((key, key));
            i += 1;
        }
    }
    Ok(ranges.into_boxed_slice())
}

/// Everything the parser collects for one stage before it is compiled.
#[derive(Default)]
struct StageDraft {
    pre: Vec<Pre>,
    fold: HashMap<char, char>,
    /// (first key, rule, file order)
    rules: Vec<(char, Rule)>,
}

impl RuleSet {
    /// Parse a scheme file. `file` names it in error messages.
    pub(crate) fn parse(file: &str, text: &str) -> Result<RuleSet, Error> {
        let mut titlecase = false;
        let mut turkic = false;
        let mut classes: HashMap<String, Set> = HashMap::new();
        classes.insert("letter".into(), Set::Letter);
        let mut drafts: Vec<StageDraft> = vec![StageDraft::default()];
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let err = |m: String| Error::table(file, line_no, m);
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').filter(|f| !f.is_empty()).collect();
            let Some(&first) = fields.first() else { continue };
            if first == "@stage" {
                if drafts.last().is_some_and(|d| !d.rules.is_empty()) {
                    drafts.push(StageDraft::default());
                }
                continue;
            }
            let Some(draft) = drafts.last_mut() else { continue };
            if let Some(key) = first.strip_prefix('@') {
                let value = fields.get(1..).map(|v| v.join(" ")).unwrap_or_default();
                match key {
                    "class" => {
                        let [_, name, letters] = fields.as_slice() else {
                            return Err(err(
                                "a @class line needs a name and its letters: @class<TAB>vowel<TAB>aeiou"
                                    .into(),
                            ));
                        };
                        classes.insert(
                            name.to_string(),
                            Set::Chars(Letters::new(parse_letters(letters).map_err(err)?)),
                        );
                    }
                    "fold" => {
                        let pairs = match fields.as_slice() {
                            [_, from, to] => {
                                let from = unescape(from).map_err(err)?;
                                let to = unescape(to).map_err(err)?;
                                (from.chars().count() == to.chars().count()).then(|| {
                                    from.chars()
                                        .map(base_key)
                                        .zip(to.chars().map(base_key))
                                        .collect::<Vec<_>>()
                                })
                            }
                            _ => None,
                        };
                        let Some(pairs) = pairs else {
                            return Err(err(
                                "a @fold line needs two runs of letters of the same length: @fold<TAB>ἀἄ<TAB>αά"
                                    .into(),
                            ));
                        };
                        draft.fold.extend(pairs);
                    }
                    "pre" => {
                        let pre = match fields.get(1..).unwrap_or_default() {
                            ["nfkc"] => Pre::Nfkc,
                            ["hangul-jamo"] => Pre::HangulJamo,
                            ["reorder", letters, consonants, first, second] => {
                                let set = |spec: &str| parse_set(spec, &classes).map_err(err);
                                let line = Reorder {
                                    letters: set(letters)?,
                                    consonants: set(consonants)?,
                                    first: set(first)?,
                                    second: set(second)?,
                                };
                                if let Some(Pre::Reorder(lines)) = draft.pre.last_mut() {
                                    lines.push(line);
                                    continue;
                                }
                                Pre::Reorder(vec![line])
                            }
                            _ => {
                                return Err(err(format!(
                                    "unknown @pre `{value}`: use nfkc, hangul-jamo, or reorder LETTERS CONSONANTS FIRST SECOND"
                                )));
                            }
                        };
                        draft.pre.push(pre);
                    }
                    "case" => match value.as_str() {
                        "title" => titlecase = true,
                        "turkic" => turkic = true,
                        _ => {
                            return Err(err(format!("unknown @case `{value}`: use `title` or `turkic`")));
                        }
                    },
                    // The other header lines are read by Scheme.
                    _ => {}
                }
                continue;
            }
            let (source, target, conds) = match fields.as_slice() {
                [s, t] => (*s, *t, ""),
                [s, t, c] => (*s, *t, *c),
                [s] => (*s, "", ""),
                _ => return Err(err("expected `source<TAB>target[<TAB>conditions]`".into())),
            };
            // An explicit empty target is written `∅` so that deleting rules
            // (ь → nothing) are visible in the file.
            let target = if target == "∅" { String::new() } else { unescape(target).map_err(err)? };
            let source = unescape(source).map_err(err)?;
            let mut source_keys = source.chars().map(base_key);
            let Some(first_key) = source_keys.next() else {
                return Err(err("empty source".into()));
            };
            let conditions = conds
                .split_whitespace()
                .map(|c| parse_condition(c, &classes).map_err(err))
                .collect::<Result<Vec<_>, _>>()?;
            draft.rules.push((
                first_key,
                Rule {
                    rest: source_keys.collect(),
                    target: target.into_boxed_str(),
                    conditions: conditions.into_boxed_slice(),
                },
            ));
        }
        let stages = drafts.into_iter().map(|d| Stage::compile(d, titlecase)).collect();
        Ok(RuleSet { stages, titlecase, turkic })
    }

    /// Rewrite `text`, appending to `out`. Letters without a rule are copied.
    /// The text is read as NFC (composed first when it is not).
    pub(crate) fn apply_str(&self, text: &str, out: &mut String) {
        match self.stages.as_slice() {
            [stage] if stage.pre.is_empty() => {
                // The common case: one stage, read in place. Text that NFC
                // would change is found on the way (the flag comes with the
                // facts the loop fetches anyway) and composed, then re-read.
                let start = out.len();
                if self.apply_stage(stage, text, out, true).is_err() {
                    out.truncate(start);
                    let composed: String = text.nfc().collect();
                    let _ = self.apply_stage(stage, &composed, out, false);
                }
            }
            _ => self.apply_stages(text, out),
        }
    }

    fn apply_stages(&self, text: &str, out: &mut String) {
        let mut current =
            if chars::may_need_nfc(text) { Cow::Owned(text.nfc().collect()) } else { Cow::Borrowed(text) };
        for stage in &self.stages {
            for pre in &stage.pre {
                current = Cow::Owned(pre.apply(&current));
            }
            let mut next = String::with_capacity(current.len() + current.len() / 2);
            let _ = self.apply_stage(stage, &current, &mut next, false);
            current = Cow::Owned(next);
        }
        out.push_str(&current);
    }

    /// One stage over `text`. With `check_nfc`, stops with `Err` at the first
    /// character that NFC might change.
    ///
    /// The loop handles the common cases itself (a run of ASCII without
    /// rules, a lower-case two-byte letter always spelt the same) and leaves
    /// the rest to [`RuleSet::step`], kept out of line so that the loop stays
    /// small enough for the registers.
    fn apply_stage(
        &self,
        stage: &Stage,
        text: &str,
        out: &mut String,
        check_nfc: bool,
    ) -> Result<(), NotNfc> {
        let bytes = text.as_bytes();
        let mut pos = 0;
        // A word in a caseless script began with a letter spelt as nothing
        // (Korean ㅇ): the next letter written is the word's capital.
        let mut capital_pending = false;
        while let Some(&b) = bytes.get(pos) {
            if b < 0x80 && !stage.ascii[b as usize] {
                let start = pos;
                pos += 1;
                while let Some(&b) = bytes.get(pos) {
                    if b >= 0x80 || stage.ascii[b as usize] {
                        break;
                    }
                    pos += 1;
                }
                out.push_str(text.get(start..pos).unwrap_or_default());
                capital_pending = false;
                continue;
            }
            if let (0xC2..=0xDF, Some(&b1)) = (b, bytes.get(pos + 1)) {
                let cp = ((b as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F);
                let entry = stage.dense.get(cp as usize).copied().unwrap_or(0);
                if entry == 0 {
                    // No rule: copied as it is (a letter of another script).
                    out.push_str(text.get(pos..pos + 2).unwrap_or_default());
                    capital_pending = false;
                    pos += 2;
                    continue;
                }
                if entry & (FIRST_UPPER | FIRST_NOT_NFC) == 0 {
                    let group =
                        (entry & FIRST_GROUP).checked_sub(1).and_then(|g| stage.groups.get(g as usize));
                    if let Some(&[n, ref short @ ..]) = group.map(|g| &g.short) {
                        if n != NOT_SHORT {
                            for &b in short.iter().take(n as usize) {
                                out.push(b as char);
                            }
                            capital_pending &= n == 0;
                            pos += 2;
                            continue;
                        }
                    }
                }
            }
            if let (0xE0..=0xEF, Some(&b1), Some(&b2)) = (b, bytes.get(pos + 1), bytes.get(pos + 2)) {
                let cp = ((b as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
                let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
                if stage.first.get(c) == 0 && !is_joiner(c) && (!check_nfc || chars::nfc_safe(c)) {
                    out.push(c);
                    capital_pending = false;
                    pos += 3;
                    continue;
                }
            }
            pos = self.step(stage, text, pos, check_nfc, &mut capital_pending, out)?;
        }
        Ok(())
    }

    /// Rewrite the letter at byte `pos` (with the longest rule that applies,
    /// or copy it) and return the position after what was read.
    #[inline(never)]
    fn step(
        &self,
        stage: &Stage,
        text: &str,
        pos: usize,
        check_nfc: bool,
        capital_pending: &mut bool,
        out: &mut String,
    ) -> Result<usize, NotNfc> {
        let Some(c) = char_at(text, pos) else { return Ok(text.len()) };
        let len = c.len_utf8();
        let entry = match stage.dense.get(c as usize) {
            Some(&entry) => entry,
            None => stage.first.get(c),
        };
        let group = (entry & FIRST_GROUP).checked_sub(1).and_then(|g| stage.groups.get(g as usize));
        let Some(group) = group else {
            if check_nfc && !c.is_ascii() && chars::info(c).is(NFC_UNSAFE) {
                return Err(NotNfc);
            }
            if !is_joiner(c) {
                out.push(c);
                *capital_pending = false;
            }
            return Ok(pos + len);
        };
        if check_nfc && entry & FIRST_NOT_NFC != 0 {
            return Err(NotNfc);
        }
        let upper = entry & FIRST_UPPER != 0;
        let rules = stage.rules.get(group.from as usize..group.to as usize).unwrap_or_default();
        match rules.iter().find_map(|rule| stage.matches(rule, text, pos, len).map(|end| (rule, end))) {
            Some((rule, end)) => {
                let caseless = !upper && !c.is_ascii();
                self.emit(&rule.target, upper, caseless, text, pos, end, capital_pending, out);
                Ok(end)
            }
            None => {
                if !is_joiner(c) {
                    out.push(c);
                    *capital_pending = false;
                }
                Ok(pos + len)
            }
        }
    }

    /// Append `target` for the source `text[start..end]` with the source's
    /// case: lower stays lower, a capital (`upper`) gives a capitalised
    /// target, and a capital in an all-capitals word gives an all-capitals
    /// target (ЖУК → ZHUK, Жук → Zhuk). Under `@case title` (scripts without
    /// case: `caseless` is a non-ASCII letter that is no capital), the first
    /// letter of a word is written as a capital.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn emit(
        &self,
        target: &str,
        upper: bool,
        caseless: bool,
        text: &str,
        start: usize,
        end: usize,
        pending: &mut bool,
        out: &mut String,
    ) {
        if upper {
            *pending = false;
            push_cased(out, target, text, start, end, self.turkic);
            return;
        }
        if self.titlecase && caseless && (*pending || !word_before(text, start)) {
            // The capital goes on the first letter written (‘Ammān): a
            // target of no letters (Korean ㅇ, Arabic ع as ‘) passes it on.
            match target.char_indices().find(|(_, c)| c.is_alphabetic()) {
                Some((i, c)) => {
                    *pending = false;
                    out.push_str(target.get(..i).unwrap_or_default());
                    push_upper(out, c, self.turkic);
                    out.push_str(target.get(i + c.len_utf8()..).unwrap_or_default());
                }
                None => {
                    *pending = true;
                    out.push_str(target);
                }
            }
            return;
        }
        if !target.is_empty() {
            *pending = false;
        }
        push_short(out, target);
    }
}

/// `out.push_str(target)` for the short targets of rules: a call to memcpy
/// for two bytes costs more than pushing them.
#[inline]
fn push_short(out: &mut String, target: &str) {
    if target.len() <= 4 && target.is_ascii() {
        for b in target.bytes() {
            out.push(b as char);
        }
    } else {
        out.push_str(target);
    }
}

/// Code points below this have their entry in `Stage::dense`.
const DENSE: usize = 0x800;

/// The text holds a character that NFC might change.
struct NotNfc;

impl Stage {
    fn compile(draft: StageDraft, titlecase: bool) -> Stage {
        let mut rules = draft.rules;
        // Group by first letter; stable, so among equal keys the file order
        // decides.
        let mut order: Vec<usize> = (0..rules.len()).collect();
        order.sort_by(|&a, &b| {
            let (ka, ra) = &rules[a];
            let (kb, rb) = &rules[b];
            ka.cmp(kb)
                .then(rb.rest.len().cmp(&ra.rest.len()))
                .then(rb.conditions.len().cmp(&ra.conditions.len()))
                .then(a.cmp(&b))
        });
        let keys: Vec<char> = rules.iter().map(|(k, _)| *k).collect();
        let mut slots: Vec<Option<(char, Rule)>> = rules.drain(..).map(Some).collect();
        let mut fold = CharMap::default();
        for (&from, &to) in &draft.fold {
            fold.insert(from, to as u32);
        }
        let mut stage = Stage {
            pre: draft.pre,
            has_fold: !draft.fold.is_empty(),
            fold,
            lookup: CharMap::default(),
            first: CharMap::default(),
            dense: vec![0; DENSE].into_boxed_slice(),
            dense_key: vec![0; DENSE].into_boxed_slice(),
            rules: Vec::new(),
            groups: Vec::new(),
            ascii: [false; 128],
        };
        for i in order {
            let Some((key, rule)) = slots.get_mut(i).and_then(Option::take) else { continue };
            let index = stage.rules.len() as u32;
            let same_group = stage.lookup.get(key) != 0 && stage.lookup.get(key) == stage.groups.len() as u32;
            let simple = rule.rest.is_empty() && rule.conditions.is_empty();
            match stage.groups.last_mut() {
                Some(last) if same_group => {
                    last.to = index + 1;
                    last.short[0] = NOT_SHORT;
                }
                _ => {
                    let mut short = [NOT_SHORT; 8];
                    // Not under @case title: there the first letter of a
                    // word is written as a capital, which the loop checks.
                    if simple && !titlecase && rule.target.is_ascii() && rule.target.len() < short.len() {
                        short[0] = rule.target.len() as u8;
                        for (slot, b) in short.iter_mut().skip(1).zip(rule.target.bytes()) {
                            *slot = b;
                        }
                    }
                    stage.groups.push(Group { from: index, to: index + 1, short });
                    stage.lookup.insert(key, stage.groups.len() as u32);
                }
            }
            stage.rules.push(rule);
        }
        // Every spelling of a first letter in the text: the key itself, its
        // capital, the letters folded to it and their capitals, the other
        // apostrophes. (NFC has already replaced the compatibility letters
        // whose lower case is a key, such as the Kelvin sign.)
        let mut spellings: Vec<(char, char)> = Vec::new();
        for &key in &keys {
            spellings.push((key, key));
        }
        for (&from, &to) in &draft.fold {
            spellings.push((from, to));
        }
        spellings.push(('\u{2019}', '\''));
        spellings.push(('\u{02BC}', '\''));
        for (spelling, key) in spellings {
            let group = stage.lookup.get(key);
            if group == 0 {
                continue;
            }
            let mut upper = spelling.to_uppercase();
            let capital = match (upper.next(), upper.next()) {
                (Some(u), None) => Some(u),
                _ => None,
            };
            for c in std::iter::once(spelling).chain(capital) {
                if stage.key(c) == key {
                    let info = chars::info(c);
                    let mut entry = group;
                    if c.is_ascii_uppercase() || (!c.is_ascii() && info.is(UPPER)) {
                        entry |= FIRST_UPPER;
                    }
                    if !c.is_ascii() && info.is(NFC_UNSAFE) {
                        entry |= FIRST_NOT_NFC;
                    }
                    stage.first.insert(c, entry);
                    if let Some(slot) = stage.dense.get_mut(c as usize) {
                        *slot = entry;
                    }
                    if c.is_ascii() {
                        stage.ascii[c as usize] = true;
                    }
                }
            }
        }
        let keys: Vec<u16> = (0..DENSE as u32)
            .map(|cp| {
                let key = char::from_u32(cp).map_or(0, |c| stage.key_slow(c) as u32);
                u16::try_from(key).ok().filter(|&k| (k as usize) < DENSE).unwrap_or(0)
            })
            .collect();
        stage.dense_key = keys.into_boxed_slice();
        // Letters without a rule that NFC might change must reach the check
        // in `step` too.
        for (cp, slot) in stage.dense.iter_mut().enumerate() {
            if *slot == 0 {
                if let Some(c) = char::from_u32(cp as u32).filter(|c| !c.is_ascii()) {
                    if chars::info(c).is(NFC_UNSAFE) {
                        *slot = FIRST_NOT_NFC;
                    }
                }
            }
        }
        stage
    }

    #[inline]
    fn key(&self, c: char) -> char {
        if let Some(&k) = self.dense_key.get(c as usize) {
            if k != 0 {
                return char::from_u32(k as u32).unwrap_or(c);
            }
        }
        self.key_slow(c)
    }

    fn key_slow(&self, c: char) -> char {
        let k = base_key(c);
        if !self.has_fold {
            return k;
        }
        match self.fold.get(k) {
            0 => k,
            to => char::from_u32(to).unwrap_or(k),
        }
    }

    /// Does `rule` apply to the letter at `pos` (`len` bytes)? Returns the end
    /// of its source.
    #[inline]
    fn matches(&self, rule: &Rule, text: &str, pos: usize, len: usize) -> Option<usize> {
        let mut end = pos + len;
        for &want in rule.rest.iter() {
            let c = char_at(text, end)?;
            if self.key(c) != want {
                return None;
            }
            end += c.len_utf8();
        }
        for cond in rule.conditions.iter() {
            let holds = match cond {
                Condition::WordStart(want) => word_before(text, pos) != *want,
                Condition::WordEnd(want) => word_at(text, end) != *want,
                Condition::After(seq, want) => self.after(seq, text, pos) == *want,
                Condition::Before(seq, want) => self.before(seq, text, end) == *want,
            };
            if !holds {
                return None;
            }
        }
        Some(end)
    }

    fn after(&self, seq: &[Set], text: &str, mut pos: usize) -> bool {
        for set in seq.iter().rev() {
            match char_before(text, pos) {
                Some(c) => {
                    if matches!(set, Set::Boundary) {
                        if word_before(text, pos) {
                            return false;
                        }
                    } else if !set.contains(self.key(c)) {
                        return false;
                    }
                    pos -= c.len_utf8();
                }
                None => return matches!(set, Set::Boundary),
            }
        }
        true
    }

    fn before(&self, seq: &[Set], text: &str, mut pos: usize) -> bool {
        for set in seq.iter() {
            match char_at(text, pos) {
                Some(c) => {
                    if matches!(set, Set::Boundary) {
                        if word_at(text, pos) {
                            return false;
                        }
                    } else if !set.contains(self.key(c)) {
                        return false;
                    }
                    pos += c.len_utf8();
                }
                None => return matches!(set, Set::Boundary),
            }
        }
        true
    }
}

impl Pre {
    fn apply(&self, text: &str) -> String {
        match self {
            Pre::Nfkc => {
                use unicode_normalization::UnicodeNormalization;
                text.nfkc().collect()
            }
            Pre::HangulJamo => super::hangul::decompose(text),
            Pre::Reorder(lines) => {
                let chars: Vec<char> = text.chars().collect();
                let mut out = String::with_capacity(text.len());
                let mut i = 0;
                while let Some(&c) = chars.get(i) {
                    let next = chars.get(i + 1).copied();
                    let after_next = chars.get(i + 2).copied();
                    let line = lines
                        .iter()
                        .find(|l| l.letters.contains(c) && next.is_some_and(|n| l.consonants.contains(n)));
                    match line {
                        Some(l) => {
                            let cluster = next.is_some_and(|n| l.first.contains(n))
                                && after_next.is_some_and(|n| l.second.contains(n));
                            let moved = if cluster { 2 } else { 1 };
                            out.extend(chars.get(i + 1..i + 1 + moved).unwrap_or_default());
                            out.push(c);
                            i += 1 + moved;
                        }
                        None => {
                            out.push(c);
                            i += 1;
                        }
                    }
                }
                out
            }
        }
    }
}

fn parse_set(spec: &str, classes: &HashMap<String, Set>) -> Result<Set, String> {
    if let Some(inner) = spec.strip_prefix("[^").and_then(|s| s.strip_suffix(']')) {
        return Ok(Set::Not(Box::new(Set::Chars(Letters::new(parse_letters(inner)?)))));
    }
    if let Some(inner) = spec.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return Ok(Set::Chars(Letters::new(parse_letters(inner)?)));
    }
    if spec == "#" {
        return Ok(Set::Boundary);
    }
    if let Some(name) = spec.strip_prefix('^') {
        return Ok(Set::Not(Box::new(parse_set(name, classes)?)));
    }
    classes.get(spec).cloned().ok_or_else(|| {
        format!(
            "unknown class `{spec}`: define it with @class before this line, or write letters in brackets"
        )
    })
}

/// `A.B.C`: sets in text order; a `.` inside brackets is a letter.
fn parse_sequence(spec: &str, classes: &HashMap<String, Set>) -> Result<Box<[Set]>, String> {
    let mut sets = Vec::new();
    let mut rest = spec;
    while !rest.is_empty() {
        let end = if rest.starts_with('[') || rest.starts_with("^[") {
            rest.find(']').map(|i| i + 1).ok_or_else(|| format!("unclosed bracket in `{spec}`"))?
        } else {
            rest.find('.').unwrap_or(rest.len())
        };
        let (item, tail) = rest.split_at(end);
        sets.push(parse_set(item, classes)?);
        rest = match tail.strip_prefix('.') {
            Some(t) if !t.is_empty() => t,
            Some(_) => return Err(format!("`{spec}` ends with a `.`")),
            None if tail.is_empty() => tail,
            None => return Err(format!("expected `.` between the sets of `{spec}`")),
        };
    }
    if sets.is_empty() {
        return Err("an empty set of letters".into());
    }
    Ok(sets.into_boxed_slice())
}

fn parse_condition(text: &str, classes: &HashMap<String, Set>) -> Result<Condition, String> {
    let (positive, body) = match text.strip_prefix('!') {
        Some(rest) => (false, rest),
        None => (true, text),
    };
    match body {
        "start" => Ok(Condition::WordStart(positive)),
        "end" => Ok(Condition::WordEnd(positive)),
        _ => {
            if let Some(spec) = body.strip_prefix("after=") {
                Ok(Condition::After(parse_sequence(spec, classes)?, positive))
            } else if let Some(spec) = body.strip_prefix("before=") {
                Ok(Condition::Before(parse_sequence(spec, classes)?, positive))
            } else {
                Err(format!(
                    "unknown condition `{text}`: use start, end, after=SET or before=SET (each may start with !)"
                ))
            }
        }
    }
}

/// Append the capital of `c`; with `turkic`, the capital of i is İ.
#[inline]
fn push_upper(out: &mut String, c: char, turkic: bool) {
    match c {
        'i' if turkic => out.push('\u{0130}'),
        c => out.extend(c.to_uppercase()),
    }
}

fn push_capitalised(out: &mut String, target: &str, turkic: bool) {
    let mut t = target.chars();
    if let Some(f) = t.next() {
        push_upper(out, f, turkic);
        out.push_str(t.as_str());
    }
}

/// Append `target` for a source beginning with a capital at `text[start..end]`.
fn push_cased(out: &mut String, target: &str, text: &str, start: usize, end: usize, turkic: bool) {
    let span = text.get(start..end).unwrap_or_default();
    // The common case first: one capital letter before a lower-case one, the
    // start of a capitalised word (Жук → Zhuk).
    let mut letters = span.chars();
    if let (Some(_), None) = (letters.next(), letters.next()) {
        let lower_next = char_at(text, end).is_some_and(|n| {
            if n.is_ascii() { n.is_ascii_lowercase() } else { chars::info(n).is(chars::LOWER) }
        });
        if lower_next {
            push_capitalised(out, target, turkic);
            return;
        }
    }
    let is_upper = |c: char| if c.is_ascii() { c.is_ascii_uppercase() } else { chars::info(c).is(UPPER) };
    let is_letter = |c: &char| chars::is_word(*c);
    let span_caps = span.chars().filter(is_letter).all(is_upper);
    let neighbour_caps = || {
        let next = char_at(text, end).filter(is_letter);
        let prev = char_before(text, start).filter(is_letter);
        match (next, prev) {
            (Some(n), _) => is_upper(n),
            (None, Some(p)) => is_upper(p),
            (None, None) => false,
        }
    };
    let all_caps = span_caps && (span.chars().filter(is_letter).count() > 1 || neighbour_caps());
    if all_caps {
        for c in target.chars() {
            push_upper(out, c, turkic);
        }
    } else {
        push_capitalised(out, target, turkic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rules: &str, text: &str) -> String {
        let set = RuleSet::parse("test", rules).unwrap();
        let mut out = String::new();
        set.apply_str(text, &mut out);
        out
    }

    const UK: &str = "@class\tvowel\tаеєиіїоуюя\nж\tzh\nу\tu\nк\tk\nє\tye\tstart\nє\tie\nз\tz\nг\th\nзг\tzgh\nь\t∅\nі\ti\nа\ta\n";

    #[test]
    fn longest_match_and_context() {
        assert_eq!(run(UK, "зг"), "zgh");
        assert_eq!(run(UK, "єжа"), "yezha");
        assert_eq!(run(UK, "жє"), "zhie");
    }

    #[test]
    fn case_propagates() {
        assert_eq!(run(UK, "Жук"), "Zhuk");
        assert_eq!(run(UK, "ЖУК"), "ZHUK");
        assert_eq!(run(UK, "Ж"), "Zh");
        assert_eq!(run(UK, "ЖУк"), "ZHUk");
    }

    #[test]
    fn unknown_letters_pass_through() {
        assert_eq!(run(UK, "ж-Q!"), "zh-Q!");
        assert_eq!(run(UK, ""), "");
        // Joiners are no letters: dropped unless a rule spells them.
        assert_eq!(run(UK, "ж\u{200C}а\u{200D}"), "zha");
    }

    #[test]
    fn apostrophe_inside_a_word_is_not_a_word_start() {
        // є after an apostrophe is not word-initial.
        assert_eq!(run(UK, "з'єж"), "z'iezh");
        assert_eq!(run(UK, "' єж"), "' yezh");
    }

    #[test]
    fn the_three_apostrophes_are_one_letter() {
        let rules = "'\t∅\tafter=letter before=letter\nа\ta\n";
        assert_eq!(run(rules, "а'а а’а аʼа 'а"), "aa aa aa 'a");
    }

    #[test]
    fn folded_letters_match_as_their_targets() {
        let rules = "@fold\tἀἌ\tαά\nαυ\tav\nά\ta\nα\ta\nυ\ty\n";
        assert_eq!(run(rules, "ἀυ Ἄυ ἈΥ"), "av Ay AV");
        let err = RuleSet::parse("x.rules", "@fold\tἀἄ\tα\n").unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("x.rules:1"));
    }

    #[test]
    fn sequences_look_several_letters_away() {
        let rules = "@class\tv\taeiou\n@class\tc\tb-df-hj-np-tv-z\n\
                     x\t∅\tafter=v.c before=c.v\nx\tX\tbefore=#\nx\t_\n";
        assert_eq!(run(rules, "abxba"), "abba");
        assert_eq!(run(rules, "abxbb"), "ab_bb");
        assert_eq!(run(rules, "bx"), "bX");
        assert_eq!(run(rules, "bx a"), "bX a");
        let not = "@class\tv\taeiou\nx\t1\tbefore=^v\nx\t2\tbefore=[^b.]\nx\t3\n";
        assert_eq!(run(not, "xb xa x. x"), "1b 2a 1. 3");
    }

    #[test]
    fn escapes_and_ranges() {
        let rules = "\\u{200C}\t-\n[\t(\n가\tga\tbefore=[가-힣]\n가\tGA\n";
        assert_eq!(run(rules, "가가 가\u{200C}["), "gaGA GA-(");
        // A range keeps its ends as written (Ѐ lowered would be ѐ, after м).
        let rules = "@class\tc\t\\u{0400}-\\u{04FF}\n'\t∅\tafter=c before=c\nм\tm\n";
        assert_eq!(run(rules, "м'м O'B"), "mm O'B");
    }

    #[test]
    fn stages_rewrite_the_output_of_the_stage_before() {
        let rules = "@case\ttitle\nと\tto\nう\tu\nき\tki\nょ\tyo\tafter=[き]\n@stage\nou\tō\n";
        assert_eq!(run(rules, "とうきょう"), "Tōkiyō");
    }

    #[test]
    fn caseless_scripts_write_capitals_under_case_title() {
        let rules = "@case\ttitle\n@pre\thangul-jamo\n\u{110B}\t∅\n\u{1175}\ti\n\u{1100}\tg\n";
        assert_eq!(run(rules, "이 기"), "I Gi");
    }

    #[test]
    fn turkic_case_writes_the_capital_of_i_with_its_dot() {
        let rules = "@case\tturkic\nи\ti\nі\tı\nя\tia\nр\tr\n";
        assert_eq!(run(rules, "Ирі ири ІРИ Ярі"), "İrı iri IRİ İarı");
    }

    #[test]
    fn reorder_moves_prefixed_vowels() {
        let rules = "@class\tcons\tกขคร\n@pre\treorder\t[เ]\tcons\t[ก]\t[ร]\nก\tk\nร\tr\nเ\te\nข\tkh\n";
        assert_eq!(run(rules, "เก เข เกร"), "ke khe kre");
    }

    #[test]
    fn bad_rules_are_reported_with_their_line() {
        let err = RuleSet::parse("x.rules", "а\ta\nб\tb\tafter=nothing\n").unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("x.rules:2"));
        let err = RuleSet::parse("x.rules", "а\ta\tsometimes\n").unwrap_err();
        assert!(err.to_string().contains("unknown condition"), "{err}");
        for bad in [
            "а\ta\tbefore=[ab\n",
            "а\ta\tbefore=a.\n",
            "\\u{zz}\ta\n",
            "@pre\tmagic\n",
            "@case\tupper\n",
            "@class\tx\tz-a\n",
        ] {
            let err = RuleSet::parse("x.rules", bad).unwrap_err();
            assert_eq!(err.to_string().split(": ").next(), Some("x.rules:1"), "{bad}: {err}");
        }
    }
}
