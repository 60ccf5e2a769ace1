//! Conformance of the transliteration schemes, driven by the vector files in
//! tests/data/translit/ (their sources and licenses: NOTICE.md there).
//!
//! Normative vectors (every iuliia sample, every KMU 2010 example) must all
//! pass; each test collects every failure and prints them before failing.
//! The `conventional` columns of greek.tsv and cyrillic.tsv are spellings the
//! press uses, which no standard fully produces: for those the share that
//! auto mode reaches is printed and held to a floor.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nomen::Scheme;
use unicode_normalization::UnicodeNormalization;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/translit")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (file stem, text) of every iuliia schema file, in name order.
fn iuliia_schemas() -> Vec<(String, String)> {
    let dir = data_dir().join("iuliia");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files.iter().map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), read(p))).collect()
}

/// The samples of one schema as (input, expected). Eight upstream schemas
/// write Cyrillic ё where Latin ë is meant (iuliia/NOTICE.txt); nomen writes
/// ë, so the expected strings are read that way.
fn samples(json: &str) -> Vec<(String, String)> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            let input = pair[0].as_str().unwrap().to_string();
            let expected = pair[1].as_str().unwrap().replace('ё', "ë").replace('Ё', "Ë");
            (input, expected)
        })
        .collect()
}

/// A tab-separated file with a header line: each row as (column → cell).
fn tsv(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = read(&data_dir().join(name));
    let mut lines = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| header.iter().map(|h| h.to_string()).zip(l.split('\t').map(str::to_string)).collect())
        .collect()
}

struct Failures {
    what: &'static str,
    report: String,
    failed: usize,
    total: usize,
}

impl Failures {
    fn new(what: &'static str) -> Failures {
        Failures { what, report: String::new(), failed: 0, total: 0 }
    }

    fn check(&mut self, label: &str, input: &str, expected: &str, got: &str) {
        self.total += 1;
        if got != expected {
            self.failed += 1;
            writeln!(self.report, "{label}: {input:?}\n    expected {expected:?}\n    got      {got:?}")
                .unwrap();
        }
    }

    /// Print the pass figure and every failure, then fail if there was one.
    fn finish(self) {
        println!("{}: {}/{}", self.what, self.total - self.failed, self.total);
        if self.failed > 0 {
            println!("{}", self.report);
            panic!("{}: {} of {} vectors fail (listed above)", self.what, self.failed, self.total);
        }
    }
}

#[test]
fn iuliia_every_sample_of_every_scheme() {
    let schemas = iuliia_schemas();
    assert_eq!(schemas.len(), 28, "the 28 iuliia schemas");
    let mut failures = Failures::new("iuliia");
    for (id, json) in &schemas {
        let scheme = match Scheme::get(id) {
            Ok(s) => s,
            Err(e) => {
                failures.check(id, "(the scheme)", "a built-in scheme", &e.to_string());
                continue;
            }
        };
        for (input, expected) in samples(json) {
            failures.check(id, &input, &expected, &scheme.transliterate(&input));
        }
    }
    assert_eq!(failures.total, 164, "iuliia has 164 samples");
    failures.finish();
}

/// Every word of one and two letters over `alphabet`, and the words of
/// three and four letters that end in one of `endings`.
fn short_words(alphabet: &[char], endings: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for &a in alphabet {
        words.push(a.to_string());
        for &b in alphabet {
            words.push(format!("{a}{b}"));
            for end in endings {
                words.push(format!("{a}{end}"));
                words.push(format!("{a}{b}{end}"));
            }
        }
    }
    words
}

/// A schema loaded from JSON at run time behaves like the built-in scheme
/// generated from the same file (a unit test in src/translit/iuliia.rs
/// checks that their rules are the same; this checks the public path).
#[test]
fn iuliia_json_loads_like_the_builtin_scheme() {
    let alphabet: Vec<char> = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўғқҳ".chars().collect();
    let mut words = short_words(&alphabet, &["ий", "ый", "ин"]);
    words.extend(words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>());
    let mut failures = Failures::new("iuliia JSON = built-in");
    for (id, json) in iuliia_schemas() {
        let loaded = Scheme::from_iuliia_json(&json).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(loaded.id(), id);
        let builtin = Scheme::get(&id).unwrap();
        for (input, expected) in samples(&json) {
            failures.check(&id, &input, &expected, &loaded.transliterate(&input));
        }
        for word in &words {
            failures.check(&id, word, &builtin.transliterate(word), &loaded.transliterate(word));
        }
    }
    failures.finish();
}

#[test]
fn uk_kmu_2010_every_vector() {
    let kmu = Scheme::get("uk_kmu_2010").unwrap();
    let mut failures = Failures::new("KMU 2010");
    for row in tsv("cyrillic_uk_kmu2010.tsv") {
        let (input, expected) = (&row["input"], &row["expected_kmu2010"]);
        failures.check("uk_kmu_2010", input, expected, &kmu.transliterate(input));
    }
    assert_eq!(failures.total, 76, "cyrillic_uk_kmu2010.tsv has 76 vectors");
    failures.finish();
}

