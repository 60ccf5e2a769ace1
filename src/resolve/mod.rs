//! Resolving one name to the entities it may stand for, with scores.
//!
//! The path of a query: exact alias (case-insensitive) → the same match key
//! → the same words in another order → the same letters without spaces →
//! word alignment ([`score`]) over candidates found through the key index
//! ([`index`]). Every step's score is fixed or computed in 0..1 and means:
//!
//! | score | meaning |
//! |---|---|
//! | 1.0 | the query is an alias, letter for letter (case aside) |
//! | 0.98 | the same match key: the same name in another script or romanization |
//! | 0.96 / 0.95 | the same key words in another order / without spaces |
//! | 0.9 | the query is the alias with one word left out (a surname alone; not the first word of a place's name: 0.75); a key match across a script whose romanization drops letters (Arabic, Hebrew, Hangul) |
//! | 0.8 – 0.94 | letters differ as spellings of one name do: accepted by default |
//! | below 0.8 | a different name more often than not: rejected by default |
//!
//! A fuzzy score (below 0.95) is a product over the words ([`score`]): each
//! aligned pair costs `similarity^p`, where the similarity is 1 minus a
//! weighted edit distance over the longer length and `p` says how much a
//! letter tells: 3.5 for people's names (94% of the letters must agree to
//! pass 0.8), 1 when the query is in another script than Latin and the
//! alias's (80% after romanization), 0.8 for two spellings of a place in
//! one script (76%: Menila, Manila). An alias word left out costs 0.9 (0.75
//! for the first word of a place's name: York is not New York), an extra
//! query word 0.5 (0.8 for a word of up to three letters in a place's
//! name). A query in Latin letters that is the name of a real city
//! ([`known_places`]: Irbit) keeps half its score against any place that
//! city is not (Irbid): letters cannot tell a town a letter away from a
//! spelling of the same place, knowing the towns can. Measured on the dev
//! split (`nomen eval resolve`, run by `tests/resolve_eval.rs`), the
//! default threshold accepts the right entity for 61% of the positive
//! queries, another for 2.6%, and none of the 177 near-miss negatives; at
//! 0.75, 66% and 0.6% of the negatives (its table of thresholds).

pub(crate) mod given_names;
pub(crate) mod index;
mod known_places;
mod place_words;
mod romanization;
mod score;

use std::collections::HashMap;

use serde::Serialize;

use crate::normalize::tokens::{ScriptClass, script_class};
use crate::normalize::{MatchKey, fold_case};
use crate::registry::{Alias, AliasType, Entity, Kind, Registry};
pub use score::WordPair;

/// The default acceptance threshold: matches scoring below it are dropped.
pub const DEFAULT_MIN_SCORE: f64 = 0.8;

/// Queries longer than this (in bytes) match nothing: resolving costs time
/// in proportion to the query, and no name is this long.
pub const MAX_QUERY_BYTES: usize = 4096;

/// How close two top scores of different entities must be to call a query
/// ambiguous.
pub const AMBIGUITY_MARGIN: f64 = 0.05;

const SCORE_KEY: f64 = 0.98;
const SCORE_REORDERED: f64 = 0.96;
const SCORE_JOINED: f64 = 0.95;
/// What a key match loses when one side is written in a script whose
/// romanization drops letters (Arabic, Hebrew, Hangul…): its key is a
/// skeleton that unrelated names share (كاياو, Callao, folds like Kyiv).
const CROSS_SCRIPT_PENALTY: f64 = 0.08;
/// Below this best score of a query's candidates, its letters met no name
/// at all (a word similarity under 0.5 aligns nothing): the candidates
/// missed it, and the consonant skeleton is looked up (see `gather`).
const NO_CANDIDATE: f64 = 0.5;
/// A fuzzy match can never look as good as a key match.
const FUZZY_CAP: f64 = 0.94;
/// What a fuzzy match to a place keeps of its score when the query, in
/// Latin letters, is the name of a known city that the place is not
/// ([`known_places`]): Irbit is a town of its own, no misspelling of Irbid.
const OTHER_PLACE: f64 = 0.5;
/// What a match through another reading of the query (a Wade–Giles name
/// read as pinyin: [`romanization`]) keeps of its score: the reading may be
/// wrong where the old spelling is ambiguous (chu: zhu or ju).
const READING: f64 = 0.97;

