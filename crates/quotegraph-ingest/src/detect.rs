//! Telling input formats apart, by file name and by the first bytes.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::ReadError;

/// An input format this crate reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain UTF-8 text, one article per file.
    Text,
    /// JSON Lines, one article per line (optionally gzip-compressed).
    Jsonl,
    /// An HTML page.
    Html,
    /// A WARC file, plain or gzip.
    Warc,
    /// An RSS 2.0 or Atom feed.
    Feed,
}

/// How many bytes [`detect`] reads to sniff a file.
pub const SNIFF_BYTES: usize = 1024;

/// The format of a file: by its extension when that is conclusive, else by its first bytes.
/// `Ok(None)` when neither tells.
pub fn detect(path: &Path) -> Result<Option<Format>, ReadError> {
    if let Some(format) = detect_by_name(path) {
        return Ok(Some(format));
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head))
        .map_err(|e| ReadError::io(path, e))?;
    Ok(sniff(&head))
}

/// The format implied by a file name alone (`.txt`, `.jsonl`/`.ndjson` and their `.gz`,
/// `.html`/`.htm`/`.xhtml`, `.warc`/`.warc.gz`, `.rss`/`.atom`), case-insensitively.
/// `.xml`, `.gz` and anything else need [`sniff`].
pub fn detect_by_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "txt" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "warc" => Some(Format::Warc),
        "rss" | "atom" => Some(Format::Feed),
        _ => None,
    }
}

/// The format implied by the first bytes of a file (a few hundred are enough): gzip holding
/// `WARC/`, `WARC/`, an XML prolog followed by `<rss`, `<feed` or `<rdf:RDF`, `<rss` or
/// `<feed`, `<!doctype html` or `<html`, `{` for JSON Lines.
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0x1f, 0x8b]) {
        // Decompress what the head holds; a WARC says so in its first bytes.
        let mut inner = Vec::new();
        let _ = flate2::read::GzDecoder::new(head)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut inner);
        return match sniff(&inner) {
            Some(Format::Warc) => Some(Format::Warc),
            Some(Format::Jsonl) => Some(Format::Jsonl),
            _ => None,
        };
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    let starts = |prefix: &[u8]| {
        head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if head.starts_with(b"WARC/") {
        return Some(Format::Warc);
    }
    if head.starts_with(b"{") {
        return Some(Format::Jsonl);
    }
    if starts(b"<rss") || starts(b"<feed") || starts(b"<rdf:rdf") {
        return Some(Format::Feed);
    }
    if starts(b"<!doctype html") || starts(b"<html") {
        return Some(Format::Html);
    }
    if starts(b"<?xml") || starts(b"<!--") {
        let lower = head.to_ascii_lowercase();
        let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return Some(Format::Feed);
        }
        if has(b"<html") || has(b"<!doctype html") {
            return Some(Format::Html);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_name() {
        let f = |p: &str| detect_by_name(Path::new(p));
        assert_eq!(f("a/b.TXT"), Some(Format::Text));
        assert_eq!(f("cc.warc.gz"), Some(Format::Warc));
        assert_eq!(f("x.warc"), Some(Format::Warc));
        assert_eq!(f("x.jsonl.gz"), Some(Format::Jsonl));
        assert_eq!(f("page.htm"), Some(Format::Html));
        assert_eq!(f("news.rss"), Some(Format::Feed));
        assert_eq!(f("feed.xml"), None);
        assert_eq!(f("data.gz"), None);
        assert_eq!(f("README"), None);
    }

    #[test]
    fn by_bytes() {
        assert_eq!(sniff(b"WARC/1.1\r\n"), Some(Format::Warc));
        assert_eq!(sniff(b"\xEF\xBB\xBF  {\"text\":1}"), Some(Format::Jsonl));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Some(Format::Feed)
        );
        assert_eq!(
            sniff(b"<?xml version='1.0'?><feed xmlns="),
            Some(Format::Feed)
        );
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(sniff(b"<HTML><HEAD>"), Some(Format::Html));
        assert_eq!(sniff(b"plain words"), None);
        assert_eq!(sniff(b""), None);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"WARC/1.0\r\nWARC-Type: warcinfo\r\n").unwrap();
        assert_eq!(sniff(&gz.finish().unwrap()), Some(Format::Warc));
        assert_eq!(sniff(&[0x1f, 0x8b, 0, 0]), None);
    }
}
