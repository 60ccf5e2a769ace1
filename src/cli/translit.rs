//! `nomen translit`: text to Latin, by a named scheme or by auto mode.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::{Context, Failure, Format, Out, for_each_record, tsv_field};

/// Transliterate text to Latin script.
///
/// Without --scheme, each run of script is transliterated by the default
/// scheme of its language (for Cyrillic, the language is told from its
/// letters: і ї є ґ → Ukrainian KMU 2010, ә ң ұ һ → Kazakh, ө ү →
/// Mongolian, else Russian Wikipedia style); scripts without a scheme fall
/// back to any_ascii, and a letter it cannot spell is written as its code
/// point (㧝 → U+39DD), unless other letters of its script are spelt: then
/// it is a silent vowel carrier (ອັນໂຕນ → anton).
///
/// --scheme-file brings a scheme of your own: an iuliia JSON schema
/// (github.com/nalgeon/iuliia), or nomen's rule format when the file name
/// ends in .rules (tables/translit/README.md describes it).
///
/// --names writes a record that is a name of the alias tables, letter for
/// letter, the way the tables name its entity (Αθήνα → Athens, القاهرة →
/// Cairo, 東京 → Tokyo) rather than by its letters (Athina, Al-qāhrah,
/// Dongjing); other records are transliterated as without it. Only whole
/// records are looked up: names inside running text are `nomen extract`'s
/// work.
///
/// Output columns: json {"input", "output", "scheme"}, with --names also
/// "id" (the entity's id and scheme `names` when the output came from the
/// tables, else null); tsv input, output.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen translit 'Володимир Зеленський'
  nomen translit --scheme uk_kmu_2010 Згорани Їжакевич
  nomen translit --scheme gost_779 < names.txt
  nomen translit --scheme-file my_scheme.json Жук
  nomen translit --scheme-file my_scheme.rules Жук
  nomen translit --names Αθήνα Ηράκλειο القاهرة
  nomen schemes          (lists every scheme ID)")]
pub(crate) struct Args {
    /// A scheme ID from `nomen schemes`; default: auto.
    #[arg(long, value_name = "ID")]
    scheme: Option<String>,

    /// A scheme file of your own: iuliia JSON, or nomen rules if PATH ends
    /// in .rules.
    #[arg(long, value_name = "PATH", conflicts_with = "scheme")]
    scheme_file: Option<PathBuf>,

    /// Write a record that is a name of the tables as the tables name its
    /// entity (Αθήνα → Athens); the rest is transliterated.
    #[arg(long)]
    names: bool,

    /// Text to transliterate; none: read stdin, one line per record.
    #[arg(value_name = "TEXT")]
    text: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let from_file = args.scheme_file.as_deref().map(load).transpose()?;
    let scheme = match (&from_file, &args.scheme) {
        (Some(s), _) => Some(s),
        (None, Some(id)) if id != "auto" => {
            Some(nomen::Scheme::get(id).map_err(|e| Failure::Usage(e.to_string()))?)
        }
        _ => None,
    };
    let scheme_id = scheme.map_or("auto", |s| s.id());
    let resolver = if args.names {
        Some(nomen::Resolver::new(ctx.registry(&[])?))
    } else {
        ctx.check_tables()?;
        None
    };
    for_each_record(ctx, out, &args.text, |out, input| {
        let named = resolver.as_ref().and_then(|r| r.named(input));
        let output = match (named, scheme) {
            (Some(entity), _) => entity.name().to_string(),
            (None, Some(s)) => s.transliterate(input),
            (None, None) => nomen::transliterate(input),
        };
        match ctx.format {
            Format::Text => out.line(&output),
            Format::Tsv => out.line(&format!("{}\t{}", tsv_field(input), tsv_field(&output))),
            Format::Json => {
                let mut record = json!({ "input": input, "output": output, "scheme": scheme_id });
                if resolver.is_some() {
                    record["id"] = json!(named.map(|e| e.id()));
                    if named.is_some() {
                        record["scheme"] = json!("names");
                    }
                }
                out.json(&record)
            }
        }
    })
}

/// Read a `--scheme-file`: nomen's rule format for a `.rules` file, else an
/// iuliia JSON schema. Every error names the file (and the line when known).
fn load(path: &Path) -> Result<nomen::Scheme, Failure> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::Usage(format!("{name}: cannot read it: {e}")))?;
    if path.extension().is_some_and(|e| e == "rules") {
        return nomen::Scheme::from_rules(&name, &text).map_err(|e| Failure::Usage(e.to_string()));
    }
    // The library knows the JSON text, not where it came from.
    nomen::Scheme::from_iuliia_json(&text).map_err(|e| {
        Failure::Usage(match e.location() {
            Some(loc) if loc.line > 0 => format!("{name}:{}: {}", loc.line, e.message()),
            _ => format!("{name}: {}", e.message()),
        })
    })
}
