//! The registry's aliases as patterns for scanning: sequences of word
//! keys with their stems, looked up by their first word. Built once per
//! registry (it takes as long as keying every alias) and kept in
//! registry snapshots.

use std::collections::{HashMap, HashSet};

use unicode_script::Script;

use super::{
    MIN_SURNAME_KEY, common_words, designators, exact_form, inflection, is_abbreviation, key_letters,
    pattern, surfaces,
};
use crate::registry::{AliasType, Kind, Registry};
use crate::snapshot::{Persist, Reader, Unusable, Writer};
use crate::translit;
use crate::util::FastMap;

/// An alias as a sequence of word keys.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    pub(super) words: Vec<String>,
    /// Per word: the keys of its stems (see [`inflection`]).
    pub(super) stems: Vec<Vec<String>>,
    /// The script of the name, to prefer names written in the text's own
    /// script when two fit equally.
    pub(super) script: Option<Script>,
    /// Which words stand alone as a part of the name (between spaces or
    /// middle dots): only those can name the person alone later (Trump,
    /// not the To of To-wah).
    pub(super) alone: Vec<bool>,
    pub(super) alias: u32,
    /// Abbreviations (US, NATO) match only letter for letter, case included,
    /// since their keys are ordinary words (us, nato).
    pub(super) exact_case: Option<Vec<String>>,
    /// The alias as compared for an exact match ([`exact_form`]).
    pub(super) exact: String,
    /// The last part of a person's name alone (a surname), not the alias.
    pub(super) surname: bool,
    /// A one-word name that is also a common word (Reading, Mobile): it is
    /// taken for a name only inside a sentence, not at its start.
    pub(super) common: bool,
}

/// Every alias's pattern, and a trie over their word keys to find them:
/// scanning walks it word by word from each word of the text, so a
/// given name shared by thousands of people costs one step, not a look at
/// each of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    pub(super) list: Vec<Pattern>,
    /// Every word key and stem key of a pattern, by id.
    vocab: FastMap<Box<str>, u32>,
    /// (node, word id) → the node after a pattern word with that key. The
    /// root is node 0.
    words: FastMap<u64, u32>,
    /// (node, stem id) → the nodes after pattern words with that stem, a
    /// range of `stem_targets`. Abbreviations have no stem edges.
    stems: FastMap<u64, (u32, u32)>,
    stem_targets: Vec<u32>,
    /// Per node, the patterns that end there: `ends[ends_at[n]..ends_at[n + 1]]`.
    ends_at: Vec<u32>,
    ends: Vec<u32>,
    /// Per pattern of a person's full name: the ids of the keys (and stem
    /// keys) of the parts that can name the person alone after it
    /// (`parts[parts_at[p]..parts_at[p + 1]]`; see [`super::coref`]).
    parts_at: Vec<u32>,
    parts: Vec<u32>,
    /// Per entity: how many aliases it has, a proxy for how often it is
    /// meant when two entities share a name.
    pub(super) prominence: Vec<u32>,
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

