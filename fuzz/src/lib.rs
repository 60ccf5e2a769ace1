//! nomen's fuzz targets: each takes arbitrary bytes, runs one part of the
//! public API on them and checks invariants, so that a wrong result fails as
//! loudly as a crash. Every check is an `assert!`: a violation panics, which
//! both runners (libFuzzer and `smoke`) report with the input that caused it.
//!
//! The same functions are called by the libFuzzer binaries in
//! `fuzz_targets/` and by the `smoke` binary (src/bin/smoke.rs).

use std::path::PathBuf;
use std::sync::OnceLock;

use nomen::{ErrorKind, Extractor, Mention, Registry, ResolveOptions, Resolver, Scheme};

/// A fuzz target: a name and the function that checks one input.
pub struct Target {
    /// The name used on the command line.
    pub name: &'static str,
    /// Run one input; panics when an invariant does not hold.
    pub run: fn(&[u8]),
}

/// Every target, in the order `smoke all` runs them.
pub const TARGETS: &[Target] = &[
    Target { name: "table", run: table },
    Target { name: "translit", run: translit },
    Target { name: "normalize", run: normalize },
    Target { name: "resolve", run: resolve },
    Target { name: "extract", run: extract },
    Target { name: "jsonl", run: jsonl },
    Target { name: "snapshot", run: snapshot },
];

/// Build what the targets share (the built-in registry and its indexes)
/// before the first input, so that a fuzzer's per-input timeout does not
/// count it.
pub fn init() {
    let _ = (resolver(), extractor(), alias_names(), Scheme::all());
}

/// The built-in registry, built once per process.
pub fn builtin() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().expect("the built-in tables load"))
}

fn resolver() -> &'static Resolver<'static> {
    static RESOLVER: OnceLock<Resolver<'static>> = OnceLock::new();
    RESOLVER.get_or_init(|| Resolver::new(builtin()))
}

fn extractor() -> &'static Extractor<'static> {
    static EXTRACTOR: OnceLock<Extractor<'static>> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(builtin()))
}

/// Input bytes as text the way nomen's CLI reads a document: each byte of
/// an invalid sequence becomes `?`, so the length in bytes is kept.
pub fn text_of(data: &[u8]) -> String {
    let mut text = String::with_capacity(data.len());
    for chunk in data.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text
}

// ---------------------------------------------------------------------------
// table: Registry::builder().add_table / add_path with arbitrary content
// ---------------------------------------------------------------------------

/// A small base layer for the table target: loading the built-in tables for
/// every input would make it a benchmark of the loader, while layering
/// (suppress, a second kind for an id, a new canonical) needs something
/// underneath.
const BASE: &str = "id\tkind\tname\tlang\ttype\twikidata\n\
    city:kyiv\tcity\tKyiv\ten\tcanonical\tQ1899\n\
    city:kyiv\tcity\tКиїв\tuk\talias\t\n\
    city:kyiv\tcity\tKiev\ten\tformer\t\n\
    person:e0\tperson\tVolodymyr Zelenskyy\ten\tcanonical\t\n\
    person:e0\tperson\tZelensky\ten\talias\t\n\
    country:UA\tcountry\tUkraine\ten\tcanonical\t\n\
    country:UA\tcountry\tUkrainian\ten\tdemonym\t\n\
    country:US\tcountry\tUS\ten\tabbrev\t\n";

