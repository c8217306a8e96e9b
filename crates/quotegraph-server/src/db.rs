//! The store from the server's side: a pool of read-only connections and the queries the
//! API and pages need beyond those `quotegraph-store` offers.
//!
//! Pagination is by cursor: an opaque string the previous page handed out (`next_cursor`).
//! It encodes how many results came before; results are ordered by a total order (a score or
//! date, then row id), so pages neither skip nor repeat while the store is unchanged.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use quotegraph_store::schema::{version, SCHEMA_VERSION};
use quotegraph_store::{search, Hit, SearchQuery, StoreError, StoreErrorKind};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ServerError};

/// Idle read connections kept for reuse.
const KEEP_IDLE: usize = 16;
/// The deepest a cursor may reach: pages past it are refused rather than scanned.
pub const MAX_OFFSET: usize = 999_999;
/// Largest page.
pub const MAX_LIMIT: usize = 100;
/// Page size when none is asked for.
pub const DEFAULT_LIMIT: usize = 20;

/// A pool of read-only connections to one database file: a request takes one (opening a new
/// one when none is idle) and gives it back.
pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    /// A pool for the database at `path` (nothing is opened yet).
    pub fn new(path: &Path) -> Readers {
        Readers {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Opens one read-only connection and checks the schema.
    pub fn open_one(path: &Path) -> Result<Connection, ServerError> {
        let at = |e: rusqlite::Error| ServerError::Store(StoreError::from(e).at(path));
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(at)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(at)?;
        conn.pragma_update(None, "cache_size", -16_000)
            .map_err(at)?;
        let v = version(&conn).map_err(|e| ServerError::Store(e.at(path)))?;
        if v == 0 {
            return Err(ServerError::Store(
                StoreError::new(StoreErrorKind::NotAStore).at(path),
            ));
        }
        if v > SCHEMA_VERSION {
            return Err(ServerError::Store(
                StoreError::new(StoreErrorKind::SchemaTooNew {
                    found: v,
                    supported: SCHEMA_VERSION,
                })
                .at(path),
            ));
        }
        Ok(conn)
    }

    /// An idle connection, or a new one.
    pub fn take(&self) -> Result<Connection, ServerError> {
        if let Some(c) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(c);
        }
        Readers::open_one(&self.path)
    }

    /// Gives a connection back.
    pub fn put(&self, conn: Connection) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < KEEP_IDLE {
            idle.push(conn);
        }
    }
}

/// Reads a cursor: `None` is the first page.
pub fn parse_cursor(cursor: Option<&str>) -> Result<usize, ApiError> {
    let Some(c) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(0);
    };
    let bad = || ApiError::bad_request(format!("cursor {c:?} is not one this server handed out"));
    let n: usize = c
        .strip_prefix("o")
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) && d.len() <= 6)
        .ok_or_else(bad)?
        .parse()
        .map_err(|_| bad())?;
    if n > MAX_OFFSET {
        return Err(bad());
    }
    Ok(n)
}

/// The cursor of the page starting after `offset` results.
pub fn make_cursor(offset: usize) -> String {
    format!("o{offset}")
}

/// Checks a page size.
pub fn parse_limit(limit: Option<i64>) -> Result<usize, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT as i64).contains(&n) => Ok(n as usize),
        Some(n) => Err(ApiError::bad_request(format!(
            "limit {n}: must be between 1 and {MAX_LIMIT}"
        ))),
    }
}

