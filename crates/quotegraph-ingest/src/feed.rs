//! RSS 2.0 and Atom feeds (read with `feed-rs`), one article per item or entry.
//!
//! An item's text comes from its full content (`content:encoded`, Atom `<content>`), else its
//! description or summary. HTML content goes through the same extraction as pages
//! ([`crate::html`]), and when that finds nothing (feed fragments are often too short for it)
//! the fragment's own paragraphs are kept. Link, date (published, else updated, as RFC 3339),
//! title, authors and id come from the item; the outlet is the feed's title and the language
//! the feed's. An item without any text yields an error naming its number; the others are
//! still read.
//!
//! A feed is parsed whole, so it must fit under the file size limit; feeds are small.

use std::path::{Path, PathBuf};

use feed_rs::model::{Entry, Feed, Text};
use quotegraph_core::{Article, ArticleMeta, Origin};

use crate::blocks::html_to_paragraphs;
use crate::error::{Location, ReadError, ReadErrorKind};
use crate::files::{display, read_limited};
use crate::ReadOptions;

/// The articles of one feed file.
#[derive(Debug)]
pub struct FeedReader {
    file: PathBuf,
    origin_file: String,
    outlet: Option<String>,
    language: Option<String>,
    entries: std::vec::IntoIter<Entry>,
    number: u64,
    /// An error that ends the reader before any entry (unreadable file, invalid feed).
    failed: Option<ReadError>,
}

impl FeedReader {
    /// Reads and parses a feed file. Failures are yielded as the reader's only item.
    pub fn open(path: impl AsRef<Path>, opts: ReadOptions) -> Self {
        let path = path.as_ref();
        match read_limited(path, opts.file_limit()) {
            Ok(bytes) => FeedReader::from_bytes(&bytes, path),
            Err(e) => FeedReader::failed(path, e),
        }
    }

    /// Parses a feed held in memory; `file` names it in errors and origins.
    pub fn from_bytes(bytes: &[u8], file: impl Into<PathBuf>) -> Self {
        let file = file.into();
        let parser = feed_rs::parser::Builder::new().build();
        match parser.parse(bytes) {
            Ok(feed) => FeedReader::from_feed(feed, file),
            Err(e) => {
                let err = ReadError::new(&file, None, ReadErrorKind::Feed(e.to_string()));
                FeedReader::failed(&file, err)
            }
        }
    }

    fn from_feed(feed: Feed, file: PathBuf) -> Self {
        FeedReader {
            origin_file: display(&file),
            file,
            outlet: feed.title.map(|t| plain(&t)).filter(|t| !t.is_empty()),
            language: feed.language,
            entries: feed.entries.into_iter(),
            number: 0,
            failed: None,
        }
    }

    fn failed(file: &Path, err: ReadError) -> Self {
        FeedReader {
            file: file.to_path_buf(),
            origin_file: display(file),
            outlet: None,
            language: None,
            entries: Vec::new().into_iter(),
            number: 0,
            failed: Some(err),
        }
    }

    fn article(&self, entry: Entry) -> Result<Article, ReadError> {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let text = entry_text(&entry, link.as_deref()).ok_or_else(|| {
            let location = Location::Record {
                number: self.number,
                offset: None,
            };
            ReadError::new(
                &self.file,
                Some(location),
                ReadErrorKind::MissingField("content"),
            )
        })?;
        let authors: Vec<_> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(str::trim))
            .filter(|n| !n.is_empty())
            .collect();
        Ok(Article {
            text,
            meta: ArticleMeta {
                id: Some(entry.id).filter(|id| !id.is_empty()),
                url: link,
                title: entry.title.map(|t| plain(&t)).filter(|t| !t.is_empty()),
                author: (!authors.is_empty()).then(|| authors.join(", ")),
                published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
                outlet: self.outlet.clone(),
                language: self.language.clone(),
            },
            origin: Origin {
                file: self.origin_file.clone(),
                record: Some(self.number),
                offset: None,
            },
        })
    }
}

/// A feed text field as plain text (HTML titles are rare but exist).
fn plain(text: &Text) -> String {
    if text.content_type.essence().to_string().contains("html") {
        html_to_paragraphs(&text.content)
    } else {
        text.content
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The best text of an entry: content, else summary; HTML extracted; `None` if empty (or
/// hostile: markup nested too deep to parse in reasonable time).
fn entry_text(entry: &Entry, link: Option<&str>) -> Option<String> {
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
    let (body, is_html) = match (content, &entry.summary) {
        (Some(body), _) if !body.trim().is_empty() => {
            let media = entry
                .content
                .as_ref()
                .map(|c| c.content_type.essence().to_string());
            (
                body,
                media.is_none_or(|m| m.contains("html")) || looks_like_html(body),
            )
        }
        (_, Some(summary)) => {
            let media = summary.content_type.essence().to_string();
            (
                summary.content.as_str(),
                media.contains("html") || looks_like_html(&summary.content),
            )
        }
        _ => return None,
    };
    if is_html && crate::html::nesting_depth(body) > crate::html::MAX_NESTING {
        return None;
    }
    let text = if is_html {
        // The fragment's own paragraphs drop link-only lines ("Share this story"); the page
        // extractor drops other boilerplate but may keep those, since on a bare fragment it
        // falls back to keeping everything. Keep what both keep.
        let own = html_to_paragraphs(body);
        match crate::html::extract(body, link) {
            Ok(extracted) => {
                let own: Vec<&str> = own.split("\n\n").collect();
                let both: Vec<&str> = extracted
                    .text
                    .split("\n\n")
                    .filter(|p| own.contains(p))
                    .collect();
                if both.is_empty() {
                    own.join("\n\n")
                } else {
                    both.join("\n\n")
                }
            }
            Err(_) => own,
        }
    } else {
        body.trim().to_string()
    };
    (!text.trim().is_empty()).then_some(text)
}

/// RSS descriptions are often HTML with no declared type.
fn looks_like_html(text: &str) -> bool {
    text.contains("</") || text.contains("<br") || text.contains("<p>") || text.contains("&#")
}

impl Iterator for FeedReader {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(err) = self.failed.take() {
            return Some(Err(err));
        }
        let entry = self.entries.next()?;
        self.number += 1;
        Some(self.article(entry))
    }
}
