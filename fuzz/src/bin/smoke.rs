//! Smoke fuzzing on stable Rust without libFuzzer: a bounded loop of random
//! inputs through each target of `nomen_fuzz`, built from a dictionary of
//! nomen's own names and Unicode edge cases, then mutated byte by byte.
//!
//! ```sh
//! cargo run --release --bin smoke -- all --seconds 60
//! cargo run --release --bin smoke -- extract --iterations 100000 --seed 7
//! cargo run --release --bin smoke -- cli --seconds 120 --nomen ../target/release/nomen
//! ```
//! Every distinct failure is printed with its input and saved under
//! `artifacts/` (replay one: `smoke TARGET --replay FILE`); the exit code is
//! 1 when anything failed.

use std::collections::BTreeMap;
use std::io::Write;
use std::panic;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nomen_fuzz::{TARGETS, builtin};

/// splitmix64: small, fast, and reproducible from a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces of text that have broken offset handling or folding elsewhere.
const NASTY: &[&str] = &[
    "İ",
    "ı",
    "ß",
    "ẞ",
    "ǅ",
    "Ǆ",
    "ﬁ",
    "Å",
    "e\u{301}",
    "\u{301}",
    "\u{301}\u{301}",
    "\u{308}",
    "\u{20DD}",
    "’",
    "'",
    "ʼ",
    "ʹ",
    "`",
    "‘",
    "’s",
    "'s",
    "l’",
    "d'",
    "-",
    "‐",
    "·",
    "・",
    ".",
    ",",
    ";",
    "\r\n",
    "\n",
    "\n\n",
    "\r",
    "\t",
    " ",
    "  ",
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{2028}",
    "\0",
    "😀",
    "🇺🇦",
    "👩\u{200d}👩\u{200d}👧",
    "🏳️\u{200d}🌈",
    "\u{10FFFF}",
    "\u{FFFD}",
    "ﷺ",
    "Ⅻ",
    "①",
    "㎞",
    "Ｋｙｉｖ",
    "ьъЬЪ",
    "Ё",
    "ё",
    "і",
    "ї",
    "є",
    "ґ",
    "ў",
    "ськ",
    "北京",
    "习近平",
    "泽连斯基",
    "서울",
    "ソウル",
    "東京",
    "Αθήνα",
    "ἀ",
    "ᾳ",
    "Ἄ",
    "القاهرة",
    "ישראל",
    "दिल्ली",
    "ภาษาไทย",
    "ქართული",
    "Հայաստան",
    "0",
    "2022",
    "१२३",
    "٣",
    "½",
    "U.S.",
    "US",
    "us",
    "SCO",
    "oblast",
    "region",
    "Oblast",
    "the",
];

/// Random characters from the ranges where scripts, marks and odd
/// properties live.
fn random_char(rng: &mut Rng) -> char {
    const RANGES: &[(u32, u32)] = &[
        (0x20, 0x7E),
        (0xA0, 0x24F),
        (0x250, 0x36F),
        (0x370, 0x3FF),
        (0x400, 0x52F),
        (0x530, 0x6FF),
        (0x900, 0x97F),
        (0xE00, 0xE7F),
        (0x10A0, 0x10FF),
        (0x1100, 0x11FF),
        (0x1AB0, 0x1AFF),
        (0x1E00, 0x1FFF),
        (0x2000, 0x206F),
        (0x2100, 0x24FF),
        (0x3040, 0x30FF),
        (0x4E00, 0x9FFF),
        (0xAC00, 0xD7A3),
        (0xFB00, 0xFDFF),
        (0xFE00, 0xFE2F),
        (0xFF00, 0xFFEF),
        (0x1D400, 0x1D7FF),
        (0x1F300, 0x1FAFF),
        (0xE0000, 0xE007F),
        (0x10000, 0x10FFFF),
    ];
    let (lo, hi) = *rng.pick(RANGES);
    char::from_u32(lo + rng.below((hi - lo + 1) as usize) as u32).unwrap_or('\u{FFFD}')
}

