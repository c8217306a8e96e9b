//! Finding a page's character encoding and decoding it to UTF-8.
//!
//! The order follows the HTML standard's, simplified: a byte order mark wins, then the
//! charset of the HTTP `Content-Type` header (WARC records), then a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` in the first bytes of the page, and only then a guess
//! by `chardetng` from the bytes themselves (with the URL's top-level domain as a hint).

use encoding_rs::{Encoding, UTF_8};

/// How far into a page the `<meta>` prescan looks. The standard says 1024 bytes; pages in
/// the wild often put the tag later, behind long `<script>` or `<link>` blocks.
const PRESCAN_BYTES: usize = 8192;

/// Decodes a page to UTF-8. Malformed sequences become U+FFFD.
///
/// `content_type` is an HTTP `Content-Type` value if there is one; `url` only helps the guess.
/// Returns the text and the encoding used.
pub fn decode_html(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> (String, &'static Encoding) {
    let encoding = sniff_encoding(bytes, content_type, url);
    // `decode` also removes a BOM, and a BOM overrides `encoding` as the standard requires.
    let (text, used, _had_errors) = encoding.decode(bytes);
    (text.into_owned(), used)
}

/// Picks the encoding of a page (see the module docs for the order).
pub fn sniff_encoding(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    if let Some(encoding) = content_type
        .and_then(charset_param)
        .and_then(label_to_encoding)
    {
        return encoding;
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(encoding) = meta_charset(head) {
        return encoding;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(tld);
    detector.guess(tld.as_deref(), chardetng::Utf8Detection::Allow)
}

/// An encoding for a label, with the standard's rule that a page cannot declare UTF-16 in a
/// `<meta>` (it would not be readable as ASCII) and means UTF-8 by it.
fn label_to_encoding(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    if encoding == encoding_rs::REPLACEMENT {
        return None;
    }
    Some(encoding)
}

/// The value of a `charset=` parameter in a `Content-Type`-like string.
pub(crate) fn charset_param(value: &str) -> Option<&[u8]> {
    let bytes = value.as_bytes();
    let at = find_ascii_ci(bytes, b"charset")?;
    let rest = &bytes[at + b"charset".len()..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let value = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let rest = &rest[1..];
            &rest[..rest.iter().position(|&b| b == q).unwrap_or(rest.len())]
        }
        _ => {
            let end = rest
                .iter()
                .position(|&b| b == b';' || b == b'"' || b == b'\'' || b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    (!value.is_empty()).then_some(value)
}

/// Looks for `<meta charset=...>` or `<meta http-equiv=... content="...charset=...">` in the
/// head of a page. A lightweight scan, not the standard's full tokenizer: it reads each
/// `<meta ...>` tag and takes the first charset it names, skipping `<!-- -->` comments.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let lt = i + head[i..].iter().position(|&b| b == b'<')?;
        let rest = &head[lt..];
        if rest.starts_with(b"<!--") {
            i = match find(rest, b"-->") {
                Some(end) => lt + end + 3,
                None => return None,
            };
            continue;
        }
        let is_meta = rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/');
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        if is_meta {
            let tag = &rest[..end];
            if let Some(encoding) = charset_param_bytes(tag).and_then(label_to_encoding) {
                return Some(encoding);
            }
        }
        i = lt + end.max(1);
    }
    None
}

fn charset_param_bytes(tag: &[u8]) -> Option<&[u8]> {
    // The tag may hold non-UTF-8 bytes in other attributes; only ASCII matters here.
    let ascii: String = tag
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { ' ' })
        .collect();
    let found = charset_param(&ascii)?;
    let start = found.as_ptr() as usize - ascii.as_ptr() as usize;
    Some(&tag[start..start + found.len()])
}

/// The top-level domain of a URL's host, as chardetng wants it: lower-case ASCII, no period
/// (it panics otherwise).
fn tld(url: &str) -> Option<Vec<u8>> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let tld = host.rsplit('.').next()?;
    let ok = tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then(|| tld.to_ascii_lowercase().into_bytes())
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let page = b"\xEF\xBB\xBF<meta charset=\"windows-1252\"><p>caf\xC3\xA9</p>";
        let (text, enc) = decode_html(page, Some("text/html; charset=iso-8859-2"), None);
        assert_eq!(enc, UTF_8);
        assert!(text.starts_with("<meta"), "BOM removed: {text:?}");
        assert!(text.contains("café"));
    }

    #[test]
    fn http_header_then_meta() {
        let page = b"<meta charset=\"utf-8\"><p>caf\xE9</p>";
        let (text, enc) = decode_html(page, Some("text/html; charset=\"ISO-8859-1\""), None);
        assert_eq!(enc, encoding_rs::WINDOWS_1252);
        assert!(text.contains("café"));
        let page = b"<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\"></head><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
        let (text, enc) = decode_html(page, Some("text/html"), None);
        assert_eq!(enc, encoding_rs::WINDOWS_1251);
        assert!(text.contains("Привет"));
    }

    #[test]
    fn meta_in_comment_is_ignored_and_utf16_means_utf8() {
        let page = b"<!-- <meta charset=koi8-r> --><meta charset=utf-16><p>ok</p>";
        assert_eq!(sniff_encoding(page, None, None), UTF_8);
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        let text = "Le président a déclaré que la réforme était « nécessaire » et qu'elle serait \
                    adoptée avant l'été, malgré l'opposition des syndicats.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let page = [b"<html><body><p>".as_slice(), &bytes, b"</p></body></html>"].concat();
        let (decoded, enc) = decode_html(&page, None, Some("https://news.example.fr/a"));
        assert_eq!(enc, encoding_rs::WINDOWS_1252);
        assert!(decoded.contains(text));
    }

    #[test]
    fn tld_of_urls() {
        assert_eq!(
            tld("https://www.asahi.example.jp/x?y").as_deref(),
            Some(&b"jp"[..])
        );
        assert_eq!(
            tld("http://user@host.DE:8080/").as_deref(),
            Some(&b"de"[..])
        );
        assert_eq!(
            tld("http://host.example.xn--p1ai/").as_deref(),
            Some(&b"xn--p1ai"[..])
        );
        assert_eq!(tld("http://host.ex\u{e4}mple/"), None);
        // chardetng panics on upper case: this must not reach it.
        let _ = sniff_encoding(b"caf\xE9", None, Some("http://WWW.EXAMPLE.COM/"));
        assert_eq!(tld("http://127.0.0.1/"), None);
    }
}
