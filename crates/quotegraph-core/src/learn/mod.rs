//! Learned components: a small averaged perceptron and the models built on it.
//!
//! Models are trained from PolNeAR train by `quotegraph train`
//! (deterministic for a fixed seed) and embedded in the library; nothing is
//! downloaded at run time.

pub mod cue_model;
pub mod perceptron;
pub mod span_model;

pub use cue_model::CueModel;
pub use perceptron::{ModelError, Perceptron};
pub use span_model::{Role, SpanContext, SpanExample, SpanModel, SpanQuery};

/// The bytes of `name` in the directory named by `QUOTEGRAPH_MODEL_DIR`,
/// when that variable is set: models retrained with `quotegraph train
/// --out DIR` can be tried without rebuilding. A missing or unreadable file
/// there means "no model" (the rules alone), never the embedded one, so an
/// experiment is never silently run with the wrong model.
pub(crate) fn override_bytes(name: &str) -> Option<Vec<u8>> {
    let dir = std::env::var_os("QUOTEGRAPH_MODEL_DIR")?;
    Some(std::fs::read(std::path::Path::new(&dir).join(name)).unwrap_or_default())
}
