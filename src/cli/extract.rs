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
/// output keeps the input order. Input of any size streams: --jsonl is read
/// a batch of documents at a time, and stdin or a text file larger than
/// 16 MiB is read 16 MiB at a time (cut at a paragraph break), still as one
/// document: a surname near its end links to a name at its start.
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

/// Files larger than this, and stdin, are read a piece at a time.
const PIECE: usize = 16 << 20;

/// Each file is one document. Files are processed in parallel, except that
/// stdin and a file larger than [`PIECE`] are read a piece at a time, in
/// bounded memory. Returns whether any was bad.
fn text_files(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    files: &[PathBuf],
    out: &mut Out<impl Write>,
) -> Result<bool, Failure> {
    let large =
        |f: &PathBuf| f.as_os_str() == "-" || std::fs::metadata(f).is_ok_and(|m| m.len() > PIECE as u64);
    let mut bad = false;
    for run in files.chunk_by(|a, b| !large(a) && !large(b)) {
        bad |= match run {
            [one] if large(one) => text_in_pieces(ctx, extractor, explain, one, out)?,
            small => whole_texts(ctx, extractor, explain, small, out)?,
        };
    }
    Ok(bad)
}

/// Each file read whole, on the threads. Returns whether any was bad.
fn whole_texts(
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
            let text = text_of(rec, &name, &bytes, 0);
            let piece = Piece { doc: &name, text: &text, at: (0, 0), last: true };
            document(ctx, explain, rec, &mut extractor.document(), piece)
        },
    )
}

/// One file (or stdin) as one document read a piece at a time: pieces of
/// about [`PIECE`] bytes, cut after a paragraph break (or else a line
/// break, or a space), so that no name is cut. Each piece's output is
/// written before the next is read. Returns whether the file was bad.
fn text_in_pieces(
    ctx: &Context,
    extractor: &Extractor,
    explain: bool,
    file: &PathBuf,
    out: &mut Out<impl Write>,
) -> Result<bool, Failure> {
    let name = file.display().to_string();
    let opened: std::io::Result<Box<dyn Read>> = if name == "-" {
        Ok(Box::new(std::io::stdin().lock()))
    } else {
        std::fs::File::open(file).map(|f| Box::new(f) as Box<dyn Read>)
    };
    let mut rec = Record::default();
    let mut input = match opened {
        Ok(input) => input,
        Err(e) => {
            rec.fail(&format!("{name}: cannot read it: {e}"));
            out.record(&rec)?;
            return Ok(true);
        }
    };
    let mut document_so_far = extractor.document();
    let (mut buf, mut at, mut ended) = (Vec::new(), (0, 0), false);
    loop {
        while !ended && buf.len() < PIECE {
            let wanted = (PIECE - buf.len()) as u64;
            match input.by_ref().take(wanted).read_to_end(&mut buf) {
                Ok(0) => ended = true,
                Ok(_) => {}
                Err(e) => {
                    rec.fail(&format!("{name}: cannot read it: {e}"));
                    out.record(&rec)?;
                    return Ok(true);
                }
            }
        }
        let cut = if ended { buf.len() } else { cut_point(&buf) };
        let rest = buf.split_off(cut);
        let bytes = std::mem::replace(&mut buf, rest);
        rec = Record { consumed: bytes.len() as u64, ..Record::default() };
        let text = text_of(&mut rec, &name, &bytes, at.0);
        let last = ended && buf.is_empty();
        // stdin's mentions are those of document `stdin`.
        let doc = if name == "-" { "stdin" } else { name.as_str() };
        let piece = Piece { doc, text: &text, at, last };
        document(ctx, explain, &mut rec, &mut document_so_far, piece)?;
        out.record(&rec)?;
        at = (at.0 + bytes.len(), at.1 + text.chars().count());
        if last {
            return Ok(rec.bad);
        }
    }
}

/// Where to end a piece of `buf`: after its last paragraph break, or else
/// its last line break, or its last space, or else before its last
/// character (never inside one).
fn cut_point(buf: &[u8]) -> usize {
    let after = |i: usize| i + 1;
    let paragraph = buf.windows(2).rposition(|w| w == b"\n\n").map(|i| i + 2);
    paragraph
        .or_else(|| buf.iter().rposition(|&b| b == b'\n').map(after))
        .or_else(|| buf.iter().rposition(u8::is_ascii_whitespace).map(after))
        .or_else(|| buf.iter().rposition(|&b| !(0x80..0xc0).contains(&b)).filter(|&i| i > 0))
        .unwrap_or(buf.len())
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

/// The text of a document (or of a piece of it starting at byte `at` of
/// the file); each byte of an invalid UTF-8 sequence becomes `?`, so byte
/// offsets into the text are offsets into the file.
fn text_of(rec: &mut Record, name: &str, bytes: &[u8], mut at: usize) -> String {
    // Valid text, as nearly all is, is checked at std's fast pace.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut text = String::with_capacity(bytes.len());
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
            let piece = Piece { doc: &doc, text: &text, at: (0, 0), last: true };
            document(ctx, explain, rec, &mut extractor.document(), piece)
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

/// A document, or a piece of one.
struct Piece<'a> {
    doc: &'a str,
    text: &'a str,
    /// Where the piece starts in the document: bytes, chars.
    at: (usize, usize),
    /// The document's last piece (or the whole of it).
    last: bool,
}

/// The output for a document or a piece of it: a record per mention, or
/// the annotated text.
fn document(
    ctx: &Context,
    explain: bool,
    rec: &mut Record,
    document: &mut nomen::Document,
    piece: Piece,
) -> Result<(), Failure> {
    let text = piece.text;
    let mentions = document.extract(text);
    if ctx.annotated {
        let marked = annotate(text, &mentions);
        if !piece.last {
            rec.text(&marked);
            return Ok(());
        }
        return rec.line(marked.strip_suffix('\n').unwrap_or(&marked));
    }
    let mut chars = CharOffsets::default();
    for m in &mentions {
        let (char_start, char_end) = (chars.at(text, m.start), chars.at(text, m.end));
        let (bytes, chars) = piece.at;
        let span = Span {
            surface: text.get(m.start..m.end).unwrap_or_default(),
            bytes: (bytes + m.start, bytes + m.end),
            chars: (chars + char_start, chars + char_end),
        };
        mention(ctx, explain, rec, piece.doc, m, span)?;
    }
    Ok(())
}

/// Where a mention is in its document.
struct Span<'a> {
    surface: &'a str,
    bytes: (usize, usize),
    chars: (usize, usize),
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

fn mention(
    ctx: &Context,
    explain: bool,
    out: &mut Record,
    doc: &str,
    m: &Mention,
    Span { surface, bytes: (start, end), chars: (char_start, char_end) }: Span,
) -> Result<(), Failure> {
    match ctx.format {
        Format::Text => out.line(&format!(
            "{}:{}-{}\t{}\t{}\t{}\t{}{}",
            tsv_field(doc),
            start,
            end,
            tsv_field(surface),
            m.entity.id(),
            m.kind(),
            super::Decimals(m.score, 2),
            if m.ambiguous { "\t(ambiguous)" } else { "" }
        )),
        Format::Tsv => out.line(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            tsv_field(doc),
            start,
            end,
            tsv_field(surface),
            m.entity.id(),
            tsv_field(m.entity.name()),
            m.kind(),
            super::Decimals(m.score, 4),
            m.method.as_str()
        )),
        Format::Json => {
            let mut v = json!({
            "doc": doc,
            "start": start,
            "end": end,
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
                v["source"] = json!(m.alias.source().to_string());
            }
            out.json(&v)
        }
    }
}
