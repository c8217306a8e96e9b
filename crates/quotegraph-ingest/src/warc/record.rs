//! WARC records: version line, headers, a body of `Content-Length` bytes.
//!
//! Tolerant where files in the wild differ from the standard (bare `\n` line ends, extra blank
//! lines between records, header continuation lines), strict where guessing would be wrong
//! (a record must start with `WARC/` and declare its `Content-Length`). A malformed record
//! yields an error, then the reader skips to the next gzip member or the next line that starts
//! with `WARC/`. Records above the size limit are skipped without being held in memory.
//! Broken compression or a file cut short ends the iteration with an error.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::input::{Input, Source};
use crate::error::{Location, ReadError, ReadErrorKind};
use crate::ReadOptions;

/// A record's version line and header fields.
type Head = (String, Vec<(String, String)>);

/// Longest version or header line kept.
const MAX_LINE: usize = 64 << 10;
/// Most header bytes in one record.
const MAX_HEADER_BYTES: usize = 1 << 20;

/// One WARC record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcRecord {
    /// 1-based number of the record in its file.
    pub number: u64,
    /// Where the record can be read from again: for a plain file the offset of its first byte;
    /// for a gzip file written one member per record (Common Crawl's layout) the offset of its
    /// member in the compressed file; `None` for a record that does not start a gzip member.
    pub offset: Option<u64>,
    /// The version line, such as `WARC/1.1`.
    pub version: String,
    /// Header fields in file order, names as written.
    pub headers: Vec<(String, String)>,
    /// The record block (for a `response` record: the HTTP message).
    pub body: Vec<u8>,
}

impl WarcRecord {
    /// The first value of a header field, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `WARC-Type`, such as `response` or `warcinfo`.
    pub fn record_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }
}

/// A streaming reader of the records of a WARC file: plain, gzip with one member per record,
/// or gzip as a single member.
pub struct WarcRecords<R> {
    input: Input<R>,
    file: PathBuf,
    opts: ReadOptions,
    number: u64,
    /// Decompressed offset just after the last record read in full.
    last_end: u64,
    line: Vec<u8>,
    /// After a malformed record: skip to the next record start before reading.
    resync_from: Option<u64>,
    /// The segment the current record started in, and whether it started the segment.
    record_segment: u64,
    record_starts_segment: bool,
    done: bool,
}

impl WarcRecords<BufReader<File>> {
    /// Opens a WARC file (`.warc` or `.warc.gz`; compression is recognised by its bytes).
    pub fn open(path: impl AsRef<Path>, opts: ReadOptions) -> Result<Self, ReadError> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| ReadError::io(path, e))?;
        WarcRecords::new(BufReader::with_capacity(1 << 16, file), path, opts)
    }
}

impl<R: BufRead> WarcRecords<R> {
    /// Reads WARC data from `reader`; `file` names it in errors and origins.
    pub fn new(reader: R, file: impl Into<PathBuf>, opts: ReadOptions) -> Result<Self, ReadError> {
        let file = file.into();
        let src = Source::new(reader).map_err(|e| ReadError::io(&file, e))?;
        Ok(WarcRecords {
            input: Input::new(src),
            file,
            opts,
            number: 0,
            last_end: 0,
            line: Vec::new(),
            resync_from: None,
            record_segment: 0,
            record_starts_segment: false,
            done: false,
        })
    }

    /// The file name given at construction.
    pub fn file(&self) -> &Path {
        &self.file
    }

    fn error_at(&self, offset: Option<u64>, kind: ReadErrorKind) -> ReadError {
        let location = Location::Record {
            number: self.number,
            offset,
        };
        ReadError::new(&self.file, Some(location), kind)
    }

