//! The batch writer: one transaction per batch of prepared articles.
//!
//! For each article, in order:
//! 1. **Exact duplicate?** If an article with the same content hash is stored, only the new
//!    source is recorded (`article_sources`, unique per article and source key, so a source
//!    seen before adds nothing), and the article's day moves earlier if this source is older.
//!    Nothing is extracted or stored twice.
//! 2. Otherwise the article, its source and its LSH bands are inserted, and it is linked to
//!    the most similar earlier article among its band candidates when their estimated
//!    similarity reaches the threshold ([`crate::minhash`]).
//! 3. Its attributions are inserted with their spans, indexed for full-text search, filed
//!    into statements ([`crate::statements`]) and their speakers into the registry
//!    ([`crate::speakers`]). An attribution that repeats one in a duplicated paragraph of the
//!    same article shares its statement without counting as a new appearance.
//!
//! After the batch, the registry files its counts (ways of writing, kinds, roles), the groups
//! of the names it touched are re-evaluated ([`crate::merge`]), the batch's quotes go into
//! the full-text index (all at once, last: see `write_inner`), and the transaction commits. A failure rolls the whole batch back; a crash loses at most the batch in flight.

use std::collections::{BTreeMap, HashMap};

use quotegraph_core::schema::OutSpan;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::error::Result;
use crate::minhash::{article_bands, similarity, to_blob, NEAR_DUPLICATE_THRESHOLD};
use crate::prepare::{Prepared, PreparedAttribution};
use crate::speakers;
use crate::statements;
use crate::Store;

/// Band candidates read per band: enough for any real cluster of wire copies.
const CANDIDATES_PER_BAND: i64 = 32;

/// What one [`Store::write`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Articles stored for the first time.
    pub new: u64,
    /// Articles whose content was already stored (exact duplicates, or the same input again).
    pub duplicates: u64,
    /// Of those, how many came from a source not recorded before.
    pub new_sources: u64,
    /// New articles linked to an earlier near-duplicate.
    pub near_duplicates: u64,
    /// Attributions stored.
    pub attributions: u64,
    /// Articles given without extraction ([`crate::prepare::known`]) but not found stored:
    /// they were skipped.
    pub not_extracted: u64,
}

impl WriteReport {
    /// Adds another report's counts to this one.
    pub fn add(&mut self, other: &WriteReport) {
        self.new += other.new;
        self.duplicates += other.duplicates;
        self.new_sources += other.new_sources;
        self.near_duplicates += other.near_duplicates;
        self.attributions += other.attributions;
        self.not_extracted += other.not_extracted;
    }
}

/// An attribution's spans as stored (and exported, see [`crate::columns`]).
#[derive(Serialize)]
pub(crate) struct Spans<'a> {
    pub(crate) source: &'a [OutSpan],
    #[serde(skip_serializing_if = "<[OutSpan]>::is_empty")]
    pub(crate) source_description: &'a [OutSpan],
    pub(crate) cue: &'a [OutSpan],
    pub(crate) content: &'a [OutSpan],
}

/// A value's serde name (`"direct"`, `"say"`), for enums serialised as strings.
pub(crate) fn serde_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The identity of a source: its URL, else its file with the record or offset.
fn source_key(p: &Prepared) -> String {
    let (meta, origin) = (&p.article.meta, &p.article.origin);
    if let Some(url) = meta.url.as_deref().filter(|u| !u.is_empty()) {
        return url.to_string();
    }
    match (origin.record, origin.offset) {
        (Some(r), _) => format!("{}#{r}", origin.file),
        (None, Some(o)) => format!("{}@{o}", origin.file),
        (None, None) => origin.file.clone(),
    }
}

struct BatchState<'a> {
    speakers: speakers::BatchSpeakers,
    /// Rows for the full-text index, written last (see [`Store::write`]).
    fts: Vec<(i64, &'a str)>,
}

impl Store {
    /// Writes a batch of prepared articles in one transaction.
    pub fn write(&mut self, batch: &[Prepared]) -> Result<WriteReport> {
        let result = self.write_inner(batch);
        if result.is_err() {
            self.speaker_ids.clear();
        }
        result
    }

