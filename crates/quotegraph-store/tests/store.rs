//! Integration tests of the store: articles written through the real engine, then queried.
//!
//! Topics:
//! - exact duplicates: one article, every source, nothing extracted twice;
//! - near-duplicates: wire copy with a new lede and a cut end is linked, a different article
//!   is not;
//! - statements: a truncated quote joins the full one across articles, appearances earliest
//!   first; the same words from a different full name are another statement;
//! - speakers: a surname merges into the only full name, is unmerged when a second full name
//!   arrives, titles are stripped; `explain` gives the reasons;
//! - search by text, speaker and dates; export with code point spans;
//! - the parallel driver: input order, failures counted, deterministic.

use quotegraph_core::{Article, ArticleMeta, Origin, Pipeline};
use quotegraph_store::query::appearances;
use quotegraph_store::speakers::explain;
use quotegraph_store::{
    export, ingest, prepare, search, top_speakers, IngestOptions, SearchQuery, Store,
};

fn article(text: &str, url: &str, published: &str) -> Article {
    Article {
        text: text.to_string(),
        meta: ArticleMeta {
            url: (!url.is_empty()).then(|| url.to_string()),
            published: (!published.is_empty()).then(|| published.to_string()),
            title: Some(format!("title of {url}")),
            ..ArticleMeta::default()
        },
        origin: Origin {
            file: "test".into(),
            ..Origin::default()
        },
    }
}

fn write(store: &mut Store, articles: &[Article]) -> quotegraph_store::WriteReport {
    let pipeline = Pipeline::default();
    let prepared: Vec<_> = articles
        .iter()
        .map(|a| prepare(&pipeline, a.clone()).unwrap())
        .collect();
    store.write(&prepared).unwrap()
}

const A: &str = "Fighters of the Siberian Battalion gathered in Kyiv on Monday.\n\n\
“We want to democratise Russia, and it will not be possible without an armed struggle against \
the regime,” said Ivan Sokolov, a commander of the battalion.\n\n\
Russian President Vladimir Putin said the operation was going to plan.";

const B: &str = "A second report from the front.\n\n\
“We want to democratise Russia, and it will not be possible without an armed struggle,” \
Sokolov said.\n\n“Nobody trusts the Kremlin any more,” Putin said.";

const C: &str = "Another commander spoke on Tuesday.\n\n\
“We want to democratise Russia, and it will not be possible without an armed struggle,” \
Dmitry Sokolov told reporters.";

fn query(text: Option<&str>, speaker: Option<&str>) -> SearchQuery {
    SearchQuery {
        text: text.map(str::to_string),
        speaker: speaker.map(str::to_string),
        limit: 50,
        ..SearchQuery::default()
    }
}

#[test]
fn exact_duplicates_are_one_article_with_every_source() {
    let mut store = Store::open_in_memory().unwrap();
    let first = write(
        &mut store,
        &[article(A, "https://a.example/1", "2024-03-15")],
    );
    assert_eq!((first.new, first.attributions), (1, 2));
    // the same words with other spacing and quote marks, from another outlet, one day earlier
    let respaced = A.replace("\n\n", "\n").replace(['“', '”'], "\"");
    let second = write(
        &mut store,
        &[article(&respaced, "https://b.example/x", "2024-03-14")],
    );
    assert_eq!(
        (second.new, second.duplicates, second.new_sources),
        (0, 1, 1)
    );
    assert_eq!(second.attributions, 0);
    // and the first source again: nothing at all
    let third = write(
        &mut store,
        &[article(A, "https://a.example/1", "2024-03-15")],
    );
    assert_eq!((third.duplicates, third.new_sources), (1, 0));
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.articles, counts.sources, counts.attributions),
        (1, 2, 2)
    );
    let day: String = store
        .connection()
        .query_row("SELECT published_day FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(day, "2024-03-14", "the earliest source's day");
    let exact: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM duplicates WHERE kind = 'exact'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(exact, 1);
}