    /// An I/O error from the source: for gzip input, broken or truncated compression.
    /// Reading cannot go on after it.
    fn source_error(&mut self, e: io::Error) -> ReadError {
        self.done = true;
        if !self.input.is_gzip() {
            let kind = if e.kind() == io::ErrorKind::UnexpectedEof {
                ReadErrorKind::Truncated(e.to_string())
            } else {
                ReadErrorKind::Io(e)
            };
            return ReadError::new(&self.file, Some(Location::Offset(self.last_end)), kind);
        }
        let member = self.input.segment_start();
        let detail = format!(
            "in the gzip member at byte {member} ({e}); the last complete record ends at byte {} \
             of the decompressed data",
            self.last_end
        );
        let kind = match e.kind() {
            io::ErrorKind::UnexpectedEof => ReadErrorKind::Truncated(detail),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
                ReadErrorKind::Corrupt(detail)
            }
            _ => ReadErrorKind::Io(e),
        };
        // With one record per member, the broken member starts right after the last complete
        // record, in the compressed file; inside a member holding many records, only the
        // decompressed offset says where the good data ends.
        let own_member =
            self.input.segment_index() != self.record_segment || self.record_starts_segment;
        let location = if own_member {
            Location::Offset(member)
        } else {
            Location::DecompressedOffset(self.last_end)
        };
        ReadError::new(&self.file, Some(location), kind)
    }

    /// Skips blank lines; returns false at the end of input.
    fn skip_blank(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.input.fill()?;
            let Some(&first) = buf.first() else {
                return Ok(false);
            };
            if first != b'\r' && first != b'\n' {
                return Ok(true);
            }
            let n = buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            self.input.consume(n);
        }
    }

    /// After a malformed record: skips to the start of the next gzip member or the next line
    /// that starts with `WARC/`, whichever comes first.
    fn resync(&mut self, segment: u64) -> io::Result<()> {
        loop {
            if self.input.fill()?.is_empty() {
                return Ok(());
            }
            if self.input.segment_index() != segment && self.input.at_segment_start() {
                return Ok(());
            }
            if self.input.peek(5)?.starts_with(b"WARC/") {
                return Ok(());
            }
            self.input.skip_line()?;
        }
    }

    /// Reads one record's version line and headers. `Ok(Err(kind))` is a malformed record.
    fn read_head(&mut self) -> io::Result<Result<Head, ReadErrorKind>> {
        let truncated = || ReadErrorKind::Truncated("the file ends inside a record header".into());
        let Some((_, _)) = self.input.read_line(&mut self.line, MAX_LINE)? else {
            return Ok(Err(truncated()));
        };
        if !self.line.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).into_owned();
            return Ok(Err(ReadErrorKind::Malformed(format!(
                "expected a `WARC/1.x` version line, found {shown:?}"
            ))));
        }
        let version = String::from_utf8_lossy(&self.line).trim().to_string();
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0;
        loop {
            let Some((len, newline)) = self.input.read_line(&mut self.line, MAX_LINE)? else {
                return Ok(Err(truncated()));
            };
            if !newline {
                return Ok(Err(truncated()));
            }
            header_bytes += len;
            if len > MAX_LINE || header_bytes > MAX_HEADER_BYTES {
                return Ok(Err(ReadErrorKind::Malformed("header too long".into())));
            }
            if self.line.is_empty() {
                return Ok(Ok((version, headers)));
            }
            let line = String::from_utf8_lossy(&self.line);
            if line.starts_with([' ', '\t']) {
                // A continuation line belongs to the previous field.
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                    continue;
                }
            }
            let Some((name, value)) = line.split_once(':') else {
                return Ok(Err(ReadErrorKind::Malformed(format!(
                    "header line without a colon: {:?}",
                    &line[..line.len().min(40)]
                ))));
            };
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// Reads the next record. `Ok(None)` at the end of input.
    fn read_record(&mut self) -> Result<Option<WarcRecord>, ReadError> {
        if let Some(segment) = self.resync_from.take() {
            self.resync(segment).map_err(|e| self.source_error(e))?;
        }
        if !self.skip_blank().map_err(|e| self.source_error(e))? {
            return Ok(None);
        }
        self.number += 1;
        let offset = if !self.input.is_gzip() {
            Some(self.input.total())
        } else if self.input.at_segment_start() {
            Some(self.input.segment_start())
        } else {
            None
        };
        let segment = self.input.segment_index();
        self.record_segment = segment;
        self.record_starts_segment = self.input.at_segment_start();
        let (version, headers) = match self.read_head().map_err(|e| self.source_error(e))? {
            Ok(head) => head,
            Err(kind) => {
                if matches!(kind, ReadErrorKind::Truncated(_)) {
                    self.done = true;
                } else {
                    self.resync_from = Some(segment);
                }
                return Err(self.error_at(offset, kind));
            }
        };
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, v)| v.parse::<u64>());
        let length = match length {
            Some(Ok(n)) => n,
            Some(Err(_)) | None => {
                self.resync_from = Some(segment);
                let why = "missing or invalid Content-Length".to_string();
                return Err(self.error_at(offset, ReadErrorKind::Malformed(why)));
            }
        };
        let limit = self.opts.record_limit();
        let mut body = Vec::new();
        let got = if length > limit {
            self.input.skip(length)
        } else {
            body.reserve_exact(length as usize);
            self.input.read_into(&mut body, length)
        }
        .map_err(|e| self.source_error(e))?;
        if got < length {
            self.done = true;
            let why = format!("the record body ends after {got} of {length} bytes");
            return Err(self.error_at(offset, ReadErrorKind::Truncated(why)));
        }
        self.last_end = self.input.total();
        if length > limit {
            let kind = ReadErrorKind::RecordTooLarge {
                size: length,
                limit,
            };
            return Err(self.error_at(offset, kind));
        }
        Ok(Some(WarcRecord {
            number: self.number,
            offset,
            version,
            headers,
            body,
        }))
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<WarcRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => Some(Err(e)),
        }
    }
}
