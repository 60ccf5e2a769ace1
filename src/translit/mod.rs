//! Transliteration: named standards as data, and an auto mode that picks a
//! scheme for each run of script in a text.
//!
//! Every scheme is a rule file in `tables/translit/` (format in
//! `tables/translit/README.md`), compiled on first use by the rule engine in
//! [`rules`]; Chinese (`zh_pinyin`) needs a dictionary and word segmentation,
//! which [`han`] provides over generated reading tables. Text in a script
//! that has no scheme falls back to `any_ascii`, so auto mode always returns
//! Latin; a letter the fallback cannot spell either is written as its code
//! point (`U+0EAD`) rather than dropped.

mod abugida;
mod chars;
mod han;
mod hangul;
mod iuliia;
mod kanji;
mod rules;

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_script::Script;

use crate::error::{Error, ErrorKind};
pub(crate) use rules::{RuleSet, is_apostrophe};

/// A transliteration scheme: one published standard for one language or
/// script, e.g. Ukraine's national system `uk_kmu_2010`.
///
/// # Example
/// ```
/// let kmu = nomen::Scheme::get("uk_kmu_2010").unwrap();
/// assert_eq!(kmu.transliterate("Згорани, Їжакевич"), "Zghorany, Yizhakevych");
/// assert_eq!(kmu.script(), "Cyrl");
///
/// let rr = nomen::Scheme::get("ko_rr").unwrap();
/// assert_eq!(rr.transliterate("독립문"), "Dongnimmun");
/// ```
#[derive(Debug)]
pub struct Scheme {
    id: String,
    name: String,
    script: String,
    lang: String,
    standard: String,
    description: String,
    auto: bool,
    file: String,
    text: Cow<'static, str>,
    /// Compiled on first use: most runs need a few schemes of the 50, and
    /// the Chinese one carries a large dictionary.
    engine: OnceLock<Option<Engine>>,
}

#[derive(Debug)]
enum Engine {
    Rules(RuleSet),
    Han(Box<han::Han>),
    Kanji(Box<kanji::Kanji>),
}

impl Engine {
    fn compile(file: &str, text: &str, header: &Header) -> Result<Engine, Error> {
        match header.get("engine") {
            "" | "rules" => Ok(Engine::Rules(RuleSet::parse(file, text)?)),
            "han" => Ok(Engine::Han(Box::new(han::Han::parse(file, text)?))),
            "kanji" => Ok(Engine::Kanji(Box::new(kanji::Kanji::parse()?))),
            other => {
                Err(Error::table(file, 0, format!("unknown @engine `{other}`: use rules, han or kanji")))
            }
        }
    }

    /// Append the transliteration of `text`, read as NFC.
    fn apply(&self, text: &str, out: &mut String) {
        match self {
            // The rule engine finds text that needs NFC on its way.
            Engine::Rules(rules) => rules.apply_str(text, out),
            Engine::Han(han) => han.apply(&nfc(text), out),
            Engine::Kanji(kanji) => kanji.apply(&nfc(text), out),
        }
    }
}

/// The `@key value` lines at the top of a scheme file, up to its first rule.
struct Header(Vec<(String, String)>);

impl Header {
    fn read(text: &str) -> Header {
        let mut fields = Vec::new();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(rest) = line.strip_prefix('@') else { break };
            let mut parts = rest.split('\t').filter(|f| !f.is_empty());
            let key = parts.next().unwrap_or_default().to_string();
            fields.push((key, parts.collect::<Vec<_>>().join(" ")));
        }
        Header(fields)
    }

    fn get(&self, key: &str) -> &str {
        self.0.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
    }
}

impl Scheme {
    /// Read a scheme's header; its rules are compiled on first use.
    fn new(file: &str, text: Cow<'static, str>) -> Result<Scheme, Error> {
        let header = Header::read(&text);
        let field = |k: &str| header.get(k).to_string();
        let stem = std::path::Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = Some(field("id")).filter(|s| !s.is_empty()).unwrap_or(stem);
        let script = field("script");
        if script.is_empty() {
            return Err(Error::table(
                file,
                0,
                "the scheme has no `@script` line (an ISO 15924 code such as Cyrl)",
            ));
        }
        Ok(Scheme {
            id,
            name: field("name"),
            lang: field("lang"),
            standard: field("standard"),
            description: field("description"),
            auto: field("auto") == "yes",
            script,
            file: file.to_string(),
            text,
            engine: OnceLock::new(),
        })
    }

