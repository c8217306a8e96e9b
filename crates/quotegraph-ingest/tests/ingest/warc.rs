use std::io::Cursor;

use quotegraph_ingest::warc::{WarcReader, WarcRecords, WarcStats};
use quotegraph_ingest::{Location, ReadErrorKind, ReadOptions};

use crate::fixture;
use crate::warcgen::{gzip, http, per_record_gzip, plain, record, response, Eol};

const MODERN_URL: &str = "https://courier.example.org/news/2024/03/14/harbor-flood-wall?utm=x";
const OLD_URL: &str = "http://gazette.example.com/2003/strike.html";

/// A small crawl: warcinfo, request, two HTML pages, a 404, an image, metadata, and a page
/// sent chunked and gzip-encoded without a charset.
fn crawl(eol: Eol) -> Vec<Vec<u8>> {
    let modern = std::fs::read(fixture("modern_article.html")).unwrap();
    let old = std::fs::read(fixture("old_article.html")).unwrap();
    let html_utf8 = [("Content-Type", "text/html; charset=UTF-8")];
    let mut chunked_body = Vec::new();
    for chunk in gzip(&modern).chunks(700) {
        chunked_body.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
        chunked_body.extend_from_slice(chunk);
        chunked_body.extend_from_slice(b"\r\n");
    }
    chunked_body.extend_from_slice(b"0\r\n\r\n");
    vec![
        record(
            "warcinfo",
            1,
            &[("Content-Type", "application/warc-fields")],
            b"software: test\r\n",
            eol,
        ),
        record(
            "request",
            2,
            &[
                ("WARC-Target-URI", MODERN_URL),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /news HTTP/1.1\r\nHost: courier.example.org\r\n\r\n",
            eol,
        ),
        response(
            3,
            MODERN_URL,
            &http("200 OK", &html_utf8, &modern, eol),
            eol,
        ),
        record(
            "metadata",
            4,
            &[("WARC-Target-URI", MODERN_URL)],
            b"fetchTimeMs: 120\r\n",
            eol,
        ),
        // No charset in the header: the page's <meta> says windows-1252.
        response(
            5,
            OLD_URL,
            &http("200 OK", &[("Content-Type", "text/html")], &old, eol),
            eol,
        ),
        response(
            6,
            "https://courier.example.org/gone",
            &http("404 Not Found", &html_utf8, b"<p>Not here</p>", eol),
            eol,
        ),
        response(
            7,
            "https://courier.example.org/a.jpg",
            &http(
                "200 OK",
                &[("Content-Type", "image/jpeg")],
                b"\xFF\xD8\xFF\xE0",
                eol,
            ),
            eol,
        ),
        response(
            8,
            "https://courier.example.org/chunked",
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Transfer-Encoding", "chunked"),
                    ("Content-Encoding", "gzip"),
                ],
                &chunked_body,
                eol,
            ),
            eol,
        ),
    ]
}

fn read_all(
    data: Vec<u8>,
    opts: ReadOptions,
) -> (
    Vec<Result<quotegraph_core::Article, quotegraph_ingest::ReadError>>,
    WarcStats,
) {
    let mut reader = WarcReader::new(Cursor::new(data), "crawl.warc.gz", opts).unwrap();
    let items: Vec<_> = reader.by_ref().collect();
    (items, reader.stats())
}

fn check_articles(items: &[Result<quotegraph_core::Article, quotegraph_ingest::ReadError>]) {
    assert_eq!(items.len(), 3, "{items:#?}");
    let a = items[0].as_ref().unwrap();
    assert!(
        a.text.starts_with("The Millbrook harbor council voted"),
        "{}",
        a.text
    );
    assert!(!a.text.contains("Accept all"));
    assert_eq!(a.meta.url.as_deref(), Some(MODERN_URL));
    assert_eq!(
        a.meta.id.as_deref(),
        Some("urn:uuid:00000000-0000-4000-8000-000000000003")
    );
    assert_eq!(a.meta.published.as_deref(), Some("2024-03-14"));
    assert_eq!(a.meta.author.as_deref(), Some("Dana Okafor"));
    assert_eq!(a.origin.record, Some(3));
    let b = items[1].as_ref().unwrap();
    assert!(
        b.text.contains("“It isn’t everything we asked for"),
        "{}",
        b.text
    );
    assert_eq!(b.meta.url.as_deref(), Some(OLD_URL));
    assert_eq!(b.origin.record, Some(5));
    let c = items[2].as_ref().unwrap();
    assert_eq!(c.text, a.text);
    assert_eq!(c.origin.record, Some(8));
}

#[test]
fn multi_member_gzip_gives_member_offsets() {
    let (data, offsets) = per_record_gzip(&crawl(Eol::Crlf));
    let (items, stats) = read_all(data, ReadOptions::default());
    check_articles(&items);
    for item in &items {
        let a = item.as_ref().unwrap();
        assert_eq!(
            a.origin.offset,
            Some(offsets[a.origin.record.unwrap() as usize - 1])
        );
        assert_eq!(a.origin.file, "crawl.warc.gz");
    }
    assert_eq!(
        stats,
        WarcStats {
            records: 8,
            responses: 5,
            html: 3,
            articles: 3,
            errors: 0
        }
    );
}

