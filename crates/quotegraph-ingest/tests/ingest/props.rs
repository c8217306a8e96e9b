//! Arbitrary bytes into every parser: no panic, and the readers end.

use std::io::Cursor;
use std::path::Path;

use proptest::prelude::*;
use quotegraph_ingest::feed::FeedReader;
use quotegraph_ingest::jsonl::JsonlReader;
use quotegraph_ingest::warc::{WarcReader, WarcRecords};
use quotegraph_ingest::{charset, html, sniff, text, ReadOptions};

use crate::warcgen::{gzip, http, per_record_gzip, plain, record, response, Eol};

/// Bytes that look a little like markup, so the HTML and XML parsers get past their first
/// checks more often than with uniform bytes.
fn markup() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"<p>".to_vec()),
        Just(b"</p>".to_vec()),
        Just(b"<div class=\"story\">".to_vec()),
        Just(b"</div>".to_vec()),
        Just(b"<br>".to_vec()),
        Just(b"<a href=\"/x\">".to_vec()),
        Just(b"</a>".to_vec()),
        Just(b"<meta charset=\"".to_vec()),
        Just(b"<title>".to_vec()),
        Just(b"<rss><channel><item><description>".to_vec()),
        Just(b"<feed><entry><content type=\"html\">".to_vec()),
        Just(b"&amp;&#x201c;&bogus;".to_vec()),
        Just("“Quoted,” she said. ".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..24),
    ];
    prop::collection::vec(token, 0..48).prop_map(|parts| parts.concat())
}

/// A valid small WARC file in one of three layouts, to be damaged by the tests.
fn warc_file(layout: u8) -> Vec<u8> {
    let page = b"<html><head><title>T</title></head><body><article><p>A sentence that is long \
        enough to count as text, said the mayor.</p><p>Another one follows here.</p></article>\
        </body></html>";
    let records = vec![
        record("warcinfo", 1, &[], b"software: x\r\n", Eol::Crlf),
        response(
            2,
            "http://a.example/",
            &http("200 OK", &[("Content-Type", "text/html")], page, Eol::Crlf),
            Eol::Crlf,
        ),
        response(
            3,
            "http://b.example/",
            &http("200 OK", &[("Content-Type", "text/html")], page, Eol::Lf),
            Eol::Lf,
        ),
    ];
    match layout % 3 {
        0 => per_record_gzip(&records).0,
        1 => gzip(&plain(&records).0),
        _ => plain(&records).0,
    }
}

/// Cases per property: `PROPTEST_CASES` when set (for long runs by hand), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn small() -> ReadOptions {
    ReadOptions::default()
        .max_record_size(4096)
        .max_file_size(1 << 16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn sniff_and_charset(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = sniff(&bytes);
        let (text, _) = charset::decode_html(&bytes, Some("text/html; charset=\"x"), None);
        let _ = text;
        let _ = charset::sniff_encoding(&bytes, None, Some("http://[::1]:80/x"));
    }

    #[test]
    fn text_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match text::text_from_bytes(Path::new("t.txt"), bytes.clone()) {
            Ok(a) => prop_assert!(!a.text.trim().is_empty()),
            Err(e) => prop_assert!(e.to_string().starts_with("t.txt")),
        }
    }

    #[test]
    fn jsonl_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        let n = JsonlReader::new(&bytes[..], "x.jsonl", small()).count();
        prop_assert!(n <= lines);
    }

    #[test]
    fn warc_records_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let n = WarcRecords::new(Cursor::new(&bytes), "x.warc", small()).unwrap().count();
        prop_assert!(n <= bytes.len() + 1);
        let _ = WarcRecords::new(Cursor::new(gzip(&bytes)), "x.warc.gz", small()).unwrap().count();
    }
}

proptest! {
    // Extraction is slower (a few ms a page): fewer cases.
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn html_markup(bytes in markup()) {
        if let Ok(e) = html::extract_bytes(&bytes, None, Some("http://x.example/")) {
            prop_assert!(!e.text.trim().is_empty());
            prop_assert!(!e.text.contains("\n\n\n"));
        }
    }

    #[test]
    fn feed_markup(bytes in markup()) {
        let _ = FeedReader::from_bytes(&bytes, "x.rss").count();
    }

    #[test]
    fn damaged_warc(layout in 0u8..3, cut in any::<prop::sample::Index>(),
                    flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)) {
        let mut data = warc_file(layout);
        for (at, byte) in flips {
            let i = at.index(data.len());
            data[i] ^= byte;
        }
        data.truncate(cut.index(data.len() + 1));
        let mut reader = WarcReader::new(Cursor::new(data), "d.warc.gz", small()).unwrap();
        let items = reader.by_ref().count() as u64;
        prop_assert_eq!(items, reader.stats().articles + reader.stats().errors);
    }

    #[test]
    fn warc_with_markup_payloads(body in markup()) {
        let rec = response(1, "http://x.example/", &http("200 OK", &[("Content-Type", "text/html")], &body, Eol::Crlf), Eol::Crlf);
        let data = per_record_gzip(&[rec]).0;
        let _ = WarcReader::new(Cursor::new(data), "m.warc.gz", small()).unwrap().count();
    }
}