/// The first byte chooses how the rest is loaded: on top of a small base
/// table or alone, as text (`add_table`) or as raw bytes from a file
/// (`add_path`, which is where invalid UTF-8 can arrive).
pub fn table(data: &[u8]) {
    let Some((&mode, body)) = data.split_first() else { return };
    let mut builder = Registry::builder().no_builtin();
    if mode & 1 == 0 {
        builder = builder.add_table("base.tsv", BASE);
    }
    let name: String;
    if mode & 2 == 0 {
        name = "fuzz.tsv".into();
        builder = builder.add_table(name.clone(), String::from_utf8_lossy(body).into_owned());
    } else {
        let path = scratch_file();
        std::fs::write(&path, body).expect("cannot write the scratch table");
        name = path.display().to_string();
        builder = builder.add_path(&path);
    }
    let lines = body.split(|&b| b == b'\n').count();
    // The same tables through the cache: the first build saves a snapshot,
    // the second loads it, and both give what a build without a cache gives.
    let fresh = builder.clone().build();
    let dir = cache_dir("table");
    let _ = std::fs::remove_dir_all(&dir);
    let saved = builder.clone().cache(&dir).build();
    let loaded = builder.cache(&dir).build();
    for cached in [&saved, &loaded] {
        match (&fresh, cached) {
            (Ok(a), Ok(b)) => same_registry(a, b),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("a build without a cache gave {a:?}, with one {b:?}"),
        }
    }
    let registry = match fresh {
        Ok(r) => r,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Table, "{e}");
            let at = e.location().expect("a table error has a location");
            assert_eq!(at.file.display().to_string(), name, "{e}");
            assert!(at.line >= 1 && at.line <= lines.max(1), "line {} of {lines}: {e}", at.line);
            let shown = e.to_string();
            assert!(shown.starts_with(&format!("{name}:{}: ", at.line)), "{shown}");
            assert!(!shown.contains('\n') || e.message().contains('\n'), "{shown}");
            return;
        }
    };
    check_registry(&registry);
}

/// A cache directory of this process for one target.
fn cache_dir(target: &str) -> PathBuf {
    std::env::temp_dir().join(format!("nomen-fuzz-cache-{target}-{}", std::process::id()))
}

/// Two registries hold the same tables, entities and aliases, and resolve
/// and extract every alias (and a few near misses) alike.
fn same_registry(a: &Registry, b: &Registry) {
    assert_eq!(a.tables(), b.tables());
    assert_eq!(a.entities(), b.entities());
    assert_eq!(a.aliases(), b.aliases());
    assert_eq!(a.warnings(), b.warnings());
    for (x, y) in a.aliases().iter().zip(b.aliases()) {
        assert_eq!(x.source().to_string(), y.source().to_string());
    }
    let (ra, rb) = (Resolver::new(a), Resolver::new(b));
    let all = ResolveOptions { top: usize::MAX, min_score: 0.0 };
    let queries = a.aliases().iter().take(32).map(|x| x.name().to_string());
    for q in queries.chain(["Kiew", "Zelenskiy", "Ukraina", "U.S.", "Kyiv Ukraine", ""].map(String::from)) {
        assert_eq!(ra.resolve_with(&q, &all), rb.resolve_with(&q, &all), "{q:?}");
        let typo: String = q.chars().skip(1).collect();
        assert_eq!(ra.resolve_with(&typo, &all), rb.resolve_with(&typo, &all), "{typo:?}");
    }
    let text: String = a.aliases().iter().take(16).map(|x| format!("{} and ", x.name())).collect();
    let spans = |ms: Vec<Mention>| -> Vec<(usize, usize, String)> {
        ms.into_iter().map(|m| (m.start, m.end, m.entity.id().to_string())).collect()
    };
    assert_eq!(spans(Extractor::new(a).extract(&text)), spans(Extractor::new(b).extract(&text)), "{text:?}");
}

fn scratch_file() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("nomen-fuzz-{}.tsv", std::process::id()))).clone()
}

/// A registry that loaded is consistent, and every alias it holds resolves
/// (score 1, method exact) and is found where it stands in a text.
fn check_registry(registry: &Registry) {
    let mut per_entity = 0;
    for e in registry.entities() {
        assert_eq!(registry.entity(e.id()).map(|x| x.id()), Some(e.id()));
        per_entity += registry.aliases_of(e.id()).count();
        assert!(!e.id().trim().is_empty() && !e.name().trim().is_empty(), "{e:?}");
    }
    assert_eq!(per_entity, registry.aliases().len());
    let resolver = Resolver::new(registry);
    let extractor = Extractor::new(registry);
    for a in registry.aliases().iter().take(64) {
        let entity = a.entity();
        assert!(registry.entity(entity.id()).is_some());
        let source = a.source();
        assert!(source.line >= 1, "{source}");
        let r = resolver.resolve_with(a.name(), &ResolveOptions { top: usize::MAX, min_score: 0.0 });
        check_resolution(&r, 0.0, usize::MAX);
        let best = r.best().unwrap_or_else(|| panic!("alias {:?} does not resolve", a.name()));
        assert_eq!(best.score, 1.0, "alias {:?} resolves with {best:?}", a.name());
        assert!(
            r.matches.iter().any(|m| m.entity.id() == entity.id()),
            "alias {:?} of {} is not among its own matches",
            a.name(),
            entity.id()
        );
        check_mentions(a.name(), &extractor.extract(a.name()));
    }
}

