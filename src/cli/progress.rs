//! The progress bar of `nomen extract`: bytes of input done out of the
//! input files' total size, on stderr, for a person watching a long run.
//! It is drawn only when stderr is a terminal and every input is a file of
//! known size; pipelines, logs and tests see no change.

use std::io::{self, IsTerminal};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressStyle};

/// A progress bar, or nothing when none is drawn: every method is then a
/// no-op, so callers never ask whether there is one.
#[derive(Default)]
pub(crate) struct Progress(Option<ProgressBar>);

/// The total size in bytes of `files`, when a bar can show it: every input
/// is a regular file (not stdin `-`, not a pipe or a device) whose size is
/// known, and the total is not zero.
pub(crate) fn total_size(files: &[impl AsRef<Path>]) -> Option<u64> {
    let mut total = 0u64;
    for file in files {
        let file = file.as_ref();
        if file.as_os_str() == "-" {
            return None;
        }
        let meta = std::fs::metadata(file).ok()?;
        if !meta.is_file() {
            return None;
        }
        total = total.saturating_add(meta.len());
    }
    (total > 0).then_some(total)
}

impl Progress {
    /// A bar over `total` bytes, when one is wanted: not turned off
    /// (`--no-progress`), the size is known, and stderr is a terminal.
    pub(crate) fn for_bytes(total: Option<u64>, enabled: bool) -> Progress {
        match total {
            Some(total) if enabled && io::stderr().is_terminal() => {
                let style =
                    ProgressStyle::with_template("{elapsed_precise} {bytes}/{total_bytes} [{bar:30}] {percent}% {bytes_per_sec}, {eta} left")
                        .map(|s| s.progress_chars("=> "))
                        .unwrap_or_else(|_| ProgressStyle::default_bar());
                let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                    .with_style(style)
                    // Gone from the terminal when extraction ends, also on an
                    // error: the messages after it stand alone.
                    .with_finish(ProgressFinish::AndClear);
                // Drawn from the start, and redrawn while a large file is
                // read, so the elapsed time moves before the first file is done.
                bar.tick();
                bar.enable_steady_tick(std::time::Duration::from_millis(500));
                Progress(Some(bar))
            }
            _ => Progress(None),
        }
    }

    /// Whether a bar is drawn.
    pub(crate) fn is_shown(&self) -> bool {
        self.0.is_some()
    }

    /// `bytes` more of the input are done.
    pub(crate) fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(bytes);
        }
    }

    /// Run `f`, which writes to the terminal, with the bar out of its way.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Take the bar off the terminal.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_is_known_only_for_regular_files() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let article = manifest.join("tests/data/seed_article.txt");
        let len = std::fs::metadata(&article).unwrap().len();
        assert_eq!(total_size(&[&article]), Some(len));
        assert_eq!(total_size(&[&article, &article]), Some(2 * len));
        // stdin, a directory, a missing file: no size, no bar.
        assert_eq!(total_size(&[article.as_path(), Path::new("-")]), None);
        assert_eq!(total_size(&[manifest.join("tests")]), None);
        assert_eq!(total_size(&[manifest.join("tests/data/no such file")]), None);
        let none: [&Path; 0] = [];
        assert_eq!(total_size(&none), None);
    }

    #[test]
    fn no_bar_when_turned_off_or_the_size_is_unknown() {
        assert!(!Progress::for_bytes(Some(1000), false).is_shown());
        assert!(!Progress::for_bytes(None, true).is_shown());
        // Without a bar every method does nothing and suspend still runs.
        let none = Progress::default();
        none.advance(10);
        assert_eq!(none.suspend(|| 7), 7);
        none.finish();
    }
}
