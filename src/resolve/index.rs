//! Candidate lookup: which aliases are worth scoring for a query, found by
//! key instead of by scanning the registry.

use crate::normalize::MatchKey;
use crate::registry::Registry;
use crate::snapshot::{Blob, Persist, Reader, Unusable, Writer};

/// Buckets larger than this are skipped when looking for fuzzy candidates:
/// a word or prefix that common says little, and scoring all of it would
/// make a query's cost grow with the registry.
const MAX_FUZZY_BUCKET: usize = 500;

/// Alias keys and the maps from key, word and word prefix to aliases.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// Per alias (same order as `Registry::aliases`): its match key.
    pub(crate) keys: Keys,
    /// Per alias: its case-folded NFC name, for exact matches.
    pub(crate) exact: Postings,
    pub(crate) by_key: Postings,
    /// Keys of two words or more: their words sorted, and run together.
    pub(crate) by_sorted: Postings,
    pub(crate) by_joined: Postings,
    by_word: Postings,
    by_prefix: Postings,
    /// Letter trigrams of the joined key (with `^` and `$` at the ends).
    by_gram: Postings,
}

/// The match key of every alias, in one buffer: a million small strings
/// would cost a million allocations to load.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keys {
    /// Shared with a snapshot's bytes when loaded from one; checked as
    /// UTF-8 key by key when used, not all at once when loaded.
    text: Blob,
    /// Where each key ends (u32, little-endian).
    ends: Blob,
}

impl Keys {
    /// The key of alias `i`: words separated by single spaces.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let ends = self.ends.bytes();
        if 4 * i + 4 > ends.len() {
            return None;
        }
        let start = if i == 0 { 0 } else { u32_at(ends, i - 1) };
        std::str::from_utf8(self.text.bytes().get(start..u32_at(ends, i))?).ok()
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.bytes().len() / 4
    }
}

impl<'a> FromIterator<&'a MatchKey> for Keys {
    fn from_iter<I: IntoIterator<Item = &'a MatchKey>>(iter: I) -> Keys {
        let (mut text, mut ends) = (String::new(), Vec::new());
        for k in iter {
            text.push_str(k.as_str());
            ends.push(text.len() as u32);
        }
        Keys { text: text.into_bytes().into(), ends: to_bytes(&ends) }
    }
}

/// A map from keys to lists of alias numbers, frozen once built: keys
/// sorted in one buffer, lists in another, found by binary search. Flat
/// arrays cost a fraction of a hash map's memory at a million aliases, and
/// a snapshot's are used where they lie, without parsing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Postings {
    /// The keys, one after the other. Bytes, not text: lookups compare
    /// bytes, and loading need not check megabytes for UTF-8.
    keys: Blob,
    /// Where each key ends in `keys` (u32, little-endian).
    key_ends: Blob,
    /// Where each key's list ends in `lists`.
    list_ends: Blob,
    /// The lists of alias numbers.
    lists: Blob,
}

/// A list of alias numbers as stored: four bytes each, little-endian.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Aliases<'a>(&'a [u8]);

impl<'a> Aliases<'a> {
    pub(crate) fn len(self) -> usize {
        self.0.len() / 4
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = u32> + 'a {
        self.0.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }
}

fn u32_at(bytes: &[u8], i: usize) -> usize {
    bytes.get(4 * i..4 * i + 4).map_or(0, |c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
}

fn to_bytes(numbers: &[u32]) -> Blob {
    numbers.iter().flat_map(|n| n.to_le_bytes()).collect::<Vec<u8>>().into()
}

impl Postings {
    /// The map of `(key, alias)` pairs; each list comes out in alias order
    /// without repeats.
    fn build<K: AsRef<[u8]> + Ord>(mut pairs: Vec<(K, u32)>) -> Postings {
        pairs.sort_unstable();
        pairs.dedup();
        let (mut keys, mut key_ends, mut list_ends, mut lists) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, (key, alias)) in pairs.iter().enumerate() {
            if i == 0 || pairs[i - 1].0 != *key {
                if i > 0 {
                    list_ends.push(lists.len() as u32);
                }
                keys.extend_from_slice(key.as_ref());
                key_ends.push(keys.len() as u32);
            }
            lists.push(*alias);
        }
        if !pairs.is_empty() {
            list_ends.push(lists.len() as u32);
        }
        Postings {
            keys: keys.into(),
            key_ends: to_bytes(&key_ends),
            list_ends: to_bytes(&list_ends),
            lists: to_bytes(&lists),
        }
    }

    fn len(&self) -> usize {
        self.key_ends.bytes().len() / 4
    }

    /// Key `i`; offsets out of order (a damaged snapshot) give an empty key
    /// rather than a panic.
    fn key(&self, i: usize) -> &[u8] {
        let ends = self.key_ends.bytes();
        let start = if i == 0 { 0 } else { u32_at(ends, i - 1) };
        self.keys.bytes().get(start..u32_at(ends, i)).unwrap_or_default()
    }

    /// The aliases filed under `key`.
    pub(crate) fn get(&self, key: impl AsRef<[u8]>) -> Aliases<'_> {
        let key = key.as_ref();
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let ends = self.list_ends.bytes();
                    let start = if mid == 0 { 0 } else { u32_at(ends, mid - 1) };
                    let end = u32_at(ends, mid);
                    return Aliases(self.lists.bytes().get(4 * start..4 * end).unwrap_or_default());
                }
            }
        }
        Aliases(&[])
    }
}

