//! Candidate lookup: which aliases are worth scoring for a query, found by
//! key instead of by scanning the registry.

use std::collections::HashMap;

use crate::normalize::MatchKey;
use crate::registry::Registry;

/// Buckets larger than this are skipped when looking for fuzzy candidates:
/// a word or prefix that common says little, and scoring all of it would
/// make a query's cost grow with the registry.
const MAX_FUZZY_BUCKET: usize = 500;

/// Alias keys and the maps from key, word and word prefix to aliases.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Per alias (same order as `Registry::aliases`): its match key.
    pub(crate) keys: Vec<MatchKey>,
    /// Per alias: its case-folded NFC name, for exact matches.
    pub(crate) exact: HashMap<String, Vec<u32>>,
    pub(crate) by_key: HashMap<String, Vec<u32>>,
    pub(crate) by_sorted: HashMap<String, Vec<u32>>,
    pub(crate) by_joined: HashMap<String, Vec<u32>>,
    by_word: HashMap<String, Vec<u32>>,
    by_prefix: HashMap<String, Vec<u32>>,
    /// Letter trigrams of the joined key (with `^` and `$` at the ends).
    by_gram: HashMap<[u8; 3], Vec<u32>>,
}

/// Trigram buckets larger than this are skipped (a trigram that common
/// tells nothing), and at most this many of the aliases sharing the most
/// trigrams with a query are scored.
const MAX_GRAM_BUCKET: usize = 20_000;
const GRAM_CANDIDATES: usize = 64;

fn grams(joined: &str) -> Vec<[u8; 3]> {
    let padded: Vec<u8> = std::iter::once(b'^').chain(joined.bytes()).chain(std::iter::once(b'$')).collect();
    let mut g: Vec<[u8; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    g.sort_unstable();
    g.dedup();
    g
}

pub(crate) fn sorted_words(key: &MatchKey) -> String {
    let mut words: Vec<&str> = key.words().collect();
    words.sort_unstable();
    words.join(" ")
}

fn prefix(word: &str) -> Option<&str> {
    // Keys are ASCII, so byte slicing is on char boundaries.
    word.get(..3).filter(|_| word.len() >= 4)
}

impl Index {
    pub(crate) fn build(registry: &Registry) -> Index {
        let mut index = Index::default();
        let keys = crate::util::par_map(registry.aliases(), |a| MatchKey::with_lang(a.name(), a.lang()));
        for (i, (alias, key)) in registry.aliases().iter().zip(keys).enumerate() {
            let i = i as u32;
            index.exact.entry(super::fold_case(alias.name())).or_default().push(i);
            if !key.is_empty() {
                index.by_key.entry(key.as_str().to_string()).or_default().push(i);
                index.by_sorted.entry(sorted_words(&key)).or_default().push(i);
                index.by_joined.entry(key.joined()).or_default().push(i);
                for g in grams(&key.joined()) {
                    index.by_gram.entry(g).or_default().push(i);
                }
                for w in key.words() {
                    push_unique(index.by_word.entry(w.to_string()).or_default(), i);
                    if let Some(p) = prefix(w) {
                        push_unique(index.by_prefix.entry(p.to_string()).or_default(), i);
                    }
                }
            }
            index.keys.push(key);
        }
        index
    }

    /// Aliases sharing a word with the query, a word prefix (for typos), or
    /// the most letter trigrams (for spellings that differ throughout:
    /// Indunizya, Indonesia).
    pub(crate) fn candidates(&self, query: &MatchKey) -> Vec<u32> {
        let mut out = Vec::new();
        let mut shared: HashMap<u32, u16> = HashMap::new();
        for g in grams(&query.joined()) {
            if let Some(list) = self.by_gram.get(&g).filter(|l| l.len() <= MAX_GRAM_BUCKET) {
                for &a in list {
                    *shared.entry(a).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(u16, u32)> = shared.into_iter().map(|(a, n)| (n, a)).collect();
        ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        out.extend(ranked.iter().take(GRAM_CANDIDATES).map(|&(_, a)| a));
        for w in query.words() {
            if let Some(list) = self.by_word.get(w) {
                out.extend_from_slice(list);
            }
            if let Some(list) = prefix(w).and_then(|p| self.by_prefix.get(p)) {
                if list.len() <= MAX_FUZZY_BUCKET {
                    out.extend_from_slice(list);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn push_unique(list: &mut Vec<u32>, i: u32) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}
