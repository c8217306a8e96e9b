//! Learned components: a small averaged perceptron and the models built on it.
//!
//! Models are trained from PolNeAR train by `quotegraph train`
//! (deterministic for a fixed seed) and embedded in the library; nothing is
//! downloaded at run time.

pub mod cue_model;
pub mod cue_span;
pub mod filter;
pub mod perceptron;
pub mod span_model;

pub use cue_model::CueModel;
pub use cue_span::{CueSpanExample, CueSpanModel};
pub use filter::AttributionFilter;
pub use perceptron::{ModelError, Perceptron};
pub use span_model::{Role, SpanContext, SpanExample, SpanModel, SpanQuery};

/// A shipped model: the file `name` from `QUOTEGRAPH_MODEL_DIR` when that
/// is set, else the embedded bytes; None when there is none or it does not load.
pub(crate) fn load_model(name: &str, embedded: &[u8]) -> Option<Perceptron> {
    let bytes = override_bytes(name);
    let bytes = bytes.as_deref().unwrap_or(embedded);
    (!bytes.is_empty())
        .then(|| Perceptron::from_bytes(bytes).ok())
        .flatten()
}

/// The bytes of `name` in the directory named by `QUOTEGRAPH_MODEL_DIR`,
/// when that variable is set: models retrained with `quotegraph train
/// --out DIR` can be tried without rebuilding. A missing or unreadable file
/// there means "no model" (the rules alone), never the embedded one, so an
/// experiment is never silently run with the wrong model.
pub(crate) fn override_bytes(name: &str) -> Option<Vec<u8>> {
    let dir = std::env::var_os("QUOTEGRAPH_MODEL_DIR")?;
    Some(std::fs::read(std::path::Path::new(&dir).join(name)).unwrap_or_default())
}

/// Hashes of each token's lowercase word, tag and shape, shared by the
/// learned models of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenHashes {
    pub(crate) word: Vec<u64>,
    pub(crate) tag: Vec<u64>,
    pub(crate) shape: Vec<u64>,
}

impl TokenHashes {
    pub(crate) fn new(doc: &crate::Doc) -> TokenHashes {
        use cue_model::{hs, shape_class, SHAPES};
        let n = doc.tokens.len();
        let shapes = SHAPES.map(hs);
        TokenHashes {
            word: (0..n).map(|i| hs(doc.lower.get(i))).collect(),
            tag: doc.pos.iter().take(n).map(|t| hs(t)).collect(),
            shape: doc
                .tokens
                .iter()
                .map(|t| shapes[shape_class(t.span.slice(doc.text()))])
                .collect(),
        }
    }
}