impl Patterns {
    /// The patterns of every alias of `registry`.
    pub(crate) fn build(registry: &Registry) -> Patterns {
        let designators = designators::Designators::builtin();
        let inflection = inflection::Inflection::builtin();
        let common = common_words();
        let mut patterns: Vec<Pattern> = Vec::new();
        // Every part of every name (words between spaces or middle dots), by
        // the entities that carry it: a surname alone stands for its person
        // only if no other entity has a name, or a part of one, so keyed.
        let mut parts_of: HashMap<Vec<String>, HashSet<usize>> = HashMap::new();
        let mut surnames: Vec<(usize, Pattern)> = Vec::new();
        let built = crate::util::par_map(registry.aliases(), |alias| {
            let hint = alias.lang().or_else(|| translit::detect_lang(alias.name()));
            pattern(alias.name(), hint, &designators, &inflection)
        });
        for (i, (alias, built)) in registry.aliases().iter().zip(built).enumerate() {
            let name = alias.name();
            let Some((mut p, parts)) = built else { continue };
            p.alias = i as u32;
            p.exact_case = is_abbreviation(alias).then(|| surfaces(name));
            p.common = p.words.len() == 1 && common.contains(&p.words[0]);
            let mut bounds = parts.clone();
            bounds.push((p.words.len(), name.len()));
            for w in bounds.windows(2) {
                parts_of.entry(p.words[w[0].0..w[1].0].to_vec()).or_default().insert(alias.entity);
            }
            let entity = registry.entity_of(alias);
            let person = entity.kind() == Kind::Person
                && matches!(alias.alias_type(), AliasType::Alias | AliasType::Canonical);
            if let (true, [_, .., (first_word, byte)]) = (person, parts.as_slice()) {
                let letters: usize = p.words[*first_word..].iter().map(|w| key_letters(w)).sum();
                let common_word = p.words[*first_word..].iter().any(|w| common.contains(w));
                if letters >= MIN_SURNAME_KEY && !common_word {
                    let surname = Pattern {
                        words: p.words[*first_word..].to_vec(),
                        stems: p.stems[*first_word..].to_vec(),
                        alone: p.alone[*first_word..].to_vec(),
                        exact: exact_form(&name[*byte..]),
                        surname: true,
                        ..p.clone()
                    };
                    surnames.push((alias.entity, surname));
                }
            }
            patterns.push(p);
        }
        for (entity, surname) in surnames {
            let only_this =
                parts_of.get(&surname.words).is_some_and(|es| es.len() == 1 && es.contains(&entity));
            if only_this {
                patterns.push(surname);
            }
        }
        Patterns::from_list(registry, patterns)
    }

    /// The trie over `list`, which is cheaper to make again than to store.
    fn from_list(registry: &Registry, patterns: Vec<Pattern>) -> Patterns {
        let mut vocab: FastMap<Box<str>, u32> = FastMap::default();
        let mut id = |key: &str| -> u32 {
            let next = vocab.len() as u32;
            *vocab.entry(key.into()).or_insert(next)
        };
        let mut words: FastMap<u64, u32> = FastMap::default();
        let mut stem_edges: Vec<(u64, u32)> = Vec::new();
        let mut ends: Vec<(Node, u32)> = Vec::with_capacity(patterns.len());
        let mut nodes: u32 = 1;
        let mut parts_at = Vec::with_capacity(patterns.len() + 1);
        let mut parts = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            parts_at.push(parts.len() as u32);
            let person = registry.aliases().get(p.alias as usize).map(|a| registry.entity_of(a).kind());
            if person == Some(Kind::Person) && !p.surname && p.words.len() > 1 {
                let alone = p.words.iter().zip(&p.stems).zip(&p.alone).filter(|(_, alone)| **alone);
                let keys = alone.flat_map(|((w, stems), _)| std::iter::once(w).chain(stems));
                // One-letter keys (initials) name no one alone.
                parts.extend(keys.filter(|k| k.len() >= 2).map(|k| id(k)));
            }
            let mut node = ROOT;
            for (word, stems) in p.words.iter().zip(&p.stems) {
                let child = *words.entry(edge(node, id(word))).or_insert_with(|| {
                    nodes += 1;
                    nodes - 1
                });
                // Abbreviations are matched letter for letter, never inflected.
                if p.exact_case.is_none() {
                    stem_edges.extend(stems.iter().map(|s| (edge(node, id(s)), child)));
                }
                node = child;
            }
            ends.push((node, i as u32));
        }
        parts_at.push(parts.len() as u32);
        stem_edges.sort_unstable();
        stem_edges.dedup();
        let mut stems: FastMap<u64, (u32, u32)> = FastMap::default();
        let mut stem_targets = Vec::with_capacity(stem_edges.len());
        for group in stem_edges.chunk_by(|a, b| a.0 == b.0) {
            let start = stem_targets.len() as u32;
            stem_targets.extend(group.iter().map(|&(_, child)| child));
            stems.insert(group[0].0, (start, stem_targets.len() as u32));
        }
        ends.sort_unstable();
        let mut ends_at = Vec::with_capacity(nodes as usize + 1);
        let mut k = 0;
        for node in 0..=nodes {
            while k < ends.len() && ends[k].0 < node {
                k += 1;
            }
            ends_at.push(k as u32);
        }
        let ends = ends.into_iter().map(|(_, p)| p).collect();
        let mut prominence = vec![0u32; registry.entities().len()];
        for a in registry.aliases() {
            if let Some(n) = prominence.get_mut(a.entity) {
                *n += 1;
            }
        }
        Patterns { list: patterns, vocab, words, stems, stem_targets, ends_at, ends, parts_at, parts, prominence }
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
            Edge::Word => self.words.get(&key).map(std::slice::from_ref).unwrap_or_default(),
            Edge::Stem => self
                .stems
                .get(&key)
                .and_then(|&(a, b)| self.stem_targets.get(a as usize..b as usize))
                .unwrap_or_default(),
        }
    }

    /// The ids of the keys that can name a person alone after pattern `p`,
    /// a full name, named them (none for other patterns).
    pub(super) fn parts(&self, p: u32) -> &[u32] {
        let at = |n: usize| self.parts_at.get(n).map_or(0, |&k| k as usize);
        self.parts.get(at(p as usize)..at(p as usize + 1)).unwrap_or_default()
    }

    /// The patterns whose last word brings the walk to `node`.
    pub(super) fn ends(&self, node: Node) -> &[u32] {
        let at = |n: usize| self.ends_at.get(n).map_or(0, |&k| k as usize);
        self.ends.get(at(node as usize)..at(node as usize + 1)).unwrap_or_default()
    }
}

