//! The registry's aliases as patterns for scanning: a trie over the keys of
//! their words, walked word by word from each word of a text, so that a
//! given name shared by thousands of people costs one step, not a look at
//! each of them. Built once per registry and kept in registry snapshots,
//! as flat arrays: loading a million patterns allocates no string per
//! pattern.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};

use super::{
    MIN_SURNAME_KEY, designators, first_script, inflection, is_abbreviation, key_letters, letters, text_key,
};
use crate::normalize::tokens;
use crate::registry::{AliasType, Kind, Registry};
use crate::resolve::index::script_code;
use crate::snapshot::{Persist, Reader, Unusable, Writer};
use crate::translit;
use crate::util::{FastMap, FastSet};

/// An alias, or the last part of a person's name (a surname), as scanned.
/// Its words are the trie's path to it; what a match needs besides is here.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Pattern {
    pub(super) alias: u32,
    /// Where the pattern starts in the alias's name (a surname: its last part).
    pub(super) from: u32,
    pub(super) words: u32,
    pub(super) flags: Flags,
    /// The script of the alias's first letter ([`script_code`]), made with
    /// the pattern and kept in snapshots: looking it up again for every
    /// pattern would double the time a snapshot takes to load.
    script: u8,
}

/// The last part of a person's name alone, not the alias.
const SURNAME: u8 = 1;
/// A one-word name that is also a common word (Reading, Mobile): it is
/// taken for a name only inside a sentence, not at its start.
const COMMON: u8 = 2;
/// An abbreviation (US, NATO): matched only letter for letter, case
/// included, since its keys are ordinary words (us, nato).
const ABBREVIATION: u8 = 4;
/// The last word is a region designator (Oblast), which text may write in
/// lower case as a description rather than as part of the name.
const DESIGNATED: u8 = 8;
/// A demonym the table writes in lower case, as most languages write their
/// adjectives (российский, ukrainisch, français): a lower-case word of the
/// text may start it.
const LOWER: u8 = 16;

/// What a pattern is besides its words: the bits above, and for a trie's
/// [`End`] also [`DOT`] and [`UNTAGGED`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Flags(u8);

impl Flags {
    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
    pub(super) fn surname(self) -> bool {
        self.has(SURNAME)
    }
    pub(super) fn common(self) -> bool {
        self.has(COMMON)
    }
    pub(super) fn abbreviation(self) -> bool {
        self.has(ABBREVIATION)
    }
    pub(super) fn designated(self) -> bool {
        self.has(DESIGNATED)
    }
    pub(super) fn lower(self) -> bool {
        self.has(LOWER)
    }
    pub(super) fn dot(self) -> bool {
        self.has(DOT)
    }
    pub(super) fn untagged(self) -> bool {
        self.has(UNTAGGED)
    }
}

/// Every alias's pattern and the trie to find them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    pub(super) list: Vec<Pattern>,
    /// Every word key and stem key of a pattern, by id.
    vocab: FastMap<Box<str>, u32>,
    /// (node, word id) → the node after a pattern word with that key. The
    /// root is node 0.
    words: FastMap<u64, u32>,
    /// The root's edges of `words`, by word id ([`NO_NODE`] for none): most
    /// lookups start a pattern, and an array is one read where the map is
    /// two.
    root_words: Vec<u32>,
    /// (node, stem id) → the nodes after pattern words with that stem, a
    /// range of `stem_targets`. Abbreviations have no stem edges.
    stems: FastMap<u64, (u32, u32)>,
    stem_targets: Vec<u32>,
    /// A bit per node: some edge leaves it (else a walk ends there, and the
    /// next word of the text need not be keyed).
    inner: Vec<u64>,
    /// Per node, the patterns that end there: `ends[ends_at[n]..ends_at[n + 1]]`,
    /// the likeliest first ([`End`]).
    ends_at: Vec<u32>,
    ends: Vec<End>,
    /// Per pattern of a person's full name: the ids of the keys (and stem
    /// keys) of the parts that can name the person alone after it
    /// (`parts[parts_at[p]..parts_at[p + 1]]`; see [`super::coref`]).
    parts_at: Vec<u32>,
    parts: Vec<u32>,
    /// The first letters ([`lower_prefix`]) of the patterns a lower-case
    /// word may start: the few words of a text worth keying among the many
    /// in lower case.
    lower_starts: FastSet<String>,
}

