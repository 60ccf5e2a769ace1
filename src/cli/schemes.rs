//! `nomen schemes`: every built-in transliteration scheme.

use std::io::Write;

use serde_json::json;

use super::{Context, Failure, Format, Out};

/// List every transliteration scheme: ID, script, language, standard.
///
/// Output columns: json {"id", "script", "lang", "name", "standard",
/// "description"}; tsv the same, in that order.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(ctx: &Context, _args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let all = nomen::Scheme::all();
    let width = all.iter().map(|s| s.id().len()).max().unwrap_or(0);
    for s in all {
        match ctx.format {
            Format::Text => out.line(&format!(
                "{:width$}  {:4}  {:5}  {}: {}",
                s.id(),
                s.script(),
                s.lang(),
                s.name(),
                s.description()
            ))?,
            Format::Tsv => out.line(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                s.id(),
                s.script(),
                s.lang(),
                s.name(),
                s.standard(),
                s.description()
            ))?,
            Format::Json => out.json(&json!({
                "id": s.id(), "script": s.script(), "lang": s.lang(),
                "name": s.name(), "standard": s.standard(), "description": s.description(),
            }))?,
        }
    }
    Ok(())
}
