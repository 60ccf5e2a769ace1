//! Finding names in running text, with exact byte offsets.
//!
//! The text is split into words (UAX #29) and each word gets its match key,
//! so offsets always point into the original bytes. Aliases are indexed as
//! sequences of word keys; scanning left to right, the longest sequence that
//! starts at a word wins. Words may be joined by spaces, hyphens or a middle
//! dot, never by a paragraph break. Inflected forms (Зеленського, Kijowa,
//! 김정은이) meet their names through stems ([`inflection`]). A person named in
//! full makes the parts of the name findable alone for the rest of the
//! document ([`coref`]).

mod clitics;
mod coref;
mod designators;
mod inflection;
pub(crate) mod patterns;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::normalize::fold_case;
use crate::normalize::tokens::{ScriptClass, script_class};
use crate::normalize::{self, tokens};
use crate::registry::{Alias, AliasType, Entity, Kind, Registry};
use crate::resolve::Method;
use crate::translit;
use patterns::{Pattern, Patterns};
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

const SCORE_EXACT: f64 = 1.0;
const SCORE_KEY: f64 = 0.98;
const SCORE_INFLECTED: f64 = 0.95;
const SCORE_COREF: f64 = 0.9;
/// A part of the names of several people named in full earlier.
const SCORE_COREF_AMBIGUOUS: f64 = 0.5;
const SCORE_SURNAME: f64 = 0.85;
/// In fuzzy mode ([`Extractor::fuzzy`]), a run of capitalised words that is
/// no alias is taken for a name when the resolver scores it at least this
/// against an alias by letters (Selenskyj, Zelenskij → Zelenskyy): the
/// score of one or two letters off in a name of eight or more.
pub const FUZZY_MENTION_MIN: f64 = 0.9;
/// At most this many words make one fuzzy mention.
const FUZZY_MAX_WORDS: usize = 4;
/// A surname alone is taken for its person without a full mention only if
/// its key has at least this many letters (Putin, Trump, Macron; not Kim,
/// Xi, Li; an ideograph counts three) and no other entity has a name part
/// with the same key.
const MIN_SURNAME_KEY: usize = 5;

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
    /// How it was matched: exact, key, inflected, partial (a distinctive
    /// surname alone), coref, or fuzzy ([`Extractor::fuzzy`]).
    pub method: Method,
    /// The name may stand for another entity as well: a part of the names
    /// of several people named in full earlier in the document (Kim after
    /// Kim Jong-un and Kim Yo-jong). `entity` is the one named last, and
    /// the score is 0.5.
    pub ambiguous: bool,
}

impl Mention<'_> {
    /// The mention's kind: the entity's kind, or `demonym` when an adjective
    /// or demonym (Ukrainian, French) stands for the entity.
    pub fn kind(&self) -> &'static str {
        if self.alias.alias_type() == AliasType::Demonym { "demonym" } else { self.entity.kind().as_str() }
    }
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
///
/// // Inflected forms meet their names through stems.
/// let text = "Встреча Владимира Зеленского с Эммануэлем Макроном в Киеве. Зеленского поддержали.";
/// let found: Vec<(&str, &str)> = extractor
///     .extract(text)
///     .iter()
///     .map(|m| (m.entity.id(), m.method.as_str()))
///     .collect();
/// assert_eq!(found, [
///     ("person:volodymyr-zelenskyy", "inflected"),
///     ("person:emmanuel-macron", "inflected"),
///     ("city:kyiv", "inflected"),
///     ("person:volodymyr-zelenskyy", "coref"),
/// ]);
/// # Ok::<(), nomen::Error>(())
/// ```
#[derive(Debug)]
pub struct Extractor<'r> {
    registry: &'r Registry,
    patterns: &'r Patterns,
    /// Fuzzy mode: misspelled names through the resolver.
    fuzzy: Option<crate::Resolver<'r>>,
    clitics: clitics::Clitics,
    designators: designators::Designators,
    inflection: inflection::Inflection,
}

