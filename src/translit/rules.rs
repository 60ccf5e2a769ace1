//! The rule engine behind every scheme: a scheme file is parsed into rules
//! keyed by their first letter, and text is rewritten left to right, taking
//! at each position the longest rule whose context holds.
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
//! `after=SET`, `before=SET` (the letter before / after the source is in SET),
//! each negatable with `!`. SET is a `@class` name, `letter`, or literal
//! letters in brackets: `[ъь]`.
//!
//! `@fold<TAB>FROM<TAB>TO` makes the rules read each letter of FROM as the
//! letter of TO at the same position (case is still taken from the text), so
//! variant spellings of a letter need no rules of their own. Rules and
//! classes are written in the TO letters.

use std::collections::HashMap;

use crate::error::Error;

/// A compiled scheme: its header fields and its rules.
#[derive(Debug)]
pub(crate) struct RuleSet {
    pub(crate) header: HashMap<String, String>,
    /// `@fold` pairs: letters matched as if they were other letters, so that
    /// one set of rules serves several spellings of a letter (polytonic Greek
    /// ἀ ἄ ᾳ read as monotonic α ά α). The output keeps the original's case.
    fold: HashMap<char, char>,
    /// Rules by the first (lowercase) letter of their source, longest source
    /// first, and among equal lengths those with more conditions first, so the
    /// first rule whose context holds is the one to apply.
    rules: HashMap<char, Vec<Rule>>,
    /// The same rules for the letters below [`DENSE`], by code point: a
    /// lookup per letter is the hot path, and an array beats a hash there.
    dense: Vec<Vec<Rule>>,
}

/// Code points below this (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic)
/// are looked up in an array.
const DENSE: usize = 0x700;

#[derive(Debug)]
struct Rule {
    /// The source letters after the first one (the first is the map key).
    rest: Vec<char>,
    target: String,
    conditions: Vec<Condition>,
}

#[derive(Debug, Clone)]
enum Condition {
    WordStart(bool),
    WordEnd(bool),
    After(CharSet, bool),
    Before(CharSet, bool),
}

#[derive(Debug, Clone)]
enum CharSet {
    Letter,
    Chars(Vec<char>),
}

impl CharSet {
    fn contains(&self, c: char) -> bool {
        match self {
            CharSet::Letter => is_word_char(c),
            CharSet::Chars(chars) => chars.contains(&c),
        }
    }
}

/// Letters and the marks that belong to them. Apostrophes count as part of a
/// word only between letters (see [`is_word_at`]), since Ukrainian and
/// Belarusian write them inside words (Мар'їна, В'ячеслав).
fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
        || matches!(unicode_script::UnicodeScript::script(&c), unicode_script::Script::Inherited)
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}' | '\u{02B9}')
}

/// Is the character at `i` part of a word, counting an apostrophe between two
/// letters as part of the word?
fn is_word_at(chars: &[char], i: usize) -> bool {
    let Some(&c) = chars.get(i) else { return false };
    if is_word_char(c) {
        return true;
    }
    is_apostrophe(c)
        && i > 0
        && chars.get(i - 1).is_some_and(|&p| is_word_char(p))
        && chars.get(i + 1).is_some_and(|&n| is_word_char(n))
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        // Multi-letter lowercase forms (İ → i̇) are matched as themselves.
        _ => c,
    }
}

