use quotegraph_ingest::feed::FeedReader;
use quotegraph_ingest::{Location, ReadErrorKind, ReadOptions};

use crate::fixture;

#[test]
fn rss_items() {
    let items: Vec<_> = FeedReader::open(fixture("feed.rss"), ReadOptions::default()).collect();
    assert_eq!(items.len(), 3);
    let a = items[0].as_ref().unwrap();
    assert_eq!(
        a.text,
        "The Millbrook harbor council voted seven to two on Wednesday night to build a concrete \
         flood wall along the east quay.\n\n“This wall buys the harbor thirty years,” said \
         council chair Miriam Castellanos."
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Harbor council approves flood wall")
    );
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://courier.example.org/news/2024/03/14/harbor-flood-wall")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Dana Okafor"));
    assert_eq!(
        a.meta.published.as_deref(),
        Some("2024-03-14T09:30:00+00:00")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("The Lakeside Courier"));
    assert_eq!(a.meta.language.as_deref(), Some("en-gb"));
    assert_eq!(a.meta.id.as_deref(), Some("courier-2024-0314-01"));
    assert_eq!(a.origin.record, Some(1));

    // Escaped HTML in a description.
    let b = items[1].as_ref().unwrap();
    assert_eq!(
        b.text,
        "The lake ferry will run four times a day instead of six from April, the operator said \
         on Wednesday."
    );

    let err = items[2].as_ref().unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::MissingField("content")));
    assert_eq!(
        err.location(),
        Some(Location::Record {
            number: 3,
            offset: None
        })
    );
    assert!(err.to_string().contains("feed.rss: record 3"), "{err}");
}

#[test]
fn atom_entries() {
    let items: Vec<_> = FeedReader::open(fixture("feed.atom"), ReadOptions::default())
        .map(Result::unwrap)
        .collect();
    assert_eq!(items.len(), 2);
    let a = &items[0];
    assert_eq!(
        a.text,
        "Der Stadtrat hat am Montag einen neuen Radweg entlang der Uferstraße beschlossen.\n\n\
         „Das war überfällig“, sagte Bürgermeisterin Katrin Hofer."
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Stadtrat beschließt neuen Radweg")
    );
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://talbote.example.de/2024/04/radweg")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Jana Weber"));
    assert_eq!(
        a.meta.published.as_deref(),
        Some("2024-04-02T06:15:00+00:00")
    );
    assert_eq!(a.meta.outlet.as_deref(), Some("Talbote Nachrichten"));
    assert_eq!(
        a.meta.id.as_deref(),
        Some("tag:talbote.example.de,2024:radweg")
    );
    // Summary only, plain text; the date falls back to `updated`.
    let b = &items[1];
    assert_eq!(
        b.text,
        "Die Brücke bleibt bis Juni gesperrt, teilte das Bauamt mit."
    );
    assert_eq!(
        b.meta.published.as_deref(),
        Some("2024-04-01T12:00:00+00:00")
    );
}

#[test]
fn broken_feed_is_one_error() {
    let items: Vec<_> = FeedReader::from_bytes(b"<rss><channel><item>", "cut.rss").collect();
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::Feed(_)), "{err}");
    assert!(
        err.to_string().starts_with("cut.rss: invalid feed"),
        "{err}"
    );
}
