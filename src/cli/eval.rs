//! `nomen eval resolve`: how often the resolver names the right entity on a
//! labelled query set, and how often it names one where it should not.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use nomen::{Registry, ResolveOptions, Resolver};
use serde_json::{Value, json};

use super::{Context, Failure, Format, Out, tsv_field};

/// Measure name resolution on a labelled query set.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    Resolve(ResolveArgs),
}

/// Resolve every query of a labelled set against a registry and report
/// top-1 accuracy on the positive queries (the best match is the expected
/// entity and scores at least --min-score) and the false-accept rate on
/// the negative ones (anything at all is accepted), overall, by kind and
/// by the script the query is written in.
///
/// The registry is only what --registry (and --tables, if given) hold: the
/// built-in tables are left out unless --with-builtin, so that the figures
/// measure matching, not what nomen happens to know already.
///
/// --registry: a TSV file with a header, either in the evaluation layout
/// (entity_id, kind, canonical_name, variant, lang_or_script, source: one
/// row per name, the row whose variant is the canonical_name being the
/// entity's canonical name) or a nomen alias table (id, kind, name, lang,
/// type).
///
/// --queries: a TSV file with a header naming at least the columns `query`
/// and `expected_id` (empty for a negative: the query must resolve to
/// nothing); a `kind` column, if present, groups the positives (default:
/// the expected entity's kind). Other columns are ignored. Lines starting
/// with `#` and empty lines are skipped.
///
/// Output: text (also for --format tsv), an aligned table (among more
/// than 12 groups, those of fewer than 20 queries are summed up in
/// `other`), then how the figures move with the threshold; json, one
/// object with every group. Problems with either file are
/// reported as `file:line: what is wrong` (exit 2).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen eval resolve --registry registry_dev.tsv --queries queries_dev.tsv
  nomen --format json eval resolve --registry R.tsv --queries Q.tsv --min-score 0.85
  nomen eval resolve --registry R.tsv --queries Q.tsv --misses | grep '^miss' | cut -f2-")]
struct ResolveArgs {
    /// The registry to resolve against (see above for its layout).
    #[arg(long, value_name = "R.tsv")]
    registry: PathBuf,

    /// The labelled queries (see above for their layout).
    #[arg(long, value_name = "Q.tsv")]
    queries: PathBuf,

    /// Accept a best match only if it scores at least S (0..1).
    #[arg(long, value_name = "S", default_value_t = nomen::DEFAULT_MIN_SCORE, value_parser = super::resolve::parse_score)]
    min_score: f64,

    /// Layer the registry over the built-in tables instead of using it alone.
    #[arg(long)]
    with_builtin: bool,

    /// Also list every query that went wrong (text: `miss` lines after the
    /// table, tab-separated: line, kind, script, query, expected id, id
    /// found or `-`, its score; json: a `misses` array).
    #[arg(long)]
    misses: bool,
}

/// The thresholds of the curve printed after the table.
const CURVE: [f64; 8] = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
/// Resolve down to this score, so one pass serves every threshold of the curve.
const FLOOR: f64 = 0.5;
/// When there are more groups than this, text output lists those with
/// fewer than [`MIN_GROUP`] queries as one.
const MAX_GROUPS: usize = 12;
const MIN_GROUP: usize = 20;

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let What::Resolve(args) = args.what;
    let registry = load_registry(ctx, &args)?;
    let queries = read_queries(&args.queries, registry)?;
    let resolver = Resolver::new(registry);
    let outcomes = resolve_all(&resolver, &queries);
    let report = Report::new(&queries, &outcomes, args.min_score);
    match ctx.format {
        Format::Json => {
            let mut v = report.json(&args, registry);
            if args.misses {
                v["misses"] = misses(&queries, &outcomes, args.min_score)
                    .map(|(q, o)| {
                        json!({
                            "line": q.line,
                            "kind": q.kind,
                            "script": q.script,
                            "query": q.query,
                            "expected": q.expected,
                            "found": o.id,
                            "score": super::resolve::round(o.score),
                        })
                    })
                    .collect();
            }
            out.json(&v)
        }
        Format::Text | Format::Tsv => {
            for line in report.text(&args, registry) {
                out.line(&line)?;
            }
            if args.misses {
                for (q, o) in misses(&queries, &outcomes, args.min_score) {
                    out.line(&format!(
                        "miss\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}",
                        q.line,
                        q.kind,
                        q.script,
                        tsv_field(&q.query),
                        q.expected.as_deref().unwrap_or("-"),
                        o.id.as_deref().unwrap_or("-"),
                        o.score
                    ))?;
                }
            }
            Ok(())
        }
    }
}

