//! Transliteration: named standards as data, and an auto mode that picks a
//! scheme for each run of script in a text.
//!
//! Every scheme is a rule file in `tables/translit/` (format in
//! `tables/translit/README.md`), compiled on first use by the rule engine in
//! [`rules`]. Text in a script that has no scheme falls back to `any_ascii`,
//! so auto mode always returns Latin.

mod iuliia;
mod rules;

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

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
    rules: RuleSet,
}

impl Scheme {
    fn compile(file: &str, text: &str) -> Result<Scheme, Error> {
        let rules = RuleSet::parse(file, text)?;
        let field = |k: &str| rules.header.get(k).cloned().unwrap_or_default();
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
            rules,
        })
    }

    /// Every built-in scheme, in ID order.
    pub fn all() -> &'static [Scheme] {
        static ALL: OnceLock<Vec<Scheme>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all: Vec<Scheme> = crate::embedded::SCHEME_FILES
                .iter()
                // The built-in files are tested (tests/translit.rs); a broken
                // one is a build defect, not an input error, so it is skipped
                // rather than taking every other scheme down with it.
                .filter_map(|(file, text)| Scheme::compile(file, text).ok())
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
        let chars: Vec<char> = text.nfc().collect();
        let mut out = String::with_capacity(text.len());
        self.rules.apply(&chars, &mut out);
        out
    }
}

/// Transliterate `text` to Latin script, choosing a scheme for each run of
/// script: for Cyrillic the language is told from its letters (і ї є ґ →
/// Ukrainian, ы э ъ ё → Russian; Russian when nothing tells). Scripts without
/// a scheme fall back to `any_ascii`.
///
/// # Example
/// ```
/// assert_eq!(nomen::transliterate("Київ і Москва"), "Kyiv i Moskva");
/// assert_eq!(nomen::transliterate("Ельцин, Zürich"), "Yeltsin, Zürich");
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
    let chars: Vec<char> = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.chars().collect(),
        _ => text.nfc().collect(),
    };
    let mut out = String::with_capacity(text.len());
    for run in script_runs(&chars) {
        let run_chars = &chars[run.start..run.end];
        match run.script {
            Script::Latin | Script::Common | Script::Inherited => out.extend(run_chars),
            script => match auto_scheme(script, run_chars, lang) {
                Some(scheme) => {
                    let mut tmp = String::with_capacity(run_chars.len() * 2);
                    scheme.rules.apply(run_chars, &mut tmp);
                    push_fallback(&mut out, &tmp);
                }
                None => push_fallback(&mut out, &run_chars.iter().collect::<String>()),
            },
        }
    }
    out
}

/// Append `text`, turning whatever is still not Latin into ASCII.
fn push_fallback(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match c.script() {
            Script::Latin | Script::Common | Script::Inherited => out.push(c),
            _ => out.push_str(any_ascii::any_ascii_char(c)),
        }
    }
}

struct Run {
    script: Script,
    start: usize,
    end: usize,
}

/// Split into runs of one script; Common and Inherited characters (spaces,
/// punctuation, combining marks) join the run they stand in.
fn script_runs(chars: &[char]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let s = c.script();
        match runs.last_mut() {
            Some(last) if s == last.script || matches!(s, Script::Common | Script::Inherited) => {
                last.end = i + 1
            }
            Some(last) if matches!(last.script, Script::Common | Script::Inherited) => {
                last.script = s;
                last.end = i + 1;
            }
            _ => runs.push(Run { script: s, start: i, end: i + 1 }),
        }
    }
    runs
}

struct LanguageRule {
    script: String,
    lang: String,
    /// Lower-case letters or letter sequences that only this language uses.
    markers: Vec<String>,
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
                }
            })
            .collect()
    })
}

fn auto_scheme(script: Script, run: &[char], hint: Option<&str>) -> Option<&'static Scheme> {
    let code = script.short_name();
    let for_lang = |lang: &str| Scheme::all().iter().find(|s| s.auto && s.script == code && s.lang == lang);
    // Letters only one language uses decide first; then the hint; then the
    // script's default language (the rule with no letters).
    let rules = || language_rules().iter().filter(|r| r.script == code);
    let lowered: String = run.iter().flat_map(|c| c.to_lowercase()).collect();
    let marked = rules().filter(|r| !r.markers.is_empty()).find(|r| contains_any(&lowered, &r.markers));
    if let Some(s) = marked.and_then(|r| for_lang(&r.lang)) {
        return Some(s);
    }
    let hinted = hint.map(|h| h.split(['-', '_']).next().unwrap_or(h)).and_then(for_lang);
    hinted
        .or_else(|| rules().find(|r| r.markers.is_empty()).and_then(|r| for_lang(&r.lang)))
        .or_else(|| Scheme::all().iter().find(|s| s.auto && s.script == code))
}

fn contains_any(lowered: &str, markers: &[String]) -> bool {
    markers.iter().any(|m| lowered.contains(m.as_str()))
}

/// The language that letters alone tell for `text` (the first script-specific
/// marker found), e.g. `uk` for text holding і or ї. Used as the hint for the
/// words of a longer text that carry no marker themselves.
pub(crate) fn detect_lang(text: &str) -> Option<&'static str> {
    let lowered = text.to_lowercase();
    language_rules()
        .iter()
        .find(|r| !r.markers.is_empty() && contains_any(&lowered, &r.markers))
        .map(|r| r.lang.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_scheme_compiles() {
        for (file, text) in crate::embedded::SCHEME_FILES {
            if let Err(e) = Scheme::compile(file, text) {
                panic!("{e}");
            }
        }
        assert_eq!(Scheme::all().len(), crate::embedded::SCHEME_FILES.len());
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
    fn scripts_without_a_scheme_fall_back_to_ascii() {
        assert_eq!(transliterate("北京"), "BeiJing");
        assert_eq!(transliterate("Kyiv 2022"), "Kyiv 2022");
    }

    #[test]
    fn unknown_scheme_says_what_to_do() {
        let err = Scheme::get("klingon").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.to_string().contains("nomen schemes"));
    }
}