    /// Read and compile a scheme now, reporting any error in its rules.
    fn compile(file: &str, text: Cow<'static, str>) -> Result<Scheme, Error> {
        let scheme = Scheme::new(file, text)?;
        let engine = Engine::compile(file, &scheme.text, &Header::read(&scheme.text))?;
        let _ = scheme.engine.set(Some(engine));
        Ok(scheme)
    }

    fn engine(&self) -> Option<&Engine> {
        self.engine
            .get_or_init(|| {
                // The built-in files are tested (every_builtin_scheme_compiles);
                // a broken one leaves text as it is rather than panicking.
                Engine::compile(&self.file, &self.text, &Header::read(&self.text)).ok()
            })
            .as_ref()
    }

    /// Compile a scheme from the text of a rule file in nomen's own format
    /// (described in `tables/translit/README.md`, the format of the built-in
    /// schemes). `file` names the text in error messages, and gives the
    /// scheme's ID (its name without the extension) when the text has no
    /// `@id` line. Such a scheme is never used by auto mode, whatever its
    /// `@auto` line says.
    ///
    /// # Errors
    /// An error of kind [`ErrorKind::Table`] that names `file` and the line:
    /// the text has no `@script` line, or a rule, condition or header line
    /// is malformed.
    ///
    /// # Example
    /// ```
    /// let rules = "@script\tCyrl\n@class\tvowel\tаеиоу\nж\tzh\nу\tu\nк\tk\nй\ti\tafter=vowel\nй\ty\n";
    /// let scheme = nomen::Scheme::from_rules("mini.rules", rules)?;
    /// assert_eq!(scheme.id(), "mini");
    /// assert_eq!(scheme.transliterate("Жук ЖУЙ"), "Zhuk ZHUI");
    ///
    /// let err = nomen::Scheme::from_rules("mini.rules", "@script\tCyrl\nж\tzh\tsometimes\n").unwrap_err();
    /// assert!(err.to_string().starts_with("mini.rules:2: unknown condition"));
    /// # Ok::<(), nomen::Error>(())
    /// ```
    pub fn from_rules(file: &str, text: &str) -> Result<Scheme, Error> {
        Scheme::compile(file, Cow::Owned(text.to_string()))
    }

    /// Every built-in scheme, in ID order.
    pub fn all() -> &'static [Scheme] {
        static ALL: OnceLock<Vec<Scheme>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all: Vec<Scheme> = crate::embedded::SCHEME_FILES
                .iter()
                // A file without a header is a build defect caught by the
                // tests; it is skipped rather than taking the others down.
                .filter_map(|(file, text)| Scheme::new(file, Cow::Borrowed(text)).ok())
                .collect();
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all
        })
    }

    /// The built-in scheme with this ID (`nomen schemes` lists them).
    pub fn get(id: &str) -> Result<&'static Scheme, Error> {
        Scheme::all().iter().find(|s| s.id == id).ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("unknown scheme `{id}`: run `nomen schemes` to list the scheme IDs"),
            )
        })
    }

    /// The scheme's ID, e.g. `uk_kmu_2010`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Short name of the standard, e.g. `KMU 2010`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// ISO 15924 code of the source script, e.g. `Cyrl`.
    pub fn script(&self) -> &str {
        &self.script
    }
    /// BCP 47 tag of the source language, e.g. `uk`.
    pub fn lang(&self) -> &str {
        &self.lang
    }
    /// The standard's full title.
    pub fn standard(&self) -> &str {
        &self.standard
    }
    /// One line on what the scheme is for.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Transliterate `text` with this scheme. Letters the scheme has no rule
    /// for are kept as they are.
    pub fn transliterate(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        match self.engine() {
            Some(engine) => engine.apply(text, &mut out),
            None => out.push_str(&nfc(text)),
        }
        out
    }
}

/// `text` in NFC, borrowed when it already is (the common case, checked
/// without the normalizer's per-character table lookups).
fn nfc(text: &str) -> Cow<'_, str> {
    if chars::may_need_nfc(text) { Cow::Owned(text.nfc().collect()) } else { Cow::Borrowed(text) }
}

