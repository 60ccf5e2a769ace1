//! Command-line parsing and the pieces every subcommand shares: loading the
//! registry, reading records from arguments or stdin, writing output.
//! One file per subcommand; each parses nothing and prints what the library
//! returns.

mod eval;
mod extract;
mod normalize;
mod progress;
mod resolve;
mod schemes;
mod tables;
mod translit;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use nomen::Registry;

/// Make names of people, places and organisations comparable across
/// languages and scripts.
///
/// Every spelling of a name (Zelenskyy, Zelensky, Selenskyj, Зеленський,
/// 泽连斯基) maps to one ID from the alias tables: the built-in ones, and
/// your own given with --tables.
///
/// Commands that take TEXT or NAME arguments read standard input when none
/// are given, one record per line, and write exactly one output line per
/// input line, in order.
#[derive(Debug, Parser)]
#[command(name = "nomen", version, max_term_width = 100)]
#[command(after_help = "Examples:
  nomen resolve Zelenskiy 'Xi Jinping' Киев
  nomen --format json extract tests/data/seed_article.txt
  nomen translit --scheme uk_kmu_2010 'Згорани'
  cut -f2 names.tsv | nomen --format tsv resolve > resolved.tsv
  nomen --tables my_people.tsv tables check
  nomen eval resolve --registry R.tsv --queries Q.tsv

Exit codes: 0 success (also when nothing was found), 2 bad input or usage.

The first run with a set of tables builds its index (about 2 s for the
built-in tables) and keeps it in $NOMEN_CACHE_DIR (default
~/.cache/nomen; empty: keep none); later runs with the same tables load it
in milliseconds.")]
struct Cli {
    /// Add an alias table (a TSV file, or a directory of *.tsv files) on top
    /// of the built-in tables; repeat to layer several, later ones win.
    #[arg(long = "tables", value_name = "PATH", global = true)]
    tables: Vec<PathBuf>,

    /// Leave out the built-in tables (use only --tables).
    #[arg(long, global = true)]
    no_builtin: bool,

    /// Output format: text for people, json (one object per line) or tsv
    /// (no header; columns listed in each command's --help) for programs;
    /// annotated (extract only): the text itself with each name marked.
    #[arg(long, value_enum, default_value_t = FormatArg::Text, global = true)]
    format: FormatArg,

    /// Flush every output line at once, for a program that writes a line
    /// and waits for the answer (the default when stdout is a terminal).
    #[arg(long, global = true)]
    line_buffered: bool,

    /// Process records on N threads (0: one per core). Output stays in
    /// input order whatever N is.
    #[arg(long, value_name = "N", default_value_t = 0, global = true)]
    threads: usize,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Tsv,
    Annotated,
}

/// The output format of records. `--format annotated` is not one: it
/// prints documents, not records, and only extract has documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
    Tsv,
}

#[derive(Debug, Subcommand)]
enum Command {
    Translit(translit::Args),
    Normalize(normalize::Args),
    Resolve(resolve::Args),
    Extract(extract::Args),
    Schemes(schemes::Args),
    Tables(tables::Args),
    Eval(eval::Args),
}

/// What every subcommand gets.
pub(crate) struct Context {
    pub(crate) format: Format,
    /// `--format annotated` (extract).
    pub(crate) annotated: bool,
    tables: Vec<PathBuf>,
    no_builtin: bool,
}

impl Context {
    /// The registry: built-in tables (unless --no-builtin), then --tables.
    /// It lives until the process ends: freeing its hundreds of thousands
    /// of names one by one at exit would cost a short command most of its
    /// time.
    pub(crate) fn registry(&self, extra: &[PathBuf]) -> Result<&'static Registry, Failure> {
        let mut builder = Registry::builder();
        if self.no_builtin {
            builder = builder.no_builtin();
        }
        for path in self.tables.iter().chain(extra) {
            builder = builder.add_path(path);
        }
        if let Some(dir) = cache_dir() {
            builder = builder.cache(dir);
        }
        builder.build().map(|r| &*Box::leak(Box::new(r))).map_err(|e| Failure::Usage(e.to_string()))
    }

    /// Commands that use no tables still refuse bad ones given to them: a
    /// wrong --tables path in a script should not go unnoticed.
    pub(crate) fn check_tables(&self) -> Result<(), Failure> {
        if self.tables.is_empty() { Ok(()) } else { self.registry(&[]).map(drop) }
    }
}