/// A candidate match: an alias, its score, how it was found, and through
/// which of the query's other readings (none: the query as written).
struct Found {
    alias: u32,
    score: f64,
    /// The score before a cross-script match was capped: among equal
    /// scores, the closer letters rank first.
    letters: f64,
    method: Method,
    reading: Option<usize>,
    /// The known city the query names, held against the match.
    other_place: Option<known_places::KnownPlace>,
}

/// How a match was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The query is an alias, ignoring case.
    Exact,
    /// Query and alias share a match key.
    Key,
    /// The same key words in another order (Jinping Xi).
    Reordered,
    /// The same key letters, spaces aside (Jongun, Jong-un).
    Joined,
    /// Some of the alias's words, each equal (a surname alone).
    Partial,
    /// Words aligned with differences.
    Fuzzy,
    /// An inflected form in text (Зеленського), matched through its stem.
    Inflected,
    /// A short mention linked to a full mention earlier in the document.
    Coref,
}

impl Method {
    /// The name used in output: `exact`, `key`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Key => "key",
            Method::Reordered => "reordered",
            Method::Joined => "joined",
            Method::Partial => "partial",
            Method::Fuzzy => "fuzzy",
            Method::Inflected => "inflected",
            Method::Coref => "coref",
        }
    }
}

/// Options for [`Resolver::resolve_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResolveOptions {
    /// At most this many matches (default 3).
    pub top: usize,
    /// Drop matches scoring below this (default [`DEFAULT_MIN_SCORE`]).
    pub min_score: f64,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions { top: 3, min_score: DEFAULT_MIN_SCORE }
    }
}

/// One entity a query may stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'r> {
    /// The entity.
    pub entity: Entity<'r>,
    /// The alias that matched best.
    pub alias: Alias<'r>,
    /// Score in 0..1 (see the module docs for what it means).
    pub score: f64,
    /// How the alias was matched.
    pub method: Method,
    /// The word pairs behind a partial or fuzzy score.
    pub pairs: Vec<WordPair>,
    /// The known city the query names, when the entity is another place
    /// (the table row, the city): its score is halved for it.
    pub other_place: Option<String>,
}

/// The result of resolving one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'r> {
    /// The query as given.
    pub query: String,
    /// Its match key (without a possessive ending: Zelensky’s → zelenski).
    pub key: MatchKey,
    /// The best matches, best first, one per entity.
    pub matches: Vec<Match<'r>>,
    /// Two different entities score within [`AMBIGUITY_MARGIN`] at the top.
    pub ambiguous: bool,
}

impl<'r> Resolution<'r> {
    /// The best match, if any passed the threshold.
    pub fn best(&self) -> Option<&Match<'r>> {
        self.matches.first()
    }
}

/// Resolves names against a [`Registry`].
///
/// Building a resolver indexes every alias once; each query then looks at
/// the few aliases that share a key, a word or a word prefix with it.
///
/// # Example
/// ```
/// use nomen::{Registry, Resolver};
///
/// let registry = Registry::builtin()?;
/// let resolver = Resolver::new(&registry);
/// for spelling in ["Zelenskyy", "Zelenskiy", "Selenskyj", "Zełenski", "Зеленський", "泽连斯基"] {
///     let best = resolver.resolve(spelling).matches.first().map(|m| m.entity.id());
///     assert_eq!(best, Some("person:volodymyr-zelenskyy"), "{spelling}");
/// }
/// assert!(resolver.resolve("Zelenko").matches.is_empty());
/// # Ok::<(), nomen::Error>(())
/// ```
#[derive(Debug)]
pub struct Resolver<'r> {
    registry: &'r Registry,
    index: &'r index::Index,
}

