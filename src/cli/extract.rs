//! `nomen extract`: names in text, with byte offsets.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::rc::Rc;

use nomen::{Extractor, Mention};
use serde_json::json;

use super::progress::{self, Progress};
use super::resolve::round;
use super::{Context, Failure, Format, Line, Out, Record, lines, process, tsv_field};

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
/// {"doc", "start", "end", "char_start", "char_end", "text", "id", "name",
/// "kind", "score", "method", "ambiguous", "alias", "attrs"} one mention per
/// line (ambiguous: a part of the names of several people named in full
/// earlier, e.g. Kim; id is the one named last)
/// (char_start/char_end count Unicode scalar values, as Python's str
/// indexes do); tsv doc, start, end, text, id, name, kind, score, method;
/// annotated: the text with each name marked `[Kyiv|city:kyiv]` (with
/// --jsonl, each document after a `## doc` line). kind is the entity's
/// kind, or `demonym` for an adjective standing for it (Ukrainian →
/// country:UA).
///
/// Files and --jsonl documents are processed on --threads threads; the
/// output keeps the input order. --jsonl input streams: a file of any size
/// is read a batch of documents at a time.
///
/// When stderr is a terminal and every input is a file, a progress bar
/// there shows the bytes done out of the files' total size (--no-progress:
/// none). Nothing is drawn when stderr is not a terminal.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  nomen extract tests/data/seed_article.txt
  nomen --format json extract a.txt b.txt
  echo 'Zelenskyy met Xi Jinping in Beijing.' | nomen extract
  nomen --format json extract --jsonl docs.jsonl
  nomen --format annotated extract tests/data/seed_article.txt")]
pub(crate) struct Args {
    /// Each input line is a JSON document {"doc": "id", "text": "…"}; a bad
    /// line gives an error record (json) or a message on stderr.
    #[arg(long)]
    jsonl: bool,

    /// Add to each json mention the table row (`file:line`) of its alias.
    #[arg(long)]
    explain: bool,

    /// Also find names a letter or two off (Selenskyj, Zelenskij): runs of
    /// capitalised words that match no alias are resolved, and taken when
    /// they score at least 0.9 by letters against one entity (method
    /// `fuzzy`). Slower: about a millisecond per such run.
    #[arg(long)]
    fuzzy: bool,

    /// Draw no progress bar on stderr (one is drawn only when stderr is a
    /// terminal and the inputs are files).
    #[arg(long)]
    no_progress: bool,

    /// Files to read (`-` for stdin); none: stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub(crate) fn run(ctx: &Context, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let registry = ctx.registry(&[])?;
    let extractor = Extractor::new(registry).fuzzy(args.fuzzy);
    let files = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files };
    out.progress = Progress::for_bytes(progress::total_size(&files), !args.no_progress);
    let result = if args.jsonl {
        jsonl_files(ctx, &extractor, args.explain, &files, out)
    } else {
        text_files(ctx, &extractor, args.explain, &files, out)
    };
    out.progress.finish();
    if result? { Err(Failure::BadRecords) } else { Ok(()) }
}

/// Each file is one document. Returns whether any was bad.
fn text_files(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    files: &[PathBuf],
    out: &mut Out<impl Write>,
) -> Result<bool, Failure> {
    let mut files = files.iter();
    process(
        out,
        || Ok(files.next()),
        |rec, file| {
            let name = file.display().to_string();
            let bytes = match read(file) {
                Ok(b) => b,
                Err(e) => {
                    rec.fail(&format!("{name}: cannot read it: {e}"));
                    return Ok(());
                }
            };
            rec.consumed = bytes.len() as u64;
            let text = text_of(rec, &name, &bytes);
            let doc = if name == "-" { "stdin" } else { name.as_str() };
            document(ctx, extractor, explain, rec, doc, &text)
        },
    )
}

/// Each line of each file is a JSON document. Documents are processed in
/// parallel, never read whole: a JSONL file of any size streams through in
/// bounded memory. Returns whether any line or file was bad.
fn jsonl_files(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    files: &[PathBuf],
    out: &mut Out<impl Write>,
) -> Result<bool, Failure> {
    let mut bad = false;
    for file in files {
        let name = file.display().to_string();
        let input: Box<dyn BufRead> = if name == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(file) {
                Ok(f) => Box::new(BufReader::new(f)),
                Err(e) => {
                    out.progress.suspend(|| eprintln!("nomen: {name}: cannot read it: {e}"));
                    bad = true;
                    continue;
                }
            }
        };
        let read_so_far = Rc::new(Cell::new(0u64));
        let mut next_line = lines(Counted { inner: input, count: Rc::clone(&read_so_far) });
        let mut line_no = 0;
        let mut counted = 0u64;
        let next = || {
            line_no += 1;
            let line = next_line()?;
            // The bytes this line took from the file, its end of line too.
            let consumed = read_so_far.get() - counted;
            counted = read_so_far.get();
            Ok(line.map(|l| (line_no, l, consumed)))
        };
        bad |= process(out, next, |rec, (line_no, line, consumed)| {
            rec.consumed = *consumed;
            jsonl_doc(ctx, extractor, explain, rec, &name, *line_no, line)
        })?;
    }
    Ok(bad)
}

