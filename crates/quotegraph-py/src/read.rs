//! The engine's readers for Python: any file quotegraph reads (by path), or WARC data from
//! any byte stream (a remote file opened by Python), with bad records as values.

use std::io::BufRead;
use std::path::Path;

use quotegraph_core::Article;
use quotegraph_ingest::warc::WarcReader;
use quotegraph_ingest::{open_with, Articles, Location, ReadError, ReadOptions};

/// A record that could not be read: where it is and why. One row of the errors table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BadRecord {
    /// The file.
    pub file: String,
    /// The 1-based record (WARC record, feed item) or line (JSONL) number, when known.
    pub record: Option<u64>,
    /// The byte offset of the record: in the file as stored, or (for a single-member gzip or
    /// a gzip JSONL file) in its decompressed data.
    pub offset: Option<u64>,
    /// What went wrong, with the file and place: the reader's own message.
    pub message: String,
}

impl From<&ReadError> for BadRecord {
    fn from(e: &ReadError) -> Self {
        let (record, offset) = match e.location() {
            Some(Location::Line { number, offset }) => (Some(number), Some(offset)),
            Some(Location::Record { number, offset }) => (Some(number), offset),
            Some(Location::Offset(o)) | Some(Location::DecompressedOffset(o)) => (None, Some(o)),
            _ => (None, None),
        };
        BadRecord {
            file: e.file().display().to_string(),
            record,
            offset,
            message: e.to_string(),
        }
    }
}

/// One item of a read: an article or a bad record.
pub type Item = Result<Article, BadRecord>;

/// Reads a file of any supported format (or a directory of them), detected as
/// `quotegraph ingest` does.
pub fn open_path(path: impl AsRef<Path>) -> impl Iterator<Item = Item> + Send {
    items(open_with(path, ReadOptions::default()))
}

/// Reads WARC data (plain or gzip, Common Crawl's layout included) from a stream; `name`
/// names it in origins and errors.
pub fn open_warc<R: BufRead + Send + 'static>(
    reader: R,
    name: &str,
) -> impl Iterator<Item = Item> + Send {
    let articles: Articles = match WarcReader::new(reader, name, ReadOptions::default()) {
        Ok(r) => Box::new(r),
        Err(e) => Box::new(std::iter::once(Err(e))),
    };
    items(articles)
}

fn items(articles: Articles) -> impl Iterator<Item = Item> + Send {
    articles.map(|r| r.map(with_id).map_err(|e| BadRecord::from(&e)))
}

/// Gives an article without an id of its own one made of its origin (`file#record`), so that
/// the tables of one run can always be joined on `doc_id`.
fn with_id(mut a: Article) -> Article {
    if a.meta.id.is_none() {
        let o = &a.origin;
        a.meta.id = Some(match (o.record, o.offset) {
            (Some(r), _) => format!("{}#{r}", o.file),
            (None, Some(off)) => format!("{}@{off}", o.file),
            (None, None) => o.file.clone(),
        });
    }
    a
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn record(uri: &str, html: &str) -> Vec<u8> {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
             WARC-Date: 2024-03-01T12:00:00Z\r\nWARC-Target-URI: https://example.com/{uri}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http.as_bytes());
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn bad_records_are_rows_with_file_and_offset_and_reading_goes_on() {
        let page = "<html><head><title>T</title></head><body><article><p>“We will stay,” \
                    the mayor said on Tuesday, speaking to reporters in the town hall.</p>\
                    <p>The council met for three hours.</p></article></body></html>";
        let mut data = gz(&record("a", page));
        let second = data.len() as u64;
        // a record whose HTTP message is not one
        let mut bad = record("b", page);
        let at = bad.windows(8).position(|w| w == b"HTTP/1.1").unwrap();
        bad[at..at + 8].copy_from_slice(b"NOTHTTP!");
        data.extend(gz(&bad));
        data.extend(gz(&record("c", page)));
        let items: Vec<Item> = open_warc(std::io::Cursor::new(data), "mem.warc.gz").collect();
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(
            items[0].as_ref().unwrap().meta.id.as_deref(),
            Some("urn:uuid:a")
        );
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.record, e.offset),
            ("mem.warc.gz", Some(2), Some(second))
        );
        assert!(
            e.message.starts_with("mem.warc.gz: record 2"),
            "{}",
            e.message
        );
        assert!(items[2].is_ok());
    }

    #[test]
    fn a_missing_file_is_one_bad_record() {
        let items: Vec<Item> = open_path("/nonexistent/x.warc.gz").collect();
        assert_eq!(items.len(), 1);
        let e = items[0].as_ref().unwrap_err();
        assert_eq!(e.file, "/nonexistent/x.warc.gz");
        assert!(e.message.contains("cannot read"), "{}", e.message);
    }
}