impl<'r> Resolver<'r> {
    /// A resolver over `registry`. The registry's index is built on the
    /// first call (a second resolver over the same registry shares it), or
    /// comes from a snapshot ([`crate::RegistryBuilder::cache`]).
    pub fn new(registry: &'r Registry) -> Resolver<'r> {
        Resolver { registry, index: registry.index() }
    }

    /// The registry this resolver reads.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// The entity `name` is an alias of, letter for letter (case aside; or
    /// marks aside, by the aliases of its script with its match key), when it
    /// is an alias of that entity only: a name the tables know as written,
    /// with no scoring. `nomen translit --names` writes such a name
    /// as its entity's name instead of transliterating it.
    ///
    /// # Example
    /// ```
    /// use nomen::{Registry, Resolver};
    ///
    /// let registry = Registry::builtin()?;
    /// let resolver = Resolver::new(&registry);
    /// let english = |name: &str| match resolver.named(name) {
    ///     Some(entity) => entity.name().to_string(),
    ///     None => nomen::transliterate(name),
    /// };
    /// assert_eq!(english("Αθήνα"), "Athens");
    /// assert_eq!(english("القاهرة"), "Cairo");
    /// assert_eq!(english("Μόσχα"), "Moscow");
    /// assert_eq!(english("ΜΟΣΧΑ"), "Moscow"); // marks and case aside
    /// assert_eq!(english("Μόσχας"), "Moschas"); // an inflected form is no alias
    /// # Ok::<(), nomen::Error>(())
    /// ```
    pub fn named(&self, name: &str) -> Option<Entity<'r>> {
        if name.len() > MAX_QUERY_BYTES {
            return None;
        }
        let exact = self.index.exact.get(fold_case(name.trim()));
        if exact.len() > 0 {
            return self.one_entity(exact.iter());
        }
        // Marks aside (ΑΘΗΝΑ, capitals without accents, is Αθήνα): the
        // aliases that share its key and its letters.
        let (aliases, letters) = (self.registry.aliases(), bare_letters(name));
        let same_letters =
            |&a: &u32| aliases.get(a as usize).is_some_and(|x| bare_letters(x.name()) == letters);
        self.one_entity(self.index.by_key.get(MatchKey::new(name).as_str()).iter().filter(same_letters))
    }

