//! Schemes in the JSON format of the iuliia project
//! (<https://github.com/nalgeon/iuliia>), so that users can bring a scheme
//! they already have. A schema is turned into the text of a rule file and
//! compiled like a built-in one; `tables/gen/iuliia_to_rules.py` makes the
//! built-in Russian schemes the same way, and a test below keeps the two
//! conversions identical.
//!
//! iuliia's meaning, restated for the engine: `mapping` spells one letter;
//! `prev_mapping` keys are a letter at the start of a word (one letter) or a
//! letter after a given letter (two letters); `next_mapping` keys are a letter
//! before a given letter; `ending_mapping` replaces the last two letters of a
//! word longer than two letters. A letter's previous-letter rule wins over its
//! next-letter rule, which wins over its plain mapping.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Scheme;
use crate::error::Error;

/// Errors point here: the JSON text has no file name of its own.
const SOURCE: &str = "<iuliia JSON>";

/// The fields of an iuliia schema that define the transliteration. Maps are
/// ordered so that the generated rule text is the same on every run.
#[derive(Deserialize)]
struct Schema {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    url: String,
    mapping: BTreeMap<String, String>,
    #[serde(default)]
    prev_mapping: Option<BTreeMap<String, String>>,
    #[serde(default)]
    next_mapping: Option<BTreeMap<String, String>>,
    #[serde(default)]
    ending_mapping: Option<BTreeMap<String, String>>,
}

impl Scheme {
    /// Compile a scheme from an iuliia schema file (the JSON format of
    /// <https://github.com/nalgeon/iuliia>). The scheme's ID is the schema's
    /// `name`, its script Cyrillic, and its language `ru` when every mapped
    /// letter is Russian (`und` otherwise). Such a scheme is never used by
    /// auto mode.
    ///
    /// Upstream schemas that write the Cyrillic `ё` where the Latin `ë` is
    /// meant are read as `ë`.
    ///
    /// # Errors
    /// An error of kind [`ErrorKind::Table`](crate::ErrorKind::Table) when
    /// the text is not JSON, lacks `name` or `mapping`, or has a key that is
    /// not one letter (or two, where iuliia expects a pair).
    ///
    /// # Example
    /// ```
    /// let json = r#"{
    ///     "name": "mini", "description": "three letters", "url": "",
    ///     "mapping": {"ж": "zh", "у": "u", "к": "k", "и": "i", "й": "y"},
    ///     "ending_mapping": {"ий": "y"},
    ///     "samples": []
    /// }"#;
    /// let scheme = nomen::Scheme::from_iuliia_json(json)?;
    /// assert_eq!(scheme.id(), "mini");
    /// assert_eq!(scheme.transliterate("Жук ЖУКИЙ"), "Zhuk ZHUKY");
    /// # Ok::<(), nomen::Error>(())
    /// ```
    pub fn from_iuliia_json(text: &str) -> Result<Scheme, Error> {
        let rules = rules_text(text)?;
        Scheme::compile(SOURCE, std::borrow::Cow::Owned(rules))
    }
}

/// The rule file (header and rules) for an iuliia schema.
pub(crate) fn rules_text(json: &str) -> Result<String, Error> {
    let schema: Schema = serde_json::from_str(json)
        .map_err(|e| Error::table(SOURCE, e.line(), format!("not an iuliia schema: {e}")))?;
    let russian = schema.mapping.keys().all(|k| k.chars().all(|c| RUSSIAN.contains(c)));
    let mut lines = vec![
        format!("@id\t{}", header_value(&schema.name)),
        format!("@name\t{}", header_value(&schema.name)),
        "@script\tCyrl".to_string(),
        format!("@lang\t{}", if russian { "ru" } else { "und" }),
        format!("@standard\t{}", header_value(&schema.description)),
        format!("@description\t{}", header_value(&format!("iuliia schema {}", schema.url))),
    ];
    lines.extend(rules_body(&schema)?);
    lines.push(String::new());
    Ok(lines.join("\n"))
}

const RUSSIAN: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

