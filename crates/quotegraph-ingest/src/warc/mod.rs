//! WARC files (`.warc`, `.warc.gz`): the HTML pages of `response` records, as articles.
//!
//! Three layouts are read, recognised by their first bytes rather than their name:
//! - plain WARC;
//! - gzip with one member per record, as Common Crawl writes it;
//! - gzip as a single member.
//!
//! Each article's [`Origin`] names the file, the record number (1-based, counting every
//! record) and, when there is one, the offset to read the record from again: the record's
//! first byte in a plain file, or the start of its gzip member in the compressed file (with
//! the record's length, Common Crawl's own way of pointing at a record). A record inside a
//! single-member gzip file has no such offset.
//!
//! Only `response` records whose HTTP status is 2xx and whose payload is HTML
//! (`Content-Type`, else `WARC-Identified-Payload-Type`, else the first bytes) become
//! articles; other records are counted in [`WarcStats`] and passed over silently. The
//! payload is de-chunked and decompressed (gzip, deflate) when the crawler stored it so,
//! decoded (HTTP charset, then the page's own) and extracted as in [`crate::html`]. The
//! record's `WARC-Target-URI` is the article URL, `WARC-Record-ID` its id, and `WARC-Date`
//! stands in for the publication date when the page gives none.

mod http;
mod input;
mod record;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use quotegraph_core::{Article, Origin};

pub use record::{WarcRecord, WarcRecords};

use crate::error::{Location, ReadError, ReadErrorKind};
use crate::files::display;
use crate::pending::Page;
use crate::ReadOptions;

/// Counts of what a [`WarcReader`] has seen so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WarcStats {
    /// Records read (including malformed ones).
    pub records: u64,
    /// `response` records with an HTTP message.
    pub responses: u64,
    /// Responses with status 2xx and an HTML payload.
    pub html: u64,
    /// Articles produced.
    pub articles: u64,
    /// Errors yielded.
    pub errors: u64,
}

/// A streaming reader of the articles in a WARC file.
pub struct WarcReader<R> {
    records: WarcRecords<R>,
    origin_file: String,
    opts: ReadOptions,
    stats: WarcStats,
}

impl WarcReader<BufReader<File>> {
    /// Opens a WARC file (plain or gzip, recognised by its bytes).
    pub fn open(path: impl AsRef<Path>, opts: ReadOptions) -> Result<Self, ReadError> {
        Ok(WarcReader::from_records(
            WarcRecords::open(path, opts)?,
            opts,
        ))
    }
}

impl<R: BufRead> WarcReader<R> {
    /// Reads WARC data from `reader`; `file` names it in errors and origins.
    pub fn new(
        reader: R,
        file: impl Into<std::path::PathBuf>,
        opts: ReadOptions,
    ) -> Result<Self, ReadError> {
        Ok(WarcReader::from_records(
            WarcRecords::new(reader, file, opts)?,
            opts,
        ))
    }

    fn from_records(records: WarcRecords<R>, opts: ReadOptions) -> Self {
        WarcReader {
            origin_file: display(records.file()),
            records,
            opts,
            stats: WarcStats::default(),
        }
    }

    /// What has been read so far.
    pub fn stats(&self) -> WarcStats {
        self.stats
    }

    /// Turns one record into a page to extract: `Ok(None)` for records that hold no HTML page.
    fn page(&mut self, record: WarcRecord) -> Result<Option<Page>, ReadError> {
        let is_response = record
            .record_type()
            .is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let is_http = record
            .header("Content-Type")
            .is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !is_response || !is_http {
            return Ok(None);
        }
        let fail = |kind| {
            let location = Location::Record {
                number: record.number,
                offset: record.offset,
            };
            ReadError::new(self.records.file(), Some(location), kind)
        };
        self.stats.responses += 1;
        let response = http::parse_response(&record.body)
            .map_err(|why| fail(ReadErrorKind::Malformed(why)))?;
        if !(200..300).contains(&response.status) {
            return Ok(None);
        }
        let html = match response.content_type.as_deref() {
            Some(ct) => http::is_html(ct),
            None => match record.header("WARC-Identified-Payload-Type") {
                Some(ct) => http::is_html(ct),
                None => http::looks_like_html(response.body),
            },
        };
        if !html {
            return Ok(None);
        }
        self.stats.html += 1;
        let chunked;
        let mut payload = response.body;
        if response.chunked {
            chunked = http::dechunk(payload);
            payload = &chunked;
        }
        let limit = self.opts.record_limit();
        let payload = http::decode_content(payload, response.content_encoding.as_deref(), limit)
            .map_err(|why| fail(ReadErrorKind::Malformed(why)))?
            .ok_or_else(|| {
                fail(ReadErrorKind::RecordTooLarge {
                    size: limit + 1,
                    limit,
                })
            })?;
        let url = record
            .header("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        Ok(Some(Page {
            bytes: payload,
            content_type: response.content_type,
            url,
            id: record
                .header("WARC-Record-ID")
                .map(|id| id.trim_matches(['<', '>']).to_string()),
            date: record.header("WARC-Date").map(str::to_string),
            origin: Origin {
                file: self.origin_file.clone(),
                record: Some(record.number),
                offset: record.offset,
            },
            file: self.records.file().to_path_buf(),
        }))
    }

    /// The next HTML page, not yet extracted (see [`crate::pending`]): what the iterator
    /// gives, less the extraction. Extraction failures are then not counted in [`Self::stats`].
    pub fn next_page(&mut self) -> Option<Result<Page, ReadError>> {
        loop {
            let record = self.records.next()?;
            self.stats.records += 1;
            match record.and_then(|record| self.page(record)) {
                Ok(Some(page)) => return Some(Ok(page)),
                Ok(None) => continue,
                Err(e) => {
                    self.stats.errors += 1;
                    return Some(Err(e));
                }
            }
        }
    }

    /// The pages of the file, unextracted (see [`crate::pending`]).
    pub fn pages(self) -> WarcPages<R> {
        WarcPages(self)
    }
}

/// The pages of a WARC file, unextracted: [`WarcReader::pages`].
pub struct WarcPages<R>(WarcReader<R>);

impl<R: BufRead> Iterator for WarcPages<R> {
    type Item = Result<Page, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_page()
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let page = match self.next_page()? {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        let result = page.finish();
        match &result {
            Ok(_) => self.stats.articles += 1,
            Err(_) => self.stats.errors += 1,
        }
        Some(result)
    }
}