/// The comparison key of the conformance files: NFKD, marks removed,
/// lower-case, only [a-z0-9] kept.
fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .collect()
}

/// Share of rows whose auto-mode output folds to the folded `conventional`
/// spelling; prints the misses and returns the share in percent.
fn conventional_share(file: &str) -> f64 {
    let rows = tsv(file);
    let mut hits = 0;
    let mut misses = String::new();
    for row in &rows {
        let got = nomen::transliterate(&row["input"]);
        if fold(&got) == fold(&row["conventional"]) {
            hits += 1;
        } else {
            writeln!(misses, "  {} → {got} (conventional: {})", row["input"], row["conventional"]).unwrap();
        }
    }
    let share = 100.0 * hits as f64 / rows.len() as f64;
    println!(
        "{file}: auto mode matches the conventional spelling in {hits}/{} rows ({share:.1}%)",
        rows.len()
    );
    // The file lists, per row, the libraries whose output matched: the best
    // of them is the figure to compare with.
    let mut by_library: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for row in &rows {
        for lib in row["matches_conventional_folded"].split(',').filter(|l| !l.is_empty() && *l != "-") {
            *by_library.entry(lib).or_default() += 1;
        }
    }
    if let Some((lib, n)) = by_library.iter().max_by_key(|(lib, n)| (**n, std::cmp::Reverse(**lib))) {
        println!("{file}: best library in the file: {lib} with {n}/{}", rows.len());
    }
    println!("{misses}");
    share
}

#[test]
fn greek_conventional_share() {
    // Measured with el_elot_743; the misses are exonyms (Athens, Corfu) and
    // press spellings that no standard gives (Bakoyannis, Mercouri).
    let share = conventional_share("greek.tsv");
    assert!(share >= FLOOR_GREEK, "greek.tsv: {share:.1}% < {FLOOR_GREEK}%");
}

#[test]
fn cyrillic_conventional_share() {
    let share = conventional_share("cyrillic.tsv");
    assert!(share >= FLOOR_CYRILLIC, "cyrillic.tsv: {share:.1}% < {FLOOR_CYRILLIC}%");
}

// The shares measured when the floors were set, rounded down: a change that
// lowers one fails here; one that raises it should raise the floor.
const FLOOR_GREEK: f64 = 46.0;
const FLOOR_CYRILLIC: f64 = 68.0;

/// Named cases with real names for the schemes without a published vector
/// file: tests/data/translit/cases.tsv, each row citing where its spelling
/// comes from.
#[test]
fn named_cases() {
    let mut failures = Failures::new("named cases");
    for row in tsv("cases.tsv") {
        let got = match row["scheme"].as_str() {
            "auto" => nomen::transliterate(&row["input"]),
            id => Scheme::get(id)
                .unwrap_or_else(|e| panic!("{}: {e}", row["name"]))
                .transliterate(&row["input"]),
        };
        failures.check(
            &format!("{} ({})", row["name"], row["scheme"]),
            &row["input"],
            &row["expected"],
            &got,
        );
    }
    failures.finish();
}

#[test]
fn every_scheme_is_described() {
    for scheme in Scheme::all() {
        let id = scheme.id();
        assert!(!scheme.name().is_empty(), "{id}: no @name");
        assert!(!scheme.lang().is_empty(), "{id}: no @lang");
        assert!(!scheme.standard().is_empty(), "{id}: no @standard");
        assert!(!scheme.description().is_empty(), "{id}: no @description");
    }
}

/// Auto mode takes the first scheme marked `@auto yes` for a language and
/// script, so a second one would be silently ignored.
#[test]
fn at_most_one_auto_scheme_per_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tables/translit");
    let mut auto: std::collections::BTreeMap<(String, String), String> = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rules") {
            continue;
        }
        let text = read(&path);
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("@{key}\t")))
                .map(str::trim)
                .unwrap_or_default()
                .to_string()
        };
        if field("auto") == "yes" {
            let key = (field("script"), field("lang"));
            if let Some(other) = auto.insert(key.clone(), field("id")) {
                panic!("{} and {other} are both @auto for {key:?}", field("id"));
            }
        }
    }
    let expected = [
        "be_national",
        "bg_streamlined",
        "el_elot_743",
        "mk_latin",
        "sr_latin",
        "uk_kmu_2010",
        "uz",
        "wikipedia",
    ];
    let mut ids: Vec<&str> = auto.values().map(String::as_str).collect();
    ids.sort_unstable();
    assert_eq!(ids, expected);
}

/// The same example as the doc comment of `Scheme::from_iuliia_json`.
#[test]
fn a_minimal_iuliia_schema() {
    let json = r#"{
        "name": "mini", "description": "three letters", "url": "",
        "mapping": {"ж": "zh", "у": "u", "к": "k", "и": "i", "й": "y"},
        "ending_mapping": {"ий": "y"},
        "samples": []
    }"#;
    let scheme = Scheme::from_iuliia_json(json).unwrap();
    assert_eq!(scheme.id(), "mini");
    assert_eq!(scheme.transliterate("Жук ЖУКИЙ"), "Zhuk ZHUKY");
}
