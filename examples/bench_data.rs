//! Writes the bench-data set: the inputs of the benches and of
//! `bench/compare/run.sh`. Deterministic: the same bytes on every run.
//!
//! ```sh
//! cargo run --release --example bench_data -- [OUT_DIR]   # default target/bench-data
//! ```
//!
//! | file | what |
//! |---|---|
//! | `translit_corpus.txt` | ~5 MiB, paragraphs a line: sentences ru 40%, uk 30%, el 10%, zh 10%, en 10% (`support::corpus`, as benches/translit.rs) |
//! | `registry_100k.tsv`, `registry_1m.tsv` | alias tables (`id kind name lang type`), ~3 aliases per id; the 100k one is the start of the 1m one |
//! | `news_5mb.txt` | ~5 MiB English news-like text mentioning names of `registry_100k.tsv`, ~20% possessive |
//! | `news_5mb.gold.tsv` | every inserted mention: `start end id` (UTF-8 byte offsets, end exclusive, possessive ending left out) |
//! | `queries_100k.txt`, `queries_1m.txt` | perturbed registry names, one a line (typos, case, word order, other romanizations) |
//! | `queries_100k.expected.txt`, `queries_1m.expected.txt` | the ID each query line stands for |
//!
//! The generators are in `benches/support/` (`bench_data.rs`, `corpus.rs`); benches can call them in
//! process.
//! Never commit the generated files.

#[allow(dead_code)]
#[path = "../benches/support/mod.rs"]
mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use support::bench_data;

const SEED: u64 = 42;
/// The seed benches/translit.rs gives `support::corpus::translit_corpus`.
const CORPUS_SEED: u64 = 20240601;
const MIB: usize = 1024 * 1024;
const QUERIES: usize = 1_000;

fn write(dir: &Path, name: &str, text: &str) -> std::io::Result<()> {
    let path = dir.join(name);
    let mut file = fs::File::create(&path)?;
    file.write_all(text.as_bytes())?;
    println!("{:<28} {:>11} bytes {:>9} lines", name, text.len(), text.lines().count());
    Ok(())
}

fn run(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    println!("bench data in {} (seed {SEED}; the corpus: {CORPUS_SEED})", dir.display());

    // The same bytes as benches/translit.rs measures.
    let corpus = support::corpus::translit_corpus(5 * MIB, CORPUS_SEED);
    write(dir, "translit_corpus.txt", &corpus)?;

    let entities = bench_data::entities(1_000_000, SEED);
    let (small, small_entities) = bench_data::registry_tsv(&entities, 100_000);
    write(dir, "registry_100k.tsv", &small)?;
    let (large, large_entities) = bench_data::registry_tsv(&entities, 1_000_000);
    write(dir, "registry_1m.tsv", &large)?;
    println!("  entities: {small_entities} in registry_100k, {large_entities} in registry_1m");

    let names = bench_data::latin_aliases(&entities, small_entities);
    let (news, inserted) = bench_data::news_text(&names, 5 * MIB, SEED);
    write(dir, "news_5mb.txt", &news)?;
    let possessive = inserted.iter().filter(|m| news[m.end..].starts_with(['’', '\''])).count();
    let gold: String =
        inserted.iter().map(|m| format!("{}\t{}\t{}\n", m.start, m.end, names[m.name].1)).collect();
    write(dir, "news_5mb.gold.tsv", &gold)?;
    println!("  mentions: {} ({possessive} possessive)", inserted.len());

    for (tag, count) in [("100k", small_entities), ("1m", large_entities)] {
        let queries = bench_data::queries(&entities, count, QUERIES, SEED);
        let text: String = queries.iter().map(|(q, _)| format!("{q}\n")).collect();
        let ids: String = queries.iter().map(|(_, id)| format!("{id}\n")).collect();
        write(dir, &format!("queries_{tag}.txt"), &text)?;
        write(dir, &format!("queries_{tag}.expected.txt"), &ids)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let dir = std::env::args_os().nth(1).map_or_else(|| PathBuf::from("target/bench-data"), PathBuf::from);
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_data: {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
