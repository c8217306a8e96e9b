use quotegraph_ingest::jsonl::JsonlReader;
use quotegraph_ingest::{Location, ReadErrorKind, ReadOptions};

use crate::fixture;

#[test]
fn good_lines_are_read_and_bad_lines_are_errors_with_line_numbers() {
    let items: Vec<_> = JsonlReader::open(fixture("articles.jsonl"), ReadOptions::default())
        .unwrap()
        .collect();
    // Six non-blank lines: four articles and two errors.
    assert_eq!(items.len(), 6);

    let first = items[0].as_ref().unwrap();
    assert_eq!(first.meta.id.as_deref(), Some("wire-001"));
    assert_eq!(
        first.meta.url.as_deref(),
        Some("https://wire.example.net/a/1")
    );
    assert_eq!(first.meta.title.as_deref(), Some("Port strike ends"));
    assert_eq!(first.meta.published.as_deref(), Some("2024-05-02"));
    assert_eq!(first.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(first.meta.language.as_deref(), Some("en"));
    assert_eq!(first.meta.author.as_deref(), Some("Lee Park"));
    assert!(first.text.starts_with("Dock workers returned"));
    assert_eq!(first.origin.record, Some(1));
    assert_eq!(first.origin.offset, Some(0));

    let second = items[1].as_ref().unwrap();
    assert_eq!(second.meta.id.as_deref(), Some("articles:2"));
    assert_eq!(items[2].as_ref().unwrap().meta.id.as_deref(), Some("42"));
    assert_eq!(items[2].as_ref().unwrap().origin.record, Some(4));

    let broken = items[3].as_ref().unwrap_err();
    assert!(matches!(broken.kind(), ReadErrorKind::Json(_)));
    assert!(matches!(
        broken.location(),
        Some(Location::Line { number: 5, .. })
    ));
    assert!(
        broken
            .to_string()
            .contains("articles.jsonl: line 5: invalid JSON"),
        "{broken}"
    );

    let no_text = items[4].as_ref().unwrap_err();
    assert!(matches!(
        no_text.kind(),
        ReadErrorKind::MissingField("text")
    ));
    assert!(no_text.to_string().contains("line 6"), "{no_text}");

    assert_eq!(
        items[5].as_ref().unwrap().meta.id.as_deref(),
        Some("after-errors")
    );
}

#[test]
fn overlong_line_is_skipped_with_an_error() {
    let long = format!(
        "{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n",
        "x".repeat(5000)
    );
    let opts = ReadOptions::default().max_record_size(1000);
    let items: Vec<_> = JsonlReader::new(long.as_bytes(), "long.jsonl", opts).collect();
    assert_eq!(items.len(), 2);
    assert!(matches!(
        items[0].as_ref().unwrap_err().kind(),
        ReadErrorKind::RecordTooLarge { limit: 1000, .. }
    ));
    assert_eq!(items[1].as_ref().unwrap().text, "short");
    assert_eq!(items[1].as_ref().unwrap().origin.record, Some(2));
}

#[test]
fn crlf_and_missing_final_newline() {
    let data = "{\"text\": \"one\"}\r\n{\"text\": \"two\"}";
    let texts: Vec<_> = JsonlReader::new(data.as_bytes(), "x.jsonl", ReadOptions::default())
        .map(|a| a.unwrap().text)
        .collect();
    assert_eq!(texts, ["one", "two"]);
}