/// What inputs are made of: the built-in aliases, the nasty pieces, random
/// characters and random ASCII words.
struct Dict {
    names: Vec<String>,
}

impl Dict {
    fn new() -> Dict {
        Dict { names: builtin().aliases().iter().map(|a| a.name().to_string()).collect() }
    }

    fn name(&self, rng: &mut Rng) -> String {
        let n = rng.pick(&self.names).clone();
        match rng.below(10) {
            0 => n.to_uppercase(),
            1 => n.to_lowercase(),
            2 => nomen::transliterate(&n),
            3 => {
                // A typo: one character dropped, doubled or replaced.
                let mut chars: Vec<char> = n.chars().collect();
                let i = rng.below(chars.len());
                match rng.below(3) {
                    0 if !chars.is_empty() => {
                        chars.remove(i);
                    }
                    1 if !chars.is_empty() => chars.insert(i, chars[i]),
                    _ => chars.insert(i, random_char(rng)),
                }
                chars.into_iter().collect()
            }
            _ => n,
        }
    }

    fn piece(&self, rng: &mut Rng) -> String {
        match rng.below(8) {
            0..=2 => self.name(rng),
            3 | 4 => (*rng.pick(NASTY)).to_string(),
            5 => (0..1 + rng.below(4)).map(|_| random_char(rng)).collect(),
            6 => (0..1 + rng.below(8)).map(|_| (b'a' + rng.below(26) as u8) as char).collect(),
            _ => (*rng.pick(&[" ", " ", ", ", ". ", " and ", " in ", "\n", "’s ", " - "])).to_string(),
        }
    }

    fn text(&self, rng: &mut Rng, max_pieces: usize) -> String {
        let n = rng.below(max_pieces + 1);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(&self.piece(rng));
            if rng.chance(60) {
                s.push(' ');
            }
        }
        s
    }

    /// A table that is mostly well-formed, so that loading gets past the
    /// header and the checks of each row get exercised.
    fn table(&self, rng: &mut Rng) -> Vec<u8> {
        let mut cols: Vec<&str> = vec!["id", "name"];
        for extra in ["kind", "lang", "type", "wikidata", "geonames", "", "id", " name "] {
            if rng.chance(if extra.is_empty() || extra == "id" || extra == " name " { 3 } else { 40 }) {
                cols.push(extra);
            }
        }
        for i in (1..cols.len()).rev() {
            cols.swap(i, rng.below(i + 1));
        }
        let ids: Vec<String> = if rng.chance(50) {
            builtin().entities().iter().take(12).map(|e| e.id().to_string()).collect()
        } else {
            (0..1 + rng.below(5))
                .map(|i| format!("{}:e{i}", rng.pick(&["person", "city", "x", "org", ""])))
                .collect()
        };
        let mut s = String::new();
        if rng.chance(10) {
            s.push('\u{feff}');
        }
        if rng.chance(20) {
            s.push_str("# a comment\n");
        }
        let eol = if rng.chance(20) { "\r\n" } else { "\n" };
        s.push_str(&cols.join("\t"));
        s.push_str(eol);
        for _ in 0..rng.below(12) {
            let mut fields: Vec<String> = cols
                .iter()
                .map(|c| match c.trim() {
                    "id" => rng.pick(&ids).clone(),
                    "name" => {
                        if rng.chance(80) {
                            self.name(rng)
                        } else {
                            self.text(rng, 3)
                        }
                    }
                    "kind" => (*rng
                        .pick(&["", "person", "city", "country", "region", "org", "other", "planet"]))
                    .into(),
                    "lang" => (*rng.pick(&["", "en", "uk", "ru", "zh-Hans", "und", "el"])).into(),
                    "type" => (*rng.pick(&[
                        "",
                        "canonical",
                        "alias",
                        "abbrev",
                        "demonym",
                        "former",
                        "suppress",
                        "suppress",
                        "nick",
                    ]))
                    .into(),
                    _ => self.text(rng, 1),
                })
                .collect();
            if rng.chance(5) {
                fields.pop();
            }
            if rng.chance(5) {
                fields.push("extra".into());
            }
            s.push_str(&fields.join("\t").replace(['\n', '\r'], " "));
            s.push_str(eol);
            if rng.chance(5) {
                s.push_str(eol);
            }
        }
        let mut bytes = vec![rng.next() as u8];
        bytes.extend_from_slice(s.as_bytes());
        bytes
    }
}