/// About 400 words of report-like text, different for each seed.
fn long_text(seed: u32, sentences: std::ops::Range<u32>) -> String {
    sentences
        .map(|i| {
            format!(
                "Officials in district {} counted {} ballots at station {} before noon on day {}.",
                seed * 100 + i,
                (seed + 3) * (i + 7) * 13,
                i * 17 + seed,
                i + 1
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn near_duplicates_are_linked_to_the_most_similar_earlier_article() {
    let mut store = Store::open_in_memory().unwrap();
    let original = long_text(1, 0..30);
    // wire copy: a new lede, two edited words, the last three sentences cut
    let copy = format!(
        "MOSCOW (Wire) — A new lede for the copy.\n\n{}",
        long_text(1, 0..27)
            .replacen("ballots", "votes", 2)
            .replacen("noon", "midday", 1)
    );
    let unrelated = long_text(2, 0..30);
    let r = write(
        &mut store,
        &[
            article(&original, "u1", ""),
            article(&copy, "u2", ""),
            article(&unrelated, "u3", ""),
        ],
    );
    assert_eq!((r.new, r.near_duplicates), (3, 1));
    let (id, of, sim): (i64, i64, f64) = store
        .connection()
        .query_row(
            "SELECT article_id, duplicate_of, similarity FROM article_duplicates",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((id, of), (2, 1));
    assert!((0.5..1.0).contains(&sim), "{sim}");
}

#[test]
fn a_truncated_quote_joins_its_statement_a_different_speaker_does_not() {
    let mut store = Store::open_in_memory().unwrap();
    write(
        &mut store,
        &[
            article(A, "a", "2024-03-15"),
            article(B, "b", "2024-03-10"),
            article(C, "c", "2024-03-20"),
        ],
    );
    let conn = store.connection();
    let statements: Vec<(i64, String, i64)> = conn
        .prepare("SELECT id, speaker_key, appearances FROM statements WHERE norm LIKE 'we want%' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(statements.len(), 2, "{statements:?}");
    assert_eq!(statements[0].1, "ivan sokolov");
    assert_eq!(
        statements[0].2, 2,
        "Ivan Sokolov's quote and B's shorter copy"
    );
    assert_eq!(statements[1].1, "dmitry sokolov");
    // earliest first: B (March 10) before A (March 15)
    let seen = appearances(conn, statements[0].0).unwrap();
    let days: Vec<_> = seen.iter().map(|a| a.day.clone().unwrap()).collect();
    assert_eq!(days, ["2024-03-10", "2024-03-15"]);
    assert!(seen[0].content.ends_with("armed struggle,”"));
}

#[test]
fn surnames_merge_only_while_unambiguous_and_explain_says_why() {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, &[article(A, "a", ""), article(B, "b", "")]);
    let entities = explain(store.connection(), "Sokolov").unwrap();
    assert_eq!(entities.len(), 1);
    let e = &entities[0];
    assert_eq!(
        (e.name.as_str(), e.kind.as_str()),
        ("Ivan Sokolov", "person")
    );
    assert_eq!(e.names.len(), 2);
    assert_eq!(e.names[0].key, "ivan sokolov");
    assert_eq!(e.names[1].key, "sokolov");
    let reason = e.names[1].reason.as_deref().unwrap();
    assert!(
        reason.starts_with("surname of Ivan Sokolov, the only person"),
        "{reason}"
    );
    // Putin: "Russian President Vladimir Putin" in A (resolved by the engine to Vladimir Putin),
    // "Putin" in B
    let putin = explain(store.connection(), "President Putin").unwrap();
    assert_eq!(putin.len(), 1);
    assert_eq!(putin[0].name, "Vladimir Putin");
    assert_eq!(putin[0].mentions, 2);

    // a second Sokolov: the surname no longer says who
    write(&mut store, &[article(C, "c", "")]);
    let entities = explain(store.connection(), "Sokolov").unwrap();
    let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Dmitry Sokolov", "Ivan Sokolov", "Sokolov"]);
    let reason = entities[2].names[0].reason.as_deref().unwrap();
    assert_eq!(
        reason,
        "not merged: the surname \"sokolov\" is shared by Dmitry Sokolov, Ivan Sokolov"
    );
    // never two full names
    let ivan = explain(store.connection(), "Ivan Sokolov").unwrap();
    assert_eq!(ivan.len(), 1);
    assert_eq!(ivan[0].names.len(), 1);
    let top = top_speakers(store.connection(), 10).unwrap();
    assert_eq!(top.len(), 4, "{top:?}"); // Ivan, Putin, the lone Sokolov, Dmitry
}

#[test]
fn search_by_text_speaker_and_date() {
    let mut store = Store::open_in_memory().unwrap();
    write(
        &mut store,
        &[
            article(A, "a", "2024-03-15"),
            article(B, "b", "2024-03-10"),
            article(C, "c", "2024-04-02"),
        ],
    );
    let conn = store.connection();
    let hits = search(conn, &query(Some("democratise"), None)).unwrap();
    assert_eq!(hits.len(), 2, "one per statement: {hits:?}");
    let hits = search(conn, &query(Some("kremlin"), Some("Vladimir Putin"))).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].content, "“Nobody trusts the Kremlin any more,”");
    assert_eq!(hits[0].speaker_as_written.as_deref(), Some("Putin"));
    assert_eq!(hits[0].day.as_deref(), Some("2024-03-10"));
    assert_eq!(hits[0].url.as_deref(), Some("b"));
    // speaker only, by surname: every Sokolov
    let hits = search(conn, &query(None, Some("sokolov"))).unwrap();
    assert_eq!(hits.len(), 2);
    // dates
    let mut q = query(Some("democratise"), None);
    q.since = Some("2024-04".into());
    let hits = search(conn, &q).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].speaker.as_deref(), Some("Dmitry Sokolov"));
    q.since = None;
    q.until = Some("2024-03".into());
    assert_eq!(search(conn, &q).unwrap().len(), 1);
    q.until = Some("March".into());
    assert!(search(conn, &q).is_err());
    assert!(search(conn, &query(None, Some("Nobody Known")))
        .unwrap()
        .is_empty());
}

#[test]
fn export_gives_every_attribution_with_code_point_spans() {
    let mut store = Store::open_in_memory().unwrap();
    write(
        &mut store,
        &[article(A, "a", "2024-03-15"), article(B, "b", "")],
    );
    let mut rows = Vec::new();
    let n = export(store.connection(), |r| {
        rows.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(n, 4);
    let first = &rows[0];
    assert_eq!(first.speaker.as_deref(), Some("Ivan Sokolov"));
    assert_eq!(first.day.as_deref(), Some("2024-03-15"));
    let span = &first.spans["content"][0];
    let (start, end) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    let text: String = A
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(text, span["text"].as_str().unwrap());
    assert_eq!(text, first.content);
}

#[test]
fn the_driver_keeps_input_order_counts_failures_and_is_deterministic() {
    let inputs = || {
        let mut items: Vec<Result<Article, String>> = Vec::new();
        for i in 0..40u32 {
            if i % 13 == 5 {
                items.push(Err(format!("bad record {i}")));
            } else {
                let text = format!(
                    "{}\n\n“Item {i} is ready,” Sokolov said.",
                    long_text(i, 0..3)
                );
                items.push(Ok(article(&text, &format!("u{i}"), "")));
            }
        }
        items.push(Ok(article("", "empty", ""))); // the engine refuses an empty text
        items.into_iter()
    };
    let opts = IngestOptions {
        batch_size: 3,
        threads: 2,
        skip_known: true,
        ..IngestOptions::default()
    };
    let mut progress_calls = 0;
    let mut store = Store::open_in_memory().unwrap();
    let summary = ingest(&mut store, inputs(), &opts, |_| progress_calls += 1).unwrap();
    assert_eq!(summary.read, 41);
    assert_eq!(summary.failed, 4);
    assert_eq!(summary.failures[0], "bad record 5");
    assert_eq!(summary.written.new, 37);
    assert_eq!(progress_calls, 14);
    // article ids follow the input order
    let urls: Vec<String> = store
        .connection()
        .prepare("SELECT url FROM articles ORDER BY id LIMIT 6")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(urls, ["u0", "u1", "u2", "u3", "u4", "u6"]);
    let mut again = Store::open_in_memory().unwrap();
    ingest(&mut again, inputs(), &opts, |_| {}).unwrap();
    assert_eq!(store.counts().unwrap(), again.counts().unwrap());
}
