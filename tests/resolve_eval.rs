//! Resolution accuracy on the public dev split (tests/data/eval/): the
//! registry alone (no built-in tables), every query resolved with the
//! default options. Prints top-1 accuracy on positive queries by kind and by
//! script, and the false-accept rate on negatives; asserts floors.
//!
//! `cargo test --release --test resolve_eval -- --nocapture` prints the table.

use std::collections::BTreeMap;

use nomen::{Registry, Resolver};

/// The dev registry in nomen's table format: one canonical English row and
/// at most one native row per entity.
fn registry() -> Registry {
    let mut table = String::from("id\tkind\tname\tlang\ttype\n");
    for line in include_str!("data/eval/registry_dev.tsv").lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let kind = if f[1] == "person" || f[1] == "country" || f[1] == "city" { f[1] } else { "other" };
        let row_type = if f[4] == "en" { "canonical" } else { "alias" };
        table.push_str(&format!("{}\t{kind}\t{}\t{}\t{row_type}\n", f[0], f[3], f[4]));
    }
    Registry::builder().no_builtin().add_table("registry_dev.tsv", table).build().unwrap()
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.right += usize::from(right);
        self.total += 1;
    }
    fn share(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }
}

#[test]
fn dev_set_accuracy() {
    let registry = registry();
    let resolver = Resolver::new(&registry);
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_script: BTreeMap<String, Tally> = BTreeMap::new();
    let mut positives = Tally::default();
    let mut false_accepts = Tally::default();
    // (best score, right?, negative?) per query, for the threshold curve.
    let mut curve: Vec<(f64, bool, bool)> = Vec::new();
    let loose = nomen::ResolveOptions { top: 1, min_score: 0.5 };
    for line in include_str!("data/eval/queries_dev.tsv").lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (query, expected, kind, script) = (f[1], f[2], f[3], f[4]);
        let best = resolver.resolve(query).matches.first().map(|m| m.entity.id().to_string());
        let any = resolver.resolve_with(query, &loose);
        let top = any.matches.first();
        curve.push((
            top.map_or(0.0, |m| m.score),
            top.is_some_and(|m| m.entity.id() == expected),
            kind == "negative",
        ));
        if kind == "negative" {
            false_accepts.add(best.is_some());
            continue;
        }
        let right = best.as_deref() == Some(expected);
        positives.add(right);
        by_kind.entry(kind.to_string()).or_default().add(right);
        let script = script.strip_prefix("und-").unwrap_or(script);
        by_script.entry(script.to_string()).or_default().add(right);
    }
    println!("top-1 accuracy on {} positive queries: {:.3}", positives.total, positives.share());
    println!("false accepts on {} negatives: {:.3}", false_accepts.total, false_accepts.share());
    for (kind, t) in &by_kind {
        println!("  {kind:8} {:.3} ({}/{})", t.share(), t.right, t.total);
    }
    let mut scripts: Vec<_> = by_script.iter().filter(|(_, t)| t.total >= 40).collect();
    scripts.sort_by_key(|s| std::cmp::Reverse(s.1.total));
    println!("  by query script (40+ queries):");
    for (script, t) in scripts {
        println!("  {script:8} {:.3} ({}/{})", t.share(), t.right, t.total);
    }
    println!("  threshold curve (accuracy / false accepts):");
    let n_pos = curve.iter().filter(|c| !c.2).count() as f64;
    let n_neg = curve.iter().filter(|c| c.2).count() as f64;
    for t in [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] {
        let acc = curve.iter().filter(|c| !c.2 && c.1 && c.0 >= t).count() as f64 / n_pos;
        let fa = curve.iter().filter(|c| c.2 && c.0 >= t).count() as f64 / n_neg;
        println!("  {t:.2}  {acc:.3} / {fa:.3}");
    }
    assert!(positives.share() >= 0.38, "top-1 accuracy {:.3}", positives.share());
    assert!(false_accepts.share() <= 0.02, "false accepts {:.3}", false_accepts.share());
}