/// Byte-level damage: flips, inserted and removed bytes, truncation.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(6) {
            0 if len > 0 => data[rng.below(len)] ^= 1 << rng.below(8),
            1 => data.insert(rng.below(len + 1), rng.next() as u8),
            2 if len > 0 => {
                data.remove(rng.below(len));
            }
            3 => data.truncate(rng.below(len + 1)),
            4 => {
                const BYTES: &[&[u8]] =
                    &[b"\xff", b"\xc3", b"\xe2\x80", b"\0", b"\t", b"\n", b"\r\n", b"\xef\xbb\xbf"];
                let b = rng.pick::<&[u8]>(BYTES);
                let at = rng.below(len + 1);
                data.splice(at..at, b.iter().copied());
            }
            _ if len > 1 => {
                // Duplicate a slice.
                let a = rng.below(len);
                let b = a + rng.below(len - a).min(64);
                let piece = data[a..b].to_vec();
                let at = rng.below(len + 1);
                data.splice(at..at, piece);
            }
            _ => {}
        }
    }
}

fn input(target: &str, dict: &Dict, rng: &mut Rng) -> Vec<u8> {
    let mut data = match target {
        "table" => dict.table(rng),
        "resolve" => {
            let mut d = vec![rng.next() as u8];
            let q = if rng.chance(70) { dict.name(rng) } else { dict.text(rng, 4) };
            d.extend_from_slice(q.as_bytes());
            d
        }
        "translit" | "normalize" => dict.text(rng, 8).into_bytes(),
        "snapshot" => {
            // Mostly edits of the real snapshot (mode bit 0 set), now and
            // then a file of text or noise.
            let mut d = vec![rng.next() as u8 | if rng.chance(80) { 1 } else { 0 }];
            if d[0] & 1 == 1 {
                for _ in 0..4 * (1 + rng.below(8)) {
                    d.push(rng.next() as u8);
                }
            } else {
                d.extend_from_slice(dict.text(rng, 8).as_bytes());
            }
            d
        }
        "jsonl" => {
            let mut s = String::new();
            for i in 0..rng.below(4) {
                let text = dict.text(rng, 20);
                s.push_str(&serde_json::json!({"doc": i, "text": text}).to_string());
                s.push('\n');
            }
            s.into_bytes()
        }
        _ => dict.text(rng, 40).into_bytes(),
    };
    if rng.chance(if target == "table" { 30 } else { 20 }) {
        mutate(rng, &mut data);
    }
    if rng.chance(2) {
        // Now and then pure noise.
        data = (0..rng.below(256)).map(|_| rng.next() as u8).collect();
    }
    data
}

