//! Within one document, a person named in full can afterwards be named by
//! one part of the name alone (Zelenskyy, Xi, Trump).

use std::collections::HashMap;

/// Word keys of the people named in full so far. A word that two different
/// people share (Volodymyr) links to neither.
#[derive(Debug, Default)]
pub(crate) struct Coref {
    parts: HashMap<String, Option<(usize, u32)>>,
}

impl Coref {
    /// Record a full mention: `words` of entity `entity`, matched by `alias`.
    pub(crate) fn full_mention(&mut self, words: &[super::Word], entity: usize, alias: u32) {
        for w in words {
            let key = w.stripped_end.as_ref().map_or(&w.key, |(_, k)| k);
            if key.len() < 2 {
                continue;
            }
            self.parts
                .entry(key.clone())
                .and_modify(|e| {
                    if e.is_some_and(|(other, _)| other != entity) {
                        *e = None;
                    }
                })
                .or_insert(Some((entity, alias)));
        }
    }

    /// The (entity, alias) a lone word links to.
    pub(crate) fn lookup(&self, key: &str) -> Option<(usize, u32)> {
        self.parts.get(key).copied().flatten()
    }
}
