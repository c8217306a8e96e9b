//! quotegraph-core: the attribution engine.
//!
//! A [`Doc`] owns an article's original text and its annotation layers; a
//! [`Pipeline`] of stages fills them in order:
//!
//! 1. paragraphs and tokens ([`text`]),
//! 2. quotation marks paired into quotes ([`quotes`]),
//! 3. sentences ([`text::sentences`]),
//! 4. part-of-speech tags ([`pos`]),
//! 5. reporting cues ([`cues`], lexicon in [`lexicon`]),
//! 6. name mentions ([`mentions`]),
//! 7. attributions: source, cue, content ([`attribution`]),
//! 8. entities: names from the trained tagger, phrases and nominals, grouped
//!    per actor ([`entities`]),
//! 9. speakers: each source resolved once, to an entity or to an unnamed
//!    description ([`identity`]),
//! 10. repeated paragraphs ([`duplicates`]).
//!
//! Spans are byte offsets ([`Span`]); the output [`schema`] converts them to
//! code points.
//!
//! ```
//! use quotegraph_core::{Pipeline, schema::OutDocument};
//! let text = "“We will win,” Sokolov said.";
//! let doc = Pipeline::default().annotate(text).unwrap();
//! let out = OutDocument::from_doc("example", &doc);
//! assert_eq!(out.attributions[0].content[0].text, "“We will win,”");
//! assert_eq!(out.attributions[0].speaker.as_ref().unwrap().name.as_deref(), Some("Sokolov"));
//! ```
#![deny(missing_docs)]

pub mod article;
pub mod attribution;
pub mod cues;
pub mod doc;
pub mod duplicates;
pub mod entities;
pub mod fasthash;
pub mod identity;
pub mod learn;
pub mod lexicon;
pub mod mentions;
pub mod pos;
pub mod quotes;
pub mod schema;
pub mod span;
pub mod text;
pub mod transcript;

pub use article::{Article, ArticleMeta, Origin};
pub use doc::{Doc, DocError, Layer, Pipeline, Stage};
pub use span::Span;
