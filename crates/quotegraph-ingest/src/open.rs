//! One entry point for any path: detect the format, pick the reader, walk directories.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use quotegraph_core::Article;

use crate::detect::{detect, Format};
use crate::error::{ReadError, ReadErrorKind};
use crate::feed::FeedReader;
use crate::files::Walk;
use crate::html::read_html_file;
use crate::jsonl::JsonlReader;
use crate::pending::{Pending, PendingArticles};
use crate::text::TextReader;
use crate::warc::WarcReader;
use crate::ReadOptions;

/// A boxed stream of articles, as [`open`] and [`read_paths`] return.
pub type Articles = Box<dyn Iterator<Item = Result<Article, ReadError>> + Send>;

/// Reads a file of any supported format, or every readable file under a directory, with the
/// default limits. Problems (a missing file, an unknown format) are items of the stream.
pub fn open(path: impl AsRef<Path>) -> Articles {
    open_with(path, ReadOptions::default())
}

/// [`open`] with explicit limits.
pub fn open_with(path: impl AsRef<Path>, opts: ReadOptions) -> Articles {
    let path = path.as_ref();
    if path.is_dir() {
        return read_paths([path], opts);
    }
    match detect(path) {
        Ok(Some(format)) => open_format(path, format, opts),
        Ok(None) => one_error(path, ReadErrorKind::UnknownFormat),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// Reads a file as the given format, whatever its name says.
pub fn open_format(path: &Path, format: Format, opts: ReadOptions) -> Articles {
    match format {
        Format::Text => Box::new(TextReader::open(path, opts)),
        Format::Html => Box::new(std::iter::once(read_html_file(path, opts))),
        Format::Feed => Box::new(FeedReader::open(path, opts)),
        Format::Warc => match WarcReader::open(path, opts) {
            Ok(reader) => Box::new(reader),
            Err(e) => Box::new(std::iter::once(Err(e))),
        },
        Format::Jsonl => match open_jsonl(path, opts) {
            Ok(reader) => reader,
            Err(e) => Box::new(std::iter::once(Err(e))),
        },
    }
}

/// JSONL, decompressed on the fly when gzip (offsets then count decompressed bytes).
fn open_jsonl(path: &Path, opts: ReadOptions) -> Result<Articles, ReadError> {
    let file = File::open(path).map_err(|e| ReadError::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let gzip = reader
        .fill_buf()
        .map_err(|e| ReadError::io(path, e))?
        .starts_with(&[0x1f, 0x8b]);
    if gzip {
        let inner = BufReader::new(flate2::bufread::MultiGzDecoder::new(reader));
        Ok(Box::new(JsonlReader::new(inner, path, opts)))
    } else {
        Ok(Box::new(JsonlReader::new(reader, path, opts)))
    }
}

fn one_error(path: &Path, kind: ReadErrorKind) -> Articles {
    Box::new(std::iter::once(Err(ReadError::new(path, None, kind))))
}

/// Reads every path given: files by their detected format, directories recursively in sorted
/// order. Inside directories, files whose format cannot be told (by name, then by their first
/// bytes) are passed over silently, and so are hidden files; a path named explicitly is
/// always read or reported.
pub fn read_paths<I, P>(paths: I, opts: ReadOptions) -> Articles
where
    I: IntoIterator<Item = P>,
    P: AsRef<Path>,
{
    Box::new(pending_paths(Walk::new(paths), opts).map(|item| item.and_then(Pending::finish)))
}

/// The items of [`crate::read_paths_pending`].
pub(crate) fn pending_paths(walk: Walk, opts: ReadOptions) -> PendingArticles {
    Box::new(Paths {
        walk,
        current: None,
        opts,
    })
}

/// A file as pending items: HTML pages unextracted, other formats as they are read.
fn open_pending(path: &Path, format: Format, opts: ReadOptions) -> PendingArticles {
    match format {
        Format::Html => Box::new(std::iter::once(Ok(Pending::HtmlFile(
            path.to_path_buf(),
            opts,
        )))),
        Format::Warc => match WarcReader::open(path, opts) {
            Ok(reader) => Box::new(reader.pages().map(|page| page.map(Pending::Page))),
            Err(e) => Box::new(std::iter::once(Err(e))),
        },
        _ => Box::new(open_format(path, format, opts).map(|item| item.map(Pending::Ready))),
    }
}

/// [`open_with`] for pending items.
fn open_pending_with(path: &Path, opts: ReadOptions) -> PendingArticles {
    if path.is_dir() {
        return pending_paths(Walk::new([path]), opts);
    }
    match detect(path) {
        Ok(Some(format)) => open_pending(path, format, opts),
        Ok(None) => Box::new(std::iter::once(Err(ReadError::new(
            path,
            None,
            ReadErrorKind::UnknownFormat,
        )))),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

struct Paths {
    walk: Walk,
    current: Option<PendingArticles>,
    opts: ReadOptions,
}

impl Iterator for Paths {
    type Item = Result<Pending, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = match self.walk.next()? {
                Ok(path) => path,
                Err(e) => return Some(Err(e)),
            };
            if self.walk.depth() == 0 {
                self.current = Some(open_pending_with(&path, self.opts));
                continue;
            }
            match detect(&path) {
                Ok(Some(format)) => self.current = Some(open_pending(&path, format, self.opts)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