impl Persist for Postings {
    fn write(&self, w: &mut Writer) {
        for blob in [&self.keys, &self.key_ends, &self.list_ends, &self.lists] {
            blob.write(w);
        }
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        Ok(Postings {
            keys: Blob::read(r)?,
            key_ends: Blob::read(r)?,
            list_ends: Blob::read(r)?,
            lists: Blob::read(r)?,
        })
    }
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
        let keys = crate::util::par_map(registry.aliases(), |a| MatchKey::with_lang(a.name(), a.lang()));
        let folded = crate::util::par_map(registry.aliases(), |a| crate::normalize::fold_case(a.name()));
        let mut exact = Vec::with_capacity(keys.len());
        let (mut by_key, mut by_sorted, mut by_joined) = (Vec::new(), Vec::new(), Vec::new());
        let (mut by_word, mut by_prefix, mut by_gram) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (key, folded)) in keys.iter().zip(&folded).enumerate() {
            let i = i as u32;
            exact.push((folded.as_str(), i));
            if key.is_empty() {
                continue;
            }
            let joined = key.joined();
            by_key.push((key.as_str(), i));

            by_gram.extend(grams(&joined).into_iter().map(|g| (g, i)));
            // A one-word key is its own sorted and joined form: `by_key`
            // files it already (and lookups ask it), which saves a third
            // of these maps.
            if key.as_str().contains(' ') {
                by_sorted.push((sorted_words(key), i));
                by_joined.push((joined, i));
            }
            for w in key.words() {
                by_word.push((w, i));
                by_prefix.extend(prefix(w).map(|p| (p, i)));
            }
        }
        // Each map sorts its own pairs: millions of them at a million
        // aliases, so the maps are built side by side.
        std::thread::scope(|s| {
            let gram = s.spawn(|| Postings::build(by_gram));
            let word = s.spawn(|| (Postings::build(by_word), Postings::build(by_prefix)));
            let exact = s.spawn(|| Postings::build(exact));
            let (by_key, by_sorted, by_joined) =
                (Postings::build(by_key), Postings::build(by_sorted), Postings::build(by_joined));
            // A panic while sorting is a bug in nomen, not bad input.
            fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
            }
            let (by_word, by_prefix) = join(word);
            Index {
                exact: join(exact),
                by_key,
                by_sorted,
                by_joined,
                by_word,
                by_prefix,
                by_gram: join(gram),
                keys: keys.iter().collect(),
            }
        })
    }

    /// Aliases sharing the most letter trigrams with the query (for
    /// spellings that differ throughout: Indunizya, Indonesia), a word, or
    /// a word prefix (for typos). Words and prefixes shared by many aliases
    /// add nothing the trigrams do not find: a query's cost must not grow
    /// with the registry.
    pub(crate) fn candidates(&self, query: &MatchKey) -> Vec<u32> {
        let mut ranked: Vec<(u16, u32)> = Vec::new();
        COUNTS.with_borrow_mut(|counts| {
            if counts.len() < self.keys.len() {
                counts.resize(self.keys.len(), 0);
            }
            let mut touched: Vec<u32> = Vec::new();
            for g in grams(&query.joined()) {
                let list = self.by_gram.get(g);
                if list.len() > MAX_GRAM_BUCKET {
                    continue;
                }
                for a in list.iter() {
                    let Some(n) = counts.get_mut(a as usize) else { continue };
                    if *n == 0 {
                        touched.push(a);
                    }
                    *n = n.saturating_add(1);
                }
            }
            ranked = touched.iter().map(|&a| (counts[a as usize], a)).collect();
            for a in touched {
                counts[a as usize] = 0;
            }
        });
        // Most shared trigrams first, then table order.
        let order = |x: &(u16, u32), y: &(u16, u32)| y.0.cmp(&x.0).then(x.1.cmp(&y.1));
        if ranked.len() > GRAM_CANDIDATES {
            ranked.select_nth_unstable_by(GRAM_CANDIDATES, order);
            ranked.truncate(GRAM_CANDIDATES);
        }
        let mut out: Vec<u32> = ranked.iter().map(|&(_, a)| a).collect();
        for w in query.words() {
            for list in
                [Some(self.by_word.get(w)), prefix(w).map(|p| self.by_prefix.get(p))].into_iter().flatten()
            {
                if list.len() <= MAX_FUZZY_BUCKET {
                    out.extend(list.iter());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

thread_local! {
    /// Per thread, a count per alias for [`Index::candidates`]: counting
    /// in an array is several times faster than in a hash map, and only
    /// the entries a query touched are reset after it.
    static COUNTS: std::cell::RefCell<Vec<u16>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Persist for Index {
    fn write(&self, w: &mut Writer) {
        self.keys.text.write(w);
        self.keys.ends.write(w);
        for p in [&self.exact, &self.by_key, &self.by_sorted, &self.by_joined, &self.by_word, &self.by_prefix]
        {
            p.write(w);
        }
        self.by_gram.write(w);
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        let keys = Keys { text: Blob::read(r)?, ends: Blob::read(r)? };
        Ok(Index {
            keys,
            exact: Postings::read(r)?,
            by_key: Postings::read(r)?,
            by_sorted: Postings::read(r)?,
            by_joined: Postings::read(r)?,
            by_word: Postings::read(r)?,
            by_prefix: Postings::read(r)?,
            by_gram: Postings::read(r)?,
        })
    }
}