/// Transliterate `text` to Latin script, choosing a scheme for each run of
/// script: for Cyrillic the language is told from its letters (і ї є ґ →
/// Ukrainian, ы э ъ ё → Russian; Russian when nothing tells), sentence by
/// sentence. Scripts without a scheme fall back to `any_ascii`; a letter
/// that neither a scheme nor the fallback can spell is written as its code
/// point (`㧝` → `U+39DD`), so no letter is dropped and the output is Latin
/// (unless the fallback spells other letters of its script: then it is a
/// silent vowel carrier, as ອ in ອັນໂຕນ, anton).
///
/// # Example
/// ```
/// assert_eq!(nomen::transliterate("Київ і Москва"), "Kyiv i Moskva");
/// assert_eq!(nomen::transliterate("Ельцин, Zürich"), "Yeltsin, Zürich");
/// assert_eq!(nomen::transliterate("习近平"), "Xi Jinping");
/// assert_eq!(nomen::transliterate("とうきょう"), "Tōkyō");
/// ```
pub fn transliterate(text: &str) -> String {
    transliterate_lang(text, None)
}

/// As [`transliterate`], with a language hint (BCP 47) that wins over the
/// letters when that language has a scheme for the script at hand.
pub(crate) fn transliterate_lang(text: &str, lang: Option<&str>) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let table = auto_table();
    let (runs, composed) = match script_runs(text, table, true) {
        Some(runs) => (runs, Cow::Borrowed(text)),
        None => {
            let composed: String = text.nfc().collect();
            (script_runs(&composed, table, false).unwrap_or_default(), Cow::Owned(composed))
        }
    };
    let text = composed;
    // Kanji in a sentence with kana are Japanese (auto mode's `ja` scheme
    // for Han); looked for only when the text has both.
    let kana = (runs.iter().any(|r| r.script == Script::Han)
        && runs.iter().any(|r| r.script == Script::Katakana))
    .then(|| kana_sentences(&text));
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut previous = Script::Common;
    for run in runs {
        let Some(slice) = text.get(run.start..run.end) else { continue };
        // Kanji and kana written together are separate words in Latin
        // (東京に Tōkyō ni).
        if matches!((previous, run.script), (Script::Han, Script::Katakana) | (Script::Katakana, Script::Han))
            && out.chars().next_back().is_some_and(char::is_alphanumeric)
            && slice.chars().next().is_some_and(char::is_alphanumeric)
        {
            out.push(' ');
        }
        previous = run.script;
        match run.script {
            Script::Latin | Script::Common | Script::Inherited => out.push_str(slice),
            script => {
                let start = out.len();
                let marker = table.confirm_marker(script, run.marker, slice);
                let lang = match (&kana, lang) {
                    (Some(sentences), None) if script == Script::Han => {
                        let at = sentences.partition_point(|(end, _)| *end <= run.start);
                        sentences.get(at).and_then(|(_, kana)| kana.then_some("ja"))
                    }
                    _ => lang,
                };
                match table.scheme(script, marker, lang).and_then(Scheme::engine) {
                    Some(engine) => engine.apply(slice, &mut out),
                    None => out.push_str(slice),
                }
                // Whatever is still not Latin (letters without a rule, or a
                // script without a scheme) goes through the fallback.
                if !out.get(start..).is_some_and(|s| s.is_ascii()) {
                    let tail = out.split_off(start);
                    push_fallback(&mut out, &tail);
                }
            }
        }
    }
    out
}

/// The sentences of `text`: the byte where each ends, and whether it holds
/// kana (hiragana, katakana, the long-vowel mark, half-width katakana).
fn kana_sentences(text: &str) -> Vec<(usize, bool)> {
    let mut sentences = Vec::new();
    let mut kana = false;
    for (i, c) in text.char_indices() {
        if matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
        {
            kana = true;
        } else if matches!(c, '.' | '!' | '?' | '\n' | '…' | '。' | '！' | '？') {
            sentences.push((i + c.len_utf8(), std::mem::take(&mut kana)));
        }
    }
    sentences.push((text.len(), kana));
    sentences
}

