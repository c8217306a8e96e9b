//! The HTTP response inside a WARC `response` record: status, headers, decoded payload.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// The parts of an HTTP response that the reader needs.
#[derive(Debug)]
pub(crate) struct HttpResponse<'a> {
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) content_encoding: Option<String>,
    pub(crate) chunked: bool,
    pub(crate) body: &'a [u8],
}

/// Parses the status line and headers of `message` (tolerating bare `\n` line ends, folded
/// and invalid header lines). Errors are plain-words reasons.
pub(crate) fn parse_response(message: &[u8]) -> Result<HttpResponse<'_>, String> {
    let mut config = httparse::ParserConfig::default();
    config
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true);
    let mut count = 64;
    loop {
        let mut headers = vec![httparse::EMPTY_HEADER; count];
        let mut response = httparse::Response::new(&mut headers);
        match config.parse_response(&mut response, message) {
            Ok(httparse::Status::Complete(head_len)) => {
                let find = |name: &str| {
                    response
                        .headers
                        .iter()
                        .find(|h| h.name.eq_ignore_ascii_case(name))
                        .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
                };
                let chunked = find("Transfer-Encoding")
                    .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
                return Ok(HttpResponse {
                    status: response.code.unwrap_or(0),
                    content_type: find("Content-Type"),
                    content_encoding: find("Content-Encoding"),
                    chunked,
                    body: &message[head_len..],
                });
            }
            Ok(httparse::Status::Partial) => {
                return Err("the HTTP header is incomplete".into());
            }
            Err(httparse::Error::TooManyHeaders) if count < 4096 => count *= 4,
            Err(e) => return Err(format!("invalid HTTP response: {e}")),
        }
    }
}

/// Undoes `Transfer-Encoding: chunked`. Tolerant: a bad or missing chunk size ends the body
/// there, as browsers do.
pub(crate) fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    while let Some(eol) = data.iter().position(|&b| b == b'\n') {
        let line = String::from_utf8_lossy(&data[..eol]);
        let size = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size, 16) else {
            break;
        };
        data = &data[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(data.len());
        out.extend_from_slice(&data[..take]);
        data = &data[take..];
        // Skip the line end after the chunk.
        let skip = data
            .iter()
            .take(2)
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        data = &data[skip..];
    }
    out
}

/// Undoes a `Content-Encoding`, reading at most `limit` decoded bytes. `Ok(None)` when the
/// decoded body would be larger than `limit`.
pub(crate) fn decode_content(
    body: &[u8],
    encoding: Option<&str>,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    let encoding = encoding
        .map(|e| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let mut out = Vec::new();
    let result = match encoding.as_str() {
        "" | "identity" | "none" => return Ok(Some(body.to_vec())),
        "gzip" | "x-gzip" => MultiGzDecoder::new(body)
            .take(limit + 1)
            .read_to_end(&mut out),
        "deflate" => {
            // Servers send either zlib-wrapped or raw deflate under this name.
            match ZlibDecoder::new(body).take(limit + 1).read_to_end(&mut out) {
                Ok(n) => Ok(n),
                Err(_) => {
                    out.clear();
                    DeflateDecoder::new(body)
                        .take(limit + 1)
                        .read_to_end(&mut out)
                }
            }
        }
        other => return Err(format!("unsupported Content-Encoding `{other}`")),
    };
    result.map_err(|e| format!("cannot decode {encoding} content: {e}"))?;
    Ok((out.len() as u64 <= limit).then_some(out))
}

/// True for a media type that holds HTML.
pub(crate) fn is_html(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case("text/html") || media.eq_ignore_ascii_case("application/xhtml+xml")
}

/// True when a body with no declared type looks like HTML.
pub(crate) fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 64)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_lf_http_headers() {
        let msg =
            b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nX-Bad Header\n\n<p>hi</p>";
        let r = parse_response(msg).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(r.body, b"<p>hi</p>");
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n"),
            b"Wikipedia"
        );
        assert_eq!(dechunk(b"4\nWiki\nzz\n"), b"Wiki");
    }

    #[test]
    fn gzip_content_and_limit() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&[b'a'; 1000]).unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(
            decode_content(&gz, Some("gzip"), 1000)
                .unwrap()
                .unwrap()
                .len(),
            1000
        );
        assert_eq!(decode_content(&gz, Some("gzip"), 999).unwrap(), None);
        assert!(decode_content(&gz, Some("br"), 1000).is_err());
    }
}
