//! The actors of the corpus: the entities of every article (`quotegraph-actors`) merged
//! across articles like speakers are, the relations between them, and which entities each
//! attribution is about.
//!
//! Ingestion stores them when asked ([`crate::IngestOptions::actors`], `quotegraph ingest
//! --actors`), because the entity tagger costs several times the engine's time.
//!
//! # Merging
//!
//! Every distinct (type, name key) is one row of `entities` ([`crate::names::name_key`]:
//! titles stripped from a person's name, lower case), so "Putin" in two articles is one
//! row. Rows are merged into entities by the same rules as speakers ([`crate::merge`]):
//! consistent full names of one person ("Donald J. Trump", "Donald Trump") while no other
//! person could be meant, spellings of one name, a lone surname into the only person with
//! it, an organisation's short and long forms; `canonical_id` and `merge_reason` say so, and
//! a merge is undone when a later name makes it ambiguous. A row weighs the number of
//! articles mentioning it. Entities of different types never merge.
//!
//! # Tables (version 2)
//!
//! | table | one row per | notes |
//! |---|---|---|
//! | `entities` | (type, name key) | display name, surname, words, `canonical_id`, `merge_reason`, `articles` (how many articles mention it) |
//! | `entity_mentions` | entity of an article | the article, its id in the article's output, how often it is mentioned there |
//! | `entity_descriptions` | description of an entity | the text (an apposition or title) and how many articles give it |
//! | `relations` | relation found in an article | subject and object entity rows (the object null for a role), predicate, the role's words, the evidence sentence with its code point range |
//! | `attribution_entities` | (attribution, entity, role) | `about` (the content mentions it) or `speaker` |

use std::collections::{BTreeMap, BTreeSet};

use quotegraph_actors::{Actors, Options, OutActors};
use quotegraph_core::Doc;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;
use crate::merge::{self, Group, Table};
use crate::names::{name_key, NameKey};

/// The entity table as the merge rules see it.
const TABLE: Table = Table {
    name: "entities",
    weight: "articles",
    people: "'person'",
    organisations: "'organization'",
};

/// Schema step 1 → 2: the actors' tables.
pub(crate) const V2: &str = r#"
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    surname TEXT,
    words INTEGER NOT NULL,
    canonical_id INTEGER NOT NULL,
    merge_reason TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, key)
);
CREATE INDEX entities_surname ON entities(surname);
CREATE INDEX entities_canonical ON entities(canonical_id);

CREATE TABLE entity_mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    local_id INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);

CREATE TABLE entity_descriptions (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    text TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (entity_id, text)
) WITHOUT ROWID;

CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    subject_id INTEGER NOT NULL REFERENCES entities(id),
    predicate TEXT NOT NULL,
    object_id INTEGER REFERENCES entities(id),
    value TEXT,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL
);
CREATE INDEX relations_article ON relations(article_id);
CREATE INDEX relations_subject ON relations(subject_id);
CREATE INDEX relations_object ON relations(object_id);