/// A reader that counts the bytes taken from it, for the progress bar.
struct Counted<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.count.set(self.count.get() + amount as u64);
    }
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
fn text_of(rec: &mut Record, name: &str, bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            rec.warn(&format!("{name}: invalid UTF-8 at byte {at}: read as `?`"));
            text.extend(std::iter::repeat_n('?', invalid.len()));
            at += invalid.len();
        }
    }
    text
}

/// Extract from one JSON line; a line that is not a document is a bad
/// record (an error record in json). Blank lines are no documents.
fn jsonl_doc(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    rec: &mut Record,
    file: &str,
    line_no: usize,
    line: &Line,
) -> Result<(), Failure> {
    let parsed = match line {
        Line::Text(line) if line.trim().is_empty() => return Ok(()),
        Line::Text(line) => {
            serde_json::from_str::<serde_json::Value>(line).map_err(|e| format!("not a JSON object: {e}"))
        }
        Line::Bad(_, _) => Err("not UTF-8 text".to_string()),
    };
    let parsed = parsed.and_then(|v| {
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
            if ctx.annotated {
                rec.line(&format!("## {doc}"))?;
            }
            document(ctx, extractor, explain, rec, &doc, &text)
        }
        Err(msg) => {
            let message = format!("{file}:{line_no}: {msg}");
            match ctx.format {
                Format::Json => {
                    rec.json(&json!({ "line": line_no, "error": message }))?;
                    rec.bad = true;
                }
                _ => rec.fail(&message),
            }
            Ok(())
        }
    }
}

/// The output for one document: a record per mention, or the annotated text.
fn document(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    rec: &mut Record,
    doc: &str,
    text: &str,
) -> Result<(), Failure> {
    let mentions = extractor.extract(text);
    if ctx.annotated {
        let marked = annotate(text, &mentions);
        return rec.line(marked.strip_suffix('\n').unwrap_or(&marked));
    }
    let mut chars = CharOffsets::default();
    for m in &mentions {
        let (char_start, char_end) = (chars.at(text, m.start), chars.at(text, m.end));
        mention(ctx, extractor, explain, rec, doc, text, m, (char_start, char_end))?;
    }
    Ok(())
}

/// The text with each mention marked as `[text|id]`; where mentions
/// overlap, the first one is marked. Brackets already in the text are
/// left alone: the output is for reading, not for parsing.
fn annotate(text: &str, mentions: &[Mention]) -> String {
    let mut out = String::with_capacity(text.len() + mentions.len() * 24);
    let mut at = 0;
    for m in mentions {
        if m.start < at {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push('[');
        out.push_str(&text[m.start..m.end]);
        out.push('|');
        out.push_str(m.entity.id());
        out.push(']');
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Byte offsets to char (Unicode scalar value) offsets, counting on from
/// the last offset asked for: mentions come in text order, so a document
/// is counted through once.
#[derive(Default)]
struct CharOffsets {
    byte: usize,
    char: usize,
}

impl CharOffsets {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharOffsets::default();
        }
        self.char += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.char
    }
}

#[allow(clippy::too_many_arguments)]
fn mention(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    out: &mut Record,
    doc: &str,
    text: &str,
    m: &Mention,
    (char_start, char_end): (usize, usize),
) -> Result<(), Failure> {
    let surface = text.get(m.start..m.end).unwrap_or_default();
    match ctx.format {
        Format::Text => out.line(&format!(
            "{}:{}-{}\t{}\t{}\t{}\t{:.2}{}",
            tsv_field(doc),
            m.start,
            m.end,
            tsv_field(surface),
            m.entity.id(),
            m.kind(),
            m.score,
            if m.ambiguous { "\t(ambiguous)" } else { "" }
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
            "char_start": char_start,
            "char_end": char_end,
            "text": surface,
            "id": m.entity.id(),
            "name": m.entity.name(),
            "kind": m.kind(),
            "score": round(m.score),
            "method": m.method,
            "ambiguous": m.ambiguous,
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
