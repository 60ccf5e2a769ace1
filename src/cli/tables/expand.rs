//! `nomen tables expand`: the romanized spellings every applicable scheme
//! gives a native-script name, as rows a table author can append.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, BufRead, Write};

use nomen::{Registry, Scheme};
use serde_json::json;
use unicode_script::{Script, UnicodeScript};

use crate::cli::{Context, Failure, Format, Out, tsv_field};

/// Offer the romanized spellings of native-script names, as table rows.
///
/// Every scheme for the name's script (`nomen schemes` lists them) is
/// applied; a spelling several schemes agree on is one row. Text output is
/// rows `id name lang type` (the header of a table they fit), each after a
/// comment naming the schemes that gave it; `--format tsv` puts the schemes
/// in a fifth column instead, `--format json` gives one object per name.
/// The lang column is the language a spelling belongs to: `de` for
/// `uk_to_de`, `uk-Latn` for a Ukrainian standard, `und-Latn` when schemes
/// of several languages agree.
///
/// Without --id, the id is taken from the loaded tables when exactly one
/// entity has the name, else left empty (with a note on stderr).
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  $ nomen tables expand --lang uk --id city:kharkiv Харків
  # uk_bgn_pcgn, uk_kmu_2010, uk_to_fr, uk_to_it
  city:kharkiv\tKharkiv\tund-Latn\talias
  # uk_to_de, uk_to_pl
  city:kharkiv\tCharkiw\tund-Latn\talias
  …
  $ nomen tables expand --lang uk 'Володимир Зеленський' >> people.tsv   # id from the tables")]
pub(crate) struct Args {
    /// Apply only the schemes for this source language (uk: uk_kmu_2010,
    /// uk_to_de, …).
    #[arg(long, value_name = "L")]
    lang: Option<String>,
    /// The id for the rows (default: the entity that has the name).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Names in their own script; none: read stdin, one name a line.
    #[arg(value_name = "NAME")]
    names: Vec<String>,
}

/// One romanized spelling and the schemes that gave it.
struct Variant<'s> {
    name: String,
    schemes: Vec<&'s Scheme>,
}

impl Variant<'_> {
    fn lang(&self) -> String {
        let langs: BTreeSet<String> = self.schemes.iter().map(|s| target_lang(s)).collect();
        match langs.into_iter().collect::<Vec<_>>().as_slice() {
            [one] => one.clone(),
            _ => "und-Latn".to_string(),
        }
    }

    fn scheme_ids(&self) -> Vec<&str> {
        self.schemes.iter().map(|s| s.id()).collect()
    }
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    if let Some(lang) = &args.lang {
        if !Scheme::all().iter().any(|s| s.lang() == lang) {
            return Err(Failure::Usage(format!(
                "no scheme reads language `{lang}`: `nomen schemes` lists each scheme's language"
            )));
        }
    }
    let names = if args.names.is_empty() { stdin_names()? } else { args.names };
    let names: Vec<&str> = names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    let ids = match &args.id {
        Some(_) => HashMap::new(),
        None => ids_by_name(ctx.registry(&[])?, &names),
    };
    for name in names {
        let script = script_of(name);
        let variants = expand(name, script.as_deref(), args.lang.as_deref());
        let id =
            args.id.clone().or_else(|| match ids.get(&fold(name)).map(|s| s.iter().collect::<Vec<_>>()) {
                Some(found) if found.len() == 1 => Some(found[0].clone()),
                found => {
                    let why = match found {
                        Some(ids) => format!("it names {} entities", ids.len()),
                        None => "no table has it".to_string(),
                    };
                    eprintln!("nomen: no id for `{name}` ({why}): give it with --id");
                    None
                }
            });
        if variants.is_empty() {
            let script = script.as_deref().unwrap_or("no letters");
            eprintln!("nomen: no scheme gives `{name}` ({script}) a new spelling");
        }
        match ctx.format {
            Format::Json => out.json(&json!({
                "input": name,
                "script": script,
                "id": id,
                "variants": variants.iter().map(|v| json!({
                    "name": v.name, "lang": v.lang(), "schemes": v.scheme_ids(),
                })).collect::<Vec<_>>(),
            }))?,
            Format::Tsv | Format::Text => {
                let id = tsv_field(id.as_deref().unwrap_or(""));
                for v in &variants {
                    let schemes = v.scheme_ids().join(", ");
                    let row = format!("{id}\t{}\t{}\talias", tsv_field(&v.name), v.lang());
                    if ctx.format == Format::Tsv {
                        out.line(&format!("{row}\t{schemes}"))?;
                    } else {
                        out.line(&format!("# {schemes}"))?;
                        out.line(&row)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The spellings of `name` by every scheme for its script (and `lang`),
/// most agreed-on first; spellings that keep letters of the name's script
/// (a scheme for another language of the script lacks them) are left out.
fn expand<'s>(name: &str, script: Option<&str>, lang: Option<&str>) -> Vec<Variant<'s>> {
    let Some(script) = script else { return Vec::new() };
    let mut variants: Vec<Variant> = Vec::new();
    let schemes = Scheme::all().iter().filter(|s| s.script() == script && lang.is_none_or(|l| s.lang() == l));
    for scheme in schemes {
        let spelling = scheme.transliterate(name);
        let spelling = spelling.trim();
        if spelling.is_empty() || spelling == name || spelling.chars().any(|c| script_code(c) == Some(script))
        {
            continue;
        }
        match variants.iter_mut().find(|v| v.name == spelling) {
            Some(v) => v.schemes.push(scheme),
            None => variants.push(Variant { name: spelling.to_string(), schemes: vec![scheme] }),
        }
    }
    // Stable: equally common spellings stay in scheme order.
    variants.sort_by_key(|v| std::cmp::Reverse(v.schemes.len()));
    variants
}

/// The language a scheme's output is written in.
fn target_lang(scheme: &Scheme) -> String {
    match scheme.id().rsplit_once("_to_") {
        Some((_, target)) => target.to_string(),
        None => format!("{}-Latn", scheme.lang()),
    }
}

/// The script most of the name's letters are in, as schemes name it.
fn script_of(name: &str) -> Option<String> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for code in name.chars().filter_map(script_code) {
        *counts.entry(code).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(code, _)| code.to_string())
}

/// The ISO 15924 code of a letter's script; kana are one script (`Hrkt`)
/// for the Japanese scheme.
fn script_code(c: char) -> Option<&'static str> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        Script::Hiragana | Script::Katakana => Some("Hrkt"),
        s => Some(s.short_name()),
    }
}

/// The ids of the entities that have each of `names` (case-insensitive).
fn ids_by_name(registry: &Registry, names: &[&str]) -> HashMap<String, BTreeSet<String>> {
    let mut ids: HashMap<String, BTreeSet<String>> =
        names.iter().map(|n| (fold(n), BTreeSet::new())).collect();
    for a in registry.aliases() {
        if let Some(set) = ids.get_mut(&fold(a.name())) {
            set.insert(a.entity().id().to_string());
        }
    }
    ids.retain(|_, set| !set.is_empty());
    ids
}

fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc().flat_map(char::to_lowercase).collect()
}

fn stdin_names() -> Result<Vec<String>, Failure> {
    io::stdin()
        .lock()
        .lines()
        .enumerate()
        .map(|(i, line)| {
            line.map(|l| l.trim_start_matches('\u{feff}').to_string()).map_err(|e| {
                Failure::Usage(format!(
                    "cannot read line {} of stdin ({e}): give UTF-8 text, one name a line",
                    i + 1
                ))
            })
        })
        .collect()
}
