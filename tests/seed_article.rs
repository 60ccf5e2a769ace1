//! Accuracy on the seed article: the gold mentions (start, end, id) against
//! what the extractor finds, with the built-in tables and with the small
//! registry that ships with the gold.

use std::collections::HashSet;

use nomen::{Extractor, Registry};

const TEXT: &str = include_str!("data/seed_article.txt");
const GOLD: &str = include_str!("data/seed_article.gold.jsonl");
const ALIASES: &str = include_str!("data/aliases.tsv");

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Span {
    start: usize,
    end: usize,
    id: String,
}

fn gold(include_demonyms: bool) -> Vec<Span> {
    GOLD.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| include_demonyms || v["kind"] != "demonym")
        .map(|v| {
            let span = Span {
                start: v["start"].as_u64().unwrap() as usize,
                end: v["end"].as_u64().unwrap() as usize,
                id: v["id"].as_str().unwrap().to_string(),
            };
            assert_eq!(&TEXT[span.start..span.end], v["text"].as_str().unwrap(), "gold offsets");
            span
        })
        .collect()
}

/// Precision and recall of `found` against `gold`, printing every miss.
fn score(label: &str, found: &[Span], gold: &[Span]) -> (f64, f64) {
    let gold_set: HashSet<&Span> = gold.iter().collect();
    let found_set: HashSet<&Span> = found.iter().collect();
    let tp = found.iter().filter(|s| gold_set.contains(s)).count();
    for s in found.iter().filter(|s| !gold_set.contains(s)) {
        println!("{label}: false positive {:?} {:?}", &TEXT[s.start..s.end], s);
    }
    for s in gold.iter().filter(|s| !found_set.contains(s)) {
        println!("{label}: missed {:?} {:?}", &TEXT[s.start..s.end], s);
    }
    let p = tp as f64 / found.len().max(1) as f64;
    let r = tp as f64 / gold.len().max(1) as f64;
    println!("{label}: precision {p:.3} recall {r:.3} ({tp} of {} found, {} gold)", found.len(), gold.len());
    (p, r)
}

fn extract(registry: &Registry, fuzzy: bool, keep: impl Fn(&nomen::Mention) -> bool) -> Vec<Span> {
    Extractor::new(registry)
        .fuzzy(fuzzy)
        .extract(TEXT)
        .iter()
        .filter(|m| keep(m))
        .map(|m| Span { start: m.start, end: m.end, id: m.entity.id().to_string() })
        .collect()
}

#[test]
fn builtin_tables_find_the_seed_article_mentions() {
    let registry = Registry::builtin().unwrap();
    let found = extract(&registry, false, |_| true);
    let (p, r) = score("builtin", &found, &gold(true));
    assert!(p >= 0.95, "precision {p:.3} < 0.95");
    assert!(r >= 0.95, "recall {r:.3} < 0.95");
}

/// Fuzzy mode must not buy recall with precision: the article's other
/// capitalised words (sentence starts, titles, months) stay unmatched.
#[test]
fn fuzzy_mode_keeps_the_seed_article_precision() {
    let registry = Registry::builtin().unwrap();
    let found = extract(&registry, true, |_| true);
    let (p, r) = score("builtin, fuzzy mode", &found, &gold(true));
    assert!(p >= 0.95, "precision {p:.3} < 0.95");
    assert!(r >= 0.95, "recall {r:.3} < 0.95");
}

#[test]
fn the_gold_registry_alone_finds_the_non_demonym_mentions() {
    let registry = Registry::builder().no_builtin().add_table("aliases.tsv", ALIASES).build().unwrap();
    // That registry has no demonyms, so its demonym-free output is compared
    // with the demonym-free gold.
    let found = extract(&registry, false, |m| m.kind() != "demonym");
    let (p, r) = score("aliases.tsv", &found, &gold(false));
    assert!(p >= 0.90, "precision {p:.3} < 0.90");
    assert!(r >= 0.80, "recall {r:.3} < 0.80");
}

#[test]
fn every_reported_span_is_the_text_at_its_offsets() {
    let registry = Registry::builtin().unwrap();
    for m in Extractor::new(&registry).extract(TEXT) {
        let surface = TEXT.get(m.start..m.end).expect("offsets on char boundaries");
        assert!(!surface.is_empty() && !surface.ends_with('’'), "{surface:?}");
    }
}
