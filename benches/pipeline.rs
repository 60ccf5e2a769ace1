//! Throughput of each stage, next to what a user would otherwise reach for,
//! measured in the same run (compare ratios; the machine is shared):
//! - resolve (built-in tables + 20k names; and 100k / 1M synthetic aliases):
//!   nomen's indexed resolver vs a brute-force Jaro-Winkler scan
//!   over every alias (what rapidfuzz's extractOne does);
//! - extract (100k and 1M synthetic aliases, 5 MiB of news): nomen
//!   (normalised and stemmed keys, exact offsets) vs a raw aho-corasick
//!   scan for the alias strings (no normalisation at all); and the same
//!   text as 64 documents on one thread and on two.
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

/// Resolve at scale: registries of 100k and 1M synthetic aliases from the
/// project's generator (`support::bench_data`, as `examples/bench_data.rs`
/// writes them), 1,000 perturbed queries each (typos, case, word order,
/// other romanizations). Build time, peak memory and top-1 accuracy are
/// printed before the timings; a brute-force Jaro-Winkler scan (what
/// rapidfuzz's extractOne does) runs on the 100k registry for comparison.
fn resolve_scale(c: &mut Criterion) {
    let entities = support::bench_data::entities(1_000_000, 7);
    let mut g = c.benchmark_group("resolve_scale");
    g.sample_size(10);
    for (label, rows) in [("100k", 100_000), ("1m", 1_000_000)] {
        let (tsv, count) = support::bench_data::registry_tsv(&entities, rows);
        let queries = support::bench_data::queries(&entities, count, 1_000, 11);
        let started = std::time::Instant::now();
        let registry = Registry::builder().no_builtin().add_table("bench.tsv", tsv).build().unwrap();
        let resolver = Resolver::new(&registry);
        let built = started.elapsed();
        let right = queries
            .iter()
            .filter(|(q, id)| resolver.resolve(q).best().is_some_and(|m| m.entity.id() == id))
            .count();
        eprintln!(
            "resolve_scale/{label}: {} aliases read and indexed in {:.2} s; peak RSS so far {} MB; top-1 {right}/{}",
            registry.aliases().len(),
            built.as_secs_f64(),
            support::peak_rss_mb(),
            queries.len()
        );
        g.throughput(Throughput::Elements(queries.len() as u64));
        g.bench_function(format!("nomen_{label}"), |b| {
            b.iter(|| queries.iter().filter(|(q, _)| resolver.resolve(q).best().is_some()).count())
        });
        if label == "100k" {
            let names: Vec<String> = registry.aliases().iter().map(|a| a.name().to_lowercase()).collect();
            let few = &queries[..20];
            g.throughput(Throughput::Elements(few.len() as u64));
            g.bench_function("strsim_jaro_winkler_scan_100k", |b| {
                b.iter(|| {
                    few.iter()
                        .map(|(q, _)| {
                            let q = q.to_lowercase();
                            names.iter().map(|n| strsim::jaro_winkler(&q, n)).fold(0.0f64, f64::max)
                        })
                        .filter(|s| *s > 0.9)
                        .count()
                })
            });
        }
    }
    g.finish();
}