/// The first four letters of a word, which its inflected forms share
/// (российский, российские; ukrainisch, ukrainischen).
fn lower_prefix(word: &str) -> &str {
    word.char_indices().nth(4).map_or(word, |(i, _)| &word[..i])
}

/// A pattern that ends at a node, with what ranks it among the others
/// there, so that the scanner reads a pattern and its alias (two reads
/// from far apart in memory) only for one that can still come first. A
/// node's ends are sorted as the scanner ranks them when nothing but the
/// tables tells them apart: a full name before a surname alone, the more
/// prominent entity first, then table order.
#[derive(Debug, Clone, Copy)]
pub(super) struct End {
    pub(super) pattern: u32,
    pub(super) alias: u32,
    /// The alias's entity: a mention is made without reading the alias.
    pub(super) entity: u32,
    /// How many aliases the pattern's entity has, a proxy for how often it
    /// is meant when two entities share a name.
    pub(super) prominence: u32,
    /// [`super::exact::exact_hash`] of the name as written from the pattern's
    /// start: a span of text with the same hash is written as the name.
    /// With it, and the pattern's flags, here, a match reads neither the
    /// pattern nor the alias nor its name (each a read from far apart in
    /// memory) unless it is no exact one.
    pub(super) written: [u32; 2],
    /// The pattern's flags, and [`DOT`] and [`UNTAGGED`].
    pub(super) flags: Flags,
    /// The script of the alias's first letter ([`script_code`]): an alias
    /// in another script than the text's word is not written as in the
    /// text, and is passed over without reading it once one that may be
    /// has been found.
    pub(super) script: u8,
}

/// An end's name ends in a dot (U.S.).
const DOT: u8 = 32;
/// An end's alias gives no language (or `und`).
const UNTAGGED: u8 = 64;

impl End {
    pub(super) fn written(&self) -> u64 {
        u64::from(self.written[0]) | u64::from(self.written[1]) << 32
    }
}

/// How a word of the text may continue a pattern: by its key, or by a stem
/// the pattern's word also has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    Word,
    Stem,
}

/// A node of the trie: the words of a pattern prefix have been matched.
pub(super) type Node = u32;
pub(super) const ROOT: Node = 0;
/// No node (the root is no node's child).
const NO_NODE: Node = ROOT;

/// One word of an alias: its form, and whether it stands alone as a part
/// of the name (between spaces or middle dots).
#[derive(Clone, Copy)]
struct AliasWord {
    form: u32,
    alone: bool,
}

