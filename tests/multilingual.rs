//! Extraction from news-like sentences in eleven languages
//! (tests/data/cases/multilingual.tsv): every marked mention must be found
//! at its exact offsets with its id; per-language precision and recall are
//! printed and held to floors.

use std::collections::{BTreeMap, HashSet};

use nomen::{Extractor, Registry};

struct Doc {
    name: String,
    lang: String,
    text: String,
    gold: Vec<(usize, usize, String)>,
}

/// Strip `[[surface|id]]` marks, keeping the offsets of each surface.
fn parse(marked: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let close = rest[open..].find("]]").expect("unclosed [[") + open;
        let (surface, id) = rest[open + 2..close].split_once('|').expect("[[surface|id]]");
        gold.push((text.len(), text.len() + surface.len(), id.to_string()));
        text.push_str(surface);
        rest = &rest[close + 2..];
    }
    text.push_str(rest);
    (text, gold)
}

fn docs() -> Vec<Doc> {
    include_str!("data/cases/multilingual.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (text, gold) = parse(f[2]);
            Doc { name: f[0].to_string(), lang: f[1].to_string(), text, gold }
        })
        .collect()
}

#[test]
fn names_are_found_in_eleven_languages() {
    let registry = Registry::builtin().unwrap();
    check_languages(&Extractor::new(&registry));
}

/// Fuzzy mode finds no false names in these documents either.
#[test]
fn names_are_found_in_eleven_languages_in_fuzzy_mode() {
    let registry = Registry::builtin().unwrap();
    check_languages(&Extractor::new(&registry).fuzzy(true));
}

fn check_languages(extractor: &Extractor) {
    // lang → (true positives, found, gold)
    let mut per_lang: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for doc in docs() {
        let found: Vec<(usize, usize, String)> = extractor
            .extract(&doc.text)
            .iter()
            .map(|m| (m.start, m.end, m.entity.id().to_string()))
            .collect();
        let gold: HashSet<&(usize, usize, String)> = doc.gold.iter().collect();
        let tp = found.iter().filter(|f| gold.contains(f)).count();
        for f in found.iter().filter(|f| !gold.contains(f)) {
            println!("{}: false positive {:?} {}", doc.name, &doc.text[f.0..f.1], f.2);
        }
        let found_set: HashSet<&(usize, usize, String)> = found.iter().collect();
        for g in doc.gold.iter().filter(|g| !found_set.contains(g)) {
            println!("{}: missed {:?} {}", doc.name, &doc.text[g.0..g.1], g.2);
        }
        let e = per_lang.entry(doc.lang.clone()).or_default();
        e.0 += tp;
        e.1 += found.len();
        e.2 += doc.gold.len();
    }
    let (mut tp, mut found, mut gold) = (0, 0, 0);
    println!("lang  precision  recall  (tp/found/gold)");
    for (lang, (t, f, g)) in &per_lang {
        println!(
            "{lang:4}  {:9.2}  {:6.2}  ({t}/{f}/{g})",
            *t as f64 / (*f).max(1) as f64,
            *t as f64 / *g as f64
        );
        tp += t;
        found += f;
        gold += g;
    }
    let (p, r) = (tp as f64 / found.max(1) as f64, tp as f64 / gold as f64);
    println!("all   {p:9.2}  {r:6.2}  ({tp}/{found}/{gold})");
    assert!(p >= 0.95, "precision {p:.3}");
    assert!(r >= 0.90, "recall {r:.3}");
    for (lang, (t, _, g)) in &per_lang {
        let recall = *t as f64 / *g as f64;
        assert!(recall >= 0.75, "{lang}: recall {recall:.2}");
    }
}

#[test]
fn the_markup_parser_keeps_offsets() {
    let (text, gold) = parse("a [[Kyiv|city:kyiv]]’s [[Київ|city:kyiv]]");
    assert_eq!(text, "a Kyiv’s Київ");
    assert_eq!(&text[gold[0].0..gold[0].1], "Kyiv");
    assert_eq!(&text[gold[1].0..gold[1].1], "Київ");
}
