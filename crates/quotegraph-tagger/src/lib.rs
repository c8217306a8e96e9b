//! quotegraph-tagger: fast, Rust-native sequence taggers for English news.
//!
//! * [`pos::PosTagger`]: Penn Treebank part-of-speech tags;
//! * [`ner::NerTagger`]: PER / ORG / LOC / MISC entities (BILOU labels);
//! * [`mention::MentionTagger`]: the same entities, much faster, scoring
//!   only capitalised words and the connectors between them;
//! * [`lemma::Lemmatizer`]: lemmas (`said`/VBD → `say`).
//!
//! The taggers are averaged perceptrons over hashed features (the POS
//! tagger greedy left to right, the NER tagger with a beam of 4), the
//! lemmatizer a learned table of edit rules. All are trained on Stanford
//! CoreNLP's silver annotations of the PolNeAR corpus (Newell, Margolin and
//! Ruths, LREC 2018). The trained models are compiled into the library and
//! loaded once, on first use; no file is read at run time.
//!
//! Input is one sentence at a time, as the words of the original text
//! (curly or straight quotes, brackets as `(`): the taggers were trained on
//! the surface strings of CoreNLP's tokens, with clitics split the Penn
//! Treebank way (`do` `n’t`, `Trump` `’s`).
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
pub mod mention;
pub mod ner;
mod perceptron;
pub mod pos;
pub mod train;

pub use error::{Error, Result};
pub use lemma::{train_lemmatizer, Lemmatizer};
pub use mention::{train_mention, MentionTagger};
pub use ner::{train_ner, Entity, EntityType, NerLabel, NerTagger};
pub use pos::{train_pos, PosTag, PosTagger};
pub use train::TrainOptions;
