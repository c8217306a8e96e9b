use std::collections::BTreeMap;

use quotegraph_ingest::{
    open, read_paths, read_paths_pending, Format, Pending, ReadErrorKind, ReadOptions,
};

use crate::warcgen::{http, per_record_gzip, response, Eol};
use crate::{fixture, scratch};

/// Counts articles and errors per file name.
fn tally(paths: &[std::path::PathBuf]) -> BTreeMap<String, (usize, usize)> {
    let mut out = BTreeMap::new();
    for item in read_paths(paths, ReadOptions::default()) {
        let (file, ok) = match &item {
            Ok(a) => (a.origin.file.clone(), true),
            Err(e) => (e.file().to_string_lossy().into_owned(), false),
        };
        let name = file.rsplit('/').next().unwrap().to_string();
        let entry = out.entry(name).or_insert((0, 0));
        if ok {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    out
}

#[test]
fn a_directory_of_every_format() {
    let dir = scratch("mixed");
    let page = std::fs::read(fixture("modern_article.html")).unwrap();
    let warc = per_record_gzip(&[response(
        1,
        "https://courier.example.org/a",
        &http("200 OK", &[("Content-Type", "text/html")], &page, Eol::Crlf),
        Eol::Crlf,
    )])
    .0;
    std::fs::write(dir.join("crawl.warc.gz"), warc).unwrap();
    // Formats told by their bytes.
    std::fs::copy(fixture("feed.atom"), dir.join("feed.xml")).unwrap();
    std::fs::write(dir.join("page"), &page).unwrap();
    std::fs::write(dir.join("lines.data"), "{\"text\": \"Sniffed JSONL.\"}\n").unwrap();
    // Passed over: unknown bytes, hidden files.
    std::fs::write(dir.join("image.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "secret").unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::copy(fixture("articles.jsonl"), dir.join("sub/articles.jsonl")).unwrap();

    let got = tally(&[dir.clone(), fixture("texts"), fixture("feed.rss")]);
    let want: BTreeMap<String, (usize, usize)> = [
        ("crawl.warc.gz", (1, 0)),
        ("feed.xml", (2, 0)),
        ("page", (1, 0)),
        ("lines.data", (1, 0)),
        ("articles.jsonl", (4, 2)),
        ("bom.txt", (1, 0)),
        ("first.txt", (1, 0)),
        ("second.txt", (1, 0)),
        ("feed.rss", (2, 1)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn pending_items_finish_into_what_the_readers_give() {
    let dir = scratch("pending");
    let page = std::fs::read(fixture("modern_article.html")).unwrap();
    // a good page, a page with no text to extract (fails on finishing), a non-HTML response
    let warc = per_record_gzip(&[
        response(
            1,
            "https://courier.example.org/a",
            &http("200 OK", &[("Content-Type", "text/html")], &page, Eol::Crlf),
            Eol::Crlf,
        ),
        response(
            2,
            "https://courier.example.org/empty",
            &http(
                "200 OK",
                &[("Content-Type", "text/html")],
                b"<html><body><script>go()</script></body></html>",
                Eol::Crlf,
            ),
            Eol::Crlf,
        ),
        response(
            3,
            "https://courier.example.org/logo.png",
            &http(
                "200 OK",
                &[("Content-Type", "image/png")],
                b"PNG",
                Eol::Crlf,
            ),
            Eol::Crlf,
        ),
    ])
    .0;
    std::fs::write(dir.join("crawl.warc.gz"), warc).unwrap();
    std::fs::copy(fixture("old_article.html"), dir.join("old.html")).unwrap();
    let paths = [dir.clone(), fixture("texts"), fixture("articles.jsonl")];

    let plain: Vec<String> = read_paths(&paths, ReadOptions::default())
        .map(|item| format!("{item:?}"))
        .collect();
    let pending: Vec<_> = read_paths_pending(&paths, ReadOptions::default()).collect();
    // pages and HTML files are left unextracted; everything else is ready
    let kinds: Vec<&str> = pending
        .iter()
        .map(|item| match item {
            Ok(Pending::Ready(_)) => "ready",
            Ok(Pending::Page(_)) => "page",
            Ok(Pending::HtmlFile(..)) => "file",
            Err(_) => "error",
            Ok(_) => "other",
        })
        .collect();
    assert_eq!(&kinds[..3], ["page", "page", "file"], "{kinds:?}");
    assert!(kinds[3..].iter().all(|k| *k == "ready" || *k == "error"));
    let finished: Vec<String> = pending
        .into_iter()
        .map(|item| format!("{:?}", item.and_then(Pending::finish)))
        .collect();
    assert_eq!(finished, plain);
    // the page without text fails on finishing, named by its file and record
    assert!(
        plain[1].contains("Err") && plain[1].contains("number: 2"),
        "{}",
        plain[1]
    );
}

#[test]
fn explicit_paths_are_always_reported() {
    let dir = scratch("explicit");
    std::fs::write(dir.join("image.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let items: Vec<_> = open(dir.join("image.png")).collect();
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::UnknownFormat));
    assert!(
        err.to_string().contains("image.png: unrecognised format"),
        "{err}"
    );
    let items: Vec<_> = open(dir.join("missing.warc")).collect();
    assert!(matches!(
        items[0].as_ref().unwrap_err().kind(),
        ReadErrorKind::Io(_)
    ));
}

#[test]
fn gzip_jsonl() {
    let dir = scratch("jsonlgz");
    let data = crate::warcgen::gzip(b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n");
    std::fs::write(dir.join("a.jsonl.gz"), data).unwrap();
    let texts: Vec<_> = open(dir.join("a.jsonl.gz"))
        .map(|a| a.unwrap().text)
        .collect();
    assert_eq!(texts, ["one", "two"]);
    assert_eq!(
        quotegraph_ingest::detect(&dir.join("a.jsonl.gz")).unwrap(),
        Some(Format::Jsonl)
    );
}