/// The registry of --registry (and --tables), with or without the
/// built-in tables.
fn load_registry(ctx: &Context, args: &ResolveArgs) -> Result<&'static Registry, Failure> {
    let mut builder = Registry::builder();
    if !args.with_builtin {
        builder = builder.no_builtin();
    }
    let bytes = read(&args.registry)?;
    let file = args.registry.display().to_string();
    builder = match eval_layout_as_table(&file, &bytes)? {
        Some(table) => builder.add_table(file, table),
        None => builder.add_path(&args.registry),
    };
    for path in &ctx.tables {
        builder = builder.add_path(path);
    }
    if let Some(dir) = super::cache_dir() {
        builder = builder.cache(dir);
    }
    let registry = builder.build().map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(Box::leak(Box::new(registry)))
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Usage(format!("{}: cannot read: {e}", path.display())))
}

/// The data lines of a TSV file: (line number, fields), the header first;
/// comments and empty lines left out.
fn tsv_lines(file: &str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Failure> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes.iter().take(e.valid_up_to()).filter(|&&b| b == b'\n').count() + 1;
        Failure::Usage(format!("{file}:{line}: invalid UTF-8: the file must be UTF-8"))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(text
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(n, l)| (n, l.split('\t').map(|f| f.trim().to_string()).collect()))
        .collect())
}

const EVAL_COLUMNS: [&str; 6] =
    ["entity_id", "kind", "canonical_name", "variant", "lang_or_script", "source"];

/// A registry file in the evaluation layout, rewritten as a nomen alias
/// table with one line for each of its lines, so that the table reader's
/// `file:line` messages point into the file as given. `None`: the file is
/// not in that layout (it may be an alias table).
fn eval_layout_as_table(file: &str, bytes: &[u8]) -> Result<Option<String>, Failure> {
    let lines = tsv_lines(file, bytes)?;
    let Some((header_line, header)) = lines.first() else {
        return Err(Failure::Usage(format!("{file}:1: the registry is empty: it needs a header line")));
    };
    let at = |col: &str| header.iter().position(|c| c == col);
    if at("entity_id").is_none() {
        if at("id").is_some() && at("name").is_some() {
            return Ok(None);
        }
        return Err(Failure::Usage(format!(
            "{file}:{header_line}: the header names neither the evaluation layout ({}) nor a nomen alias table (id, kind, name, lang, type)",
            EVAL_COLUMNS.join(", ")
        )));
    }
    let mut cols = [0usize; 6];
    for (slot, col) in cols.iter_mut().zip(EVAL_COLUMNS) {
        *slot = at(col).ok_or_else(|| {
            Failure::Usage(format!("{file}:{header_line}: the header has no `{col}` column"))
        })?;
    }
    let [id, kind, canonical, variant, lang, source] = cols;
    let mut table = vec![String::new(); lines.last().map_or(0, |l| l.0)];
    let mut has_canonical: HashSet<&str> = HashSet::new();
    for (n, fields) in &lines {
        let Some(out) = table.get_mut(n - 1) else { continue };
        if n == header_line {
            *out = "id\tkind\tname\tlang\ttype\tsource".to_string();
            continue;
        }
        same_width(file, *n, header, fields)?;
        let get = |i: usize| fields.get(i).map_or("", String::as_str);
        if get(variant).is_empty() {
            return Err(Failure::Usage(format!("{file}:{n}: empty variant: every row needs a name")));
        }
        // A kind nomen does not know (organization, river…) is still an
        // entity to resolve to.
        let kind = match get(kind) {
            k @ ("person" | "country" | "city" | "region" | "org") => k,
            _ => "other",
        };
        let first_canonical = get(variant) == get(canonical) && has_canonical.insert(fields[id].as_str());
        let row_type = if first_canonical { "canonical" } else { "alias" };
        *out = [get(id), kind, get(variant), get(lang), row_type, get(source)].join("\t");
    }
    // Comments and empty lines stay empty, keeping the line numbers.
    Ok(Some(table.join("\n") + "\n"))
}