impl Patterns {
    /// The patterns of every alias of `registry`.
    pub(crate) fn build(registry: &Registry) -> Patterns {
        let designators = designators::Designators::builtin();
        let inflection = inflection::Inflection::builtin();
        let aliases = registry.aliases();

        // The words of every name, each distinct (word, language) keyed
        // once: a million aliases share a few hundred thousand words.
        let mut form_of: FastMap<(&str, Option<&str>), u32> = FastMap::default();
        // Each with whether it is a word of a name of something other than
        // a person (see `Inflection::name_stems`).
        let mut unique: Vec<(&str, Option<&str>, bool)> = Vec::new();
        // Per alias: its words, and per part (words between spaces or
        // middle dots) the index of its first word and its byte offset.
        let mut alias_words: Flat<AliasWord> = Flat::with_capacity(aliases.len());
        let mut alias_parts: Flat<(u32, u32)> = Flat::with_capacity(aliases.len());
        let (mut words, mut parts) = (Vec::new(), Vec::new());
        for alias in aliases.iter() {
            let name = alias.name();
            let hint = alias.lang().or_else(|| translit::detect_lang(name));
            let place = alias.entity().kind() != Kind::Person;
            let mut prev_end = 0;
            for t in tokens::words(name) {
                let surface = &name[t.start..t.end];
                let form = *form_of.entry((surface, hint)).or_insert_with(|| {
                    unique.push((surface, hint, false));
                    unique.len() as u32 - 1
                });
                unique[form as usize].2 |= place;
                let gap = &name[prev_end..t.start];
                if words.is_empty() || gap.chars().any(|c| c.is_whitespace() || matches!(c, '·' | '・')) {
                    parts.push((words.len() as u32, t.start as u32));
                }
                prev_end = t.end;
                words.push(AliasWord { form, alone: false });
            }
            alias_words.push(&mut words);
            alias_parts.push(&mut parts);
        }
        drop(form_of);
        let keyed = crate::util::par_map(unique.len(), |i| {
            let (surface, hint, place) = unique[i];
            let key_of = |s: &str| text_key(s, hint, &designators);
            let key = key_of(surface);
            let mut stems: Vec<String> = if key.is_empty() {
                Vec::new()
            } else {
                let stems = inflection.name_stems(surface, place);
                stems.iter().map(|s| key_of(s)).filter(|k| !k.is_empty()).collect()
            };
            stems.dedup();
            (key, stems)
        });
        drop(unique);

        let mut vocab = Vocab::default();
        let empty = u32::MAX;
        let mut stem_ids = Flat::with_capacity(keyed.len());
        let mut form_keys = Vec::with_capacity(keyed.len());
        for (key, stems) in keyed {
            form_keys.push(if key.is_empty() { empty } else { vocab.id(&key) });
            let mut ids: Vec<u32> = stems.iter().map(|s| vocab.id(s)).collect();
            stem_ids.push(&mut ids);
        }
        // A word whose key is empty (a lone mark) is no word of the
        // pattern; the words that are a part alone are marked.
        let (mut kept_words, mut kept_parts) =
            (Flat::with_capacity(aliases.len()), Flat::with_capacity(aliases.len()));
        for i in 0..aliases.len() {
            let mut kept = 0u32;
            let mut part_at = alias_parts.get(i).iter().peekable();
            for (k, w) in alias_words.get(i).iter().enumerate() {
                while let Some(&&(first, byte)) = part_at.peek() {
                    if first as usize > k {
                        break;
                    }
                    if parts.last().is_none_or(|p: &(u32, u32)| p.0 != kept) {
                        parts.push((kept, byte));
                    }
                    part_at.next();
                }
                if form_keys[w.form as usize] != empty {
                    words.push(*w);
                    kept += 1;
                }
            }
            parts.retain(|p| p.0 < kept);
            for (k, &(first, _)) in parts.iter().enumerate() {
                let next = parts.get(k + 1).map_or(kept, |p| p.0);
                if next == first + 1 {
                    words[first as usize].alone = true;
                }
            }
            kept_words.push(&mut words);
            kept_parts.push(&mut parts);
        }
        // (The lists as read go now, not at the end of the build.)
        drop((alias_words, alias_parts));
        let (alias_words, alias_parts) = (kept_words, kept_parts);

        let common: HashSet<u32> = common_words().iter().filter_map(|k| vocab.get(k)).collect();
        // (By their letters: Biala is biała, but Kayi, which shares the key
        // kai with a common word, is none.)
        let common_letters: HashSet<String> =
            crate::util::tsv_rows(COMMON_WORDS).filter_map(|row| row.first().map(|w| letters(w))).collect();
        let designator = vocab.get(designators::KEY);
        let key_of = |w: &AliasWord| form_keys[w.form as usize];
        let mut list: Vec<Pattern> = Vec::with_capacity(aliases.len());
        // Every part of every name (by a hash of its keys) with the entity
        // that carries it, or `MANY`: a surname alone stands for its person
        // only if no other entity has a name, or a part of one, so keyed.
        // (Two parts whose hashes collide count as one: a surname is then
        // left out, never given to the wrong person.)
        const MANY: usize = usize::MAX;
        let mut parts_of: FastMap<u64, usize> = FastMap::default();
        // One hasher state for every part: each new one is seeded anew.
        let state = hashbrown::DefaultHashBuilder::default();
        let part_hash = |words: &[AliasWord]| {
            let mut h = state.build_hasher();
            words.iter().for_each(|w| h.write_u32(key_of(w)));
            h.finish()
        };
        let mut surnames: Vec<(usize, Pattern, u64)> = Vec::new();
        for (i, alias) in aliases.iter().enumerate() {
            let (words, parts) = (alias_words.get(i), alias_parts.get(i));
            let Some(last_word) = words.last() else { continue };
            let mut flags = 0;
            if is_abbreviation(&alias) {
                flags |= ABBREVIATION;
            }
            if words.len() == 1 && common.contains(&key_of(last_word)) {
                flags |= COMMON;
            }
            if Some(key_of(last_word)) == designator {
                flags |= DESIGNATED;
            }
            if alias.alias_type() == AliasType::Demonym
                && alias.name().chars().next().is_some_and(char::is_lowercase)
            {
                flags |= LOWER;
            }
            let n = words.len() as u32;
            let script = script_code(first_script(alias.name()));
            // A common word that an alternate of unknown language gives an
            // entity named otherwise (GeoNames: casa for Chas, Biała for
            // Bielsko-Biała, Waterloo for Austin) is the word in running
            // text, not the entity; the resolver still knows it. (Баку, a
            // Russian word too, is Baku's name itself: kept.)
            let stray_word = flags & COMMON != 0
                && common_letters.contains(&letters(alias.name()))
                && alias.alias_type() == AliasType::Alias
                && alias.lang().is_none_or(|l| l == "und")
                && {
                    let canonical = alias.entity().name();
                    let hint = translit::detect_lang(canonical);
                    let mut keys = tokens::words(canonical)
                        .map(|t| text_key(&canonical[t.start..t.end], hint, &designators));
                    !(keys.next().as_deref() == Some(vocab.key(key_of(last_word))) && keys.next().is_none())
                };
            if !stray_word {
                list.push(Pattern { alias: i as u32, from: 0, words: n, flags: Flags(flags), script });
            }
            for (k, &(first, _)) in parts.iter().enumerate() {
                let next = parts.get(k + 1).map_or(n, |p| p.0);
                let carried = parts_of
                    .entry(part_hash(&words[first as usize..next as usize]))
                    .or_insert(alias.entity_number());
                if *carried != alias.entity_number() {
                    *carried = MANY;
                }
            }
            let person = alias.entity().kind() == Kind::Person
                && matches!(alias.alias_type(), AliasType::Alias | AliasType::Canonical);
            if let (true, [_, .., (first, byte)]) = (person, parts) {
                let last = &words[*first as usize..];
                let letters: usize = last.iter().map(|w| key_letters(vocab.key(key_of(w)))).sum();
                if letters >= MIN_SURNAME_KEY && !last.iter().any(|w| common.contains(&key_of(w))) {
                    let surname = Pattern {
                        alias: i as u32,
                        from: *byte,
                        words: last.len() as u32,
                        flags: Flags(flags | SURNAME),
                        script,
                    };
                    surnames.push((alias.entity_number(), surname, part_hash(last)));
                }
            }
        }
        for (entity, surname, hash) in surnames {
            if parts_of.get(&hash) == Some(&entity) {
                list.push(surname);
            }
        }
        drop(parts_of);

        let mut trie = TrieBuilder::default();
        let mut parts_at = Vec::with_capacity(list.len() + 1);
        let mut parts = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let all = alias_words.get(p.alias as usize);
            let words = &all[all.len() - p.words as usize..];
            parts_at.push(parts.len() as u32);
            let person = aliases.get(p.alias as usize).is_some_and(|a| a.entity().kind() == Kind::Person);
            if person && !p.flags.surname() && p.words > 1 {
                for w in words.iter().filter(|w| w.alone) {
                    let keys =
                        std::iter::once(key_of(w)).chain(stem_ids.get(w.form as usize).iter().copied());
                    // One-letter keys (initials) name no one alone.
                    parts.extend(keys.filter(|&k| vocab.key(k).len() >= 2));
                }
            }
            let path = words.iter().map(|w| {
                // Abbreviations are matched letter for letter, never inflected.
                (key_of(w), if p.flags.abbreviation() { &[][..] } else { stem_ids.get(w.form as usize) })
            });
            trie.add(path, i as u32);
        }
        parts_at.push(parts.len() as u32);
        // The build's own maps go before the scanner's are made.
        drop((alias_words, alias_parts, stem_ids, form_keys, common, vocab.ids));
        let (edges, ends) = trie.edges();
        let ends = make_ends(registry, &list, &edges.ends_at, &ends);
        Patterns::assemble(registry, list, vocab.keys, edges, ends, (parts_at, parts))
    }

    /// The maps over the flat arrays (a snapshot stores the arrays; maps
    /// are quicker made again than read).
    fn assemble(
        registry: &Registry,
        list: Vec<Pattern>,
        keys: Vec<String>,
        edges: Edges,
        ends: Vec<End>,
        (parts_at, parts): (Vec<u32>, Vec<u32>),
    ) -> Patterns {
        let aliases = registry.aliases();
        let words: FastMap<u64, u32> =
            edges.word_keys.iter().copied().zip(edges.word_children.iter().copied()).collect();
        let mut root_words = vec![NO_NODE; keys.len()];
        for (&key, &child) in edges.word_keys.iter().zip(&edges.word_children) {
            if key >> 32 == u64::from(ROOT) {
                if let Some(slot) = root_words.get_mut(key as u32 as usize) {
                    *slot = child;
                }
            }
        }
        let mut stems = FastMap::with_capacity_and_hasher(edges.stem_keys.len(), Default::default());
        for (k, &key) in edges.stem_keys.iter().enumerate() {
            stems.insert(key, (edges.stem_at[k], edges.stem_at[k + 1]));
        }
        let vocab = keys.into_iter().enumerate().map(|(i, k)| (k.into_boxed_str(), i as u32)).collect();
        let mut inner = vec![0u64; edges.ends_at.len().div_ceil(64)];
        for key in edges.word_keys.iter().chain(&edges.stem_keys) {
            let node = (key >> 32) as usize;
            if let Some(bits) = inner.get_mut(node / 64) {
                *bits |= 1 << (node % 64);
            }
        }
        let lower_starts = list
            .iter()
            .filter(|p| p.flags.lower())
            .filter_map(|p| aliases.get(p.alias as usize))
            .map(|a| lower_prefix(a.name()).to_string())
            .collect();
        Patterns {
            lower_starts,
            list,
            vocab,
            words,
            root_words,
            stems,
            inner,
            stem_targets: edges.stem_targets,
            ends_at: edges.ends_at,
            ends,
            parts_at,
            parts,
        }
    }

    /// The id of a word or stem key, if some pattern has it.
    pub(super) fn id(&self, key: &str) -> Option<u32> {
        self.vocab.get(key).copied()
    }

    /// The nodes one word on from `node`, through a word whose key (or
    /// stem) has this id.
    pub(super) fn next(&self, node: Node, id: u32, by: Edge) -> &[Node] {
        let key = edge(node, id);
        match by {
            Edge::Word if node == ROOT => self
                .root_words
                .get(id as usize)
                .filter(|&&n| n != NO_NODE)
                .map(std::slice::from_ref)
                .unwrap_or_default(),
            Edge::Word => self.words.get(&key).map(std::slice::from_ref).unwrap_or_default(),
            Edge::Stem => self
                .stems
                .get(&key)
                .and_then(|&(a, b)| self.stem_targets.get(a as usize..b as usize))
                .unwrap_or_default(),
        }
    }

    /// May the lower-case word `word` start a pattern (a demonym written in
    /// lower case)?
    /// (`word` is asked for only if some pattern may.)
    #[inline]
    pub(super) fn may_start_lower<'w>(&self, word: impl FnOnce() -> &'w str) -> bool {
        !self.lower_starts.is_empty() && self.lower_starts.contains(lower_prefix(word()))
    }

    /// Does some pattern go on past `node`?
    pub(super) fn goes_on(&self, node: Node) -> bool {
        self.inner.get(node as usize / 64).is_some_and(|bits| bits & (1 << (node % 64)) != 0)
    }

    /// The ids of the keys that can name a person alone after pattern `p`,
    /// a full name, named them (none for other patterns).
    pub(super) fn parts(&self, p: u32) -> &[u32] {
        range(&self.parts, &self.parts_at, p)
    }

    /// The patterns whose last word brings the walk to `node`.
    pub(super) fn ends(&self, node: Node) -> &[End] {
        range(&self.ends, &self.ends_at, node)
    }
}