    /// The entity of all of `aliases`, if they have one.
    fn one_entity(&self, aliases: impl Iterator<Item = u32>) -> Option<Entity<'r>> {
        let mut found: Option<Entity<'r>> = None;
        for a in aliases {
            let entity = self.registry.alias_at(a as usize)?.entity();
            match found {
                Some(f) if f.id() != entity.id() => return None,
                _ => found = Some(entity),
            }
        }
        found
    }

    /// Resolve with the default options.
    pub fn resolve(&self, query: &str) -> Resolution<'r> {
        self.resolve_with(query, &ResolveOptions::default())
    }

    /// Resolve `query`: its best matches above `options.min_score`.
    ///
    /// A query longer than [`MAX_QUERY_BYTES`] is no name: it matches
    /// nothing, at no cost (its key is not even computed).
    pub fn resolve_with(&self, query: &str, options: &ResolveOptions) -> Resolution<'r> {
        if query.len() > MAX_QUERY_BYTES {
            return Resolution {
                query: query.to_string(),
                key: MatchKey::new(""),
                matches: Vec::new(),
                ambiguous: false,
            };
        }
        let name = strip_possessive(query);
        let key = MatchKey::new(name);
        let mut best: Vec<Found> = Vec::new();
        self.gather(query, name, &key, options, &mut best);
        // The name as the tables would write it (Ta-t'ung: Datong, Džakarta:
        // jakarta, mnsk: منسک), looked up again a little less sure; not when
        // a table writes it as it is (Гуанчжоу is Guangzhou, not also a
        // city whose name is read guangzhou).
        let as_written = best.iter().any(|f| f.score >= 1.0);
        let readings: Vec<(String, MatchKey)> = if as_written {
            Vec::new()
        } else {
            let keyed = |r: String| {
                let key = MatchKey::new(&r);
                (r, key)
            };
            // (Of several ways to read a name, those the registry has a key
            // for: see `romanization::readings`.)
            let known = |text: &str| {
                let key = MatchKey::new(text);
                self.index.by_key.get(key.as_str()).len() > 0
                    || self.index.by_joined.get(key.joined()).len() > 0
            };
            romanization::readings(name, &known).into_iter().map(keyed).collect()
        };
        for (n, (text, reading)) in readings.iter().enumerate() {
            let from = best.len();
            self.gather(text, text, reading, options, &mut best);
            for f in &mut best[from..] {
                f.score *= READING;
                f.letters *= READING;
                f.reading = Some(n);
            }
        }
        self.hold_other_places(query, &key, &readings, &mut best);
        self.rank(query, key, &readings, best, options)
    }

    /// A query in Latin letters that is the name of a known city (Irbit:
    /// [`known_places`]), as written or read another way (Ta-ch'ing:
    /// Daqing), names that city: a place it matched by letters or through
    /// another reading of it is held to [`OTHER_PLACE`] of its score,
    /// unless one of the city's names is one of the place's (Kyiv, a known
    /// city, and a registry's Kiev).
    fn hold_other_places(
        &self,
        query: &str,
        key: &MatchKey,
        readings: &[(String, MatchKey)],
        found: &mut [Found],
    ) {
        let latin = |text: &str| first_script(text) == Some(unicode_script::Script::Latin);
        let by_letters =
            |f: &Found| f.reading.is_some() || matches!(f.method, Method::Fuzzy | Method::Partial);
        if !found.iter().any(by_letters) || !latin(query) {
            return;
        }
        let read = readings.iter().filter(|(text, _)| latin(text)).map(|(_, k)| k);
        let cities: Vec<_> =
            std::iter::once(key).chain(read).flat_map(|k| known_places::named(k.as_str())).collect();
        if cities.is_empty() {
            return;
        }
        let aliases = self.registry.aliases();
        for f in found.iter_mut().filter(|f| by_letters(f) && !self.index.traits(f.alias).person) {
            let Some(entity) = aliases.get(f.alias as usize).map(|a| a.entity_number()) else { continue };
            let of_entity = |k: &MatchKey| {
                self.index
                    .by_key
                    .get(k.as_str())
                    .iter()
                    .any(|b| aliases.get(b as usize).is_some_and(|x| x.entity_number() == entity))
            };
            if !cities.iter().flat_map(|c| c.keys()).any(of_entity) {
                f.score *= OTHER_PLACE;
                f.other_place = cities.first().copied();
            }
        }
    }

    /// The aliases `name` (`query` without a possessive ending) may stand
    /// for with their scores, added to `best`.
    fn gather(
        &self,
        query: &str,
        name: &str,
        key: &MatchKey,
        options: &ResolveOptions,
        best: &mut Vec<Found>,
    ) {
        let query_class = script_class(query);
        let aliases = self.registry.aliases();
        let alias_name_of = |a: u32| aliases.get(a as usize).map_or("", |x| x.name());
        let alias_class_of = |a: u32| script_class(alias_name_of(a));
        // The best score any alias reached, offered or not: the skeleton is
        // a last resort, whatever the caller's threshold.
        let strongest = std::cell::Cell::new(0.0f64);
        let mut offer = |alias: u32, score: f64, method: Method| {
            strongest.set(strongest.get().max(score));
            let alias_class = alias_class_of(alias);
            let other = |c: ScriptClass| matches!(c, ScriptClass::Other(_));
            let skeleton_pair = alias_class != query_class && (other(query_class) || other(alias_class));
            let capped = match method {
                Method::Exact => score,
                // Letters compared through another script's romanization
                // differ for reasons the romanization hides (tones, vowels):
                // the word similarity already allows for that
                // (`score::align`, its cross-script power). It still never
                // looks as good as a key match across the same scripts
                // (아덴 is Aden before it is Adana).
                Method::Fuzzy if skeleton_pair => score.min(SCORE_KEY - CROSS_SCRIPT_PENALTY - 0.01),
                Method::Fuzzy => score,
                _ if skeleton_pair => score - CROSS_SCRIPT_PENALTY,
                _ => score,
            };
            best.push(Found {
                alias,
                score: capped,
                letters: score,
                method,
                reading: None,
                other_place: None,
            });
        };
        // The query as written first: an alias may end in what looks like
        // a possessive (Tsan'syan').
        let exact = self.index.exact.get(fold_case(query.trim()));
        let exact = if exact.len() == 0 { self.index.exact.get(fold_case(name.trim())) } else { exact };
        for a in exact.iter() {
            offer(a, 1.0, Method::Exact);
        }
        if !key.is_empty() {
            for a in self.index.by_key.get(key.as_str()).iter() {
                offer(a, SCORE_KEY, Method::Key);
            }
            let joined = key.joined();
            let one_word = !key.as_str().contains(' ');
            // One-word aliases are filed by their key alone (see `index`).
            let reordered = if one_word {
                Default::default()
            } else {
                self.index.by_sorted.get(index::sorted_words(key))
            };
            let run_together = if one_word { Default::default() } else { self.index.by_key.get(&joined) };
            for a in reordered.iter() {
                offer(a, SCORE_REORDERED, Method::Reordered);
            }
            for a in self.index.by_joined.get(&joined).iter().chain(run_together.iter()) {
                offer(a, SCORE_JOINED, Method::Joined);
            }
            let words: Vec<&str> = key.words().collect();
            // Only the query's own script decides: a Latin query's vowels
            // are information (Zelinsky is not ゼレンスキー, zerensuki).
            let skeletons = skeleton_script(query);
            let query_script = first_script(query);
            // Aliases of one key (a name's romanizations, its native form)
            // score alike: each key is aligned once per kind of alias.
            let candidates = self.index.candidates(key);
            let mut scored: HashMap<(&str, bool, bool), (f64, bool), crate::util::FastHash> =
                HashMap::with_capacity_and_hasher(candidates.len(), Default::default());
            let mut alias_words: Vec<&str> = Vec::new();
            let mut memo = score::Memo::with_capacity(candidates.len() * words.len());
            // The candidates, then (once, if they met nothing) the skeleton's.
            let mut pending = Some(candidates);
            let mut skeleton_looked_up = false;
            while let Some(candidates) = pending.take() {
                // What scoring needs of each candidate, looked up for all of
                // them first: at a million aliases each lookup misses the
                // cache, and lookups independent of one another overlap,
                // where a loop that aligns in between waits for each.
                let looked_up: Vec<(u32, &str, bool, bool)> = candidates
                    .iter()
                    .filter_map(|&a| {
                        let alias_key = self.index.keys.get(a as usize)?;
                        let traits = self.index.traits(a);
                        Some((a, alias_key, traits.person, cross_script(query_script, traits.script)))
                    })
                    .collect();
                for (a, alias_key, strict, cross) in looked_up {
                    let (score, all_equal) = *scored.entry((alias_key, strict, cross)).or_insert_with(|| {
                        alias_words.clear();
                        alias_words.extend(alias_key.split(' '));
                        let al = score::align_with(
                            &words,
                            &alias_words,
                            skeletons,
                            strict,
                            cross,
                            false,
                            &mut memo,
                        );
                        (al.score, al.all_equal)
                    });
                    let (score, method) = if all_equal {
                        (score.min(FUZZY_CAP.max(score::MISSING)), Method::Partial)
                    } else {
                        (score.min(FUZZY_CAP), Method::Fuzzy)
                    };
                    strongest.set(strongest.get().max(score));
                    if score >= options.min_score {
                        offer(a, score, method);
                    }
                }
                // A name in a script that writes few vowels whose letters
                // met no name well enough to accept (ڈربن, drbn) is looked
                // up by its consonant skeleton (Durban), as a last resort:
                // unrelated names share skeletons (ترامب, trmb, is Trump,
                // not Tarnów's trnwb). So is a name in another script whose
                // letters met no name at all (Landan shares no three letters
                // with London); its candidates are still scored by letters.
                let hopeless = if skeletons { DEFAULT_MIN_SCORE } else { NO_CANDIDATE };
                if !skeleton_looked_up && strongest.get() < hopeless {
                    pending = Some(self.index.skeleton_candidates(key));
                    skeleton_looked_up = true;
                }
            }
        }
    }

    /// The matches of `found`, best first, one per entity. `readings` are
    /// the other readings of the query some of them were found through.
    fn rank(
        &self,
        query: &str,
        key: MatchKey,
        readings: &[(String, MatchKey)],
        mut found: Vec<Found>,
        options: &ResolveOptions,
    ) -> Resolution<'r> {
        let aliases = self.registry.aliases();
        // Best score first; among equals the closer letters, the entity
        // with more names (the better known), the canonical name, then
        // table order.
        let names = |f: &Found| self.index.traits(f.alias).names;
        found.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then(y.letters.total_cmp(&x.letters))
                .then_with(|| names(y).cmp(&names(x)))
                .then_with(|| {
                    let canon =
                        |i: u32| aliases.get(i as usize).map(|a| a.alias_type() == AliasType::Canonical);
                    canon(y.alias).cmp(&canon(x.alias))
                })
                .then(x.alias.cmp(&y.alias))
        });
        let mut matches: Vec<Match<'r>> = Vec::new();
        // The matches kept, and a second to tell whether the first is ambiguous.
        let wanted = options.top.max(2);
        for Found { alias: a, score, method, reading, other_place, .. } in found {
            if matches.len() >= wanted {
                break;
            }
            let Some(alias) = aliases.get(a as usize) else { continue };
            if score < options.min_score
                || matches.iter().any(|m| m.alias.entity_number() == alias.entity_number())
            {
                continue;
            }
            let entity = alias.entity();
            // Word pairs are worked out again for the few matches kept.
            let pairs = match (method, self.index.keys.get(a as usize)) {
                (Method::Partial | Method::Fuzzy, Some(alias_key)) => {
                    let (q, text) = match reading.and_then(|n| readings.get(n)) {
                        Some((text, r)) => (r, text.as_str()),
                        None => (&key, query),
                    };
                    let q: Vec<&str> = q.words().collect();
                    let w: Vec<&str> = alias_key.split(' ').collect();
                    let person = entity.kind() == Kind::Person;
                    let cross = cross_script(first_script(text), self.index.traits(a).script);
                    score::align(&q, &w, skeleton_script(text), person, cross, true).pairs
                }
                _ => Vec::new(),
            };
            let other_place = other_place.map(|city| city.describe());
            matches.push(Match { entity, alias, score, method, pairs, other_place });
        }
        let ambiguous = match matches.as_slice() {
            [first, second, ..] => first.score - second.score < AMBIGUITY_MARGIN,
            _ => false,
        };
        matches.truncate(options.top);
        Resolution { query: query.to_string(), key, matches, ambiguous }
    }
}