    fn write_inner(&mut self, batch: &[Prepared]) -> Result<WriteReport> {
        let tx = self.conn.transaction()?;
        let mut report = WriteReport::default();
        let mut entity_groups = crate::actors::Touched::default();
        let mut state = BatchState {
            speakers: speakers::BatchSpeakers::default(),
            fts: Vec::new(),
        };
        // held for the batch rather than taken from the statement cache: see `Queries`
        let mut queries = statements::Queries::new(&tx)?;
        let mut band_lookup = tx.prepare(&format!(
            "SELECT article_id FROM article_bands WHERE band = ?1 AND hash = ?2
             LIMIT {CANDIDATES_PER_BAND}"
        ))?;
        for p in batch {
            let existing: Option<i64> = tx
                .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
                .query_row([&p.hash[..]], |r| r.get(0))
                .optional()?;
            if let Some(id) = existing {
                report.duplicates += 1;
                if add_source(&tx, id, p)? {
                    report.new_sources += 1;
                    if let Some(day) = &p.day {
                        tx.prepare_cached(
                            "UPDATE articles SET published_day = ?2
                             WHERE id = ?1 AND (published_day IS NULL OR ?2 < published_day)",
                        )?
                        .execute(params![id, day])?;
                    }
                }
                continue;
            }
            let Some(attributions) = &p.attributions else {
                report.not_extracted += 1;
                continue;
            };
            let id = insert_article(&tx, p)?;
            add_source(&tx, id, p)?;
            report.new += 1;
            if link_near_duplicate(&tx, &mut band_lookup, id, &p.signature)? {
                report.near_duplicates += 1;
            }
            report.attributions += attributions.len() as u64;
            insert_attributions(
                &tx,
                &mut queries,
                &mut self.speaker_ids,
                &mut state,
                id,
                p.day.as_deref(),
                attributions,
            )?;
            if let Some(actors) = &p.actors {
                crate::actors::write(&tx, id, actors, &mut entity_groups)?;
            }
        }
        drop((queries, band_lookup));
        crate::actors::resolve(&tx, &entity_groups)?;
        speakers::finish_batch(&tx, &state.speakers)?;
        // Last, so that FTS5 keeps the whole batch in its in-memory index and writes it once
        // at commit: any statement run after an FTS5 insert that opens a statement savepoint
        // (foreign key checks, RETURNING) makes FTS5 flush what it holds as a new tiny
        // segment, and merging those cost more than all the rest of the writer.
        {
            let mut fts =
                tx.prepare_cached("INSERT INTO quote_fts (rowid, content) VALUES (?1, ?2)")?;
            for (id, content) in &state.fts {
                fts.execute(params![id, content])?;
            }
        }
        tx.commit()?;
        Ok(report)
    }
}

fn insert_article(tx: &Transaction<'_>, p: &Prepared) -> Result<i64> {
    let m = &p.article.meta;
    Ok(tx
        .prepare_cached(
            "INSERT INTO articles (content_hash, text, ext_id, url, title, author, published,
                 published_day, outlet, language, minhash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
        )?
        .query_row(
            params![
                &p.hash[..],
                p.article.text,
                m.id,
                m.url,
                m.title,
                m.author,
                m.published,
                p.day,
                m.outlet,
                m.language,
                to_blob(&p.signature),
            ],
            |r| r.get(0),
        )?)
}

/// Records a source of an article; false when it was recorded before.
fn add_source(tx: &Transaction<'_>, article: i64, p: &Prepared) -> Result<bool> {
    let (m, o) = (&p.article.meta, &p.article.origin);
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO article_sources (article_id, source_key, file, record,
                 byte_offset, ext_id, url, title, author, published, outlet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            article,
            source_key(p),
            o.file,
            o.record.map(|r| r as i64),
            o.offset.map(|r| r as i64),
            m.id,
            m.url,
            m.title,
            m.author,
            m.published,
            m.outlet,
        ])?;
    Ok(n == 1)
}