// ---------------------------------------------------------------------------
// translit: every scheme, and auto mode
// ---------------------------------------------------------------------------

/// Every scheme and auto mode on the input. Auto mode returns Latin: no
/// letter of another script survives, ASCII stays as it is.
pub fn translit(data: &[u8]) {
    let text = text_of(data);
    for scheme in Scheme::all() {
        let out = scheme.transliterate(&text);
        assert!(
            out.len() <= 16 * text.len() + 16,
            "{}: {} bytes from {}",
            scheme.id(),
            out.len(),
            text.len()
        );
        // No scheme has rules for ASCII letters, so ASCII passes through
        // (apostrophes between letters aside: Ukrainian and Belarusian
        // schemes drop or respell them, also between Latin letters).
        // ja_hepburn marks long vowels in Latin text too (aa → ā): known.
        let known = skip_known_failures() && scheme.id() == "ja_hepburn";
        if text.is_ascii() && !text.contains('\'') && !known {
            assert_eq!(out, text, "{} changed ASCII text", scheme.id());
        }
    }
    check_auto(&text);
}

/// Invariants of auto-mode transliteration of `text`.
pub fn check_auto(text: &str) {
    use unicode_script::{Script, UnicodeScript};
    let out = nomen::transliterate(text);
    if text.is_ascii() {
        assert_eq!(out, text);
    }
    for c in out.chars() {
        assert!(
            !c.is_alphabetic() || matches!(c.script(), Script::Latin | Script::Common | Script::Inherited),
            "auto mode left {c:?} ({:04X}) in {out:?} from {text:?}",
            c as u32
        );
    }
}

// ---------------------------------------------------------------------------
// normalize: the match key
// ---------------------------------------------------------------------------

/// The key is lower-case ASCII letters and digits in words separated by
/// single spaces; the same whichever entry point computes it; and a key is
/// its own key (idempotence).
pub fn normalize(data: &[u8]) {
    let text = text_of(data);
    let key = nomen::normalize(&text);
    check_key(&key, &text);
    assert_eq!(nomen::MatchKey::new(&text).as_str(), key);
    assert_eq!(nomen::stages(&text).key, key);
    if !skip_known_failures() {
        let again = nomen::normalize(&key);
        assert_eq!(again, key, "normalize is not idempotent on {text:?}: {key:?} → {again:?}");
    }
}

/// `NOMEN_FUZZ_SKIP_KNOWN=1` leaves out checks that are known to fail (see
/// README.md, "Fuzzing"), so that a run can look for new failures.
pub fn skip_known_failures() -> bool {
    static SKIP: OnceLock<bool> = OnceLock::new();
    *SKIP.get_or_init(|| std::env::var_os("NOMEN_FUZZ_SKIP_KNOWN").is_some_and(|v| v != "0"))
}

/// A key's shape.
pub fn check_key(key: &str, text: &str) {
    assert!(
        key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '),
        "key {key:?} of {text:?}"
    );
    assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "), "key {key:?} of {text:?}");
}

// ---------------------------------------------------------------------------
// resolve
// ---------------------------------------------------------------------------

