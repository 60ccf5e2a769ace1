//! Within one document, a person named in full can afterwards be named by
//! one part of the name alone (Zelenskyy, Xi, Trump).

use crate::util::FastMap;

/// Word keys (by their ids in the patterns' vocabulary) of the people
/// named in full so far, each with the person named last by a name with
/// that word. A word that several people share (Volodymyr, Kim) is
/// ambiguous: the extractor reports it so.
#[derive(Debug, Default)]
pub(crate) struct Coref {
    parts: FastMap<u32, Link>,
    /// The keys of the words of fuzzy mentions (Wolodymyr Selenskyj), which
    /// no alias has, so no id of the vocabulary: by the key itself.
    text_parts: FastMap<String, Link>,
}

/// What one word of full names links to. Only the person named last and
/// whether there were others is kept, not the list of them: that is all a
/// mention says (its entity, and whether it is ambiguous), and a long
/// document names thousands of people, each by several words, whose
/// bookkeeping must stay cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    /// The entity (by number) named last with a name that has the word,
    /// and the alias it was named by.
    pub(crate) entity: u32,
    pub(crate) alias: u32,
    /// Some other person's name had the word too.
    pub(crate) ambiguous: bool,
}

impl Link {
    fn new(entity: u32, alias: u32) -> Link {
        Link { entity, alias, ambiguous: false }
    }

    /// `entity` is named (by `alias`) with a name that has the word.
    fn named(&mut self, entity: u32, alias: u32) {
        self.ambiguous |= self.entity != entity;
        (self.entity, self.alias) = (entity, alias);
    }
}

impl Coref {
    /// Record a full mention of `entity` by `alias`: the ids of the keys
    /// (and stem keys) of the alias's words.
    pub(crate) fn full_mention(&mut self, keys: &[u32], entity: u32, alias: u32) {
        for &key in keys {
            self.parts.entry(key).and_modify(|l| l.named(entity, alias)).or_insert(Link::new(entity, alias));
        }
    }

    /// Record a fuzzy mention of `entity`: the keys of the words as written.
    pub(crate) fn fuzzy_mention<'k>(&mut self, keys: impl Iterator<Item = &'k str>, entity: u32, alias: u32) {
        for key in keys {
            match self.text_parts.get_mut(key) {
                Some(link) => link.named(entity, alias),
                None => {
                    self.text_parts.insert(key.to_string(), Link::new(entity, alias));
                }
            }
        }
    }

    /// What a lone word with a key of this id links to.
    pub(crate) fn lookup(&self, key: Option<u32>) -> Option<Link> {
        self.parts.get(&key?).copied()
    }

    /// The same for a word's key, among the words of fuzzy mentions.
    pub(crate) fn lookup_text(&self, key: &str) -> Option<Link> {
        if self.text_parts.is_empty() {
            return None;
        }
        self.text_parts.get(key).copied()
    }

    /// Were there fuzzy mentions?
    pub(crate) fn has_text_parts(&self) -> bool {
        !self.text_parts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_links_to_the_person_named_last_and_knows_if_there_were_others() {
        let mut c = Coref::default();
        let link = |entity, alias, ambiguous| Some(Link { entity, alias, ambiguous });
        c.full_mention(&[1, 2], 10, 100);
        assert_eq!(c.lookup(Some(1)), link(10, 100, false));
        c.full_mention(&[1, 2], 10, 101);
        assert_eq!(c.lookup(Some(2)), link(10, 101, false));
        c.full_mention(&[1, 3], 20, 200);
        assert_eq!(c.lookup(Some(1)), link(20, 200, true));
        assert_eq!(c.lookup(Some(3)), link(20, 200, false));
        c.full_mention(&[1], 10, 102);
        assert_eq!(c.lookup(Some(1)), link(10, 102, true));
        assert_eq!(c.lookup(Some(2)), link(10, 101, false));
        assert_eq!(c.lookup(Some(4)), None);
        assert_eq!(c.lookup(None), None);
        c.fuzzy_mention(["volodimir", "selenski"].into_iter(), 30, 300);
        c.fuzzy_mention(["selenski"].into_iter(), 30, 301);
        assert_eq!(c.lookup_text("selenski"), link(30, 301, false));
        assert_eq!(c.lookup_text("volodimir"), link(30, 300, false));
        assert_eq!(c.lookup_text("zelenski"), None);
    }
}