struct Options {
    target: String,
    seconds: Option<u64>,
    iterations: Option<u64>,
    seed: u64,
    replay: Option<PathBuf>,
    nomen: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        target: String::new(),
        seconds: None,
        iterations: None,
        seed: 0x006e_6f6d_656e,
        replay: None,
        nomen: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/nomen")),
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--seconds" => {
                o.seconds = Some(value("--seconds")?.parse().map_err(|e| format!("--seconds: {e}"))?)
            }
            "--iterations" => {
                o.iterations = Some(value("--iterations")?.parse().map_err(|e| format!("--iterations: {e}"))?)
            }
            "--seed" => o.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--replay" => o.replay = Some(value("--replay")?.into()),
            "--nomen" => o.nomen = value("--nomen")?.into(),
            t if !t.starts_with('-') && o.target.is_empty() => o.target = t.to_string(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let known: Vec<&str> = TARGETS.iter().map(|t| t.name).chain(["cli", "all"]).collect();
    if !known.contains(&o.target.as_str()) {
        return Err(format!("name a target: one of {}", known.join(", ")));
    }
    if o.seconds.is_none() && o.iterations.is_none() {
        o.seconds = Some(10);
    }
    Ok(o)
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "smoke: {e}\nusage: smoke TARGET|cli|all [--seconds N] [--iterations N] [--seed S] [--replay FILE] [--nomen PATH]"
            );
            std::process::exit(2);
        }
    };
    // Panics are caught and reported once per distinct message.
    let last_panic: Arc<Mutex<String>> = Arc::default();
    let hook_msg = Arc::clone(&last_panic);
    panic::set_hook(Box::new(move |info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        *hook_msg.lock().unwrap_or_else(|e| e.into_inner()) = format!("{at}: {msg}");
    }));
    if let Some(file) = &o.replay {
        let data = std::fs::read(file).expect("cannot read the replay file");
        let target = TARGETS.iter().find(|t| t.name == o.target).expect("replay needs a library target");
        match panic::catch_unwind(|| (target.run)(&data)) {
            Ok(()) => println!("{}: {} passes", o.target, file.display()),
            Err(_) => {
                println!("{}: {} FAILS: {}", o.target, file.display(), last_panic.lock().unwrap());
                std::process::exit(1);
            }
        }
        return;
    }
    nomen_fuzz::init();
    let dict = Dict::new();
    let names: Vec<&str> = match o.target.as_str() {
        "all" => TARGETS.iter().map(|t| t.name).collect(),
        t => vec![t],
    };
    let mut failed = false;
    for name in names {
        let mut rng =
            Rng(o.seed ^ name.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
        let started = Instant::now();
        let deadline = o.seconds.map(|s| started + Duration::from_secs(s));
        let mut runs = 0u64;
        let mut failures: BTreeMap<String, (u64, PathBuf)> = BTreeMap::new();
        while deadline.is_none_or(|d| Instant::now() < d) && o.iterations.is_none_or(|n| runs < n) {
            // The cli target makes its own batches.
            let data = if name == "cli" { Vec::new() } else { input(name, &dict, &mut rng) };
            runs += 1;
            let result = if name == "cli" {
                cli_batch(&o.nomen, &dict, &mut rng, &mut runs)
            } else {
                let target = TARGETS.iter().find(|t| t.name == name).expect("known target");
                panic::catch_unwind(|| (target.run)(&data)).map_err(|_| last_panic.lock().unwrap().clone())
            };
            if let Err(msg) = result {
                // One report per place of failure (the message holds the input).
                let head: String = msg.split(": ").next().unwrap_or_default().to_string();
                let entry = failures.entry(head.clone()).or_insert_with(|| {
                    let path = save_artifact(name, &data);
                    println!(
                        "FAIL {name} after {runs} runs: {msg}\n  input {:?}\n  saved {}",
                        String::from_utf8_lossy(&data),
                        path.display()
                    );
                    (0, path)
                });
                entry.0 += 1;
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{name}: {runs} executions in {secs:.0} s ({:.0}/s), {} distinct failures",
            runs as f64 / secs.max(1e-9),
            failures.len()
        );
        for (head, (count, path)) in &failures {
            println!("  {count}× {head}\n     e.g. {}", path.display());
        }
        failed |= !failures.is_empty();
    }
    if failed {
        std::process::exit(1);
    }
}

fn save_artifact(target: &str, data: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir);
    let hash =
        data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let path = dir.join(format!("{target}-{hash:016x}"));
    let _ = std::fs::write(&path, data);
    path
}

