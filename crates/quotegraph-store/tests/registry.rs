//! The speaker registry across articles, fed with made-up engine output so that each rule
//! is tested on exactly the names it is about.
//!
//! Topics:
//! - consistent full names are one speaker ("Donald J. Trump", "Donald Trump"), inconsistent
//!   ones never ("Bill Clinton", "Hillary Clinton"), and a later name that makes a merge
//!   ambiguous undoes it;
//! - spelling variants of a transliterated name; short and long forms of an organisation;
//! - a row's kind is the majority of its mentions' kinds;
//! - roles are kept with their counts and first and last days;
//! - the result does not depend on the order or batching of the input;
//! - re-ingesting changes nothing; a version 2 store is upgraded and re-keyed.

use quotegraph_core::attribution::AttributionType;
use quotegraph_core::identity::SpeakerKind;
use quotegraph_core::schema::{OutAttribution, OutSpan, OutSpeaker};
use quotegraph_core::{Article, ArticleMeta};
use quotegraph_store::names::name_key;
use quotegraph_store::norm::content_hash;
use quotegraph_store::prepare::{PreparedAttribution, SpeakerName};
use quotegraph_store::speakers::explain;
use quotegraph_store::statements::QuoteShape;
use quotegraph_store::{top_speakers, Prepared, Store};

/// One attribution of a made-up article: the speaker's name (None: unnamed), kind,
/// description.
struct Said<'a>(Option<&'a str>, SpeakerKind, Option<&'a str>);

fn span(text: &str) -> Vec<OutSpan> {
    vec![OutSpan {
        start: 0,
        end: text.chars().count(),
        text: text.to_string(),
    }]
}

