//! Integration tests of the `nomen` binary: every command in every output
//! format, streaming from stdin, exit codes, bad tables, table layering and
//! byte offsets (DESIGN §3–4 and the doc comments in src/cli/).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Run `nomen` with `args` and, if given, `stdin` bytes (else stdin is
/// empty). Returns (stdout, stderr, exit code).
fn nomen(args: &[&str], stdin: Option<&[u8]>) -> (String, String, i32) {
    let run = common::run(args, stdin);
    (run.stdout, run.stderr, run.code)
}

/// Run `nomen`, assert exit 0, return stdout.
fn ok(args: &[&str], stdin: Option<&[u8]>) -> String {
    let (out, err, code) = nomen(args, stdin);
    assert_eq!(code, 0, "nomen {args:?} exited {code}\nstdout:\n{out}\nstderr:\n{err}");
    out
}

/// Run `nomen`, assert exit 2 and nothing on stdout, return stderr.
fn usage_error(args: &[&str], stdin: Option<&[u8]>) -> String {
    let (out, err, code) = nomen(args, stdin);
    assert_eq!(code, 2, "nomen {args:?} should exit 2\nstdout:\n{out}\nstderr:\n{err}");
    assert_eq!(out, "", "nomen {args:?} should print nothing on stdout; stderr:\n{err}");
    assert!(!err.trim().is_empty(), "nomen {args:?} should say what is wrong on stderr");
    err
}

/// Parse every stdout line as JSON.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
        .collect()
}

/// The stdout lines (without their newlines).
fn lines(stdout: &str) -> Vec<&str> {
    stdout.lines().collect()
}

