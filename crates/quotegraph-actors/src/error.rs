//! The crate's error type.

/// What went wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActorsError {
    /// A publication date that is not `YYYY-MM-DD`.
    #[error("publication date {input:?} is not a date of the form YYYY-MM-DD")]
    BadDate {
        /// The text given.
        input: String,
    },
    /// An output format name that is not known.
    #[error("unknown graph format {0:?} (expected json, dot or mermaid)")]
    UnknownFormat(String),
}
