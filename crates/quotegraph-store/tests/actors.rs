//! The actors in the store: entities merged across articles, relations with their
//! evidence, "about" and "speaker" links, and ingestion without actors storing none.

use quotegraph_core::{Article, ArticleMeta, Pipeline};
use quotegraph_store::{
    ingest, prepare, prepare_with, relations_of, top_entities, IngestOptions, Store,
};

fn article(text: &str, url: &str) -> Article {
    Article {
        text: text.to_string(),
        meta: ArticleMeta {
            url: Some(url.to_string()),
            published: Some("2024-11-20".into()),
            ..ArticleMeta::default()
        },
        ..Article::default()
    }
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/siberian-battalion.txt"
    ))
    .unwrap()
}

const SECOND: &str = "The Civic Council, based in Poland, is recruiting again. \
“We need more volunteers,” Ivan Sokolov said on Monday. \
Sokolov joined the Siberian Battalion in 2023.";

const THIRD: &str = "“The front is quiet,” Sokolov told reporters in Kyiv.";

#[test]
fn entities_and_relations_merge_across_articles() {
    let mut store = Store::open_in_memory().unwrap();
    let pipeline = Pipeline::default();
    let batch: Vec<_> = [
        article(&seed(), "https://example.org/seed"),
        article(SECOND, "https://example.org/second"),
        article(THIRD, "https://example.org/third"),
    ]
    .into_iter()
    .map(|a| prepare_with(&pipeline, a, true).unwrap())
    .collect();
    store.write(&batch).unwrap();

    let top = top_entities(store.connection(), 50).unwrap();
    let civic = top
        .iter()
        .find(|e| e.name == "Civic Council")
        .expect("the Civic Council is stored");
    assert_eq!((civic.kind.as_str(), civic.articles), ("organization", 2));
    assert!(
        civic
            .descriptions
            .iter()
            .any(|d| d == "a Russian opposition group based in Poland"),
        "{civic:?}"
    );
    // "Sokolov" alone (third article) is merged into the only Sokolov with a full name
    let sokolov = top
        .iter()
        .find(|e| e.name == "Ivan Sokolov")
        .expect("Ivan Sokolov is stored");
    assert_eq!(sokolov.kind, "person");
    assert_eq!(sokolov.articles, 3, "{sokolov:?}");
    assert!(
        sokolov
            .merged
            .iter()
            .any(|(name, why)| name == "Sokolov" && why.contains("only person")),
        "{sokolov:?}"
    );

    // the relation "based in" is stated by two articles and merged into one row
    let rels = relations_of(store.connection(), "civic council").unwrap();
    let based = rels
        .iter()
        .find(|r| r.predicate == "based in" && r.object == "Poland")
        .unwrap_or_else(|| panic!("{rels:#?}"));
    assert_eq!(
        (based.subject.as_str(), based.articles),
        ("Civic Council", 2)
    );
    assert!(rels
        .iter()
        .any(|r| r.predicate == "formed" && r.object == "Siberian Battalion"));

    // every attribution with a speaker entity is linked to it
    let conn = store.connection();
    let speakers: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM attribution_entities a JOIN entities e ON e.id = a.entity_id
             WHERE a.role = 'speaker' AND e.name IN ('Ivan Sokolov', 'Sokolov')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(speakers >= 3, "{speakers} Sokolov speaker links");
    let about: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM attribution_entities WHERE role = 'about'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(about > 0);
}

#[test]
fn without_actors_nothing_is_stored_and_ingest_asks_for_them() {
    let mut store = Store::open_in_memory().unwrap();
    let p = prepare(&Pipeline::default(), article(SECOND, "https://x.org/a")).unwrap();
    assert!(p.actors.is_none());
    store.write(&[p]).unwrap();
    assert!(top_entities(store.connection(), 10).unwrap().is_empty());

    let articles = vec![Ok::<_, String>(article(SECOND, "https://x.org/b"))];
    let opts = IngestOptions {
        actors: true,
        skip_known: false,
        ..IngestOptions::default()
    };
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, articles.into_iter(), &opts, |_| {}).unwrap();
    let top = top_entities(store.connection(), 10).unwrap();
    assert!(top.iter().any(|e| e.name == "Civic Council"), "{top:?}");
}