/// `items[at[i]..at[i + 1]]`, or nothing if the arrays disagree.
fn range<'a, T>(items: &'a [T], at: &[u32], i: u32) -> &'a [T] {
    let at = |n: usize| at.get(n).map_or(0, |&k| k as usize);
    items.get(at(i as usize)..at(i as usize + 1)).unwrap_or_default()
}

fn edge(node: Node, id: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(id)
}

/// Lists of items one after the other in one buffer: a million aliases'
/// words without a million small allocations.
struct Flat<T> {
    items: Vec<T>,
    ends: Vec<u32>,
}

impl<T: Copy> Flat<T> {
    fn with_capacity(lists: usize) -> Flat<T> {
        Flat { items: Vec::with_capacity(lists * 2), ends: Vec::with_capacity(lists) }
    }
    /// Append `list` as the next list (and empty it for reuse).
    fn push(&mut self, list: &mut Vec<T>) {
        self.items.append(list);
        self.ends.push(self.items.len() as u32);
    }
    fn get(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).map_or(0, |&e| e as usize) };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.items.get(start..end).unwrap_or_default()
    }
}

/// Keys by id while building.
#[derive(Default)]
struct Vocab {
    ids: FastMap<String, u32>,
    keys: Vec<String>,
}

impl Vocab {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.keys.push(key.to_string());
        id
    }
    fn get(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }
    fn key(&self, id: u32) -> &str {
        self.keys.get(id as usize).map_or("", String::as_str)
    }
}

