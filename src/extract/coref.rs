//! Within one document, a person named in full can afterwards be named by
//! one part of the name alone (Zelenskyy, Xi, Trump).

use crate::util::FastMap;

/// Word keys (by their ids in the patterns' vocabulary) of the people
/// named in full so far. A word that several
/// people share (Volodymyr, Kim) links to all of them, the one named most
/// recently last: the extractor reports it as ambiguous.
#[derive(Debug, Default)]
pub(crate) struct Coref {
    parts: FastMap<u32, Links>,
    /// The keys of the words of fuzzy mentions (Wolodymyr Selenskyj), which
    /// no alias has, so no id of the vocabulary: by the key itself.
    text_parts: FastMap<String, Links>,
}

/// A word links to at most this many people, the most recently named: a
/// given name that many people named in the document share is ambiguous
/// whatever their number, and a list of them all would cost each new one a
/// walk through it.
const MAX_LINKS: usize = 16;

/// The (entity, alias) pairs one word links to. Most words name one
/// person in a document: they hold it without an allocation of their own.
#[derive(Debug)]
enum Links {
    One([(usize, u32); 1]),
    Many(Vec<(usize, u32)>),
}

impl Coref {
    /// Record a full mention of `entity` by `alias`: the ids of the keys
    /// (and stem keys) of the alias's words.
    pub(crate) fn full_mention(&mut self, keys: &[u32], entity: usize, alias: u32) {
        for &key in keys {
            self.parts.entry(key).or_insert(Links::One([(entity, alias)])).link(entity, alias);
        }
    }

    /// Record a fuzzy mention of `entity`: the keys of the words as written.
    pub(crate) fn fuzzy_mention<'k>(
        &mut self,
        keys: impl Iterator<Item = &'k str>,
        entity: usize,
        alias: u32,
    ) {
        for key in keys {
            self.text_parts
                .entry(key.to_string())
                .or_insert(Links::One([(entity, alias)]))
                .link(entity, alias);
        }
    }

    /// The (entity, alias) pairs a lone word links to, the most recently
    /// named last.
    pub(crate) fn lookup(&self, key: Option<u32>) -> Option<&[(usize, u32)]> {
        self.parts.get(&key?)?.as_slice()
    }

    /// The same for a word's key, among the words of fuzzy mentions.
    pub(crate) fn lookup_text(&self, key: &str) -> Option<&[(usize, u32)]> {
        if self.text_parts.is_empty() {
            return None;
        }
        self.text_parts.get(key)?.as_slice()
    }

    /// Were there fuzzy mentions?
    pub(crate) fn has_text_parts(&self) -> bool {
        !self.text_parts.is_empty()
    }
}

impl Links {
    /// Link to `entity` (by `alias`), as the one named last.
    fn link(&mut self, entity: usize, alias: u32) {
        match self {
            // Named again, and still the one named last.
            Links::One([last]) if last.0 == entity => last.1 = alias,
            Links::Many(many) if many.last().is_some_and(|l| l.0 == entity) => {
                if let Some(last) = many.last_mut() {
                    last.1 = alias;
                }
            }
            Links::One([other]) => *self = Links::Many(vec![*other, (entity, alias)]),
            Links::Many(many) => {
                // (An entity is in the list at most once.)
                if let Some(at) = many.iter().position(|&(e, _)| e == entity) {
                    many.remove(at);
                } else if many.len() >= MAX_LINKS {
                    many.remove(0);
                }
                many.push((entity, alias));
            }
        }
    }

    fn as_slice(&self) -> Option<&[(usize, u32)]> {
        match self {
            Links::One(one) => Some(one),
            Links::Many(many) => Some(many.as_slice()).filter(|l| !l.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_person_named_last_comes_last() {
        let mut c = Coref::default();
        c.full_mention(&[1, 2], 10, 100);
        assert_eq!(c.lookup(Some(1)), Some(&[(10, 100)][..]));
        c.full_mention(&[1, 2], 10, 101);
        assert_eq!(c.lookup(Some(2)), Some(&[(10, 101)][..]));
        c.full_mention(&[1, 3], 20, 200);
        assert_eq!(c.lookup(Some(1)), Some(&[(10, 101), (20, 200)][..]));
        c.full_mention(&[1], 10, 102);
        assert_eq!(c.lookup(Some(1)), Some(&[(20, 200), (10, 102)][..]));
        c.full_mention(&[1], 10, 103);
        assert_eq!(c.lookup(Some(1)), Some(&[(20, 200), (10, 103)][..]));
        assert_eq!(c.lookup(Some(2)), Some(&[(10, 101)][..]));
        assert_eq!(c.lookup(Some(4)), None);
        assert_eq!(c.lookup(None), None);
        for e in 100..100 + MAX_LINKS + 4 {
            c.full_mention(&[7], e, 0);
        }
        let many = c.lookup(Some(7)).unwrap();
        assert_eq!(many.len(), MAX_LINKS);
        assert_eq!(many.last(), Some(&(100 + MAX_LINKS + 3, 0)));
        c.fuzzy_mention(["volodimir", "selenski"].into_iter(), 30, 300);
        assert_eq!(c.lookup_text("selenski"), Some(&[(30, 300)][..]));
        assert_eq!(c.lookup_text("zelenski"), None);
    }
}