/// Append `text`, turning whatever is still not Latin into ASCII.
fn push_fallback(out: &mut String, text: &str) {
    // A Lao vowel written before its consonant (ເ, ໂ, ໃ…) is read after it.
    let mut preposed = None;
    let mut spelt: Option<Vec<Script>> = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let rest = text.get(i + c.len_utf8()..).unwrap_or_default();
        let lao_consonant =
            |n: char| ('\u{0E81}'..='\u{0EAE}').contains(&n) || matches!(n, '\u{0EDC}'..='\u{0EDF}');
        if ('\u{0EC0}'..='\u{0EC4}').contains(&c) && rest.chars().next().is_some_and(lao_consonant) {
            preposed = Some(c);
            continue;
        }
        match chars::info(c).script {
            Script::Latin | Script::Common | Script::Inherited => out.push(c),
            script => {
                match c {
                    abugida::tibetan::CARRIER => {}
                    abugida::tibetan::LONG_A => out.push('a'),
                    _ => {
                        let spelling = any_ascii::any_ascii_char(c);
                        // In a script any_ascii spells, a letter it leaves
                        // out is silent: a vowel carrier (Lao ອ, Thaana
                        // އ, N'Ko ߑ) or a vowel-killing sign, not a gap.
                        if !spelling.is_empty()
                            || !spelt.get_or_insert_with(|| spelt_scripts(text)).contains(&script)
                        {
                            push_spelt(out, c, spelling);
                        }
                    }
                }
                if let Some(v) = preposed.take() {
                    push_spelt(out, v, any_ascii::any_ascii_char(v));
                }
                // any_ascii spells a Brahmic consonant without the vowel it
                // is read with (జ: j, not ja).
                let before = text.get(..i).unwrap_or_default();
                if abugida::inherent_vowel_after(before, c, rest.chars())
                    || abugida::tibetan::vowel_after(before, c, rest)
                {
                    out.push('a');
                }
            }
        }
    }
}

/// The scripts of `text` that any_ascii spells at least one letter of.
fn spelt_scripts(text: &str) -> Vec<Script> {
    let mut scripts = Vec::new();
    for c in text.chars().filter(|c| !c.is_ascii() && !any_ascii::any_ascii_char(*c).is_empty()) {
        let script = chars::info(c).script;
        if !scripts.contains(&script) {
            scripts.push(script);
        }
    }
    scripts
}

