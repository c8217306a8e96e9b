use quotegraph_ingest::html::{extract_bytes, read_html_file, Extractor};
use quotegraph_ingest::ReadOptions;

use crate::fixture;

/// Sentences that must survive extraction, and boilerplate that must not.
fn check(text: &str, kept: &[&str], gone: &[&str]) {
    for s in kept {
        assert!(text.contains(s), "lost {s:?} from:\n{text}");
    }
    for s in gone {
        assert!(!text.contains(s), "kept boilerplate {s:?} in:\n{text}");
    }
}

#[test]
fn modern_article_page() {
    let a = read_html_file(&fixture("modern_article.html"), ReadOptions::default()).unwrap();
    check(
        &a.text,
        &[
            "The Millbrook harbor council voted seven to two on Wednesday night",
            "“We cannot keep pumping water out of people’s kitchens every February,” said council chair Miriam Castellanos",
            "“never once asked the people who actually work on the quay”",
            "The regional water authority has promised to pay 60 percent",
            "Engineers from the authority said construction could begin in September",
            "“We are against doing it badly.”",
        ],
        &[
            "cookies",
            "Accept all",
            "Subscribe today",
            "Share on Facebook",
            "Morning Tide",
            "Sign up",
            "Related stories",
            "Storm damage bill",
            "seagull42",
            "My cellar flooded",
            "Most read",
            "Rowing club",
            "All rights reserved",
            "Privacy policy",
            "Advertisement",
            "dataLayer",
        ],
    );
    // Six paragraphs, separated by blank lines, and the headline moved to the title.
    assert_eq!(a.text.split("\n\n").count(), 6, "{}", a.text);
    assert!(a.text.starts_with("The Millbrook harbor council"));
    let m = &a.meta;
    assert_eq!(m.id.as_deref(), Some("modern_article"));
    assert_eq!(
        m.title.as_deref(),
        Some("Harbor council approves flood wall after heated debate")
    );
    assert_eq!(m.author.as_deref(), Some("Dana Okafor"));
    assert_eq!(m.published.as_deref(), Some("2024-03-14"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://courier.example.org/news/2024/03/14/harbor-flood-wall")
    );
    assert_eq!(m.outlet.as_deref(), Some("The Lakeside Courier"));
    assert_eq!(m.language.as_deref(), Some("en"));
}

#[test]
fn old_table_and_br_page_in_windows_1252() {
    let a = read_html_file(&fixture("old_article.html"), ReadOptions::default()).unwrap();
    check(
        &a.text,
        &[
            "Workers at the Carrow paper mill voted on Friday",
            "“It isn’t everything we asked for, but it’s a fair deal,” said union steward Helen Marchetti",
            "The agreement raises wages by 3 percent a year",
            "“We’re glad to have everybody back,” he said",
            "Café owner Lisette Baumann",
        ],
        &["Front page", "Classifieds", "Printer-friendly", "E-mail this story", "Copyright", "Advertise"],
    );
    // The <br><br> breaks became paragraphs.
    assert_eq!(a.text.split("\n\n").count(), 5, "{}", a.text);
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Mill workers vote to end strike")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Robert Ellingham"));
    assert_eq!(a.meta.published.as_deref(), Some("2003-06-21"));
}

#[test]
fn charset_from_http_header_and_guess() {
    let page = std::fs::read(fixture("old_article.html")).unwrap();
    // Without its <meta> charset, the windows-1252 page is still decoded right by the guess.
    let raw: Vec<u8> = {
        let needle = b"charset=windows-1252";
        let at = page
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap();
        [&page[..at], &page[at + needle.len()..]].concat()
    };
    let e = extract_bytes(&raw, None, Some("http://gazette.example.com/strike.html")).unwrap();
    assert!(e.text.contains("Café owner"), "{}", e.text);
    assert_eq!(e.extractor, Extractor::Trafilatura);
    assert_eq!(
        e.meta.url.as_deref(),
        Some("http://gazette.example.com/strike.html")
    );
    // An HTTP header charset wins over the guess.
    let e = extract_bytes(&raw, Some("text/html; charset=windows-1252"), None).unwrap();
    assert!(e.text.contains("“It isn’t everything"), "{}", e.text);
}

#[test]
fn refused_pages_are_errors_not_panics() {
    for page in [
        &b""[..],
        b"<html></html>",
        b"<p>",
        b"\xFF\xFE\x00<",
        b"<a href=x>menu</a>",
    ] {
        let _ = extract_bytes(page, Some("text/html; charset=utf-8"), None);
    }
    assert!(extract_bytes(b"<html><body></body></html>", None, None).is_err());
}
