//! Candidate lookup: which aliases are worth scoring for a query, found by
//! key instead of by scanning the registry.

use std::collections::HashMap;

use crate::normalize::MatchKey;
use crate::registry::Registry;
use crate::snapshot::{Blob, Persist, Reader, Unusable, Writer};
use crate::util::FastHash;

/// Buckets larger than this are skipped when looking for fuzzy candidates:
/// a word or prefix that common says little, and scoring all of it would
/// make a query's cost grow with the registry.
const MAX_FUZZY_BUCKET: usize = 60;

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
    /// The consonant skeletons of the joined keys ([`skeleton_of`]): a
    /// name in a script that writes few vowels (ڈربن, drbn) meets its Latin
    /// spelling (Durban) there, with no trigram in common.
    by_skeleton: Postings,
    /// The aliases in groups of one joined key each (the romanizations of
    /// a name often share one), numbered in order of their first alias.
    groups: Groups,
    /// Letter trigrams of the joined keys (with `^` and `$` at the ends):
    /// lists of groups, so a key shared by several aliases is counted once.
    by_gram: Postings,
    /// Per trigram (in `by_gram`'s order): how many aliases its groups
    /// hold (u32, little-endian).
    gram_sizes: Blob,
    /// Per alias, three bytes: 1 if its entity is a person, the script of
    /// its first letter ([`script_code`]), and how many names its entity
    /// has (at most 255). Scoring asks the first two of every candidate;
    /// read from the alias, its entity and its name they are three reads
    /// from far apart in memory, here one.
    traits: Blob,
}

/// What scoring asks of a candidate alias besides its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traits {
    pub(crate) person: bool,
    /// [`script_code`] of the script of the name's first letter.
    pub(crate) script: u8,
    /// How many names the alias's entity has, at most 255: of two places
    /// that share a name, the one with more names is the better known
    /// (موسكو: Moscow before Mesquite).
    pub(crate) names: u8,
}

/// A script as one byte, and no letter at all as another.
pub(crate) fn script_code(script: Option<unicode_script::Script>) -> u8 {
    script.map_or(u8::MAX, |s| s as u8)
}

/// Lists of aliases, one after the other: group `g` holds
/// `aliases[ends[g - 1]..ends[g]]`, in alias order.
#[derive(Debug, Clone, Default)]
struct Groups {
    ends: Blob,
    aliases: Blob,
}

impl Groups {
    fn len(&self) -> usize {
        self.ends.bytes().len() / 4
    }

    fn get(&self, g: usize) -> Aliases<'_> {
        let ends = self.ends.bytes();
        let start = if g == 0 { 0 } else { u32_at(ends, g - 1) };
        Aliases(self.aliases.bytes().get(4 * start..4 * u32_at(ends, g)).unwrap_or_default())
    }
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