fn edge(node: Node, id: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(id)
}

impl Persist for Pattern {
    fn write(&self, w: &mut Writer) {
        self.words.write(w);
        self.stems.write(w);
        self.script.map(|s| s.short_name().to_string()).write(w);
        self.alone.iter().map(|&b| u8::from(b)).collect::<Vec<u8>>().write(w);
        (self.alias as usize).write(w);
        self.exact_case.write(w);
        self.exact.write(w);
        vec![u8::from(self.surname), u8::from(self.common)].write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let words = Vec::read(r)?;
        let stems = Vec::read(r)?;
        let script = match Option::<String>::read(r)? {
            Some(name) => Some(Script::from_short_name(&name).ok_or(Unusable)?),
            None => None,
        };
        let alone = Vec::<u8>::read(r)?.into_iter().map(|b| b != 0).collect();
        let alias = u32::try_from(usize::read(r)?).map_err(|_| Unusable)?;
        let exact_case = Persist::read(r)?;
        let exact = String::read(r)?;
        let flags = Vec::<u8>::read(r)?;
        let [surname, common] = flags.as_slice() else { return Err(Unusable) };
        Ok(Pattern {
            words,
            stems,
            script,
            alone,
            alias,
            exact_case,
            exact,
            surname: *surname != 0,
            common: *common != 0,
        })
    }
}

impl Patterns {
    pub(crate) fn write(&self, w: &mut Writer) {
        self.list.write(w);
    }

    pub(crate) fn read(registry: &Registry, r: &mut Reader) -> Result<Patterns, Unusable> {
        let list: Vec<Pattern> = Persist::read(r)?;
        // Scanning indexes patterns by their words and aliases by `alias`.
        let n = registry.aliases().len();
        if list.iter().any(|p| {
            p.words.is_empty()
                || p.stems.len() != p.words.len()
                || p.alone.len() != p.words.len()
                || p.alias as usize >= n
        }) {
            return Err(Unusable);
        }
        Ok(Patterns::from_list(registry, list))
    }
}
