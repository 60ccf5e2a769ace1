//! `nomen tables`: validate alias tables, count what they hold, keep them
//! tidy and help fill them.

mod expand;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::{Context, Failure, Format, Out};

/// Check, count, format and extend alias tables.
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
    /// canonical row, a name a table gives to an id while an earlier table
    /// gives it to another, a name that normalises to nothing) go to
    /// stderr.
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
    /// Rewrite tables in one canonical layout, so that diffs stay small:
    /// fields trimmed, names in NFC, rows grouped by id (ids in order of
    /// first appearance) with the canonical row first, then suppress rows,
    /// then the others by type, language and name; repeated rows dropped. A
    /// comment moves with the row after it; the lines before the header are
    /// kept. A table with an error is left as it is (`file:line: what is
    /// wrong`, exit 2).
    #[command(
        after_help = "Examples:\n  nomen tables fmt my_tables/ extra.tsv\n  nomen tables fmt --check my_tables/   \
        # lists the files fmt would change, exit 1 if any"
    )]
    Fmt {
        /// Write nothing: list the files that are not formatted and exit 1
        /// if there are any.
        #[arg(long)]
        check: bool,
        /// Table files or directories of *.tsv files (the built-in tables
        /// are never formatted).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    Expand(expand::Args),
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match args.action {
        Action::Fmt { check, paths } => fmt(&paths, check, out),
        Action::Expand(args) => expand::run(ctx, args, out),
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
            struct Counts<'r> {
                aliases: usize,
                by_kind: BTreeMap<&'static str, usize>,
                by_type: BTreeMap<&'static str, usize>,
                by_lang: BTreeMap<&'r str, usize>,
            }
            let mut per_table: BTreeMap<&str, Counts> = BTreeMap::new();
            for a in registry.aliases() {
                let c = per_table.entry(a.source().table).or_default();
                c.aliases += 1;
                *c.by_kind.entry(a.entity().kind().as_str()).or_default() += 1;
                *c.by_type.entry(a.alias_type().as_str()).or_default() += 1;
                *c.by_lang.entry(a.lang().unwrap_or("-")).or_default() += 1;
            }
            let mut entities_by_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for e in registry.entities() {
                *entities_by_kind.entry(e.kind().as_str()).or_default() += 1;
            }
            // Layer order, not name order; a table left with no alias (its
            // rows all `suppress`, or replaced by later tables) too.
            let none = Counts::default();
            let tables: Vec<(&str, &Counts)> = registry
                .tables()
                .iter()
                .map(|t| (t.as_str(), per_table.get(t.as_str()).unwrap_or(&none)))
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
                        out.line(&format!("{t}: {} aliases", c.aliases))?;
                        if c.aliases == 0 {
                            continue;
                        }
                        out.line(&format!("  kinds: {}", list(&c.by_kind)))?;
                        out.line(&format!("  types: {}", list(&c.by_type)))?;
                        out.line(&format!("  langs: {}", list(&c.by_lang)))?;
                    }
                    Ok(())
                }
            }
        }
    }
}

fn fmt(paths: &[PathBuf], check: bool, out: &mut Out<impl Write>) -> Result<(), Failure> {
    if paths.is_empty() {
        return Err(Failure::Usage(
            "give the tables to format, e.g. `nomen tables fmt my_tables/` (the built-in tables are never formatted)"
                .into(),
        ));
    }
    let (mut bad, mut changed) = (false, false);
    for file in table_files(paths)? {
        let shown = file.display().to_string();
        let result = std::fs::read(&file)
            .map_err(|e| format!("{shown}: cannot read it: {e}"))
            .and_then(|bytes| {
                let text = nomen::format_table(&shown, &bytes).map_err(|e| e.to_string())?;
                Ok((text.as_bytes() != bytes).then_some(text))
            })
            .and_then(|text| match text {
                Some(_) if check => Ok(true),
                Some(text) => write_atomically(&file, text.as_bytes())
                    .map(|()| true)
                    .map_err(|e| format!("{shown}: cannot write it ({e}); it is left as it was")),
                None => Ok(false),
            });
        match result {
            Ok(true) => {
                changed = true;
                if check {
                    out.line(&shown)?;
                }
            }
            Ok(false) => {}
            Err(message) => {
                bad = true;
                eprintln!("nomen: {message}");
            }
        }
    }
    if bad {
        Err(Failure::BadRecords)
    } else if check && changed {
        Err(Failure::Changes)
    } else {
        Ok(())
    }
}

/// The files the paths stand for: each file, and each directory's `*.tsv`
/// files in name order (as `--tables` reads them).
fn table_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path)
            .map_err(|e| Failure::Usage(format!("{}: cannot read the directory: {e}", path.display())))?;
        let mut tsv: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        tsv.sort();
        files.extend(tsv);
    }
    Ok(files)
}

/// Replace `file` so that it is never seen half-written: a crash leaves
/// the old table or the new one. A symlink keeps pointing at the table.
fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(file)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.nomen-fmt-{}", std::process::id()));
    let written = std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::set_permissions(&tmp, std::fs::metadata(&target)?.permissions()))
        .and_then(|()| std::fs::rename(&tmp, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