/// The ends of the trie's nodes (`patterns`, by number, in the order of
/// `ends_at`) with what a match needs of each, the likeliest first at each
/// node (see [`End`]). Made when the patterns are built, and kept in
/// snapshots: remade on loading, they would read every alias and name.
fn make_ends(registry: &Registry, list: &[Pattern], ends_at: &[u32], patterns: &[u32]) -> Vec<End> {
    let aliases = registry.aliases();
    let mut prominence = vec![0u32; registry.entities().len()];
    for a in aliases.iter() {
        if let Some(n) = prominence.get_mut(a.entity_number()) {
            *n += 1;
        }
    }
    let mut ends: Vec<End> = patterns
        .iter()
        .map(|&pattern| {
            let p = list.get(pattern as usize).copied().unwrap_or_default();
            let alias = aliases.get(p.alias as usize);
            let entity = alias.as_ref().map_or(usize::MAX, |a| a.entity_number());
            let prominence = prominence.get(entity).copied().unwrap_or(0);
            let name = alias.as_ref().map_or("", |a| a.name());
            let written = name.get(p.from as usize..).unwrap_or(name);
            let hash = super::exact::exact_hash(written);
            let mut flags = p.flags.0;
            if written.ends_with('.') {
                flags |= DOT;
            }
            if alias.is_none_or(|a| a.lang().is_none_or(|l| l == "und")) {
                flags |= UNTAGGED;
            }
            let written = [hash as u32, (hash >> 32) as u32];
            let (entity, flags) = (entity as u32, Flags(flags));
            End { pattern, alias: p.alias, entity, prominence, written, flags, script: p.script }
        })
        .collect();
    for node in ends_at.windows(2) {
        if let Some(at) = ends.get_mut(node[0] as usize..node[1] as usize) {
            at.sort_unstable_by_key(|e| (e.flags.surname(), std::cmp::Reverse(e.prominence), e.alias));
        }
    }
    ends
}

