//! Deterministic bench inputs, made from the built-in tables and a fixed
//! pseudo-random sequence, so every run measures the same bytes.

use nomen::Registry;

pub mod corpus;

pub mod bench_data;

/// A tiny linear congruential generator: reproducible everywhere, no crate.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
}

/// How [`news_shaped`] lays out its text.
pub struct NewsShape<'a> {
    /// The words between names.
    pub filler: &'a [&'a str],
    /// Words per sentence: any value in this inclusive range.
    pub words: (usize, usize),
    /// Every sentence opens with a name.
    pub lead_name: bool,
    /// One word in `name_one_in` (after the lead) is a name.
    pub name_one_in: u64,
    /// One name in `possessive_one_in` gets one of `possessives` after it.
    pub possessive_one_in: u64,
    pub possessives: &'a [&'a str],
    /// Sentences start with a capital letter.
    pub capitalize: bool,
    /// A blank line after every `paragraph` sentences (0: never).
    pub paragraph: usize,
}

/// A name inserted by [`news_shaped`]: byte offsets of the name (without a
/// possessive ending) and its index in `names`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    pub start: usize,
    pub end: usize,
    pub name: usize,
}

/// English news-like text of about `bytes` bytes laid out by `shape`, with
/// names of `names`; returns the text and where each name went.
pub fn news_shaped<S: AsRef<str>>(
    names: &[S],
    bytes: usize,
    seed: u64,
    shape: &NewsShape<'_>,
) -> (String, Vec<Inserted>) {
    let mut rng = Lcg::new(seed);
    let mut text = String::with_capacity(bytes + 200);
    let mut spans = Vec::new();
    let mut sentences = 0;
    let (min, max) = shape.words;
    while text.len() < bytes {
        let words = if max > min { min + (rng.next() as usize) % (max - min + 1) } else { min };
        let sentence_start = text.len();
        for i in 0..words {
            if (i == 0 && shape.lead_name) || rng.next() % shape.name_one_in == 0 {
                let name = (rng.next() as usize) % names.len();
                let start = text.len();
                text.push_str(names[name].as_ref());
                spans.push(Inserted { start, end: text.len(), name });
                if rng.next() % shape.possessive_one_in == 0 {
                    let ending = match shape.possessives {
                        [one] => one,
                        many => rng.pick(many),
                    };
                    text.push_str(ending);
                }
            } else {
                let word = rng.pick(shape.filler);
                text.push_str(word);
            }
            text.push(' ');
        }
        text.pop();
        if shape.capitalize {
            if let Some(first) = text.get_mut(sentence_start..sentence_start + 1) {
                first.make_ascii_uppercase();
            }
        }
        sentences += 1;
        if shape.paragraph > 0 && sentences % shape.paragraph == 0 {
            text.push_str(".\n\n");
        } else {
            text.push_str(". ");
        }
    }
    (text, spans)
}

/// A registry of the built-in tables plus `extra` synthetic people with
/// made-up two-word names, to measure how lookups scale.
pub fn big_registry(extra: usize, seed: u64) -> Registry {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ren", "so", "va", "dor", "ne", "li", "ta", "bor", "ski", "zen", "ko", "ra", "vin",
        "ma", "tel", "du", "sha", "gor", "ev", "an", "ol",
    ];
    let mut rng = Lcg::new(seed);
    let mut table = String::from("id\tkind\tname\ttype\n");
    let word = |rng: &mut Lcg| {
        let n = 2 + rng.next() % 3;
        let mut w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
        if let Some(f) = w.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        w
    };
    for i in 0..extra {
        let name = format!("{} {}", word(&mut rng), word(&mut rng));
        table.push_str(&format!("person:synthetic-{i}\tperson\t{name}\tcanonical\n"));
    }
    Registry::builder().add_table("synthetic.tsv", table).build().expect("synthetic table is valid")
}

/// The peak resident memory of this process so far, in MB (Linux; 0
/// elsewhere), for the benches' memory figures.
pub fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    kb / 1024
}
