//! `nomen extract`: names in text, with byte offsets.

use std::io::{Read, Write};
use std::path::PathBuf;

use nomen::{Extractor, Mention};
use serde_json::json;

use super::resolve::round;
use super::{Context, Failure, Format, Out, tsv_field};

/// Find names of people, places and organisations in text.
///
/// Each mention has `start` and `end`: UTF-8 byte offsets into the
/// document's original text (end exclusive), so `text[start..end]` is the
/// name as written. A possessive ending is not part of the name (Kyiv’s →
/// Kyiv). A surname alone is found after the full name was seen in the same
/// document (method `coref`).
///
/// Input bytes that are not UTF-8 are read as `?` (one byte each, so offsets
/// stay true to the file) and reported on stderr; the document is still
/// processed, so the exit code stays 0. Exit code 2 means a document could
/// not be processed at all (an unreadable file, a bad --jsonl line).
///
/// Output: text `doc:start-end<TAB>text<TAB>id<TAB>kind<TAB>score`; json
/// {"doc", "start", "end", "text", "id", "name", "kind", "score", "method",
/// "alias", "attrs"} one mention per line; tsv doc, start, end, text, id,
/// name, kind, score, method. kind is the entity's kind, or `demonym` for
/// an adjective standing for it (Ukrainian → country:UA).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen extract tests/data/seed_article.txt
  nomen --format json extract a.txt b.txt
  echo 'Zelenskyy met Xi Jinping in Beijing.' | nomen extract
  nomen --format json extract --jsonl docs.jsonl")]
pub(crate) struct Args {
    /// Each input line is a JSON document {"doc": "id", "text": "…"}; a bad
    /// line gives an error record (json) or a message on stderr.
    #[arg(long)]
    jsonl: bool,

    /// Add to each json mention the table row (`file:line`) of its alias.
    #[arg(long)]
    explain: bool,

    /// Files to read (`-` for stdin); none: stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let registry = ctx.registry(&[])?;
    let extractor = Extractor::new(&registry);
    let files = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files };
    let mut bad = false;
    for file in &files {
        let name = file.display().to_string();
        let bytes = match read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("nomen: {name}: cannot read it: {e}");
                bad = true;
                continue;
            }
        };
        if args.jsonl {
            bad |= jsonl(ctx, &extractor, args.explain, &name, &bytes, out)?;
        } else {
            let text = text_of(&name, &bytes);
            let doc = if name == "-" { "stdin" } else { name.as_str() };
            for m in extractor.extract(&text) {
                mention(ctx, &extractor, args.explain, out, doc, &text, &m)?;
            }
        }
    }
    if bad { Err(Failure::BadRecords) } else { Ok(()) }
}

fn read(file: &PathBuf) -> std::io::Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().lock().read_to_end(&mut b)?;
        Ok(b)
    } else {
        std::fs::read(file)
    }
}

/// The text of a document; each byte of an invalid UTF-8 sequence becomes
/// `?`, so byte offsets into the text are offsets into the file.
fn text_of(name: &str, bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            eprintln!("nomen: {name}: invalid UTF-8 at byte {at}: read as `?`");
            text.extend(std::iter::repeat_n('?', invalid.len()));
            at += invalid.len();
        }
    }
    text
}

/// Extract from each JSON line; returns whether a line was bad.
fn jsonl(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    file: &str,
    bytes: &[u8],
    out: &mut Out<impl Write>,
) -> Result<bool, Failure> {
    let mut bad = false;
    // A byte order mark starts the file, not the first document.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line_no = n + 1;
        let doc: Result<serde_json::Value, String> =
            serde_json::from_slice(line).map_err(|e| format!("not a JSON object: {e}"));
        let parsed = doc.and_then(|v| {
            let text = v.get("text").and_then(|t| t.as_str()).map(str::to_string);
            let id = match v.get("doc") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) if !other.is_null() => other.to_string(),
                _ => format!("{file}:{line_no}"),
            };
            text.map(|t| (id, t)).ok_or_else(|| "no \"text\" string field".to_string())
        });
        match parsed {
            Ok((doc, text)) => {
                for m in extractor.extract(&text) {
                    mention(ctx, extractor, explain, out, &doc, &text, &m)?;
                }
            }
            Err(msg) => {
                bad = true;
                let message = format!("{file}:{line_no}: {msg}");
                match ctx.format {
                    Format::Json => out.json(&json!({ "line": line_no, "error": message }))?,
                    _ => eprintln!("nomen: {message}"),
                }
            }
        }
    }
    Ok(bad)
}

fn mention(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    out: &mut Out<impl Write>,
    doc: &str,
    text: &str,
    m: &Mention,
) -> Result<(), Failure> {
    let surface = text.get(m.start..m.end).unwrap_or_default();
    match ctx.format {
        Format::Text => out.line(&format!(
            "{}:{}-{}\t{}\t{}\t{}\t{:.2}",
            tsv_field(doc),
            m.start,
            m.end,
            tsv_field(surface),
            m.entity.id(),
            m.kind(),
            m.score
        )),
        Format::Tsv => out.line(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.4}\t{}",
            tsv_field(doc),
            m.start,
            m.end,
            tsv_field(surface),
            m.entity.id(),
            tsv_field(m.entity.name()),
            m.kind(),
            m.score,
            m.method.as_str()
        )),
        Format::Json => {
            let mut v = json!({
            "doc": doc,
            "start": m.start,
            "end": m.end,
            "text": surface,
            "id": m.entity.id(),
            "name": m.entity.name(),
            "kind": m.kind(),
            "score": round(m.score),
            "method": m.method,
            "alias": m.alias.name(),
            "attrs": m.entity.attrs(),
            });
            if explain {
                v["source"] = json!(extractor.registry().source_of(m.alias).to_string());
            }
            out.json(&v)
        }
    }
}
