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

/// Every alias's pattern and the maps to find them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Patterns {
    pub(super) list: Vec<Pattern>,
    /// Pattern indices by the key of their first word, longest first.
    pub(super) by_first: HashMap<String, Vec<u32>>,
    /// Pattern indices by a stem key of their first word, longest first.
    pub(super) by_first_stem: HashMap<String, Vec<u32>>,
    /// Per entity: how many aliases it has, a proxy for how often it is
    /// meant when two entities share a name.
    pub(super) prominence: Vec<u32>,
}

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

    /// The lookup maps over `list`, which are cheaper to make again than
    /// to store.
    fn from_list(registry: &Registry, patterns: Vec<Pattern>) -> Patterns {
        let mut by_first: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_first_stem: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            by_first.entry(p.words[0].clone()).or_default().push(i as u32);
            // Abbreviations are matched letter for letter, never inflected.
            if p.exact_case.is_none() {
                for stem in &p.stems[0] {
                    by_first_stem.entry(stem.clone()).or_default().push(i as u32);
                }
            }
        }
        for list in by_first.values_mut().chain(by_first_stem.values_mut()) {
            list.sort_by(|&a, &b| {
                let (pa, pb) = (&patterns[a as usize], &patterns[b as usize]);
                pb.words.len().cmp(&pa.words.len()).then(pa.alias.cmp(&pb.alias))
            });
            list.dedup();
        }
        let mut prominence = vec![0u32; registry.entities().len()];
        for a in registry.aliases() {
            if let Some(n) = prominence.get_mut(a.entity) {
                *n += 1;
            }
        }
        Patterns { list: patterns, by_first, by_first_stem, prominence }
    }
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