/// A scratch directory under the system temp dir, unique to this process
/// and test, removed when dropped.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("nomen-cli-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("cannot create scratch dir");
        Scratch { dir }
    }

    /// Write a file in the scratch dir; returns its path as a string.
    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("cannot create dir");
        }
        fs::write(&path, bytes).expect("cannot write scratch file");
        self.path(name)
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().expect("temp path is UTF-8").to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The 1-based line of a built-in entity table whose text starts with
/// `prefix`, as `builtin:tables/entities/FILE:LINE`.
fn builtin_source(file: &str, prefix: &str) -> String {
    let path = format!("{}/tables/entities/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(&path).expect("cannot read built-in table");
    let line = text
        .lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in {path}"))
        + 1;
    format!("builtin:tables/entities/{file}:{line}")
}

/// Characters in `bytes` as nomen counts them: each invalid byte is one.
fn chars(bytes: &[u8]) -> u64 {
    bytes.utf8_chunks().map(|c| (c.valid().chars().count() + c.invalid().len()) as u64).sum()
}

/// Assert that every json mention's `text` is `doc[start..end]` and its
/// char offsets count the characters before start and end, and return
/// (text, id, method) of each.
fn check_offsets(doc: &[u8], mentions: &[Value]) -> Vec<(String, String, String)> {
    mentions
        .iter()
        .map(|m| {
            let start = m["start"].as_u64().expect("start is a number") as usize;
            let end = m["end"].as_u64().expect("end is a number") as usize;
            assert!(start < end && end <= doc.len(), "bad span {start}..{end} in {m}");
            let slice = std::str::from_utf8(&doc[start..end])
                .unwrap_or_else(|_| panic!("{start}..{end} is not on character boundaries: {m}"));
            assert_eq!(slice, m["text"].as_str().expect("text is a string"), "mention {m}");
            assert_eq!(m["char_start"], chars(&doc[..start]), "mention {m}");
            assert_eq!(m["char_end"], chars(&doc[..end]), "mention {m}");
            (
                slice.to_string(),
                m["id"].as_str().unwrap().to_string(),
                m["method"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn extract_annotated_marks_each_name_in_the_text() {
    let doc = "Зеленський зустрівся з Путіним у Києві.\r\nZelenskyy 🇺🇦 met Xi Jinping.\n";
    let out = ok(&["--format", "annotated", "extract"], Some(doc.as_bytes()));
    assert_eq!(
        out,
        "[Зеленський|person:volodymyr-zelenskyy] зустрівся з [Путіним|person:vladimir-putin] у [Києві|city:kyiv].\r\n\
         [Zelenskyy|person:volodymyr-zelenskyy] 🇺🇦 met [Xi Jinping|person:xi-jinping].\n"
    );
    let jsonl = "{\"doc\": \"a\", \"text\": \"Kyiv.\"}\n{\"doc\": \"b\", \"text\": \"Nothing.\"}\n";
    let out = ok(&["--format", "annotated", "extract", "--jsonl"], Some(jsonl.as_bytes()));
    assert_eq!(out, "## a\n[Kyiv|city:kyiv].\n## b\nNothing.\n");
    let err = usage_error(&["--format", "annotated", "resolve", "Kyiv"], None);
    assert!(err.contains("extract"), "{err}");
}

#[test]
fn extract_fuzzy_finds_a_misspelled_name_and_only_then() {
    let doc = "Chancellor Olaf Scholtz met Macron.";
    let plain = json_lines(&ok(&["--format", "json", "extract"], Some(doc.as_bytes())));
    assert!(plain.iter().all(|m| m["id"] != "person:olaf-scholz"), "{plain:?}");
    let fuzzy = json_lines(&ok(&["--format", "json", "extract", "--fuzzy"], Some(doc.as_bytes())));
    let found = check_offsets(doc.as_bytes(), &fuzzy);
    assert!(
        found.contains(&("Olaf Scholtz".into(), "person:olaf-scholz".into(), "fuzzy".into())),
        "{found:?}"
    );
    let scholz = fuzzy.iter().find(|m| m["id"] == "person:olaf-scholz").unwrap();
    assert!(scholz["score"].as_f64().unwrap() >= nomen::FUZZY_MENTION_MIN);
    // The rest of the text is found as without --fuzzy.
    assert!(found.iter().any(|(t, id, _)| t == "Macron" && id == "person:emmanuel-macron"));
}

#[test]
fn extract_a_part_shared_by_two_people_named_before_is_ambiguous() {
    let s = Scratch::new("kims");
    let t = s.file(
        "kims.tsv",
        "id\tkind\tname\nperson:kim-jong-un\tperson\tKim Jong-un\nperson:kim-yo-jong\tperson\tKim Yo-jong\n",
    );
    let doc = "Kim Jong-un met Kim Yo-jong. Kim said nothing. Then Jong-un left.";
    let out = ok(&["--no-builtin", "--tables", &t, "--format", "json", "extract"], Some(doc.as_bytes()));
    let v = json_lines(&out);
    check_offsets(doc.as_bytes(), &v);
    let kim = v.iter().find(|m| m["start"] == 29).expect("the lone Kim is reported");
    assert_eq!((kim["text"].as_str(), kim["ambiguous"].as_bool()), (Some("Kim"), Some(true)), "{kim}");
    assert_eq!(kim["id"], "person:kim-yo-jong", "the one named last");
    assert_eq!(kim["score"], 0.5);
    // A part only one of them has links to that one, unambiguously.
    let jong_un = v.iter().find(|m| m["text"] == "Jong-un").expect("Jong-un");
    assert_eq!(
        (jong_un["id"].as_str(), jong_un["ambiguous"].as_bool()),
        (Some("person:kim-jong-un"), Some(false))
    );
    // Kim followed by a name nomen does not know is the start of that name.
    let doc = "Kim Jong-un met Kim Ju-ae.";
    let out = ok(&["--no-builtin", "--tables", &t, "--format", "json", "extract"], Some(doc.as_bytes()));
    assert_eq!(json_lines(&out).len(), 1, "{out}");
}

#[test]
fn extract_a_surname_after_another_given_name_names_another_person() {
    let doc = "Joe Biden spoke on Monday; his son Hunter Biden was not there. Biden left for Delaware.";
    let found = check_offsets(
        doc.as_bytes(),
        &json_lines(&ok(&["--format", "json", "extract"], Some(doc.as_bytes()))),
    );
    let bidens: Vec<&str> =
        found.iter().filter(|(_, id, _)| id == "person:joe-biden").map(|(_, _, m)| m.as_str()).collect();
    // The full name, then the lone surname; Hunter's surname is not Joe's.
    assert_eq!(bidens, ["exact", "coref"], "{found:?}");
    // Nor is a distinctive surname alone taken for the person after
    // another given name, with no full mention before.
    let doc = "On Monday Hunter Biden was not there.";
    let out = ok(&["--format", "json", "extract"], Some(doc.as_bytes()));
    assert!(json_lines(&out).iter().all(|m| m["id"] != "person:joe-biden"), "{out}");
    // A form of the person's own given name is no other person.
    let doc = "Vladimir Putin spoke. Wladimir Putin left.";
    let out = ok(&["--format", "json", "extract"], Some(doc.as_bytes()));
    assert_eq!(json_lines(&out).iter().filter(|m| m["id"] == "person:vladimir-putin").count(), 2, "{out}");
}

#[test]
fn extract_a_text_larger_than_a_piece_is_one_document() {
    // More than the 16 MiB nomen reads of a large text at a time: the lone
    // surname near the end still links to the full name at the start, with
    // offsets into the whole file, from a file and from stdin alike.
    let filler = "the talks went on through the night and into the morning.\n\n".repeat(300_000);
    let doc = format!("Volodymyr Zelenskyy spoke in Kyïv.\n\n{filler}Later Zelenskyy left.\n");
    assert!(doc.len() > 16 << 20);
    let s = Scratch::new("large");
    let path = s.file("large.txt", &doc);
    for (args, stdin) in [
        (vec!["--format", "json", "extract", &path], None),
        (vec!["--format", "json", "extract"], Some(doc.as_bytes())),
    ] {
        let found = check_offsets(doc.as_bytes(), &json_lines(&ok(&args, stdin)));
        let zelenskyy: Vec<(&str, &str)> = found
            .iter()
            .filter(|(_, id, _)| id == "person:volodymyr-zelenskyy")
            .map(|(t, _, m)| (t.as_str(), m.as_str()))
            .collect();
        assert_eq!(zelenskyy, [("Volodymyr Zelenskyy", "exact"), ("Zelenskyy", "coref")], "{args:?}");
    }
}

#[test]
fn extract_char_offsets_count_unicode_scalar_values() {
    // Emoji (two scalars), a combining mark, CRLF and İ before the names.
    let doc = "🇺🇦 Cafe\u{301}\r\nİstanbul: Zelenskyy visited Kyiv.";
    let out = ok(&["--format", "json", "extract"], Some(doc.as_bytes()));
    let found = check_offsets(doc.as_bytes(), &json_lines(&out));
    assert!(found.iter().any(|(t, _, _)| t == "Kyiv"), "{found:?}");
    let kyiv = json_lines(&out).into_iter().find(|m| m["text"] == "Kyiv").unwrap();
    assert_eq!(kyiv["char_start"], doc.chars().count() - 5);
}

const ISTANBUL_TABLE: &str = "# a user table\n\
id\tkind\tname\tlang\ttype\twikidata\n\
city:istanbul\tcity\tIstanbul\ten\tcanonical\tQ406\n\
city:istanbul\tcity\tİstanbul\ttr\talias\t\n";

const ZELENSKYY: &str = "person:volodymyr-zelenskyy";

// ---------------------------------------------------------------------------
// translit
// ---------------------------------------------------------------------------

#[test]
fn translit_auto_in_every_format() {
    assert_eq!(ok(&["translit", "Київ", "Ельцин"], None), "Kyiv\nYeltsin\n");
    assert_eq!(ok(&["translit", "--scheme", "auto", "Київ"], None), "Kyiv\n");
    assert_eq!(ok(&["--format", "tsv", "translit", "Київ", "Ельцин"], None), "Київ\tKyiv\nЕльцин\tYeltsin\n");
    let out = ok(&["--format", "json", "translit", "Київ"], None);
    assert_eq!(json_lines(&out), [json!({"input": "Київ", "output": "Kyiv", "scheme": "auto"})]);
}

#[test]
fn translit_uk_kmu_2010_in_every_format() {
    // The examples of the KMU 2010 resolution itself.
    let args = ["translit", "--scheme", "uk_kmu_2010", "Згорани", "Їжакевич", "Щербухи", "Київ"];
    assert_eq!(ok(&args, None), "Zghorany\nYizhakevych\nShcherbukhy\nKyiv\n");
    let out = ok(&[&["--format", "tsv"], &args[..]].concat(), None);
    assert_eq!(out, "Згорани\tZghorany\nЇжакевич\tYizhakevych\nЩербухи\tShcherbukhy\nКиїв\tKyiv\n");
    let out = ok(&["--format", "json", "translit", "--scheme", "uk_kmu_2010", "Згорани"], None);
    assert_eq!(
        json_lines(&out),
        [json!({"input": "Згорани", "output": "Zghorany", "scheme": "uk_kmu_2010"})]
    );
}

#[test]
fn translit_wikipedia_in_every_format() {
    let args = ["translit", "--scheme", "wikipedia", "Ельцин", "Щукин", "Юрий Гагарин"];
    assert_eq!(ok(&args, None), "Yeltsin\nShchukin\nYury Gagarin\n");
    let out = ok(&[&["--format", "tsv"], &args[..]].concat(), None);
    assert_eq!(out, "Ельцин\tYeltsin\nЩукин\tShchukin\nЮрий Гагарин\tYury Gagarin\n");
    let out = ok(&["--format", "json", "translit", "--scheme", "wikipedia", "Ельцин"], None);
    assert_eq!(json_lines(&out), [json!({"input": "Ельцин", "output": "Yeltsin", "scheme": "wikipedia"})]);
}

/// --names: a whole record that is an alias of one entity is written as
/// its entity's name; anything else (a name inside text, an inflected form,
/// an alias of two entities) is transliterated; a user's table counts too.
#[test]
fn translit_names_writes_known_names_as_the_tables_name_them() {
    let input = "Αθήνα\nΗ Αθήνα\nΑθήνας\nالقاهرة\n東京\n";
    assert_eq!(
        ok(&["translit", "--names"], Some(input.as_bytes())),
        "Athens\nI Athina\nAthinas\nCairo\nTokyo\n"
    );
    let out = json_lines(&ok(&["--format", "json", "translit", "--names", "Μόσχα", "Μόσχας"], None));
    assert_eq!(out[0], json!({"input": "Μόσχα", "output": "Moscow", "scheme": "names", "id": "city:moscow"}));
    assert_eq!(out[1], json!({"input": "Μόσχας", "output": "Moschas", "scheme": "auto", "id": null}));
    let out =
        json_lines(&ok(&["--format", "json", "translit", "--names", "--scheme", "ru_to_de", "Ельцин"], None));
    assert_eq!(out[0], json!({"input": "Ельцин", "output": "Jelzin", "scheme": "ru_to_de", "id": null}));

    let scratch = Scratch::new("translit-names");
    let table = scratch.file(
        "mine.tsv",
        "id\tkind\tname\tlang\ttype\nperson:ada\tperson\tAda Lovelace\ten\tcanonical\nperson:ada\tperson\tАда Лавлейс\tru\talias\n",
    );
    assert_eq!(ok(&["--tables", &table, "translit", "--names", "Ада Лавлейс"], None), "Ada Lovelace\n");
    assert_eq!(ok(&["--no-builtin", "--tables", &table, "translit", "--names", "Αθήνα"], None), "Athina\n");
}

#[test]
fn translit_tsv_replaces_tabs_inside_fields() {
    assert_eq!(ok(&["--format", "tsv", "translit", "Kyiv\tKyiv"], None), "Kyiv Kyiv\tKyiv Kyiv\n");
}

#[test]
fn translit_unknown_scheme_is_a_usage_error_pointing_at_nomen_schemes() {
    for format in ["text", "json", "tsv"] {
        let err = usage_error(&["--format", format, "translit", "--scheme", "no_such_scheme", "Київ"], None);
        assert!(err.contains("no_such_scheme"), "{err}");
        assert!(err.contains("nomen schemes"), "{err}");
    }
    // Also when reading stdin: nothing is transliterated.
    usage_error(&["translit", "--scheme", "no_such_scheme"], Some("Київ\n".as_bytes()));
}

/// A user's iuliia JSON schema (tests/data/translit/user_scheme.json, a
/// made-up scheme) and a user's rule file, given with --scheme-file.
#[test]
fn translit_scheme_file_in_iuliia_json_and_in_rules() {
    let json = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/translit/user_scheme.json");
    assert_eq!(ok(&["translit", "--scheme-file", json, "Елена Жуковский"], None), "Yelena Zhukovsky\n");
    assert_eq!(ok(&["translit", "--scheme-file", json], Some("Жук\nЕнисей\n".as_bytes())), "Zhuk\nYenisej\n");
    let out = json_lines(&ok(&["--format", "json", "translit", "--scheme-file", json, "Жук"], None));
    assert_eq!(out[0]["scheme"], "nomen_test_mini");
    assert_eq!(out[0]["output"], "Zhuk");

    let scratch = Scratch::new("scheme-file");
    let rules = scratch.file("my_zh.rules", "@script\tCyrl\nж\tzh\nу\tu\nк\tk\tend\n");
    assert_eq!(ok(&["translit", "--scheme-file", &rules, "ЖУК"], None), "ZHUK\n");
    let out = json_lines(&ok(&["--format", "json", "translit", "--scheme-file", &rules, "Жук"], None));
    assert_eq!(out[0]["scheme"], "my_zh");
}

#[test]
fn translit_scheme_file_errors_name_the_file_and_line() {
    let scratch = Scratch::new("scheme-file-errors");
    let one_line = |err: &str| assert_eq!(err.lines().count(), 1, "{err}");

    let bad_json = scratch.file("bad.json", "{\"name\": \"x\",\n \"mapping\": {\"ж\": 1}}\n");
    let err = usage_error(&["translit", "--scheme-file", &bad_json, "Жук"], None);
    assert!(err.starts_with(&format!("nomen: {bad_json}:2: not an iuliia schema")), "{err}");
    one_line(&err);

    let bad_key = scratch.file("key.json", r#"{"name": "x", "mapping": {"жж": "zh"}}"#);
    let err = usage_error(&["translit", "--scheme-file", &bad_key, "Жук"], None);
    assert!(err.contains(&format!("{bad_key}: mapping: the key `жж` should be one letter")), "{err}");
    one_line(&err);

    let bad_rule = scratch.file("bad.rules", "@script\tCyrl\nж\tzh\tsometimes\n");
    let err = usage_error(&["translit", "--scheme-file", &bad_rule], Some("Жук\n".as_bytes()));
    assert!(err.starts_with(&format!("nomen: {bad_rule}:2: unknown condition `sometimes`")), "{err}");
    one_line(&err);

    let no_script = scratch.file("bare.rules", "ж\tzh\n");
    let err = usage_error(&["translit", "--scheme-file", &no_script, "Жук"], None);
    assert!(err.contains(&format!("{no_script}: the scheme has no `@script` line")), "{err}");

    let missing = scratch.path("missing.json");
    let err = usage_error(&["translit", "--scheme-file", &missing, "Жук"], None);
    assert!(err.contains(&format!("{missing}: cannot read it")), "{err}");
    one_line(&err);

    // One scheme or the other.
    let err = usage_error(&["translit", "--scheme", "wikipedia", "--scheme-file", &bad_rule, "Жук"], None);
    assert!(err.contains("cannot be used with"), "{err}");
}

// ---------------------------------------------------------------------------
// normalize
// ---------------------------------------------------------------------------

#[test]
fn normalize_spellings_of_one_name_share_a_key_in_every_format() {
    // The example of `nomen normalize --help`.
    let names = ["Zelenskyy", "Zelenskiy", "Зеленський"];
    assert_eq!(ok(&[&["normalize"], &names[..]].concat(), None), "zelenski\nzelenski\nzelenski\n");
    let out = ok(&[&["--format", "tsv", "normalize"], &names[..]].concat(), None);
    assert_eq!(out, "Zelenskyy\tzelenski\nZelenskiy\tzelenski\nЗеленський\tzelenski\n");
    let out = ok(&[&["--format", "json", "normalize"], &names[..]].concat(), None);
    assert_eq!(
        json_lines(&out),
        [
            json!({"input": "Zelenskyy", "key": "zelenski"}),
            json!({"input": "Zelenskiy", "key": "zelenski"}),
            json!({"input": "Зеленський", "key": "zelenski"}),
        ]
    );
    // Full names in different scripts and spellings too.
    let out = ok(&["normalize", "Volodymyr Zelenskyy", "Wołodymyr Zełenski", "Володимир Зеленський"], None);
    let keys = lines(&out);
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
}

#[test]
fn normalize_explain_shows_every_stage_in_every_format() {
    // Full-width letters: NFKC makes them ASCII.
    let plain = ok(&["normalize", "Kyiv"], None);
    let key = plain.trim_end();
    assert!(!key.is_empty());

    let out = ok(&["normalize", "--explain", "Ｋｙｉｖ"], None);
    assert_eq!(out, format!("Ｋｙｉｖ\n  nfkc:   Kyiv\n  latin:  Kyiv\n  folded: kyiv\n  key:    {key}\n"));

    let out = ok(&["--format", "tsv", "normalize", "--explain", "Ｋｙｉｖ"], None);
    assert_eq!(out, format!("Ｋｙｉｖ\t{key}\tKyiv\tKyiv\tkyiv\n"));

    let out = ok(&["--format", "json", "normalize", "--explain", "Ｋｙｉｖ", "Київ"], None);
    let v = json_lines(&out);
    assert_eq!(
        v[0],
        json!({"input": "Ｋｙｉｖ", "key": key,
               "stages": {"nfkc": "Kyiv", "latin": "Kyiv", "folded": "kyiv", "key": key}})
    );
    assert_eq!(v[1]["input"], "Київ");
    assert_eq!(v[1]["stages"]["nfkc"], "Київ");
    assert_eq!(v[1]["stages"]["latin"], "Kyiv");
    assert_eq!(v[1]["stages"]["key"], v[1]["key"]);
    assert_eq!(v[1]["key"], key, "Київ and Kyiv share a key");
}

// ---------------------------------------------------------------------------
// resolve
// ---------------------------------------------------------------------------

#[test]
fn resolve_every_spelling_of_zelenskyy() {
    let spellings = [
        "Zelenskyy",
        "Zelensky",
        "Zelenskiy",
        "Zelenskyi",
        "Selenskyj",
        "Zełenski",
        "Зеленський",
        "Зеленский",
        "泽连斯基",
        "Volodymyr Zelenskyy",
        "Volodymyr Zelensky",
        "Володимир Зеленський",
    ];
    let out = ok(&[&["--format", "json", "resolve"], &spellings[..]].concat(), None);
    let results = json_lines(&out);
    assert_eq!(results.len(), spellings.len());
    for (q, r) in spellings.iter().zip(&results) {
        assert_eq!(r["query"], *q);
        assert_eq!(r["matches"][0]["id"], ZELENSKYY, "{q} should resolve to Zelenskyy: {r}");
        assert_eq!(r["matches"][0]["name"], "Volodymyr Zelenskyy");
        assert_eq!(r["matches"][0]["kind"], "person");
    }
    // Text format: the best match on each line.
    let out = ok(&[&["resolve"], &spellings[..]].concat(), None);
    for (q, line) in spellings.iter().zip(lines(&out)) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields[0], *q);
        assert_eq!(fields[1], ZELENSKYY, "{line}");
        assert_eq!(fields[3], "Volodymyr Zelenskyy");
    }
}

#[test]
fn resolve_rejects_other_names_that_look_like_zelenskyy() {
    for q in ["Volodymyr Zelinsky", "Zelenko"] {
        let out = ok(&["--format", "json", "resolve", q], None);
        let r = &json_lines(&out)[0];
        let ids: Vec<&Value> = r["matches"].as_array().unwrap().iter().map(|m| &m["id"]).collect();
        assert!(!ids.contains(&&json!(ZELENSKYY)), "{q} should not resolve to Zelenskyy: {r}");
        let text = ok(&["resolve", q], None);
        assert!(!text.contains(ZELENSKYY), "{q}: {text}");
    }
}

#[test]
fn resolve_in_every_format() {
    let text = ok(&["resolve", "Kiev", "Qwertyuiop"], None);
    assert_eq!(text, "Kiev\tcity:kyiv\t1.00\tKyiv\nQwertyuiop\t-\n");

    let tsv = ok(&["--format", "tsv", "resolve", "Kiev", "Qwertyuiop"], None);
    assert_eq!(
        tsv,
        "Kiev\tcity:kyiv\tKyiv\tcity\t1.0000\texact\tKiev\tfalse\nQwertyuiop\t\t\t\t\t\t\tfalse\n"
    );

    let json = ok(&["--format", "json", "resolve", "Kiev", "Qwertyuiop"], None);
    let v = json_lines(&json);
    assert_eq!(v.len(), 2);
    let kiev = &v[0]["matches"][0];
    for (field, want) in [
        ("id", json!("city:kyiv")),
        ("name", json!("Kyiv")),
        ("kind", json!("city")),
        ("score", json!(1.0)),
        ("alias", json!("Kiev")),
        ("method", json!("exact")),
    ] {
        assert_eq!(kiev[field], want, "{field}");
    }
    assert_eq!(kiev["attrs"]["geonames"], "703448", "the built-in tables' extra columns are attrs");
    assert_eq!(v[0]["query"], "Kiev");
    assert_eq!(v[0]["ambiguous"], false);
    assert_eq!(v[1], json!({"query": "Qwertyuiop", "ambiguous": false, "matches": []}));
}

#[test]
fn resolve_top_limits_the_matches() {
    let top = |k: &str| {
        let out = ok(&["--format", "json", "resolve", "--min-score", "0", "--top", k, "Kherson"], None);
        json_lines(&out)[0]["matches"].as_array().unwrap().clone()
    };
    let one = top("1");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["id"], "city:kherson");
    let two = top("2");
    assert_eq!(two.len(), 2);
    assert_eq!(two[0]["id"], "city:kherson");
    assert_eq!(two[1]["id"], "region:kherson-oblast");
    let scores: Vec<f64> = top("10").iter().map(|m| m["score"].as_f64().unwrap()).collect();
    assert!(scores.len() >= 2);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}

#[test]
fn resolve_top_and_ambiguity_with_a_user_table() {
    let s = Scratch::new("resolve_top_and_ambiguity");
    let t = s.file(
        "smiths.tsv",
        "id\tkind\tname\ttype\n\
         person:john-smith\tperson\tJohn Smith\tcanonical\n\
         person:jane-smith\tperson\tJane Smith\tcanonical\n\
         person:john-smith-2\tperson\tJohn Smith\tcanonical\n",
    );
    let base = ["--no-builtin", "--tables", &t];
    let out = ok(&[&base[..], &["--format", "json", "resolve", "Smith"]].concat(), None);
    let r = &json_lines(&out)[0];
    assert_eq!(r["ambiguous"], true);
    assert_eq!(r["matches"].as_array().unwrap().len(), 3, "{r}");
    let out = ok(&[&base[..], &["--format", "json", "resolve", "--top", "2", "Smith"]].concat(), None);
    let r = &json_lines(&out)[0];
    assert_eq!(r["matches"].as_array().unwrap().len(), 2, "{r}");
    assert_eq!(r["ambiguous"], true, "ambiguity does not depend on --top");

    let out = ok(&[&base[..], &["resolve", "John Smith"]].concat(), None);
    assert_eq!(out, "John Smith\tperson:john-smith\t1.00\tJohn Smith\t(ambiguous)\n");
    let out = ok(&[&base[..], &["--format", "tsv", "resolve", "--top", "1", "John Smith"]].concat(), None);
    assert_eq!(out, "John Smith\tperson:john-smith\tJohn Smith\tperson\t1.0000\texact\tJohn Smith\ttrue\n");
}

#[test]
fn resolve_min_score_drops_weaker_matches() {
    // A surname alone scores 0.9.
    let out = ok(&["--format", "json", "resolve", "--min-score", "0.9", "Zelensky"], None);
    let r = &json_lines(&out)[0];
    assert_eq!(r["matches"][0]["id"], ZELENSKYY);
    assert_eq!(r["matches"][0]["score"], 0.9);
    assert_eq!(r["matches"][0]["method"], "partial");

    let out = ok(&["--format", "json", "resolve", "--min-score", "0.95", "Zelensky"], None);
    assert_eq!(json_lines(&out), [json!({"query": "Zelensky", "matches": [], "ambiguous": false})]);
    assert_eq!(ok(&["resolve", "--min-score", "0.95", "Zelensky"], None), "Zelensky\t-\n");
    // Exact matches stay at any threshold.
    assert_eq!(ok(&["resolve", "--min-score", "1", "Kyiv"], None), "Kyiv\tcity:kyiv\t1.00\tKyiv\n");
}

#[test]
fn resolve_explain_names_the_table_row_of_the_alias() {
    let out = ok(&["--format", "json", "resolve", "--explain", "Kiev", "Zelensky"], None);
    let v = json_lines(&out);
    let kiev = &v[0]["matches"][0];
    assert_eq!(kiev["id"], "city:kyiv");
    assert_eq!(kiev["explain"]["source"], builtin_source("cities.tsv", "city:kyiv\tcity\tKiev\t"));
    assert_eq!(kiev["explain"]["alias_type"], "former");
    assert_eq!(kiev["explain"]["query_key"], kiev["explain"]["alias_key"]);
    let zel = &v[1]["matches"][0];
    assert_eq!(zel["id"], ZELENSKYY);
    assert_eq!(
        zel["explain"]["source"],
        builtin_source("people.tsv", "person:volodymyr-zelenskyy\tperson\tVolodymyr Zelenskyy\t")
    );
    assert!(!zel["explain"]["pairs"].as_array().unwrap().is_empty(), "a partial match shows its word pairs");

    // A row of a user table: that file and line.
    let s = Scratch::new("resolve_explain");
    let t = s.file("mine.tsv", "# comment\nid\tname\ncity:kyiv\tKyiv-on-Dnipro\n");
    let out = ok(&["--tables", &t, "--format", "json", "resolve", "--explain", "Kyiv-on-Dnipro"], None);
    let m = &json_lines(&out)[0]["matches"][0];
    assert_eq!(m["id"], "city:kyiv");
    assert_eq!(m["explain"]["source"], format!("{t}:3"));

    // Without --explain there is no explain field.
    let out = ok(&["--format", "json", "resolve", "Kiev"], None);
    assert!(json_lines(&out)[0]["matches"][0].get("explain").is_none());
}

// ---------------------------------------------------------------------------
// extract
// ---------------------------------------------------------------------------

const ARTICLE: &str = "Volodymyr Zelenskyy visited Kyiv. Zelenskyy’s speech in Kyiv’s centre was long.\n";

#[test]
fn extract_a_file_in_every_format() {
    let s = Scratch::new("extract_a_file");
    let f = s.file("article.txt", ARTICLE);
    let text = ok(&["extract", &f], None);
    assert_eq!(
        text,
        format!(
            "{f}:0-19\tVolodymyr Zelenskyy\t{ZELENSKYY}\tperson\t1.00\n\
             {f}:28-32\tKyiv\tcity:kyiv\tcity\t1.00\n\
             {f}:34-43\tZelenskyy\t{ZELENSKYY}\tperson\t0.90\n\
             {f}:58-62\tKyiv\tcity:kyiv\tcity\t1.00\n"
        )
    );
    let tsv = ok(&["--format", "tsv", "extract", &f], None);
    assert_eq!(
        tsv,
        format!(
            "{f}\t0\t19\tVolodymyr Zelenskyy\t{ZELENSKYY}\tVolodymyr Zelenskyy\tperson\t1.0000\texact\n\
             {f}\t28\t32\tKyiv\tcity:kyiv\tKyiv\tcity\t1.0000\texact\n\
             {f}\t34\t43\tZelenskyy\t{ZELENSKYY}\tVolodymyr Zelenskyy\tperson\t0.9000\tcoref\n\
             {f}\t58\t62\tKyiv\tcity:kyiv\tKyiv\tcity\t1.0000\texact\n"
        )
    );
    let json = json_lines(&ok(&["--format", "json", "extract", &f], None));
    assert_eq!(json.len(), 4);
    assert_eq!(
        json[0],
        json!({"doc": f, "start": 0, "end": 19, "char_start": 0, "char_end": 19, "text": "Volodymyr Zelenskyy", "id": ZELENSKYY,
               "name": "Volodymyr Zelenskyy", "kind": "person", "score": 1.0, "method": "exact", "ambiguous": false,
               "alias": "Volodymyr Zelenskyy", "attrs": {}})
    );
    assert_eq!(
        json[2],
        json!({"doc": f, "start": 34, "end": 43, "char_start": 34, "char_end": 43, "text": "Zelenskyy", "id": ZELENSKYY,
               "name": "Volodymyr Zelenskyy", "kind": "person", "score": 0.9, "method": "coref", "ambiguous": false,
               "alias": "Volodymyr Zelenskyy", "attrs": {}})
    );
    let fields: BTreeSet<&str> = json[1].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        BTreeSet::from([
            "doc",
            "start",
            "end",
            "char_start",
            "char_end",
            "text",
            "id",
            "name",
            "kind",
            "score",
            "method",
            "ambiguous",
            "alias",
            "attrs"
        ])
    );
    check_offsets(ARTICLE.as_bytes(), &json);
}

/// The progress bar is drawn on a terminal only: under the tests stderr is
/// a pipe, so the output and stderr are the same with and without
/// --no-progress, for a text file and a JSONL file alike.
#[test]
fn extract_draws_no_progress_bar_when_stderr_is_no_terminal() {
    let s = Scratch::new("extract_no_progress");
    let f = s.file("article.txt", ARTICLE);
    let j = s.file("docs.jsonl", format!("{}\n", json!({"doc": "a", "text": ARTICLE})));
    for args in [vec!["extract", f.as_str()], vec!["--format", "json", "extract", "--jsonl", j.as_str()]] {
        let (out, err, code) = nomen(&args, None);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        assert_eq!(out.lines().count(), 4, "{args:?}: {out}");
        let mut quiet = args.clone();
        quiet.push("--no-progress");
        assert_eq!(nomen(&quiet, None), (out, String::new(), 0), "{quiet:?}");
    }
}

/// On a terminal (a pseudo-terminal made by util-linux `script`, where it
/// is installed) the bar is drawn on stderr with the files' total size,
/// and --no-progress turns it off. Skipped where `script` is missing.
#[test]
fn extract_draws_a_progress_bar_on_a_terminal() {
    if !std::process::Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success()) {
        println!("util-linux script not found: skipped");
        return;
    }
    let s = Scratch::new("extract_progress_tty");
    let f = s.file("article.txt", ARTICLE.repeat(100));
    let size = ARTICLE.len() * 100;
    let on_terminal = |extra: &str| {
        let cmd = format!("{} extract {extra} {f} > /dev/null", env!("CARGO_BIN_EXE_nomen"));
        let out = std::process::Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .env("NOMEN_CACHE_DIR", concat!(env!("CARGO_TARGET_TMPDIR"), "/nomen-cache"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let drawn = on_terminal("");
    // indicatif writes sizes in binary units: 8400 bytes are 8.20 KiB.
    let total = format!("B/{:.2} KiB", size as f64 / 1024.0);
    assert!(drawn.contains(&total) && drawn.contains('%'), "no bar with {total} in {drawn:?}");
    assert!(!on_terminal("--no-progress").contains(&total));
}

#[test]
fn extract_stdin_is_document_stdin() {
    // A distinctive surname is found alone, with a lower score.
    let out = ok(&["extract"], Some(b"Zelenskyy met Xi Jinping in Beijing."));
    assert_eq!(
        out,
        "stdin:0-9\tZelenskyy\tperson:volodymyr-zelenskyy\tperson\t0.85\n\
         stdin:14-24\tXi Jinping\tperson:xi-jinping\tperson\t1.00\n\
         stdin:28-35\tBeijing\tcity:beijing\tcity\t1.00\n"
    );
    // `-` is stdin too.
    let out = ok(&["--format", "json", "extract", "-"], Some(ARTICLE.as_bytes()));
    let v = json_lines(&out);
    assert_eq!(v.len(), 4);
    assert!(v.iter().all(|m| m["doc"] == "stdin"), "{out}");
    check_offsets(ARTICLE.as_bytes(), &v);
}

#[test]
fn extract_several_files_in_order() {
    let s = Scratch::new("extract_several_files");
    let a = s.file("a.txt", "Moscow");
    let b = s.file("b.txt", "Paris and Berlin");
    let out = ok(&["--format", "tsv", "extract", &a, &b], None);
    let rows: Vec<Vec<&str>> = lines(&out).iter().map(|l| l.split('\t').collect()).collect();
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (r[0], r[4])).collect();
    assert_eq!(got, [(a.as_str(), "city:moscow"), (b.as_str(), "city:paris"), (b.as_str(), "city:berlin")]);
}

#[test]
fn extract_a_demonym_has_kind_demonym() {
    let out = ok(&["--format", "json", "extract"], Some("The Ukrainian leader".as_bytes()));
    let v = json_lines(&out);
    assert_eq!(v.len(), 1, "{out}");
    assert_eq!(v[0]["id"], "country:UA");
    assert_eq!(v[0]["kind"], "demonym");
    assert_eq!(v[0]["text"], "Ukrainian");
    assert_eq!(v[0]["name"], "Ukraine");
}

#[test]
fn extract_explain_names_the_table_row() {
    let out = ok(&["--format", "json", "extract", "--explain"], Some("Kiev".as_bytes()));
    let v = json_lines(&out);
    assert_eq!(v[0]["source"], builtin_source("cities.tsv", "city:kyiv\tcity\tKiev\t"));
}

#[test]
fn extract_jsonl_documents() {
    let s = Scratch::new("extract_jsonl");
    let docs = concat!(
        r#"{"doc": "a", "text": "Kyiv and Moscow"}"#,
        "\n\n",
        r#"{"doc": 7, "text": "Beijing"}"#,
        "\r\n",
        r#"{"text": "Caf\u00e9 \ud83d\ude00 Paris\r\nBerlin"}"#,
        "\n"
    );
    let f = s.file("docs.jsonl", docs);
    let out = ok(&["--format", "json", "extract", "--jsonl", &f], None);
    let v = json_lines(&out);
    let got: Vec<(String, u64, u64, String)> = v
        .iter()
        .map(|m| {
            (
                m["doc"].as_str().unwrap().to_string(),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
                m["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let line4 = format!("{f}:4");
    assert_eq!(
        got,
        [
            ("a".to_string(), 0, 4, "city:kyiv".to_string()),
            ("a".to_string(), 9, 15, "city:moscow".to_string()),
            ("7".to_string(), 0, 7, "city:beijing".to_string()),
            // Offsets into the decoded text "Café 😀 Paris\r\nBerlin".
            (line4.clone(), 11, 16, "city:paris".to_string()),
            (line4, 18, 24, "city:berlin".to_string()),
        ]
    );
    check_offsets("Café 😀 Paris\r\nBerlin".as_bytes(), &v[3..]);

    // From stdin, in text format.
    let out = ok(&["extract", "--jsonl"], Some(docs.as_bytes()));
    assert!(out.starts_with("a:0-4\tKyiv\tcity:kyiv\tcity\t1.00\n"), "{out}");
    assert_eq!(lines(&out).len(), 5);
}

#[test]
fn extract_jsonl_bad_lines_are_error_records_and_exit_2() {
    let s = Scratch::new("extract_jsonl_bad_lines");
    let f = s.file(
        "docs.jsonl",
        "{\"doc\": \"a\", \"text\": \"Kyiv\"}\nnot json\n{\"doc\": \"x\"}\n{\"doc\": \"b\", \"text\": \"Moscow\"}\n",
    );
    let (out, err, code) = nomen(&["--format", "json", "extract", "--jsonl", &f], None);
    assert_eq!(code, 2, "{err}");
    let v = json_lines(&out);
    assert_eq!(v.len(), 4, "{out}");
    assert_eq!(v[0]["id"], "city:kyiv");
    assert!(v[1]["error"].as_str().unwrap().contains(&format!("{f}:2:")), "{}", v[1]);
    assert!(v[2]["error"].as_str().unwrap().contains(&format!("{f}:3:")), "{}", v[2]);
    assert_eq!(v[3]["id"], "city:moscow", "lines after a bad one are still read");

    let (out, err, code) = nomen(&["extract", "--jsonl", &f], None);
    assert_eq!(code, 2);
    assert_eq!(lines(&out).len(), 2, "{out}");
    assert!(err.contains(&format!("{f}:2:")), "{err}");
    assert!(err.contains(&format!("{f}:3:")), "{err}");
}

#[test]
fn extract_jsonl_doc_ids_with_tabs_or_newlines_keep_one_line_per_mention() {
    let input = "{\"doc\": \"a\\tb\\nc\", \"text\": \"Kyiv\"}\n";
    let out = ok(&["--format", "tsv", "extract", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(out, "a b c\t0\t4\tKyiv\tcity:kyiv\tKyiv\tcity\t1.0000\texact\n");
    let out = ok(&["extract", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(out, "a b c:0-4\tKyiv\tcity:kyiv\tcity\t1.00\n", "text: one line per mention");
    let out = ok(&["--format", "json", "extract", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(json_lines(&out)[0]["doc"], "a\tb\nc", "json keeps the id as it is");
}

#[test]
fn extract_text_without_names_is_success_with_no_output() {
    for format in ["text", "json", "tsv"] {
        let (out, err, code) = nomen(&["--format", format, "extract"], Some(b"nothing to see here.\n"));
        assert_eq!((out.as_str(), code), ("", 0), "{err}");
    }
    // Empty input too.
    assert_eq!(ok(&["extract"], Some(b"")), "");
}

#[test]
fn extract_an_unreadable_file_is_named_and_the_others_are_still_read() {
    let s = Scratch::new("extract_unreadable_file");
    let missing = s.path("missing.txt");
    let good = s.file("good.txt", "Kyiv");
    for format in ["text", "json", "tsv"] {
        let (out, err, code) = nomen(&["--format", format, "extract", &missing, &good], None);
        assert_eq!(code, 2, "{format}: {err}");
        assert!(err.contains(&missing), "{format}: {err}");
        assert_eq!(lines(&out).len(), 1, "{format}: {out}");
        assert!(out.contains("city:kyiv"), "{format}: {out}");
    }
}

#[test]
fn extract_invalid_utf8_keeps_offsets_true_to_the_file() {
    let doc: &[u8] = b"\xff\xfe Kyiv and Ky\xe2\x28iv, Moscow";
    let (out, err, _code) = nomen(&["--format", "json", "extract"], Some(doc));
    assert!(err.contains("invalid UTF-8"), "{err}");
    let v = json_lines(&out);
    let found = check_offsets(doc, &v);
    let ids: Vec<&str> = found.iter().map(|(_, id, _)| id.as_str()).collect();
    assert_eq!(ids, ["city:kyiv", "city:moscow"]);
    assert_eq!(v[0]["start"], 3);
}

// ---------------------------------------------------------------------------
// Offsets
// ---------------------------------------------------------------------------

#[test]
fn extract_offsets_survive_dotted_capitals_combining_marks_crlf_and_emoji() {
    let s = Scratch::new("extract_offsets");
    let t = s.file("istanbul.tsv", ISTANBUL_TABLE);
    let doc = "İstanbul hosted Volodymyr Zelenskyy.\r\n\
               Cafe\u{301} Zelenskyy met Xi Jinping 🇺🇦 in Kyiv’s centre 👩\u{200d}👩\u{200d}👧 Kyiv.\r\n\
               İSTANBUL, then Moscow; Zelenskyy’s aide.\r\n";
    let f = s.file("doc.txt", doc);
    let out = ok(&["--tables", &t, "--format", "json", "extract", &f], None);
    let found = check_offsets(doc.as_bytes(), &json_lines(&out));
    let got: Vec<(&str, &str)> = found.iter().map(|(t, id, _)| (t.as_str(), id.as_str())).collect();
    assert_eq!(
        got,
        [
            ("İstanbul", "city:istanbul"),
            ("Volodymyr Zelenskyy", ZELENSKYY),
            ("Zelenskyy", ZELENSKYY),
            ("Xi Jinping", "person:xi-jinping"),
            ("Kyiv", "city:kyiv"),
            ("Kyiv", "city:kyiv"),
            ("İSTANBUL", "city:istanbul"),
            ("Moscow", "city:moscow"),
            ("Zelenskyy", ZELENSKYY),
        ]
    );
    // The same document through --jsonl: offsets into the decoded text.
    let line = json!({"doc": "d", "text": doc}).to_string();
    let out = ok(&["--tables", &t, "--format", "json", "extract", "--jsonl"], Some(line.as_bytes()));
    let again = check_offsets(doc.as_bytes(), &json_lines(&out));
    assert_eq!(again, found);
}

#[test]
fn extract_possessives_are_not_part_of_the_name() {
    let doc =
        "Kyiv’s mayor met Volodymyr Zelenskyy. Zelenskyy’s aide and Zelenskyy's driver left Kyiv's centre.";
    let out = ok(&["--format", "json", "extract"], Some(doc.as_bytes()));
    let found = check_offsets(doc.as_bytes(), &json_lines(&out));
    let got: Vec<(&str, &str, &str)> =
        found.iter().map(|(t, id, m)| (t.as_str(), id.as_str(), m.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Kyiv", "city:kyiv", "exact"),
            ("Volodymyr Zelenskyy", ZELENSKYY, "exact"),
            ("Zelenskyy", ZELENSKYY, "coref"),
            ("Zelenskyy", ZELENSKYY, "coref"),
            ("Kyiv", "city:kyiv", "exact"),
        ]
    );
    let v = json_lines(&out);
    assert_eq!((v[0]["start"].as_u64(), v[0]["end"].as_u64()), (Some(0), Some(4)));
}

#[test]
fn extract_a_full_name_across_a_crlf_line_break() {
    let doc = "They met Volodymyr\r\nZelenskyy in Kyiv.\r\n\r\nLater: Zelenskyy.";
    let out = ok(&["--format", "json", "extract"], Some(doc.as_bytes()));
    let found = check_offsets(doc.as_bytes(), &json_lines(&out));
    let got: Vec<(&str, &str)> = found.iter().map(|(t, id, _)| (t.as_str(), id.as_str())).collect();
    assert_eq!(
        got,
        [("Volodymyr\r\nZelenskyy", ZELENSKYY), ("Kyiv", "city:kyiv"), ("Zelenskyy", ZELENSKYY),]
    );
    // In text and tsv the line break inside the name must not break the row.
    let out = ok(&["--format", "tsv", "extract"], Some(doc.as_bytes()));
    assert_eq!(lines(&out).len(), 3, "{out:?}");
    assert!(out.starts_with("stdin\t9\t29\tVolodymyr  Zelenskyy\t"), "{out:?}");
    let out = ok(&["extract"], Some(doc.as_bytes()));
    assert_eq!(lines(&out).len(), 3, "{out:?}");
}

#[test]
fn extract_the_seed_article_offsets_match_the_text_and_the_gold() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed_article.txt");
    let text = fs::read(path).unwrap();
    let out = ok(&["--format", "json", "extract", path], None);
    let v = json_lines(&out);
    assert!(v.len() > 20, "{out}");
    check_offsets(&text, &v);
    assert!(v.iter().all(|m| m["doc"] == path));
    // The first gold mentions are found exactly.
    let gold = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed_article.gold.jsonl"))
        .unwrap();
    let found: BTreeSet<(u64, u64, String)> = v
        .iter()
        .map(|m| (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap(), m["id"].to_string()))
        .collect();
    for g in gold.lines().take(3).map(|l| serde_json::from_str::<Value>(l).unwrap()) {
        let key = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap(), g["id"].to_string());
        assert!(found.contains(&key), "gold mention {g} not found");
    }
}

/// Extract `word` alone (with `tables`) and assert it is reported as the
/// alias `word` itself, method exact, score 1.0 — as `resolve` does.
fn assert_extracted_as_written(tables: &[&str], word: &str) {
    let resolved = ok(&[tables, &["--format", "json", "resolve", word]].concat(), None);
    let r = &json_lines(&resolved)[0]["matches"][0];
    assert_eq!((r["method"].as_str(), r["alias"].as_str()), (Some("exact"), Some(word)), "resolve: {r}");
    let out = ok(&[tables, &["--format", "json", "extract"]].concat(), Some(word.as_bytes()));
    let m = &json_lines(&out)[0];
    assert_eq!(m["text"], word);
    assert_eq!(
        (m["method"].as_str(), m["alias"].as_str(), m["score"].as_f64()),
        (Some("exact"), Some(word), Some(1.0)),
        "extract `{word}` (resolve says exact, alias `{word}`): {m}"
    );
}

#[test]
fn extract_reports_a_builtin_alias_written_letter_for_letter_as_exact() {
    // `Київ` and `Volodymyr Zelensky` are built-in aliases; in text they
    // should be exact matches of themselves (score 1), not key matches of
    // another alias with the same key (`Kyiv`, `Volodymyr Zelenskyy`).
    assert_extracted_as_written(&[], "Київ");
    assert_extracted_as_written(&[], "Volodymyr Zelensky");
}

#[test]
fn extract_reports_a_user_alias_written_letter_for_letter_as_exact() {
    let s = Scratch::new("extract_exact_user_alias");
    let t = s.file("istanbul.tsv", ISTANBUL_TABLE);
    let k = s.file("kyjiw.tsv", "id\tname\ttype\ncity:kyiv\tKyjiw\talias\n");
    assert_extracted_as_written(&["--tables", &t], "İstanbul");
    assert_extracted_as_written(&["--tables", &k], "Kyjiw");
}

// ---------------------------------------------------------------------------
// schemes
// ---------------------------------------------------------------------------

#[test]
fn schemes_lists_every_scheme_in_every_format() {
    let json = json_lines(&ok(&["--format", "json", "schemes"], None));
    let tsv = ok(&["--format", "tsv", "schemes"], None);
    let text = ok(&["schemes"], None);
    assert!(json.len() >= 2);
    assert_eq!(lines(&tsv).len(), json.len());
    assert_eq!(lines(&text).len(), json.len());

    let ids: Vec<&str> = json.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "scheme ids are unique: {ids:?}");
    for s in &json {
        let keys: BTreeSet<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["id", "script", "lang", "name", "standard", "description"]), "{s}");
    }
    let by_id = |id: &str| json.iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("no {id}"));
    assert_eq!(
        (&by_id("uk_kmu_2010")["script"], &by_id("uk_kmu_2010")["lang"]),
        (&json!("Cyrl"), &json!("uk"))
    );
    assert_eq!((&by_id("wikipedia")["script"], &by_id("wikipedia")["lang"]), (&json!("Cyrl"), &json!("ru")));

    for ((line, row), s) in lines(&text).iter().zip(lines(&tsv)).zip(&json) {
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 6, "{row}");
        let want: Vec<&str> = ["id", "script", "lang", "name", "standard", "description"]
            .iter()
            .map(|k| s[*k].as_str().unwrap())
            .collect();
        assert_eq!(cols, want);
        assert!(line.starts_with(&format!("{} ", s["id"].as_str().unwrap())), "{line}");
        assert!(line.contains(s["script"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn every_listed_scheme_is_accepted_by_translit() {
    let json = json_lines(&ok(&["--format", "json", "schemes"], None));
    for s in json {
        let id = s["id"].as_str().unwrap();
        let out = ok(&["--format", "json", "translit", "--scheme", id, "Test"], None);
        assert_eq!(json_lines(&out)[0]["scheme"], id);
    }
}

// ---------------------------------------------------------------------------
// tables check / stats
// ---------------------------------------------------------------------------

#[test]
fn tables_check_the_builtin_tables_in_every_format() {
    let v = &json_lines(&ok(&["--format", "json", "tables", "check"], None))[0];
    assert_eq!(v["ok"], true);
    assert_eq!(v["warnings"], json!([]));
    let tables = v["tables"].as_array().unwrap();
    assert!(!tables.is_empty());
    assert!(tables.iter().all(|t| t.as_str().unwrap().starts_with("builtin:tables/entities/")), "{v}");
    let summary = format!(
        "ok: {} tables, {} entities, {} aliases, 0 warnings\n",
        tables.len(),
        v["entities"],
        v["aliases"]
    );
    assert_eq!(ok(&["tables", "check"], None), summary);
    assert_eq!(ok(&["--format", "tsv", "tables", "check"], None), summary);
}

#[test]
fn tables_check_a_user_table_given_either_way() {
    let s = Scratch::new("tables_check_user_table");
    let t = s.file(
        "acme.tsv",
        "id\tkind\tname\ttype\norg:acme\torg\tAcme Corporation\tcanonical\norg:acme\torg\tАкме\talias\n",
    );
    let base = &json_lines(&ok(&["--format", "json", "tables", "check"], None))[0];
    for args in [
        vec!["--format", "json", "tables", "check", &t],
        vec!["--format", "json", "--tables", &t, "tables", "check"],
    ] {
        let v = &json_lines(&ok(&args, None))[0];
        assert_eq!(v["ok"], true);
        assert_eq!(v["entities"].as_u64().unwrap(), base["entities"].as_u64().unwrap() + 1);
        assert_eq!(v["aliases"].as_u64().unwrap(), base["aliases"].as_u64().unwrap() + 2);
        assert_eq!(v["tables"].as_array().unwrap().last().unwrap(), &json!(t));
    }
    let v = &json_lines(&ok(&["--no-builtin", "--format", "json", "tables", "check", &t], None))[0];
    assert_eq!(v, &json!({"ok": true, "tables": [t], "entities": 1, "aliases": 2, "warnings": []}));
    assert_eq!(
        ok(&["--no-builtin", "tables", "check", &t], None),
        "ok: 1 tables, 1 entities, 2 aliases, 0 warnings\n"
    );
}

#[test]
fn tables_check_warns_about_a_suppress_that_matches_nothing() {
    let s = Scratch::new("tables_check_warns");
    let t = s.file("mine.tsv", "id\tname\ttype\ncity:kyiv\tNo Such Name\tsuppress\n");
    let (out, err, code) = nomen(&["tables", "check", &t], None);
    assert_eq!(code, 0, "a warning is not an error: {err}");
    assert!(out.starts_with("ok: ") && out.ends_with(" 1 warnings\n"), "{out}");
    assert!(err.contains(&format!("{t}:2:")), "{err}");
    let v = &json_lines(&ok(&["--format", "json", "tables", "check", &t], None))[0];
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1, "{v}");
}

#[test]
fn tables_stats_of_a_user_table_in_every_format() {
    let s = Scratch::new("tables_stats_user_table");
    let t = s.file("istanbul.tsv", ISTANBUL_TABLE);
    let base = ["--no-builtin", "tables", "stats", &t];
    assert_eq!(
        ok(&base, None),
        format!(
            "1 entities (city 1), 2 aliases in 1 tables\n\
             {t}: 2 aliases\n  kinds: city 2\n  types: alias 1, canonical 1\n  langs: en 1, tr 1\n"
        )
    );
    assert_eq!(
        ok(&[&["--format", "tsv"], &base[..]].concat(), None),
        format!(
            "{t}\tkind\tcity\t2\n{t}\ttype\talias\t1\n{t}\ttype\tcanonical\t1\n{t}\tlang\ten\t1\n{t}\tlang\ttr\t1\n"
        )
    );
    let v = json_lines(&ok(&[&["--format", "json"], &base[..]].concat(), None));
    assert_eq!(
        v,
        [json!({
            "entities": 1, "aliases": 2, "entities_by_kind": {"city": 1},
            "tables": [{"table": t, "aliases": 2, "by_kind": {"city": 2},
                        "by_type": {"alias": 1, "canonical": 1}, "by_lang": {"en": 1, "tr": 1}}]
        })]
    );
}

#[test]
fn tables_stats_of_the_builtin_tables_add_up() {
    let check = &json_lines(&ok(&["--format", "json", "tables", "check"], None))[0];
    let v = &json_lines(&ok(&["--format", "json", "tables", "stats"], None))[0];
    assert_eq!(v["entities"], check["entities"]);
    assert_eq!(v["aliases"], check["aliases"]);
    let by_kind: u64 = v["entities_by_kind"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(by_kind, v["entities"].as_u64().unwrap());
    let tables = v["tables"].as_array().unwrap();
    let names: Vec<&Value> = tables.iter().map(|t| &t["table"]).collect();
    let check_names: Vec<&Value> = check["tables"].as_array().unwrap().iter().collect();
    assert_eq!(names, check_names, "layer order");
    let sum = |t: &Value, group: &str| -> u64 {
        t[group].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum()
    };
    let mut total = 0;
    for t in tables {
        let n = t["aliases"].as_u64().unwrap();
        for group in ["by_kind", "by_type", "by_lang"] {
            assert_eq!(sum(t, group), n, "{group} of {}", t["table"]);
        }
        total += n;
    }
    assert_eq!(total, v["aliases"].as_u64().unwrap());

    let text = ok(&["tables", "stats"], None);
    assert!(text.starts_with(&format!("{} entities (", v["entities"])), "{text}");
    assert!(text.contains("builtin:tables/entities/people.tsv: "), "{text}");
    let tsv = ok(&["--format", "tsv", "tables", "stats"], None);
    assert!(lines(&tsv).iter().all(|l| l.split('\t').count() == 4), "{tsv}");
    let tsv_total: u64 = lines(&tsv)
        .iter()
        .filter(|l| l.split('\t').nth(1) == Some("kind"))
        .map(|l| l.rsplit('\t').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(tsv_total, total);
}

#[test]
fn tables_check_warns_about_a_name_an_earlier_layer_gives_to_another_id() {
    let s = Scratch::new("tables_check_warns_across_layers");
    let t = s.file("mine.tsv", "id\tkind\tname\ttype\nregion:us-ga\tregion\tGeorgia\tcanonical\n");
    let (out, err, code) = nomen(&["tables", "check", &t], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with(" 1 warnings\n"), "{out}");
    let builtin = builtin_source("countries.tsv", "country:GE\tcountry\tGeorgia\t");
    assert_eq!(
        err,
        format!(
            "warning: {t}:2: \"Georgia\" for `region:us-ga` is also a name of `country:GE` at {builtin}: \
             queries for it become ambiguous (a `suppress` row for `country:GE` removes the other)\n"
        )
    );
    // Suppressed first, the name is the user's alone (and country:GE has
    // lost its canonical row, which is the one warning left).
    let t = s.file(
        "mine.tsv",
        "id\tname\ttype\ncountry:GE\tGeorgia\tsuppress\nregion:us-ga\tGeorgia\tcanonical\n",
    );
    let (_, err, code) = nomen(&["tables", "check", &t], None);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("is also a name of") && err.contains("`country:GE` has no canonical row"), "{err}");
}

#[test]
fn tables_check_warns_about_a_name_that_normalises_to_nothing() {
    let s = Scratch::new("tables_check_warns_empty_key");
    let t = s.file("mine.tsv", "id\tname\ttype\norg:x\tX Corp\tcanonical\norg:x\t***\talias\n");
    let (out, err, code) = nomen(&["--no-builtin", "tables", "check", &t], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "ok: 1 tables, 1 entities, 2 aliases, 1 warnings\n");
    assert_eq!(
        err,
        format!(
            "warning: {t}:3: name \"***\" normalises to nothing: no other spelling and no mention in text can match it\n"
        )
    );
}

// ---------------------------------------------------------------------------
// tables fmt / expand
// ---------------------------------------------------------------------------

const UNFORMATTED_TABLE: &str = "# my people\n\
    id\tkind\tname\tlang\ttype\n\
    person:x\tperson\t Zed \ten\talias\r\n\
    # the display name\n\
    person:x\tperson\tXavier\ten\tcanonical\n\
    \n\
    person:y\tperson\tYves\tfr\tcanonical\n\
    person:x\tperson\tZed\ten\talias\n\
    person:x\tperson\tKsavie\u{301}r\tuk\talias\n";

const FORMATTED_TABLE: &str = "# my people\n\
    id\tkind\tname\tlang\ttype\n\
    # the display name\n\
    person:x\tperson\tXavier\ten\tcanonical\n\
    person:x\tperson\tZed\ten\talias\n\
    person:x\tperson\tKsaviér\tuk\talias\n\
    person:y\tperson\tYves\tfr\tcanonical\n";

#[test]
fn tables_fmt_check_lists_what_would_change_and_fmt_rewrites_it_once() {
    let s = Scratch::new("tables_fmt");
    let t = s.file("dir/people.tsv", UNFORMATTED_TABLE);
    let done = s.file("dir/done.tsv", FORMATTED_TABLE);
    let dir = s.path("dir");
    let (out, err, code) = nomen(&["tables", "fmt", "--check", &dir], None);
    assert_eq!((out, err, code), (format!("{t}\n"), String::new(), 1));
    assert_eq!(fs::read_to_string(&t).unwrap(), UNFORMATTED_TABLE, "--check writes nothing");
    assert_eq!(ok(&["tables", "fmt", &t, &done], None), "");
    assert_eq!(fs::read_to_string(&t).unwrap(), FORMATTED_TABLE);
    assert_eq!(ok(&["tables", "fmt", "--check", &dir], None), "", "fmt of fmt output changes nothing");
    assert_eq!(ok(&["tables", "fmt", &dir], None), "");
    assert_eq!(fs::read_to_string(&t).unwrap(), FORMATTED_TABLE);
    let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind: {leftovers:?}");
}

#[test]
fn tables_fmt_leaves_a_bad_table_as_it_is_and_says_where() {
    let s = Scratch::new("tables_fmt_bad");
    let bad_text = "id\tname\ttype\nx\t X\tcanonical\nx\tY\tnickname\n";
    let bad = s.file("bad.tsv", bad_text);
    let good = s.file("good.tsv", UNFORMATTED_TABLE);
    for check in [true, false] {
        let args: Vec<&str> =
            ["tables", "fmt"].into_iter().chain(check.then_some("--check")).chain([bad.as_str()]).collect();
        let err = usage_error(&args, None);
        assert_eq!(
            err,
            format!(
                "nomen: {bad}:3: unknown type `nickname`: use one of canonical, alias, abbrev, demonym, former, suppress\n"
            )
        );
        assert_eq!(fs::read_to_string(&bad).unwrap(), bad_text);
    }
    // The other tables are still formatted; the exit code tells of the bad one.
    let (_, err, code) = nomen(&["tables", "fmt", &bad, &good], None);
    assert_eq!(code, 2, "{err}");
    assert_eq!(fs::read_to_string(&good).unwrap(), FORMATTED_TABLE);
    assert_eq!(fs::read_to_string(&bad).unwrap(), bad_text);
}

#[test]
fn tables_fmt_needs_paths_and_never_touches_the_builtin_tables() {
    let err = usage_error(&["tables", "fmt"], None);
    assert!(err.starts_with("nomen: give the tables to format"), "{err}");
    let err = usage_error(&["tables", "fmt", "--check", "/no/such/table.tsv"], None);
    assert!(err.starts_with("nomen: /no/such/table.tsv: cannot read it"), "{err}");
}

#[test]
fn tables_expand_gives_each_schemes_spelling_once() {
    let rows =
        ok(&["--format", "tsv", "tables", "expand", "--lang", "uk", "--id", "person:z", "Зеленський"], None);
    let rows: Vec<Vec<&str>> = lines(&rows).iter().map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 5 && r[0] == "person:z" && r[3] == "alias"), "{rows:?}");
    let row =
        |name: &str| rows.iter().find(|r| r[1] == name).unwrap_or_else(|| panic!("no {name}: {rows:?}"));
    assert_eq!(row("Zelenskyi")[2..], ["uk-Latn", "alias", "uk_kmu_2010"]);
    assert_eq!(row("Zelens\u{2019}kyy")[2..], ["uk-Latn", "alias", "uk_bgn_pcgn"]);
    assert_eq!(row("Selenskyj")[2..], ["de", "alias", "uk_to_de"]);
    assert_eq!(row("Zełenski")[2..], ["pl", "alias", "uk_to_pl"]);
    let names: BTreeSet<&str> = rows.iter().map(|r| r[1]).collect();
    assert_eq!(names.len(), rows.len(), "deduplicated: {rows:?}");
    assert!(rows.iter().all(|r| r[4].split(", ").all(|s| s.starts_with("uk_"))), "--lang uk: {rows:?}");
    assert!(!names.contains("Зеленський"));
}

#[test]
fn tables_expand_rows_append_to_a_table_that_checks() {
    let s = Scratch::new("tables_expand_append");
    let rows = ok(&["tables", "expand", "--lang", "uk", "--id", "person:z", "Зеленський"], Some(b""));
    assert!(lines(&rows).iter().step_by(2).all(|l| l.starts_with("# uk_")), "{rows}");
    let t = s.file("z.tsv", format!("id\tname\tlang\ttype\nperson:z\tЗеленський\tuk\tcanonical\n{rows}"));
    let n = lines(&rows).len() / 2 + 1;
    assert_eq!(
        ok(&["--no-builtin", "tables", "check", &t], None),
        format!("ok: 1 tables, 1 entities, {n} aliases, 0 warnings\n")
    );
}

#[test]
fn tables_expand_reads_stdin_and_finds_ids_in_the_tables() {
    let out =
        ok(&["--format", "json", "tables", "expand"], Some("Харків\n\nἈθῆναι\n서울\nParis\n".as_bytes()));
    let v = json_lines(&out);
    assert_eq!(v.len(), 4, "one object per name: {out}");
    let names = |v: &Value| -> Vec<String> {
        v["variants"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        (&v[0]["input"], &v[0]["script"], &v[0]["id"]),
        (&json!("Харків"), &json!("Cyrl"), &json!("city:kharkiv"))
    );
    assert!(names(&v[0]).contains(&"Kharkiv".to_string()), "{}", v[0]);
    assert_eq!(v[1]["variants"], json!([{"name": "Athinai", "lang": "el-Latn", "schemes": ["el_elot_743"]}]));
    assert_eq!(v[2]["variants"], json!([{"name": "Seoul", "lang": "ko-Latn", "schemes": ["ko_rr"]}]));
    assert_eq!((&v[3]["script"], &v[3]["variants"]), (&json!("Latn"), &json!([])));
}

#[test]
fn tables_expand_rejects_a_language_no_scheme_reads() {
    let err = usage_error(&["tables", "expand", "--lang", "xx", "Київ"], None);
    assert!(err.contains("no scheme reads language `xx`"), "{err}");
}

// ---------------------------------------------------------------------------
// Bad tables
// ---------------------------------------------------------------------------

/// A bad table fails every command that loads tables, with `FILE:LINE:` on
/// stderr, exit 2 and nothing on stdout: given with --tables (to resolve,
/// extract, tables check/stats) or as a `tables check` argument.
fn assert_bad_table(test: &str, content: &[u8], line: usize, what: &str) {
    let s = Scratch::new(test);
    let t = s.file("bad.tsv", content);
    let want = format!("{t}:{line}: ");
    let runs: [Vec<&str>; 7] = [
        vec!["--tables", &t, "resolve", "Kyiv"],
        vec!["--format", "json", "--tables", &t, "resolve", "Kyiv"],
        vec!["--no-builtin", "--tables", &t, "resolve", "Kyiv"],
        vec!["--tables", &t, "--format", "tsv", "extract", "-"],
        vec!["--tables", &t, "tables", "stats"],
        vec!["tables", "check", &t],
        vec!["--format", "json", "tables", "check", &t],
    ];
    for args in runs {
        let err = usage_error(&args, Some(b"Kyiv\n"));
        assert!(err.contains(&want), "nomen {args:?}: stderr should contain {want:?}:\n{err}");
        assert!(err.contains(what), "nomen {args:?}: stderr should contain {what:?}:\n{err}");
    }
}

#[test]
fn bad_table_header_without_a_name_column() {
    assert_bad_table("bad_header", b"# a comment\nid\tkind\tlang\ncity:x\tcity\ten\n", 2, "`name`");
}

#[test]
fn bad_table_row_with_too_few_fields() {
    assert_bad_table("bad_few_fields", b"# c\nid\tkind\tname\ncity:x\tcity\tX\ncity:y\tcity\n", 4, "fields");
}

#[test]
fn bad_table_row_with_too_many_fields() {
    assert_bad_table("bad_many_fields", b"id\tname\ncity:x\tX\textra\n", 2, "fields");
}

#[test]
fn bad_table_empty_id() {
    assert_bad_table("bad_empty_id", b"id\tname\n\n\tX\n", 3, "empty id");
}

#[test]
fn bad_table_empty_name() {
    assert_bad_table("bad_empty_name", b"id\tname\nx\tX\ny\t  \n", 3, "empty name");
}

#[test]
fn bad_table_unknown_kind() {
    assert_bad_table("bad_kind", b"id\tname\tkind\nx\tX\tplanet\n", 2, "planet");
}

#[test]
fn bad_table_unknown_type() {
    assert_bad_table("bad_type", b"id\tname\ttype\nx\tX\tcanonical\nx\tY\tnickname\n", 3, "nickname");
}

#[test]
fn bad_table_invalid_utf8() {
    assert_bad_table("bad_utf8", b"id\tname\nx\tX\ny\tKy\xffiv\n", 3, "UTF-8");
}

#[test]
fn bad_table_empty_file() {
    assert_bad_table("bad_empty_file", b"", 1, "empty");
}

#[test]
fn bad_table_only_comments() {
    assert_bad_table("bad_only_comments", b"# nothing\n# here\n", 1, "empty");
}

#[test]
fn bad_table_one_id_with_two_kinds_in_one_file() {
    assert_bad_table(
        "bad_two_kinds",
        b"id\tname\tkind\nx\tX\tcity\n# a comment\nx\tY\tcountry\n",
        4,
        "line 2",
    );
}

#[test]
fn bad_table_gives_a_builtin_id_another_kind() {
    let err_where = builtin_source("cities.tsv", "city:kyiv\tcity\tKyiv\t");
    let s = Scratch::new("bad_builtin_kind");
    let t = s.file("bad.tsv", "id\tkind\tname\ncity:kyiv\tregion\tKyiv Oblast\n");
    for args in [vec!["--tables", &t, "resolve", "Kyiv"], vec!["tables", "check", &t]] {
        let err = usage_error(&args, None);
        assert!(err.contains(&format!("{t}:2: ")), "{err}");
        assert!(err.contains("region"), "{err}");
        assert!(err.contains(&err_where), "names where the kind was given first: {err}");
    }
    // Without the built-in tables there is no clash.
    ok(&["--no-builtin", "tables", "check", &t], None);
}

#[test]
fn bad_table_gives_an_id_of_another_user_table_another_kind() {
    let s = Scratch::new("bad_cross_user_kind");
    let a = s.file("a.tsv", "id\tkind\tname\norg:acme\torg\tAcme\n");
    let b = s.file("b.tsv", "id\tkind\tname\n# c\norg:acme\tcity\tAcme Town\n");
    let err = usage_error(&["--tables", &a, "--tables", &b, "resolve", "Acme"], None);
    assert!(err.contains(&format!("{b}:3: ")), "{err}");
    assert!(err.contains(&format!("{a}:2")), "{err}");
    let err = usage_error(&["tables", "check", &a, &b], None);
    assert!(err.contains(&format!("{b}:3: ")), "{err}");
}

#[test]
fn bad_table_duplicate_canonical() {
    assert_bad_table(
        "bad_dup_canonical",
        b"id\tname\ttype\nx\tX\tcanonical\nx\tZ\talias\nx\tY\tcanonical\n",
        4,
        "canonical",
    );
}

#[test]
fn bad_table_header_names_a_column_twice() {
    assert_bad_table("bad_header_twice", b"# c\n\nid\tname\tid\nx\tX\tx\n", 3, "twice");
}

#[test]
fn bad_table_path_that_does_not_exist() {
    let s = Scratch::new("bad_table_path");
    let missing = s.path("missing.tsv");
    for args in [vec!["--tables", &missing, "resolve", "Kyiv"], vec!["tables", "check", &missing]] {
        let err = usage_error(&args, None);
        assert!(err.contains(&missing), "{err}");
    }
}

#[test]
fn a_bad_table_in_a_directory_is_named() {
    let s = Scratch::new("bad_table_in_dir");
    s.file("tables/a.tsv", "id\tname\norg:acme\tAcme\n");
    let bad = s.file("tables/b.tsv", "id\tname\n# c\norg:x\t\n");
    let dir = s.path("tables");
    let err = usage_error(&["--tables", &dir, "resolve", "Acme"], None);
    assert!(err.contains(&format!("{bad}:3: ")), "{err}");
}

// ---------------------------------------------------------------------------
// Layering
// ---------------------------------------------------------------------------

#[test]
fn no_builtin_resolves_only_the_user_table() {
    let s = Scratch::new("no_builtin");
    let t = s.file("istanbul.tsv", ISTANBUL_TABLE);
    let out = ok(&["--no-builtin", "--tables", &t, "resolve", "Kyiv", "Istanbul", "Zelenskyy"], None);
    assert_eq!(out, "Kyiv\t-\nIstanbul\tcity:istanbul\t1.00\tIstanbul\nZelenskyy\t-\n");
    let out = ok(&["--no-builtin", "--tables", &t, "extract"], Some("Kyiv, Istanbul and Moscow".as_bytes()));
    assert_eq!(out, "stdin:6-14\tIstanbul\tcity:istanbul\tcity\t1.00\n");
    // With the built-in tables both are known.
    let out = ok(&["--tables", &t, "resolve", "Kyiv", "Istanbul"], None);
    assert_eq!(out, "Kyiv\tcity:kyiv\t1.00\tKyiv\nIstanbul\tcity:istanbul\t1.00\tIstanbul\n");
}

#[test]
fn a_user_table_adds_a_spelling_to_a_builtin_id() {
    let s = Scratch::new("user_alias");
    // A poetic name of Kyiv (the golden-domed) that no built-in table has.
    assert_eq!(ok(&["resolve", "Zolotoverkhyi"], None), "Zolotoverkhyi\t-\n");
    let t = s.file("mine.tsv", "id\tname\tlang\ncity:kyiv\tZolotoverkhyi\tuk\n");
    let out = ok(&["--tables", &t, "--format", "json", "resolve", "Zolotoverkhyi"], None);
    let m = &json_lines(&out)[0]["matches"][0];
    assert_eq!(
        (m["id"].as_str(), m["name"].as_str(), m["kind"].as_str(), m["alias"].as_str(), m["method"].as_str()),
        (Some("city:kyiv"), Some("Kyiv"), Some("city"), Some("Zolotoverkhyi"), Some("exact")),
        "{m}"
    );
    let out = ok(&["--tables", &t, "extract"], Some("Zolotoverkhyi".as_bytes()));
    assert!(out.starts_with("stdin:0-13\tZolotoverkhyi\tcity:kyiv\tcity\t"), "{out}");
    // The built-in spellings still resolve.
    assert_eq!(ok(&["--tables", &t, "resolve", "Kiev"], None), "Kiev\tcity:kyiv\t1.00\tKyiv\n");
}

#[test]
fn a_user_table_suppresses_a_builtin_alias() {
    let exact_kyiv = |out: &str| {
        json_lines(out)[0]["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == "city:kyiv" && m["method"] == "exact")
    };
    let before = ok(&["--format", "json", "resolve", "Kiev"], None);
    assert!(exact_kyiv(&before), "{before}");

    let s = Scratch::new("user_suppress");
    let t = s.file("mine.tsv", "id\tname\ttype\ncity:kyiv\tKiev\tsuppress\n");
    let after = ok(&["--tables", &t, "--format", "json", "resolve", "Kiev"], None);
    assert!(!exact_kyiv(&after), "Kiev is suppressed: {after}");
    let after =
        ok(&["--tables", &t, "--format", "json", "resolve", "--top", "10", "--min-score", "0", "Kiev"], None);
    assert!(
        json_lines(&after)[0]["matches"].as_array().unwrap().iter().all(|m| m["alias"] != "Kiev"),
        "{after}"
    );
    // One alias fewer, and no warning: the suppress matched.
    let base = &json_lines(&ok(&["--format", "json", "tables", "check"], None))[0];
    let (out, err, code) = nomen(&["--format", "json", "tables", "check", &t], None);
    assert_eq!(code, 0, "{err}");
    let v = &json_lines(&out)[0];
    assert_eq!(v["aliases"].as_u64().unwrap() + 1, base["aliases"].as_u64().unwrap());
    assert_eq!(v["warnings"], json!([]));
    // Kyiv itself is untouched.
    assert_eq!(ok(&["--tables", &t, "resolve", "Kyiv"], None), "Kyiv\tcity:kyiv\t1.00\tKyiv\n");
}

#[test]
fn a_directory_loads_all_its_tsv_files_in_name_order() {
    let s = Scratch::new("tables_dir");
    let a = s.file("tables/a.tsv", ISTANBUL_TABLE);
    let b = s.file("tables/b.tsv", "id\tkind\tname\ttype\norg:acme\torg\tAcme Corporation\tcanonical\n");
    s.file("tables/notes.txt", "this is not a table\n");
    s.file("tables/c.tsv.bak", "nor is this\n");
    let dir = s.path("tables");
    let v =
        &json_lines(&ok(&["--no-builtin", "--format", "json", "--tables", &dir, "tables", "check"], None))[0];
    assert_eq!(v["tables"], json!([a, b]));
    assert_eq!(v["entities"], 2);
    let out = ok(&["--tables", &dir, "resolve", "Istanbul", "Acme Corporation", "Kyiv"], None);
    assert_eq!(
        out,
        "Istanbul\tcity:istanbul\t1.00\tIstanbul\nAcme Corporation\torg:acme\t1.00\tAcme Corporation\n\
         Kyiv\tcity:kyiv\t1.00\tKyiv\n"
    );
}

#[test]
fn later_tables_are_layered_over_earlier_ones() {
    let s = Scratch::new("layer_order");
    let a = s.file(
        "a.tsv",
        "id\tkind\tname\ttype\norg:acme\torg\tAcme\tcanonical\norg:acme\torg\tAcme Inc\talias\n",
    );
    let b = s.file("b.tsv", "id\tname\ttype\norg:acme\tAcme Inc\tsuppress\n");
    let base = ["--no-builtin", "--tables", &a];
    assert_eq!(ok(&[&base[..], &["resolve", "Acme Inc"]].concat(), None), "Acme Inc\torg:acme\t1.00\tAcme\n");
    let out = ok(&[&base[..], &["--tables", &b, "--format", "json", "resolve", "Acme Inc"]].concat(), None);
    let matches = json_lines(&out)[0]["matches"].as_array().unwrap().clone();
    assert!(matches.iter().all(|m| m["alias"] != "Acme Inc"), "{out}");
    // The other way round, the suppress comes first and matches nothing.
    let (out, err, code) = nomen(&["--no-builtin", "--tables", &b, "--tables", &a, "tables", "check"], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("{b}:2:")), "a warning for the suppress: {err}");
    assert!(out.starts_with("ok: 2 tables, 1 entities, 2 aliases"), "{out}");
}

#[test]
fn a_user_table_with_crlf_lines_and_a_byte_order_mark_loads() {
    let s = Scratch::new("crlf_bom_table");
    let t =
        s.file("win.tsv", "\u{feff}id\tname\twikidata\r\n# comment\r\ncity:istanbul\tIstanbul\tQ406\r\n\r\n");
    let out = ok(&["--no-builtin", "--tables", &t, "--format", "json", "resolve", "Istanbul"], None);
    let m = &json_lines(&out)[0]["matches"][0];
    assert_eq!(m["id"], "city:istanbul");
    assert_eq!(m["name"], "Istanbul");
    assert_eq!(m["attrs"], json!({"wikidata": "Q406"}));
    let out =
        ok(&["--no-builtin", "--tables", &t, "--format", "json", "resolve", "--explain", "Istanbul"], None);
    assert_eq!(json_lines(&out)[0]["matches"][0]["explain"]["source"], format!("{t}:3"));
}

#[test]
fn a_suppress_for_an_unknown_id_creates_no_entity() {
    let s = Scratch::new("suppress_unknown_id");
    let p = s.file("suppress.tsv", "id\tname\ttype\ncity:atlantis\tAtlantis\tsuppress\n");
    let (out, err, code) = nomen(&["--no-builtin", "--format", "json", "tables", "check", &p], None);
    assert_eq!(code, 0, "{err}");
    let v = &json_lines(&out)[0];
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1, "the suppress matched nothing: {v}");
    assert_eq!(v["entities"], 0, "a suppress row names no entity of its own: {v}");
    // A later table that gives the id its names: the suppressed name is
    // not the display name.
    let later = s.file("later.tsv", "id\tname\ncity:atlantis\tPoseidonia\n");
    let out = ok(&["--no-builtin", "--tables", &p, "--tables", &later, "resolve", "Poseidonia"], None);
    assert_eq!(out, "Poseidonia\tcity:atlantis\t1.00\tPoseidonia\n");
}

#[test]
fn extra_columns_are_attrs_in_json() {
    let s = Scratch::new("attrs");
    let t = s.file("istanbul.tsv", ISTANBUL_TABLE);
    let out = ok(&["--tables", &t, "--format", "json", "resolve", "Istanbul", "Kyiv"], None);
    let v = json_lines(&out);
    // The user's column joins the built-in ones.
    assert_eq!(v[0]["matches"][0]["attrs"]["wikidata"], "Q406");
    assert_eq!(v[0]["matches"][0]["attrs"]["country"], "TR");
    assert_eq!(v[1]["matches"][0]["attrs"]["wikidata"], Value::Null);
    let out = ok(&["--tables", &t, "--format", "json", "extract"], Some("Istanbul".as_bytes()));
    assert_eq!(json_lines(&out)[0]["attrs"]["wikidata"], "Q406");
    // Attributes added by a user table to a built-in entity.
    let k = s.file("kyiv.tsv", "id\tname\tgeonames\twikidata\ncity:kyiv\tKyiv\t703448\tQ1899\n");
    let out = ok(&["--tables", &k, "--format", "json", "resolve", "Kiev"], None);
    let attrs = &json_lines(&out)[0]["matches"][0]["attrs"];
    assert_eq!(attrs["wikidata"], "Q1899");
    assert_eq!(attrs["geonames"], "703448");
}

// ---------------------------------------------------------------------------
// The registry cache
// ---------------------------------------------------------------------------

#[test]
fn the_cache_serves_the_same_answers_and_survives_damage() {
    let s = Scratch::new("cache");
    let t = s.file("t.tsv", ISTANBUL_TABLE);
    let cache = s.path("cache");
    let cache = cache.as_str();
    let args = [
        "--no-builtin",
        "--tables",
        &t,
        "--format",
        "json",
        "resolve",
        "--explain",
        "Istanbul",
        "istanbul",
        "Stambul",
    ];
    let snapshots = || -> Vec<PathBuf> {
        fs::read_dir(cache).map(|rd| rd.map(|e| e.unwrap().path()).collect()).unwrap_or_default()
    };
    let first = common::run_with_cache(cache, &args, None);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(snapshots().len(), 1, "the first run saves the registry; the patterns wait for an extract");
    let second = common::run_with_cache(cache, &args, None);
    assert_eq!(
        (second.stdout.as_str(), second.code),
        (first.stdout.as_str(), 0),
        "a loaded snapshot answers the same"
    );
    // A damaged snapshot is rebuilt, not trusted and not an error.
    for file in snapshots() {
        fs::write(file, b"NOMENSNP and then nonsense").unwrap();
    }
    let third = common::run_with_cache(cache, &args, None);
    assert_eq!((third.stdout.as_str(), third.code), (first.stdout.as_str(), 0));
    // An edited table is never answered from the old snapshot.
    fs::write(&t, ISTANBUL_TABLE.replace("Istanbul\ten", "Stambul\ten")).unwrap();
    let edited = common::run_with_cache(cache, &args, None);
    assert!(
        edited.stdout.contains("\"query\":\"Stambul\",\"matches\":[{\"id\":\"city:istanbul\""),
        "{}",
        edited.stdout
    );
    // extract reads the patterns snapshot: the same mentions as built afresh.
    let doc = "İstanbul, Istanbul and Stambul.";
    let extract = |cache: &str| {
        let args = ["--no-builtin", "--tables", &t, "--format", "json", "extract"];
        common::run_with_cache(cache, &args, Some(doc.as_bytes())).stdout
    };
    let built = extract("");
    assert_eq!(json_lines(&built).len(), 3, "{built}");
    let patterns = || snapshots().iter().filter(|p| p.to_string_lossy().contains("patterns-")).count();
    assert_eq!(patterns(), 0, "resolving saves no extract patterns");
    assert_eq!(extract(cache), built);
    assert_eq!(patterns(), 1, "the first extract saves them");
    assert_eq!(extract(cache), built, "from the saved patterns");
    // An empty NOMEN_CACHE_DIR keeps nothing.
    fs::remove_dir_all(cache).unwrap();
    let none = common::run_with_cache("", &args, None);
    assert_eq!(none.code, 0);
    assert!(snapshots().is_empty());
}

// ---------------------------------------------------------------------------
// Streaming: one output line per input line, in order
// ---------------------------------------------------------------------------

/// Input lines: CRLF, empty, invalid UTF-8 (line 3), ordinary, and a last
/// line without a newline.
const STREAM: &[u8] = b"\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2\r\n\nKy\xffiv\nKyiv\nQwertyuiop";

/// Run `nomen --format FORMAT COMMAND` on STREAM: exit 2 (the bad line),
/// five output lines; in text and tsv the bad line is empty and stderr
/// names it. Returns the output lines.
fn stream(command: &str, format: &str) -> Vec<String> {
    let (out, err, code) = nomen(&["--format", format, command], Some(STREAM));
    assert_eq!(code, 2, "{command} {format}: a bad line ends in exit 2; stderr: {err}");
    let got: Vec<String> = out.split('\n').map(str::to_string).collect();
    assert_eq!(got.last().map(String::as_str), Some(""), "{command} {format}: output ends with a newline");
    let got = got[..got.len() - 1].to_vec();
    assert_eq!(got.len(), 5, "{command} {format}: one line per input line: {out:?}");
    if format == "json" {
        let bad: Value = serde_json::from_str(&got[2]).unwrap();
        assert!(bad["error"].as_str().is_some_and(|e| e.contains("line 3")), "{command}: {bad}");
    } else {
        assert_eq!(got[2], "", "{command} {format}: the bad line is an empty line");
        assert!(err.contains("line 3") && err.contains("UTF-8"), "{command} {format}: {err}");
    }
    got
}

#[test]
fn streaming_translit_in_every_format() {
    assert_eq!(stream("translit", "text"), ["Kyiv", "", "", "Kyiv", "Qwertyuiop"]);
    assert_eq!(stream("translit", "tsv"), ["Київ\tKyiv", "\t", "", "Kyiv\tKyiv", "Qwertyuiop\tQwertyuiop"]);
    let v: Vec<Value> = stream("translit", "json").iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(v[0], json!({"input": "Київ", "output": "Kyiv", "scheme": "auto"}));
    assert_eq!(v[1], json!({"input": "", "output": "", "scheme": "auto"}));
    assert_eq!(v[3], json!({"input": "Kyiv", "output": "Kyiv", "scheme": "auto"}));
    assert_eq!(v[4], json!({"input": "Qwertyuiop", "output": "Qwertyuiop", "scheme": "auto"}));
}

#[test]
fn streaming_normalize_in_every_format() {
    let key = ok(&["normalize", "Kyiv"], None).trim_end().to_string();
    let qkey = ok(&["normalize", "Qwertyuiop"], None).trim_end().to_string();
    assert_eq!(stream("normalize", "text"), [&key, "", "", &key, &qkey]);
    assert_eq!(
        stream("normalize", "tsv"),
        [
            format!("Київ\t{key}"),
            "\t".into(),
            "".into(),
            format!("Kyiv\t{key}"),
            format!("Qwertyuiop\t{qkey}")
        ]
    );
    let v: Vec<Value> =
        stream("normalize", "json").iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(v[0], json!({"input": "Київ", "key": key}));
    assert_eq!(v[1], json!({"input": "", "key": ""}));
    assert_eq!(v[3], json!({"input": "Kyiv", "key": key}));
    assert_eq!(v[4], json!({"input": "Qwertyuiop", "key": qkey}));
}

#[test]
fn streaming_resolve_in_every_format() {
    assert_eq!(
        stream("resolve", "text"),
        ["Київ\tcity:kyiv\t1.00\tKyiv", "\t-", "", "Kyiv\tcity:kyiv\t1.00\tKyiv", "Qwertyuiop\t-"]
    );
    assert_eq!(
        stream("resolve", "tsv"),
        [
            "Київ\tcity:kyiv\tKyiv\tcity\t1.0000\texact\tКиїв\tfalse",
            "\t\t\t\t\t\t\tfalse",
            "",
            "Kyiv\tcity:kyiv\tKyiv\tcity\t1.0000\texact\tKyiv\tfalse",
            "Qwertyuiop\t\t\t\t\t\t\tfalse",
        ]
    );
    let v: Vec<Value> = stream("resolve", "json").iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let queries: Vec<&Value> = [0, 1, 3, 4].iter().map(|&i| &v[i]["query"]).collect();
    assert_eq!(queries, [&json!("Київ"), &json!(""), &json!("Kyiv"), &json!("Qwertyuiop")]);
    assert_eq!(v[0]["matches"][0]["id"], "city:kyiv");
    assert_eq!(v[1]["matches"], json!([]));
    assert_eq!(v[4]["matches"], json!([]));
}

#[test]
fn streaming_many_lines_keeps_count_and_order() {
    let names = ["Київ", "Kyiv", "Зеленський", "", "Xi Jinping", "Moscow", "Qwertyuiop", "北京"];
    // More lines than one parallel batch holds (256 per thread).
    let input: Vec<String> = (0..1200).map(|i| format!("{} {i}", names[i % names.len()])).collect();
    let mut bytes = input.join("\n").into_bytes();
    bytes.push(b'\n');
    for command in ["translit", "normalize", "resolve"] {
        for format in ["text", "json", "tsv"] {
            let out = ok(&["--threads", "2", "--format", format, command], Some(&bytes));
            assert_eq!(lines(&out).len(), input.len(), "{command} {format}");
            match format {
                "json" => {
                    let field = if command == "resolve" { "query" } else { "input" };
                    for (v, want) in json_lines(&out).iter().zip(&input) {
                        assert_eq!(v[field], *want, "{command} json");
                    }
                }
                "tsv" => {
                    for (line, want) in lines(&out).iter().zip(&input) {
                        assert_eq!(line.split('\t').next(), Some(want.as_str()), "{command} tsv");
                    }
                }
                _ => {
                    // Text output has no input column (except resolve);
                    // every line ends in its number, which is kept by
                    // translit and the match key, and echoed by resolve.
                    for (line, want) in lines(&out).iter().zip(&input) {
                        let n = want.rsplit(' ').next().unwrap();
                        let first = line.split('\t').next().unwrap();
                        assert!(first.ends_with(n), "{command} text: {line:?} for {want:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn streaming_crlf_lines_lose_their_carriage_return() {
    let input = "Kyiv\r\nЗеленський\r\n\r\nMoscow\r\n";
    for command in ["translit", "normalize", "resolve"] {
        let out = ok(&["--format", "json", command], Some(input.as_bytes()));
        let field = if command == "resolve" { "query" } else { "input" };
        let got: Vec<Value> = json_lines(&out).iter().map(|v| v[field].clone()).collect();
        assert_eq!(got, [json!("Kyiv"), json!("Зеленський"), json!(""), json!("Moscow")], "{command}");
        assert!(!out.contains("\\r"), "{command}: {out}");
    }
    let out = ok(&["resolve"], Some(input.as_bytes()));
    assert_eq!(lines(&out)[3], "Moscow\tcity:moscow\t1.00\tMoscow");
}

#[test]
fn streaming_explain_keeps_one_line_per_record_in_json_and_tsv() {
    let input = b"Kyiv\n\nKy\xffiv\nZelensky\n";
    for (command, format) in
        [("normalize", "json"), ("normalize", "tsv"), ("resolve", "json"), ("resolve", "tsv")]
    {
        let (out, err, code) = nomen(&["--format", format, command, "--explain"], Some(input));
        assert_eq!(code, 2, "{command} {format}: {err}");
        assert_eq!(out.matches('\n').count(), 4, "{command} {format}: {out:?}");
    }
}

#[test]
fn streaming_valid_input_exits_0() {
    for command in ["translit", "normalize", "resolve"] {
        for format in ["text", "json", "tsv"] {
            let out = ok(&["--format", format, command], Some("Київ\n\nQwertyuiop\n".as_bytes()));
            assert_eq!(lines(&out).len(), 3, "{command} {format}");
        }
    }
    // No input: no output.
    assert_eq!(ok(&["resolve"], Some(b"")), "");
}

// ---------------------------------------------------------------------------
// Exit codes and usage errors
// ---------------------------------------------------------------------------

#[test]
fn nothing_found_is_success() {
    assert_eq!(ok(&["resolve", "Qwertyuiop"], None), "Qwertyuiop\t-\n");
    let out = ok(&["--format", "json", "resolve", "Qwertyuiop"], None);
    assert_eq!(json_lines(&out), [json!({"query": "Qwertyuiop", "matches": [], "ambiguous": false})]);
    assert_eq!(ok(&["extract"], Some(b"no names at all")), "");
}

#[test]
fn resolve_top_0_is_a_usage_error() {
    let err = usage_error(&["resolve", "--top", "0", "Kyiv"], None);
    assert!(err.contains("--top"), "{err}");
}

#[test]
fn resolve_min_score_outside_0_to_1_is_a_usage_error() {
    for s in ["--min-score=2", "--min-score=-0.1", "--min-score=abc", "--min-score=1.5"] {
        let err = usage_error(&["resolve", s, "Kyiv"], None);
        assert!(err.contains("--min-score"), "{err}");
    }
}

#[test]
fn unknown_subcommand_option_or_format_is_a_usage_error() {
    usage_error(&["frobnicate"], None);
    usage_error(&["resolve", "--no-such-option", "Kyiv"], None);
    usage_error(&["--format", "xml", "resolve", "Kyiv"], None);
    usage_error(&[], None);
    usage_error(&["tables"], None);
}

#[test]
fn help_and_version_exit_0() {
    let out = ok(&["--help"], None);
    assert!(out.contains("Usage"), "{out}");
    for command in ["translit", "normalize", "resolve", "extract", "schemes", "tables", "eval"] {
        let out = ok(&[command, "--help"], None);
        assert!(out.contains("Usage"), "{command}: {out}");
    }
    let out = ok(&["--version"], None);
    assert!(out.contains(env!("CARGO_PKG_VERSION")), "{out}");
}

// ---------------------------------------------------------------------------
// eval resolve
// ---------------------------------------------------------------------------

const EVAL_REGISTRY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval_cli/registry.tsv");
const EVAL_QUERIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval_cli/queries.tsv");

/// Seven positives (Ukraina, Украина, Київ, KYIV, the Hebrew and the Czech
/// Merkel, and Florence, which no letter leads to Kyiv) and two negatives.
#[test]
fn eval_resolve_counts_right_wrong_and_false_accepts() {
    let args =
        ["--format", "json", "eval", "resolve", "--registry", EVAL_REGISTRY, "--queries", EVAL_QUERIES];
    let v: Value = serde_json::from_str(&ok(&args, None)).expect("one JSON object");
    assert_eq!(v["entities"], 3);
    assert_eq!(v["builtin"], false);
    assert_eq!(v["positives"], json!({"queries": 7, "right": 6, "wrong": 0, "none": 1, "top1": 0.857}));
    assert_eq!(v["by_kind"]["city"], json!({"queries": 3, "right": 2, "wrong": 0, "none": 1, "top1": 0.667}));
    assert_eq!(v["by_kind"]["person"]["right"], 2);
    assert_eq!(v["by_script"]["Cyrillic"]["right"], 2);
    assert_eq!(v["by_script"]["Hebrew"]["right"], 1);
    assert_eq!(v["negatives"], json!({"queries": 2, "false_accepts": 0, "false_accept_rate": 0.0}));
    assert_eq!(v["curve"].as_array().map(Vec::len), Some(8));
    assert!(v.get("misses").is_none());
}

#[test]
fn eval_resolve_text_is_an_aligned_table_and_lists_misses() {
    let out =
        ok(&["eval", "resolve", "--registry", EVAL_REGISTRY, "--queries", EVAL_QUERIES, "--misses"], None);
    let row = out.lines().find(|l| l.starts_with("all ")).expect("an `all` row");
    assert_eq!(row.split_whitespace().collect::<Vec<_>>(), ["all", "7", "0.857", "0.000", "0.143"]);
    let header = out.lines().find(|l| l.starts_with("positive queries")).expect("a header");
    assert_eq!(header.find("top-1").map(|i| i + 5), row.find("0.857").map(|i| i + 5), "{out}");
    let misses: Vec<&str> = out.lines().filter(|l| l.starts_with("miss\t")).collect();
    assert_eq!(misses, ["miss\t7\tcity\tLatin\tFlorence\tcity:703448\t-\t0.00"]);
}

/// A nomen alias table serves as the registry too.
#[test]
fn eval_resolve_reads_an_alias_table_as_the_registry() {
    let scratch = Scratch::new("eval-alias-table");
    let registry = scratch.file(
        "r.tsv",
        "id\tkind\tname\tlang\ttype\ncountry:UA\tcountry\tUkraine\ten\tcanonical\ncity:703448\tcity\tKyiv\ten\tcanonical\nperson:angela-merkel\tperson\tAngela Merkel\ten\tcanonical\n",
    );
    let args = ["--format", "json", "eval", "resolve", "--registry", &registry, "--queries", EVAL_QUERIES];
    let v: Value = serde_json::from_str(&ok(&args, None)).expect("one JSON object");
    assert_eq!(v["positives"]["queries"], 7);
    assert_eq!(v["aliases"], 3);
}

#[test]
fn eval_resolve_reports_bad_files_by_line() {
    let scratch = Scratch::new("eval-bad-files");
    let missing = scratch.path("nope.tsv");
    let err = usage_error(&["eval", "resolve", "--registry", &missing, "--queries", EVAL_QUERIES], None);
    assert!(err.contains("nope.tsv: cannot read"), "{err}");

    let short_row =
        scratch.file("q.tsv", "query\texpected_id\tkind\nKyiv\tcity:703448\tcity\nKyiv\tcity:703448\n");
    let err = usage_error(&["eval", "resolve", "--registry", EVAL_REGISTRY, "--queries", &short_row], None);
    assert!(err.contains("q.tsv:3: expected 3 tab-separated fields"), "{err}");

    let unknown = scratch.file("u.tsv", "query\texpected_id\nKyiv\tcity:1\n");
    let err = usage_error(&["eval", "resolve", "--registry", EVAL_REGISTRY, "--queries", &unknown], None);
    assert!(err.contains("u.tsv:2: the expected id `city:1` is not in the registry"), "{err}");

    let no_column = scratch.file("n.tsv", "# a comment\nname\texpected_id\nKyiv\tcity:703448\n");
    let err = usage_error(&["eval", "resolve", "--registry", EVAL_REGISTRY, "--queries", &no_column], None);
    assert!(err.contains("n.tsv:2: the header has no `query` column"), "{err}");

    let bad_registry = scratch.file(
        "r.tsv",
        "entity_id\tkind\tcanonical_name\tvariant\tlang_or_script\tsource\ncity:1\tcity\tKyiv\t\ten\tx\n",
    );
    let err = usage_error(&["eval", "resolve", "--registry", &bad_registry, "--queries", EVAL_QUERIES], None);
    assert!(err.contains("r.tsv:2: empty variant"), "{err}");

    let neither = scratch.file("x.tsv", "a\tb\n1\t2\n");
    let err = usage_error(&["eval", "resolve", "--registry", &neither, "--queries", EVAL_QUERIES], None);
    assert!(err.contains("x.tsv:1: the header names neither"), "{err}");

    let not_utf8 = scratch.file("b.tsv", b"query\texpected_id\nKy\xffiv\tcity:703448\n");
    let err = usage_error(&["eval", "resolve", "--registry", EVAL_REGISTRY, "--queries", &not_utf8], None);
    assert!(err.contains("b.tsv:2: invalid UTF-8"), "{err}");

    let err = usage_error(&["eval", "resolve", "--registry", EVAL_REGISTRY], None);
    assert!(err.contains("--queries"), "{err}");
}
