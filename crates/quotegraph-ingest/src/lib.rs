//! quotegraph-ingest: readers of outside input.
//!
//! Each reader turns one input format into a streaming iterator of
//! `Result<`[`Article`](quotegraph_core::Article)`, `[`ReadError`]`>`: one item per article,
//! or per record that could not be read. Nothing reads a whole archive into memory: WARC and
//! JSONL files are read record by record, and files read whole (text, HTML, feeds) are
//! refused above a size limit ([`ReadOptions`]). A bad record never ends the iteration when
//! the format lets the reader find the next one; its error names the file and the line,
//! record or byte offset.
//!
//! | module | input |
//! |---|---|
//! | [`text`] | `.txt` files and directories of them |
//! | [`jsonl`] | JSON Lines, one article per line |
//! | [`html`] | HTML pages: main-content extraction and metadata ([`charset`] decodes them) |
//! | [`warc`] | WARC and gzip WARC files (Common Crawl's layout included): their HTML responses |
//! | [`feed`] | RSS 2.0 and Atom feeds, one article per item |
//!
//! [`read_paths_pending`] reads the same inputs but leaves HTML extraction to the caller's
//! threads ([`pending`]).
//!
//! [`open`] and [`read_paths`] pick the reader for any file (by name, else by its first
//! bytes: [`detect`]) and walk directories.
//!
//! ```
//! use quotegraph_ingest::{jsonl::JsonlReader, ReadOptions};
//!
//! let data = "{\"id\": \"a1\", \"text\": \"\\\"It works,\\\" she said.\"}\nnot json\n";
//! let mut reader = JsonlReader::new(data.as_bytes(), "inline.jsonl", ReadOptions::default());
//! let article = reader.next().unwrap().unwrap();
//! assert_eq!(article.text, "\"It works,\" she said.");
//! let error = reader.next().unwrap().unwrap_err();
//! assert!(error.to_string().starts_with("inline.jsonl: line 2: invalid JSON"));
//! assert!(reader.next().is_none());
//! ```
#![deny(missing_docs)]

mod blocks;
pub mod charset;
mod detect;
mod error;
pub mod feed;
mod files;
pub mod html;
pub mod jsonl;
mod open;
mod options;
pub mod pending;
pub mod text;
pub mod warc;

pub use detect::{detect, detect_by_name, sniff, Format, SNIFF_BYTES};
pub use error::{Location, ReadError, ReadErrorKind};
pub use files::Walk;
pub use open::{open, open_format, open_with, read_paths, Articles};
pub use options::ReadOptions;
pub use pending::{read_paths_pending, Page, Pending, PendingArticles};