/// The keys of a word, by its surface form.
#[derive(Debug, Clone)]
struct WordKeys {
    key: String,
    /// Byte length without a possessive ending, and that key.
    without_suffix: Option<(usize, String)>,
    /// Bytes to skip for an elided article, and the key of the rest.
    without_prefix: Option<(usize, String)>,
    /// The stems the word may have if it is inflected: (key, bytes left
    /// out at the start, bytes left out at the end, whether it must be a
    /// whole name word rather than a name's stem).
    stems: Vec<(String, usize, usize, bool)>,
}

/// One word of the text being scanned.
#[derive(Debug)]
struct Word<'t> {
    start: usize,
    end: usize,
    surface: &'t str,
    /// Shared by every occurrence of the same word in the text.
    keys: Rc<WordKeys>,
}

impl Word<'_> {
    fn key(&self) -> &str {
        &self.keys.key
    }
}

impl<'r> Extractor<'r> {
    /// An extractor over `registry`. The registry's patterns are built
    /// on the first call (another extractor over the same registry shares
    /// them), or come from a snapshot ([`crate::RegistryBuilder::cache`]).
    pub fn new(registry: &'r Registry) -> Extractor<'r> {
        Extractor {
            registry,
            patterns: registry.patterns(),
            fuzzy: None,
            clitics: clitics::Clitics::builtin(),
            designators: designators::Designators::builtin(),
            inflection: inflection::Inflection::builtin(),
        }
    }

    /// Also find names written with a letter or two off (Olaf Scholtz,
    /// Zelenskij): a run of up to four capitalised words in a cased script
    /// that matched nothing is resolved, and taken when the resolver
    /// matches it by letters ([`Method::Fuzzy`]) to one entity alone, with
    /// a score of at least [`FUZZY_MENTION_MIN`] (that is the mention's
    /// score), to an alias in the text's own script; a single word at the
    /// start of a sentence is not tried. Off by default: each such run costs a resolve (~1 ms), and
    /// a capitalised word that is no name but looks like one can match.
    ///
    /// # Example
    /// ```
    /// use nomen::{Extractor, Method, Registry};
    ///
    /// let registry = Registry::builtin()?;
    /// let text = "Chancellor Olaf Scholtz met Macron.";
    /// let scholz = |m: &nomen::Mention| m.entity.id() == "person:olaf-scholz";
    /// assert!(!Extractor::new(&registry).extract(text).iter().any(scholz));
    /// let found = Extractor::new(&registry).fuzzy(true).extract(text);
    /// let m = found.iter().find(|m| scholz(m)).unwrap();
    /// assert_eq!((&text[m.start..m.end], m.method), ("Olaf Scholtz", Method::Fuzzy));
    /// # Ok::<(), nomen::Error>(())
    /// ```
    pub fn fuzzy(mut self, on: bool) -> Self {
        self.fuzzy = on.then(|| crate::Resolver::new(self.registry));
        self
    }

    /// A fuzzy mention starting at word `i`: the longest run of capitalised
    /// words from there that resolves by letters to one entity, unless the
    /// same name without word `i` scores as well (a title or a sentence's
    /// first word before the name: Chancellor Olaf Scholtz).
    fn fuzzy_at(&self, text: &str, words: &[Word], i: usize) -> Option<(Mention<'r>, usize)> {
        let (here, n) = self.fuzzy_from(text, words, i)?;
        if n > 1 {
            if let Some((next, _)) = self.fuzzy_from(text, words, i + 1) {
                if next.end == here.end && next.score >= here.score {
                    return None;
                }
            }
        }
        Some((here, n))
    }

    fn fuzzy_from(&self, text: &str, words: &[Word], i: usize) -> Option<(Mention<'r>, usize)> {
        let resolver = self.fuzzy.as_ref()?;
        let mut run = 0;
        while i + run < words.len() && run < FUZZY_MAX_WORDS {
            let w = &words[i + run];
            let cased = w.surface.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
            if !cased || (run > 0 && !joinable(&text[words[i + run - 1].end..w.start])) {
                break;
            }
            run += 1;
        }
        let options = crate::ResolveOptions { top: 2, min_score: FUZZY_MENTION_MIN };
        (1..=run).rev().find_map(|n| {
            let (start, end) = (words[i].start, words[i + n - 1].end);
            let r = resolver.resolve_with(&text[start..end], &options);
            let best = r.matches.first().filter(|m| m.method == Method::Fuzzy && !r.ambiguous)?;
            let letters: usize = words[i..i + n].iter().map(|w| key_letters(w.key())).sum();
            // Letters compared across scripts differ for reasons of the
            // romanization (Министр, Munster); and a sentence's first word
            // is capitalised whether or not it is a name.
            let script = |s: &str| s.chars().find(|c| c.is_alphabetic()).map(|c| c.script());
            let same_script = script(best.alias.name()) == script(&text[start..end]);
            let alone_first = n == 1 && sentence_start(text, start);
            (letters >= MIN_SURNAME_KEY && same_script && !alone_first).then(|| {
                let mention = Mention {
                    start,
                    end,
                    entity: best.entity,
                    alias: best.alias,
                    score: best.score,
                    method: Method::Fuzzy,
                    ambiguous: false,
                };
                (mention, n)
            })
        })
    }

    /// Is word `i`, a lone part of a name, followed by a capitalised word
    /// that starts no name? Then it begins a name nomen does not know (Kim
    /// Yo-jong after Kim Jong-un), and is no coreference. (Only what
    /// follows: a capitalised word before a surname is as often a title or,
    /// in German, any noun: Präsident Selenskyj.)
    fn starts_unknown_name(&self, text: &str, words: &[Word], i: usize) -> bool {
        let w = &words[i];
        words.get(i + 1).is_some_and(|next| {
            next.surface.chars().next().is_some_and(char::is_uppercase)
                && joinable(&text[w.end..next.start])
                && self.longest_at(text, words, i + 1).is_none()
        })
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
                // A surname alone after the full name is a coreference,
                // which is surer than the surname's distinctiveness.
                let seen_in_full = found.surname
                    && coref_lookup(&coref, &words[i])
                        .is_some_and(|(links, _, _)| matches!(links, [(e, _)] if *e == a.entity));
                let (score, method) = if seen_in_full {
                    (SCORE_COREF, Method::Coref)
                } else if found.surname {
                    (SCORE_SURNAME, Method::Partial)
                } else if found.exact {
                    (SCORE_EXACT, Method::Exact)
                } else if found.inflected {
                    (SCORE_INFLECTED, Method::Inflected)
                } else {
                    (SCORE_KEY, Method::Key)
                };
                if entity.kind() == Kind::Person && !found.surname && found.words > 1 {
                    let p = &self.patterns.list[found.pattern as usize];
                    let parts = p.words.iter().zip(&p.stems).zip(&p.alone).filter(|(_, alone)| **alone);
                    let keys = parts.flat_map(|((w, stems), _)| std::iter::once(w).chain(stems));
                    coref.full_mention(keys, a.entity, found.alias);
                }
                mentions.push(Mention {
                    start: found.start,
                    end: found.end,
                    entity,
                    alias: a,
                    score,
                    method,
                    ambiguous: false,
                });
                i += found.words;
                continue;
            }
            let w = &words[i];
            if starts_upper(w.surface) {
                let links = coref_lookup(&coref, w).filter(|_| !self.starts_unknown_name(text, &words, i));
                if let Some((links, start, end)) = links {
                    // Several people named in full share the word: the one
                    // named last is the likelier, and the mention says it
                    // may be another.
                    let ambiguous = links.len() > 1;
                    if let Some(a) = links.last().and_then(|&(_, alias)| aliases.get(alias as usize)) {
                        let entity = self.registry.entity_of(a);
                        mentions.push(Mention {
                            start,
                            end,
                            entity,
                            alias: a,
                            score: if ambiguous { SCORE_COREF_AMBIGUOUS } else { SCORE_COREF },
                            method: Method::Coref,
                            ambiguous,
                        });
                        i += 1;
                        continue;
                    }
                }
                if let Some((mention, n)) = self.fuzzy_at(text, &words, i) {
                    mentions.push(mention);
                    i += n;
                    continue;
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
        cache: &mut HashMap<&'t str, Rc<WordKeys>>,
    ) -> Word<'t> {
        let surface = &text[t.start..t.end];
        let keys = cache
            .entry(surface)
            .or_insert_with(|| {
                let key_of = |s: &str| text_key(s, hint, &self.designators);
                // Only capitalised words (or words of uncased scripts) can
                // be names, so only they are worth stemming.
                let stems = if starts_upper(surface) {
                    let mut s: Vec<(String, usize, usize, bool)> = self
                        .inflection
                        .text_stems(surface)
                        .iter()
                        .map(|s| (key_of(&s.text), s.trim_start, s.trim_end, s.whole))
                        .collect();
                    s.retain(|(k, _, _, _)| !k.is_empty());
                    s
                } else {
                    Vec::new()
                };
                Rc::new(WordKeys {
                    key: key_of(surface),
                    without_suffix: self
                        .clitics
                        .strip_suffix(surface)
                        .map(|len| (len, key_of(&surface[..len]))),
                    without_prefix: self
                        .clitics
                        .strip_prefix(surface)
                        .map(|skip| (skip, key_of(&surface[skip..]))),
                    stems,
                })
            })
            .clone();
        Word { start: t.start, end: t.end, surface, keys }
    }

    /// The longest alias starting at word `i`; among aliases of one length,
    /// one written exactly as in the text wins, then one matched without
    /// inflection, then table order.
    fn longest_at(&self, text: &str, words: &[Word], i: usize) -> Option<Found> {
        let first = words.get(i)?;
        // The first word as written, without an elided article, without a
        // possessive ending (one-word names only), or inflected.
        // The possessive view comes first: among equal matches the first
        // view wins, and a name ending in s keeps its key with the ending.
        // (start, end, key, one-word names only, inflected, whole words only)
        let mut views: Vec<(usize, usize, &str, bool, bool, bool)> = Vec::new();
        if let Some((len, key)) = &first.keys.without_suffix {
            views.push((first.start, first.start + len, key.as_str(), true, false, true));
        }
        views.push((first.start, first.end, first.key(), false, false, true));
        if let Some((skip, key)) = &first.keys.without_prefix {
            views.push((first.start + skip, first.end, key.as_str(), false, false, true));
        }
        for (stem, trim_start, trim_end, whole) in &first.keys.stems {
            views.push((first.start + trim_start, first.end - trim_end, stem.as_str(), false, true, *whole));
        }
        let mut best: Option<Found> = None;
        for (start, first_end, key, single_only, inflected, whole) in views {
            if !starts_upper(&text[start..first_end]) {
                continue;
            }
            let index = if whole { &self.patterns.by_first } else { &self.patterns.by_first_stem };
            for &pi in index.get(key).map(Vec::as_slice).unwrap_or_default() {
                let p = &self.patterns.list[pi as usize];
                let n = p.words.len();
                if best.as_ref().is_some_and(|b| b.words > n) {
                    break;
                }
                if single_only && n > 1 || inflected && p.exact_case.is_some() {
                    continue;
                }
                if p.common && sentence_start(text, start) {
                    continue;
                }
                if let Some((end, later_inflected)) = matches(text, words, i, (start, first_end), p) {
                    let exact = exact_form(&text[start..end]) == p.exact;
                    let same_script = p.script == first_script(first.surface);
                    let inflected = inflected || later_inflected;
                    let found = Found {
                        words: n,
                        start,
                        end,
                        pattern: pi,
                        alias: p.alias,
                        exact,
                        inflected,
                        surname: p.surname,
                        same_script,
                    };
                    if best.as_ref().is_none_or(|b| self.rank(&found) > self.rank(b)) {
                        best = Some(found);
                    }
                }
            }
        }
        best
    }
}

impl Extractor<'_> {
    /// How good a match is, compared in this order: more words; a full name
    /// over a surname alone; letter for letter over through the key; in the
    /// text's script; not inflected; the more prominent entity (the one
    /// with more names in the tables: Moscow over a town that shares one of
    /// its spellings); the earlier table row.
    fn rank(&self, f: &Found) -> (usize, bool, bool, bool, bool, u32, std::cmp::Reverse<u32>) {
        let prominence = self
            .registry
            .aliases()
            .get(f.alias as usize)
            .and_then(|a| self.patterns.prominence.get(a.entity))
            .copied()
            .unwrap_or(0);
        (f.words, !f.surname, f.exact, f.same_script, !f.inflected, prominence, std::cmp::Reverse(f.alias))
    }
}

