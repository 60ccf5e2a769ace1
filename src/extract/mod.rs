//! Finding names in running text, with exact byte offsets.
//!
//! The text is split into words (UAX #29) and each word gets its match key,
//! so offsets always point into the original bytes. Aliases are indexed as
//! sequences of word keys; scanning left to right, the longest sequence that
//! starts at a word wins. Words may be joined by spaces, hyphens or a middle
//! dot, never by a paragraph break. A person named in full makes the parts
//! of the name findable alone for the rest of the document ([`coref`]).

mod clitics;
mod coref;
mod designators;

use std::collections::HashMap;

use crate::normalize::{self, tokens};
use crate::registry::{Alias, AliasType, Entity, Kind, Registry};
use crate::resolve::{Method, fold_case};
use crate::translit;

const SCORE_EXACT: f64 = 1.0;
const SCORE_KEY: f64 = 0.98;
const SCORE_COREF: f64 = 0.9;

/// A name found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention<'r> {
    /// Byte offset of the first byte of the name in the original text.
    pub start: usize,
    /// Byte offset just past the name (exclusive).
    pub end: usize,
    /// The entity the name stands for.
    pub entity: &'r Entity,
    /// The alias that matched (for coreference: the full mention's alias).
    pub alias: &'r Alias,
    /// Score in 0..1.
    pub score: f64,
    /// How it was matched: exact, key or coref.
    pub method: Method,
}

impl Mention<'_> {
    /// The mention's kind: the entity's kind, or `demonym` when an adjective
    /// or demonym (Ukrainian, French) stands for the entity.
    pub fn kind(&self) -> &'static str {
        if self.alias.alias_type() == AliasType::Demonym { "demonym" } else { self.entity.kind().as_str() }
    }
}

/// An alias as a sequence of word keys.
#[derive(Debug)]
struct Pattern {
    words: Vec<String>,
    alias: u32,
    /// Abbreviations (US, NATO) match only letter for letter, case included,
    /// since their keys are ordinary words (us, nato).
    exact_case: Option<Vec<String>>,
    /// The alias as compared for an exact match ([`exact_form`]).
    exact: String,
}

/// Finds the names of a [`Registry`] in text.
///
/// # Example
/// ```
/// use nomen::{Extractor, Registry};
///
/// let registry = Registry::builtin()?;
/// let extractor = Extractor::new(&registry);
/// let text = "Kyiv’s mayor met Volodymyr Zelenskyy. Later Zelenskyy flew to Paris.";
/// let found: Vec<(&str, &str)> = extractor
///     .extract(text)
///     .iter()
///     .map(|m| (&text[m.start..m.end], m.entity.id()))
///     .collect();
/// assert_eq!(found, [
///     ("Kyiv", "city:kyiv"),
///     ("Volodymyr Zelenskyy", "person:volodymyr-zelenskyy"),
///     ("Zelenskyy", "person:volodymyr-zelenskyy"),
///     ("Paris", "city:paris"),
/// ]);
/// # Ok::<(), nomen::Error>(())
/// ```
#[derive(Debug)]
pub struct Extractor<'r> {
    registry: &'r Registry,
    /// Patterns by their first word key, longest first.
    patterns: HashMap<String, Vec<Pattern>>,
    clitics: clitics::Clitics,
    designators: designators::Designators,
}

/// The keys of a word, by its surface form.
#[derive(Debug)]
struct WordKeys {
    key: String,
    /// Byte length without a possessive ending, and that key.
    without_suffix: Option<(usize, String)>,
    /// Bytes to skip for an elided article, and the key of the rest.
    without_prefix: Option<(usize, String)>,
}

/// One word of the text being scanned.
#[derive(Debug)]
struct Word<'t> {
    start: usize,
    end: usize,
    surface: &'t str,
    key: String,
    /// The word without a possessive ending: (end, key).
    stripped_end: Option<(usize, String)>,
    /// The word without an elided article: (start, key).
    stripped_start: Option<(usize, String)>,
}