#[test]
fn single_member_gzip_and_plain() {
    let records = crawl(Eol::Crlf);
    let (plain_data, offsets) = plain(&records);
    let (items, _) = read_all(gzip(&plain_data), ReadOptions::default());
    check_articles(&items);
    // Inside one member, no record but the first can be seeked to.
    assert!(items
        .iter()
        .all(|a| a.as_ref().unwrap().origin.offset.is_none()));

    let (items, _) = read_all(plain_data, ReadOptions::default());
    check_articles(&items);
    for item in &items {
        let a = item.as_ref().unwrap();
        assert_eq!(
            a.origin.offset,
            Some(offsets[a.origin.record.unwrap() as usize - 1])
        );
    }
}

#[test]
fn bare_lf_headers() {
    let (data, _) = per_record_gzip(&crawl(Eol::Lf));
    let (items, _) = read_all(data, ReadOptions::default());
    check_articles(&items);
}

#[test]
fn records_agree_with_rust_warc() {
    let (data, _) = plain(&crawl(Eol::Crlf));
    let ours: Vec<_> = WarcRecords::new(Cursor::new(&data), "x.warc", ReadOptions::default())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let theirs: Vec<_> = rust_warc::WarcReader::new(Cursor::new(&data))
        .map(Result::unwrap)
        .collect();
    assert_eq!(ours.len(), theirs.len());
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(o.body, t.content);
        assert_eq!(o.version, t.version);
        assert_eq!(o.headers.len(), t.header.len());
        assert_eq!(
            o.record_type(),
            t.header.get(&"WARC-Type".into()).map(String::as_str)
        );
    }
}

#[test]
fn truncated_gzip_names_the_offset_after_the_last_complete_record() {
    let (data, offsets) = per_record_gzip(&crawl(Eol::Crlf));
    // Cut the file in the middle of the fifth member.
    let cut = (offsets[4] + offsets[5]) / 2;
    let (items, stats) = read_all(data[..cut as usize].to_vec(), ReadOptions::default());
    assert_eq!(items.len(), 2, "{items:#?}");
    assert!(items[0].is_ok());
    let err = items[1].as_ref().unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::Truncated(_)), "{err}");
    assert_eq!(err.location(), Some(Location::Offset(offsets[4])));
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "crawl.warc.gz: byte {}: file is truncated",
            offsets[4]
        )),
        "{msg}"
    );
    assert_eq!(stats.errors, 1);

    // The same for a single member: an error, never a panic.
    let single = gzip(&plain(&crawl(Eol::Crlf)).0);
    for cut in [10, single.len() / 3, single.len() - 4] {
        let (items, _) = read_all(single[..cut].to_vec(), ReadOptions::default());
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert!(matches!(last.kind(), ReadErrorKind::Truncated(_)), "{last}");
        // Past the first record, the good data ends at a decompressed offset.
        if cut > single.len() / 2 {
            assert!(
                matches!(last.location(), Some(Location::DecompressedOffset(n)) if n > 0),
                "{last}"
            );
        }
    }
}

#[test]
fn oversized_record_is_skipped() {
    let mut records = crawl(Eol::Crlf);
    let big_page = format!(
        "<html><body><article>{}</article></body></html>",
        "<p>Filler text that goes on and on.</p>".repeat(400)
    );
    records.insert(
        1,
        response(
            9,
            "https://big.example.com/",
            &http(
                "200 OK",
                &[("Content-Type", "text/html")],
                big_page.as_bytes(),
                Eol::Crlf,
            ),
            Eol::Crlf,
        ),
    );
    let opts = ReadOptions::default().max_record_size(12_000);
    for data in [per_record_gzip(&records).0, plain(&records).0] {
        let (items, _) = read_all(data, opts);
        let err = items[0].as_ref().unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ReadErrorKind::RecordTooLarge { limit: 12_000, .. }
            ),
            "{err}"
        );
        assert!(matches!(
            err.location(),
            Some(Location::Record { number: 2, .. })
        ));
        // The modern page fits; the rest is read as usual.
        assert_eq!(items.len(), 4);
        assert!(items[1..].iter().all(Result::is_ok));
    }
}

#[test]
fn malformed_records_are_errors_and_reading_goes_on() {
    let mut records = crawl(Eol::Crlf);
    records.insert(
        1,
        b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno length here\r\n\r\n".to_vec(),
    );
    records.insert(1, b"this is not a WARC record at all\r\n\r\n".to_vec());
    for data in [
        per_record_gzip(&records).0,
        plain(&records).0,
        gzip(&plain(&records).0),
    ] {
        let (items, _) = read_all(data, ReadOptions::default());
        let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert_eq!(errors.len(), 2, "{items:#?}");
        assert!(errors
            .iter()
            .all(|e| matches!(e.kind(), ReadErrorKind::Malformed(_))));
        assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 3);
    }
}

#[test]
fn trailing_garbage_after_gzip_members_is_reported() {
    let (mut data, _) = per_record_gzip(&crawl(Eol::Crlf));
    let at = data.len() as u64;
    data.extend_from_slice(b"garbage at the end");
    let (items, _) = read_all(data, ReadOptions::default());
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 3);
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::Corrupt(_)), "{err}");
    assert_eq!(err.location(), Some(Location::Offset(at)));
}