/// The CLI contract on a batch of records, through the real binary:
/// `extract --jsonl` with good and bad lines, each mention indexing its own
/// document; one document alone gives the same mentions as inside
/// `--jsonl`; `resolve` from stdin gives one record per line, in order.
/// Counts one execution per record.
fn cli_batch(nomen: &Path, dict: &Dict, rng: &mut Rng, runs: &mut u64) -> Result<(), String> {
    let n = 50 + rng.below(150);
    let mut docs: Vec<Option<String>> = Vec::new();
    let mut jsonl = Vec::new();
    for i in 0..n {
        if rng.chance(5) {
            // A bad line: not JSON, JSON without text, or invalid UTF-8.
            const BAD: &[&[u8]] = &[b"{not json", b"{\"doc\": 1}", b"\xff\xfe{}", b"[1,2]", b"\"text\""];
            let bad = rng.pick::<&[u8]>(BAD);
            jsonl.extend_from_slice(bad);
            docs.push(None);
        } else {
            let text = dict.text(rng, 30);
            jsonl.extend_from_slice(
                serde_json::json!({"doc": format!("d{i}"), "text": text}).to_string().as_bytes(),
            );
            docs.push(Some(text));
        }
        jsonl.extend_from_slice(if rng.chance(10) { b"\r\n" } else { b"\n" });
    }
    *runs += n as u64;
    let (out, err, code) = run(nomen, &["--format", "json", "extract", "--jsonl"], &jsonl)?;
    same_on_threads(nomen, &["--format", "json", "extract", "--jsonl"], &jsonl, (&out, &err, code))?;
    let bad_lines = docs.iter().filter(|d| d.is_none()).count();
    let want_code = if bad_lines > 0 { 2 } else { 0 };
    if code != want_code {
        return Err(kept(&jsonl, format!("extract --jsonl exited {code}, expected {want_code}: {err}")));
    }
    let mut per_doc: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    let mut errors = 0;
    for line in out.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| kept(&jsonl, format!("not JSON ({e}): {line}")))?;
        if v.get("error").is_some() {
            errors += 1;
            continue;
        }
        let doc = v["doc"].as_str().ok_or_else(|| kept(&jsonl, format!("no doc: {line}")))?.to_string();
        let i: usize = doc[1..].parse().map_err(|_| kept(&jsonl, format!("unknown doc {doc}")))?;
        let text = docs
            .get(i)
            .and_then(Option::as_ref)
            .ok_or_else(|| kept(&jsonl, format!("mention for a bad line: {line}")))?;
        let (s, e) = (v["start"].as_u64().unwrap_or(0) as usize, v["end"].as_u64().unwrap_or(0) as usize);
        let slice = text
            .get(s..e)
            .ok_or_else(|| kept(&jsonl, format!("span {s}..{e} off char boundaries of {text:?}")))?;
        if v["text"] != slice {
            return Err(kept(&jsonl, format!("text {} is not {slice:?} in {text:?}", v["text"])));
        }
        // char_start/char_end count Unicode scalar values.
        let chars = (text[..s].chars().count(), text[..e].chars().count());
        if (v["char_start"].as_u64(), v["char_end"].as_u64()) != (Some(chars.0 as u64), Some(chars.1 as u64))
        {
            return Err(kept(&jsonl, format!("char offsets of {line} are not {chars:?} in {text:?}")));
        }
        per_doc.entry(doc).or_default().push(v);
    }
    if errors != bad_lines {
        return Err(kept(&jsonl, format!("{errors} error records for {bad_lines} bad lines")));
    }
    // One document on its own.
    let i = rng.below(n);
    if let Some(text) = &docs[i] {
        let (out, err, code) = run(nomen, &["--format", "json", "extract"], text.as_bytes())?;
        if code != 0 {
            return Err(kept(text.as_bytes(), format!("extract of one document exited {code}: {err}")));
        }
        let strip = |mut v: serde_json::Value| {
            v.as_object_mut().map(|o| o.remove("doc"));
            v
        };
        let alone: Vec<serde_json::Value> =
            out.lines().filter_map(|l| serde_json::from_str(l).ok()).map(strip).collect();
        let inside: Vec<serde_json::Value> =
            per_doc.remove(&format!("d{i}")).unwrap_or_default().into_iter().map(strip).collect();
        if alone != inside {
            return Err(kept(
                text.as_bytes(),
                format!("document alone and inside --jsonl differ: {text:?}\n{alone:?}\n{inside:?}"),
            ));
        }
    }
    // Batch resolve: one record per input line, in order.
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for _ in 0..n {
        lines.push(match rng.below(10) {
            0 => Vec::new(),
            1 => b"Ky\xffiv".to_vec(),
            _ => dict.name(rng).replace(['\n', '\r'], " ").into_bytes(),
        });
    }
    let mut input = lines.join(&b"\n"[..]);
    // Without a final newline an empty last line would not be a line.
    if rng.chance(50) || lines.last().is_some_and(Vec::is_empty) {
        input.push(b'\n');
    }
    let (out, err, code) = run(nomen, &["--format", "json", "resolve"], &input)?;
    same_on_threads(nomen, &["--format", "json", "resolve"], &input, (&out, &err, code))?;
    let bad = lines.iter().any(|l| std::str::from_utf8(l).is_err());
    if code != if bad { 2 } else { 0 } {
        return Err(kept(&input, format!("resolve exited {code}: {err}")));
    }
    let got: Vec<&str> = out.lines().collect();
    if got.len() != n {
        return Err(kept(&input, format!("resolve: {} records for {n} lines", got.len())));
    }
    for (i, (line, rec)) in lines.iter().zip(&got).enumerate() {
        // A byte order mark starts the stream, not the first name.
        let line = if i == 0 { line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line) } else { line };
        let v: serde_json::Value =
            serde_json::from_str(rec).map_err(|e| kept(&input, format!("not JSON ({e}): {rec}")))?;
        match std::str::from_utf8(line) {
            Ok(q) if v["query"] == q => {}
            Err(_) if v.get("error").is_some() => {}
            _ => {
                return Err(kept(
                    &input,
                    format!("record {rec} for line {:?}", String::from_utf8_lossy(line)),
                ));
            }
        }
    }
    Ok(())
}