impl<'r> Extractor<'r> {
    /// Index the aliases of `registry` for scanning.
    pub fn new(registry: &'r Registry) -> Extractor<'r> {
        let designators = designators::Designators::builtin();
        let mut patterns: HashMap<String, Vec<Pattern>> = HashMap::new();
        for (i, alias) in registry.aliases().iter().enumerate() {
            let name = alias.name();
            let hint = alias.lang().or_else(|| translit::detect_lang(name));
            let mut words = Vec::new();
            let mut surfaces = Vec::new();
            for t in tokens::words(name) {
                let mut key = String::new();
                normalize::word_key(&name[t.start..t.end], hint, &mut key);
                if !key.is_empty() {
                    words.push(designators.fold(key));
                    surfaces.push(name[t.start..t.end].to_string());
                }
            }
            let Some(first) = words.first().cloned() else { continue };
            let exact_case = is_abbreviation(alias).then_some(surfaces);
            let exact = exact_form(name);
            patterns.entry(first).or_default().push(Pattern { words, alias: i as u32, exact_case, exact });
        }
        for list in patterns.values_mut() {
            list.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then(a.alias.cmp(&b.alias)));
        }
        Extractor { registry, patterns, clitics: clitics::Clitics::builtin(), designators }
    }

    /// The registry this extractor reads.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// All mentions in `text`, in text order, never overlapping.
    pub fn extract(&self, text: &str) -> Vec<Mention<'r>> {
        let hint = translit::detect_lang(text);
        let mut cache = HashMap::new();
        let words: Vec<Word> = tokens::words(text).map(|t| self.word(text, t, hint, &mut cache)).collect();
        let aliases = self.registry.aliases();
        let mut mentions = Vec::new();
        let mut coref = coref::Coref::default();
        let mut i = 0;
        while i < words.len() {
            if let Some(found) = self.longest_at(text, &words, i) {
                let Some(a) = aliases.get(found.alias as usize) else { break };
                let entity = self.registry.entity_of(a);
                let (score, method) =
                    if found.exact { (SCORE_EXACT, Method::Exact) } else { (SCORE_KEY, Method::Key) };
                if entity.kind() == Kind::Person && found.words > 1 && a.alias_type() != AliasType::Demonym {
                    coref.full_mention(&words[i..i + found.words], a.entity, found.alias);
                }
                mentions.push(Mention {
                    start: found.start,
                    end: found.end,
                    entity,
                    alias: a,
                    score,
                    method,
                });
                i += found.words;
                continue;
            }
            let w = &words[i];
            if starts_upper(w.surface) {
                let found = coref.lookup(&w.key).map(|hit| (hit, w.end)).or_else(|| {
                    w.stripped_end.as_ref().and_then(|(end, key)| coref.lookup(key).map(|hit| (hit, *end)))
                });
                if let Some(((_, alias), end)) = found {
                    if let Some(a) = aliases.get(alias as usize) {
                        let entity = self.registry.entity_of(a);
                        mentions.push(Mention {
                            start: w.start,
                            end,
                            entity,
                            alias: a,
                            score: SCORE_COREF,
                            method: Method::Coref,
                        });
                    }
                }
            }
            i += 1;
        }
        mentions
    }

    /// The keys of a word as written (the cache makes a repeated word cost
    /// one hash lookup).
    fn word<'t>(
        &self,
        text: &'t str,
        t: tokens::Token,
        hint: Option<&str>,
        cache: &mut HashMap<&'t str, WordKeys>,
    ) -> Word<'t> {
        let surface = &text[t.start..t.end];
        let keys = cache.entry(surface).or_insert_with(|| {
            let key_of = |s: &str| {
                let mut k = String::new();
                normalize::word_key(s, hint, &mut k);
                self.designators.fold(k)
            };
            WordKeys {
                key: key_of(surface),
                without_suffix: self.clitics.strip_suffix(surface).map(|len| (len, key_of(&surface[..len]))),
                without_prefix: self
                    .clitics
                    .strip_prefix(surface)
                    .map(|skip| (skip, key_of(&surface[skip..]))),
            }
        });
        Word {
            start: t.start,
            end: t.end,
            surface,
            key: keys.key.clone(),
            stripped_end: keys.without_suffix.as_ref().map(|(len, k)| (t.start + len, k.clone())),
            stripped_start: keys.without_prefix.as_ref().map(|(skip, k)| (t.start + skip, k.clone())),
        }
    }

    /// The longest alias starting at word `i`; among aliases of one length,
    /// one written exactly as in the text wins, then table order.
    fn longest_at(&self, text: &str, words: &[Word], i: usize) -> Option<Found> {
        let first = words.get(i)?;
        // The first word as written, without an elided article, and (for
        // one-word names) without a possessive ending.
        let mut views = vec![(first.start, first.end, first.key.as_str(), false)];
        if let Some((start, key)) = &first.stripped_start {
            views.push((*start, first.end, key.as_str(), false));
        }
        if let Some((end, key)) = &first.stripped_end {
            views.push((first.start, *end, key.as_str(), true));
        }
        let mut best: Option<Found> = None;
        for (start, first_end, key, single_only) in views {
            if !starts_upper(&text[start..first_end]) {
                continue;
            }
            for p in self.patterns.get(key).map(Vec::as_slice).unwrap_or_default() {
                let n = p.words.len();
                if best.as_ref().is_some_and(|b| b.words > n || (b.words == n && b.exact)) {
                    break;
                }
                if single_only && n > 1 {
                    continue;
                }
                if let Some(end) = matches(text, words, i, (start, first_end), p) {
                    let exact = exact_form(&text[start..end]) == p.exact;
                    if best.as_ref().is_none_or(|b| n > b.words || exact) {
                        best = Some(Found { words: n, start, end, alias: p.alias, exact });
                    }
                }
            }
        }
        best
    }
}