/// A quote found by a search.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuoteHit {
    /// The attribution shown (corpus-wide id).
    pub attribution_id: i64,
    /// Its statement: the same quote across articles.
    pub statement_id: Option<i64>,
    /// How many articles carry the statement.
    pub appearances: i64,
    /// The speaker entity's id (for `/api/speakers/{id}`).
    pub speaker_id: Option<i64>,
    /// The speaker entity's name.
    pub speaker: Option<String>,
    /// The speaker as this article names them.
    pub speaker_as_written: Option<String>,
    /// The speaker's kind in the article: person, organization, group, document, unnamed
    /// or unknown.
    pub speaker_kind: Option<String>,
    /// The words describing the speaker: what shows an unnamed source ("a senior official").
    pub speaker_description: Option<String>,
    /// The quote.
    pub content: String,
    /// The cue.
    pub cue: String,
    /// The article's id (for `/api/articles/{id}`).
    pub article_id: i64,
    /// Its title.
    pub title: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its publication day.
    pub day: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
}

/// A page of search results.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuotePage {
    /// Results, one per statement.
    pub items: Vec<QuoteHit>,
    /// The cursor of the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Searches quotes: `store::search` with a cursor.
pub fn quotes(
    conn: &Connection,
    mut q: SearchQuery,
    offset: usize,
    limit: usize,
) -> Result<QuotePage, ApiError> {
    q.limit = offset + limit + 1;
    let hits: Vec<Hit> = search(conn, &q)?;
    let more = hits.len() > offset + limit;
    let mut items = Vec::new();
    for h in hits.into_iter().skip(offset).take(limit) {
        items.push(QuoteHit {
            speaker_id: h.speaker_id,
            attribution_id: h.attribution_id,
            statement_id: h.statement_id,
            appearances: h.appearances,
            speaker: h.speaker,
            speaker_as_written: h.speaker_as_written,
            speaker_kind: h.speaker_kind,
            speaker_description: h.speaker_description,
            content: h.content,
            cue: h.cue,
            article_id: h.article_id,
            title: h.title,
            url: h.url,
            day: h.day,
            outlet: h.outlet,
        });
    }
    Ok(QuotePage {
        items,
        next_cursor: more.then(|| make_cursor(offset + limit)),
    })
}

/// A speaker in a list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SpeakerSummary {
    /// Entity id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// `person`, `organization`, `place` or `unknown`.
    pub kind: String,
    /// Distinct statements.
    pub statements: i64,
    /// Attributions naming the speaker.
    pub mentions: i64,
}

/// A page of speakers.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SpeakerPage {
    /// Speakers, most statements first.
    pub items: Vec<SpeakerSummary>,
    /// The cursor of the next page; null on the last page.
    pub next_cursor: Option<String>,
}

