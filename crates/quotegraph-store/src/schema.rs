//! The database schema, its version and its migrations.
//!
//! The version lives in the `meta` table (`key = 'schema_version'`). [`MIGRATIONS`] is an
//! ordered list of SQL steps; step `i` (0-based) takes a database from version `i` to `i + 1`.
//! Opening a database applies the missing steps, each in its own transaction together with
//! the new version number, so a crash during a migration leaves the previous version intact.
//! A database with a version above [`SCHEMA_VERSION`] is refused rather than misread.
//!
//! # Tables (version 1)
//!
//! | table | one row per | notes |
//! |---|---|---|
//! | `articles` | distinct article content | `content_hash` (XXH3-128 of the normalised words, see [`crate::norm`]) is unique; the text, the metadata of the first source, `published_day` (`YYYY-MM-DD` of the earliest source, for date filters), the MinHash signature (128 × u32 LE) |
//! | `article_sources` | place an article was read from | file, record, offset, URL and metadata; `source_key` (the URL, else file and record) is unique per article, which makes ingestion idempotent. Exact duplicates are the extra sources of one article |
//! | `article_bands` | LSH band of an article | (band, hash) → article, for near-duplicate candidates ([`crate::minhash`]) |
//! | `article_duplicates` | near-duplicate link | a later article → the most similar earlier one, with the estimated similarity |
//! | `attributions` | attribution | its order in the article (the output schema's `id`), type, cue class, the joined source/cue/content text, all spans as JSON (`{"source": [{start, end, text}], ...}`, code points), the statement it belongs to, `carried_from`/`duplicate_of` (orders in the same article) |
//! | `quote_fts` | attribution | FTS5 over `content` (external content: `attributions`), `unicode61 remove_diacritics 2` |
//! | `statements` | quote across the corpus | normalised content, the first appearance's text, its speaker key, appearance count and earliest day |
//! | `statement_keys` | lookup key of a statement | exact-content hash and MinHash keys ([`crate::statements`]) |
//! | `speakers` | distinct name key | display name, kind, surname, `canonical_id` (itself for a canonical entity) and `merge_reason` ([`crate::speakers`]) |
//! | `speaker_aliases` | surface form of a name | how often it was written so |
//! | `speaker_mentions` | attribution with a resolved speaker | the name key row and the name as written |
//!
//! Version 2 adds the actors' tables: see [`crate::actors`].
//!
//! # Version 3: one identity
//!
//! The engine now resolves each attribution's source once, to an entity of its document or
//! to an unnamed source; the registry merges names by the rules of [`crate::merge`].
//!
//! | change | what |
//! |---|---|
//! | `attributions` + `speaker_name`, `speaker_kind`, `speaker_entity`, `speaker_description`, `speaker_anonymous` | the engine's speaker of the attribution as it resolved it in the article (`OutSpeaker`): name (null for an unnamed source), kind (`person`, `organization`, `group`, `document`, `unnamed`, `unknown`), the 1-based id of its entity in the article's entities, the words describing it, whether the text says it was not named |
//! | `speakers` + `fold`, `org_key`, `mentions` | the key's spelling fold, an organisation's content words, the row's mentions; `surname` is now the folded last word of the parsed surname, `kind` the majority of `speaker_kinds` |
//! | `speaker_kinds` | (name row, kind) → mentions of that kind |
//! | `speaker_roles` | (name row, role) → the role as written, articles giving it, first and last article day |
//! | `entities` + `fold`, `org_key` | as for speakers |
//!
//! Upgrading a version 2 store fills the new columns from what it holds (the speaker's name
//! and the registry's kind for stored attributions; kinds from the ways of writing) and
//! re-keys both registries ([`crate::speakers`], [`crate::actors`]) in the same transaction;
//! roles are recorded for articles stored from then on.
//!
//! The view `duplicates` lists both kinds of duplicate: `exact` (a second source of the same
//! content) and `near`.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Result, StoreError, StoreErrorKind};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Ordered migration steps: step `i` upgrades version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, crate::actors::V2, V3];

const V3: &str = r#"
ALTER TABLE attributions ADD COLUMN speaker_name TEXT;
ALTER TABLE attributions ADD COLUMN speaker_kind TEXT;
ALTER TABLE attributions ADD COLUMN speaker_entity INTEGER;
ALTER TABLE attributions ADD COLUMN speaker_description TEXT;
ALTER TABLE attributions ADD COLUMN speaker_anonymous INTEGER NOT NULL DEFAULT 0;
UPDATE attributions SET
    speaker_name = (SELECT m.surface FROM speaker_mentions m WHERE m.attribution_id = attributions.id),
    speaker_kind = (SELECT s.kind FROM speaker_mentions m JOIN speakers s ON s.id = m.speaker_id
                    WHERE m.attribution_id = attributions.id);

ALTER TABLE speakers ADD COLUMN fold TEXT;
ALTER TABLE speakers ADD COLUMN org_key TEXT;
ALTER TABLE speakers ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
CREATE INDEX speakers_org_key ON speakers(org_key);
UPDATE speakers SET mentions =
    (SELECT COALESCE(SUM(a.mentions), 0) FROM speaker_aliases a WHERE a.speaker_id = speakers.id);

CREATE TABLE speaker_kinds (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, kind)
) WITHOUT ROWID;
INSERT INTO speaker_kinds (speaker_id, kind, mentions)
    SELECT id, kind, mentions FROM speakers WHERE mentions > 0;

CREATE TABLE speaker_roles (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    articles INTEGER NOT NULL,
    first_day TEXT,
    last_day TEXT,
    PRIMARY KEY (speaker_id, role)
) WITHOUT ROWID;