/// Append the fallback's spelling of `c`; when it has none for a letter
/// (CJK extension ideographs, cuneiform, a lone Lao ອ…), the letter's code
/// point, `U+0EAD`: dropping it would make different names read the same
/// and a name of such letters read as nothing, and keeping it would break
/// the promise that auto mode writes Latin. Signs without a sound value
/// (punctuation, tone marks, which are not Alphabetic) are still dropped.
pub(crate) fn push_spelt(out: &mut String, c: char, spelling: &str) {
    if spelling.is_empty() && c.is_alphabetic() {
        use std::fmt::Write as _;
        let _ = write!(out, "U+{:04X}", c as u32);
    } else {
        out.push_str(spelling);
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Run {
    script: Script,
    start: usize,
    end: usize,
    /// The first row of languages.tsv (of this script) with a marker letter
    /// in the run, + 1; 0: none.
    marker: usize,
}

/// The script a run is transliterated as: Japanese writes its two syllabaries
/// side by side (ひらがな and カタカナ), and one scheme reads both.
fn run_script(s: Script) -> Script {
    match s {
        Script::Hiragana => Script::Katakana,
        s => s,
    }
}

/// Split into runs of one script (byte ranges); Common and Inherited
/// characters (spaces, punctuation, combining marks) join the run they stand
/// in. A run also ends after a sentence, so that auto mode tells the language
/// of each sentence (news text mixes Russian and Ukrainian quotes); the
/// marker letters of each run are noted on the way. With `check_nfc`, `None`
/// when NFC might change the text: compose it first.
fn script_runs(text: &str, table: &AutoTable, check_nfc: bool) -> Option<Vec<Run>> {
    let bytes = text.as_bytes();
    let mut runs: Vec<Run> = Vec::new();
    let mut sentence_end = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Inside a run, skip what cannot end it or change its language: the
        // same script or neutral characters, no marker, no sentence end.
        if let (Some(last), false) = (runs.last_mut(), sentence_end) {
            let current = last.script;
            let start = i;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'.' | b'!' | b'?' | b'\n' => break,
                    0..=0x7F if b.is_ascii_alphabetic() && current != Script::Latin => break,
                    0..=0x7F => i += 1,
                    0xC2..=0xDF => {
                        let Some(&b1) = bytes.get(i + 1) else { break };
                        let cp = ((b as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F);
                        let Some(entry) = table.dense.get(cp as usize) else { break };
                        let neutral = matches!(entry.script, Script::Common | Script::Inherited);
                        if (entry.script != current && !neutral)
                            || entry.marker != 0
                            || (check_nfc && entry.not_nfc)
                        {
                            break;
                        }
                        i += 2;
                    }
                    _ => break,
                }
            }
            if i > start {
                last.end = i;
                continue;
            }
        }
        // Letters below U+0800 (two bytes) come from one table lookup.
        let (s, c, lower, dense) = match (b, bytes.get(i + 1)) {
            (0..=0x7F, _) => (
                if b.is_ascii_alphabetic() { Script::Latin } else { Script::Common },
                b as char,
                b as char,
                None,
            ),
            (0xC2..=0xDF, Some(&b1)) => {
                let cp = ((b as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F);
                let entry = table.dense.get(cp as usize).copied().unwrap_or_default();
                if check_nfc && entry.not_nfc {
                    return None;
                }
                let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
                (entry.script, c, c, Some(entry.marker))
            }
            _ => {
                let c = text.get(i..).and_then(|t| t.chars().next())?;
                let info = chars::info(c);
                if check_nfc && info.is(chars::NFC_UNSAFE) {
                    return None;
                }
                (run_script(info.script), c, info.lower, None)
            }
        };
        let start = i;
        i += c.len_utf8();
        let neutral = matches!(s, Script::Common | Script::Inherited);
        match runs.last_mut() {
            Some(_) if sentence_end && !neutral => runs.push(Run { script: s, start, end: i, marker: 0 }),
            Some(last) if s == last.script || neutral => last.end = i,
            Some(last) if matches!(last.script, Script::Common | Script::Inherited) => {
                last.script = s;
                last.end = i;
            }
            _ => runs.push(Run { script: s, start, end: i, marker: 0 }),
        }
        if !neutral {
            sentence_end = false;
            let marker = match dense {
                Some(0) => None,
                Some(entry) => table.marker_entry(entry, text, start, c, chars::lower(c)),
                None if b >= 0x80 => table.marker_at(text, start, c, lower),
                None => None,
            };
            if let (Some(row), Some(last)) = (marker, runs.last_mut()) {
                if last.marker == 0 || row + 1 < last.marker {
                    last.marker = row + 1;
                }
            }
        } else if matches!(c, '.' | '!' | '?' | '\n' | '…' | '。' | '؟' | '।') {
            sentence_end = true;
        }
    }
    Some(runs)
}

/// How auto mode picks a scheme: per script, the language rows of
/// `languages.tsv` and the `@auto` schemes; the marker letters of every
/// script in one map (a letter belongs to one script).
struct AutoTable {
    scripts: Vec<ScriptAuto>,
    /// Letters that are markers → their row (within their script) + 1;
    /// `MULTI` is set on the first letters of markers of several letters.
    markers: chars::CharMap,
    /// Markers of several letters: (first, the rest, row).
    multi: Vec<(char, Vec<char>, usize)>,
    /// What `script_runs` asks of each code point below U+0800, in one place.
    dense: Vec<DenseEntry>,
}

#[derive(Clone, Copy)]
struct DenseEntry {
    script: Script,
    not_nfc: bool,
    /// `markers` of the letter's lower case.
    marker: u32,
}

impl Default for DenseEntry {
    fn default() -> DenseEntry {
        DenseEntry { script: Script::Unknown, not_nfc: true, marker: 0 }
    }
}

/// In `AutoTable::markers`: the letter starts a marker of several letters.
const MULTI: u32 = 1 << 31;

struct ScriptAuto {
    script: Script,
    /// (language, its auto scheme) per row of languages.tsv with markers.
    rows: Vec<(String, Option<&'static Scheme>)>,
    /// The rows of languages.tsv with markers, in the same order as `rows`.
    rules: Vec<&'static LanguageRule>,
    /// The row without markers: the script's default language.
    default: Option<&'static Scheme>,
    /// Every auto scheme of the script, by language, for hints.
    by_lang: Vec<&'static Scheme>,
}

impl AutoTable {
    /// The marker row (+ 1) of a run, checked against the letters its
    /// language lacks: `script_runs` notes only the first row with a marker
    /// present, so when that row's `unless` letters are in the run too
    /// (қ in Uzbek or Kazakh, with ы, which only Kazakh has), the later rows
    /// are tried in order on the run's text. Only runs with such a row pay
    /// for the second look.
    fn confirm_marker(&self, script: Script, marker: usize, run: &str) -> usize {
        let Some(auto) = self.scripts.iter().find(|s| s.script == script) else { return marker };
        let Some(row) = marker.checked_sub(1).and_then(|r| auto.rules.get(r)) else { return marker };
        if row.unless.is_empty() {
            return marker;
        }
        let lowered = run.to_lowercase();
        auto.rules
            .iter()
            .enumerate()
            .skip(marker - 1)
            .find(|(_, rule)| rule.holds(&lowered))
            .map_or(0, |(row, _)| row + 1)
    }

    /// The scheme for a run of `script` whose first marker row is
    /// `marker` - 1 (0: none).
    fn scheme(&self, script: Script, marker: usize, hint: Option<&str>) -> Option<&'static Scheme> {
        let auto = self.scripts.iter().find(|s| s.script == script)?;
        // Letters only one language uses decide first; then the hint; then
        // the script's default language; then any auto scheme.
        let marked = marker.checked_sub(1).and_then(|row| auto.rows.get(row)).and_then(|r| r.1);
        if marked.is_some() {
            return marked;
        }
        let hinted = hint
            .map(|h| h.split(['-', '_']).next().unwrap_or(h))
            .and_then(|lang| auto.by_lang.iter().copied().find(|s| s.lang == lang));
        hinted.or(auto.default).or_else(|| auto.by_lang.first().copied())
    }

    /// The marker row of the letter `c` (lower case `l`) at byte `at` of
    /// `text`, if it starts
    /// a marker (the earliest row when it starts several).
    #[inline]
    fn marker_at(&self, text: &str, at: usize, c: char, l: char) -> Option<usize> {
        self.marker_entry(self.markers.get(l), text, at, c, l)
    }

    /// As `marker_at`, with the letter's entry in `markers` at hand.
    fn marker_entry(&self, entry: u32, text: &str, at: usize, c: char, l: char) -> Option<usize> {
        if entry == 0 {
            return None;
        }
        let mut best = ((entry & !MULTI) as usize).checked_sub(1);
        if entry & MULTI != 0 {
            let after = text.get(at + c.len_utf8()..).unwrap_or_default();
            for (first, rest, row) in &self.multi {
                if *first == l && after.chars().map(chars::lower).take(rest.len()).eq(rest.iter().copied()) {
                    best = Some(best.map_or(*row, |b| b.min(*row)));
                }
            }
        }
        best
    }
}

fn script_from_code(code: &str) -> Option<Script> {
    match code {
        "Hrkt" | "Jpan" => Some(Script::Katakana),
        "Hani" => Some(Script::Han),
        code => Script::from_short_name(code),
    }
}

fn auto_table() -> &'static AutoTable {
    static TABLE: OnceLock<AutoTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut scripts: Vec<ScriptAuto> = Vec::new();
        let mut entry = |script: Script| -> usize {
            if let Some(i) = scripts.iter().position(|s| s.script == script) {
                return i;
            }
            scripts.push(ScriptAuto {
                script,
                rows: Vec::new(),
                rules: Vec::new(),
                default: None,
                by_lang: Vec::new(),
            });
            scripts.len() - 1
        };
        let mut indices = Vec::new();
        for scheme in Scheme::all().iter().filter(|s| s.auto) {
            if let Some(script) = script_from_code(&scheme.script) {
                indices.push((entry(script), scheme));
            }
        }
        let mut rows = Vec::new();
        for rule in language_rules() {
            if let Some(script) = script_from_code(&rule.script) {
                rows.push((entry(script), rule));
            }
        }
        for (i, scheme) in indices {
            if let Some(s) = scripts.get_mut(i) {
                s.by_lang.push(scheme);
            }
        }
        let mut markers = chars::CharMap::default();
        let mut multi = Vec::new();
        for (i, rule) in rows {
            let Some(s) = scripts.get_mut(i) else { continue };
            let scheme = s.by_lang.iter().copied().find(|x| x.lang == rule.lang);
            if rule.markers.is_empty() {
                if s.default.is_none() {
                    s.default = scheme;
                }
                continue;
            }
            let row = s.rows.len();
            s.rows.push((rule.lang.clone(), scheme));
            s.rules.push(rule);
            for marker in &rule.markers {
                let mut letters = marker.chars();
                match (letters.next(), letters.as_str()) {
                    // The earlier row wins for a letter listed twice.
                    (Some(c), "") if markers.get(c) & !MULTI == 0 => {
                        markers.insert(c, markers.get(c) | (row as u32 + 1));
                    }
                    (Some(_), "") | (None, _) => {}
                    (Some(c), rest) => {
                        markers.insert(c, markers.get(c) | MULTI);
                        multi.push((c, rest.chars().collect(), row));
                    }
                }
            }
        }
        let dense = (0..0x800u32)
            .map(|cp| match char::from_u32(cp) {
                Some(c) => {
                    let info = chars::info(c);
                    DenseEntry {
                        script: if c.is_ascii() { Script::Common } else { run_script(info.script) },
                        not_nfc: info.is(chars::NFC_UNSAFE),
                        marker: markers.get(info.lower),
                    }
                }
                None => DenseEntry::default(),
            })
            .collect();
        AutoTable { scripts, markers, multi, dense }
    })
}

