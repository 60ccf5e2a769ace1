//! Transliteration throughput on a ~5 MB Cyrillic-heavy news-like corpus
//! (ru 40%, uk 30%, el 10%, zh 10%, en 10% of sentences; made by
//! `support::corpus::translit_corpus`, deterministic), every contender measured in
//! the same run so that the ratios can be read on a shared machine:
//! - nomen auto mode (a scheme per script run and sentence language),
//! - nomen with one Russian scheme (`wikipedia`, the scheme-exact path),
//! - any_ascii and deunicode (character tables, no standards, no context).
//!
//! `long_inputs` checks that the engine is linear: the same scheme on 100 KB
//! and on 10 MB must give the same throughput.
//!
//! Run: `cargo bench --bench translit`

#[allow(dead_code)]
mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nomen::Scheme;

const CORPUS_BYTES: usize = 5 << 20;

/// Guards that the work is real, so that a fast wrong change cannot pass for
/// a win: every Cyrillic letter is gone and known spellings are there.
fn check(text: &str) {
    let auto = nomen::transliterate(text);
    assert!(!auto.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)), "Cyrillic left over");
    for expected in ["Mishustin", "Yizhakevych", "Zghorany", "Chongqing", "Evvoia", "Kerkyra"] {
        assert!(auto.contains(expected), "auto mode lost {expected}");
    }
    let wikipedia = Scheme::get("wikipedia").unwrap().transliterate(text);
    assert_eq!(wikipedia.matches("Yolkin").count(), text.matches("Ёлкин").count());
}

fn corpus(c: &mut Criterion) {
    let text = support::corpus::translit_corpus(CORPUS_BYTES, 20240601);
    check(&text);
    let wikipedia = Scheme::get("wikipedia").unwrap();
    let mut g = c.benchmark_group("translit");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("nomen_auto", |b| b.iter(|| nomen::transliterate(black_box(&text))));
    g.bench_function("nomen_wikipedia", |b| b.iter(|| wikipedia.transliterate(black_box(&text))));
    g.bench_function("any_ascii", |b| b.iter(|| any_ascii::any_ascii(black_box(&text))));
    g.bench_function("deunicode", |b| b.iter(|| deunicode::deunicode(black_box(&text))));
    g.finish();
}

fn long_inputs(c: &mut Criterion) {
    let wikipedia = Scheme::get("wikipedia").unwrap();
    let mut g = c.benchmark_group("translit_length");
    g.sample_size(10);
    for bytes in [100_000, 10_000_000] {
        let text = support::corpus::translit_corpus(bytes, 7);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("nomen_wikipedia", bytes), &text, |b, t| {
            b.iter(|| wikipedia.transliterate(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("nomen_auto", bytes), &text, |b, t| {
            b.iter(|| nomen::transliterate(black_box(t)))
        });
    }
    g.finish();
}

criterion_group!(benches, corpus, long_inputs);
criterion_main!(benches);