/// One labelled query.
struct Query {
    line: usize,
    query: String,
    /// None: a negative, which must resolve to nothing.
    expected: Option<String>,
    /// The group it is counted in: the `kind` column, else the expected
    /// entity's kind, else `negative`.
    kind: String,
    script: &'static str,
}

fn read_queries(path: &Path, registry: &Registry) -> Result<Vec<Query>, Failure> {
    let file = path.display().to_string();
    let lines = tsv_lines(&file, &read(path)?)?;
    let Some((header_line, header)) = lines.first() else {
        return Err(Failure::Usage(format!("{file}:1: the query file is empty: it needs a header line")));
    };
    let at = |col: &str| header.iter().position(|c| c == col);
    let need = |col: &str| {
        at(col).ok_or_else(|| {
            Failure::Usage(format!(
                "{file}:{header_line}: the header has no `{col}` column (it needs `query` and `expected_id`, tab-separated)"
            ))
        })
    };
    let (query_col, expected_col, kind_col) = (need("query")?, need("expected_id")?, at("kind"));
    let mut queries = Vec::with_capacity(lines.len());
    for (n, fields) in &lines[1..] {
        same_width(&file, *n, header, fields)?;
        let get = |i: usize| fields.get(i).map_or("", String::as_str);
        let query = get(query_col);
        if query.is_empty() {
            return Err(Failure::Usage(format!("{file}:{n}: empty query")));
        }
        let expected = Some(get(expected_col)).filter(|e| !e.is_empty());
        let entity_kind = match expected {
            Some(id) => match registry.entity(id) {
                Some(e) => e.kind().as_str(),
                None => {
                    return Err(Failure::Usage(format!(
                        "{file}:{n}: the expected id `{id}` is not in the registry: a query can only be right about an entity the registry has"
                    )));
                }
            },
            None => "negative",
        };
        let kind = kind_col.map(get).filter(|k| !k.is_empty()).unwrap_or(entity_kind);
        queries.push(Query {
            line: *n,
            query: query.to_string(),
            expected: expected.map(str::to_string),
            kind: kind.to_string(),
            script: script_of(query),
        });
    }
    Ok(queries)
}

/// The script a query is written in, by its letters: the script most of
/// them belong to, except that any kana makes it Japanese (Japanese names
/// mix kana and Han, and their readings are not Chinese ones).
fn script_of(query: &str) -> &'static str {
    use unicode_script::{Script, UnicodeScript};
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in query.chars().filter(|c| c.is_alphabetic()) {
        let s = c.script();
        if matches!(s, Script::Hiragana | Script::Katakana) {
            return "Japanese";
        }
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    // The first script wins a tie: counts keep the order of appearance.
    counts.iter().rev().max_by_key(|(_, n)| *n).map_or("none", |(s, _)| s.full_name())
}

/// The best match of one query, at any score down to [`FLOOR`].
struct Outcome {
    id: Option<String>,
    score: f64,
}

fn resolve_all(resolver: &Resolver, queries: &[Query]) -> Vec<Outcome> {
    use rayon::prelude::*;
    let options = ResolveOptions { top: 1, min_score: FLOOR };
    queries
        .par_iter()
        .map(|q| {
            let r = resolver.resolve_with(&q.query, &options);
            let best = r.matches.first();
            Outcome { id: best.map(|m| m.entity.id().to_string()), score: best.map_or(0.0, |m| m.score) }
        })
        .collect()
}

/// Matches are ranked by score, so the answer at threshold `t` is the best
/// match at the floor if it scores `t` or more, and nothing otherwise.
fn accepted(o: &Outcome, min_score: f64) -> Option<&str> {
    o.id.as_deref().filter(|_| o.score >= min_score)
}

fn misses<'q>(
    queries: &'q [Query],
    outcomes: &'q [Outcome],
    min_score: f64,
) -> impl Iterator<Item = (&'q Query, &'q Outcome)> {
    queries.iter().zip(outcomes).filter(move |(q, o)| accepted(o, min_score) != q.expected.as_deref())
}

/// Counts for one group of positive queries.
#[derive(Debug, Default, Clone, Copy)]
struct Positives {
    queries: usize,
    right: usize,
    /// Another entity accepted.
    wrong: usize,
    /// Nothing accepted.
    none: usize,
}

