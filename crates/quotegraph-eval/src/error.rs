//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong reading gold or predictions.
///
/// Every message names the file (and, where it applies, the 1-based line).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid UTF-8 (the Python reads everything as strict UTF-8).
    #[error("{}:{line}: invalid UTF-8 at byte {byte}", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 0-based byte offset of the first invalid byte.
        byte: usize,
    },
    /// A prediction line (or a speaker key file) is not valid JSON.
    #[error("{file}:{line}: invalid JSON: {source}")]
    Json {
        /// The prediction file (or `<predictions>` for a reader), or the key file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// A prediction line is valid JSON but not a valid prediction.
    #[error("{file}:{line}: {message}")]
    Prediction {
        /// The prediction file (or `<predictions>` for a reader).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A speaker key file is valid JSON but not a valid key.
    #[error("{}: {message}", path.display())]
    Key {
        /// The key file (or the key directory).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// An unknown scoring unit name (expected `token` or `char`).
    #[error("unknown unit {0:?} (expected \"token\" or \"char\")")]
    UnknownUnit(String),
}

impl EvalError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> EvalError {
        EvalError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Reads a file as strict UTF-8, keeping a BOM and `\r` as they are (like
/// Python's `open(path, encoding="utf-8", newline="")`).
pub(crate) fn read_utf8(path: &std::path::Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..byte].iter().filter(|&&b| b == b'\n').count();
        EvalError::Encoding {
            path: path.to_path_buf(),
            line,
            byte,
        }
    })
}
