//! Queries: full-text search with speaker and date filters, speakers by statement count,
//! statement appearances, and the export of every attribution with its article.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;

use crate::error::{Result, StoreErrorKind};
use crate::norm::is_date_bound;
use crate::speakers;

/// A search over stored attributions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find in quote contents: every word must occur (diacritics and case ignored);
    /// `"a phrase"` in double quotes must occur as a phrase; `word*` matches a prefix.
    pub text: Option<String>,
    /// A speaker's name, resolved as in [`speakers::lookup`].
    pub speaker: Option<String>,
    /// Earliest publication day, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (inclusive).
    pub since: Option<String>,
    /// Latest publication day, same forms (inclusive: `2024-03` includes all of March).
    pub until: Option<String>,
    /// Most results (statements) to return.
    pub limit: usize,
}

/// One search result: a statement, shown by its best-ranked (or earliest) matching appearance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The attribution shown.
    pub attribution_id: i64,
    /// Its statement.
    pub statement_id: Option<i64>,
    /// How many articles carry the statement.
    pub appearances: i64,
    /// The speaker's corpus entity: its name.
    pub speaker: Option<String>,
    /// ... and its id in the registry.
    pub speaker_id: Option<i64>,
    /// The speaker as this article names it (its entity's name in the article).
    pub speaker_as_written: Option<String>,
    /// The speaker's kind in the article (`person`, `organization`, `group`, `document`,
    /// `unnamed`, `unknown`).
    pub speaker_kind: Option<String>,
    /// The words describing the speaker: what shows an unnamed source ("a senior official").
    pub speaker_description: Option<String>,
    /// The quote.
    pub content: String,
    /// The cue.
    pub cue: String,
    /// The article.
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

impl Hit {
    /// What to show for the speaker: the corpus entity's name, else the name the article
    /// gives, else the words describing an unnamed source, else its kind.
    pub fn speaker_label(&self) -> Option<&str> {
        self.speaker
            .as_deref()
            .or(self.speaker_as_written.as_deref())
            .or(self.speaker_description.as_deref())
            .or(self.speaker_kind.as_deref())
    }
}

/// Turns what a user typed into an FTS5 query: each word quoted (so punctuation and FTS
/// keywords are taken literally), phrases kept, a trailing `*` kept as a prefix search.
/// Control characters (a NUL makes SQLite reject the query) count as spaces.
pub fn fts_query(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut terms = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            if !part.trim().is_empty() {
                terms.push(format!("\"{}\"", part.trim()));
            }
            continue;
        }
        for word in part.split_whitespace() {
            let (stem, prefix) = match word.strip_suffix('*') {
                Some(s) if !s.is_empty() => (s, "*"),
                _ => (word, ""),
            };
            if stem.chars().any(char::is_alphanumeric) {
                terms.push(format!("\"{}\"{prefix}", stem.replace('"', "")));
            }
        }
    }
    terms.join(" ")
}

fn check_date(d: &Option<String>) -> Result<()> {
    match d {
        Some(d) if !is_date_bound(d) => Err(StoreErrorKind::InvalidDate(d.clone()).into()),
        _ => Ok(()),
    }
}