impl Positives {
    fn share(&self, n: usize) -> f64 {
        n as f64 / self.queries.max(1) as f64
    }
    fn json(&self) -> Value {
        json!({
            "queries": self.queries,
            "right": self.right,
            "wrong": self.wrong,
            "none": self.none,
            "top1": round3(self.share(self.right)),
        })
    }
}

/// Counts for one group of negative queries.
#[derive(Debug, Default, Clone, Copy)]
struct Negatives {
    queries: usize,
    accepted: usize,
}

impl Negatives {
    fn rate(&self) -> f64 {
        self.accepted as f64 / self.queries.max(1) as f64
    }
    fn json(&self) -> Value {
        json!({
            "queries": self.queries,
            "false_accepts": self.accepted,
            "false_accept_rate": round3(self.rate()),
        })
    }
}

struct Report {
    min_score: f64,
    positives: Positives,
    by_kind: BTreeMap<String, Positives>,
    by_script: BTreeMap<&'static str, Positives>,
    negatives: Negatives,
    negatives_by_script: BTreeMap<&'static str, Negatives>,
    /// Per threshold of [`CURVE`]: (top-1 accuracy, false-accept rate).
    curve: Vec<(f64, f64, f64)>,
}

impl Report {
    fn new(queries: &[Query], outcomes: &[Outcome], min_score: f64) -> Report {
        let mut r = Report {
            min_score,
            positives: Positives::default(),
            by_kind: BTreeMap::new(),
            by_script: BTreeMap::new(),
            negatives: Negatives::default(),
            negatives_by_script: BTreeMap::new(),
            curve: Vec::new(),
        };
        for (q, o) in queries.iter().zip(outcomes) {
            let found = accepted(o, min_score);
            match &q.expected {
                None => {
                    for n in [&mut r.negatives, r.negatives_by_script.entry(q.script).or_default()] {
                        n.queries += 1;
                        n.accepted += usize::from(found.is_some());
                    }
                }
                Some(expected) => {
                    let groups = [
                        &mut r.positives,
                        r.by_kind.entry(q.kind.clone()).or_default(),
                        r.by_script.entry(q.script).or_default(),
                    ];
                    for p in groups {
                        p.queries += 1;
                        match found {
                            Some(id) if id == expected => p.right += 1,
                            Some(_) => p.wrong += 1,
                            None => p.none += 1,
                        }
                    }
                }
            }
        }
        let (n_pos, n_neg) = (r.positives.queries.max(1) as f64, r.negatives.queries.max(1) as f64);
        r.curve = CURVE
            .iter()
            .map(|&t| {
                let pairs = queries.iter().zip(outcomes);
                let (mut right, mut fa) = (0usize, 0usize);
                for (q, o) in pairs {
                    match (q.expected.as_deref(), accepted(o, t)) {
                        (Some(e), Some(f)) if e == f => right += 1,
                        (None, Some(_)) => fa += 1,
                        _ => {}
                    }
                }
                (t, right as f64 / n_pos, fa as f64 / n_neg)
            })
            .collect();
        r
    }

    fn json(&self, args: &ResolveArgs, registry: &Registry) -> Value {
        let by_kind: serde_json::Map<String, Value> =
            self.by_kind.iter().map(|(k, p)| (k.clone(), p.json())).collect();
        let by_script: serde_json::Map<String, Value> =
            self.by_script.iter().map(|(k, p)| (k.to_string(), p.json())).collect();
        json!({
            "registry": args.registry.display().to_string(),
            "queries": args.queries.display().to_string(),
            "entities": registry.entities().len(),
            "aliases": registry.aliases().len(),
            "builtin": args.with_builtin,
            "min_score": self.min_score,
            "positives": self.positives.json(),
            "by_kind": by_kind,
            "by_script": by_script,
            "negatives": self.negatives.json(),
            "negatives_by_script": self
                .negatives_by_script
                .iter()
                .map(|(k, n)| (k.to_string(), n.json()))
                .collect::<serde_json::Map<_, _>>(),
            "curve": self
                .curve
                .iter()
                .map(|(t, top1, fa)| json!({"min_score": t, "top1": round3(*top1), "false_accept_rate": round3(*fa)}))
                .collect::<Vec<_>>(),
        })
    }

