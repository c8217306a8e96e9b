//! The one error type of this crate: what went wrong, in which file, and where in it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file a problem was found.
///
/// Numbers are 1-based (lines, records); byte offsets are 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// A line of a line-oriented file (JSONL), 1-based, with the byte offset of its start.
    Line {
        /// 1-based line number.
        number: u64,
        /// Byte offset of the start of the line.
        offset: u64,
    },
    /// A record of a WARC file or an entry of a feed, 1-based.
    Record {
        /// 1-based record number.
        number: u64,
        /// Byte offset in the file where the record can be read from, when there is one
        /// (see [`crate::warc`] for what it means in each layout).
        offset: Option<u64>,
    },
    /// A byte offset in the file as stored on disk.
    Offset(u64),
    /// A byte offset in the decompressed stream of a compressed file.
    DecompressedOffset(u64),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Location::Line { number, .. } => write!(f, "line {number}"),
            Location::Record {
                number,
                offset: Some(offset),
            } => write!(f, "record {number} (byte {offset})"),
            Location::Record {
                number,
                offset: None,
            } => write!(f, "record {number}"),
            Location::Offset(offset) => write!(f, "byte {offset}"),
            Location::DecompressedOffset(offset) => {
                write!(f, "byte {offset} of the decompressed data")
            }
        }
    }
}

/// What kind of problem a [`ReadError`] reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The operating system refused or failed a read.
    #[error("cannot read: {0}")]
    Io(#[source] std::io::Error),
    /// The text is not valid UTF-8; the location gives the first bad byte.
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// The file (or record) holds no text at all.
    #[error("empty file")]
    Empty,
    /// The file is larger than the configured limit and was not read.
    #[error("file is {size} bytes, above the limit of {limit} bytes")]
    FileTooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A record or line is larger than the configured limit and was skipped.
    #[error("record is {size} bytes, above the limit of {limit} bytes; skipped")]
    RecordTooLarge {
        /// Size of the record in bytes (as declared, or as far as it was read).
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A JSON line could not be parsed.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A required field is absent or empty.
    #[error("missing or empty field `{0}`")]
    MissingField(&'static str),
    /// A WARC record or an HTTP message inside it is malformed.
    #[error("malformed record: {0}")]
    Malformed(String),
    /// Compressed data is corrupt.
    #[error("corrupt compressed data: {0}")]
    Corrupt(String),
    /// The file ends in the middle of a record or of a compressed member.
    #[error("file is truncated: {0}")]
    Truncated(String),
    /// A feed could not be parsed.
    #[error("invalid feed: {0}")]
    Feed(String),
    /// No article text could be extracted from a page.
    #[error("no article text found: {0}")]
    NoContent(String),
    /// The file's format is not one this crate reads.
    #[error(
        "unrecognised format (expected .txt, .jsonl, .html, .warc, .warc.gz or an RSS/Atom feed)"
    )]
    UnknownFormat,
}

/// An error reading outside input: the file, where in it, and what went wrong.
///
/// Its `Display` reads like `news/a.jsonl: line 3: invalid JSON: expected value at column 1`.
/// Readers yield it as one item of their iterator and go on with the next record where the
/// format allows (see each reader's docs for when it stops instead).
#[derive(Debug)]
pub struct ReadError {
    file: PathBuf,
    location: Option<Location>,
    kind: ReadErrorKind,
}

impl ReadError {
    /// A new error about `file`.
    pub fn new(file: impl Into<PathBuf>, location: Option<Location>, kind: ReadErrorKind) -> Self {
        ReadError {
            file: file.into(),
            location,
            kind,
        }
    }

    /// An I/O error about `file` with no more precise location.
    pub(crate) fn io(file: &Path, err: std::io::Error) -> Self {
        ReadError::new(file, None, ReadErrorKind::Io(err))
    }

    /// The file the error is about.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where in the file, when known.
    pub fn location(&self) -> Option<Location> {
        self.location
    }

    /// What went wrong.
    pub fn kind(&self) -> &ReadErrorKind {
        &self.kind
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(location) = &self.location {
            write!(f, ": {location}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_location_and_problem() {
        let e = ReadError::new(
            "news/a.jsonl",
            Some(Location::Line {
                number: 3,
                offset: 120,
            }),
            ReadErrorKind::Json("expected value".into()),
        );
        assert_eq!(
            e.to_string(),
            "news/a.jsonl: line 3: invalid JSON: expected value"
        );
        let e = ReadError::new(
            "cc.warc.gz",
            Some(Location::Record {
                number: 7,
                offset: Some(4096),
            }),
            ReadErrorKind::Malformed("no Content-Length".into()),
        );
        assert_eq!(
            e.to_string(),
            "cc.warc.gz: record 7 (byte 4096): malformed record: no Content-Length"
        );
        let e = ReadError::new(
            "a.txt",
            Some(Location::Offset(17)),
            ReadErrorKind::InvalidUtf8,
        );
        assert_eq!(e.to_string(), "a.txt: byte 17: invalid UTF-8");
    }
}
