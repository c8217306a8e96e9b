//! Measures the readers on a synthetic Common Crawl-style WARC (one gzip member per record)
//! built from the test pages: record throughput, and extraction time per page.
//!
//! `cargo run --release -p quotegraph-ingest --example throughput -- [RECORDS] [PAGES]`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;
use quotegraph_ingest::warc::{WarcReader, WarcRecords};
use quotegraph_ingest::ReadOptions;

fn fixture(name: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read(dir.join(name)).expect("fixture")
}

/// A ~75 KB page: the modern article inside lots of scripts, styles and links.
fn padded_page() -> Vec<u8> {
    let page = String::from_utf8(fixture("modern_article.html")).unwrap();
    let mut pad = String::new();
    for i in 0..600 {
        pad += &format!("<li><a href=\"/section/{i}\">Section link number {i}</a></li>\n");
    }
    let script = format!(
        "<script>var cfg = {{{}}};</script>\n",
        "\"k\": 1, ".repeat(4000)
    );
    page.replace(
        "<body class=\"article-page\">",
        &format!("<body>{script}<ul>{pad}</ul>"),
    )
    .into_bytes()
}

fn record(n: usize, url: &str, page: &[u8]) -> Vec<u8> {
    let http = [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".as_slice(),
        page,
    ]
    .concat();
    let head = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n:032}>\r\n\
         WARC-Date: 2024-03-15T08:00:00Z\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    );
    [head.as_bytes(), &http, b"\r\n\r\n"].concat()
}

fn build(path: &PathBuf, records: usize) -> (u64, u64) {
    let pages = [
        fixture("modern_article.html"),
        fixture("old_article.html"),
        padded_page(),
    ];
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let (mut raw, mut packed) = (0u64, 0u64);
    for n in 0..records {
        let rec = record(n, &format!("https://news.example.org/{n}"), &pages[n % 3]);
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(&rec).unwrap();
        let gz = enc.finish().unwrap();
        raw += rec.len() as u64;
        packed += gz.len() as u64;
        file.write_all(&gz).unwrap();
    }
    (raw, packed)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let records: usize = args.next().map_or(3000, |s| s.parse().unwrap());
    let pages: usize = args.next().map_or(150, |s| s.parse().unwrap());
    let path = std::env::temp_dir().join(format!("qg-throughput-{}.warc.gz", std::process::id()));
    let (raw, packed) = build(&path, records);
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "{records} records: {:.1} MB of WARC, {:.1} MB gzip (one member per record)",
        mb(raw),
        mb(packed)
    );

    // Baseline: decompression alone, with the same flate2 backend.
    let t = Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let mut gz = flate2::bufread::MultiGzDecoder::new(file);
    std::io::copy(&mut gz, &mut std::io::sink()).unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "gunzip only: {secs:.2} s, {:.0} MB/s of WARC",
        mb(raw) / secs
    );

    let opts = ReadOptions::default();
    let t = Instant::now();
    let mut n = 0;
    for record in WarcRecords::open(&path, opts).unwrap() {
        record.unwrap();
        n += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(n, records);
    println!(
        "records only: {secs:.2} s, {:.0} MB/s of WARC, {:.0} MB/s of gzip",
        mb(raw) / secs,
        mb(packed) / secs
    );

    let t = Instant::now();
    let mut ok = 0;
    for item in WarcReader::open(&path, opts).unwrap().take(pages) {
        item.unwrap();
        ok += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "with extraction: {ok} pages in {secs:.2} s, {:.2} ms/page, {:.0} pages/s",
        secs * 1e3 / ok as f64,
        ok as f64 / secs
    );

    for (name, page) in [
        ("modern", fixture("modern_article.html")),
        ("old", fixture("old_article.html")),
        ("padded", padded_page()),
    ] {
        let runs = 30;
        let t = Instant::now();
        for _ in 0..runs {
            quotegraph_ingest::html::extract_bytes(&page, None, None).unwrap();
        }
        let ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
        println!("html {name}: {ms:.2} ms/page ({} bytes)", page.len());
    }
    let _ = std::fs::remove_file(&path);
}
