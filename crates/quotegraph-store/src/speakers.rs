//! The speaker registry: names across documents merged, conservatively, into entities.
//!
//! Every distinct name key ([`crate::names`]) is one row of `speakers`; a row whose
//! `canonical_id` is its own id is an **entity**, and rows pointing elsewhere are names merged
//! into that entity, each with the reason in `merge_reason`. The rules:
//!
//! 1. Names with the same key are the same row: "President Putin", "Mr. Putin" and "Putin"
//!    are one row, whose surface forms are kept in `speaker_aliases` with their counts.
//! 2. A one-word name of a person (or of unknown kind) merges into the person whose full name
//!    ends with that word **when exactly one such full name is in the corpus**: "Sokolov" into
//!    "Ivan Sokolov". When a second full name with that surname arrives, the merge is undone
//!    and the reason says which full names made it ambiguous.
//! 3. Two different full names (keys of two or more words) are never merged, and
//!    organisations and places merge only by rule 1.
//!
//! Rule 2 is re-evaluated, after every batch, for each surname the batch touched, from the
//! rows present at that moment; the result depends only on which names are stored, not on
//! the order they came in.
//!
//! Within a document the engine has already resolved pronouns and surnames to the full name
//! where the document gives it; this registry works across documents.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;
use crate::names::name_key;
use crate::prepare::SpeakerName;

/// Finds or creates the row of a name key; returns its id and whether it was created or
/// changed kind (so that its surname must be re-evaluated).
pub(crate) fn upsert(tx: &Transaction<'_>, name: &SpeakerName) -> Result<(i64, bool)> {
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, kind FROM speakers WHERE key = ?1")?
        .query_row([&name.key.key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, kind)) = existing {
        if kind == "unknown" && name.kind != "unknown" {
            tx.prepare_cached("UPDATE speakers SET kind = ?2 WHERE id = ?1")?
                .execute(params![id, name.kind])?;
            return Ok((id, true));
        }
        return Ok((id, false));
    }
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO speakers (key, name, kind, surname, words, canonical_id)
             VALUES (?1, ?2, ?3, ?4, ?5, 0) RETURNING id",
        )?
        .query_row(
            params![
                name.key.key,
                name.key.display,
                name.kind,
                name.key.surname,
                name.key.words as i64
            ],
            |r| r.get(0),
        )?;
    tx.prepare_cached("UPDATE speakers SET canonical_id = id WHERE id = ?1")?
        .execute([id])?;
    Ok((id, true))
}

/// The surname a new or changed name asks to re-evaluate: its own key for a one-word name,
/// its surname for a full name.
pub(crate) fn surname_to_check(name: &SpeakerName) -> Option<String> {
    match (name.key.words, &name.key.surname) {
        (1, _) if name.kind != "organization" && name.kind != "place" => Some(name.key.key.clone()),
        (_, Some(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Applies rule 2 to each surname.
pub(crate) fn resolve(tx: &Transaction<'_>, surnames: &BTreeSet<String>) -> Result<()> {
    let mut single = tx.prepare_cached(
        "SELECT id FROM speakers WHERE key = ?1 AND words = 1 AND kind IN ('person', 'unknown')",
    )?;
    let mut full = tx.prepare_cached(
        "SELECT id, name FROM speakers WHERE surname = ?1 AND kind = 'person' ORDER BY id",
    )?;
    let mut set = tx.prepare_cached(
        "UPDATE speakers SET canonical_id = ?2, merge_reason = ?3
         WHERE id = ?1 AND (canonical_id != ?2 OR merge_reason IS NOT ?3)",
    )?;
    for surname in surnames {
        let Some(id): Option<i64> = single.query_row([surname], |r| r.get(0)).optional()? else {
            continue;
        };
        let fulls: Vec<(i64, String)> = full
            .query_map([surname], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let (target, reason) = match fulls.as_slice() {
            [] => (id, None),
            [(to, name)] => (
                *to,
                Some(format!(
                    "surname of {name}, the only person with the surname {surname:?} in the corpus"
                )),
            ),
            many => {
                let names: Vec<&str> = many.iter().take(5).map(|(_, n)| n.as_str()).collect();
                let more = if many.len() > 5 {
                    format!(" and {} more", many.len() - 5)
                } else {
                    String::new()
                };
                (
                    id,
                    Some(format!(
                        "not merged: the surname {surname:?} is shared by {}{more}",
                        names.join(", ")
                    )),
                )
            }
        };
        set.execute(params![id, target, reason])?;
    }
    Ok(())
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

/// An entity with every name merged into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The canonical row's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// `person`, `organization`, `place` or `unknown`.
    pub kind: String,
    /// The canonical name first, then merged names.
    pub names: Vec<NameRow>,
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
    for org in [false, true] {
        if let Some(k) = name_key(name, org) {
            if !keys.contains(&k.key) {
                keys.push(k.key);
            }
        }
    }
    let mut ids = BTreeSet::new();
    let mut by_key = conn.prepare_cached(
        "SELECT canonical_id FROM speakers WHERE key = ?1
         UNION SELECT canonical_id FROM speakers WHERE surname = ?1 AND ?2 = 1",
    )?;
    for key in &keys {
        let one_word = !key.contains(' ');
        for id in by_key.query_map(params![key, one_word], |r| r.get(0))? {
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

/// Every entity a name refers to ([`lookup`]), with its names, their merge reasons and
/// surface forms.
pub fn explain(conn: &Connection, name: &str) -> Result<Vec<Entity>> {
    let mut out = Vec::new();
    for id in lookup(conn, name)? {
        let (name, kind): (String, String) =
            conn.query_row("SELECT name, kind FROM speakers WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let mut rows = conn.prepare_cached(
            "SELECT id, key, name, merge_reason FROM speakers WHERE canonical_id = ?1
             ORDER BY id != ?1, id",
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
            statements,
            mentions,
        });
    }
    Ok(out)
}
