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
mod exact;
mod inflection;
pub(crate) mod patterns;

use std::cell::{OnceCell, RefCell};
use std::hash::BuildHasher;
use std::sync::{Arc, PoisonError, RwLock};

use crate::normalize::tokens::{ScriptClass, Token, script_class};
use crate::normalize::{self, tokens};
use crate::registry::{Alias, AliasType, Entity, Registry};
use crate::resolve::index::script_code;
use crate::resolve::{Method, given_names};
use crate::translit;
use crate::util::FastMap;
use exact::exact_hash;
use patterns::{Edge, Patterns};
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
    pub entity: Entity<'r>,
    /// The alias that matched (for coreference: the full mention's alias).
    pub alias: Alias<'r>,
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
    seen: SeenWords,
}

/// The keys of the words an extractor has read, shared by the documents
/// and threads it reads: news names the same people and places document
/// after document, and keying a word (transliteration, match-key rules,
/// stems) costs a hundred times more than finding it again. Emptied when
/// it holds [`SeenWords::MAX`] words, which bounds its memory (~50 MB).
#[derive(Debug, Default)]
struct SeenWords {
    /// By the language hint the words were keyed with.
    by_hint: RwLock<FastMap<Option<&'static str>, KeysByWord>>,
    hasher: crate::util::FastHash,
}

/// Words and their keys. A word of up to [`INLINE`] bytes (most) is held
/// in the table itself: finding a word compares it with bytes in the
/// table, where a `Box<str>` would send every lookup to another place in
/// memory, seldom in cache.
type KeysByWord = hashbrown::HashTable<(SeenWord, Arc<WordKeys>)>;

/// The longest word held inline: [`SeenWord`] is then as large as a `String`.
const INLINE: usize = 22;

#[derive(Debug)]
enum SeenWord {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl SeenWord {
    fn new(word: &str) -> SeenWord {
        match u8::try_from(word.len()) {
            Ok(len) if word.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..word.len()].copy_from_slice(word.as_bytes());
                SeenWord::Inline { len, bytes }
            }
            _ => SeenWord::Heap(word.as_bytes().into()),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            SeenWord::Inline { len, bytes } => bytes.get(..*len as usize).unwrap_or_default(),
            SeenWord::Heap(bytes) => bytes,
        }
    }
}

impl SeenWords {
    const MAX: usize = 1 << 18;

    fn get(&self, hint: Option<&'static str>, word: &str) -> Option<Arc<WordKeys>> {
        let hash = self.hasher.hash_one(word.as_bytes());
        let by_hint = self.by_hint.read().unwrap_or_else(PoisonError::into_inner);
        let (_, keys) = by_hint.get(&hint)?.find(hash, |(seen, _)| seen.bytes() == word.as_bytes())?;
        Some(Arc::clone(keys))
    }

    fn insert(&self, hint: Option<&'static str>, word: &str, keys: Arc<WordKeys>) {
        let hash = self.hasher.hash_one(word.as_bytes());
        let mut by_hint = self.by_hint.write().unwrap_or_else(PoisonError::into_inner);
        if by_hint.values().map(KeysByWord::len).sum::<usize>() >= Self::MAX {
            by_hint.clear();
        }
        let rehash = |(seen, _): &(SeenWord, Arc<WordKeys>)| self.hasher.hash_one(seen.bytes());
        by_hint.entry(hint).or_default().insert_unique(hash, (SeenWord::new(word), keys), rehash);
    }
}

/// A document read in pieces ([`Extractor::document`]).
#[derive(Debug)]
pub struct Document<'e, 'r> {
    extractor: &'e Extractor<'r>,
    coref: coref::Coref,
}

impl<'r> Document<'_, 'r> {
    /// The mentions in the next piece of the document, with offsets into
    /// `piece`.
    pub fn extract(&mut self, piece: &str) -> Vec<Mention<'r>> {
        self.extractor.scan(piece, &mut self.coref)
    }
}

/// The keys of a word, by its surface form, with their ids in the
/// patterns' vocabulary (none: no pattern has that key).
#[derive(Debug, Clone)]
struct WordKeys {
    key: String,
    id: Option<u32>,
    /// Byte length without a possessive ending, and the id of that key.
    without_suffix: Option<(usize, Option<u32>)>,
    /// Bytes to skip for an elided article, and the id of the rest's key.
    without_prefix: Option<(usize, Option<u32>)>,
    /// The stems the word may have if it is inflected.
    stems: Vec<TextStem>,
    /// Some pattern may start with the word: most capitalised words of a
    /// text start none, and are passed over without a look at the trie.
    starts: bool,
}