impl<'a> FromIterator<&'a str> for Keys {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Keys {
        let (mut text, mut ends) = (String::new(), Vec::new());
        for k in iter {
            text.push_str(k);
            ends.push(text.len() as u32);
        }
        Keys { text: text.into_bytes().into(), ends: Blob::from_u32s(&ends) }
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
    /// The first eight bytes of every [`FENCE`]th key as a big-endian
    /// number (u64, little-endian): a search narrows to a stretch of a few
    /// dozen keys in this small array, which stays in cache, before it
    /// reads a key. At a million keys that is five reads of a key (and its
    /// offset) from far apart in memory instead of twenty.
    fences: Blob,
}

/// See [`Postings::fences`].
const FENCE: usize = 16;

/// A key's first eight bytes (zeros after a shorter one) as a number: never
/// greater for a key that sorts before another.
fn fence_of(key: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let n = key.len().min(8);
    head[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(head)
}

/// The first `i` in `0..n` for which `above(i)` holds (`n` if none), for
/// an `above` that holds from some point on.
fn first_above(n: usize, above: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if above(mid) { hi = mid } else { lo = mid + 1 }
    }
    lo
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

impl Postings {
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

    /// The keys `key` may be among: from the last fence below its own
    /// (keys after it may share its first bytes) to the first fence past it.
    fn fenced(&self, key: &[u8]) -> (usize, usize) {
        let fences = self.fences.bytes();
        let at = |i: usize| {
            fences
                .get(8 * i..8 * i + 8)
                .map_or(u64::MAX, |c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        };
        let (n, own) = (fences.len() / 8, fence_of(key));
        let from = first_above(n, |i| at(i) >= own).saturating_sub(1);
        let to = first_above(n, |i| at(i) > own);
        (from * FENCE, if to == n { self.len() } else { (to * FENCE).min(self.len()) })
    }

    /// Where `key` is among the keys, if it is one.
    fn find(&self, key: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = self.fenced(key);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// [`Postings::find`] for maps whose keys all have `N` bytes (the
    /// trigrams): key `i` is at `N * i`, so the search reads no offsets and
    /// compares arrays, not slices.
    fn find_fixed<const N: usize>(&self, key: [u8; N]) -> Option<usize> {
        let keys = self.keys.bytes();
        if keys.len() != N * self.len() {
            return self.find(&key);
        }
        let at = |i: usize| keys.get(N * i..N * i + N).and_then(|k| <[u8; N]>::try_from(k).ok());
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match at(mid)?.cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The list of key `i`.
    fn list(&self, i: usize) -> Aliases<'_> {
        let ends = self.list_ends.bytes();
        let start = if i == 0 { 0 } else { u32_at(ends, i - 1) };
        Aliases(self.lists.bytes().get(4 * start..4 * u32_at(ends, i)).unwrap_or_default())
    }

    /// The aliases filed under `key`.
    pub(crate) fn get(&self, key: impl AsRef<[u8]>) -> Aliases<'_> {
        self.find(key.as_ref()).map(|i| self.list(i)).unwrap_or_default()
    }
}

/// Collects `(key, number)` pairs, numbers in ascending order, into
/// [`Postings`]. Keys are numbered as they come (hashing each pair once)
/// and the lists laid out by counting, so only the distinct keys are
/// sorted: sorting every pair cost most of an index build at a million
/// aliases.
struct PostingsBuilder<K> {
    ids: HashMap<K, u32, FastHash>,
    /// Per key number: the last number filed under it, to drop repeats.
    last: Vec<u32>,
    /// Per pair: its key's number and its own number.
    pairs: Vec<(u32, u32)>,
}

impl<K: AsRef<[u8]> + Eq + std::hash::Hash> PostingsBuilder<K> {
    fn new() -> Self {
        PostingsBuilder { ids: HashMap::default(), last: Vec::new(), pairs: Vec::new() }
    }

    /// File `number` under `key`; numbers must come in ascending order.
    fn push(&mut self, key: K, number: u32) {
        let next = self.last.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.last.push(number);
        } else if self.last[id as usize] == number {
            return;
        } else {
            self.last[id as usize] = number;
        }
        self.pairs.push((id, number));
    }

    fn finish(self) -> Postings {
        let mut distinct: Vec<(K, u32)> = self.ids.into_iter().collect();
        distinct.sort_unstable_by(|x, y| x.0.as_ref().cmp(y.0.as_ref()));
        let mut rank = vec![0u32; distinct.len()];
        let (mut keys, mut key_ends) = (Vec::new(), Vec::with_capacity(distinct.len()));
        for (r, (key, id)) in distinct.iter().enumerate() {
            rank[*id as usize] = r as u32;
            keys.extend_from_slice(key.as_ref());
            key_ends.push(keys.len() as u32);
        }
        drop(distinct);
        // Counting sort by key rank; pairs keep their (ascending) order
        // within a key.
        let mut next = vec![0u32; rank.len() + 1];
        for &(id, _) in &self.pairs {
            next[rank[id as usize] as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let list_ends = next[1..].to_vec();
        let mut lists = vec![0u32; self.pairs.len()];
        for (id, number) in self.pairs {
            let at = &mut next[rank[id as usize] as usize];
            lists[*at as usize] = number;
            *at += 1;
        }
        let fences: Vec<u8> = (0..key_ends.len())
            .step_by(FENCE)
            .flat_map(|i| {
                let start = if i == 0 { 0 } else { key_ends[i - 1] as usize };
                fence_of(&keys[start..key_ends[i] as usize]).to_le_bytes()
            })
            .collect();
        Postings {
            fences: fences.into(),
            keys: keys.into(),
            key_ends: Blob::from_u32s(&key_ends),
            list_ends: Blob::from_u32s(&list_ends),
            lists: Blob::from_u32s(&lists),
        }
    }
}

impl Persist for Postings {
    fn write(&self, w: &mut Writer) {
        for blob in [&self.keys, &self.key_ends, &self.list_ends, &self.lists, &self.fences] {
            blob.write(w);
        }
    }
    fn read(r: &mut Reader) -> Result<Self, Unusable> {
        Ok(Postings {
            keys: Blob::read(r)?,
            key_ends: Blob::read(r)?,
            list_ends: Blob::read(r)?,
            lists: Blob::read(r)?,
            fences: Blob::read(r)?,
        })
    }
}

/// Trigram buckets of more aliases than this are skipped (a trigram that
/// common tells nothing), and at most this many of the aliases sharing the
/// most trigrams with a query are scored. (48 candidates instead of 32:
/// the same 805 of the bench's 1,000 queries at 1M aliases, 15 more right
/// answers of the dev split's 10,896, all in other scripts than Latin, and
/// half again as many alignments a query.)
const MAX_GRAM_BUCKET: usize = 20_000;
const GRAM_CANDIDATES: usize = 32;
/// A query's trigrams are counted rarest first: every one whose bucket
/// holds at most `RARE_GRAM_BUCKET` aliases, then commoner ones while the
/// buckets counted hold at most `GRAM_BUDGET` aliases in all, and at least
/// `MIN_GRAMS` of them. A common trigram costs the most to count and tells
/// the least; a query made only of common ones still has some counted.
/// (At 1M aliases, with 32 candidates: 804 right answers of the bench's
/// 1,000 queries, against 805 with a budget of 15,000 and 808 counting
/// every bucket up to `MAX_GRAM_BUCKET`; from 15,000 to 8,000 took 6% of
/// the instructions and 8% of the cache misses of a query; the dev split's
/// figures are unchanged.)
const RARE_GRAM_BUCKET: usize = 800;
const GRAM_BUDGET: usize = 8_000;
const MIN_GRAMS: usize = 3;

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

/// A name's consonant skeleton (of its joined key), if it has enough
/// consonants to tell names apart (`score::SKELETON_MIN`).
fn skeleton_of(joined: &str) -> Option<String> {
    Some(super::score::skeleton(joined)).filter(|s| s.len() >= super::score::SKELETON_MIN)
}

fn prefix(word: &str) -> Option<&str> {
    // Keys are ASCII, so byte slicing is on char boundaries.
    word.get(..3).filter(|_| word.len() >= 4)
}

/// Joins a scoped thread; a panic in it is a bug in nomen, not bad input.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

impl Index {
    pub(crate) fn build(registry: &Registry) -> Index {
        let aliases = registry.aliases();
        let keys = crate::util::par_map(aliases.len(), |i| {
            aliases.get(i).map_or_else(|| MatchKey::new(""), |a| MatchKey::with_lang(a.name(), a.lang()))
        });
        // In one buffer: a million strings cost some 30 MB more than their
        // letters, at the build's peak.
        let joined: Keys =
            crate::util::par_map(keys.len(), |i| keys[i].joined()).iter().map(String::as_str).collect();
        let keyed = || {
            keys.iter()
                .enumerate()
                .filter(|(_, k)| !k.is_empty())
                .map(|(i, k)| (i, (k, joined.get(i).unwrap_or_default())))
        };
        // The maps are built on two threads, each from the keys at hand,
        // so no list of millions of pairs is kept for long.
        std::thread::scope(|s| {
            let words = s.spawn(|| {
                let (mut by_word, mut by_prefix) = (PostingsBuilder::new(), PostingsBuilder::new());
                let mut by_skeleton = PostingsBuilder::new();
                for (i, (key, joined)) in keyed() {
                    for w in key.words() {
                        by_word.push(w, i as u32);
                        if let Some(p) = prefix(w) {
                            by_prefix.push(p, i as u32);
                        }
                    }
                    if let Some(s) = skeleton_of(joined) {
                        by_skeleton.push(s, i as u32);
                    }
                }
                let (by_word, by_prefix) = (by_word.finish(), by_prefix.finish());
                let by_skeleton = by_skeleton.finish();
                let (groups, by_gram, gram_sizes) = gram_index(keyed().map(|(i, (_, j))| (i as u32, j)));
                (by_word, by_prefix, by_skeleton, groups, by_gram, gram_sizes)
            });
            let mut exact = PostingsBuilder::new();
            for (i, a) in aliases.iter().enumerate() {
                exact.push(crate::normalize::fold_case(a.name()), i as u32);
            }
            let exact = exact.finish();
            let (mut by_key, mut by_sorted, mut by_joined) =
                (PostingsBuilder::new(), PostingsBuilder::new(), PostingsBuilder::new());
            for (i, (key, joined)) in keyed() {
                let i = i as u32;
                by_key.push(key.as_str(), i);
                // A one-word key is its own sorted and joined form: `by_key`
                // files it already (and lookups ask it), which saves a third
                // of these maps.
                if key.as_str().contains(' ') {
                    by_sorted.push(sorted_words(key), i);
                    by_joined.push(joined, i);
                }
            }
            let (by_key, by_sorted, by_joined) = (by_key.finish(), by_sorted.finish(), by_joined.finish());
            let (by_word, by_prefix, by_skeleton, groups, by_gram, gram_sizes) = join(words);
            let mut names = vec![0u8; registry.entities().len()];
            for a in aliases.iter() {
                if let Some(n) = names.get_mut(a.entity_number()) {
                    *n = n.saturating_add(1);
                }
            }
            let traits: Vec<u8> = aliases
                .iter()
                .flat_map(|a| {
                    let person = a.entity().kind() == crate::Kind::Person;
                    let names = names.get(a.entity_number()).copied().unwrap_or(0);
                    [u8::from(person), script_code(super::first_script(a.name())), names]
                })
                .collect();
            Index {
                exact,
                by_key,
                by_sorted,
                by_joined,
                by_word,
                by_prefix,
                by_skeleton,
                groups,
                by_gram,
                gram_sizes,
                traits: traits.into(),
                keys: keys.iter().map(MatchKey::as_str).collect(),
            }
        })
    }

    /// What scoring asks of alias `a` besides its key.
    pub(crate) fn traits(&self, a: u32) -> Traits {
        let at = 3 * a as usize;
        match self.traits.bytes().get(at..at + 3) {
            Some(&[person, script, names]) => Traits { person: person == 1, script, names },
            _ => Traits { person: false, script: u8::MAX, names: 0 },
        }
    }

    /// Aliases sharing the most letter trigrams with the query (for
    /// spellings that differ throughout: Indunizya, Indonesia), a word, or
    /// a word prefix (for typos). Words and prefixes shared by many aliases
    /// add nothing the trigrams do not find: a query's cost must not grow
    /// with the registry.
    pub(crate) fn candidates(&self, query: &MatchKey) -> Vec<u32> {
        let mut out = self.gram_candidates(&query.joined());
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

    /// Aliases whose names have the query's consonant skeleton, unless
    /// many do.
    pub(crate) fn skeleton_candidates(&self, query: &MatchKey) -> Vec<u32> {
        let list = skeleton_of(&query.joined()).map(|s| self.by_skeleton.get(s)).unwrap_or_default();
        if list.len() <= MAX_FUZZY_BUCKET { list.iter().collect() } else { Vec::new() }
    }

    /// The [`GRAM_CANDIDATES`] aliases sharing the most trigrams with
    /// `joined`, ties in alias order.
    fn gram_candidates(&self, joined: &str) -> Vec<u32> {
        let sizes = self.gram_sizes.bytes();
        // (bucket size, trigram), rarest first.
        let mut found: Vec<(usize, usize)> = grams(joined)
            .iter()
            .filter_map(|&g| self.by_gram.find_fixed(g))
            .map(|i| (u32_at(sizes, i), i))
            .filter(|&(n, _)| n <= MAX_GRAM_BUCKET)
            .collect();
        found.sort_unstable();
        let mut total = 0;
        let counted = found
            .iter()
            .take_while(|&&(n, _)| {
                total += n;
                n <= RARE_GRAM_BUCKET || total <= GRAM_BUDGET
            })
            .count();
        found.truncate(counted.max(MIN_GRAMS));
        let lists: Vec<Aliases<'_>> = found.iter().map(|&(_, i)| self.by_gram.list(i)).collect();
        // Groups counted, then split by their count: `above` the count of
        // the [`GRAM_CANDIDATES`]th best group, and `tied` at it. More lists
        // than a byte counts only come from queries of hundreds of letters.
        let (mut above, mut tied): (Vec<(u16, u32)>, Vec<u32>) = (Vec::new(), Vec::new());
        let mut threshold = 1;
        SCRATCH.with_borrow_mut(|Scratch { cells, epoch, large, touched, histogram }| {
            let top = (&mut above, &mut tied, &mut threshold);
            if lists.len() < usize::from(u8::MAX) {
                top_groups(cells, epoch, (self.groups.len(), &lists[..], touched, histogram), top);
            } else {
                top_groups_of_many(large, (self.groups.len(), &lists[..], touched, histogram), top);
            }
        });
        // Groups are numbered in order of their first alias, so among the
        // tied ones the aliases first in table order are in the groups
        // first in order.
        if tied.len() > GRAM_CANDIDATES {
            tied.select_nth_unstable(GRAM_CANDIDATES);
            tied.truncate(GRAM_CANDIDATES);
        }
        let mut ranked: Vec<(u16, u32)> = Vec::new();
        for (n, g) in above.into_iter().chain(tied.into_iter().map(|g| (threshold, g))) {
            ranked.extend(self.groups.get(g as usize).iter().map(|a| (n, a)));
        }
        // Most shared trigrams first, then table order.
        let order = |x: &(u16, u32), y: &(u16, u32)| y.0.cmp(&x.0).then(x.1.cmp(&y.1));
        if ranked.len() > GRAM_CANDIDATES {
            ranked.select_nth_unstable_by(GRAM_CANDIDATES, order);
            ranked.truncate(GRAM_CANDIDATES);
        }
        ranked.into_iter().map(|(_, a)| a).collect()
    }
}

/// Counts the groups on `lists` (fewer than 255) and splits them by the
/// count of the [`GRAM_CANDIDATES`]th best: `above` it (with their counts)
/// and `tied` at it (`threshold`).
///
/// A group's cell holds the query's `epoch` in its high byte and the count
/// in its low byte, so cells of other queries read as 0 and need no reset.
/// Most groups a query touches share one trigram with it; only groups
/// counted twice are written down, and the rest are looked at again only
/// when fewer than 64 groups reach 2.
fn top_groups(
    cells: &mut Vec<u16>,
    epoch: &mut u8,
    (groups, lists, twice, histogram): (usize, &[Aliases<'_>], &mut Vec<u32>, &mut Vec<u32>),
    (above, tied, threshold): (&mut Vec<(u16, u32)>, &mut Vec<u32>, &mut u16),
) {
    if cells.len() < groups {
        cells.resize(groups, 0);
    }
    *epoch = epoch.wrapping_add(1);
    if *epoch == 0 {
        cells.fill(0);
        *epoch = 1;
    }
    let tag = u16::from(*epoch) << 8;
    // Whether a count is a group's second is a coin toss a branch would
    // mispredict: every group is written down, and kept on its second.
    // The buffer only grows: what earlier queries left in it is written
    // over before it is read, so it need not be zeroed for each query.
    let needed = lists.iter().map(|l| l.len()).sum::<usize>() + 1;
    if twice.len() < needed {
        twice.resize(needed, 0);
    }
    // Slices, not the vectors: written through a vector, each store might
    // change its length or buffer as far as the compiler knows, and the
    // loop reloaded both for every posting.
    let (counted, written) = (cells.as_mut_slice(), twice.as_mut_slice());
    let mut kept = 0;
    for list in lists {
        for g in list.iter() {
            let Some(cell) = counted.get_mut(g as usize) else { continue };
            let n = if *cell & 0xff00 == tag { *cell & 0xff } else { 0 };
            // Fewer than 255 lists, each naming a group once: the count
            // stays below 0xff and never carries into the tag.
            let n = n + 1;
            *cell = tag | n;
            if let Some(t) = written.get_mut(kept) {
                *t = g;
            }
            kept += usize::from(n == 2);
        }
    }
    let twice = written.get(..kept).unwrap_or_default();
    let count = |g: u32| cells.get(g as usize).filter(|&&c| c & 0xff00 == tag).map_or(0, |&c| c & 0xff);
    if twice.len() < GRAM_CANDIDATES {
        // The [`GRAM_CANDIDATES`]th best group (if there are as many)
        // shares one trigram: all groups above it are written down, and the
        // tied ones first in order are first on their lists.
        above.extend(twice.iter().map(|&g| (count(g), g)));
        for list in lists {
            tied.extend(list.iter().filter(|&g| count(g) == 1).take(GRAM_CANDIDATES));
        }
        *threshold = 1;
        return;
    }
    histogram.clear();
    histogram.resize(lists.len() + 1, 0);
    for &g in twice.iter() {
        if let Some(h) = histogram.get_mut(usize::from(count(g))) {
            *h += 1;
        }
    }
    *threshold = kth_count(histogram);
    for &g in twice.iter() {
        let n = count(g);
        if n > *threshold {
            above.push((n, g));
        } else if n == *threshold {
            tied.push(g);
        }
    }
}

/// The count of the [`GRAM_CANDIDATES`]th best group, from how many groups
/// have each count (1 when fewer groups have a count).
fn kth_count(histogram: &[u32]) -> u16 {
    let mut at_least = 0;
    for (n, &h) in histogram.iter().enumerate().skip(1).rev() {
        at_least += h as usize;
        if at_least >= GRAM_CANDIDATES {
            return n as u16;
        }
    }
    1
}

/// [`top_groups`] for 255 lists or more: counts of two bytes, reset after
/// the query.
fn top_groups_of_many(
    counts: &mut Vec<u16>,
    (groups, lists, touched, histogram): (usize, &[Aliases<'_>], &mut Vec<u32>, &mut Vec<u32>),
    (above, tied, threshold): (&mut Vec<(u16, u32)>, &mut Vec<u32>, &mut u16),
) {
    if counts.len() < groups {
        counts.resize(groups, 0);
    }
    touched.clear();
    for list in lists {
        for g in list.iter() {
            let Some(n) = counts.get_mut(g as usize) else { continue };
            if *n == 0 {
                touched.push(g);
            }
            *n = n.saturating_add(1);
        }
    }
    histogram.clear();
    histogram.resize(lists.len() + 1, 0);
    for &g in touched.iter() {
        if let Some(h) = counts.get(g as usize).and_then(|&n| histogram.get_mut(usize::from(n))) {
            *h += 1;
        }
    }
    *threshold = kth_count(histogram);
    for &g in touched.iter() {
        let Some(n) = counts.get_mut(g as usize) else { continue };
        if *n > *threshold {
            above.push((*n, g));
        } else if *n == *threshold {
            tied.push(g);
        }
        *n = 0;
    }
}

/// The aliases grouped by joined key, and the trigrams of each group, from
/// `(alias, joined key)` in alias order.
fn gram_index<'a>(keyed: impl Iterator<Item = (u32, &'a str)>) -> (Groups, Postings, Blob) {
    let mut ids: HashMap<&str, u32, FastHash> = HashMap::default();
    let (mut group_of, mut firsts): (Vec<(u32, u32)>, Vec<&str>) = (Vec::new(), Vec::new());
    for (alias, joined) in keyed {
        let next = firsts.len() as u32;
        let g = *ids.entry(joined).or_insert(next);
        if g == next {
            firsts.push(joined);
        }
        group_of.push((g, alias));
    }
    drop(ids);
    let mut ends = vec![0u32; firsts.len()];
    for &(g, _) in &group_of {
        ends[g as usize] += 1;
    }
    let mut next = Vec::with_capacity(ends.len());
    let mut total = 0;
    for e in &mut ends {
        next.push(total);
        total += *e;
        *e = total;
    }
    let mut members = vec![0u32; group_of.len()];
    for (g, alias) in group_of {
        let at = &mut next[g as usize];
        members[*at as usize] = alias;
        *at += 1;
    }
    let mut by_gram = PostingsBuilder::new();
    for (g, joined) in firsts.iter().enumerate() {
        for gram in grams(joined) {
            by_gram.push(gram, g as u32);
        }
    }
    let by_gram = by_gram.finish();
    let size = |g: u32| {
        let g = g as usize;
        ends[g] - if g == 0 { 0 } else { ends[g - 1] }
    };
    let sizes: Vec<u32> = (0..by_gram.len()).map(|i| by_gram.list(i).iter().map(size).sum()).collect();
    (
        Groups { ends: Blob::from_u32s(&ends), aliases: Blob::from_u32s(&members) },
        by_gram,
        Blob::from_u32s(&sizes),
    )
}

/// Per thread, the working memory of [`Index::gram_candidates`]: a cell
/// per group (counting in an array is several times faster than in a hash
/// map) and the query's epoch (see [`top_groups`]), the two-byte counts of
/// [`top_groups_of_many`], the groups written down, and how many groups
/// have each count.
#[derive(Default)]
struct Scratch {
    cells: Vec<u16>,
    epoch: u8,
    large: Vec<u16>,
    touched: Vec<u32>,
    histogram: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Persist for Index {
    fn write(&self, w: &mut Writer) {
        self.keys.text.write(w);
        self.keys.ends.write(w);
        for p in [
            &self.exact,
            &self.by_key,
            &self.by_sorted,
            &self.by_joined,
            &self.by_word,
            &self.by_prefix,
            &self.by_skeleton,
        ] {
            p.write(w);
        }
        for blob in [&self.groups.ends, &self.groups.aliases] {
            blob.write(w);
        }
        self.by_gram.write(w);
        self.gram_sizes.write(w);
        self.traits.write(w);
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
            by_skeleton: Postings::read(r)?,
            groups: Groups { ends: Blob::read(r)?, aliases: Blob::read(r)? },
            by_gram: Postings::read(r)?,
            gram_sizes: Blob::read(r)?,
            traits: Blob::read(r)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fences narrow a search without losing a key: keys sharing their
    /// first eight bytes across many fences, keys shorter than eight bytes,
    /// keys between the fences, and keys absent from the map.
    #[test]
    fn a_fenced_search_finds_every_key_and_nothing_else() {
        let mut keys: Vec<String> = Vec::new();
        for i in 0..2_000u32 {
            keys.push(format!("alexandr{i}"));
            keys.push(format!("{}", char::from(b'a' + (i % 26) as u8)).repeat(1 + (i as usize % 11)));
            keys.push(format!("k{:x}", i.wrapping_mul(2_654_435_761)));
        }
        let mut builder = PostingsBuilder::new();
        for (n, k) in keys.iter().enumerate() {
            builder.push(k.as_str(), n as u32);
        }
        let postings = builder.finish();
        for (n, k) in keys.iter().enumerate() {
            assert!(postings.get(k).iter().any(|a| a == n as u32), "{k}");
        }
        for absent in ["", "a", "alexandr", "alexandr99999", "zzzzzzzzzzzz", "k", "b0"] {
            assert_eq!(
                postings.find(absent.as_bytes()).is_some(),
                keys.iter().any(|k| k == absent),
                "{absent}"
            );
        }
    }
}
