//! Scoring a query against one alias by aligning their words.
//!
//! The score is a product of factors in 0..1, one per word, so every
//! difference costs something and nothing can buy it back:
//! - an aligned pair of words costs `similarity²` (1 when their keys are
//!   equal): a changed letter in a surname (Zelinsky, Zelensky) is a
//!   different name more often than a typo, so it costs a lot;
//! - an initial that fits the word it stands for (V. ~ Volodymyr) costs a little;
//! - an alias word the query leaves out (a surname alone) costs `MISSING`;
//! - a query word the alias lacks (an extra name) costs `EXTRA`: it says
//!   the query names something else.

use serde::Serialize;

pub(crate) const MISSING: f64 = 0.9;
pub(crate) const EXTRA: f64 = 0.5;
const INITIAL: f64 = 0.95;

/// One aligned word pair and what it cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordPair {
    /// The query's word key.
    pub query: String,
    /// The alias's word key, if one was aligned.
    pub alias: Option<String>,
    /// Similarity of the two keys in 0..1 (0 when unaligned).
    pub similarity: f64,
    /// The factor this pair put on the score.
    pub factor: f64,
}

/// The outcome of aligning two word lists.
#[derive(Debug, Clone)]
pub(crate) struct Alignment {
    pub(crate) score: f64,
    pub(crate) pairs: Vec<WordPair>,
    /// Every query word found its equal in the alias.
    pub(crate) all_equal: bool,
}

fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.len() == 1 || b.len() == 1 {
        let (initial, word) = if a.len() == 1 { (a, b) } else { (b, a) };
        return if word.starts_with(initial) { INITIAL } else { 0.0 };
    }
    let max = a.len().max(b.len()) as f64;
    1.0 - strsim::osa_distance(a, b) as f64 / max
}

/// Align the words of `query` and `alias` (order-free: the best pairs first)
/// and score them; `explain` keeps the word pairs (which costs allocations).
pub(crate) fn align(query: &[&str], alias: &[&str], explain: bool) -> Alignment {
    let mut all: Vec<(f64, usize, usize)> = Vec::with_capacity(query.len() * alias.len());
    for (qi, q) in query.iter().enumerate() {
        for (ai, a) in alias.iter().enumerate() {
            let s = similarity(q, a);
            if s >= 0.5 {
                all.push((s, qi, ai));
            }
        }
    }
    // Best pairs first; ties keep word order (first query word with first alias word).
    all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut q_used = vec![None; query.len()];
    let mut a_used = vec![false; alias.len()];
    for (s, qi, ai) in all {
        if q_used[qi].is_none() && !a_used[ai] {
            q_used[qi] = Some((ai, s));
            a_used[ai] = true;
        }
    }
    let mut score = 1.0;
    let mut pairs = Vec::new();
    let mut all_equal = true;
    for (qi, used) in q_used.iter().enumerate() {
        let (alias_word, similarity, factor) = match used {
            Some((ai, s)) => {
                let factor = if *s == INITIAL { INITIAL } else { s * s };
                (explain.then(|| alias[*ai].to_string()), *s, factor)
            }
            None => (None, 0.0, EXTRA),
        };
        all_equal &= similarity == 1.0;
        score *= factor;
        pairs.push(WordPair { query: query[qi].to_string(), alias: alias_word, similarity, factor });
    }
    for (ai, used) in a_used.iter().enumerate() {
        if !used {
            score *= MISSING;
            pairs.push(WordPair {
                query: String::new(),
                alias: Some(alias[ai].to_string()),
                similarity: 0.0,
                factor: MISSING,
            });
        }
    }
    Alignment { score, pairs, all_equal }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(q: &str, a: &str) -> f64 {
        let q: Vec<&str> = q.split(' ').collect();
        let a: Vec<&str> = a.split(' ').collect();
        align(&q, &a, false).score
    }

    #[test]
    fn order_does_not_matter() {
        assert_eq!(score("inping xi", "xi inping"), 1.0);
    }

    #[test]
    fn a_surname_alone_costs_the_missing_given_name() {
        assert_eq!(score("zelenski", "volodimir zelenski"), MISSING);
    }

    #[test]
    fn a_changed_letter_costs_more_than_a_missing_word() {
        assert!(score("volodimir zelinski", "volodimir zelenski") < MISSING);
        assert!(score("zelenko", "volodimir zelenski") < 0.6);
    }

    #[test]
    fn initials_fit_only_their_letter() {
        assert!(score("v zelenski", "volodimir zelenski") > 0.9);
        assert!(score("v putin", "volodimir zelenski") < 0.5);
    }
}
