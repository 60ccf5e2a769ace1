//! The last stage of a match key: folding the spelling variance that
//! romanizations introduce (rules in `tables/normalize/match_key.rules`).

use std::sync::OnceLock;

use crate::translit::RuleSet;

fn rules() -> Option<&'static RuleSet> {
    static RULES: OnceLock<Option<RuleSet>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            // Tested in tests below; if it were broken keys would merely be
            // less folded, which is no reason to fail the caller.
            RuleSet::parse(
                "tables/normalize/match_key.rules",
                include_str!("../../tables/normalize/match_key.rules"),
            )
            .ok()
        })
        .as_ref()
}

/// Fold a lower-case ASCII word into its key, appending to `out`.
///
/// The rules and the collapsing of doubled letters run until nothing
/// changes, so that a key is its own key: one pass can make new work for
/// the next (rckh → rkh → rh; Boscch → bosch → bosh). Every pass that
/// changes something shortens the word or rewrites it by a rule, so a few
/// passes suffice; the bound keeps a badly written rule file from looping.
pub(crate) fn fold_key(word: &str, out: &mut String) {
    let mut current = word.to_string();
    // Every key of every alias and text word passes here: the buffers are
    // reused across passes.
    let mut folded = String::with_capacity(word.len());
    let mut collapsed = String::with_capacity(word.len());
    for _ in 0..8 {
        folded.clear();
        match rules() {
            Some(r) => r.apply_str(&current, &mut folded),
            None => folded.push_str(&current),
        }
        collapsed.clear();
        collapse_doubles(&folded, &mut collapsed);
        if collapsed == current {
            break;
        }
        std::mem::swap(&mut current, &mut collapsed);
    }
    out.push_str(&current);
}

/// Doubled letters carry no identity across romanizations (Zelenskyy,
/// Zelenskiy → zelenskii → zelenski; Anna, Ana).
pub(crate) fn collapse_doubles(word: &str, out: &mut String) {
    let mut prev = None;
    for c in word.chars() {
        if Some(c) != prev || c.is_ascii_digit() {
            out.push(c);
        }
        prev = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        let mut s = String::new();
        fold_key(w, &mut s);
        s
    }

    #[test]
    fn romanizations_of_one_name_share_a_key() {
        for w in ["zelenskyy", "zelenskiy", "zelenskij", "zelensky", "zelenskyi", "zelenski"] {
            assert_eq!(key(w), "zelenski", "{w}");
        }
        assert_eq!(key("organisation"), key("organization"));
        assert_eq!(key("kyiv"), key("kyjiw"));
        // Russian е after a vowel: ye, je or e.
        for w in ["tokayev", "tokajew", "tokaev"] {
            assert_eq!(key(w), "tokaev", "{w}");
        }
        assert_eq!(key("nikolayev"), key("nikolaev"));
        // A key is its own key, though its syllables were folded apart.
        assert_eq!(key("guie"), "guie");
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(key("zelinsky"), key("zelensky"));
        assert_ne!(key("zelenko"), key("zelensky"));
    }
}