/// The first byte chooses the options (`top` 0..=7, `min_score` 0..=1),
/// the rest is the query.
pub fn resolve(data: &[u8]) {
    let Some((&opt, body)) = data.split_first() else { return };
    let query = text_of(body);
    let options = ResolveOptions { top: usize::from(opt & 7), min_score: f64::from(opt >> 3) / 31.0 };
    let r = resolver().resolve_with(&query, &options);
    check_resolution(&r, options.min_score, options.top);
    assert_eq!(r.query, query);
    // The key is the query's, or (since possessives are stripped before
    // lookup: Zelensky's → zelensky) that of the query without its
    // possessive ending, when one follows a letter.
    let stems = ["'s", "’s", "ʼs", "'S", "’S", "'", "’"]
        .into_iter()
        .filter_map(|e| query.trim_end().strip_suffix(e))
        .filter(|stem| stem.chars().last().is_some_and(char::is_alphabetic));
    let keys: Vec<String> = std::iter::once(query.as_str()).chain(stems).map(nomen::normalize).collect();
    assert!(
        keys.iter().any(|k| k == r.key.as_str()),
        "key {:?} of {query:?}, not one of {keys:?}",
        r.key.as_str()
    );
    let d = resolver().resolve(&query);
    check_resolution(&d, nomen::DEFAULT_MIN_SCORE, 3);
    // The same query again gives the same answer (no hidden state).
    assert_eq!(resolver().resolve(&query), d);
    // An alias written letter for letter (case aside) is an exact match.
    if alias_names().contains(&query.trim().to_lowercase()) {
        assert_eq!(d.best().map(|m| m.score), Some(1.0), "{query:?} is an alias: {d:?}");
    }
}

/// The built-in aliases in lower case.
fn alias_names() -> &'static std::collections::HashSet<String> {
    static NAMES: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| builtin().aliases().iter().map(|a| a.name().to_lowercase()).collect())
}

fn check_resolution(r: &nomen::Resolution, min_score: f64, top: usize) {
    assert!(r.matches.len() <= top, "{} matches, top {top}", r.matches.len());
    let mut ids = std::collections::HashSet::new();
    for (i, m) in r.matches.iter().enumerate() {
        assert!(m.score >= min_score && m.score <= 1.0 && m.score.is_finite(), "{m:?}");
        assert!(ids.insert(m.entity.id()), "entity {} listed twice for {:?}", m.entity.id(), r.query);
        if let Some(prev) = i.checked_sub(1).and_then(|p| r.matches.get(p)) {
            assert!(prev.score >= m.score, "matches out of order for {:?}", r.query);
        }
    }
    if r.matches.len() < 2 && top >= 2 {
        assert!(!r.ambiguous, "ambiguous with {} matches: {:?}", r.matches.len(), r.query);
    }
}

// ---------------------------------------------------------------------------
// extract
// ---------------------------------------------------------------------------

/// Mentions lie on character boundaries, in order, without overlap; moving
/// the text behind a paragraph break moves every mention by as many bytes.
pub fn extract(data: &[u8]) {
    let text = text_of(data);
    let mentions = extractor().extract(&text);
    check_mentions(&text, &mentions);
    let shifted = format!("\n\n{text}");
    let again = extractor().extract(&shifted);
    let spans = |ms: &[Mention], by: usize| -> Vec<(usize, usize, String)> {
        ms.iter().map(|m| (m.start - by, m.end - by, m.entity.id().to_string())).collect()
    };
    assert_eq!(
        spans(&again, 2),
        spans(&mentions, 0),
        "a leading paragraph break moved the mentions in {text:?}"
    );
}

/// Every mention's span is a non-empty slice of `text` on character
/// boundaries; mentions come in text order and never overlap.
pub fn check_mentions(text: &str, mentions: &[Mention]) {
    let mut prev_end = 0;
    for m in mentions {
        assert!(
            m.start < m.end && m.end <= text.len(),
            "span {}..{} in {} bytes: {text:?}",
            m.start,
            m.end,
            text.len()
        );
        let slice = text.get(m.start..m.end).unwrap_or_else(|| {
            panic!("span {}..{} is not on character boundaries of {text:?}", m.start, m.end)
        });
        assert!(slice.chars().any(char::is_alphanumeric), "mention {slice:?} has no letter: {text:?}");
        assert!(m.start >= prev_end, "mentions overlap or are out of order at {}: {text:?}", m.start);
        assert!(m.score > 0.0 && m.score <= 1.0, "{m:?}");
        prev_end = m.end;
    }
}

// ---------------------------------------------------------------------------
// jsonl: documents as the CLI's --jsonl reads them
// ---------------------------------------------------------------------------