/// A stem of a word of the text.
#[derive(Debug, Clone)]
struct TextStem {
    id: Option<u32>,
    /// Its key (for the words of fuzzy mentions, which have no id).
    key: String,
    /// Bytes left out at the start and at the end.
    trim_start: usize,
    trim_end: usize,
    /// It must be a whole name word rather than a name's stem.
    whole: bool,
    /// Too short to stand alone ([`inflection::Stem::short`]).
    short: bool,
}

/// One way a word of the text may stand in a pattern: a byte span of it,
/// the id of its key, and how the trie is walked with it.
#[derive(Debug, Clone, Copy)]
struct View {
    start: usize,
    end: usize,
    id: u32,
    edge: Edge,
    /// Matched through a stem.
    inflected: bool,
    /// It can only be a pattern's last word (a possessive ending).
    last: bool,
    /// Through a stem too short to stand alone: only in a longer name.
    short: bool,
}

impl WordKeys {
    /// The views of word `w` as a pattern's `first` word or a later one. The
    /// possessive view comes first: among equal matches the first view wins,
    /// and a name ending in s keeps its key with the ending on.
    fn views(&self, w: &Token, first: bool) -> impl Iterator<Item = View> {
        let view = |start, end, id: Option<u32>, edge, inflected| {
            id.map(|id| View { start, end, id, edge, inflected, last: false, short: false })
        };
        let suffix = self
            .without_suffix
            .and_then(|(len, id)| view(w.start, w.start + len, id, Edge::Word, false))
            .map(|v| View { last: true, ..v });
        let prefix = self
            .without_prefix
            .filter(|_| first)
            .and_then(|(skip, id)| view(w.start + skip, w.end, id, Edge::Word, false));
        let stems = self.stems.iter().filter_map(move |s| {
            let edge = if s.whole { Edge::Word } else { Edge::Stem };
            view(w.start + s.trim_start, w.end - s.trim_end, s.id, edge, true)
                .map(|v| View { short: s.short, ..v })
        });
        suffix.into_iter().chain(view(w.start, w.end, self.id, Edge::Word, false)).chain(prefix).chain(stems)
    }
}

/// A text being scanned: the words of the window being read, and the keys
/// of each distinct word, made when first needed (most words of a text are
/// lower case and never looked at; a repeated word costs one hash lookup).
struct Scan<'t> {
    /// The whole text (what comes before a window tells a sentence's start).
    text: &'t str,
    /// The words of the window being read, with offsets into `text`.
    words: Vec<Token>,
    /// The language of the text's Cyrillic or Arabic letters, found when a
    /// word with such letters is first keyed: an English text never pays.
    hint: OnceCell<Option<&'static str>>,
    cache: RefCell<FastMap<&'t str, Arc<WordKeys>>>,
    /// The spans of a walk ([`Walk::spans`]), kept from one to the next.
    spans: RefCell<Vec<(usize, usize)>>,
}

