//! The speaker registry: the named speakers of every document merged, conservatively, into
//! entities of the corpus, with the roles they were described by.
//!
//! The engine resolves each attribution's source once, to an entity of its document or to
//! none (`OutAttribution.speaker`); only named speakers come here: an unnamed source ("a
//! senior official", "analysts", "a new poll") stays with its attribution, its description
//! and kind stored there and nowhere else.
//!
//! Every distinct name key ([`crate::names`]) is one row of `speakers`: "Vladimir Putin"
//! and "vladimir putin" are one row, whose ways of writing are kept in `speaker_aliases`
//! with their counts. A row whose `canonical_id` is its own id is an **entity**; rows
//! pointing elsewhere are names merged into that entity, each with the reason in
//! `merge_reason`. Which rows are one entity is decided by the rules of [`crate::merge`],
//! shared with the actors' entity table:
//!
//! 1. consistent full names of one surname are one person while neither is ambiguous
//!    ("Donald J. Trump" and "Donald Trump"; "Paul D. Ryan" and "Paul Ryan"), never two
//!    inconsistent ones ("Bill Clinton", "Hillary Clinton");
//! 2. the spellings of one transliterated name are one ("Zelensky", "Zelenskiy",
//!    "Zelenskyy": *spelling variant*);
//! 3. a lone surname joins the only person with that surname, and leaves when a second
//!    arrives;
//! 4. an organisation's short and long forms are one ("Justice Department", "Department
//!    of Justice").
//!
//! A row's **kind** is the majority of its mentions' kinds (`speaker_kinds` counts them),
//! not the kind it first came with. The **roles** a speaker was described by ("Republican
//! presidential nominee", "Sen.") are descriptions, not names: `speaker_roles` keeps them
//! per name row with the number of articles giving them and the first and last article day.
//!
//! After every batch, the groups of every name the batch touched are re-evaluated from the
//! rows present at that moment; the result depends only on which names are stored (and how
//! often), not on the order they came in.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;
use crate::merge::{self, Group, Table};
use crate::names::name_key;
use crate::prepare::SpeakerName;

/// The speaker registry as the merge rules see it.
pub(crate) const TABLE: Table = Table {
    name: "speakers",
    weight: "mentions",
    people: "'person', 'unknown'",
    organisations: "'organization'",
};

/// Sets a row's kind to the majority of its mentions' kinds; a tie goes to a person, then
/// to the first kind in alphabetical order (never to the kind that came first).
const MAJORITY_KIND: &str = "UPDATE speakers SET kind = (
        SELECT kind FROM speaker_kinds WHERE speaker_id = ?1
        ORDER BY mentions DESC, kind != 'person', kind LIMIT 1)
    WHERE id = ?1 AND EXISTS (SELECT 1 FROM speaker_kinds WHERE speaker_id = ?1)";

/// Finds or creates the row of a name key; returns its id.
pub(crate) fn upsert(tx: &Transaction<'_>, name: &SpeakerName) -> Result<i64> {
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM speakers WHERE key = ?1")?
        .query_row([&name.key.key], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let k = &name.key;
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO speakers (key, name, kind, surname, words, canonical_id, fold, org_key,
                                   mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, 0) RETURNING id",
        )?
        .query_row(
            params![
                k.key,
                k.display,
                name.kind,
                k.surname,
                k.words as i64,
                k.fold,
                k.org_key
            ],
            |r| r.get(0),
        )?;
    tx.prepare_cached("UPDATE speakers SET canonical_id = id WHERE id = ?1")?
        .execute([id])?;
    Ok(id)
}

/// A role of a name row gathered over a batch.
#[derive(Clone, Debug)]
pub(crate) struct RoleCount {
    pub(crate) text: String,
    pub(crate) articles: i64,
    pub(crate) first: Option<String>,
    pub(crate) last: Option<String>,
}

