//! `nomen translit`: text to Latin, by a named scheme or by auto mode.

use std::io::Write;

use serde_json::json;

use super::{Context, Failure, Format, Out, for_each_record, tsv_field};

/// Transliterate text to Latin script.
///
/// Without --scheme, each run of script is transliterated by the default
/// scheme of its language (for Cyrillic, the language is told from its
/// letters: і ї є ґ → Ukrainian KMU 2010, else Russian Wikipedia style);
/// scripts without a scheme fall back to any_ascii.
///
/// Output columns: json {"input", "output", "scheme"}; tsv input, output.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen translit 'Володимир Зеленський'
  nomen translit --scheme uk_kmu_2010 Згорани Їжакевич
  nomen translit --scheme gost_779 < names.txt
  nomen schemes          (lists every scheme ID)")]
pub(crate) struct Args {
    /// A scheme ID from `nomen schemes`; default: auto.
    #[arg(long, value_name = "ID")]
    scheme: Option<String>,

    /// Text to transliterate; none: read stdin, one line per record.
    #[arg(value_name = "TEXT")]
    text: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let scheme = match &args.scheme {
        Some(id) if id != "auto" => Some(nomen::Scheme::get(id).map_err(|e| Failure::Usage(e.to_string()))?),
        _ => None,
    };
    let scheme_id = scheme.map_or("auto", |s| s.id());
    ctx.check_tables()?;
    for_each_record(ctx, out, &args.text, |out, input| {
        let output = match scheme {
            Some(s) => s.transliterate(input),
            None => nomen::transliterate(input),
        };
        match ctx.format {
            Format::Text => out.line(&output),
            Format::Tsv => out.line(&format!("{}\t{}", tsv_field(input), tsv_field(&output))),
            Format::Json => out.json(&json!({ "input": input, "output": output, "scheme": scheme_id })),
        }
    })
}