/// A header value on one line, whatever the JSON held.
fn header_value(value: &str) -> String {
    let one_line: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let trimmed = one_line.trim();
    if trimmed.is_empty() { "-".to_string() } else { trimmed.to_string() }
}

/// A rule target as the rule file writes it: `∅` for nothing, and Latin `ë`
/// where upstream wrote Cyrillic `ё` (eight iuliia schemas do).
fn cell(target: &str) -> Result<String, Error> {
    if target.chars().any(char::is_control) {
        return Err(Error::table(SOURCE, 0, format!("the value {target:?} holds a control character")));
    }
    if target.is_empty() {
        return Ok("∅".to_string());
    }
    Ok(target.replace('\u{0451}', "\u{00EB}").replace('\u{0401}', "\u{00CB}"))
}

/// The letters of a key, checked: rule sources and context sets are written
/// into the rule text, so anything but letters could change its meaning.
fn letters(field: &str, key: &str, allowed: &[usize]) -> Result<Vec<char>, Error> {
    let chars: Vec<char> = key.chars().collect();
    if !allowed.contains(&chars.len()) || !chars.iter().all(|c| c.is_alphabetic()) {
        let want = match allowed {
            [1] => "one letter",
            [2] => "two letters",
            _ => "one or two letters",
        };
        return Err(Error::table(SOURCE, 0, format!("{field}: the key `{key}` should be {want}")));
    }
    Ok(chars)
}