/// Each line a JSON document `{"doc", "text"}` (invalid lines are skipped
/// as the CLI skips them after an error record); mentions index the decoded
/// text. Lines that are not JSON are wrapped into a document, so that the
/// text side sees arbitrary strings with JSON escapes too.
pub fn jsonl(data: &[u8]) {
    for line in data.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let text = match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(v) => match v.get("text").and_then(|t| t.as_str()) {
                Some(t) => t.to_string(),
                None => continue,
            },
            Err(_) => {
                // Round trip through JSON as the CLI would receive it.
                let doc = serde_json::json!({"doc": "d", "text": text_of(line)}).to_string();
                let v: serde_json::Value = serde_json::from_str(&doc).expect("our own JSON parses");
                v["text"].as_str().unwrap_or_default().to_string()
            }
        };
        let mentions = extractor().extract(&text);
        check_mentions(&text, &mentions);
    }
}

// ---------------------------------------------------------------------------
// snapshot: a damaged cache file is never used
// ---------------------------------------------------------------------------

/// The tables of the snapshot target, the registry built from them without
/// a cache, and the snapshot files a cached build saves for them: names
/// and bytes (found through the public API: build once with `.cache(dir)`,
/// then read the directory).
struct SnapshotReference {
    registry: Registry,
    files: Vec<(std::ffi::OsString, Vec<u8>)>,
}

fn snapshot_builder() -> nomen::RegistryBuilder {
    Registry::builder().no_builtin().add_table("base.tsv", BASE)
}

fn snapshot_reference() -> &'static SnapshotReference {
    static REFERENCE: OnceLock<SnapshotReference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dir = cache_dir("snapshot-reference");
        let _ = std::fs::remove_dir_all(&dir);
        let registry = snapshot_builder().build().expect("the base table loads");
        same_registry(&registry, &snapshot_builder().cache(&dir).build().expect("the base table loads"));
        // Same_registry extracted with the cached registry, so every file
        // a cached build may read is there now.
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the cached build made its directory")
            .filter_map(Result::ok)
            .map(|e| (e.file_name(), std::fs::read(e.path()).expect("the snapshot reads")))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "a cached build saves a snapshot");
        let _ = std::fs::remove_dir_all(&dir);
        SnapshotReference { registry, files }
    })
}

/// The snapshot files of a cache are replaced by damaged bytes, and the
/// build that finds them still gives exactly the registry the tables give.
/// The first byte chooses the damage: bit 0 clear, the input itself is
/// every file; set, one real snapshot file (bits 2–7 choose which) is
/// damaged by the input, read as edits of 4 bytes (a 16-bit position
/// scaled to the file, an operation, a byte): xor, set, insert or remove;
/// bit 1 set also cuts the file where the last edit was. The other files
/// stay sound.
pub fn snapshot(data: &[u8]) {
    let Some((&mode, body)) = data.split_first() else { return };
    let reference = snapshot_reference();
    let dir = cache_dir("snapshot");
    std::fs::create_dir_all(&dir).expect("cannot make the cache directory");
    let chosen = usize::from(mode >> 2) % reference.files.len();
    for (i, (file, sound)) in reference.files.iter().enumerate() {
        let bytes = if mode & 1 == 0 {
            body.to_vec()
        } else if i == chosen {
            damage(sound, body, mode & 2 != 0)
        } else {
            sound.clone()
        };
        std::fs::write(dir.join(file), &bytes).expect("cannot write the snapshot");
    }
    let registry = snapshot_builder().cache(&dir).build().expect("a damaged snapshot is not an error");
    same_registry(&reference.registry, &registry);
    // The build replaced the damaged files with sound ones.
    let again = snapshot_builder().cache(&dir).build().expect("the base table loads");
    same_registry(&reference.registry, &again);
}

/// `sound` with the edits of `body` (see [`snapshot`]).
fn damage(sound: &[u8], body: &[u8], cut: bool) -> Vec<u8> {
    let mut bytes = sound.to_vec();
    let mut last = bytes.len();
    for edit in body.chunks_exact(4) {
        let len = bytes.len().max(1);
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) * len / 65536;
        last = at;
        match edit[2] & 3 {
            0 if at < bytes.len() => bytes[at] ^= edit[3].max(1),
            1 if at < bytes.len() => bytes[at] = edit[3],
            2 => bytes.insert(at.min(bytes.len()), edit[3]),
            _ if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
    if cut {
        bytes.truncate(last);
    }
    bytes
}
