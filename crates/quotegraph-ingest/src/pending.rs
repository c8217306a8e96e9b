//! Articles whose costly part is left for later: reading in one thread, extracting on many.
//!
//! Main-content extraction of an HTML page costs far more than reading it from a WARC file
//! (about a millisecond per news page against a few microseconds). A reader that extracted
//! each page itself would be a serial bottleneck in front of parallel workers, so the
//! `pending` readers ([`read_paths_pending`]) hand out [`Pending`] items instead: a page's
//! decoded-but-unextracted bytes with what the record said about it, or an article that is
//! already complete. [`Pending::finish`] does the rest, on any thread, and gives exactly what
//! the plain readers give for the same input.

use std::path::{Path, PathBuf};

use quotegraph_core::{Article, ArticleMeta, Origin};

use crate::error::{Location, ReadError};
use crate::files::Walk;
use crate::html::{extract_bytes, read_html_file};
use crate::ReadOptions;

/// An article, or the page it will be extracted from.
#[derive(Debug)]
#[non_exhaustive]
pub enum Pending {
    /// Nothing left to do.
    Ready(Article),
    /// An HTML page from a WARC record, not yet extracted.
    Page(Page),
    /// An HTML file, not yet read.
    HtmlFile(PathBuf, ReadOptions),
}

/// An HTML payload with what its WARC record says about it.
#[derive(Debug)]
pub struct Page {
    /// The payload, de-chunked and decompressed (not yet decoded to text).
    pub bytes: Vec<u8>,
    /// The HTTP `Content-Type`.
    pub content_type: Option<String>,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Record-ID`.
    pub id: Option<String>,
    /// `WARC-Date`, the publication date when the page gives none.
    pub date: Option<String>,
    /// Where the record is.
    pub origin: Origin,
    /// The file, for errors.
    pub file: PathBuf,
}

impl Pending {
    /// Extracts the article (a no-op for [`Pending::Ready`]).
    pub fn finish(self) -> Result<Article, ReadError> {
        match self {
            Pending::Ready(article) => Ok(article),
            Pending::HtmlFile(path, opts) => read_html_file(&path, opts),
            Pending::Page(page) => page.finish(),
        }
    }
}

impl Page {
    /// Extracts the article: text and metadata from the page, URL, id and (when the page
    /// has none) date from the record.
    pub fn finish(self) -> Result<Article, ReadError> {
        let extracted = extract_bytes(
            &self.bytes,
            self.content_type.as_deref(),
            self.url.as_deref(),
        )
        .map_err(|kind| {
            let location = self.origin.record.map(|number| Location::Record {
                number,
                offset: self.origin.offset,
            });
            ReadError::new(&self.file, location, kind)
        })?;
        let mut meta: ArticleMeta = extracted.meta;
        meta.id = self.id;
        if let Some(url) = self.url {
            meta.url = Some(url);
        }
        if meta.published.is_none() {
            meta.published = self.date;
        }
        Ok(Article {
            text: extracted.text,
            meta,
            origin: self.origin,
        })
    }
}

/// A boxed stream of pending articles, as [`read_paths_pending`] returns.
pub type PendingArticles = Box<dyn Iterator<Item = Result<Pending, ReadError>> + Send>;

/// Like [`crate::read_paths`], but HTML pages (WARC responses and HTML files) come unextracted:
/// call [`Pending::finish`] on each item, on whichever thread suits.
pub fn read_paths_pending<I, P>(paths: I, opts: ReadOptions) -> PendingArticles
where
    I: IntoIterator<Item = P>,
    P: AsRef<Path>,
{
    crate::open::pending_paths(Walk::new(paths), opts)
}
