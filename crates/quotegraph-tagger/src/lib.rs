//! quotegraph-tagger: fast, Rust-native sequence taggers for English news.
//!
//! * [`pos::PosTagger`]: Penn Treebank part-of-speech tags;
//! * [`ner::NerTagger`]: PER / ORG / LOC / MISC entities (BILOU labels);
//! * [`lemma::Lemmatizer`]: lemmas (`said`/VBD → `say`).
//!
//! Both are greedy averaged perceptrons over hashed features, trained on
//! Stanford CoreNLP's silver annotations of the PolNeAR corpus (Newell,
//! Margolin and Ruths, LREC 2018). The trained models are compiled into the
//! library and loaded once, on first use.
//!
//! ```
//! use quotegraph_tagger::{ner::NerTagger, pos::PosTagger};
//! let words = ["Sokolov", "said", "the", "war", "must", "end", "."];
//! let pos = PosTagger::embedded().tag(&words);
//! assert_eq!(pos[1].as_str(), "VBD");
//! let entities = NerTagger::embedded().entities(&words, &pos);
//! assert_eq!(entities[0].ty.as_str(), "PER");
//! ```
#![deny(missing_docs)]

pub mod corpus;
pub mod error;
pub mod eval;
mod format;
mod hash;
pub mod lemma;
mod lex;
pub mod ner;
mod perceptron;
pub mod pos;
pub mod train;

pub use error::{Error, Result};
pub use lemma::Lemmatizer;
pub use ner::{train_ner, Entity, EntityType, NerLabel, NerTagger};
pub use pos::{train_pos, PosTag, PosTagger};
pub use train::TrainOptions;