/// A match of a pattern in the text.
#[derive(Debug)]
struct Found {
    words: usize,
    start: usize,
    end: usize,
    alias: u32,
    /// The text is the alias letter for letter (case and spacing aside).
    exact: bool,
}

/// How a name compares for an exact match: case-folded, one kind of
/// apostrophe, any run of spaces or line breaks as one space.
fn exact_form(s: &str) -> String {
    let folded = fold_apostrophes(&fold_case(s));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does pattern `p`, whose first word is known to match `first` (a byte
/// span of word `i`), match the words that follow? Returns the end of the
/// match: the last word may carry a possessive ending.
fn matches(text: &str, words: &[Word], i: usize, first: (usize, usize), p: &Pattern) -> Option<usize> {
    let n = p.words.len();
    let span = words.get(i..i + n)?;
    let mut spans = Vec::with_capacity(n);
    spans.push(first);
    for (j, w) in span.iter().enumerate().skip(1) {
        if !joinable(&text[span[j - 1].end..w.start]) {
            return None;
        }
        let key = &p.words[j];
        let end = if w.key == *key {
            w.end
        } else {
            match &w.stripped_end {
                Some((e, k)) if k == key && j + 1 == n => *e,
                _ => return None,
            }
        };
        spans.push((w.start, end));
    }
    if let Some(surfaces) = &p.exact_case {
        if !spans.iter().zip(surfaces).all(|(&(s, e), want)| &text[s..e] == want) {
            return None;
        }
    }
    // A designator in lower case describes the name and is not part of it.
    match spans.as_slice() {
        [.., (_, name_end), (s, e)] if p.words.last().is_some_and(|w| w == designators::KEY) => {
            Some(if starts_upper(&text[*s..*e]) { *e } else { *name_end })
        }
        _ => spans.last().map(|&(_, e)| e),
    }
}

/// Abbreviations must match with their exact letters: their keys are
/// ordinary words (US → us, WHO → who).
fn is_abbreviation(alias: &Alias) -> bool {
    let name = alias.name();
    alias.alias_type() == AliasType::Abbrev
        || (name.chars().filter(|c| c.is_alphabetic()).count() <= 5
            && name.chars().any(char::is_uppercase)
            && !name.chars().any(char::is_lowercase))
}

/// Names are capitalised in cased scripts; uncased scripts (Han, Arabic)
/// pass.
fn starts_upper(s: &str) -> bool {
    s.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
}

/// May two words of one name stand with this between them? Spaces (not a
/// paragraph break), a hyphen, a middle dot or an apostrophe.
fn joinable(gap: &str) -> bool {
    gap.chars().count() <= 3
        && gap.matches('\n').count() <= 1
        && gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '·' | '・' | '\'' | '’'))
}

fn fold_apostrophes(s: &str) -> String {
    s.chars().map(|c| if translit::is_apostrophe(c) { '\'' } else { c }).collect()
}
