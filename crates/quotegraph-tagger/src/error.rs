//! The crate's error type.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong while reading training data, training, or
/// loading and saving models.
///
/// Every message names the file (and, for data files, the 1-based line)
/// it is about.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An I/O error on a file or directory.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A malformed line in a CoreNLP `.tokens.tsv` file (or a text file
    /// that does not match it).
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number; 0 when the problem is not tied to one line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Model bytes that are not a valid model of the expected kind.
    BadModel {
        /// Where the bytes came from: a file path, or e.g. `"embedded pos.bin"`.
        source: String,
        /// What is wrong.
        message: String,
    },
    /// A training directory without any usable sentence.
    NoData {
        /// The directory.
        path: PathBuf,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn parse(
        path: impl Into<PathBuf>,
        line: usize,
        message: impl Into<String>,
    ) -> Error {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    pub(crate) fn bad_model(source: &str, message: impl Into<String>) -> Error {
        Error::BadModel {
            source: source.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Parse {
                path,
                line: 0,
                message,
            } => write!(f, "{}: {message}", path.display()),
            Error::Parse {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
            Error::BadModel { source, message } => write!(f, "{source}: bad model: {message}"),
            Error::NoData { path } => {
                write!(f, "{}: no training sentences found", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
