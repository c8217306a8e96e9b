//! An article as readers deliver it: text plus source metadata.

use serde::{Deserialize, Serialize};

/// Where an article came from, precisely enough to find it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file it was read from.
    pub file: String,
    /// Record number inside the file (1-based line of a JSONL file, record of a WARC or feed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// Byte offset of the record inside the (decompressed where noted) file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}

/// Metadata that travels with an article's text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// A stable identifier (given by the input, or derived from the file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Author or byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date or date-time as given (ISO 8601 where the source allows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Outlet (site name or publisher).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Language code (ISO 639-1 or 639-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One article: the text the engine annotates, its metadata and origin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The article body, paragraphs separated by blank lines.
    pub text: String,
    /// Metadata.
    #[serde(default)]
    pub meta: ArticleMeta,
    /// Provenance.
    #[serde(default)]
    pub origin: Origin,
}
