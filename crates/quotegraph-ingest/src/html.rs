//! HTML pages (`.html`, `.htm`): main-content extraction and page metadata.
//!
//! The main extractor is `trafilatura`, which drops navigation, cookie banners, share bars,
//! comments, related links and footers, and reads title, author, date, canonical URL and site
//! name from `<meta>`, OpenGraph and JSON-LD. Its `content_html` is turned into text with one
//! paragraph per block element and a blank line between paragraphs. When trafilatura refuses
//! a page or finds no text, `dom_smoothie` (a Readability.js port) is tried instead.
//!
//! Bytes are decoded first (see [`crate::charset`]): byte order mark, HTTP header, `<meta>`,
//! then a guess.

use std::path::Path;

use quotegraph_core::{Article, ArticleMeta, Origin};

use crate::blocks::html_to_paragraphs;
use crate::charset::decode_html;
use crate::error::{ReadError, ReadErrorKind};
use crate::files::{display, read_limited, stem};
use crate::ReadOptions;

/// Which extractor produced an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Extractor {
    /// `trafilatura`, the main extractor.
    Trafilatura,
    /// `dom_smoothie`, the fallback.
    DomSmoothie,
}

/// The text and metadata extracted from one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    /// Article body, paragraphs separated by blank lines.
    pub text: String,
    /// Title, author, date, URL, outlet and language, where the page gives them.
    /// `id` is left empty for the caller.
    pub meta: ArticleMeta,
    /// Which extractor produced it.
    pub extractor: Extractor,
}

/// Extracts the article text and metadata from a decoded page.
///
/// `url` is where the page came from, if known; it is used when the page names no canonical
/// URL of its own. Fails with [`ReadErrorKind::NoContent`] when neither extractor finds text.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ReadErrorKind> {
    // Parsing time grows with the square of the nesting depth, and the fallback recurses
    // over the tree: a hostile page of nested <div>s would stall or overflow the stack.
    let depth = nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(ReadErrorKind::NoContent(format!(
            "markup nested about {depth} elements deep, above the limit of {MAX_NESTING}"
        )));
    }
    let why = match guarded(|| with_trafilatura(html)) {
        Ok(extracted) => return Ok(finish(extracted, html, url)),
        Err(why) => why,
    };
    if depth > MAX_NESTING_FALLBACK {
        return Err(ReadErrorKind::NoContent(format!(
            "trafilatura: {why}; dom_smoothie: not tried, markup nested {depth} deep"
        )));
    }
    match guarded(|| with_dom_smoothie(html, url)) {
        Ok(extracted) => Ok(finish(extracted, html, url)),
        Err(why2) => Err(ReadErrorKind::NoContent(format!(
            "trafilatura: {why}; dom_smoothie: {why2}"
        ))),
    }
}

/// Decodes raw page bytes and extracts the article (the whole path for one page).
///
/// `content_type` is an HTTP `Content-Type` value, when there is one.
pub fn extract_bytes(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Extracted, ReadErrorKind> {
    let (html, _) = decode_html(bytes, content_type, url);
    extract(&html, url)
}

/// Reads one HTML file as an article; the id is the file stem.
pub fn read_html_file(path: &Path, opts: ReadOptions) -> Result<Article, ReadError> {
    let bytes = read_limited(path, opts.file_limit())?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::new(path, None, ReadErrorKind::Empty));
    }
    let extracted =
        extract_bytes(&bytes, None, None).map_err(|kind| ReadError::new(path, None, kind))?;
    Ok(Article {
        text: extracted.text,
        meta: ArticleMeta {
            id: stem(path),
            ..extracted.meta
        },
        origin: Origin {
            file: display(path),
            record: None,
            offset: None,
        },
    })
}

/// Deepest nesting of container elements (estimated) that pages may have.
pub(crate) const MAX_NESTING: usize = 1000;
/// Deepest nesting given to the fallback extractor, which is slower on deep trees.
const MAX_NESTING_FALLBACK: usize = 300;

/// Runs an extractor, turning a panic inside it into an error so that one bad page cannot
/// end a batch. (The panic message still goes to the panic hook.)
fn guarded(f: impl FnOnce() -> Result<Extracted, String>) -> Result<Extracted, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("the extractor panicked".into()))
}

/// Elements that the HTML parser does not close implicitly, so that unclosed ones nest.
const CONTAINERS: &[&[u8]] = &[
    b"div",
    b"span",
    b"section",
    b"article",
    b"table",
    b"blockquote",
    b"ul",
    b"ol",
    b"font",
    b"center",
    b"main",
    b"aside",
    b"header",
    b"footer",
    b"nav",
    b"form",
    b"b",
    b"i",
    b"em",
    b"strong",
    b"u",
    b"small",
    b"big",
    b"sub",
    b"sup",
    b"q",
    b"figure",
];

