//! The one error type of this crate.

use std::path::PathBuf;

/// What kind of problem a [`StoreError`] reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreErrorKind {
    /// SQLite refused or failed an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer quotegraph whose schema this version does not know.
    #[error("schema version {found} is newer than this quotegraph supports ({supported})")]
    SchemaTooNew {
        /// The version recorded in the database.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// The file is an SQLite database, but not one of ours (no `meta` table with a version,
    /// yet other tables exist).
    #[error("not a quotegraph database (it has tables but no schema version)")]
    NotAStore,
    /// There is no database at the path given to [`Store::open_existing`](crate::Store::open_existing).
    #[error("no database here (run `quotegraph ingest` first)")]
    NoDatabase,
    /// Writing query results out failed (the caller's sink).
    #[error("cannot write: {0}")]
    Io(#[source] std::io::Error),
    /// The engine refused an article's text.
    #[error("extraction failed: {0}")]
    Extract(String),
    /// The article has no words at all (nothing to extract, and no identity to deduplicate by).
    #[error("the article has no text")]
    EmptyArticle,
    /// A date given to a query is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("invalid date {0:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    InvalidDate(String),
    /// A stored value could not be decoded.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
}

/// An error of the store: what failed and, when it concerns a database file, which one.
#[derive(Debug, thiserror::Error)]
#[error("{}{kind}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
pub struct StoreError {
    path: Option<PathBuf>,
    kind: StoreErrorKind,
}

impl StoreError {
    /// An error of the given kind, about no particular file.
    pub fn new(kind: StoreErrorKind) -> Self {
        StoreError { path: None, kind }
    }

    /// The same error, naming the database file.
    pub fn at(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &StoreErrorKind {
        &self.kind
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::new(StoreErrorKind::Sqlite(e))
    }
}

impl From<StoreErrorKind> for StoreError {
    fn from(kind: StoreErrorKind) -> Self {
        StoreError::new(kind)
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_file_when_known() {
        let e = StoreError::new(StoreErrorKind::SchemaTooNew {
            found: 9,
            supported: 1,
        });
        assert_eq!(
            e.to_string(),
            "schema version 9 is newer than this quotegraph supports (1)"
        );
        let e = e.at("corpus.db");
        assert!(e.to_string().starts_with("corpus.db: schema version 9"));
    }
}