/// The (entity, alias) pairs a lone word links to, and its span.
type CorefHit<'c> = (&'c [(usize, u32)], usize, usize);

/// The people a lone word names, seen in full earlier (as written, without
/// a possessive, or inflected), and the word's span.
fn coref_lookup<'c>(coref: &'c coref::Coref, w: &Word) -> Option<CorefHit<'c>> {
    if let Some(hit) = coref.lookup(w.key()) {
        return Some((hit, w.start, w.end));
    }
    if let Some((len, key)) = &w.keys.without_suffix {
        if let Some(hit) = coref.lookup(key) {
            return Some((hit, w.start, w.start + len));
        }
    }
    w.keys.stems.iter().find_map(|(s, trim_start, trim_end, _)| {
        coref.lookup(s).map(|hit| (hit, w.start + trim_start, w.end - trim_end))
    })
}

/// A match of a pattern in the text.
#[derive(Debug)]
struct Found {
    words: usize,
    start: usize,
    end: usize,
    pattern: u32,
    alias: u32,
    /// The text is the alias letter for letter (case and spacing aside).
    exact: bool,
    /// Some word matched only through its stem.
    inflected: bool,
    /// Matched a person's surname alone.
    surname: bool,
    /// The name is written in the script of the text.
    same_script: bool,
}

