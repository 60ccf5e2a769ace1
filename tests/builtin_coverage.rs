//! Coverage of the built-in tables: top-1 accuracy of resolving the country
//! and city queries of the dev resolution set (tests/data/eval/, see its
//! NOTICE) against the built-in tables only.
//!
//! The set's city ids are `city:<GeoNames id>`; a built-in city is mapped to
//! that form through its `geonames` attribute. The queries measure: none of
//! their strings was used to build the tables (tables/SOURCES.md).
//!
//! Run with `cargo test --release --test builtin_coverage -- --nocapture` to
//! see the figures by kind and by script of the query.

use std::collections::BTreeMap;

use nomen::{Registry, Resolver};
use unicode_script::{Script, UnicodeScript};

const QUERIES: &str = include_str!("data/eval/queries_dev.tsv");

/// Floors: measured when the generated tables landed (countries 1.000 = 5138/5139,
/// cities 0.995 = 5640/5667), set a little lower so that a harmless change of
/// tie-breaking does not fail the test.
const FLOOR_COUNTRY: f64 = 0.99;
const FLOOR_CITY: f64 = 0.98;

struct Query<'a> {
    query: &'a str,
    expected: &'a str,
    kind: &'a str,
    lang: &'a str,
}

fn queries() -> Vec<Query<'static>> {
    let mut lines = QUERIES.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| header.iter().position(|c| *c == name).expect(name);
    let (q, e, k, l) = (col("query"), col("expected_id"), col("kind"), col("lang_or_script"));
    lines
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .map(|f| Query { query: f[q], expected: f[e], kind: f[k], lang: f[l] })
        .filter(|r| r.kind == "country" || r.kind == "city")
        .collect()
}

/// The script of a query: the column's `und-<Script>` when it gives one,
/// else the script of the query's first letter with a script of its own.
fn script(q: &Query) -> String {
    if let Some(s) = q.lang.strip_prefix("und-") {
        return s.to_string();
    }
    q.query
        .chars()
        .map(|c| c.script())
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .map_or_else(|| "Zyyy".to_string(), |s| s.short_name().to_string())
}

#[derive(Default, Clone, Copy)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.right += usize::from(ok);
        self.total += 1;
    }
    fn rate(self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }
}

#[test]
fn builtin_tables_resolve_the_dev_country_and_city_queries() {
    let registry = Registry::builtin().unwrap();
    let resolver = Resolver::new(&registry);
    let mut by_kind: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut by_script: BTreeMap<(&str, String), Tally> = BTreeMap::new();
    let mut by_lang: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for q in queries() {
        let resolution = resolver.resolve(q.query);
        let got = resolution.best().map(|m| {
            let entity = m.entity;
            match (q.kind, entity.attrs().get("geonames")) {
                ("city", Some(gid)) => format!("city:{gid}"),
                _ => entity.id().to_string(),
            }
        });
        let ok = got.as_deref() == Some(q.expected);
        by_kind.entry(q.kind).or_default().add(ok);
        by_script.entry((q.kind, script(&q))).or_default().add(ok);
        by_lang.entry((q.kind, q.lang)).or_default().add(ok);
        if !ok {
            let got = resolution
                .best()
                .map_or("-".to_string(), |m| format!("{} via {:?}", m.entity.id(), m.alias.name()));
            misses.entry(q.kind).or_default().push(format!("{}\t{}\t{}\t{got}", q.query, q.lang, q.expected));
        }
    }
    println!("top-1 accuracy of the built-in tables on tests/data/eval/queries_dev.tsv");
    for (kind, t) in &by_kind {
        println!("{kind:8} {:.3} ({} of {})", t.rate(), t.right, t.total);
    }
    println!("\nby script of the query:");
    for ((kind, script), t) in &by_script {
        println!("{kind:8} {script:5} {:.3} ({} of {})", t.rate(), t.right, t.total);
    }
    println!("\nlang_or_script values below 0.8 (at least 5 queries):");
    for ((kind, lang), t) in by_lang.iter().filter(|(_, t)| t.total >= 5 && t.rate() < 0.8) {
        println!("{kind:8} {lang:10} {:.3} ({} of {})", t.rate(), t.right, t.total);
    }
    for (kind, list) in &misses {
        println!("\n{kind}: {} misses, the first 40 (query, lang_or_script, expected, got):", list.len());
        for m in list.iter().take(40) {
            println!("  {m}");
        }
    }
    let country = by_kind.get("country").copied().unwrap_or_default().rate();
    let city = by_kind.get("city").copied().unwrap_or_default().rate();
    assert!(country >= FLOOR_COUNTRY, "country accuracy {country:.3} < {FLOOR_COUNTRY}");
    assert!(city >= FLOOR_CITY, "city accuracy {city:.3} < {FLOOR_CITY}");
}
