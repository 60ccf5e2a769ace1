//! Throughput of each stage, next to what a user would otherwise reach for,
//! measured in the same run (compare ratios; the machine is shared):
//! - resolve: nomen's indexed resolver vs a brute-force Jaro-Winkler scan
//!   over every alias (what rapidfuzz's extractOne does);
//! - extract: nomen (normalised and stemmed keys, exact offsets) vs a raw
//!   aho-corasick scan for the alias strings (no normalisation at all).
//!
//! Run: `cargo bench --bench pipeline` (transliteration has its own bench,
//! `benches/translit.rs`, on the standard 5 MB corpus).

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nomen::{Extractor, Registry, Resolver};

fn resolve(c: &mut Criterion) {
    let registry = support::big_registry(20_000, 11);
    let resolver = Resolver::new(&registry);
    let names: Vec<&str> = registry.aliases().iter().map(|a| a.name()).collect();
    let mut rng = support::Lcg::new(5);
    // Queries: aliases with one letter dropped, half of them, the rest as is.
    let queries: Vec<String> = (0..200)
        .map(|i| {
            let n = rng.pick(&names).to_string();
            if i % 2 == 0 && n.chars().count() > 6 {
                let cut = n.char_indices().nth(3).map_or(0, |(b, _)| b);
                let next = n[cut..].chars().next().map_or(0, char::len_utf8);
                format!("{}{}", &n[..cut], &n[cut + next..])
            } else {
                n
            }
        })
        .collect();
    let exact = queries.iter().filter(|q| resolver.resolve(q).best().is_some()).count();
    assert!(exact >= queries.len() / 2, "the unchanged half must resolve: {exact}");
    let mut g = c.benchmark_group("resolve_20k_aliases");
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.sample_size(10);
    g.bench_function("nomen", |b| {
        b.iter(|| queries.iter().filter(|q| resolver.resolve(q).best().is_some()).count())
    });
    g.bench_function("strsim_jaro_winkler_scan", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| {
                    let q = q.to_lowercase();
                    names.iter().map(|n| strsim::jaro_winkler(&q, &n.to_lowercase())).fold(0.0f64, f64::max)
                })
                .filter(|s| *s > 0.9)
                .count()
        })
    });
    g.finish();
}

fn extract(c: &mut Criterion) {
    let registry = Registry::builtin().unwrap();
    let names = support::latin_names(&registry);
    let (text, inserted) = support::news(&names, 1 << 20, 3);
    let extractor = Extractor::new(&registry);
    let found = extractor.extract(&text).len();
    // Every inserted name is found (adjacent names may merge into a longer one).
    assert!(found * 10 >= inserted * 9, "found {found} of {inserted}");
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&names)
        .unwrap();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("nomen", |b| b.iter(|| extractor.extract(black_box(&text)).len()));
    g.bench_function("aho_corasick_raw", |b| b.iter(|| ac.find_iter(black_box(&text)).count()));
    g.finish();
}

criterion_group!(benches, resolve, extract);
criterion_main!(benches);