/// How a name compares for an exact match: case-folded, one kind of
/// apostrophe, any run of spaces or line breaks as one space.
fn exact_form(s: &str) -> String {
    let folded = fold_apostrophes(&fold_case(s));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does pattern `p`, whose first word is known to match `first` (a byte
/// span of word `i`), match the words that follow? Returns the end of the
/// match (the last word may carry a possessive ending) and whether a later
/// word matched only through its stem.
fn matches(
    text: &str,
    words: &[Word],
    i: usize,
    first: (usize, usize),
    p: &Pattern,
) -> Option<(usize, bool)> {
    let n = p.words.len();
    let span = words.get(i..i + n)?;
    let mut spans = Vec::with_capacity(n);
    let mut inflected = false;
    spans.push(first);
    for (j, w) in span.iter().enumerate().skip(1) {
        if !joinable(&text[span[j - 1].end..w.start]) {
            return None;
        }
        let key = &p.words[j];
        // A possessive is tried first: a name ending in s keeps its key with
        // the ending on (Yetsopulos's folds to the key of Yetsopulos).
        let end =
            if let Some((len, _)) = w.keys.without_suffix.as_ref().filter(|(_, k)| k == key && j + 1 == n) {
                w.start + len
            } else if w.key() == key {
                w.end
            } else if let Some((_, _, trim_end, _)) = w.keys.stems.iter().find(|(s, _, _, whole)| {
                p.exact_case.is_none() && if *whole { s == key } else { p.stems[j].contains(s) }
            }) {
                inflected = true;
                w.end - trim_end
            } else {
                return None;
            };
        spans.push((w.start, end));
    }
    if let Some(surfaces) = &p.exact_case {
        if !spans.iter().zip(surfaces).all(|(&(s, e), want)| &text[s..e] == want) {
            return None;
        }
    }
    // A designator in lower case describes the name and is not part of it.
    let end = match spans.as_slice() {
        [.., (_, name_end), (s, e)] if p.words.last().is_some_and(|w| w == designators::KEY) => {
            if starts_upper(&text[*s..*e]) {
                *e
            } else {
                *name_end
            }
        }
        _ => spans.last().map(|&(_, e)| e)?,
    };
    Some((end, inflected))
}

/// The words of a name as a pattern (alias and flags are set by the
/// caller), with where each part of the name starts: (word index, byte
/// offset). Parts are separated by spaces or middle dots.
fn pattern(
    name: &str,
    hint: Option<&str>,
    designators: &designators::Designators,
    inflection: &inflection::Inflection,
) -> Option<(Pattern, Vec<(usize, usize)>)> {
    let key_of = |s: &str| text_key(s, hint, designators);
    let mut words = Vec::new();
    let mut stems = Vec::new();
    let mut parts = Vec::new();
    let mut prev_end = 0;
    for t in tokens::words(name) {
        let surface = &name[t.start..t.end];
        let key = key_of(surface);
        if key.is_empty() {
            continue;
        }
        let gap = &name[prev_end..t.start];
        if words.is_empty() || gap.chars().any(|c| c.is_whitespace() || matches!(c, '·' | '・')) {
            parts.push((words.len(), t.start));
        }
        prev_end = t.end;
        let mut s: Vec<String> = inflection.name_stems(surface).iter().map(|s| key_of(s)).collect();
        s.retain(|k| !k.is_empty());
        s.dedup();
        stems.push(s);
        words.push(key);
    }
    let mut alone = vec![false; words.len()];
    for (k, &(w, _)) in parts.iter().enumerate() {
        let next = parts.get(k + 1).map_or(words.len(), |&(w, _)| w);
        if next == w + 1 {
            alone[w] = true;
        }
    }
    let pattern = Pattern {
        words,
        stems,
        alone,
        script: first_script(name),
        alias: 0,
        exact_case: None,
        exact: exact_form(name),
        surname: false,
        common: false,
    };
    (!pattern.words.is_empty()).then_some((pattern, parts))
}

fn first_script(word: &str) -> Option<Script> {
    word.chars().find(|c| c.is_alphabetic()).map(|c| c.script())
}

/// The key of a word for scanning text. Unlike a resolver's match key it
/// keeps scripts apart where romanization is too lossy to compare across
/// them: ideographs are their own key (北京, not beijing, which one-syllable
/// ideographs everywhere would match), and words of scripts other than
/// Latin, Cyrillic and Greek carry their script (an Arabic or Hebrew word's
/// consonant skeleton would meet unrelated Latin names).
fn text_key(word: &str, hint: Option<&str>, designators: &designators::Designators) -> String {
    match script_class(word) {
        ScriptClass::Ideographic => word.nfkc().collect(),
        ScriptClass::Alphabet => {
            let mut key = String::new();
            normalize::word_key(word, hint, &mut key);
            designators.fold(key)
        }
        ScriptClass::Other(script) => {
            // Folded but not keyed: the glide and doubled-letter folding of
            // match keys would wreck a consonant skeleton (الدعم, الدمام).
            let mut key = String::new();
            normalize::word_folded(word, hint, &mut key);
            if key.is_empty() { key } else { format!("{}:{key}", script.short_name()) }
        }
    }
}

/// How many letters a key stands for, to tell long names from short ones:
/// an ideograph counts as a syllable of three letters.
fn key_letters(key: &str) -> usize {
    match key.split_once(':') {
        // Scripts written without most vowels (Arabic, Hebrew) spell a name
        // in fewer letters: ترامب is trmb.
        Some((_, rest)) => rest.len() + 1,
        None if key.is_ascii() => key.len(),
        None => key.chars().count() * 3,
    }
}

/// The words of a name as written, for letter-for-letter matching.
fn surfaces(name: &str) -> Vec<String> {
    tokens::words(name).map(|t| name[t.start..t.end].to_string()).collect()
}

/// Keys of the common words that are also names (`tables/names/common_words.tsv`).
fn common_words() -> HashSet<String> {
    crate::util::word_keys(include_str!("../../tables/names/common_words.tsv")).collect()
}

/// Does the word at `start` begin a sentence (or the text)?
fn sentence_start(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '«' | '„' | '‘' | '(' | '[')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '…', '。', '！', '？'])
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