/// Runs a search. Results are ranked by BM25 when there is text, else by date, earliest
/// first; one result per statement. A speaker name that matches no one gives no results.
pub fn search(conn: &Connection, q: &SearchQuery) -> Result<Vec<Hit>> {
    check_date(&q.since)?;
    check_date(&q.until)?;
    let mut sql = String::from(
        "SELECT a.id, a.statement_id, COALESCE(st.appearances, 1), c.name, m.surface, a.content,
                a.cue, ar.id, ar.title, ar.url, ar.published_day, ar.outlet, c.id, a.speaker_kind,
                a.speaker_description
         FROM attributions a
         JOIN articles ar ON ar.id = a.article_id
         LEFT JOIN statements st ON st.id = a.statement_id
         LEFT JOIN speaker_mentions m ON m.attribution_id = a.id
         LEFT JOIN speakers s ON s.id = m.speaker_id
         LEFT JOIN speakers c ON c.id = s.canonical_id",
    );
    let mut args: Vec<Value> = Vec::new();
    let fts = q.text.as_deref().map(fts_query).filter(|t| !t.is_empty());
    if fts.is_some() {
        sql.push_str(" JOIN quote_fts f ON f.rowid = a.id");
    }
    sql.push_str(" WHERE a.duplicate_of IS NULL");
    if let Some(fts) = &fts {
        sql.push_str(" AND quote_fts MATCH ?");
        args.push(Value::Text(fts.clone()));
    }
    if let Some(name) = &q.speaker {
        let ids = speakers::lookup(conn, name)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(",");
        sql.push_str(&format!(" AND s.canonical_id IN ({marks})"));
        args.extend(ids.into_iter().map(Value::Integer));
    }
    if let Some(since) = &q.since {
        sql.push_str(" AND ar.published_day >= ?");
        args.push(Value::Text(since.clone()));
    }
    if let Some(until) = &q.until {
        sql.push_str(" AND substr(ar.published_day, 1, ?) <= ?");
        args.push(Value::Integer(until.len() as i64));
        args.push(Value::Text(until.clone()));
    }
    sql.push_str(if fts.is_some() {
        " ORDER BY bm25(quote_fts), ar.published_day, a.id"
    } else {
        " ORDER BY ar.published_day IS NULL, ar.published_day, a.id"
    });
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < q.limit {
        let Some(r) = rows.next()? else { break };
        let statement: Option<i64> = r.get(1)?;
        if let Some(s) = statement {
            if !seen.insert(s) {
                continue;
            }
        }
        out.push(Hit {
            attribution_id: r.get(0)?,
            statement_id: statement,
            appearances: r.get(2)?,
            speaker: r.get(3)?,
            speaker_id: r.get(12)?,
            speaker_as_written: r.get(4)?,
            speaker_kind: r.get(13)?,
            speaker_description: r.get(14)?,
            content: r.get(5)?,
            cue: r.get(6)?,
            article_id: r.get(7)?,
            title: r.get(8)?,
            url: r.get(9)?,
            day: r.get(10)?,
            outlet: r.get(11)?,
        });
    }
    Ok(out)
}

/// A speaker entity with its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpeakerCount {
    /// Canonical row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Distinct statements.
    pub statements: i64,
    /// Attributions (repeats inside an article not counted).
    pub mentions: i64,
    /// Names merged into it (besides its own).
    pub merged_names: i64,
}