/// The trie's edges as flat arrays, as stored.
#[derive(Default)]
struct Edges {
    word_keys: Vec<u64>,
    word_children: Vec<u32>,
    stem_keys: Vec<u64>,
    /// `stem_targets[stem_at[k]..stem_at[k + 1]]` for `stem_keys[k]`.
    stem_at: Vec<u32>,
    stem_targets: Vec<u32>,
    /// Per node, where its ends start in the list of ends.
    ends_at: Vec<u32>,
}

#[derive(Default)]
struct TrieBuilder {
    words: FastMap<u64, u32>,
    stems: Vec<(u64, u32)>,
    ends: Vec<(Node, u32)>,
    nodes: u32,
}

impl TrieBuilder {
    /// Add pattern `p` with its words' keys and stem keys.
    fn add<'s>(&mut self, path: impl Iterator<Item = (u32, &'s [u32])>, p: u32) {
        let mut node = ROOT;
        for (key, stems) in path {
            let nodes = &mut self.nodes;
            let child = *self.words.entry(edge(node, key)).or_insert_with(|| {
                *nodes += 1;
                *nodes
            });
            self.stems.extend(stems.iter().map(|&s| (edge(node, s), child)));
            node = child;
        }
        self.ends.push((node, p));
    }

    /// The edges, and the pattern that ends at each end (by node).
    fn edges(mut self) -> (Edges, Vec<u32>) {
        let mut e = Edges::default();
        let mut words: Vec<(u64, u32)> = self.words.into_iter().collect();
        words.sort_unstable();
        (e.word_keys, e.word_children) = words.into_iter().unzip();
        self.stems.sort_unstable();
        self.stems.dedup();
        e.stem_at.push(0);
        for group in self.stems.chunk_by(|a, b| a.0 == b.0) {
            e.stem_keys.push(group[0].0);
            e.stem_targets.extend(group.iter().map(|&(_, child)| child));
            e.stem_at.push(e.stem_targets.len() as u32);
        }
        self.ends.sort_unstable();
        let mut k = 0;
        for node in 0..=self.nodes + 1 {
            while k < self.ends.len() && self.ends[k].0 < node {
                k += 1;
            }
            e.ends_at.push(k as u32);
        }
        (e, self.ends.into_iter().map(|(_, p)| p).collect())
    }
}