/// Files the article's LSH bands and links it to its most similar earlier article, if one
/// is similar enough. Returns whether it was linked.
fn link_near_duplicate(
    tx: &Transaction<'_>,
    lookup: &mut rusqlite::Statement<'_>,
    id: i64,
    sig: &[u32],
) -> Result<bool> {
    if sig.is_empty() || sig.iter().all(|&v| v == u32::MAX) {
        return Ok(false); // no words: nothing to compare
    }
    let bands = article_bands(sig);
    let mut candidates: Vec<i64> = Vec::new();
    {
        for (band, hash) in bands.iter().enumerate() {
            for c in lookup.query_map(params![band as i64, hash], |r| r.get(0))? {
                let c: i64 = c?;
                if !candidates.contains(&c) {
                    candidates.push(c);
                }
            }
        }
    }
    let mut best: Option<(f64, i64)> = None;
    if !candidates.is_empty() {
        candidates.sort_unstable();
        let mut read = tx.prepare_cached("SELECT minhash FROM articles WHERE id = ?1")?;
        for c in candidates {
            let blob: Vec<u8> = read.query_row([c], |r| r.get(0))?;
            let theirs = crate::minhash::from_blob(&blob).unwrap_or_default();
            let s = similarity(sig, &theirs);
            if s >= NEAR_DUPLICATE_THRESHOLD && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c));
            }
        }
    }
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES (?1, ?2, ?3)",
        )?;
        for (band, hash) in bands.iter().enumerate() {
            insert.execute(params![band as i64, hash, id])?;
        }
    }
    if let Some((s, of)) = best {
        tx.prepare_cached(
            "INSERT INTO article_duplicates (article_id, duplicate_of, similarity)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, of, s])?;
        return Ok(true);
    }
    Ok(false)
}

fn insert_attributions<'a>(
    tx: &Transaction<'_>,
    queries: &mut statements::Queries<'_>,
    speaker_ids: &mut HashMap<String, i64>,
    state: &mut BatchState<'a>,
    article: i64,
    day: Option<&str>,
    attributions: &'a [PreparedAttribution],
) -> Result<()> {
    // statement of each attribution by its order, for in-article repeats
    let mut statement_of: HashMap<usize, Option<i64>> = HashMap::new();
    // the roles the article gives each name row: counted once per article
    let mut roles: BTreeMap<(i64, &str), &str> = BTreeMap::new();
    for a in attributions {
        let speaker_key = a.speaker.as_ref().map(|s| s.key.key.as_str());
        let statement = match a
            .out
            .duplicate_of
            .and_then(|d| statement_of.get(&d).copied())
        {
            Some(repeated) => repeated,
            None => statements::assign(tx, queries, &a.quote, &a.content, speaker_key, day)?,
        };
        statement_of.insert(a.out.id, statement);
        let spans = serde_json::to_string(&Spans {
            source: &a.out.source,
            source_description: &a.out.source_description,
            cue: &a.out.cue,
            content: &a.out.content,
        })
        .unwrap_or_default();
        let sp = a.out.speaker.as_ref();
        let id: i64 = tx
            .prepare_cached(
                "INSERT INTO attributions (article_id, ord, type, cue_class, source, cue, content,
                     spans, statement_id, carried_from, duplicate_of, speaker_name, speaker_kind,
                     speaker_entity, speaker_description, speaker_anonymous)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 RETURNING id",
            )?
            .query_row(
                params![
                    article,
                    a.out.id as i64,
                    serde_name(&a.out.kind),
                    a.out.cue_class.as_ref().map(serde_name),
                    a.source,
                    a.cue,
                    a.content,
                    spans,
                    statement,
                    a.out.carried_from.map(|v| v as i64),
                    a.out.duplicate_of.map(|v| v as i64),
                    sp.and_then(|s| s.name.as_deref()),
                    sp.map(|s| s.kind.as_str()),
                    sp.and_then(|s| s.entity).map(|e| e as i64),
                    sp.and_then(|s| s.description.as_deref()),
                    sp.is_some_and(|s| s.anonymous),
                ],
                |r| r.get(0),
            )?;
        state.fts.push((id, &a.content));
        let Some(speaker) = &a.speaker else {
            continue;
        };
        let speaker_id = match speaker_ids.get(&speaker.key.key) {
            Some(&id) => id,
            None => {
                let id = speakers::upsert(tx, speaker)?;
                if speaker_ids.len() > 200_000 {
                    speaker_ids.clear(); // a bound on memory, not a correctness matter
                }
                speaker_ids.insert(speaker.key.key.clone(), id);
                id
            }
        };
        tx.prepare_cached(
            "INSERT INTO speaker_mentions (attribution_id, speaker_id, surface) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, speaker_id, speaker.surface])?;
        state.speakers.mention(speaker_id, speaker);
        for (key, text) in &speaker.roles {
            roles.entry((speaker_id, key)).or_insert(text);
        }
    }
    for ((id, key), text) in roles {
        state
            .speakers
            .roles
            .entry((id, key.to_string()))
            .or_insert_with(|| speakers::RoleCount {
                text: text.to_string(),
                articles: 0,
                first: None,
                last: None,
            })
            .add(text, day);
    }
    Ok(())
}