/// An estimate of how deeply container elements nest, from a scan of the tags (comments,
/// scripts and styles skipped). Cheap next to parsing, and enough to spot hostile pages.
pub(crate) fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<') {
        i += lt + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += find(rest, b"-->").map_or(rest.len(), |n| n + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        if !closing && (name == b"script" || name == b"style") {
            let end: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            let lower = |w: &[u8]| w.eq_ignore_ascii_case(end);
            i += rest
                .windows(end.len())
                .position(lower)
                .unwrap_or(rest.len());
            continue;
        }
        if CONTAINERS.contains(&name.as_slice()) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Fills the URL from the caller when the page has none, and moves a leading headline out of
/// the body into the title.
fn finish(mut extracted: Extracted, html: &str, url: Option<&str>) -> Extracted {
    if extracted.meta.url.is_none() {
        extracted.meta.url = url.map(str::to_string);
    }
    let Some((first, rest)) = extracted.text.split_once("\n\n") else {
        return extracted;
    };
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let is_title = extracted
        .meta
        .title
        .as_deref()
        .is_some_and(|t| same(t, first));
    // Old pages title themselves "Outlet - Headline", and the metadata may keep the wrong half;
    // a short first paragraph that is part of the <title> is the headline.
    let in_page_title = !is_title
        && first.split_whitespace().count() <= 30
        && page_title(html).is_some_and(|t| t.contains(first))
        && extracted
            .meta
            .title
            .as_ref()
            .is_none_or(|t| t.len() < first.len());
    if is_title || in_page_title {
        let (first, rest) = (first.to_string(), rest.to_string());
        if in_page_title {
            extracted.meta.title = Some(first);
        }
        extracted.text = rest;
    }
    extracted
}

/// The text of the page's `<title>` element, found by a plain scan of the head.
fn page_title(html: &str) -> Option<String> {
    let head = &html.as_bytes()[..html.len().min(1 << 16)];
    let open = head
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"<title"))?;
    let start = open + head[open..].iter().position(|&b| b == b'>')? + 1;
    let len = head[start..]
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"</title>"))?;
    // Both ends are at ASCII bytes, so they are char boundaries.
    let raw = &html[start..start + len];
    let text = raw
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn non_empty(s: impl Into<String>) -> Option<String> {
    let s: String = s.into();
    let trimmed = s.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

fn trafilatura_options() -> trafilatura::Options {
    // Comments are never article text; skipping them also saves work. Links are kept in the
    // output HTML so that paragraphs made only of links (menus) can be dropped.
    trafilatura::Options::default()
        .with_exclude_comments(true)
        .with_links(true)
}

fn with_trafilatura(html: &str) -> Result<Extracted, String> {
    let result = trafilatura::extract(html, &trafilatura_options()).map_err(|e| e.to_string())?;
    let text = html_to_paragraphs(&result.content_html);
    if text.is_empty() {
        return Err("no text in the extracted content".into());
    }
    let m = result.metadata;
    Ok(Extracted {
        text,
        meta: ArticleMeta {
            id: None,
            url: non_empty(m.url),
            title: non_empty(m.title),
            author: non_empty(m.author),
            published: m.date.map(|d| d.to_string()),
            outlet: non_empty(m.sitename),
            language: non_empty(m.language),
        },
        extractor: Extractor::Trafilatura,
    })
}

fn with_dom_smoothie(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let config = dom_smoothie::Config {
        max_elements_to_parse: 200_000,
        ..dom_smoothie::Config::default()
    };
    // dom_smoothie wants an absolute URL or none at all.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = match dom_smoothie::Readability::new(html, url, Some(config.clone())) {
        Ok(r) => r,
        Err(_) => {
            dom_smoothie::Readability::new(html, None, Some(config)).map_err(|e| e.to_string())?
        }
    };
    let article = readability.parse().map_err(|e| e.to_string())?;
    let text = html_to_paragraphs(&article.content);
    if text.is_empty() {
        return Err("no text in the extracted content".into());
    }
    Ok(Extracted {
        text,
        meta: ArticleMeta {
            id: None,
            url: article.url.and_then(non_empty),
            title: non_empty(article.title),
            author: article.byline.and_then(non_empty),
            published: article.published_time.and_then(non_empty),
            outlet: article.site_name.and_then(non_empty),
            language: article.lang.and_then(non_empty),
        },
        extractor: Extractor::DomSmoothie,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let (text, _) = decode_html(&std::fs::read(path).unwrap(), None, None);
        text
    }

    #[test]
    fn fallback_extractor_reads_the_modern_page() {
        let e =
            with_dom_smoothie(&fixture("modern_article.html"), Some("https://x.example/")).unwrap();
        assert_eq!(e.extractor, Extractor::DomSmoothie);
        assert!(
            e.text.contains("said council chair Miriam Castellanos"),
            "{}",
            e.text
        );
        assert!(!e.text.contains("Accept all") && !e.text.contains("seagull42"));
        assert!(e.text.contains("\n\n"));
        assert_eq!(e.meta.author.as_deref(), Some("Dana Okafor"));
        assert_eq!(e.meta.outlet.as_deref(), Some("The Lakeside Courier"));
        assert!(e
            .meta
            .published
            .as_deref()
            .unwrap()
            .starts_with("2024-03-14"));
    }

    #[test]
    fn hostile_nesting_is_refused_quickly() {
        let deep = |n: usize| {
            format!(
                "<html><body>{}<p>Deep text, long enough to count, said the mayor.</p>{}</body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        assert_eq!(nesting_depth(&deep(50)), 50);
        assert!(extract(&deep(50), None).is_ok());
        let t = std::time::Instant::now();
        let err = extract(&deep(100_000), None).unwrap_err();
        assert!(err.to_string().contains("nested about 100000"), "{err}");
        assert!(t.elapsed().as_secs() < 2);
        // Closed siblings, comments and scripts do not add depth.
        let flat = "<div></div><div><!-- <div><div> --><script>'<div><div>'</script></div>";
        assert_eq!(nesting_depth(flat), 1);
    }

    #[test]
    fn headline_moves_to_title() {
        let e = extract(&fixture("modern_article.html"), None).unwrap();
        assert!(e.text.starts_with("The Millbrook"));
        assert_eq!(
            page_title(&fixture("old_article.html")).as_deref(),
            Some("Valley Gazette - Mill workers vote to end strike")
        );
    }
}