/// Keys of the common words that are also names (`tables/names/common_words.tsv`).
const COMMON_WORDS: &str = include_str!("../../tables/names/common_words.tsv");

fn common_words() -> Vec<String> {
    crate::util::word_keys(COMMON_WORDS).collect()
}

fn u64s(pairs: &[u32]) -> Vec<u64> {
    pairs.chunks_exact(2).map(|c| (u64::from(c[0]) << 32) | u64::from(c[1])).collect()
}

fn u32s(keys: &[u64]) -> Vec<u32> {
    keys.iter().flat_map(|&k| [(k >> 32) as u32, k as u32]).collect()
}

impl Patterns {
    pub(crate) fn write(&self, w: &mut Writer) {
        let columns: Vec<u32> = self
            .list
            .iter()
            .flat_map(|p| [p.alias, p.from, p.words, u32::from(p.flags.0) | u32::from(p.script) << 8])
            .collect();
        columns.write(w);
        let mut keys: Vec<(&str, u32)> = self.vocab.iter().map(|(k, &id)| (&**k, id)).collect();
        keys.sort_unstable_by_key(|&(_, id)| id);
        keys.iter().map(|(k, _)| k.to_string()).collect::<Vec<String>>().write(w);
        let mut words: Vec<(u64, u32)> = self.words.iter().map(|(&k, &v)| (k, v)).collect();
        words.sort_unstable();
        let (word_keys, word_children): (Vec<u64>, Vec<u32>) = words.into_iter().unzip();
        u32s(&word_keys).write(w);
        word_children.write(w);
        let mut stems: Vec<(u64, (u32, u32))> = self.stems.iter().map(|(&k, &v)| (k, v)).collect();
        stems.sort_unstable_by_key(|&(_, (a, _))| a);
        let (stem_keys, ranges): (Vec<u64>, Vec<(u32, u32)>) = stems.into_iter().unzip();
        u32s(&stem_keys).write(w);
        std::iter::once(0).chain(ranges.iter().map(|r| r.1)).collect::<Vec<u32>>().write(w);
        let ends: Vec<u32> = self
            .ends
            .iter()
            .flat_map(|e| {
                let flags = u32::from(e.flags.0) | u32::from(e.script) << 8;
                [e.pattern, e.alias, e.entity, e.prominence, e.written[0], e.written[1], flags]
            })
            .collect();
        for v in [&self.stem_targets, &self.ends_at, &ends, &self.parts_at, &self.parts] {
            v.write(w);
        }
    }