impl RoleCount {
    pub(crate) fn add(&mut self, text: &str, day: Option<&str>) {
        self.articles += 1;
        if text < self.text.as_str() {
            self.text = text.to_string();
        }
        if let Some(d) = day {
            if self.first.as_deref().is_none_or(|f| d < f) {
                self.first = Some(d.to_string());
            }
            if self.last.as_deref().is_none_or(|l| d > l) {
                self.last = Some(d.to_string());
            }
        }
    }
}

/// What a batch adds to the registry besides the mentions: filed by [`finish_batch`].
#[derive(Debug, Default)]
pub(crate) struct BatchSpeakers {
    /// (row, surface form) → times written so.
    pub(crate) aliases: HashMap<(i64, String), i64>,
    /// (row, kind) → mentions of that kind.
    pub(crate) kinds: HashMap<(i64, &'static str), i64>,
    /// (row, role key) → the role's count and days.
    pub(crate) roles: HashMap<(i64, String), RoleCount>,
    /// The rows the batch touched.
    pub(crate) rows: BTreeSet<i64>,
    /// The groups of their names.
    pub(crate) groups: BTreeSet<Group>,
}

impl BatchSpeakers {
    /// Counts one attribution's named speaker.
    pub(crate) fn mention(&mut self, id: i64, name: &SpeakerName) {
        *self.aliases.entry((id, name.surface.clone())).or_insert(0) += 1;
        *self.kinds.entry((id, name.kind)).or_insert(0) += 1;
        if self.rows.insert(id) {
            self.groups.extend(Group::of(&name.key));
        }
    }
}

/// Files a batch's counts, sets each touched row's kind to the majority of its mentions'
/// kinds and re-evaluates the groups of the touched names.
pub(crate) fn finish_batch(tx: &Transaction<'_>, b: &BatchSpeakers) -> Result<()> {
    {
        let mut alias = tx.prepare_cached(
            "INSERT INTO speaker_aliases (speaker_id, surface, mentions) VALUES (?1, ?2, ?3)
             ON CONFLICT (speaker_id, surface) DO UPDATE SET mentions = mentions + ?3",
        )?;
        for ((id, surface), n) in &b.aliases {
            alias.execute(params![id, surface, n])?;
        }
        let mut kind = tx.prepare_cached(
            "INSERT INTO speaker_kinds (speaker_id, kind, mentions) VALUES (?1, ?2, ?3)
             ON CONFLICT (speaker_id, kind) DO UPDATE SET mentions = mentions + ?3",
        )?;
        let mut count =
            tx.prepare_cached("UPDATE speakers SET mentions = mentions + ?2 WHERE id = ?1")?;
        for ((id, k), n) in &b.kinds {
            kind.execute(params![id, k, n])?;
            count.execute(params![id, n])?;
        }
        let mut role = tx.prepare_cached(
            "INSERT INTO speaker_roles (speaker_id, role, text, articles, first_day, last_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (speaker_id, role) DO UPDATE SET
                 text = min(text, excluded.text),
                 articles = articles + excluded.articles,
                 first_day = CASE WHEN first_day IS NULL OR excluded.first_day < first_day
                                  THEN COALESCE(excluded.first_day, first_day)
                                  ELSE first_day END,
                 last_day = CASE WHEN last_day IS NULL OR excluded.last_day > last_day
                                 THEN COALESCE(excluded.last_day, last_day)
                                 ELSE last_day END",
        )?;
        for ((id, key), r) in &b.roles {
            role.execute(params![id, key, r.text, r.articles, r.first, r.last])?;
        }
        let mut majority = tx.prepare_cached(MAJORITY_KIND)?;
        for id in &b.rows {
            majority.execute([id])?;
        }
    }
    merge::apply(tx, &TABLE, &b.groups, &b.rows)
}

/// Re-keys every row after an upgrade changed how keys are made (schema version 3): rows
/// whose names now share a key become one row (their mentions, ways of writing, kinds and
/// roles added up), every row gets its fold, surname and organisation key, and every group
/// is evaluated anew.
pub(crate) fn rekey(tx: &Transaction<'_>) -> Result<()> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, name, kind FROM speakers ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    tx.execute_batch("UPDATE speakers SET key = '#' || id")?;
    let mut keep: HashMap<String, i64> = HashMap::new();
    let mut groups = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (id, name, kind) in rows {
        let Some(k) = name_key(&name, kind != "organization") else {
            tx.execute(
                "UPDATE speakers SET key = ?2 WHERE id = ?1",
                params![id, name],
            )?;
            ids.insert(id);
            continue;
        };
        if let Some(&into) = keep.get(&k.key) {
            for sql in [
                "UPDATE speaker_mentions SET speaker_id = ?2 WHERE speaker_id = ?1",
                "INSERT INTO speaker_aliases (speaker_id, surface, mentions)
                     SELECT ?2, surface, mentions FROM speaker_aliases WHERE speaker_id = ?1
                     ON CONFLICT (speaker_id, surface) DO UPDATE
                     SET mentions = mentions + excluded.mentions",
                "INSERT INTO speaker_kinds (speaker_id, kind, mentions)
                     SELECT ?2, kind, mentions FROM speaker_kinds WHERE speaker_id = ?1
                     ON CONFLICT (speaker_id, kind) DO UPDATE
                     SET mentions = mentions + excluded.mentions",
                "INSERT INTO speaker_roles (speaker_id, role, text, articles, first_day, last_day)
                     SELECT ?2, role, text, articles, first_day, last_day
                     FROM speaker_roles WHERE speaker_id = ?1
                     ON CONFLICT (speaker_id, role) DO UPDATE
                     SET articles = articles + excluded.articles",
                "UPDATE speakers SET mentions = mentions
                     + (SELECT mentions FROM speakers WHERE id = ?1) WHERE id = ?2",
                "DELETE FROM speaker_aliases WHERE speaker_id = ?1",
                "DELETE FROM speaker_kinds WHERE speaker_id = ?1",
                "DELETE FROM speaker_roles WHERE speaker_id = ?1",
                "UPDATE speakers SET canonical_id = id WHERE canonical_id = ?1",
                "DELETE FROM speakers WHERE id = ?1",
            ] {
                if sql.contains("?2") {
                    tx.execute(sql, params![id, into])?;
                } else {
                    tx.execute(sql, [id])?;
                }
            }
            continue;
        }
        keep.insert(k.key.clone(), id);
        tx.execute(
            "UPDATE speakers SET key = ?2, name = ?3, surname = ?4, words = ?5, fold = ?6,
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
        groups.extend(Group::of(&k));
        ids.insert(id);
    }
    let mut majority = tx.prepare_cached(MAJORITY_KIND)?;
    for id in &ids {
        majority.execute([id])?;
    }
    merge::apply(tx, &TABLE, &groups, &ids)
}

/// A name of an entity, as `quotegraph speakers --explain` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRow {
    /// Row id.
    pub id: i64,
    /// The name key.
    pub key: String,
    /// Display form.
    pub name: String,
    /// Why it belongs to (or was kept apart from) its entity; `None` for the entity's own name.
    pub reason: Option<String>,
    /// Surface forms and how often each was written.
    pub surfaces: Vec<(String, i64)>,
}

/// A role a speaker was described by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The role as written ("Republican presidential nominee").
    pub text: String,
    /// Articles describing the speaker so.
    pub articles: i64,
    /// The earliest article day giving it (`None` when no such article is dated).
    pub first_day: Option<String>,
    /// The latest.
    pub last_day: Option<String>,
}

