//! Extracts from one text again and again with one extractor, as a news
//! pipeline reads document after document: the loop to profile or count
//! (the extractor keeps the keys of the words it has read, so the first
//! reading is slower and is left out). Prints the mentions found, the
//! readings' wall time and MiB/s.
//!
//! ```sh
//! cargo run --release --example bench_data -- /tmp/bd
//! cargo build --release --example extract_warm
//! target/release/examples/extract_warm /tmp/bd/registry_100k.tsv /tmp/bd/news_5mb.txt 5
//! # instructions and cache misses of one warm reading (a last-level cache
//! # of 16 MB, as this kind of machine's L3):
//! valgrind --tool=callgrind --cache-sim=yes --LL=16777216,16,64 --collect-atstart=no \
//!     --toggle-collect='extract_warm::read' target/release/examples/extract_warm \
//!     /tmp/bd/registry_100k.tsv /tmp/bd/news_5mb.txt 1
//! ```

use nomen::{Extractor, Registry};

/// One warm reading of `text` (kept out of line for `--toggle-collect`).
#[inline(never)]
fn read(extractor: &Extractor, text: &str) -> usize {
    extractor.extract(text).len()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, table, text, rest @ ..] = &args[..] else {
        return Err("usage: extract_warm TABLE.tsv TEXT [READINGS]".into());
    };
    let readings: u32 = rest.first().map_or(Ok(1), |n| n.parse())?;
    let registry = Registry::builder()
        .no_builtin()
        .add_table(table.as_str(), std::fs::read_to_string(table)?)
        .build()?;
    let text = std::fs::read_to_string(text)?;
    let extractor = Extractor::new(&registry);
    // The first reading keys every word: not counted.
    let found = extractor.extract(&text).len();
    let started = std::time::Instant::now();
    for _ in 0..readings {
        read(&extractor, &text);
    }
    let seconds = started.elapsed().as_secs_f64();
    let mib = (text.len() as f64 * f64::from(readings)) / f64::from(1u32 << 20);
    println!("{found} mentions; {readings} warm readings in {seconds:.3} s: {:.1} MiB/s", mib / seconds);
    Ok(())
}