fn like_pattern(q: &str) -> String {
    let mut p = String::from("%");
    for c in q.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Speakers by statements (then mentions, name, id); `q` keeps those with a name or a way
/// of writing it that contains `q` (case-insensitive for ASCII).
pub fn speakers(
    conn: &Connection,
    q: Option<&str>,
    offset: usize,
    limit: usize,
) -> Result<SpeakerPage, ApiError> {
    let q = q.map(str::trim).filter(|q| !q.is_empty());
    let filter = if q.is_some() {
        "AND c.id IN (SELECT s2.canonical_id FROM speakers s2
                      LEFT JOIN speaker_aliases al ON al.speaker_id = s2.id
                      WHERE s2.name LIKE ?3 ESCAPE '\\' OR al.surface LIKE ?3 ESCAPE '\\')"
    } else {
        "AND ?3 IS NULL"
    };
    let sql = format!(
        "SELECT c.id, c.name, c.kind, COUNT(DISTINCT a.statement_id), COUNT(*)
         FROM speakers c
         JOIN speakers s ON s.canonical_id = c.id
         JOIN speaker_mentions m ON m.speaker_id = s.id
         JOIN attributions a ON a.id = m.attribution_id
         WHERE c.id = c.canonical_id AND a.duplicate_of IS NULL {filter}
         GROUP BY c.id
         ORDER BY 4 DESC, 5 DESC, c.name, c.id
         LIMIT ?1 OFFSET ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let pattern = q.map(like_pattern);
    let mut items: Vec<SpeakerSummary> = stmt
        .query_map(params![(limit + 1) as i64, offset as i64, pattern], |r| {
            Ok(SpeakerSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                statements: r.get(3)?,
                mentions: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let more = items.len() > limit;
    items.truncate(limit);
    Ok(SpeakerPage {
        items,
        next_cursor: more.then(|| make_cursor(offset + limit)),
    })
}

/// One way a speaker's name was written, and how often.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Alias {
    /// The name as written.
    pub name: String,
    /// How many attributions wrote it so.
    pub mentions: i64,
}

/// A name merged into an entity, and why.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MergedName {
    /// The name.
    pub name: String,
    /// Why it was merged into the entity; null for the entity's own name.
    pub reason: Option<String>,
}

/// A role a speaker was described by ("Republican presidential nominee").
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SpeakerRole {
    /// The role as written.
    pub text: String,
    /// Articles describing the speaker so.
    pub articles: i64,
    /// The earliest article day giving it.
    pub first_day: Option<String>,
    /// The latest.
    pub last_day: Option<String>,
}

/// Statements in one month.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Distinct statements first seen (for this speaker) in articles of that month.
    pub statements: i64,
}

/// A statement of a speaker, as first seen.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SpeakerStatement {
    /// The attribution (its earliest appearance for this speaker).
    pub attribution_id: i64,
    /// The statement.
    pub statement_id: Option<i64>,
    /// How many articles carry it.
    pub appearances: i64,
    /// The quote.
    pub content: String,
    /// The cue.
    pub cue: String,
    /// The speaker as the article names them.
    pub speaker_as_written: String,
    /// The article.
    pub article_id: i64,
    /// Its title.
    pub title: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication day.
    pub day: Option<String>,
}

/// An article a speaker is quoted in.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SpeakerArticle {
    /// The article.
    pub article_id: i64,
    /// Its title.
    pub title: Option<String>,
    /// Its publication day.
    pub day: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Attributions to the speaker in it.
    pub attributions: i64,
}

/// A speaker with everything known about them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SpeakerDetail {
    /// Entity id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// `person`, `organization`, `place` or `unknown`.
    pub kind: String,
    /// Names merged into the entity, its own first.
    pub names: Vec<MergedName>,
    /// Ways the name was written, most frequent first.
    pub aliases: Vec<Alias>,
    /// Roles the speaker was described by, with their first and last days (most articles
    /// first).
    pub roles: Vec<SpeakerRole>,
    /// Distinct statements.
    pub statements: i64,
    /// Attributions naming the speaker.
    pub mentions: i64,
    /// Earliest publication day of an article quoting them.
    pub first_seen: Option<String>,
    /// Latest.
    pub last_seen: Option<String>,
    /// Statements per month of publication (months without any left out).
    pub per_month: Vec<MonthCount>,
    /// Statements in undated articles.
    pub undated: i64,
    /// Articles quoting the speaker, earliest first (at most 500).
    pub articles: Vec<SpeakerArticle>,
    /// A page of statements, earliest first.
    pub statement_page: Vec<SpeakerStatement>,
    /// The cursor of the next page of statements; null on the last page.
    pub next_cursor: Option<String>,
}

/// The speaker's attributions, one row per statement (its earliest appearance).
const FIRSTS: &str = "
    SELECT * FROM (
        SELECT a.id AS aid, a.statement_id AS sid, COALESCE(st.appearances, 1) AS apps,
               a.content AS content, a.cue AS cue, m.surface AS surface, ar.id AS arid,
               ar.title AS title, ar.url AS url, ar.outlet AS outlet, ar.published_day AS day,
               ROW_NUMBER() OVER (
                   PARTITION BY COALESCE(a.statement_id, -a.id)
                   ORDER BY ar.published_day IS NULL, ar.published_day, a.id) AS rn
        FROM speakers s
        JOIN speaker_mentions m ON m.speaker_id = s.id
        JOIN attributions a ON a.id = m.attribution_id
        JOIN articles ar ON ar.id = a.article_id
        LEFT JOIN statements st ON st.id = a.statement_id
        WHERE s.canonical_id = ?1 AND a.duplicate_of IS NULL
    ) WHERE rn = 1";