/// Is `name` written in a script whose romanization drops vowels (Arabic,
/// Hebrew) or adds its own (Hangul, kana), so that words are also compared
/// by their consonant skeletons? (Not Han: its syllables' skeletons are few
/// and shared by unrelated names.)
fn skeleton_script(name: &str) -> bool {
    use unicode_script::{Script, UnicodeScript};
    name.chars().find(|c| c.is_alphabetic()).is_some_and(|c| {
        matches!(
            c.script(),
            Script::Arabic
                | Script::Hebrew
                | Script::Syriac
                | Script::Thaana
                | Script::Hangul
                | Script::Hiragana
                | Script::Katakana
        )
    })
}

/// A name's letters in lower case without their marks (Αθήνα, ΑΘΗΝΑ: αθηνα),
/// final sigma as any sigma.
fn bare_letters(name: &str) -> String {
    crate::normalize::fold::lower_unmarked(name.trim()).map(|c| if c == 'ς' { 'σ' } else { c }).collect()
}

/// Is a query whose first letter is of script `query` written in a script
/// other than Latin and other than the alias's (`alias`: the
/// [`index::script_code`] of the alias's first letter)? Then the query was
/// compared through nomen's romanization, one convention among the several
/// a name's Latin spellings follow, so its letters differ from the alias's
/// for reasons of the romanization. A Latin query is as its writer spelt
/// it: compared with a romanized alias (喀什, kashen) it is held to its
/// letters.
fn cross_script(query: Option<unicode_script::Script>, alias: u8) -> bool {
    query.is_some_and(|q| q != unicode_script::Script::Latin) && index::script_code(query) != alias
}

/// The script of the first letter of `text`.
fn first_script(text: &str) -> Option<unicode_script::Script> {
    use unicode_script::UnicodeScript;
    text.chars().find(|c| c.is_alphabetic()).map(|c| c.script())
}

/// A name without the possessive ending a query may carry (Zelensky's,
/// Zelensky’s, Burns'): the ending is no part of the name.
fn strip_possessive(query: &str) -> &str {
    let trimmed = query.trim_end();
    for ending in ["'s", "’s", "ʼs", "'S", "’S", "'", "’"] {
        if let Some(stem) = trimmed.strip_suffix(ending) {
            if stem.chars().last().is_some_and(char::is_alphabetic) {
                return stem;
            }
        }
    }
    query
}