/// The same command on 1 and on 3 threads gives what it gave on the
/// default number (one per core): output, errors and exit code.
fn same_on_threads(nomen: &Path, args: &[&str], stdin: &[u8], want: (&str, &str, i32)) -> Result<(), String> {
    for threads in ["1", "3"] {
        let with: Vec<&str> = ["--threads", threads].into_iter().chain(args.iter().copied()).collect();
        let (out, err, code) = run(nomen, &with, stdin)?;
        if (out.as_str(), err.as_str(), code) != want {
            return Err(kept(stdin, format!("{with:?} differs from the default number of threads")));
        }
    }
    Ok(())
}

/// `msg` with the input that led to it, saved as an artifact.
fn kept(input: &[u8], msg: String) -> String {
    format!("{msg}\n  stdin saved as {}", save_artifact("cli", input).display())
}

/// Run the binary with `stdin`; (stdout, stderr, exit code). A panic shows
/// as exit code 101, a signal as an error; on any error the input is saved
/// as an artifact and named in the message.
fn run(nomen: &Path, args: &[&str], stdin: &[u8]) -> Result<(String, String, i32), String> {
    run_once(nomen, args, stdin)
        .map_err(|e| format!("{e}\n  stdin saved as {}", save_artifact("cli", stdin).display()))
}

fn run_once(nomen: &Path, args: &[&str], stdin: &[u8]) -> Result<(String, String, i32), String> {
    // The binary keeps its registry in a cache of this run, not the user's.
    let cache = std::env::temp_dir().join(format!("nomen-fuzz-cli-cache-{}", std::process::id()));
    let mut child = Command::new(nomen)
        .env("NOMEN_CACHE_DIR", cache)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e} (build it: cargo build --release)", nomen.display()))?;
    let mut pipe = child.stdin.take().ok_or("no stdin")?;
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&bytes);
    });
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    let code = output.status.code().ok_or(format!("{args:?} killed by a signal"))?;
    if code == 101 {
        return Err(format!("{args:?} panicked: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let stdout = String::from_utf8(output.stdout).map_err(|_| format!("{args:?}: stdout not UTF-8"))?;
    Ok((stdout, String::from_utf8_lossy(&output.stderr).into_owned(), code))
}
