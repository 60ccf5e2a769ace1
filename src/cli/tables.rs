//! `nomen tables`: validate alias tables and count what they hold.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use super::{Context, Failure, Format, Out};

/// Check alias tables, or count what they hold.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Validate tables layered over the built-in ones (unless --no-builtin):
    /// every problem is printed as `file:line: what is wrong` (exit 2);
    /// warnings (a suppress that matched nothing, an id without a
    /// canonical row) go to stderr.
    #[command(after_help = "Example:\n  nomen tables check my_tables/ extra.tsv")]
    Check {
        /// Table files or directories of *.tsv files (added to --tables).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Count entities and aliases per table, by kind, type and language.
    #[command(after_help = "Example:\n  nomen --format json tables stats my_tables/")]
    Stats {
        /// Table files or directories of *.tsv files (added to --tables).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match args.action {
        Action::Check { paths } => {
            let registry = ctx.registry(&paths)?;
            for w in registry.warnings() {
                eprintln!("warning: {w}");
            }
            let summary = format!(
                "ok: {} tables, {} entities, {} aliases, {} warnings",
                registry.tables().len(),
                registry.entities().len(),
                registry.aliases().len(),
                registry.warnings().len()
            );
            match ctx.format {
                Format::Json => out.json(&json!({
                    "ok": true,
                    "tables": registry.tables(),
                    "entities": registry.entities().len(),
                    "aliases": registry.aliases().len(),
                    "warnings": registry.warnings(),
                })),
                _ => out.line(&summary),
            }
        }
        Action::Stats { paths } => {
            let registry = ctx.registry(&paths)?;
            #[derive(Default)]
            struct Counts {
                aliases: usize,
                by_kind: BTreeMap<&'static str, usize>,
                by_type: BTreeMap<&'static str, usize>,
                by_lang: BTreeMap<String, usize>,
            }
            let mut per_table: BTreeMap<&str, Counts> = BTreeMap::new();
            for a in registry.aliases() {
                let c = per_table.entry(registry.source_of(a).table).or_default();
                c.aliases += 1;
                *c.by_kind.entry(registry.entity_of(a).kind().as_str()).or_default() += 1;
                *c.by_type.entry(a.alias_type().as_str()).or_default() += 1;
                *c.by_lang.entry(a.lang().unwrap_or("-").to_string()).or_default() += 1;
            }
            let mut entities_by_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for e in registry.entities() {
                *entities_by_kind.entry(e.kind().as_str()).or_default() += 1;
            }
            // Layer order, not name order.
            let tables: Vec<(&str, &Counts)> = registry
                .tables()
                .iter()
                .filter_map(|t| per_table.get(t.as_str()).map(|c| (t.as_str(), c)))
                .collect();
            match ctx.format {
                Format::Json => out.json(&json!({
                    "entities": registry.entities().len(),
                    "aliases": registry.aliases().len(),
                    "entities_by_kind": entities_by_kind,
                    "tables": tables.iter().map(|(t, c)| json!({
                        "table": t, "aliases": c.aliases, "by_kind": c.by_kind,
                        "by_type": c.by_type, "by_lang": c.by_lang,
                    })).collect::<Vec<_>>(),
                })),
                Format::Tsv => {
                    for (t, c) in &tables {
                        for (group, map) in [("kind", &c.by_kind), ("type", &c.by_type)] {
                            for (k, n) in map.iter() {
                                out.line(&format!("{t}\t{group}\t{k}\t{n}"))?;
                            }
                        }
                        for (k, n) in &c.by_lang {
                            out.line(&format!("{t}\tlang\t{k}\t{n}"))?;
                        }
                    }
                    Ok(())
                }
                Format::Text => {
                    let list = |m: &BTreeMap<&str, usize>| {
                        m.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
                    };
                    out.line(&format!(
                        "{} entities ({}), {} aliases in {} tables",
                        registry.entities().len(),
                        list(&entities_by_kind),
                        registry.aliases().len(),
                        registry.tables().len()
                    ))?;
                    for (t, c) in &tables {
                        let langs: BTreeMap<&str, usize> =
                            c.by_lang.iter().map(|(k, n)| (k.as_str(), *n)).collect();
                        out.line(&format!("{t}: {} aliases", c.aliases))?;
                        out.line(&format!("  kinds: {}", list(&c.by_kind)))?;
                        out.line(&format!("  types: {}", list(&c.by_type)))?;
                        out.line(&format!("  langs: {}", list(&langs)))?;
                    }
                    Ok(())
                }
            }
        }
    }
}
