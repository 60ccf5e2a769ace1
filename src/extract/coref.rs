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
    /// Record a full mention of `entity` by `alias`: the keys (and stem
    /// keys) of the alias's words.
    pub(crate) fn full_mention<'a>(
        &mut self,
        keys: impl Iterator<Item = &'a String>,
        entity: usize,
        alias: u32,
    ) {
        for key in keys {
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
