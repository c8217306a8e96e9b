//! Learned components: a small averaged perceptron and the models built on it.
//!
//! Models are trained from PolNeAR train by `quotegraph train`
//! (deterministic for a fixed seed) and embedded in the library; nothing is
//! downloaded at run time.

pub mod cue_model;
pub mod perceptron;

pub use cue_model::CueModel;
pub use perceptron::{ModelError, Perceptron};