/// A prepared article whose attributions have the given speakers; `n` makes its text (and
/// its quotes) unique.
fn prepared(n: usize, day: Option<&str>, said: &[Said<'_>]) -> Prepared {
    let text = format!("article {n}");
    let attributions = said
        .iter()
        .enumerate()
        .map(|(i, Said(name, kind, description))| {
            let content = format!("“quote {i} of article {n}”");
            let out = OutAttribution {
                id: i + 1,
                kind: AttributionType::Direct,
                source: span(name.unwrap_or("someone")),
                source_description: Vec::new(),
                cue: span("said"),
                cue_class: None,
                content: span(&content),
                speaker: Some(OutSpeaker {
                    name: name.map(str::to_string),
                    kind: *kind,
                    entity: name.map(|_| i + 1),
                    description: description.map(str::to_string),
                    anonymous: false,
                    how: quotegraph_core::identity::Evidence::Name,
                }),
                carried_from: None,
                duplicate_of: None,
            };
            let speaker = name.and_then(|name| {
                let key = name_key(name, *kind != SpeakerKind::Organization)?;
                Some(SpeakerName {
                    surface: name.to_string(),
                    kind: kind.as_str(),
                    key,
                    roles: description
                        .and_then(quotegraph_store::names::role)
                        .into_iter()
                        .collect(),
                })
            });
            PreparedAttribution {
                source: name.unwrap_or("someone").to_string(),
                cue: "said".into(),
                quote: QuoteShape::new(&content),
                content,
                speaker,
                out,
            }
        })
        .collect();
    Prepared {
        article: Article {
            text: text.clone(),
            meta: ArticleMeta {
                url: Some(format!("https://example.org/{n}")),
                published: day.map(str::to_string),
                ..ArticleMeta::default()
            },
            ..Article::default()
        },
        hash: content_hash(&text),
        day: day.map(str::to_string),
        signature: Vec::new(),
        attributions: Some(attributions),
        actors: None,
    }
}

use SpeakerKind::{Organization as O, Person as P};

/// Every name row as (name, its entity's name, reason), sorted by name.
fn registry(store: &Store) -> Vec<(String, String, Option<String>)> {
    let conn = store.connection();
    let mut rows: Vec<(String, String, Option<String>)> = conn
        .prepare(
            "SELECT s.name, c.name, s.merge_reason FROM speakers s
             JOIN speakers c ON c.id = s.canonical_id ORDER BY s.name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.sort();
    rows
}

fn entity_of(store: &Store, name: &str) -> String {
    registry(store)
        .into_iter()
        .find(|r| r.0 == name)
        .unwrap_or_else(|| panic!("no row {name}"))
        .1
}

fn corpus() -> Vec<Prepared> {
    vec![
        prepared(
            1,
            Some("2016-03-01"),
            &[
                Said(Some("Donald Trump"), P, Some("Republican front-runner")),
                Said(Some("Hillary Clinton"), P, Some("Democratic candidate")),
                Said(Some("Justice Department"), O, None),
            ],
        ),
        prepared(
            2,
            Some("2016-09-12"),
            &[
                Said(
                    Some("Donald J. Trump"),
                    P,
                    Some("the Republican presidential nominee,"),
                ),
                Said(
                    Some("Donald Trump"),
                    P,
                    Some("Republican presidential nominee"),
                ),
                Said(Some("Bill Clinton"), P, Some("Former President")),
                Said(Some("Department of Justice"), O, None),
                Said(None, SpeakerKind::Unnamed, Some("a senior official")),
            ],
        ),
        prepared(
            3,
            Some("2016-11-09"),
            &[
                Said(Some("Donald Trump"), P, Some("President-elect")),
                Said(Some("Hillary Rodham Clinton"), P, None),
                Said(Some("Volodymyr Zelensky"), P, None),
                Said(Some("Zelenskiy"), P, None),
                Said(Some("Volodymyr Zelenskyy"), P, None),
                Said(Some("Clinton"), P, None),
            ],
        ),
        prepared(
            4,
            None,
            &[
                Said(Some("Paul D. Ryan"), P, Some("House Speaker")),
                Said(Some("Paul Ryan"), O, None),
                Said(Some("Paul Ryan"), P, None),
                Said(Some("Paul Ryan"), P, Some("Speaker")),
            ],
        ),
    ]
}

#[test]
fn people_merge_by_consistent_names_and_never_two_people() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(&corpus()).unwrap();
    assert_eq!(entity_of(&store, "Donald J. Trump"), "Donald Trump");
    assert_eq!(
        entity_of(&store, "Hillary Rodham Clinton"),
        entity_of(&store, "Hillary Clinton")
    );
    assert_eq!(entity_of(&store, "Bill Clinton"), "Bill Clinton");
    assert_eq!(entity_of(&store, "Clinton"), "Clinton");
    assert_eq!(entity_of(&store, "Paul D. Ryan"), "Paul Ryan");
    // spellings of one transliterated name; a lone surname joins the only person with it
    for z in ["Volodymyr Zelenskyy", "Zelenskiy"] {
        assert_eq!(entity_of(&store, z), "Volodymyr Zelensky");
    }
    let reasons = registry(&store);
    let reason = |n: &str| reasons.iter().find(|r| r.0 == n).unwrap().2.clone();
    assert_eq!(
        reason("Volodymyr Zelenskyy").as_deref(),
        Some("spelling variant of Volodymyr Zelensky")
    );
    assert_eq!(
        reason("Donald J. Trump").as_deref(),
        Some("fuller form of Donald Trump; consistent with no other person in the corpus")
    );
    assert!(reason("Clinton")
        .unwrap()
        .starts_with("not merged: the surname \"clinton\" is shared by"));
    // organisations: short and long forms
    assert_eq!(
        entity_of(&store, "Department of Justice"),
        entity_of(&store, "Justice Department")
    );
    // unnamed sources are not registered
    assert!(!reasons.iter().any(|r| r.0.contains("official")));
    // the kind is the majority: Paul Ryan was an organisation once, a person twice
    let ryan = &explain(store.connection(), "Paul Ryan").unwrap()[0];
    assert_eq!(
        (ryan.name.as_str(), ryan.kind.as_str()),
        ("Paul Ryan", "person")
    );
    assert_eq!(ryan.names.len(), 2);
    let top = top_speakers(store.connection(), 50).unwrap();
    let trump = top.iter().find(|s| s.name == "Donald Trump").unwrap();
    assert_eq!((trump.mentions, trump.merged_names), (4, 1));
}

#[test]
fn roles_are_descriptions_with_counts_and_days() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(&corpus()).unwrap();
    let trump = &explain(store.connection(), "Donald Trump").unwrap()[0];
    let roles: Vec<(&str, i64, Option<&str>, Option<&str>)> = trump
        .roles
        .iter()
        .map(|r| {
            (
                r.text.as_str(),
                r.articles,
                r.first_day.as_deref(),
                r.last_day.as_deref(),
            )
        })
        .collect();
    // "the Republican presidential nominee," (Donald J. Trump) and "Republican presidential
    // nominee" (Donald Trump) in one article: one role, counted once per name row
    assert_eq!(
        roles,
        [
            (
                "Republican presidential nominee",
                2,
                Some("2016-09-12"),
                Some("2016-09-12")
            ),
            (
                "Republican front-runner",
                1,
                Some("2016-03-01"),
                Some("2016-03-01")
            ),
            ("President-elect", 1, Some("2016-11-09"), Some("2016-11-09")),
        ]
    );
    // names never carry the role
    assert!(trump.names.iter().all(|n| !n.name.contains("nominee")));
    let ryan = &explain(store.connection(), "Paul Ryan").unwrap()[0];
    let texts: Vec<&str> = ryan.roles.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["House Speaker", "Speaker"]);
    assert!(ryan.roles.iter().all(|r| r.first_day.is_none()));
}