impl<'t> Scan<'t> {
    /// Word `i` as written.
    fn surface(&self, i: usize) -> &'t str {
        self.words.get(i).map_or("", |w| &self.text[w.start..w.end])
    }

    fn hint(&self) -> Option<&'static str> {
        *self.hint.get_or_init(|| translit::detect_lang(self.text))
    }

    /// The language hint a word of the text is keyed with: none for an
    /// ASCII word, whose keys never depend on the language.
    fn hint_for(&self, word: &str) -> Option<&'static str> {
        if normalize::is_ascii_word(word) { None } else { self.hint() }
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
            seen: SeenWords::default(),
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
    fn fuzzy_at(&self, scan: &Scan, i: usize) -> Option<(Mention<'r>, usize)> {
        let (here, n) = self.fuzzy_from(scan, i)?;
        if n > 1 {
            if let Some((next, _)) = self.fuzzy_from(scan, i + 1) {
                if next.end == here.end && next.score >= here.score {
                    return None;
                }
            }
        }
        Some((here, n))
    }

    fn fuzzy_from(&self, scan: &Scan, i: usize) -> Option<(Mention<'r>, usize)> {
        let resolver = self.fuzzy.as_ref()?;
        let (text, words) = (scan.text, &scan.words);
        let mut run = 0;
        while i + run < words.len() && run < FUZZY_MAX_WORDS {
            let w = &words[i + run];
            let cased =
                scan.surface(i + run).chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
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
            let letters: usize = (i..i + n).map(|k| key_letters(&self.keys(scan, k).key)).sum();
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
    fn starts_unknown_name(&self, scan: &Scan, i: usize) -> bool {
        let w = &scan.words[i];
        scan.words.get(i + 1).is_some_and(|next| {
            scan.surface(i + 1).chars().next().is_some_and(char::is_uppercase)
                && joinable(&scan.text[w.end..next.start])
                && self.longest_at(scan, i + 1).is_none()
        })
    }

    /// Is word `i`, a surname alone, a part of a name named earlier or a
    /// one-word name of something other than a person, written after a
    /// given name that is none of those of `alias`, the name it would stand
    /// for? Then it names another person: of that family (Jill Biden after
    /// Joe Biden), or one who shares a place's name (Jack London, Дарья
    /// Иванова: not Ivanovo). Not taken for a given name: a sentence's first
    /// word, capitalised whatever it is (Then, Will); a month or a weekday
    /// (Wednesday Kyiv), though people bear such names; before a place, a
    /// common word (Parliament Kyiv; a title-case headline), which before a
    /// surname is more often a given name (Hunter Biden), unless it is a
    /// German noun (die Rede Selenskyjs); a word of a script without case,
    /// whose word order may put a place after a given name (زار محمد برلين:
    /// Mohammed visited Berlin); a word of the last mention (`named_until`:
    /// where it ends), which may be one (Recep Tayyip Erdoğan Ankara'da).
    /// `surname`: word `i` stands for a part of a person's name (a one-word
    /// alias of a person, not a surname, is no such part: Lula).
    fn after_another_given_name(
        &self,
        scan: &Scan,
        i: usize,
        start: usize,
        alias: &Alias,
        surname: bool,
        named_until: usize,
    ) -> bool {
        let Some(before) = i.checked_sub(1) else { return false };
        let prev = &scan.words[before];
        if prev.start < named_until
            || !starts_upper(scan.surface(before))
            || !joinable(&scan.text[prev.end..start])
            || sentence_start(scan.text, prev.start)
        {
            return false;
        }
        let person = alias.entity().kind() == crate::Kind::Person;
        if (person && !surname)
            || (!person && !scan.surface(before).chars().next().is_some_and(char::is_uppercase))
        {
            return false;
        }
        let keys = self.keys(scan, before);
        let key = &keys.key;
        let names = given_names::given_names();
        if !names.contains(key) || given_names::is_title(key) {
            return false;
        }
        let word = scan.surface(before).to_lowercase();
        let common = given_names::common_word_langs(&word);
        // German writes its nouns with a capital: one of them tells nothing
        // (die Rede Selenskyjs, the speech of Zelenskyy).
        if given_names::is_calendar_word(&word) || common.contains(&"de") || (!person && !common.is_empty()) {
            return false;
        }
        let name = alias.name();
        let hint = alias.lang().or_else(|| scan.hint());
        !tokens::words(name).any(|t| {
            let own = text_key(&name[t.start..t.end], hint, &self.designators);
            own == *key || names.shared_class(&own, key).is_some()
        })
    }

    /// The registry this extractor reads.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// All mentions in `text`, in text order, never overlapping.
    pub fn extract(&self, text: &str) -> Vec<Mention<'r>> {
        self.document().extract(text)
    }

    /// One document read in pieces, for a text too large to hold at once
    /// (`nomen extract` reads a large file 16 MiB at a time): a name in a
    /// later piece links to a person named in full in an earlier one, as
    /// if the pieces were one text. Cut the text where no name spans, at a
    /// paragraph break; offsets are relative to each piece.
    ///
    /// # Example
    /// ```
    /// use nomen::{Extractor, Registry};
    ///
    /// let registry = Registry::builtin()?;
    /// let extractor = Extractor::new(&registry);
    /// let mut document = extractor.document();
    /// let first = document.extract("Volodymyr Zelenskyy spoke in Kyiv.\n\n");
    /// let later = document.extract("Zelenskyy thanked the allies.");
    /// assert_eq!(first[0].entity.id(), "person:volodymyr-zelenskyy");
    /// assert_eq!((later[0].start, later[0].entity.id()), (0, "person:volodymyr-zelenskyy"));
    /// assert_eq!(later[0].method, nomen::Method::Coref);
    /// # Ok::<(), nomen::Error>(())
    /// ```
    pub fn document(&self) -> Document<'_, 'r> {
        Document { extractor: self, coref: coref::Coref::default() }
    }

    /// The mentions in `text`, one piece of a document whose people named
    /// so far are in `coref`.
    fn scan(&self, text: &str, coref: &mut coref::Coref) -> Vec<Mention<'r>> {
        self.scan_windows(text, coref, WINDOW)
    }

    /// [`Self::scan`], reading windows of at least `window` bytes.
    fn scan_windows(&self, text: &str, coref: &mut coref::Coref, window: usize) -> Vec<Mention<'r>> {
        // (News has a distinct word to key every 250 bytes or so: room for
        // them from the start rather than grown and rehashed.)
        let mut scan = Scan {
            text,
            words: Vec::new(),
            hint: OnceCell::new(),
            cache: RefCell::new(FastMap::with_capacity_and_hasher(text.len() / 256, Default::default())),
            spans: RefCell::default(),
        };
        let mut mentions = Vec::new();
        // A long text is read a window at a time, cut after a paragraph
        // break (which no name spans): its words are kept in cache rather
        // than written out to memory and read back, 16 bytes a word.
        let mut from = 0;
        while from < text.len() {
            let to = window_end(text, from, window);
            scan.words.clear();
            tokens::words_into(&text[from..to], &mut scan.words);
            for w in &mut scan.words {
                (w.start, w.end) = (from + w.start, from + w.end);
            }
            self.scan_words(&scan, coref, &mut mentions);
            from = to;
        }
        mentions
    }

    /// The mentions among the words of `scan`, after `mentions`.
    fn scan_words(&self, scan: &Scan, coref: &mut coref::Coref, mentions: &mut Vec<Mention<'r>>) {
        let (text, words) = (scan.text, &scan.words);
        let aliases = self.registry.aliases();
        let mut i = 0;
        while i < words.len() {
            // A name starts with a capital (or a letter of an uncased
            // script), or after an elided article (l’Ukraine).
            // Most words are in lower case, and passed over on their bytes.
            let w = &words[i];
            let from_word = text.as_bytes().get(w.start..).unwrap_or_default();
            let upper =
                !from_word.first().is_some_and(u8::is_ascii_lowercase) && starts_upper(scan.surface(i));
            if !(upper
                || self.clitics.may_elide(w.end - w.start, from_word)
                || self.patterns.may_start_lower(|| scan.surface(i)))
            {
                i += 1;
                continue;
            }
            let keys = self.keys(scan, i);
            // Where the last mention ends: a word of it is no given name.
            let named_until = mentions.last().map_or(0, |m: &Mention| m.end);
            let found = self.longest_from(scan, i, &keys).filter(|f| {
                let lone = f.surname || f.words == 1;
                !(lone
                    && aliases.get(f.alias as usize).is_some_and(|a| {
                        self.after_another_given_name(scan, i, f.start, &a, f.surname, named_until)
                    }))
            });
            if let Some(found) = found {
                let (Some(a), Some(entity)) =
                    (aliases.get(found.alias as usize), self.registry.entity_at(found.entity as usize))
                else {
                    break;
                };
                // A surname alone after the full name is a coreference,
                // which is surer than the surname's distinctiveness.
                let seen_in_full = found.surname
                    && coref_lookup(coref, &words[i], &keys, |range| self.part_key(scan, i, range))
                        .is_some_and(|hit| hit.link.entity == found.entity && !hit.link.ambiguous);
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
                let parts = self.patterns.parts(found.pattern);
                if !parts.is_empty() {
                    coref.full_mention(parts, found.entity, found.alias);
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
            if upper {
                let hit = coref_lookup(coref, &words[i], &keys, |range| self.part_key(scan, i, range))
                    .filter(|hit| {
                        let named = aliases.get(hit.link.alias as usize);
                        (hit.closed || !self.starts_unknown_name(scan, i))
                            && !named.is_some_and(|a| {
                                self.after_another_given_name(scan, i, hit.start, &a, true, named_until)
                            })
                    });
                if let Some(CorefHit { link, start, end, .. }) = hit {
                    // Several people named in full share the word: the one
                    // named last is the likelier, and the mention says it
                    // may be another.
                    let ambiguous = link.ambiguous;
                    if let Some(a) = aliases.get(link.alias as usize) {
                        let entity = a.entity();
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
                if let Some((mention, n)) = self.fuzzy_at(scan, i) {
                    // A person named in full a letter or two off (Wolodymyr
                    // Selenskyj) may be named by a part of it as written
                    // later (Selenskyjs).
                    if n > 1 && mention.entity.kind() == crate::Kind::Person {
                        let keys: Vec<Arc<WordKeys>> = (i..i + n).map(|k| self.keys(scan, k)).collect();
                        let parts = keys.iter().map(|k| k.key.as_str()).filter(|k| key_letters(k) >= 2);
                        coref.fuzzy_mention(
                            parts,
                            mention.alias.entity_number() as u32,
                            mention.alias.number(),
                        );
                    }
                    mentions.push(mention);
                    i += n;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// The keys of word `i` of the text.
    fn keys(&self, scan: &Scan, i: usize) -> Arc<WordKeys> {
        let surface = scan.surface(i);
        if let Some(keys) = scan.cache.borrow().get(surface) {
            return Arc::clone(keys);
        }
        let hint = scan.hint_for(surface);
        let keys = self.seen.get(hint, surface).unwrap_or_else(|| {
            let keys = Arc::new(self.word_keys(surface, hint));
            self.seen.insert(hint, surface, Arc::clone(&keys));
            keys
        });
        scan.cache.borrow_mut().insert(surface, Arc::clone(&keys));
        keys
    }

    /// The key of a part of word `i` (a byte range of it).
    fn part_key(&self, scan: &Scan, i: usize, range: std::ops::Range<usize>) -> String {
        let surface = scan.surface(i);
        text_key(surface.get(range).unwrap_or(surface), scan.hint_for(surface), &self.designators)
    }

    /// The keys of a word as written.
    fn word_keys(&self, surface: &str, hint: Option<&str>) -> WordKeys {
        let key_of = |s: &str| text_key(s, hint, &self.designators);
        let id = |key: &str| self.patterns.id(key);
        // Only capitalised words (or words of uncased scripts) can be
        // names, so only they are worth stemming.
        let mut stems = Vec::new();
        if starts_upper(surface) || self.patterns.may_start_lower(|| surface) {
            for s in self.inflection.text_stems(surface) {
                let key = key_of(&s.text);
                if !key.is_empty() {
                    stems.push(TextStem {
                        id: id(&key),
                        key,
                        trim_start: s.trim_start,
                        trim_end: s.trim_end,
                        whole: s.whole,
                        short: s.short,
                    });
                }
            }
        }
        let key = key_of(surface);
        let mut keys = WordKeys {
            id: id(&key),
            key,
            without_suffix: self.clitics.strip_suffix(surface).map(|len| (len, id(&key_of(&surface[..len])))),
            without_prefix: self
                .clitics
                .strip_prefix(surface)
                .map(|skip| (skip, id(&key_of(&surface[skip..])))),
            stems,
            starts: false,
        };
        let whole = Token { start: 0, end: surface.len() };
        let starts =
            keys.views(&whole, true).any(|v| !self.patterns.next(patterns::ROOT, v.id, v.edge).is_empty());
        keys.starts = starts;
        keys
    }

    /// The longest alias starting at word `i`; among aliases of one length,
    /// one written exactly as in the text wins, then one matched without
    /// inflection, then table order.
    fn longest_at(&self, scan: &Scan, i: usize) -> Option<Found> {
        self.longest_from(scan, i, &self.keys(scan, i))
    }

    /// [`Self::longest_at`] given the keys of word `i`.
    fn longest_from(&self, scan: &Scan, i: usize, keys: &WordKeys) -> Option<Found> {
        let first = scan.words.get(i)?;
        if !keys.starts {
            return None;
        }
        let mut at = Walk {
            scan,
            i,
            script: script_code(first_script(scan.surface(i))),
            spans: scan.spans.take(),
            best: None,
            lower_only: false,
        };
        // The first word as written, without a possessive ending (one-word
        // names only), without an elided article, or inflected.
        let may_start_lower = self.patterns.may_start_lower(|| scan.surface(i));
        for v in keys.views(first, true) {
            at.lower_only = !starts_upper(&scan.text[v.start..v.end]);
            if at.lower_only && !may_start_lower {
                continue;
            }
            for &node in self.patterns.next(patterns::ROOT, v.id, v.edge) {
                at.spans.clear();
                at.spans.push((v.start, v.end));
                self.walk(&mut at, node, v.inflected, v.last, v.short);
            }
        }
        scan.spans.replace(at.spans);
        at.best
    }

    /// From `node`, reached over the words of `at.spans`: the patterns that
    /// end there, then those one word further on.
    fn walk(&self, at: &mut Walk<'_, '_>, node: patterns::Node, inflected: bool, last: bool, short: bool) {
        let (scan, i) = (at.scan, at.i);
        let (text, words) = (scan.text, &scan.words);
        let start = at.spans[0].0;
        // A stem too short to stand alone ends no name by itself.
        let ends = if short && at.spans.len() == 1 { &[][..] } else { self.patterns.ends(node) };
        // The span's exact hash, made once for each place a match may end.
        let mut hashed: Option<(usize, u64)> = None;
        for end in ends {
            // The ends are sorted so that, once one has ranked first, no
            // later one can outrank it even with the best letters: the
            // pattern and its alias are read only while one still can.
            let mut found = Found {
                words: at.spans.len(),
                start,
                end: 0,
                pattern: end.pattern,
                alias: end.alias,
                entity: end.entity,
                exact: true,
                inflected,
                surname: end.flags.surname(),
                same_script: true,
                prominence: end.prominence,
            };
            let best = at.best.as_ref().map(rank);
            if best.is_some_and(|b| rank(&found) <= b) {
                break;
            }
            // Letters of two scripts are never the same letters.
            if end.script != at.script {
                (found.exact, found.same_script) = (false, false);
                if best.is_some_and(|b| rank(&found) <= b) {
                    continue;
                }
            }
            if inflected && end.flags.abbreviation()
                || end.flags.common() && sentence_start(text, start)
                || at.lower_only && !end.flags.lower()
            {
                continue;
            }
            // An abbreviation's words are compared letter for letter: only
            // it needs its name read to know whether it matches at all.
            let name = || {
                let p = self.patterns.list.get(end.pattern as usize)?;
                let name = self.registry.aliases().get(p.alias as usize)?.name();
                Some((p, name, name.get(p.from as usize..).unwrap_or(name)))
            };
            let abbreviation = if end.flags.abbreviation() {
                let Some((p, name, _)) = name() else { continue };
                Some((p, name))
            } else {
                None
            };
            let Some(mut found_end) = end_of(text, &at.spans, end.flags.designated(), abbreviation) else {
                continue;
            };
            // UAX #29 leaves the last dot of U.S. out of the word; a name
            // written with it takes it back.
            if end.flags.dot() && text[found_end..].starts_with('.') {
                found_end += 1;
            }
            found.end = found_end;
            let span = &text[start..found_end];
            if found.exact {
                let hash = match hashed {
                    Some((e, h)) if e == found_end => h,
                    _ => {
                        let h = exact_hash(span);
                        hashed = Some((found_end, h));
                        h
                    }
                };
                found.exact = hash == end.written();
            }
            // A word that meets a one-word name only through its key, not
            // letter for letter: not when the word is short, nor when the
            // name is an alternate of unknown language (GeoNames lists
            // Zolle for Zwolle; the German Zölle are tariffs). Inflected,
            // such an alternate in Latin letters must still begin the word
            // (Leyens, von der Leyen's genitive, is not Leiden's Leien).
            if !found.exact && found.words == 1 {
                let Some((_, _, written)) = name() else { continue };
                let untagged = end.flags.untagged();
                let refused = if inflected {
                    untagged && first_script(span) == Some(Script::Latin) && !begins_with_stem(span, written)
                } else {
                    untagged || short_variant(span, written)
                };
                if refused {
                    continue;
                }
            }
            if best.is_none_or(|b| rank(&found) > b) {
                at.best = Some(found);
            }
        }
        let j = i + at.spans.len();
        let goes_on = !last && self.patterns.goes_on(node);
        let Some(w) = words.get(j).filter(|w| goes_on && joinable(&text[words[j - 1].end..w.start])) else {
            return;
        };
        for v in self.keys(scan, j).views(w, false) {
            for &next in self.patterns.next(node, v.id, v.edge) {
                at.spans.push((v.start, v.end));
                self.walk(at, next, inflected || v.inflected, v.last, short || v.short);
                at.spans.pop();
            }
        }
    }
}

/// Where the window of `text` from `from` ends: after the first paragraph
/// break ([`joinable`] never joins words across one) `window` bytes on, or
/// at the end of the text.
fn window_end(text: &str, from: usize, window: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from.saturating_add(window);
    while let Some(n) = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == b'\n')) {
        // The line break at `at + n`, and the white space after it.
        let line = at + n + 1;
        let white = bytes[line..].iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r')).count();
        if bytes.get(line + white) == Some(&b'\n') {
            return line + white + 1;
        }
        at = line;
    }
    text.len()
}

/// How many bytes of text are read at a time at least
/// ([`Extractor::scan_windows`]).
const WINDOW: usize = 64 << 10;

/// How good a match is, compared in this order: more words; a full name
/// over a surname alone, except that a surname as written beats a full name
/// reached only by stripping an ending or a proclitic (بايدن is Biden, not
/// the town ايدن after the preposition ب); letter for letter over through
/// the key; in the text's script; not inflected; the more prominent entity
/// (the one with more names in the tables: Moscow over a town that shares
/// one of its spellings); the earlier table row.
fn rank(f: &Found) -> (usize, u8, bool, bool, bool, u32, std::cmp::Reverse<u32>) {
    let kind = match (f.surname, f.inflected) {
        (false, false) => 3,
        (true, false) => 2,
        (false, true) => 1,
        (true, true) => 0,
    };
    (f.words, kind, f.exact, f.same_script, !f.inflected, f.prominence, std::cmp::Reverse(f.alias))
}

/// A lone word that names people seen in full earlier.
struct CorefHit {
    link: coref::Link,
    /// The word's span, less a possessive ending (Kyiv’s).
    start: usize,
    end: usize,
    /// It ends in a possessive or genitive ending, which closes a name:
    /// a capitalised word after it is no part of the name (Selenskyjs
    /// Berater).
    closed: bool,
}

/// The person a lone word names, seen in full earlier (as written, without
/// a possessive, or inflected), and the word's span. The words of fuzzy
/// mentions have no id in the vocabulary: they are looked up by their keys
/// (`key_of` gives the key of a part of the word).
fn coref_lookup(
    coref: &coref::Coref,
    w: &Token,
    keys: &WordKeys,
    key_of: impl Fn(std::ops::Range<usize>) -> String,
) -> Option<CorefHit> {
    let hit = |link, start, end, closed| Some(CorefHit { link, start, end, closed });
    if let Some(link) = coref.lookup(keys.id).or_else(|| coref.lookup_text(&keys.key)) {
        return hit(link, w.start, w.end, false);
    }
    if let Some((len, id)) = keys.without_suffix {
        // (The key of the word less its ending is made only when needed.)
        let text = || coref.has_text_parts().then(|| coref.lookup_text(&key_of(0..len))).flatten();
        if let Some(link) = coref.lookup(id).or_else(text) {
            return hit(link, w.start, w.start + len, true);
        }
    }
    keys.stems.iter().filter(|s| !s.short).find_map(|s| {
        let link = coref.lookup(s.id).or_else(|| coref.lookup_text(&s.key))?;
        hit(link, w.start + s.trim_start, w.end - s.trim_end, s.whole)
    })
}

/// The patterns tried from one word of the text ([`Extractor::walk`]).
struct Walk<'s, 't> {
    scan: &'s Scan<'t>,
    /// The word the patterns start at, and its script ([`script_code`]).
    i: usize,
    script: u8,
    /// The byte spans of the words matched so far.
    spans: Vec<(usize, usize)>,
    best: Option<Found>,
    /// The first word is in lower case: only a demonym written so may
    /// start here.
    lower_only: bool,
}

/// A match of a pattern in the text.
#[derive(Debug)]
struct Found {
    words: usize,
    start: usize,
    end: usize,
    pattern: u32,
    alias: u32,
    entity: u32,
    /// The text is the alias letter for letter (case and spacing aside).
    exact: bool,
    /// Some word matched only through its stem.
    inflected: bool,
    /// Matched a person's surname alone.
    surname: bool,
    /// The name is written in the script of the text.
    same_script: bool,
    /// The entity's [`patterns::End::prominence`].
    prominence: u32,
}

/// Is a one-word span that meets a name only through the match key too
/// short for that? On a word of under [`MIN_SURNAME_KEY`] letters the key's
/// folding of romanization variance (doubled letters, digraphs) makes
/// unrelated words meet (Kai, Kayi); marks and case may still differ (Lodz,
/// Łódź), and so may a glide or a w written for v letter for letter (Lwiw,
/// Lviv). A name in another script than the span's meets it through the
/// key alone: that is what transliteration is for (Kiew, Киев).
fn short_variant(span: &str, name: &str) -> bool {
    if script_class(span) != ScriptClass::Alphabet
        || span.chars().filter(|c| c.is_alphabetic()).count() >= MIN_SURNAME_KEY
        || first_script(span) != first_script(name)
    {
        return false;
    }
    let glides = |word: &str| -> String {
        letters(word)
            .chars()
            .map(|c| match c {
                'j' | 'y' => 'i',
                'w' => 'v',
                c => c,
            })
            .collect()
    };
    glides(span) != glides(name)
}

/// A word's letters as compared across spellings: lower case, marks
/// stripped, in ASCII.
pub(super) fn letters(word: &str) -> String {
    let mut out = String::new();
    normalize::word_folded(word, None, &mut out);
    out
}

/// Does the word begin with the name less its last letter, letters folded
/// (Czernihowa, Czernihów)? Endings change a name's end, not its letters
/// before.
fn begins_with_stem(word: &str, name: &str) -> bool {
    let name = letters(name);
    let stem = name.get(..name.len().saturating_sub(1)).unwrap_or(&name);
    letters(word).starts_with(stem)
}

/// Where a match over the word spans `spans` ends, if the words are right
/// for it: an abbreviation's (`abbreviation`: its pattern and alias name)
/// letter for letter, and a designator in lower case describes the name
/// and is not part of it.
fn end_of(
    text: &str,
    spans: &[(usize, usize)],
    designated: bool,
    abbreviation: Option<(&patterns::Pattern, &str)>,
) -> Option<usize> {
    if let Some((p, name)) = abbreviation {
        let name = name.get(p.from as usize..).unwrap_or(name);
        let mut want = tokens::words(name).map(|t| &name[t.start..t.end]);
        if !spans.iter().all(|&(s, e)| want.next() == Some(&text[s..e])) {
            return None;
        }
    }
    match spans {
        [.., (_, name_end), (s, e)] if designated => {
            Some(if starts_upper(&text[*s..*e]) { *e } else { *name_end })
        }
        _ => spans.last().map(|&(_, e)| e),
    }
}

fn first_script(word: &str) -> Option<Script> {
    if word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return Some(Script::Latin);
    }
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
        // A word of Thai (and the other scripts written without spaces) is a
        // letter cluster, whose reading depends on its neighbours (a vowel
        // written before its consonant): as its letters, a name is found as
        // the run of them.
        ScriptClass::Other(_) if word.chars().any(tokens::is_unspaced) => word.nfkc().collect(),
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
#[inline]
fn starts_upper(s: &str) -> bool {
    // Asked of every word of a text: its ASCII answer inline, the rest not.
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => false,
        Some(b) if b.is_ascii_uppercase() => true,
        _ => first_letter_upper(s),
    }
}

fn first_letter_upper(s: &str) -> bool {
    s.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
}

/// May two words of one name stand with this between them? Spaces (not a
/// paragraph break), a hyphen, a middle dot or an apostrophe.
fn joinable(gap: &str) -> bool {
    // Most gaps are one space: decided without decoding a character.
    if let [b' ' | b'-'] = gap.as_bytes() {
        return true;
    }
    gap.chars().count() <= 3
        && gap.matches('\n').count() <= 1
        && gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '·' | '・' | '\'' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words short enough to be held inline and longer ones are found again,
    /// by their language hint.
    #[test]
    fn seen_words_are_found_again() {
        let seen = SeenWords::default();
        let keys = |key: &str| {
            Arc::new(WordKeys {
                key: key.to_string(),
                id: None,
                without_suffix: None,
                without_prefix: None,
                stems: Vec::new(),
                starts: false,
            })
        };
        let words = ["Kyiv", "Зеленський", "Oberbürgermeisterin", "Donaudampfschifffahrtsgesellschaft", ""];
        for w in words {
            seen.insert(None, w, keys(w));
            seen.insert(Some("uk"), w, keys(&w.to_uppercase()));
        }
        for w in words {
            assert_eq!(seen.get(None, w).map(|k| k.key.clone()), Some(w.to_string()), "{w}");
            assert_eq!(seen.get(Some("uk"), w).map(|k| k.key.clone()), Some(w.to_uppercase()), "{w}");
        }
        assert!(seen.get(None, "Kyi").is_none());
        assert!(seen.get(Some("ru"), "Kyiv").is_none());
        assert!(matches!(SeenWord::new(words[2]), SeenWord::Inline { .. }));
        assert!(matches!(SeenWord::new(words[3]), SeenWord::Heap(_)));
    }

    /// A text read a window at a time gives what it gives read whole: here
    /// the multilingual test documents, one paragraph each, in windows of
    /// one paragraph.
    #[test]
    fn windows_change_nothing() {
        let registry = Registry::builtin().unwrap();
        let extractor = Extractor::new(&registry);
        let paragraphs = include_str!("../../tests/data/cases/multilingual.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').nth(2))
            .map(|marked| {
                // The text without the marks [[surface|id]].
                let mut text = String::new();
                for (k, part) in marked.split("[[").enumerate() {
                    let surface = if k == 0 { part } else { part.split_once('|').map_or(part, |p| p.0) };
                    text.push_str(surface);
                    text.push_str(part.split_once("]]").map_or("", |p| p.1));
                }
                text
            });
        // A name may span a line break, not a paragraph break.
        let broken = ["Volodymyr\nZelenskyy met Emmanuel\r\nMacron.".to_string()];
        let text: String = paragraphs.chain(broken).map(|p| p + "\r\n \n").collect::<String>().repeat(2);
        let read = |window| -> Vec<(usize, usize, String, Method, bool)> {
            let mentions = extractor.scan_windows(&text, &mut coref::Coref::default(), window);
            mentions
                .iter()
                .map(|m| (m.start, m.end, m.entity.id().to_string(), m.method, m.ambiguous))
                .collect()
        };
        let whole = read(usize::MAX);
        assert!(whole.len() > 150, "{}", whole.len());
        assert_eq!(read(0), whole);
        assert_eq!(read(1000), whole);
    }
}
