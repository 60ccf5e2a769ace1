//! Generic words after a region's name (Oblast, region, область), read from
//! `tables/names/designators.tsv`. They are folded into one key, so any of
//! them matches an alias written with another, and one written in lower case
//! is left out of a mention's span (the Kherson region → Kherson).

use std::collections::HashSet;

/// The key every designator word is folded to.
pub(crate) const KEY: &str = "region";

#[derive(Debug, Default)]
pub(crate) struct Designators {
    keys: HashSet<String>,
}

impl Designators {
    pub(crate) fn builtin() -> Designators {
        let keys = crate::util::word_keys(include_str!("../../tables/names/designators.tsv")).collect();
        Designators { keys }
    }

    /// Fold a word key: designators become [`KEY`].
    pub(crate) fn fold(&self, key: String) -> String {
        if self.keys.contains(&key) { KEY.to_string() } else { key }
    }
}