/// Where built registries are kept between runs: `$NOMEN_CACHE_DIR` (set
/// it empty to keep none), else `$XDG_CACHE_HOME/nomen`, else
/// `~/.cache/nomen`.
fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    match std::env::var_os("NOMEN_CACHE_DIR") {
        Some(dir) if dir.is_empty() => None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache"))).map(|d| d.join("nomen"))
        }
    }
}

/// Why a command stopped or finished with errors.
pub(crate) enum Failure {
    /// Bad usage or input that stops the command: printed, exit 2.
    Usage(String),
    /// Some records were bad and reported as they came; exit 2.
    BadRecords,
    /// A check found something to change (`tables fmt --check`): exit 1.
    Changes,
    /// stdout was closed (`nomen … | head`): stop quietly.
    Closed,
    /// Writing failed otherwise.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe { Failure::Closed } else { Failure::Io(e) }
    }
}

pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("nomen: {}", usage_error_line(&e));
            return ExitCode::from(2);
        }
    };
    if cli.threads > 0 {
        // Only fails when a pool exists already, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(cli.threads).build_global();
    }
    let format = match cli.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Annotated if matches!(cli.command, Command::Extract(_)) => Format::Text,
        FormatArg::Annotated => {
            eprintln!("nomen: --format annotated marks names in text: it is for `nomen extract` only");
            return ExitCode::from(2);
        }
    };
    let ctx = Context {
        format,
        annotated: cli.format == FormatArg::Annotated,
        tables: cli.tables,
        no_builtin: cli.no_builtin,
    };
    let stdout = io::stdout();
    let mut out = Out::new(stdout.lock(), cli.line_buffered);
    let result = match cli.command {
        Command::Translit(args) => translit::run(&ctx, args, &mut out),
        Command::Normalize(args) => normalize::run(&ctx, args, &mut out),
        Command::Resolve(args) => resolve::run(&ctx, args, &mut out),
        Command::Extract(args) => extract::run(&ctx, args, &mut out),
        Command::Schemes(args) => schemes::run(&ctx, args, &mut out),
        Command::Tables(args) => tables::run(&ctx, args, &mut out),
        Command::Eval(args) => eval::run(&ctx, args, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) | Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::BadRecords) => ExitCode::from(2),
        Err(Failure::Changes) => ExitCode::from(1),
        Err(Failure::Usage(msg)) => {
            eprintln!("nomen: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => {
            eprintln!("nomen: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// A usage error as one line that says what is wrong and where to read
/// more: clap's own rendering spans several lines (usage, tips), which a
/// script's log or a person scanning stderr should not have to piece
/// together.
fn usage_error_line(e: &clap::Error) -> String {
    use clap::CommandFactory;
    let rendered = e.render().to_string();
    let mut lines = rendered.lines().map(str::trim).skip_while(|l| l.is_empty());
    let first = lines.next().map(|l| l.strip_prefix("error: ").unwrap_or(l)).unwrap_or("bad usage");
    // "the following required arguments were not provided:" names them
    // on the lines after it.
    let what = match first.strip_suffix(':') {
        Some(intro) => {
            let named: Vec<&str> = lines.take_while(|l| !l.is_empty()).collect();
            format!("{intro}: {}", named.join(", "))
        }
        None => first.to_string(),
    };
    // The subcommand given, if any, to point at its own --help.
    let cmd = Cli::command();
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    let sub = std::env::args().skip(1).find(|a| names.contains(a));
    let help = match &sub {
        Some(s) => format!("nomen {s} --help"),
        None => "nomen --help".to_string(),
    };
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let inner: Vec<&str> = sub
            .as_deref()
            .and_then(|s| cmd.find_subcommand(s))
            .map(|c| c.get_subcommands().map(|c| c.get_name()).collect())
            .unwrap_or_else(|| names.iter().map(String::as_str).collect());
        return format!("a command is needed, one of {}: see `{help}`", inner.join(", "));
    }
    format!("{what} (see `{help}`)")
}

/// Buffered stdout that flushes every line when a person is watching.
pub(crate) struct Out<W: Write> {
    inner: io::BufWriter<W>,
    line_buffered: bool,
    /// stdout is a terminal: output lines and a progress bar share it.
    terminal: bool,
    /// Advanced by each record's input bytes as the record is written.
    pub(crate) progress: progress::Progress,
}

impl<W: Write> Out<W> {
    fn new(w: W, line_buffered: bool) -> Self {
        let terminal = io::stdout().is_terminal();
        Out {
            inner: io::BufWriter::new(w),
            line_buffered: line_buffered || terminal,
            terminal,
            progress: progress::Progress::default(),
        }
    }

    pub(crate) fn line(&mut self, text: &str) -> Result<(), Failure> {
        self.inner.write_all(text.as_bytes())?;
        self.inner.write_all(b"\n")?;
        if self.line_buffered {
            self.inner.flush()?;
        }
        Ok(())
    }

    pub(crate) fn json(&mut self, value: &serde_json::Value) -> Result<(), Failure> {
        self.line(&value.to_string())
    }

    /// Write a processed record: its notes to stderr, its output to stdout.
    fn record(&mut self, rec: &Record) -> Result<(), Failure> {
        let progress = std::mem::take(&mut self.progress);
        // A bar on the terminal is taken off while text is written there.
        let result = if progress.is_shown() && (self.terminal || !rec.notes.is_empty()) {
            progress.suspend(|| self.write_record(rec))
        } else {
            self.write_record(rec)
        };
        progress.advance(rec.consumed);
        self.progress = progress;
        result
    }

    fn write_record(&mut self, rec: &Record) -> Result<(), Failure> {
        if !rec.notes.is_empty() {
            // Flushed first so that a message and the output near it appear together.
            self.inner.flush()?;
            eprint!("{}", rec.notes);
        }
        self.inner.write_all(rec.out.as_bytes())?;
        if self.line_buffered {
            self.inner.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The output of one record, gathered apart from stdout so that records
/// can be processed in parallel and still be written in input order.
#[derive(Default)]
pub(crate) struct Record {
    out: String,
    /// Messages for stderr, printed when the record is written.
    notes: String,
    /// The record could not be (fully) processed: the command exits 2.
    pub(crate) bad: bool,
    /// Bytes of input this record stands for, for the progress bar.
    pub(crate) consumed: u64,
}

impl Record {
    /// Output as it is, with no line break added.
    pub(crate) fn text(&mut self, text: &str) {
        self.out.push_str(text);
    }

    pub(crate) fn line(&mut self, text: &str) -> Result<(), Failure> {
        self.out.push_str(text);
        self.out.push('\n');
        Ok(())
    }

    pub(crate) fn json(&mut self, value: &serde_json::Value) -> Result<(), Failure> {
        self.line(&value.to_string())
    }

    /// Report a problem with this record on stderr and mark it bad.
    pub(crate) fn fail(&mut self, message: &str) {
        self.notes.push_str("nomen: ");
        self.notes.push_str(message);
        self.notes.push('\n');
        self.bad = true;
    }

    /// A note on stderr that does not make the record bad.
    pub(crate) fn warn(&mut self, message: &str) {
        self.notes.push_str("nomen: ");
        self.notes.push_str(message);
        self.notes.push('\n');
    }
}

/// Run `f` over every input from `next`, in parallel batches, writing each
/// record's output in input order. Returns whether any record was bad.
///
/// A batch is one record when output is line-buffered: a program that
/// writes a line and waits for its answer must get it before sending more.
pub(crate) fn process<W: Write, T: Send + Sync>(
    out: &mut Out<W>,
    mut next: impl FnMut() -> Result<Option<T>, Failure>,
    f: impl Fn(&mut Record, &T) -> Result<(), Failure> + Sync,
) -> Result<bool, Failure> {
    use rayon::prelude::*;
    let batch_len = if out.line_buffered { 1 } else { 256 * rayon::current_num_threads() };
    let mut bad = false;
    let mut batch = Vec::with_capacity(batch_len);
    loop {
        batch.clear();
        while batch.len() < batch_len {
            match next()? {
                Some(input) => batch.push(input),
                None => break,
            }
        }
        if batch.is_empty() {
            return Ok(bad);
        }
        let done: Vec<Result<Record, Failure>> = batch
            .par_iter()
            .map(|input| {
                let mut rec = Record::default();
                f(&mut rec, input).map(|()| rec)
            })
            .collect();
        for rec in done {
            let rec = rec?;
            bad |= rec.bad;
            out.record(&rec)?;
        }
    }
}

/// One record of line-oriented input: the line, or why it is not text.
pub(crate) enum Line {
    Text(String),
    /// Not UTF-8: the lossy text and the message for its error record.
    Bad(String, String),
}

/// Call `f` with each record: every argument, or else every stdin line.
/// A stdin line that is not UTF-8 becomes an error record ([`bad_record`])
/// and makes the command end with [`Failure::BadRecords`] once every line
/// has had its output.
pub(crate) fn for_each_record<W: Write>(
    ctx: &Context,
    out: &mut Out<W>,
    args: &[String],
    f: impl Fn(&mut Record, &str) -> Result<(), Failure> + Sync,
) -> Result<(), Failure> {
    let run = |rec: &mut Record, line: &Line| match line {
        Line::Text(s) => f(rec, s),
        Line::Bad(lossy, message) => bad_record(ctx, rec, lossy, message),
    };
    let bad = if args.is_empty() {
        let stdin = io::stdin();
        process(out, lines(stdin.lock()), run)?
    } else {
        let mut args = args.iter();
        process(out, || Ok(args.next().map(|a| Line::Text(a.clone()))), run)?
    };
    if bad { Err(Failure::BadRecords) } else { Ok(()) }
}

/// The lines of `input` as records: a line ends at `\n`, a `\r` before it
/// and a byte order mark before the first are not part of it.
pub(crate) fn lines(mut input: impl BufRead) -> impl FnMut() -> Result<Option<Line>, Failure> {
    let mut line_no = 0;
    move || {
        let mut buf = Vec::new();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| Failure::Usage(format!("cannot read the input: {e}")))?;
        if n == 0 {
            return Ok(None);
        }
        line_no += 1;
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = if line_no == 1 { line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line) } else { line };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        Ok(Some(match std::str::from_utf8(line) {
            Ok(s) => Line::Text(s.to_string()),
            Err(e) => Line::Bad(
                String::from_utf8_lossy(line).into_owned(),
                format!("line {line_no}: invalid UTF-8 at byte {} of the line", e.valid_up_to()),
            ),
        }))
    }
}

/// Report a bad record: an error record in JSON, an empty line (to keep one
/// line per record) in text and TSV with the message on stderr.
fn bad_record(ctx: &Context, rec: &mut Record, input: &str, message: &str) -> Result<(), Failure> {
    match ctx.format {
        Format::Json => {
            rec.bad = true;
            rec.json(&serde_json::json!({ "input": input, "error": message }))
        }
        Format::Text | Format::Tsv => {
            rec.fail(message);
            rec.line("")
        }
    }
}

/// Escape a field for TSV output: tabs and newlines would break the row.
pub(crate) fn tsv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) { s.replace(['\t', '\n', '\r'], " ").into() } else { s.into() }
}

/// A score written with `.1` decimals, as `{:.N}` writes it but through
/// integers: the float formatter's exact mode falls back to bignum
/// arithmetic, which took a fifth of `nomen extract`'s time.
pub(crate) struct Decimals(pub f64, pub usize);

impl std::fmt::Display for Decimals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Decimals(x, digits) = *self;
        let scale = 10u64.pow(digits as u32);
        if !(0.0..1e6).contains(&x) || digits > 9 {
            return write!(f, "{x:.digits$}");
        }
        let n = (x * scale as f64).round() as u64;
        write!(f, "{}.{:0digits$}", n / scale, n % scale)
    }
}

#[cfg(test)]
mod tests {
    use super::Decimals;

    #[test]
    fn decimals_write_what_the_float_formatter_writes() {
        // Away from ties (where either rounding is right) the two agree.
        for k in 0..=20_000 {
            let x = k as f64 / 20_000.0 + 1e-7;
            assert_eq!(Decimals(x, 2).to_string(), format!("{x:.2}"), "{x}");
            assert_eq!(Decimals(x, 4).to_string(), format!("{x:.4}"), "{x}");
        }
        assert_eq!(Decimals(1.0, 2).to_string(), "1.00");
        assert_eq!(Decimals(0.0, 4).to_string(), "0.0000");
        assert_eq!(Decimals(-0.5, 2).to_string(), "-0.50");
        assert_eq!(Decimals(f64::NAN, 2).to_string(), "NaN");
    }
}