/// Extract from ~5 MiB of English news-like text (a name in about one word
/// in 25, a fifth of them possessive) with registries of 100k and 1M
/// synthetic aliases, as issue 5 asks (`support::bench_data`, the same
/// bytes as `examples/bench_data.rs` writes). Next to it, in the same run: a
/// raw aho-corasick scan and a raw daachorse scan for the alias strings of
/// the registry (leftmost longest, no normalisation, no word boundaries, no
/// inflection). Build
/// time and peak memory are printed before the timings, and recall
/// against the inserted names is asserted. Fuzzy-mention mode runs on the
/// first 256 KiB.
fn extract(c: &mut Criterion) {
    let entities = support::bench_data::entities(1_000_000, 7);
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    for (label, rows) in [("100k", 100_000), ("1m", 1_000_000)] {
        let (tsv, count) = support::bench_data::registry_tsv(&entities, rows);
        let names = support::bench_data::latin_aliases(&entities, count.min(30_000));
        let (text, inserted) = support::bench_data::news_text(&names, 5 << 20, 3);
        let started = std::time::Instant::now();
        let registry = Registry::builder().no_builtin().add_table("bench.tsv", tsv).build().unwrap();
        let extractor = Extractor::new(&registry);
        let built = started.elapsed();
        let found = extractor.extract(&text);
        let hit =
            inserted.iter().filter(|m| found.iter().any(|f| f.start == m.start && f.end == m.end)).count();
        eprintln!(
            "extract/{label}: {} aliases read and their patterns built in {:.2} s; peak RSS so far {} MB; \
             {hit} of {} inserted names found at their offsets ({} mentions)",
            registry.aliases().len(),
            built.as_secs_f64(),
            support::peak_rss_mb(),
            inserted.len(),
            found.len(),
        );
        assert!(hit * 100 >= inserted.len() * 95, "found {hit} of {}", inserted.len());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("nomen_{label}"), |b| b.iter(|| extractor.extract(black_box(&text)).len()));
        if label == "100k" {
            let patterns: Vec<&str> = registry.aliases().iter().map(|a| a.name()).collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&patterns)
                .unwrap();
            g.bench_function("aho_corasick_raw_100k", |b| b.iter(|| ac.find_iter(black_box(&text)).count()));
            // The ceiling issue 5 names: daachorse's character-wise
            // automaton (it refuses duplicate patterns).
            let mut distinct = patterns.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let daac: daachorse::CharwiseDoubleArrayAhoCorasick<u32> =
                daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(daachorse::MatchKind::LeftmostLongest)
                    .build(&distinct)
                    .unwrap();
            g.bench_function("daachorse_raw_100k", |b| {
                b.iter(|| daac.leftmost_find_iter(black_box(&text)).count())
            });
            let fuzzy = Extractor::new(&registry).fuzzy(true);
            let cut = (0..=256 << 10).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            g.throughput(Throughput::Bytes(cut as u64));
            g.bench_function("nomen_fuzzy_100k", |b| b.iter(|| fuzzy.extract(black_box(&text[..cut])).len()));
        }
    }
    g.finish();
}

/// Extraction over many documents on one thread and on two (scoped
/// threads sharing one extractor, as `nomen extract --threads 2` does): the
/// 5 MiB text of `extract` at 100k aliases cut into 64 documents at
/// paragraph breaks.
fn extract_threads(c: &mut Criterion) {
    let entities = support::bench_data::entities(100_000, 7);
    let (tsv, count) = support::bench_data::registry_tsv(&entities, 100_000);
    let names = support::bench_data::latin_aliases(&entities, count.min(30_000));
    let (text, _) = support::bench_data::news_text(&names, 5 << 20, 3);
    let registry = Registry::builder().no_builtin().add_table("bench.tsv", tsv).build().unwrap();
    let extractor = Extractor::new(&registry);
    let mut docs: Vec<&str> = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let cut = rest
            .get(text.len() / 64..)
            .and_then(|r| r.find("\n\n"))
            .map_or(rest.len(), |i| text.len() / 64 + i + 2);
        let (doc, tail) = rest.split_at(cut.min(rest.len()));
        docs.push(doc);
        rest = tail;
    }
    let mut g = c.benchmark_group("extract_threads");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    for threads in [1, 2] {
        g.bench_function(format!("nomen_100k_{threads}_threads"), |b| {
            b.iter(|| {
                let next = std::sync::atomic::AtomicUsize::new(0);
                let found = std::sync::atomic::AtomicUsize::new(0);
                std::thread::scope(|s| {
                    for _ in 0..threads {
                        s.spawn(|| {
                            while let Some(doc) =
                                docs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                            {
                                let n = extractor.extract(black_box(doc)).len();
                                found.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                            }
                        });
                    }
                });
                found.into_inner()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, resolve, resolve_scale, extract, extract_threads);
criterion_main!(benches);