/// Speakers by number of distinct statements, then mentions, then name.
pub fn top_speakers(conn: &Connection, limit: usize) -> Result<Vec<SpeakerCount>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.kind, COUNT(DISTINCT a.statement_id), COUNT(*),
                (SELECT COUNT(*) - 1 FROM speakers x WHERE x.canonical_id = c.id)
         FROM speaker_mentions m
         JOIN speakers s ON s.id = m.speaker_id
         JOIN speakers c ON c.id = s.canonical_id
         JOIN attributions a ON a.id = m.attribution_id
         WHERE a.duplicate_of IS NULL
         GROUP BY c.id
         ORDER BY 4 DESC, 5 DESC, c.name
         LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(SpeakerCount {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            statements: r.get(3)?,
            mentions: r.get(4)?,
            merged_names: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One attribution with its article, as exported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportRow {
    /// Attribution id (corpus-wide; `None` for a row made outside a store,
    /// [`ExportRow::standalone`]).
    pub attribution_id: Option<i64>,
    /// Article id in the store (`None` outside a store).
    pub article_id: Option<i64>,
    /// The attribution's id within its article (the output schema's `id`).
    pub ord: i64,
    /// Statement id.
    pub statement_id: Option<i64>,
    /// `direct`, `indirect` or `mixed`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Cue class.
    pub cue_class: Option<String>,
    /// The corpus entity the speaker's name was merged into: its name.
    pub speaker: Option<String>,
    /// ... and its id in the registry.
    pub speaker_id: Option<i64>,
    /// The speaker's name in the article (its entity's name); null for an unnamed source.
    pub speaker_name: Option<String>,
    /// The speaker's kind in the article: `person`, `organization`, `group`, `document`,
    /// `unnamed` or `unknown`.
    pub speaker_kind: Option<String>,
    /// The id of the speaker's entity among the article's entities (1-based).
    pub speaker_entity: Option<i64>,
    /// The words describing the speaker ("a senior official", "Republican nominee").
    pub speaker_description: Option<String>,
    /// The article says the source was not named.
    pub speaker_anonymous: bool,
    /// Source text.
    pub source: String,
    /// Cue text.
    pub cue: String,
    /// Content text.
    pub content: String,
    /// All spans, code points into the article text: `{"source": [{start, end, text}], ...}`.
    pub spans: serde_json::Value,
    /// For a cue-less continuation: the `ord` it continues.
    pub carried_from: Option<i64>,
    /// For a repeat in a duplicated paragraph: the `ord` it repeats.
    pub duplicate_of: Option<i64>,
    /// Article title.
    pub title: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// Publication day (earliest source).
    pub day: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Number of sources of the article (exact duplicates).
    pub sources: i64,
    /// The article this one is a near-duplicate of.
    pub near_duplicate_of: Option<i64>,
    /// The article's own identifier, as its input gave it (JSONL `id`, WARC-Record-ID).
    pub doc_id: Option<String>,
}

/// Calls `f` with every attribution, in article then attribution order. Streams: memory does
/// not grow with the corpus.
pub fn export(conn: &Connection, mut f: impl FnMut(ExportRow) -> Result<()>) -> Result<u64> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.article_id, a.ord, a.statement_id, a.type, a.cue_class, c.name, c.id,
                a.speaker_name, a.source, a.cue, a.content, a.spans, a.carried_from, a.duplicate_of,
                ar.title, ar.url, ar.outlet, ar.author, ar.published, ar.published_day,
                ar.language,
                (SELECT COUNT(*) FROM article_sources x WHERE x.article_id = ar.id),
                d.duplicate_of, ar.ext_id, a.speaker_kind, a.speaker_entity,
                a.speaker_description, a.speaker_anonymous
         FROM attributions a
         JOIN articles ar ON ar.id = a.article_id
         LEFT JOIN speaker_mentions m ON m.attribution_id = a.id
         LEFT JOIN speakers s ON s.id = m.speaker_id
         LEFT JOIN speakers c ON c.id = s.canonical_id
         LEFT JOIN article_duplicates d ON d.article_id = ar.id
         ORDER BY a.article_id, a.ord",
    )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let spans: String = r.get(12)?;
        let spans = serde_json::from_str(&spans)
            .map_err(|e| StoreErrorKind::Corrupt(format!("spans of attribution: {e}")))?;
        f(ExportRow {
            attribution_id: Some(r.get(0)?),
            article_id: Some(r.get(1)?),
            ord: r.get(2)?,
            statement_id: r.get(3)?,
            kind: r.get(4)?,
            cue_class: r.get(5)?,
            speaker: r.get(6)?,
            speaker_id: r.get(7)?,
            speaker_name: r.get(8)?,
            speaker_kind: r.get(25)?,
            speaker_entity: r.get(26)?,
            speaker_description: r.get(27)?,
            speaker_anonymous: r.get(28)?,
            source: r.get(9)?,
            cue: r.get(10)?,
            content: r.get(11)?,
            spans,
            carried_from: r.get(13)?,
            duplicate_of: r.get(14)?,
            title: r.get(15)?,
            url: r.get(16)?,
            outlet: r.get(17)?,
            author: r.get(18)?,
            published: r.get(19)?,
            day: r.get(20)?,
            language: r.get(21)?,
            sources: r.get(22)?,
            near_duplicate_of: r.get(23)?,
            doc_id: r.get(24)?,
        })?;
        n += 1;
    }
    Ok(n)
}

/// One appearance of a statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Appearance {
    /// The attribution.
    pub attribution_id: i64,
    /// Its article.
    pub article_id: i64,
    /// The article's day.
    pub day: Option<String>,
    /// The article's title.
    pub title: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The quote as this article prints it.
    pub content: String,
}

/// The appearances of a statement, earliest first (undated last, then in storage order).
/// Repeats inside one article are not appearances.
pub fn appearances(conn: &Connection, statement: i64) -> Result<Vec<Appearance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, ar.id, ar.published_day, ar.title, ar.url, a.content
         FROM attributions a JOIN articles ar ON ar.id = a.article_id
         WHERE a.statement_id = ?1 AND a.duplicate_of IS NULL
         ORDER BY ar.published_day IS NULL, ar.published_day, ar.id, a.ord",
    )?;
    let rows = stmt.query_map([statement], |r| {
        Ok(Appearance {
            attribution_id: r.get(0)?,
            article_id: r.get(1)?,
            day: r.get(2)?,
            title: r.get(3)?,
            url: r.get(4)?,
            content: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_a_literal_fts_query() {
        assert_eq!(fts_query("Siberia resources"), "\"Siberia\" \"resources\"");
        assert_eq!(
            fts_query("\"armed struggle\" democ*"),
            "\"armed struggle\" \"democ\"*"
        );
        assert_eq!(fts_query("U.S. AND NOT"), "\"U.S.\" \"AND\" \"NOT\"");
        assert_eq!(fts_query("  - ! "), "");
        assert_eq!(fts_query("war\0time\u{7}"), "\"war\" \"time\"");
        assert_eq!(fts_query("\"armed\0struggle\""), "\"armed struggle\"");
    }
}