    fn text(&self, args: &ResolveArgs, registry: &Registry) -> Vec<String> {
        let mut lines = vec![
            format!(
                "registry {} ({} entities, {} aliases{}), queries {}",
                args.registry.display(),
                registry.entities().len(),
                registry.aliases().len(),
                if args.with_builtin { ", over the built-in tables" } else { "" },
                args.queries.display()
            ),
            format!("a best match is accepted when it scores {:.2} or more", self.min_score),
            String::new(),
            format!(
                "{:<20} {:>7} {:>6} {:>6} {:>6}",
                "positive queries", "queries", "top-1", "wrong", "none"
            ),
        ];
        let row = |name: &str, p: &Positives| {
            format!(
                "{name:<20} {:>7} {:>6.3} {:>6.3} {:>6.3}",
                p.queries,
                p.share(p.right),
                p.share(p.wrong),
                p.share(p.none)
            )
        };
        lines.push(row("all", &self.positives));
        lines.push("by kind".to_string());
        lines.extend(grouped(self.by_kind.iter().map(|(k, p)| (k.as_str(), *p)), |name, p| {
            row(&format!("  {name}"), p)
        }));
        lines.push("by script".to_string());
        lines.extend(grouped(self.by_script.iter().map(|(k, p)| (*k, *p)), |name, p| {
            row(&format!("  {name}"), p)
        }));
        lines.push(String::new());
        lines.push(format!(
            "{:<20} {:>7} {:>13} {:>6}",
            "negative queries", "queries", "false accepts", "rate"
        ));
        let neg_row = |name: &str, n: &Negatives| {
            format!("{name:<20} {:>7} {:>13} {:>6.3}", n.queries, n.accepted, n.rate())
        };
        lines.push(neg_row("all", &self.negatives));
        lines.push("by script".to_string());
        lines.extend(grouped(self.negatives_by_script.iter().map(|(k, n)| (*k, *n)), |name, n| {
            neg_row(&format!("  {name}"), n)
        }));
        lines.push(String::new());
        lines.push(format!("{:<20} {:>7} {:>13}", "min score", "top-1", "false accepts"));
        for (t, top1, fa) in &self.curve {
            lines.push(format!("{t:<20.2} {top1:>7.3} {fa:>13.3}"));
        }
        lines
    }
}

/// A group's counts, whichever side of the labels it is on.
trait Group: Default + Copy {
    fn queries(&self) -> usize;
    fn add(self, other: Self) -> Self;
}

impl Group for Positives {
    fn queries(&self) -> usize {
        self.queries
    }
    fn add(self, b: Positives) -> Positives {
        Positives {
            queries: self.queries + b.queries,
            right: self.right + b.right,
            wrong: self.wrong + b.wrong,
            none: self.none + b.none,
        }
    }
}

impl Group for Negatives {
    fn queries(&self) -> usize {
        self.queries
    }
    fn add(self, b: Negatives) -> Negatives {
        Negatives { queries: self.queries + b.queries, accepted: self.accepted + b.accepted }
    }
}

/// Rows for groups, largest first; among many groups, those under
/// [`MIN_GROUP`] queries summed into one `other` row, so that a hundred
/// scripts of a few queries each do not bury the ones that carry the
/// figures.
fn grouped<'a, T: Group>(
    groups: impl Iterator<Item = (&'a str, T)>,
    row: impl Fn(&str, &T) -> String,
) -> Vec<String> {
    let mut groups: Vec<(&str, T)> = groups.collect();
    groups.sort_by_key(|(name, t)| (std::cmp::Reverse(t.queries()), *name));
    let many = groups.len() > MAX_GROUPS;
    let (big, small): (Vec<_>, Vec<_>) =
        groups.into_iter().partition(|(_, t)| !many || t.queries() >= MIN_GROUP);
    let mut rows: Vec<String> = big.iter().map(|(name, t)| row(name, t)).collect();
    if !small.is_empty() {
        let n = small.len();
        let sum = small.into_iter().fold(T::default(), |acc, (_, t)| acc.add(t));
        rows.push(row(&format!("other ({n})"), &sum));
    }
    rows
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A row must have as many fields as the header.
fn same_width<S: AsRef<str>>(file: &str, n: usize, header: &[S], fields: &[String]) -> Result<(), Failure> {
    if fields.len() == header.len() {
        return Ok(());
    }
    let names: Vec<&str> = header.iter().map(AsRef::as_ref).collect();
    Err(Failure::Usage(format!(
        "{file}:{n}: expected {} tab-separated fields ({}), found {}",
        header.len(),
        names.join(", "),
        fields.len()
    )))
}
