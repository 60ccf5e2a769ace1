//! Within one document, a person named in full can afterwards be named by
//! one part of the name alone (Zelenskyy, Xi, Trump).

use crate::util::FastMap;

/// Word keys (by their ids in the patterns' vocabulary) of the people
/// named in full so far. A word that several
/// people share (Volodymyr, Kim) links to all of them, the one named most
/// recently last: the extractor reports it as ambiguous.
#[derive(Debug, Default)]
pub(crate) struct Coref {
    parts: FastMap<u32, Vec<(usize, u32)>>,
}

impl Coref {
    /// Record a full mention of `entity` by `alias`: the ids of the keys
    /// (and stem keys) of the alias's words.
    pub(crate) fn full_mention(&mut self, keys: &[u32], entity: usize, alias: u32) {
        for &key in keys {
            let links = self.parts.entry(key).or_default();
            match links.last_mut() {
                // Named again, and still the one named last.
                Some(last) if last.0 == entity => last.1 = alias,
                _ => {
                    links.retain(|&(e, _)| e != entity);
                    links.push((entity, alias));
                }
            }
        }
    }

    /// The (entity, alias) pairs a lone word links to, the most recently
    /// named last.
    pub(crate) fn lookup(&self, key: Option<u32>) -> Option<&[(usize, u32)]> {
        self.parts.get(&key?).map(Vec::as_slice).filter(|l| !l.is_empty())
    }
}
