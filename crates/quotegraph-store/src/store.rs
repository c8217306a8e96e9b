//! [`Store`]: one SQLite file, opened and migrated.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Result, StoreError, StoreErrorKind};
use crate::schema::{configure, migrate};

/// A quotegraph database: the one connection that writes, and the queries.
///
/// Other connections may read the same file at the same time ([`Lookup`], other processes):
/// the journal is in WAL mode.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    /// Name key → speaker row id: saves a lookup per attribution in the writer.
    /// Cleared when a write fails, since its rows were rolled back.
    pub(crate) speaker_ids: HashMap<String, i64>,
}

/// How many rows of each kind a store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Distinct articles (by normalised content).
    pub articles: i64,
    /// Places articles were read from; more than `articles` when exact duplicates were seen.
    pub sources: i64,
    /// Articles linked to an earlier near-duplicate.
    pub near_duplicates: i64,
    /// Attributions.
    pub attributions: i64,
    /// Statements (clusters of the same quote).
    pub statements: i64,
    /// Speaker entities (canonical rows).
    pub speakers: i64,
    /// Distinct speaker name keys.
    pub speaker_names: i64,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let inner = || -> Result<Store> {
            let mut conn = Connection::open(path)?;
            configure(&conn)?;
            migrate(&mut conn)?;
            Ok(Store {
                conn,
                path: Some(path.to_path_buf()),
                speaker_ids: HashMap::new(),
            })
        };
        inner().map_err(|e| e.at(path))
    }

    /// Opens an existing database (for queries): unlike [`Store::open`], a missing file is an
    /// error ([`StoreErrorKind::NoDatabase`]) rather than a new empty database.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(StoreError::new(StoreErrorKind::NoDatabase).at(path));
        }
        Store::open(path)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: None,
            speaker_ids: HashMap::new(),
        })
    }

    /// The database file (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying connection, for queries this crate does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            articles: one("SELECT COUNT(*) FROM articles")?,
            sources: one("SELECT COUNT(*) FROM article_sources")?,
            near_duplicates: one("SELECT COUNT(*) FROM article_duplicates")?,
            attributions: one("SELECT COUNT(*) FROM attributions")?,
            statements: one("SELECT COUNT(*) FROM statements")?,
            speakers: one("SELECT COUNT(*) FROM speakers WHERE canonical_id = id")?,
            speaker_names: one("SELECT COUNT(*) FROM speakers")?,
        })
    }

    /// Whether an article with this content hash is stored.
    pub fn contains(&self, hash: &[u8; 16]) -> Result<bool> {
        contains(&self.conn, hash)
    }

    /// SQLite's `PRAGMA integrity_check`: `"ok"` for a sound file, else the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(lines.join("\n"))
    }
}

fn contains(conn: &Connection, hash: &[u8; 16]) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1")?
        .query_row([&hash[..]], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A read-only connection that answers whether an article is already stored, for extraction
/// workers that skip known articles while the writer works.
pub struct Lookup {
    conn: Connection,
}

impl Lookup {
    /// Opens the database at `path` read-only. It must exist and have been opened by
    /// [`Store::open`] (which creates the schema).
    pub fn open(path: impl AsRef<Path>) -> Result<Lookup> {
        let path = path.as_ref();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from(e).at(path))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(Lookup { conn })
    }

    /// Whether an article with this content hash was stored (and committed).
    pub fn contains(&self, hash: &[u8; 16]) -> Result<bool> {
        contains(&self.conn, hash)
    }
}