CREATE TABLE attribution_entities (
    attribution_id INTEGER NOT NULL REFERENCES attributions(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    role TEXT NOT NULL,
    PRIMARY KEY (attribution_id, entity_id, role)
) WITHOUT ROWID;
CREATE INDEX attribution_entities_entity ON attribution_entities(entity_id);
"#;

/// One entity of an article, ready to file.
#[derive(Clone, Debug)]
pub struct PreparedEntity {
    /// Its id in the article's output (1-based).
    pub local_id: usize,
    /// `person`, `organization`, `place` or `misc`.
    pub kind: &'static str,
    /// Its name key; `None` when the name reduces to nothing (it is then not stored).
    pub key: Option<NameKey>,
    /// Appositions and titles, as written.
    pub descriptions: Vec<String>,
    /// How often the article mentions it.
    pub mentions: usize,
}

/// One relation of an article.
#[derive(Clone, Debug)]
pub struct PreparedRelation {
    /// Subject: an article-local entity id.
    pub subject: usize,
    /// `member of`, `formed`, `based in`, `part of`, `from`, `role`, …
    pub predicate: String,
    /// Object: an article-local entity id (none for a role).
    pub object: Option<usize>,
    /// A role's words.
    pub value: Option<String>,
    /// The sentence, with its code point range.
    pub evidence: (usize, usize, String),
}

/// The actors of one article.
#[derive(Clone, Debug, Default)]
pub struct PreparedActors {
    /// Entities.
    pub entities: Vec<PreparedEntity>,
    /// Relations.
    pub relations: Vec<PreparedRelation>,
    /// Per attribution (by order, 1-based): the local ids it is about, and its speaker's.
    pub attributions: Vec<(usize, Vec<usize>, Option<usize>)>,
}

/// Runs the actors' layers over an annotated document (CPU only, any thread).
pub fn prepare_actors(doc: &Doc, options: &Options) -> PreparedActors {
    let out = OutActors::from_actors(doc, &Actors::analyze(doc, options));
    let entities = out
        .entities
        .iter()
        .map(|e| PreparedEntity {
            local_id: e.id,
            kind: e.kind.as_str(),
            key: name_key(&e.name, e.kind == quotegraph_actors::EntityKind::Person),
            descriptions: e.descriptions.iter().map(|d| d.text.clone()).collect(),
            mentions: e.mentions.len(),
        })
        .collect();
    let relations = out
        .relations
        .iter()
        .map(|r| PreparedRelation {
            subject: r.subject,
            predicate: r.predicate.as_str().to_string(),
            object: r.object,
            value: r.value.as_ref().map(|v| v.text.clone()),
            evidence: (r.evidence.start, r.evidence.end, r.evidence.text.clone()),
        })
        .collect();
    let attributions = out
        .attributions
        .iter()
        .map(|a| (a.id, a.about.clone(), a.speaker_entity))
        .collect();
    PreparedActors {
        entities,
        relations,
        attributions,
    }
}

/// The entity rows a batch touched and their groups, re-evaluated by [`resolve`].
#[derive(Debug, Default)]
pub(crate) struct Touched {
    rows: BTreeSet<i64>,
    groups: BTreeSet<Group>,
}

/// Files an article's actors (called by the writer after its attributions), and adds the
/// rows and groups to re-evaluate to `touched`.
pub(crate) fn write(
    tx: &Transaction<'_>,
    article: i64,
    actors: &PreparedActors,
    touched: &mut Touched,
) -> Result<()> {
    // article-local id → entity row
    let mut rows: BTreeMap<usize, i64> = BTreeMap::new();
    for e in &actors.entities {
        let Some(key) = &e.key else { continue };
        let id = upsert(tx, e.kind, key)?;
        if touched.rows.insert(id) {
            touched.groups.extend(Group::of(key));
        }
        // one entity row can be two local entities (a name written two ways): count once
        let first = !rows.values().any(|&r| r == id);
        rows.insert(e.local_id, id);
        tx.prepare_cached(
            "INSERT INTO entity_mentions (article_id, local_id, entity_id, mentions)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![article, e.local_id as i64, id, e.mentions as i64])?;
        if first {
            tx.prepare_cached("UPDATE entities SET articles = articles + 1 WHERE id = ?1")?
                .execute([id])?;
        }
        let mut seen = BTreeSet::new();
        for d in e.descriptions.iter().filter(|d| seen.insert(d.as_str())) {
            tx.prepare_cached(
                "INSERT INTO entity_descriptions (entity_id, text, articles) VALUES (?1, ?2, 1)
                 ON CONFLICT (entity_id, text) DO UPDATE SET articles = articles + 1",
            )?
            .execute(params![id, d])?;
        }
    }
    for r in &actors.relations {
        let Some(&subject) = rows.get(&r.subject) else {
            continue;
        };
        let object = match r.object {
            Some(o) => match rows.get(&o) {
                Some(&o) => Some(o),
                None => continue,
            },
            None => None,
        };
        tx.prepare_cached(
            "INSERT INTO relations (article_id, subject_id, predicate, object_id, value,
                                    evidence, evidence_start, evidence_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            article,
            subject,
            r.predicate,
            object,
            r.value,
            r.evidence.2,
            r.evidence.0 as i64,
            r.evidence.1 as i64
        ])?;
    }
    // the article's attribution rows by order, in one query
    let ids: BTreeMap<i64, i64> = tx
        .prepare_cached("SELECT ord, id FROM attributions WHERE article_id = ?1")?
        .query_map([article], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut link = tx.prepare_cached(
        "INSERT OR IGNORE INTO attribution_entities (attribution_id, entity_id, role)
         VALUES (?1, ?2, ?3)",
    )?;
    for (ord, about, speaker) in &actors.attributions {
        let Some(&attribution) = ids.get(&(*ord as i64)) else {
            continue;
        };
        let links = about
            .iter()
            .map(|e| (e, "about"))
            .chain(speaker.iter().map(|e| (e, "speaker")));
        for (e, role) in links {
            if let Some(&entity) = rows.get(e) {
                link.execute(params![attribution, entity, role])?;
            }
        }
    }
    Ok(())
}

/// Finds or creates the row of a (kind, key); returns its id.
fn upsert(tx: &Transaction<'_>, kind: &str, key: &NameKey) -> Result<i64> {
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM entities WHERE kind = ?1 AND key = ?2")?
        .query_row(params![kind, key.key], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO entities (kind, key, name, surname, words, canonical_id, fold, org_key)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7) RETURNING id",
        )?
        .query_row(
            params![
                kind,
                key.key,
                key.display,
                key.surname,
                key.words as i64,
                key.fold,
                key.org_key
            ],
            |r| r.get(0),
        )?;
    tx.prepare_cached("UPDATE entities SET canonical_id = id WHERE id = ?1")?
        .execute([id])?;
    Ok(id)
}

/// Re-evaluates the groups a batch touched ([`crate::merge`]).
pub(crate) fn resolve(tx: &Transaction<'_>, touched: &Touched) -> Result<()> {
    merge::apply(tx, &TABLE, &touched.groups, &touched.rows)
}

/// Re-keys every row after an upgrade changed how keys are made (schema version 3): rows
/// of one kind whose names now share a key become one row (mentions, descriptions, relations
/// and links moved to it), every row gets its fold, surname and organisation key, and every
/// group is evaluated anew.
pub(crate) fn rekey(tx: &Transaction<'_>) -> Result<()> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, kind, name FROM entities ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    tx.execute_batch("UPDATE entities SET key = '#' || id")?;
    let mut keep: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut touched = Touched::default();
    for (id, kind, name) in rows {
        let Some(k) = name_key(&name, kind == "person") else {
            tx.execute(
                "UPDATE entities SET key = ?2 WHERE id = ?1",
                params![id, name],
            )?;
            touched.rows.insert(id);
            continue;
        };
        if let Some(&into) = keep.get(&(kind.clone(), k.key.clone())) {
            for sql in [
                "UPDATE entity_mentions SET entity_id = ?2 WHERE entity_id = ?1",
                "INSERT INTO entity_descriptions (entity_id, text, articles)
                     SELECT ?2, text, articles FROM entity_descriptions WHERE entity_id = ?1
                     ON CONFLICT (entity_id, text) DO UPDATE
                     SET articles = articles + excluded.articles",
                "DELETE FROM entity_descriptions WHERE entity_id = ?1",
                "UPDATE relations SET subject_id = ?2 WHERE subject_id = ?1",
                "UPDATE relations SET object_id = ?2 WHERE object_id = ?1",
                "INSERT OR IGNORE INTO attribution_entities (attribution_id, entity_id, role)
                     SELECT attribution_id, ?2, role FROM attribution_entities
                     WHERE entity_id = ?1",
                "DELETE FROM attribution_entities WHERE entity_id = ?1",
                "UPDATE entities SET articles = articles
                     + (SELECT articles FROM entities WHERE id = ?1) WHERE id = ?2",
                "UPDATE entities SET canonical_id = id WHERE canonical_id = ?1",
                "DELETE FROM entities WHERE id = ?1",
            ] {
                if sql.contains("?2") {
                    tx.execute(sql, params![id, into])?;
                } else {
                    tx.execute(sql, [id])?;
                }
            }
            continue;
        }
        keep.insert((kind, k.key.clone()), id);
        tx.execute(
            "UPDATE entities SET key = ?2, name = ?3, surname = ?4, words = ?5, fold = ?6,
                 org_key = ?7, canonical_id = id, merge_reason = NULL
             WHERE id = ?1",
            params![
                id,
                k.key,
                k.display,
                k.surname,
                k.words as i64,
                k.fold,
                k.org_key
            ],
        )?;
        touched.rows.insert(id);
        touched.groups.extend(Group::of(&k));
    }
    resolve(tx, &touched)
}

/// An entity of the corpus with its merged names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusEntity {
    /// The canonical row's id.
    pub id: i64,
    /// `person`, `organization`, `place` or `misc`.
    pub kind: String,
    /// The canonical row's display name.
    pub name: String,
    /// Articles mentioning it under any of its names.
    pub articles: i64,
    /// The other names merged into it, with the reasons.
    pub merged: Vec<(String, String)>,
    /// Its descriptions, most frequent first.
    pub descriptions: Vec<String>,
}