/// One speaker; `None` when no speaker has this id. A merged name's id leads to its entity.
pub fn speaker(
    conn: &Connection,
    id: i64,
    offset: usize,
    limit: usize,
) -> Result<Option<SpeakerDetail>, ApiError> {
    let Some((id, name, kind)) = conn
        .prepare_cached(
            "SELECT c.id, c.name, c.kind FROM speakers s JOIN speakers c ON c.id = s.canonical_id
             WHERE s.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
    else {
        return Ok(None);
    };
    let names = conn
        .prepare_cached(
            "SELECT name, merge_reason FROM speakers WHERE canonical_id = ?1
             ORDER BY id != ?1, id",
        )?
        .query_map([id], |r| {
            Ok(MergedName {
                name: r.get(0)?,
                reason: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let aliases = conn
        .prepare_cached(
            "SELECT al.surface, SUM(al.mentions) FROM speaker_aliases al
             JOIN speakers s ON s.id = al.speaker_id WHERE s.canonical_id = ?1
             GROUP BY al.surface ORDER BY 2 DESC, 1",
        )?
        .query_map([id], |r| {
            Ok(Alias {
                name: r.get(0)?,
                mentions: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let roles = quotegraph_store::speakers::roles(conn, id)?
        .into_iter()
        .map(|r| SpeakerRole {
            text: r.text,
            articles: r.articles,
            first_day: r.first_day,
            last_day: r.last_day,
        })
        .collect();
    let (statements, mentions, first_seen, last_seen) = conn
        .prepare_cached(
            "SELECT COUNT(DISTINCT a.statement_id), COUNT(*), MIN(ar.published_day),
                    MAX(ar.published_day)
             FROM speakers s JOIN speaker_mentions m ON m.speaker_id = s.id
             JOIN attributions a ON a.id = m.attribution_id
             JOIN articles ar ON ar.id = a.article_id
             WHERE s.canonical_id = ?1 AND a.duplicate_of IS NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let mut per_month = Vec::new();
    let mut undated = 0;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT substr(day, 1, 7), COUNT(*) FROM ({FIRSTS}) GROUP BY 1 ORDER BY 1"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let month: Option<String> = r.get(0)?;
        let n: i64 = r.get(1)?;
        match month {
            Some(m) if m.len() == 7 => per_month.push(MonthCount {
                month: m,
                statements: n,
            }),
            _ => undated += n,
        }
    }
    let articles = conn
        .prepare_cached(
            "SELECT ar.id, ar.title, ar.published_day, ar.outlet, COUNT(*)
             FROM speakers s JOIN speaker_mentions m ON m.speaker_id = s.id
             JOIN attributions a ON a.id = m.attribution_id
             JOIN articles ar ON ar.id = a.article_id
             WHERE s.canonical_id = ?1 AND a.duplicate_of IS NULL
             GROUP BY ar.id
             ORDER BY ar.published_day IS NULL, ar.published_day, ar.id
             LIMIT 500",
        )?
        .query_map([id], |r| {
            Ok(SpeakerArticle {
                article_id: r.get(0)?,
                title: r.get(1)?,
                day: r.get(2)?,
                outlet: r.get(3)?,
                attributions: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut statement_page: Vec<SpeakerStatement> = conn
        .prepare_cached(&format!(
            "{FIRSTS} ORDER BY day IS NULL, day, aid LIMIT ?2 OFFSET ?3"
        ))?
        .query_map(params![id, (limit + 1) as i64, offset as i64], |r| {
            Ok(SpeakerStatement {
                attribution_id: r.get("aid")?,
                statement_id: r.get("sid")?,
                appearances: r.get("apps")?,
                content: r.get("content")?,
                cue: r.get("cue")?,
                speaker_as_written: r.get("surface")?,
                article_id: r.get("arid")?,
                title: r.get("title")?,
                url: r.get("url")?,
                outlet: r.get("outlet")?,
                day: r.get("day")?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let more = statement_page.len() > limit;
    statement_page.truncate(limit);
    Ok(Some(SpeakerDetail {
        id,
        name,
        kind,
        names,
        aliases,
        roles,
        statements,
        mentions,
        first_seen,
        last_seen,
        per_month,
        undated,
        articles,
        statement_page,
        next_cursor: more.then(|| make_cursor(offset + limit)),
    }))
}

/// A span: code point offsets into the article text, and the text it covers.
#[derive(Clone, Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Span {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// The spans of a stored attribution.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize, ToSchema)]
pub struct StoredSpans {
    /// Source spans.
    #[serde(default)]
    pub source: Vec<Span>,
    /// An appositive describing the source.
    #[serde(default)]
    pub source_description: Vec<Span>,
    /// Cue spans.
    #[serde(default)]
    pub cue: Vec<Span>,
    /// Content spans.
    #[serde(default)]
    pub content: Vec<Span>,
}

/// A speaker entity as an article's attribution names it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AttributionSpeaker {
    /// Entity id (for `/api/speakers/{id}`).
    pub id: i64,
    /// Entity name.
    pub name: String,
    /// Entity kind.
    pub kind: String,
    /// The name as this article writes it.
    pub as_written: String,
}

/// The speaker of a stored attribution as the engine resolved it in its article: a name
/// (its entity's), or, for an unnamed source, the words that describe it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SourceSpeaker {
    /// The name; null for an unnamed source ("a senior official").
    pub name: Option<String>,
    /// person, organization, group, document, unnamed or unknown.
    pub kind: String,
    /// The id of its entity among the article's entities (1-based).
    pub entity: Option<i64>,
    /// The words that describe it.
    pub description: Option<String>,
    /// The text says the source was not named.
    pub anonymous: bool,
}

impl SourceSpeaker {
    /// What to show: the name, else the description, else the kind (as
    /// `OutSpeaker::label` in the engine's schema).
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.description.as_deref())
            .unwrap_or(&self.kind)
    }
}

/// A stored attribution.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct StoredAttribution {
    /// Corpus-wide id.
    pub attribution_id: i64,
    /// Id within the article (the engine's `id`: 1, 2, … in order of content).
    pub id: i64,
    /// `direct`, `indirect` or `mixed`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The cue's class.
    pub cue_class: Option<String>,
    /// Source, cue and content spans.
    pub spans: StoredSpans,
    /// The corpus speaker entity, when the source was resolved to a name.
    pub speaker: Option<AttributionSpeaker>,
    /// The speaker as the engine resolved it in the article, named or not.
    pub source_speaker: Option<SourceSpeaker>,
    /// The statement (the same quote across articles).
    pub statement_id: Option<i64>,
    /// For a cue-less continuation: the id it continues.
    pub carried_from: Option<i64>,
    /// For a repeat in a duplicated paragraph: the id it repeats.
    pub duplicate_of: Option<i64>,
}

/// Where an article was read from.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleSource {
    /// URL, when known.
    pub url: Option<String>,
    /// Title given by that source.
    pub title: Option<String>,
    /// Outlet given by that source.
    pub outlet: Option<String>,
    /// Publication date given by that source.
    pub published: Option<String>,
}

/// A repeated paragraph (code points).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DuplicateParagraph {
    /// Start of the repeat.
    pub start: usize,
    /// End of the repeat.
    pub end: usize,
    /// The earlier paragraph it repeats.
    pub duplicate_of: Range,
}

/// A code point range.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Range {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// A stored article with all its layers.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleDetail {
    /// Article id.
    pub id: i64,
    /// The text; every offset is in code points into it.
    pub text: String,
    /// The id the input gave.
    pub ext_id: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// Publication day (earliest source).
    pub day: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Every place it was read from (exact duplicates are extra sources).
    pub sources: Vec<ArticleSource>,
    /// The earlier article this one nearly duplicates.
    pub near_duplicate_of: Option<i64>,
    /// Later articles that nearly duplicate this one.
    pub near_duplicates: Vec<i64>,
    /// Attributions, in order of content.
    pub attributions: Vec<StoredAttribution>,
    /// Paragraphs that repeat an earlier paragraph of the article (the engine's layer).
    pub duplicates: Vec<DuplicateParagraph>,
}

/// One article, without its paragraph duplicates (the caller runs the engine for those);
/// `None` when there is no such article.
pub fn article(conn: &Connection, id: i64) -> Result<Option<ArticleDetail>, ApiError> {
    let Some(mut a) = conn
        .prepare_cached(
            "SELECT id, text, ext_id, url, title, author, published, published_day, outlet,
                    language
             FROM articles WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(ArticleDetail {
                id: r.get(0)?,
                text: r.get(1)?,
                ext_id: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                author: r.get(5)?,
                published: r.get(6)?,
                day: r.get(7)?,
                outlet: r.get(8)?,
                language: r.get(9)?,
                sources: Vec::new(),
                near_duplicate_of: None,
                near_duplicates: Vec::new(),
                attributions: Vec::new(),
                duplicates: Vec::new(),
            })
        })
        .optional()?
    else {
        return Ok(None);
    };
    a.sources = conn
        .prepare_cached(
            "SELECT url, title, outlet, published FROM article_sources WHERE article_id = ?1
             ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(ArticleSource {
                url: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    a.near_duplicate_of = conn
        .prepare_cached("SELECT duplicate_of FROM article_duplicates WHERE article_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    a.near_duplicates = conn
        .prepare_cached(
            "SELECT article_id FROM article_duplicates WHERE duplicate_of = ?1 ORDER BY 1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.ord, a.type, a.cue_class, a.spans, a.statement_id, a.carried_from,
                a.duplicate_of, c.id, c.name, c.kind, m.surface, a.speaker_name, a.speaker_kind,
                a.speaker_entity, a.speaker_description, a.speaker_anonymous
         FROM attributions a
         LEFT JOIN speaker_mentions m ON m.attribution_id = a.id
         LEFT JOIN speakers s ON s.id = m.speaker_id
         LEFT JOIN speakers c ON c.id = s.canonical_id
         WHERE a.article_id = ?1 ORDER BY a.ord",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let spans: String = r.get(4)?;
        let spans: StoredSpans = serde_json::from_str(&spans)
            .map_err(|e| ApiError::internal(format!("stored spans of article {id}: {e}")))?;
        let speaker = match (r.get::<_, Option<i64>>(8)?, r.get::<_, Option<String>>(9)?) {
            (Some(sid), Some(name)) => Some(AttributionSpeaker {
                id: sid,
                name,
                kind: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                as_written: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            }),
            _ => None,
        };
        let source_speaker = match r.get::<_, Option<String>>(13)? {
            Some(kind) => Some(SourceSpeaker {
                name: r.get(12)?,
                kind,
                entity: r.get(14)?,
                description: r.get(15)?,
                anonymous: r.get(16)?,
            }),
            None => None,
        };
        a.attributions.push(StoredAttribution {
            attribution_id: r.get(0)?,
            id: r.get(1)?,
            kind: r.get(2)?,
            cue_class: r.get(3)?,
            spans,
            speaker,
            source_speaker,
            statement_id: r.get(5)?,
            carried_from: r.get(6)?,
            duplicate_of: r.get(7)?,
        });
    }
    Ok(Some(a))
}

/// The id of the stored article with this content hash.
pub fn article_id_by_hash(conn: &Connection, hash: &[u8; 16]) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([&hash[..]], |r| r.get(0))
        .optional()
}