struct LanguageRule {
    script: String,
    lang: String,
    /// Lower-case letters or letter sequences that only this language uses.
    markers: Vec<String>,
    /// Lower-case letters this language does not write: a run holding one
    /// is not in it, whatever its markers say.
    unless: Vec<String>,
}

impl LanguageRule {
    /// Does the row tell the language of `lowered` (text in lower case)?
    fn holds(&self, lowered: &str) -> bool {
        !self.markers.is_empty()
            && contains_any(lowered, &self.markers)
            && !contains_any(lowered, &self.unless)
    }
}

fn language_rules() -> &'static [LanguageRule] {
    static RULES: OnceLock<Vec<LanguageRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        include_str!("../../tables/translit/languages.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .map(|l| {
                let mut f = l.split('\t');
                LanguageRule {
                    script: f.next().unwrap_or_default().to_string(),
                    lang: f.next().unwrap_or_default().to_string(),
                    markers: f.next().unwrap_or_default().split_whitespace().map(str::to_string).collect(),
                    unless: f.next().unwrap_or_default().split_whitespace().map(str::to_string).collect(),
                }
            })
            .collect()
    })
}

fn contains_any(lowered: &str, markers: &[String]) -> bool {
    markers.iter().any(|m| lowered.contains(m.as_str()))
}