/// Rule lines in the order that gives iuliia's precedence: the engine tries
/// longer sources first, then rules with more conditions, then file order;
/// so previous-letter rows come before next-letter rows, and both before the
/// plain letters. Must stay identical to `rules_body` in
/// tables/gen/iuliia_to_rules.py.
fn rules_body(schema: &Schema) -> Result<Vec<String>, Error> {
    let empty = BTreeMap::new();
    let prev = schema.prev_mapping.as_ref().unwrap_or(&empty);
    let next = schema.next_mapping.as_ref().unwrap_or(&empty);
    let ending = schema.ending_mapping.as_ref().unwrap_or(&empty);
    let mut out = Vec::new();

    let mut starts = Vec::new();
    // (letter, target) → the context letters, so one row holds a whole set.
    let mut after: BTreeMap<(char, &str), Vec<char>> = BTreeMap::new();
    for (key, target) in prev {
        match letters("prev_mapping", key, &[1, 2])?.as_slice() {
            [letter] => starts.push(format!("{letter}\t{}\tstart", cell(target)?)),
            [ctx, letter] => after.entry((*letter, target.as_str())).or_default().push(*ctx),
            _ => {}
        }
    }
    let mut before: BTreeMap<(char, &str), Vec<char>> = BTreeMap::new();
    for (key, target) in next {
        if let [letter, ctx] = letters("next_mapping", key, &[2])?.as_slice() {
            before.entry((*letter, target.as_str())).or_default().push(*ctx);
        }
    }
    let set = |ctx: &Vec<char>| {
        let mut ctx = ctx.clone();
        ctx.sort_unstable();
        ctx.into_iter().collect::<String>()
    };

    if !starts.is_empty() {
        out.push("# at the start of a word".to_string());
        out.append(&mut starts);
    }
    if !after.is_empty() {
        out.push("# after a letter".to_string());
        for ((letter, target), ctx) in &after {
            out.push(format!("{letter}\t{}\tafter=[{}]", cell(target)?, set(ctx)));
        }
    }
    if !before.is_empty() {
        out.push("# before a letter".to_string());
        for ((letter, target), ctx) in &before {
            out.push(format!("{letter}\t{}\tbefore=[{}]", cell(target)?, set(ctx)));
        }
    }
    if !ending.is_empty() {
        out.push("# word endings (iuliia replaces the last two letters of a longer word)".to_string());
        for (key, target) in ending {
            letters("ending_mapping", key, &[2])?;
            out.push(format!("{key}\t{}\tend !start", cell(target)?));
        }
        // iuliia spells a word's stem without its ending, so the stem's last
        // letter sees no next letter: a next-letter rule looking into the
        // ending must not fire. A three-letter rule (that letter + the
        // ending) outranks it and spells the letter as iuliia does.
        let mut stem = Vec::new();
        for (end_key, end_target) in ending {
            let Some(end_first) = end_key.chars().next() else { continue };
            for key in next.keys() {
                let [letter, ctx] = letters("next_mapping", key, &[2])?[..] else { continue };
                if ctx != end_first {
                    continue;
                }
                let source = format!("{letter}{end_key}");
                for (start_key, target) in prev {
                    if start_key.chars().eq([letter]) {
                        stem.push(format!(
                            "{source}\t{}\tend start",
                            cell(&format!("{target}{end_target}"))?
                        ));
                    }
                }
                for ((after_letter, target), ctx) in &after {
                    if *after_letter == letter {
                        let spelt = cell(&format!("{target}{end_target}"))?;
                        stem.push(format!("{source}\t{spelt}\tend after=[{}]", set(ctx)));
                    }
                }
                let plain =
                    schema.mapping.get(&letter.to_string()).map_or_else(|| letter.to_string(), Clone::clone);
                stem.push(format!("{source}\t{}\tend", cell(&format!("{plain}{end_target}"))?));
            }
        }
        if !stem.is_empty() {
            out.push("# a letter before an ending, spelt without looking into the ending".to_string());
            out.append(&mut stem);
        }
    }

    out.push("# letters".to_string());
    for (key, target) in &schema.mapping {
        let [letter] = letters("mapping", key, &[1])?[..] else { continue };
        out.push(format!("{letter}\t{}", cell(target)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iuliia_files() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/translit/iuliia");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| {
                (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    fn rule_lines(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.starts_with('#') && !l.starts_with('@') && !l.is_empty()).collect()
    }

    /// The built-in iuliia schemes are generated by a Python script; this
    /// conversion must give the very same rules, or a user's copy of a schema
    /// would behave differently from the built-in one.
    #[test]
    fn builtin_iuliia_tables_equal_this_conversion() {
        let files = iuliia_files();
        assert_eq!(files.len(), 28);
        for (id, json) in files {
            let ours = rules_text(&json).unwrap();
            let table = format!("tables/translit/{id}.rules");
            let builtin = crate::embedded::SCHEME_FILES
                .iter()
                .find(|(file, _)| file.replace('\\', "/") == table)
                .unwrap_or_else(|| panic!("{table} is missing: run tables/gen/iuliia_to_rules.py"))
                .1;
            assert_eq!(
                rule_lines(builtin),
                rule_lines(&ours),
                "{table} is stale: run tables/gen/iuliia_to_rules.py"
            );
        }
    }

    #[test]
    fn bad_schemas_are_refused_with_a_reason() {
        let err = Scheme::from_iuliia_json("{").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Table);
        assert!(err.to_string().starts_with("<iuliia JSON>:1: not an iuliia schema"), "{err}");
        let err = Scheme::from_iuliia_json(r#"{"name": "x"}"#).unwrap_err();
        assert!(err.to_string().contains("mapping"), "{err}");
        let err = Scheme::from_iuliia_json(r#"{"name": "x", "mapping": {"аб": "ab"}}"#).unwrap_err();
        assert!(err.to_string().contains("mapping: the key `аб` should be one letter"), "{err}");
        let err = Scheme::from_iuliia_json(r#"{"name": "x", "mapping": {}, "next_mapping": {"а]": "a"}}"#)
            .unwrap_err();
        assert!(err.to_string().contains("should be two letters"), "{err}");
        let err = Scheme::from_iuliia_json(r#"{"name": "x", "mapping": {"а": "a\tb"}}"#).unwrap_err();
        assert!(err.to_string().contains("control character"), "{err}");
    }

    #[test]
    fn header_fields_come_from_the_schema() {
        let json = r#"{"name": "tiny", "description": "A tiny\nschema", "url": "https://example.org",
                       "mapping": {"ў": "w"}}"#;
        let scheme = Scheme::from_iuliia_json(json).unwrap();
        assert_eq!((scheme.id(), scheme.lang(), scheme.script()), ("tiny", "und", "Cyrl"));
        assert_eq!(scheme.standard(), "A tiny schema");
        assert_eq!(scheme.transliterate("Ўў"), "Ww");
    }
}