/// An entity with every name merged into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The canonical row's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// `person` or `organization` (`unknown` or `place` in stores written before version 3).
    pub kind: String,
    /// The canonical name first, then merged names.
    pub names: Vec<NameRow>,
    /// Roles, most articles first.
    pub roles: Vec<Role>,
    /// Distinct statements attributed to the entity.
    pub statements: i64,
    /// Attributions naming it.
    pub mentions: i64,
}

/// The canonical entity ids a name given by a user refers to: the entity of the name's key
/// (under person and organisation rules), of a surface form written exactly so, and, for a
/// one-word name, every person with that surname.
pub fn lookup(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut keys = Vec::new();
    for person in [true, false] {
        if let Some(k) = name_key(name, person) {
            if !keys.contains(&k.key) {
                keys.push(k.key);
            }
        }
    }
    let mut ids = BTreeSet::new();
    let mut by_key = conn.prepare_cached(
        "SELECT canonical_id FROM speakers WHERE key = ?1
         UNION SELECT canonical_id FROM speakers
               WHERE ?2 = 1 AND surname = ?3 AND kind IN ('person', 'unknown')",
    )?;
    for key in &keys {
        let one_word = !key.contains(' ');
        let surname = name_key(key, true).and_then(|k| k.surname);
        for id in by_key.query_map(params![key, one_word, surname], |r| r.get(0))? {
            ids.insert(id?);
        }
    }
    let mut by_surface = conn.prepare_cached(
        "SELECT s.canonical_id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
         WHERE a.surface = ?1",
    )?;
    for id in by_surface.query_map([name.trim()], |r| r.get(0))? {
        ids.insert(id?);
    }
    Ok(ids.into_iter().collect())
}