/// The language that letters alone tell for `text` (the first script-specific
/// marker found), e.g. `uk` for text holding і or ї. Used as the hint for the
/// words of a longer text that carry no marker themselves.
pub(crate) fn detect_lang(text: &str) -> Option<&'static str> {
    if text.is_ascii() {
        return None;
    }
    // Markers are letters of other scripts than ASCII's: the ASCII in a
    // text (most of it, in English news) need not be lowered or searched.
    // Each run of it becomes one space, so no marker forms across it.
    let mut lowered = String::new();
    let mut rest = text;
    while let Some(start) = crate::util::first_non_ascii(rest.as_bytes()) {
        lowered.push(' ');
        rest = &rest[start..];
        let end = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        lowered.extend(rest[..end].chars().flat_map(char::to_lowercase));
        rest = &rest[end..];
    }
    language_rules().iter().find(|r| r.holds(&lowered)).map(|r| r.lang.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_scripts_read_as_written() {
        // Telugu and Tamil consonants carry their inherent vowel.
        assert_eq!(transliterate("జకార్తా"), "jakarta");
        assert_eq!(transliterate("மணிலா"), "manila");
        // A Lao vowel written before its consonant is read after it.
        assert_eq!(transliterate("ໂດ"), "do");
        // Tibetan: the inherent vowel, the vowel carrier ཨ, the long ཱ.
        assert_eq!(transliterate("ཨུ་རུ་སུ"), "u-ru-su");
        assert_eq!(transliterate("ལེ་བ་ནོན"), "le-ba-non");
        assert_eq!(transliterate("ཇཱར་མ་ནི"), "jar-ma-ni");
    }

    #[test]
    fn every_builtin_scheme_compiles() {
        for (file, text) in crate::embedded::SCHEME_FILES {
            if let Err(e) = Scheme::compile(file, Cow::Borrowed(text)) {
                panic!("{e}");
            }
        }
        assert_eq!(Scheme::all().len(), crate::embedded::SCHEME_FILES.len());
        for s in Scheme::all() {
            assert!(s.engine().is_some(), "{}", s.id);
        }
    }

    #[test]
    fn header_lines_come_before_the_rules() {
        // Scheme::new reads the header up to the first rule: a header line
        // after a rule would be silently ignored there.
        for (file, text) in crate::embedded::SCHEME_FILES {
            let mut seen_rule = false;
            for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let key = line.strip_prefix('@').map(|l| l.split('\t').next().unwrap_or_default());
                match key {
                    None => seen_rule = true,
                    Some("class" | "fold" | "stage" | "pre") => {}
                    Some(key) => assert!(!seen_rule, "{file}: @{key} after the first rule"),
                }
            }
        }
    }

    #[test]
    fn auto_mode_tells_ukrainian_from_russian() {
        assert_eq!(transliterate("Микола Колісник"), "Mykola Kolisnyk");
        assert_eq!(transliterate("Мишустин Михаил"), "Mishustin Mikhail");
        assert_eq!(transliterate_lang("Микола", Some("uk")), "Mykola");
        // No marker letters: the hint decides.
        assert_eq!(transliterate_lang("Ельцин", Some("uk")), "Eltsyn");
        assert_eq!(transliterate_lang("Ельцин", None), "Yeltsin");
        assert_eq!(detect_lang("Микола Колісник"), Some("uk"));
        assert_eq!(detect_lang("Володимир Зеленський"), Some("uk"));
        // Nothing but shared letters: no language is told.
        assert_eq!(detect_lang("Володимир"), None);
        assert_eq!(detect_lang("Paris"), None);
    }

    #[test]
    fn auto_mode_tells_kazakh_uzbek_and_mongolian() {
        // ә ң ұ һ: Kazakh only; қ ғ with a letter Uzbek lacks (ы ө ү і): Kazakh.
        assert_eq!(transliterate("Қарағанды, Ақтөбе, Түркістан"), "Qarağandy, Aqtöbe, Türkıstan");
        assert_eq!(detect_lang("Екібастұз"), Some("kk"));
        assert_eq!(detect_lang("Қарағанды"), Some("kk"));
        // қ ғ ҳ alone, or ў with и: Uzbek.
        assert_eq!(detect_lang("Қарши"), Some("uz"));
        assert_eq!(detect_lang("Ўзбекистон"), Some("uz"));
        assert_eq!(detect_lang("Магілёў"), Some("be"));
        // ө ү without і: Mongolian; with і: Kazakh.
        assert_eq!(transliterate("Хөвсгөл, Сүхбаатар"), "Khövsgöl, Sükhbaatar");
        assert_eq!(detect_lang("Түркістан"), Some("kk"));
        // Each sentence on its own.
        assert_eq!(transliterate("Өлгий. Київ. Ақтау."), "Ölgii. Kyiv. Aqtau.");
    }

    #[test]
    fn each_sentence_gets_its_own_language() {
        assert_eq!(
            transliterate("Київ і Харків. Ельцин и Лужков.\nЩёлково"),
            "Kyiv i Kharkiv. Yeltsin i Luzhkov.\nShchyolkovo"
        );
    }

    #[test]
    fn runs_split_by_script_and_sentence() {
        let text = "Жук, beetle. Жук 北京";
        let runs: Vec<(Script, &str)> = script_runs(text, auto_table(), true)
            .unwrap()
            .iter()
            .map(|r| (r.script, &text[r.start..r.end]))
            .collect();
        assert_eq!(
            runs,
            [
                (Script::Cyrillic, "Жук, "),
                (Script::Latin, "beetle. "),
                (Script::Cyrillic, "Жук "),
                (Script::Han, "北京")
            ]
        );
    }

    #[test]
    fn scripts_without_a_scheme_fall_back_to_ascii() {
        assert_eq!(transliterate("ᠮᠣᠩᠭᠣᠯ"), any_ascii::any_ascii("ᠮᠣᠩᠭᠣᠯ"));
        assert_eq!(transliterate("Kyiv 2022"), "Kyiv 2022");
    }

    #[test]
    fn letters_the_fallback_cannot_spell_are_written_as_code_points() {
        // Lao and a CJK extension ideograph: any_ascii has nothing. (Nor for
        // Tibetan ཨ, but that only carries a vowel: see `abugida::tibetan`.)
        assert_eq!(transliterate("ອ ཨ"), "U+0EAD a");
        assert_eq!(transliterate("㧝"), "U+39DD");
        // Where any_ascii spells the other letters, the one it leaves out
        // only carries a vowel or silences one: Anton, Hitler, Hans.
        assert_eq!(transliterate("ອັນໂຕນ ߤߌߕߑߟߍߙ ހަންސް"), "anton hitler hans");
        // Spelt letters and signs without a sound are as before.
        assert_eq!(transliterate("ᠮᠣᠩᠭᠣᠯ!"), "monggol!");
    }

    #[test]
    fn text_is_composed_first() {
        // е + combining diaeresis is ё.
        assert_eq!(transliterate("Е\u{0308}лкин"), "Yolkin");
        assert_eq!(Scheme::get("wikipedia").unwrap().transliterate("Е\u{0308}лкин"), "Yolkin");
    }

    #[test]
    fn unknown_scheme_says_what_to_do() {
        let err = Scheme::get("klingon").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.to_string().contains("nomen schemes"));
    }
}
