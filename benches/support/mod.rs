//! Deterministic bench inputs, made from the built-in tables and a fixed
//! pseudo-random sequence, so every run measures the same bytes.

use nomen::Registry;

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

const EN_FILLER: &[&str] = &[
    "the",
    "government",
    "said",
    "on",
    "Monday",
    "that",
    "talks",
    "with",
    "officials",
    "from",
    "would",
    "continue",
    "after",
    "a",
    "meeting",
    "in",
    "where",
    "leaders",
    "discussed",
    "energy",
    "security",
    "and",
    "trade",
    "amid",
    "rising",
    "tensions",
    "over",
    "sanctions",
    "while",
    "ministers",
    "warned",
    "of",
    "new",
    "attacks",
    "near",
    "border",
    "region",
    "according",
    "to",
    "reports",
    "by",
    "local",
    "media",
];
const RU_FILLER: &[&str] = &[
    "правительство",
    "заявило",
    "в",
    "понедельник",
    "что",
    "переговоры",
    "с",
    "представителями",
    "продолжатся",
    "после",
    "встречи",
    "где",
    "лидеры",
    "обсудили",
    "энергетику",
    "безопасность",
    "и",
    "торговлю",
    "на",
    "фоне",
    "санкций",
    "министры",
    "предупредили",
    "об",
    "атаках",
    "у",
    "границы",
];
const UK_FILLER: &[&str] = &[
    "уряд",
    "заявив",
    "у",
    "понеділок",
    "що",
    "переговори",
    "з",
    "представниками",
    "триватимуть",
    "після",
    "зустрічі",
    "де",
    "лідери",
    "обговорили",
    "енергетику",
    "безпеку",
    "і",
    "торгівлю",
    "на",
    "тлі",
    "санкцій",
    "міністри",
    "попередили",
    "про",
    "атаки",
    "біля",
    "кордону",
    "їхні",
    "є",
];

/// English news-like text of about `bytes` bytes with names of `names`
/// inserted (a fifth of them possessive); returns the text and how many
/// names were inserted.
pub fn news(names: &[String], bytes: usize, seed: u64) -> (String, usize) {
    let mut rng = Lcg::new(seed);
    let mut text = String::with_capacity(bytes + 200);
    let mut inserted = 0;
    while text.len() < bytes {
        for i in 0..12 {
            if i == 0 || rng.next() % 5 == 0 {
                let name = rng.pick(names);
                text.push_str(name);
                if rng.next() % 5 == 0 {
                    text.push_str("’s");
                }
                inserted += 1;
            } else {
                let word = rng.pick(EN_FILLER);
                text.push_str(word);
            }
            text.push(' ');
        }
        text.pop();
        text.push_str(". ");
    }
    (text, inserted)
}

/// Cyrillic-heavy text (Russian and Ukrainian sentences with names, some
/// English) of about `bytes` bytes.
pub fn cyrillic(registry: &Registry, bytes: usize, seed: u64) -> String {
    let mut rng = Lcg::new(seed);
    let names: Vec<&str> = registry
        .aliases()
        .iter()
        .filter(|a| matches!(a.lang(), Some("ru") | Some("uk")))
        .map(|a| a.name())
        .collect();
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        let filler = match rng.next() % 10 {
            0..=4 => RU_FILLER,
            5..=8 => UK_FILLER,
            _ => EN_FILLER,
        };
        for i in 0..10 {
            if i % 4 == 0 {
                let name = rng.pick(&names);
                text.push_str(name);
            } else {
                let word = rng.pick(filler);
                text.push_str(word);
            }
            text.push(' ');
        }
        text.pop();
        text.push_str(".\n");
    }
    text
}

/// The names of `registry` as written in cased Latin text: capitalised
/// aliases of at least two letters.
pub fn latin_names(registry: &Registry) -> Vec<String> {
    registry
        .aliases()
        .iter()
        .map(|a| a.name())
        .filter(|n| n.is_ascii() && n.len() > 2 && n.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
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