    pub(crate) fn read(registry: &Registry, r: &mut Reader) -> Result<Patterns, Unusable> {
        let columns = Vec::<u32>::read(r)?;
        let keys = Vec::<String>::read(r)?;
        let word_keys = u64s(&Vec::<u32>::read(r)?);
        let word_children = Vec::<u32>::read(r)?;
        let stem_keys = u64s(&Vec::<u32>::read(r)?);
        let stem_at = Vec::<u32>::read(r)?;
        let [stem_targets, ends_at, ends, parts_at, parts] = [(); 5].map(|_| Vec::<u32>::read(r));
        let edges = Edges {
            word_keys,
            word_children,
            stem_keys,
            stem_at,
            stem_targets: stem_targets?,
            ends_at: ends_at?,
        };
        let end_columns = ends?;
        let ends: Vec<End> = end_columns
            .chunks_exact(7)
            .map(|c| End {
                pattern: c[0],
                alias: c[1],
                entity: c[2],
                prominence: c[3],
                written: [c[4], c[5]],
                flags: Flags(c[6] as u8),
                script: (c[6] >> 8) as u8,
            })
            .collect();
        let (parts_at, parts) = (parts_at?, parts?);
        let n = registry.aliases().len();
        let list: Vec<Pattern> = columns
            .chunks_exact(4)
            .map(|c| Pattern {
                alias: c[0],
                from: c[1],
                words: c[2],
                flags: Flags(c[3] as u8),
                script: (c[3] >> 8) as u8,
            })
            .collect();
        // Scanning indexes aliases, patterns and nodes by these numbers:
        // a snapshot that disagrees with itself is not used.
        let nodes = edges.ends_at.len().saturating_sub(1) as u32;
        let sane = columns.len() % 4 == 0
            && list.iter().all(|p| (p.alias as usize) < n && p.words > 0)
            && edges.word_keys.len() == edges.word_children.len()
            && edges.stem_at.len() == edges.stem_keys.len() + 1
            && edges.stem_at.windows(2).all(|w| w[0] <= w[1])
            && edges.stem_at.last().is_some_and(|&e| e as usize <= edges.stem_targets.len())
            && edges.word_children.iter().chain(&edges.stem_targets).all(|&c| c < nodes)
            && edges.ends_at.windows(2).all(|w| w[0] <= w[1])
            && end_columns.len() % 7 == 0
            && edges.ends_at.last().is_some_and(|&e| e as usize == ends.len())
            && ends.iter().all(|e| (e.pattern as usize) < list.len() && (e.alias as usize) < n)
            && parts_at.len() == list.len() + 1
            && parts_at.windows(2).all(|w| w[0] <= w[1])
            && parts_at.last().is_some_and(|&e| e as usize == parts.len());
        if !sane {
            return Err(Unusable);
        }
        Ok(Patterns::assemble(registry, list, keys, edges, ends, (parts_at, parts)))
    }
}