ALTER TABLE entities ADD COLUMN fold TEXT;
ALTER TABLE entities ADD COLUMN org_key TEXT;
CREATE INDEX entities_org_key ON entities(org_key);
"#;

/// Work a migration step needs beyond its SQL, in the same transaction: after step 3, the
/// registries are re-keyed by the new rules.
fn after_step(tx: &rusqlite::Transaction<'_>, version: u32) -> Result<()> {
    if version == 3 {
        crate::speakers::rekey(tx)?;
        crate::actors::rekey(tx)?;
    }
    Ok(())
}

const V1: &str = r#"
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    content_hash BLOB NOT NULL UNIQUE,
    text TEXT NOT NULL,
    ext_id TEXT,
    url TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    published_day TEXT,
    outlet TEXT,
    language TEXT,
    minhash BLOB NOT NULL
);
CREATE INDEX articles_day ON articles(published_day);

CREATE TABLE article_sources (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    source_key TEXT NOT NULL,
    file TEXT NOT NULL,
    record INTEGER,
    byte_offset INTEGER,
    ext_id TEXT,
    url TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    outlet TEXT,
    UNIQUE (article_id, source_key)
);

CREATE TABLE article_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;

CREATE TABLE article_duplicates (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    duplicate_of INTEGER NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL
);
CREATE INDEX article_duplicates_of ON article_duplicates(duplicate_of);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    norm TEXT NOT NULL,
    content TEXT NOT NULL,
    speaker_key TEXT,
    appearances INTEGER NOT NULL DEFAULT 0,
    first_day TEXT
);

CREATE TABLE statement_keys (
    key INTEGER NOT NULL,
    statement_id INTEGER NOT NULL,
    PRIMARY KEY (key, statement_id)
) WITHOUT ROWID;

CREATE TABLE attributions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    ord INTEGER NOT NULL,
    type TEXT NOT NULL,
    cue_class TEXT,
    source TEXT NOT NULL,
    cue TEXT NOT NULL,
    content TEXT NOT NULL,
    spans TEXT NOT NULL,
    statement_id INTEGER REFERENCES statements(id),
    carried_from INTEGER,
    duplicate_of INTEGER,
    UNIQUE (article_id, ord)
);
CREATE INDEX attributions_statement ON attributions(statement_id);

CREATE VIRTUAL TABLE quote_fts USING fts5(
    content,
    content = 'attributions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    surname TEXT,
    words INTEGER NOT NULL,
    canonical_id INTEGER NOT NULL,
    merge_reason TEXT
);
CREATE INDEX speakers_surname ON speakers(surname);
CREATE INDEX speakers_canonical ON speakers(canonical_id);

CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    surface TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, surface)
) WITHOUT ROWID;

CREATE TABLE speaker_mentions (
    attribution_id INTEGER PRIMARY KEY REFERENCES attributions(id),
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    surface TEXT NOT NULL
);
CREATE INDEX speaker_mentions_speaker ON speaker_mentions(speaker_id);

CREATE VIEW duplicates AS
    SELECT 'exact' AS kind, s.article_id AS article_id, s.id AS source_id, NULL AS duplicate_of,
           1.0 AS similarity
    FROM article_sources s
    WHERE s.id > (SELECT MIN(id) FROM article_sources f WHERE f.article_id = s.article_id)
    UNION ALL
    SELECT 'near', d.article_id, NULL, d.duplicate_of, d.similarity FROM article_duplicates d;
"#;

/// Sets the connection options every connection uses: WAL journal (readers never block the
/// writer), `synchronous = NORMAL` (a committed batch survives a crash of the process; only a
/// power loss can undo the last commits, never corrupt the file), foreign keys, a busy timeout.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -32_000)?; // 32 MB
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    Ok(())
}

/// The schema version recorded in the database; 0 for an empty database.
pub fn version(conn: &Connection) -> Result<u32> {
    let has_meta: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
        [],
        |r| r.get(0),
    )?;
    if !has_meta {
        let tables: i64 = conn.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        return if tables == 0 {
            Ok(0)
        } else {
            Err(StoreError::new(StoreErrorKind::NotAStore))
        };
    }
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    v.map_or(Ok(0), |v| {
        v.parse()
            .map_err(|_| StoreErrorKind::Corrupt(format!("schema version {v:?}")).into())
    })
}

/// Brings the database to [`SCHEMA_VERSION`], one transaction per step.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let mut current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(StoreErrorKind::SchemaTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        }
        .into());
    }
    while (current as usize) < MIGRATIONS.len() {
        let tx = conn.transaction()?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        )?;
        tx.execute_batch(MIGRATIONS[current as usize])?;
        current += 1;
        after_step(&tx, current)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![current.to_string()],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(version(&conn).unwrap(), 0);
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        migrate(&mut conn).unwrap(); // nothing to do the second time
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        // FTS5 is compiled in
        conn.execute(
            "INSERT INTO quote_fts (rowid, content) VALUES (1, 'Zürich')",
            [],
        )
        .unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM quote_fts WHERE quote_fts MATCH 'zurich'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn refuses_newer_and_foreign_databases() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
        let e = migrate(&mut conn).unwrap_err();
        assert!(matches!(
            e.kind(),
            StoreErrorKind::SchemaTooNew { found: 99, .. }
        ));
        let mut other = Connection::open_in_memory().unwrap();
        other.execute_batch("CREATE TABLE notes (x)").unwrap();
        assert!(matches!(
            migrate(&mut other).unwrap_err().kind(),
            StoreErrorKind::NotAStore
        ));
    }
}
