//! The one error type of the library.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in nomen: a bad alias table, an unknown
/// transliteration scheme, an unreadable file.
///
/// Errors are opaque; ask [`Error::kind`] what happened. `Display` prints a
/// message meant for the person who has to fix the input, prefixed with
/// `file:line:` when the error comes from a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
}

/// What kind of error an [`Error`] is.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// An alias table (or a transliteration scheme file) has a malformed row,
    /// header or encoding. The error carries the file and line.
    Table,
    /// A name was asked for that does not exist, e.g. an unknown scheme ID.
    NotFound,
    /// A file could not be read.
    Io,
    /// An input record (a document, a JSON line) could not be processed.
    Input,
}

/// Where in a file an error was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file (or the name given to an in-memory table).
    pub file: PathBuf,
    /// 1-based line number; 0 when the error concerns the whole file.
    pub line: usize,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), location: None }
    }

    pub(crate) fn table(file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Table,
            message: message.into(),
            location: Some(Location { file: file.into(), line }),
        }
    }

    pub(crate) fn io(path: &std::path::Path, err: &std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io,
            message: format!("cannot read it: {err}"),
            location: Some(Location { file: path.to_path_buf(), line: 0 }),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file and line the error points at, if it comes from a file.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The message without the location prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(Location { file, line: 0 }) => write!(f, "{}: {}", file.display(), self.message),
            Some(Location { file, line }) => {
                write!(f, "{}:{}: {}", file.display(), line, self.message)
            }
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
