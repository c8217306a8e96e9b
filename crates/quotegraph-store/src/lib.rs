//! quotegraph-store: the corpus — who said what across many articles, in one SQLite file.
//!
//! An article goes in through three steps:
//!
//! 1. [`prepare()`] (CPU only, on any thread): the article's content hash and MinHash
//!    signature, the engine's attributions, each quote's statement keys and each speaker's
//!    name key;
//! 2. [`Store::write`] (one thread, one transaction per batch): exact duplicates become new
//!    sources of the stored article, near-duplicates are linked, attributions are stored and
//!    indexed, quotes are clustered into statements and speakers merged into entities;
//! 3. [`ingest()`] runs both over a stream of articles: a reader thread, extraction on all
//!    cores, the writer committing in input order.
//!
//! Then [`search`], [`top_speakers`], [`speakers::explain`] and [`export`] query it.
//!
//! | module | what it decides |
//! |---|---|
//! | [`schema`] | tables, the schema version and migrations |
//! | [`norm`] | what "the same text" means: normalised words |
//! | [`minhash`] | near-duplicate articles: MinHash + LSH, threshold and band layout |
//! | [`statements`] | when two quotes are one statement |
//! | [`names`] | what a name's key, spelling fold, surname and organisation key are; what a role is |
//! | [`merge`] | when two names are one entity, and why (speakers and actors alike) |
//! | [`speakers`] | the speaker registry: names, kinds by majority, roles with their dates |
//! | [`actors`] | entities and relations across articles (stored on request) |
//! | [`columns`] | the columns of `quotegraph export` (JSONL, CSV, Parquet) and of the Python Arrow hand-off |
//!
//! ```
//! use quotegraph_core::{Article, Pipeline};
//! use quotegraph_store::{prepare, search, SearchQuery, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let pipeline = Pipeline::default();
//! let article = Article {
//!     text: "“We want to democratise Russia,” Ivan Sokolov said.".into(),
//!     ..Article::default()
//! };
//! let prepared = prepare(&pipeline, article.clone()).unwrap();
//! let report = store.write(&[prepared]).unwrap();
//! assert_eq!((report.new, report.attributions), (1, 1));
//!
//! // the same text again is a duplicate: nothing new is stored
//! let again = store.write(&[prepare(&pipeline, article).unwrap()]).unwrap();
//! assert_eq!((again.new, again.duplicates), (0, 1));
//!
//! let query = SearchQuery { speaker: Some("Sokolov".into()), limit: 10, ..Default::default() };
//! let hits = search(store.connection(), &query).unwrap();
//! assert_eq!(hits[0].content, "“We want to democratise Russia,”");
//! assert_eq!(hits[0].speaker.as_deref(), Some("Ivan Sokolov"));
//! ```
#![deny(missing_docs)]

pub mod actors;
#[cfg(feature = "arrow")]
pub mod arrow;
pub mod columns;
mod error;
pub mod ingest;
pub mod merge;
pub mod minhash;
pub mod names;
pub mod norm;
pub mod prepare;
pub mod query;
pub mod schema;
pub mod speakers;
pub mod statements;
mod store;
mod writer;

pub use actors::{relations_of, top_entities, CorpusEntity, CorpusRelation};
pub use columns::{Cell, ColumnType, ExportColumn, EXPORT_COLUMNS};
pub use error::{Result, StoreError, StoreErrorKind};
pub use ingest::{ingest, ingest_with, IngestOptions, Summary};
pub use prepare::{prepare, prepare_with, Prepared};
pub use query::{export, search, top_speakers, ExportRow, Hit, SearchQuery, SpeakerCount};
pub use store::{Counts, Lookup, Store};
pub use writer::WriteReport;
