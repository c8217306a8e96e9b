//! JSON Lines (`.jsonl`), one article per line.
//!
//! Each line is an object with a required `text` and optional `id`, `url`, `title`,
//! `published`, `outlet`, `language` and `author` (strings; `id` may also be a number).
//! Other fields are ignored. Blank lines are skipped. A bad line (invalid JSON, no `text`,
//! longer than the record limit) yields an error with its line number and the reader goes
//! on with the next line. Lines are read one at a time, so memory use is bounded by the
//! longest line allowed, not the file.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use quotegraph_core::{Article, ArticleMeta, Origin};
use serde::Deserialize;

use crate::error::{Location, ReadError, ReadErrorKind};
use crate::files::{display, stem};
use crate::ReadOptions;

/// The fields read from one line.
#[derive(Deserialize)]
struct Line {
    text: Option<String>,
    id: Option<Id>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    language: Option<String>,
    author: Option<String>,
}

/// Ids come as strings or numbers in the wild.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// A streaming reader of a JSONL file, one [`Article`] (or error) per non-blank line.
#[derive(Debug)]
pub struct JsonlReader<R> {
    reader: R,
    file: PathBuf,
    origin_file: String,
    stem: String,
    opts: ReadOptions,
    /// Number of the last line read (1-based).
    line: u64,
    /// Byte offset of the next line.
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader<BufReader<File>> {
    /// Opens a JSONL file.
    pub fn open(path: impl AsRef<Path>, opts: ReadOptions) -> Result<Self, ReadError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| ReadError::io(path, e))?;
        Ok(JsonlReader::new(
            BufReader::with_capacity(1 << 16, file),
            path,
            opts,
        ))
    }
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads JSONL from `reader`; `file` names it in errors and origins.
    pub fn new(reader: R, file: impl Into<PathBuf>, opts: ReadOptions) -> Self {
        let file = file.into();
        JsonlReader {
            reader,
            origin_file: display(&file),
            stem: stem(&file).unwrap_or_default(),
            file,
            opts,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Reads the next line into `self.buf` (without its line end), keeping at most the record
    /// limit. Returns the line's full length, or `None` at the end of input.
    fn read_line(&mut self) -> std::io::Result<Option<u64>> {
        self.buf.clear();
        let limit = self.opts.record_limit();
        let mut len: u64 = 0;
        let mut saw_any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(saw_any.then_some(len));
            }
            saw_any = true;
            let (take, end) = match memchr_newline(chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            let room = limit.saturating_sub(self.buf.len() as u64) as usize;
            self.buf.extend_from_slice(&chunk[..take.min(room)]);
            len += take as u64;
            let consumed = if end { take + 1 } else { take };
            self.reader.consume(consumed);
            self.offset += consumed as u64;
            if end {
                return Ok(Some(len));
            }
        }
    }

    fn error(&self, line_start: u64, kind: ReadErrorKind) -> ReadError {
        ReadError::new(
            &self.file,
            Some(Location::Line {
                number: self.line,
                offset: line_start,
            }),
            kind,
        )
    }

    fn parse(&self, line_start: u64, bytes: &[u8]) -> Result<Article, ReadError> {
        let line: Line = serde_json::from_slice(bytes)
            .map_err(|e| self.error(line_start, ReadErrorKind::Json(e.to_string())))?;
        let text = match line.text {
            Some(text) if !text.trim().is_empty() => text,
            _ => return Err(self.error(line_start, ReadErrorKind::MissingField("text"))),
        };
        let id = match line.id {
            Some(Id::Text(s)) => s,
            Some(Id::Number(n)) => n.to_string(),
            None => format!("{}:{}", self.stem, self.line),
        };
        Ok(Article {
            text,
            meta: ArticleMeta {
                id: Some(id),
                url: line.url,
                title: line.title,
                author: line.author,
                published: line.published,
                outlet: line.outlet,
                language: line.language,
            },
            origin: Origin {
                file: self.origin_file.clone(),
                record: Some(self.line),
                offset: Some(line_start),
            },
        })
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line_start = self.offset;
            let len = match self.read_line() {
                Ok(Some(len)) => len,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    // An I/O error mid-file: report where, and stop (the stream is unusable).
                    self.done = true;
                    self.line += 1;
                    return Some(Err(self.error(line_start, ReadErrorKind::Io(e))));
                }
            };
            self.line += 1;
            if len > self.opts.record_limit() {
                let kind = ReadErrorKind::RecordTooLarge {
                    size: len,
                    limit: self.opts.record_limit(),
                };
                return Some(Err(self.error(line_start, kind)));
            }
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse(line_start, bytes));
        }
        None
    }
}
