//! `nomen resolve`: names to entity IDs, with scores.

use std::io::Write;

use nomen::{Match, ResolveOptions, Resolver};
use serde_json::{Value, json};

use super::{Context, Failure, Format, Out, for_each_record, tsv_field};

/// Resolve names to the entities they may stand for.
///
/// Scores are in 0..1: 1 the name is an alias letter for letter, 0.98 the
/// same name in another script or romanization, 0.9 a part of a name (a
/// surname alone), lower when letters differ. Matches below --min-score are
/// not shown. `ambiguous` is true when two different entities score within
/// 0.05 of each other at the top.
///
/// Output: text `query<TAB>id<TAB>score<TAB>name` (best match; `-` when
/// none); json {"query", "matches": [{"id", "name", "kind", "score",
/// "alias", "method", "attrs"}], "ambiguous"}; tsv query, id, name, kind,
/// score, method, alias, ambiguous (best match; empty fields when none).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen resolve Zelenskiy Selenskyj 'Xi Jinping' Киев
  nomen --format json resolve --top 5 --explain 'V. Zelensky'
  nomen --format tsv resolve < names.txt")]
pub(crate) struct Args {
    /// Show at most K matches per name (json).
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,

    /// Drop matches scoring below S (0..1).
    #[arg(long, value_name = "S", default_value_t = nomen::DEFAULT_MIN_SCORE, value_parser = parse_score)]
    min_score: f64,

    /// Add to each match the table row it came from, both match keys and
    /// the word pairs behind the score.
    #[arg(long)]
    explain: bool,

    /// Names to resolve; none: read stdin, one name per line.
    #[arg(value_name = "NAME")]
    names: Vec<String>,
}

pub(crate) fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a score: give a number from 0 to 1, e.g. 0.8")),
    }
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let registry = ctx.registry(&[])?;
    let resolver = Resolver::new(registry);
    let options = ResolveOptions { top: args.top as usize, min_score: args.min_score };
    for_each_record(ctx, out, &args.names, |out, query| {
        let r = resolver.resolve_with(query, &options);
        let best = r.matches.first();
        match ctx.format {
            Format::Text => match best {
                Some(m) => out.line(&format!(
                    "{}\t{}\t{}\t{}{}",
                    tsv_field(query),
                    m.entity.id(),
                    super::Decimals(m.score, 2),
                    m.entity.name(),
                    if r.ambiguous { "\t(ambiguous)" } else { "" }
                )),
                None => out.line(&format!("{}\t-", tsv_field(query))),
            },
            Format::Tsv => match best {
                Some(m) => out.line(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    tsv_field(query),
                    m.entity.id(),
                    tsv_field(m.entity.name()),
                    m.entity.kind().as_str(),
                    super::Decimals(m.score, 4),
                    m.method.as_str(),
                    tsv_field(m.alias.name()),
                    r.ambiguous
                )),
                None => out.line(&format!("{}\t\t\t\t\t\t\tfalse", tsv_field(query))),
            },
            Format::Json => {
                let matches: Vec<Value> =
                    r.matches.iter().map(|m| match_json(&r.key, m, args.explain)).collect();
                out.json(&json!({ "query": query, "matches": matches, "ambiguous": r.ambiguous }))
            }
        }
    })
}

fn match_json(query_key: &nomen::MatchKey, m: &Match, explain: bool) -> Value {
    let mut v = json!({
        "id": m.entity.id(),
        "name": m.entity.name(),
        "kind": m.entity.kind(),
        "score": round(m.score),
        "alias": m.alias.name(),
        "method": m.method,
        "attrs": m.entity.attrs(),
    });
    if explain {
        v["explain"] = json!({
            "source": m.alias.source().to_string(),
            "alias_type": m.alias.alias_type(),
            "query_key": query_key.as_str(),
            "alias_key": nomen::MatchKey::with_lang(m.alias.name(), m.alias.lang()).as_str(),
            "pairs": m.pairs,
        });
        if let Some(city) = &m.other_place {
            v["explain"]["other_place"] = json!(city);
        }
    }
    v
}

/// Four decimals: enough to rank, stable to read.
pub(crate) fn round(score: f64) -> f64 {
    (score * 10_000.0).round() / 10_000.0
}
