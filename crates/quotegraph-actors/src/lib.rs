//! quotegraph-actors: who and what a news report talks about.
//!
//! Over a document annotated by the `quotegraph-core` pipeline (read-only),
//! this crate adds its own layers:
//!
//! 1. the trained tagger's part-of-speech tags ([`ner`]); entity mentions
//!    and entities are the engine's own layer (`doc.entities`, built by
//!    `quotegraph_core::entities`), which this crate reads;
//! 2. places checked against a shipped gazetteer ([`entities`], [`gazetteer`]);
//! 3. dates, normalised and resolved against a publication date ([`dates`]);
//! 4. figures with what they count, what is said about them and who claims
//!    them ([`figures`], reading numbers with [`numbers`]);
//! 5. relations between entities ([`relations`]);
//! 6. for every attribution, the entities its content is about; its
//!    speaker's entity is the engine's identity layer's answer ([`analyze`]).
//!
//! [`output`] converts the layers to a serde schema with code point
//! offsets, [`document`] joins them with the engine's document output (what
//! `quotegraph extract` prints), and [`graph`] renders them as JSON, DOT or
//! Mermaid.
//!
//! ```
//! use quotegraph_actors::{Actors, Options, OutActors};
//! use quotegraph_core::Pipeline;
//! let text = "The Civic Council, a Russian opposition group based in Poland, \
//!             formed the Siberian Battalion. “We have 50 fighters,” the group said.";
//! let doc = Pipeline::default().annotate(text).unwrap();
//! let actors = Actors::analyze(&doc, &Options::default());
//! let out = OutActors::from_actors(&doc, &actors);
//! let council = out.entities.iter().find(|e| e.name == "Civic Council").unwrap();
//! assert_eq!(council.descriptions[0].text, "a Russian opposition group based in Poland");
//! assert_eq!(out.figures[0].counts.as_deref(), Some("fighters"));
//! assert_eq!(out.figures[0].speaker, Some(council.id));
//! ```
#![deny(missing_docs)]

pub mod analyze;
pub mod dates;
pub mod document;
pub mod entities;
pub mod error;
pub mod figures;
pub use quotegraph_core::entities::gazetteer;
pub mod graph;
pub mod ner;
pub mod numbers;
pub mod output;
pub mod relations;
mod words;

pub use analyze::{parse_date, Actors, Options};
pub use document::{document, document_with, OutActorAttribution, OutFullDocument};
pub use error::ActorsError;
pub use graph::{Graph, GraphFormat};
pub use ner::EntityKind;
pub use output::OutActors;
