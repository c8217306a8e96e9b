//! Builds WARC files in memory for the tests: records, HTTP responses, the three layouts.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

/// Line end used in generated headers.
#[derive(Clone, Copy)]
pub enum Eol {
    Crlf,
    Lf,
}

impl Eol {
    fn s(self) -> &'static str {
        match self {
            Eol::Crlf => "\r\n",
            Eol::Lf => "\n",
        }
    }
}

/// One WARC record with the given type, extra headers and block.
pub fn record(kind: &str, n: u32, headers: &[(&str, &str)], block: &[u8], eol: Eol) -> Vec<u8> {
    let e = eol.s();
    let mut out = format!("WARC/1.1{e}WARC-Type: {kind}{e}");
    out += &format!("WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>{e}");
    out += &format!("WARC-Date: 2024-03-15T08:00:{:02}Z{e}", n % 60);
    for (name, value) in headers {
        out += &format!("{name}: {value}{e}");
    }
    out += &format!("Content-Length: {}{e}{e}", block.len());
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(format!("{e}{e}").as_bytes());
    bytes
}

/// An HTTP response message.
pub fn http(status: &str, headers: &[(&str, &str)], body: &[u8], eol: Eol) -> Vec<u8> {
    let e = eol.s();
    let mut out = format!("HTTP/1.1 {status}{e}");
    for (name, value) in headers {
        out += &format!("{name}: {value}{e}");
    }
    out += e;
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A `response` record for `url` holding `http`.
pub fn response(n: u32, url: &str, http: &[u8], eol: Eol) -> Vec<u8> {
    record(
        "response",
        n,
        &[
            ("WARC-Target-URI", url),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http,
        eol,
    )
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// One gzip member per record; also returns each member's offset.
pub fn per_record_gzip(records: &[Vec<u8>]) -> (Vec<u8>, Vec<u64>) {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for r in records {
        offsets.push(out.len() as u64);
        out.extend(gzip(r));
    }
    (out, offsets)
}

/// Plain concatenation; also returns each record's offset.
pub fn plain(records: &[Vec<u8>]) -> (Vec<u8>, Vec<u64>) {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for r in records {
        offsets.push(out.len() as u64);
        out.extend_from_slice(r);
    }
    (out, offsets)
}