/// The roles of an entity (every name merged into it), most articles first.
pub fn roles(conn: &Connection, entity: i64) -> Result<Vec<Role>> {
    let rows = conn
        .prepare_cached(
            "SELECT min(r.text) AS t, SUM(r.articles) AS n, MIN(r.first_day) AS f,
                    MAX(r.last_day)
             FROM speaker_roles r JOIN speakers s ON s.id = r.speaker_id
             WHERE s.canonical_id = ?1
             GROUP BY r.role ORDER BY n DESC, f IS NULL, f, t",
        )?
        .query_map([entity], |r| {
            Ok(Role {
                text: r.get(0)?,
                articles: r.get(1)?,
                first_day: r.get(2)?,
                last_day: r.get(3)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

/// Every entity a name refers to ([`lookup`]), with its names, their merge reasons and
/// surface forms, and its roles; most statements first.
pub fn explain(conn: &Connection, name: &str) -> Result<Vec<Entity>> {
    let mut out = Vec::new();
    for id in lookup(conn, name)? {
        let (name, kind): (String, String) =
            conn.query_row("SELECT name, kind FROM speakers WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let mut rows = conn.prepare_cached(
            "SELECT id, key, name, merge_reason FROM speakers WHERE canonical_id = ?1
             ORDER BY id != ?1, mentions DESC, key",
        )?;
        let mut names: Vec<NameRow> = rows
            .query_map([id], |r| {
                Ok(NameRow {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    name: r.get(2)?,
                    reason: r.get(3)?,
                    surfaces: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut surfaces = conn.prepare_cached(
            "SELECT surface, mentions FROM speaker_aliases WHERE speaker_id = ?1
             ORDER BY mentions DESC, surface",
        )?;
        for n in &mut names {
            n.surfaces = surfaces
                .query_map([n.id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
        }
        let (statements, mentions) = conn.query_row(
            "SELECT COUNT(DISTINCT a.statement_id), COUNT(*)
             FROM speakers s JOIN speaker_mentions m ON m.speaker_id = s.id
             JOIN attributions a ON a.id = m.attribution_id
             WHERE s.canonical_id = ?1 AND a.duplicate_of IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        out.push(Entity {
            id,
            name,
            kind,
            names,
            roles: roles(conn, id)?,
            statements,
            mentions,
        });
    }
    out.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    Ok(out)
}