#[test]
fn the_registry_does_not_depend_on_input_order_or_batches() {
    let mut one = Store::open_in_memory().unwrap();
    one.write(&corpus()).unwrap();
    let mut reversed = corpus();
    reversed.reverse();
    let mut other = Store::open_in_memory().unwrap();
    for p in reversed {
        other.write(&[p]).unwrap();
    }
    assert_eq!(registry(&one), registry(&other));
    let roles = |s: &Store| {
        explain(s.connection(), "Donald Trump").unwrap()[0]
            .roles
            .clone()
    };
    assert_eq!(roles(&one), roles(&other));
    // again: nothing changes
    let before = registry(&one);
    one.write(&corpus()).unwrap();
    assert_eq!(registry(&one), before);
    assert_eq!(roles(&one), roles(&other));
}

#[test]
fn a_later_name_undoes_a_merge_it_makes_ambiguous() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(&corpus()).unwrap();
    assert_eq!(entity_of(&store, "Paul Ryan"), "Paul Ryan");
    assert_eq!(entity_of(&store, "Paul D. Ryan"), "Paul Ryan");
    store
        .write(&[prepared(5, None, &[Said(Some("Paul T. Ryan"), P, None)])])
        .unwrap();
    let rows = registry(&store);
    let ryan = rows.iter().find(|r| r.0 == "Paul Ryan").unwrap();
    assert_eq!(ryan.1, "Paul Ryan");
    assert_eq!(
        ryan.2.as_deref(),
        Some("not merged: consistent with Paul D. Ryan and Paul T. Ryan, who are not one person")
    );
    assert_eq!(entity_of(&store, "Paul D. Ryan"), "Paul D. Ryan");
    assert_eq!(entity_of(&store, "Paul T. Ryan"), "Paul T. Ryan");
}

#[test]
fn a_version_2_store_is_upgraded_and_rekeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            .unwrap();
        for step in &quotegraph_store::schema::MIGRATIONS[..2] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO meta VALUES ('schema_version', '2');
             INSERT INTO articles (id, content_hash, text, minhash) VALUES (1, x'01', 't', x'');
             INSERT INTO attributions (id, article_id, ord, type, source, cue, content, spans)
                 VALUES (1, 1, 1, 'direct', 's', 'said', 'q', '{}'),
                        (2, 1, 2, 'direct', 's', 'said', 'q2', '{}');
             INSERT INTO speakers (id, key, name, kind, surname, words, canonical_id)
                 VALUES (1, 'sen. lindsey graham', 'Sen. Lindsey Graham', 'person', 'graham', 3, 1),
                        (2, 'lindsey graham', 'Lindsey Graham', 'person', 'graham', 2, 2);
             INSERT INTO speaker_aliases VALUES (1, 'Sen. Lindsey Graham', 1), (2, 'Lindsey Graham', 1);
             INSERT INTO speaker_mentions VALUES (1, 1, 'Sen. Lindsey Graham'), (2, 2, 'Lindsey Graham');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        quotegraph_store::schema::version(store.connection()).unwrap(),
        quotegraph_store::schema::SCHEMA_VERSION
    );
    // the two old keys are one key now: one row with both mentions
    let e = explain(store.connection(), "Lindsey Graham").unwrap();
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].name.as_str(), e[0].mentions), ("Lindsey Graham", 2));
    assert_eq!(e[0].names.len(), 1);
    assert_eq!(e[0].names[0].surfaces.len(), 2);
    let kind: String = store
        .connection()
        .query_row(
            "SELECT speaker_kind FROM attributions WHERE id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "person");
}
