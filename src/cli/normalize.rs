//! `nomen normalize`: the match key of each input.

use std::io::Write;

use serde_json::json;

use super::{Context, Failure, Format, Out, for_each_record, tsv_field};

/// Print the match key of each name: the form under which its spellings in
/// any script meet (NFKC → transliteration → lower-case ASCII without marks
/// or punctuation → romanization variance folded).
///
/// Output columns: json {"input", "key"} (+ "stages" with --explain);
/// tsv input, key (+ nfkc, latin, folded with --explain).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen normalize Zelenskyy Zelenskiy Зеленський      (all: zelenski)
  nomen normalize --explain 'Wołodymyr Zełenski'")]
pub(crate) struct Args {
    /// Show every stage of the pipeline, not only the key (in text format
    /// over several lines per name; json and tsv keep one line).
    #[arg(long)]
    explain: bool,

    /// Names to normalise; none: read stdin, one line per record.
    #[arg(value_name = "TEXT")]
    text: Vec<String>,
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    ctx.check_tables()?;
    for_each_record(ctx, out, &args.text, |out, input| {
        let s = nomen::stages(input);
        match (ctx.format, args.explain) {
            (Format::Text, false) => out.line(&s.key),
            (Format::Text, true) => out.line(&format!(
                "{input}\n  nfkc:   {}\n  latin:  {}\n  folded: {}\n  key:    {}",
                s.nfkc, s.latin, s.folded, s.key
            )),
            (Format::Tsv, false) => out.line(&format!("{}\t{}", tsv_field(input), s.key)),
            (Format::Tsv, true) => out.line(&format!(
                "{}\t{}\t{}\t{}\t{}",
                tsv_field(input),
                s.key,
                tsv_field(&s.nfkc),
                tsv_field(&s.latin),
                s.folded
            )),
            (Format::Json, false) => out.json(&json!({ "input": input, "key": s.key })),
            (Format::Json, true) => out.json(&json!({ "input": input, "key": s.key, "stages": s })),
        }
    })
}