/// Entities by the number of articles mentioning them (merged names counted with their
/// canonical entity).
pub fn top_entities(conn: &Connection, limit: usize) -> Result<Vec<CorpusEntity>> {
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT canonical_id FROM entities GROUP BY canonical_id
             ORDER BY SUM(articles) DESC, canonical_id LIMIT ?1",
        )?
        .query_map([limit as i64], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    ids.into_iter().map(|id| entity(conn, id)).collect()
}

/// The canonical entity of a row.
pub fn entity(conn: &Connection, id: i64) -> Result<CorpusEntity> {
    let (kind, name, canonical): (String, String, i64) = conn.query_row(
        "SELECT c.kind, c.name, c.id FROM entities e JOIN entities c ON c.id = e.canonical_id
         WHERE e.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let articles: i64 = conn.query_row(
        "SELECT COUNT(DISTINCT m.article_id) FROM entity_mentions m
         JOIN entities e ON e.id = m.entity_id WHERE e.canonical_id = ?1",
        [canonical],
        |r| r.get(0),
    )?;
    let merged = conn
        .prepare(
            "SELECT name, merge_reason FROM entities WHERE canonical_id = ?1 AND id != ?1
             ORDER BY id",
        )?
        .query_map([canonical], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            ))
        })?
        .collect::<std::result::Result<_, _>>()?;
    let descriptions = conn
        .prepare(
            "SELECT d.text FROM entity_descriptions d JOIN entities e ON e.id = d.entity_id
             WHERE e.canonical_id = ?1 GROUP BY d.text ORDER BY SUM(d.articles) DESC, d.text",
        )?
        .query_map([canonical], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(CorpusEntity {
        id: canonical,
        kind,
        name,
        articles,
        merged,
        descriptions,
    })
}