impl RuleSet {
    /// Parse a scheme file. `file` names it in error messages.
    pub(crate) fn parse(file: &str, text: &str) -> Result<RuleSet, Error> {
        let mut header = HashMap::new();
        let mut classes: HashMap<String, CharSet> = HashMap::new();
        let mut fold: HashMap<char, char> = HashMap::new();
        classes.insert("letter".into(), CharSet::Letter);
        let mut rules: HashMap<char, Vec<Rule>> = HashMap::new();
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').filter(|f| !f.is_empty()).collect();
            if let Some(key) = fields[0].strip_prefix('@') {
                let value = fields.get(1..).map(|v| v.join(" ")).unwrap_or_default();
                if key == "class" {
                    let (name, chars) = match fields.as_slice() {
                        [_, name, chars] => (*name, *chars),
                        _ => {
                            return Err(Error::table(
                                file,
                                line_no,
                                "a @class line needs a name and its letters: @class<TAB>vowel<TAB>aeiou",
                            ));
                        }
                    };
                    classes.insert(name.to_string(), CharSet::Chars(chars.chars().map(lower).collect()));
                } else if key == "fold" {
                    let pairs = match fields.as_slice() {
                        [_, from, to] if from.chars().count() == to.chars().count() => {
                            from.chars().map(lower).zip(to.chars().map(lower))
                        }
                        _ => {
                            return Err(Error::table(
                                file,
                                line_no,
                                "a @fold line needs two runs of letters of the same length: @fold<TAB>ἀἄ<TAB>αά",
                            ));
                        }
                    };
                    fold.extend(pairs);
                } else {
                    header.insert(key.to_string(), value);
                }
                continue;
            }
            let (source, target, conds) = match fields.as_slice() {
                [s, t] => (*s, *t, ""),
                [s, t, c] => (*s, *t, *c),
                [s] => (*s, "", ""),
                _ => {
                    return Err(Error::table(file, line_no, "expected `source<TAB>target[<TAB>conditions]`"));
                }
            };
            // An explicit empty target is written `∅` so that deleting rules
            // (ь → nothing) are visible in the file.
            let target = if target == "∅" { "" } else { target };
            let mut source_chars = source.chars().map(lower);
            let Some(first) = source_chars.next() else {
                return Err(Error::table(file, line_no, "empty source"));
            };
            let conditions = conds
                .split_whitespace()
                .map(|c| parse_condition(c, &classes).map_err(|m| Error::table(file, line_no, m)))
                .collect::<Result<Vec<_>, _>>()?;
            rules.entry(first).or_default().push(Rule {
                rest: source_chars.collect(),
                target: target.to_string(),
                conditions,
            });
        }
        for list in rules.values_mut() {
            // Stable: among equal keys the file order decides.
            list.sort_by(|a, b| {
                b.rest.len().cmp(&a.rest.len()).then(b.conditions.len().cmp(&a.conditions.len()))
            });
        }
        let mut dense: Vec<Vec<Rule>> = (0..DENSE).map(|_| Vec::new()).collect();
        for (c, slot) in dense.iter_mut().enumerate() {
            if let Some(list) = char::from_u32(c as u32).and_then(|c| rules.remove(&c)) {
                *slot = list;
            }
        }
        Ok(RuleSet { header, fold, rules, dense })
    }

    /// Rewrite `chars`, appending to `out`. Letters without a rule are copied.
    pub(crate) fn apply(&self, chars: &[char], out: &mut String) {
        let lowered: Vec<char> = if self.fold.is_empty() {
            chars.iter().map(|&c| lower(c)).collect()
        } else {
            chars.iter().map(|&c| lower(c)).map(|c| self.fold.get(&c).copied().unwrap_or(c)).collect()
        };
        let mut i = 0;
        while i < chars.len() {
            let c = lowered[i];
            let list = match self.dense.get(c as usize) {
                Some(list) => Some(list),
                None => self.rules.get(&c),
            };
            let rule = list.and_then(|list| list.iter().find(|r| self.matches(r, &lowered, i)));
            match rule {
                Some(rule) => {
                    let len = 1 + rule.rest.len();
                    push_cased(out, &rule.target, chars, i, len);
                    i += len;
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
    }

    fn matches(&self, rule: &Rule, lowered: &[char], i: usize) -> bool {
        let end = i + 1 + rule.rest.len();
        if lowered.get(i + 1..end) != Some(rule.rest.as_slice()) {
            return false;
        }
        rule.conditions.iter().all(|cond| match cond {
            Condition::WordStart(want) => (i == 0 || !is_word_at(lowered, i - 1)) == *want,
            Condition::WordEnd(want) => is_word_at(lowered, end) != *want,
            Condition::After(set, want) => {
                (i > 0 && lowered.get(i - 1).is_some_and(|&p| set.contains(p))) == *want
            }
            Condition::Before(set, want) => lowered.get(end).is_some_and(|&n| set.contains(n)) == *want,
        })
    }
}

fn parse_condition(text: &str, classes: &HashMap<String, CharSet>) -> Result<Condition, String> {
    let (positive, body) = match text.strip_prefix('!') {
        Some(rest) => (false, rest),
        None => (true, text),
    };
    let set = |spec: &str| -> Result<CharSet, String> {
        if let Some(inner) = spec.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            return Ok(CharSet::Chars(inner.chars().map(lower).collect()));
        }
        classes.get(spec).cloned().ok_or_else(|| {
            format!(
                "unknown class `{spec}`: define it with @class before this line, or write letters in brackets"
            )
        })
    };
    match body {
        "start" => Ok(Condition::WordStart(positive)),
        "end" => Ok(Condition::WordEnd(positive)),
        _ => {
            if let Some(spec) = body.strip_prefix("after=") {
                Ok(Condition::After(set(spec)?, positive))
            } else if let Some(spec) = body.strip_prefix("before=") {
                Ok(Condition::Before(set(spec)?, positive))
            } else {
                Err(format!(
                    "unknown condition `{text}`: use start, end, after=SET or before=SET (each may start with !)"
                ))
            }
        }
    }
}

/// Append `target` with the case of the source letters `chars[i..i+len]`:
/// lower stays lower, a capital gives a capitalised target, and a capital in
/// an all-capitals word gives an all-capitals target (ЖУК → ZHUK, Жук → Zhuk).
fn push_cased(out: &mut String, target: &str, chars: &[char], i: usize, len: usize) {
    let first = chars[i];
    if !first.is_uppercase() {
        out.push_str(target);
        return;
    }
    let span = &chars[i..i + len];
    let span_caps = span.iter().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    let neighbour_caps = || {
        let next = chars.get(i + len).filter(|c| c.is_alphabetic());
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).filter(|c| c.is_alphabetic());
        match (next, prev) {
            (Some(n), _) => n.is_uppercase(),
            (None, Some(p)) => p.is_uppercase(),
            (None, None) => false,
        }
    };
    let all_caps = span_caps && (span.iter().filter(|c| c.is_alphabetic()).count() > 1 || neighbour_caps());
    if all_caps {
        out.extend(target.chars().flat_map(char::to_uppercase));
    } else {
        let mut t = target.chars();
        if let Some(f) = t.next() {
            out.extend(f.to_uppercase());
            out.push_str(t.as_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rules: &str, text: &str) -> String {
        let set = RuleSet::parse("test", rules).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        set.apply(&chars, &mut out);
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
    }

    #[test]
    fn apostrophe_inside_a_word_is_not_a_word_start() {
        // є after an apostrophe is not word-initial.
        assert_eq!(run(UK, "з'єж"), "z'iezh");
        assert_eq!(run(UK, "' єж"), "' yezh");
    }

    #[test]
    fn folded_letters_match_as_their_targets() {
        let rules = "@fold\tἀἌ\tαά\nαυ\tav\nά\ta\nα\ta\nυ\ty\n";
        assert_eq!(run(rules, "ἀυ Ἄυ ἈΥ"), "av Ay AV");
        let err = RuleSet::parse("x.rules", "@fold\tἀἄ\tα\n").unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("x.rules:1"));
    }

    #[test]
    fn bad_rules_are_reported_with_their_line() {
        let err = RuleSet::parse("x.rules", "а\ta\nб\tb\tafter=nothing\n").unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("x.rules:2"));
        let err = RuleSet::parse("x.rules", "а\ta\tsometimes\n").unwrap_err();
        assert!(err.to_string().contains("unknown condition"), "{err}");
    }
}