/// A relation of the corpus, between canonical entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusRelation {
    /// The subject's canonical name.
    pub subject: String,
    /// The predicate.
    pub predicate: String,
    /// The object's canonical name, or a role's words.
    pub object: String,
    /// Articles stating it.
    pub articles: i64,
    /// One sentence stating it.
    pub evidence: String,
}

/// The relations whose subject or object is the entity named `name` (a stored name, any
/// case), merged across articles.
pub fn relations_of(conn: &Connection, name: &str) -> Result<Vec<CorpusRelation>> {
    let rows = conn
        .prepare(
            "SELECT s.name, r.predicate, COALESCE(o.name, r.value, ''),
                    COUNT(DISTINCT r.article_id), MIN(r.evidence)
             FROM relations r
             JOIN entities se ON se.id = r.subject_id JOIN entities s ON s.id = se.canonical_id
             LEFT JOIN entities oe ON oe.id = r.object_id
             LEFT JOIN entities o ON o.id = oe.canonical_id
             WHERE s.id IN (SELECT canonical_id FROM entities WHERE name = ?1 COLLATE NOCASE)
                OR o.id IN (SELECT canonical_id FROM entities WHERE name = ?1 COLLATE NOCASE)
             GROUP BY s.id, r.predicate, COALESCE(o.id, r.value)
             ORDER BY COUNT(DISTINCT r.article_id) DESC, s.name, r.predicate",
        )?
        .query_map([name], |r| {
            Ok(CorpusRelation {
                subject: r.get(0)?,
                predicate: r.get(1)?,
                object: r.get(2)?,
                articles: r.get(3)?,
                evidence: r.get(4)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}
