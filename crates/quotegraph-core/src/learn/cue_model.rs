//! A learned cue detector: is this token part of a reporting expression?
//!
//! The lexicon knows the common reporting verbs; news also attributes with
//! "seemed", "declined", "endorsed", "wants", "is expected", "referring
//! to". This model labels each token outside quotations as cue or not from
//! its words, tags, the lexicon and its surroundings; contiguous cue tokens
//! form one cue. It is trained on PolNeAR train (`quotegraph train`) and
//! embedded in the library.

use std::hash::Hasher;
use std::sync::OnceLock;

use super::perceptron::{ModelError, Perceptron};
use crate::fasthash::Fnv;
use crate::lexicon;
use crate::text::TokenKind;
use crate::Doc;

/// The embedded model's bytes (empty when no model has been trained yet).
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/cue.bin");

/// Bits of the weight table.
pub const TABLE_BITS: u8 = 18;

/// A trained cue detector.
#[derive(Clone, Debug, PartialEq)]
pub struct CueModel {
    p: Perceptron,
}

/// Hash of one string.
pub(crate) fn hs(s: &str) -> u64 {
    let mut f = Fnv::default();
    f.write(s.as_bytes());
    f.finish()
}

/// A feature: the template id mixed with the hashes of its parts.
#[inline]
pub(crate) fn h(template: u8, parts: &[u64]) -> u64 {
    let mut acc = u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &p in parts {
        acc = (acc ^ p)
            .wrapping_mul(0xff51_afd7_ed55_8ccd)
            .rotate_left(29);
    }
    acc ^ (acc >> 32)
}

/// The shapes a word can have (see [`shape_class`]).
pub(crate) const SHAPES: [&str; 5] = ["Xx", "XX", "9", "x", "."];

/// A word's shape, as an index into [`SHAPES`]: capitalised, all capitals,
/// digit first, lowercase letter first, other.
pub(crate) fn shape_class(w: &str) -> usize {
    let first = w.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        if w.chars().skip(1).any(char::is_lowercase) {
            0
        } else {
            1
        }
    } else if first.is_ascii_digit() {
        2
    } else if first.is_alphabetic() {
        3
    } else {
        4
    }
}

/// The last three chars of a word.
fn suffix3(w: &str) -> &str {
    let mut it = w.char_indices().rev();
    let cut = it.nth(2).map_or(0, |(b, _)| b);
    &w[cut..]
}

/// Boundary entries on each side of the padded per-token arrays, so that
/// features may look two tokens away without bounds checks.
const PAD: usize = 2;

/// Features per token.
const N_FEATURES: usize = 25;

/// Per-token hashes every feature is built from, computed once per document.
/// `word`, `tag` and `lemma` are padded with [`PAD`] boundary values on
/// each side: token `i` is at `i + PAD`.
pub struct Context<'a> {
    doc: &'a Doc,
    in_quote: &'a [bool],
    word: Vec<u64>,
    tag: Vec<u64>,
    /// The lexicon lemma (or "-") of each token.
    lemma: Vec<u64>,
    class: Vec<u64>,
    suffix: Vec<u64>,
    shape: &'a [u64],
    /// Bucketed distance to the nearest quotation before and after each token.
    quote_near: Vec<(u64, u64)>,
}

/// A distance to a quotation, bucketed (99: none within 12 tokens).
fn bucket(d: usize) -> u64 {
    match d {
        0 => 0,
        1..=2 => 1,
        3..=5 => 2,
        6..=10 => 3,
        _ => 4,
    }
}

/// How far a token looks for a quotation on each side.
const QUOTE_REACH: usize = 12;

impl<'a> Context<'a> {
    /// Builds the context.
    pub fn new(doc: &'a Doc, in_quote: &'a [bool]) -> Context<'a> {
        let n = doc.tokens.len();
        let none = hs("-");
        let boundary = hs("<b>");
        let hashes = doc.token_hashes();
        let padded = |v: &[u64], pad: u64| {
            let mut out = Vec::with_capacity(n + 2 * PAD);
            out.extend([pad; PAD]);
            out.extend_from_slice(v);
            out.extend([pad; PAD]);
            out
        };
        let mut cx = Context {
            doc,
            in_quote,
            word: padded(&hashes.word, boundary),
            tag: padded(&hashes.tag, boundary),
            lemma: Vec::with_capacity(n + 2 * PAD),
            class: Vec::with_capacity(n),
            suffix: Vec::with_capacity(n),
            shape: &hashes.shape,
            quote_near: Vec::with_capacity(n),
        };
        cx.lemma.extend([none; PAD]);
        for i in 0..n {
            let w = doc.lower.get(i);
            let v = if doc.tokens[i].kind == TokenKind::Word {
                lexicon::reporting_verb(w)
            } else {
                None
            };
            cx.lemma.push(v.map_or(none, |v| hs(v.lemma)));
            cx.class.push(v.map_or(none, |v| hs(v.class.as_str())));
            // only the scored token's own suffix is a feature
            cx.suffix.push(if candidate(doc, in_quote, i) {
                hs(suffix3(w))
            } else {
                0
            });
        }
        cx.lemma.extend([none; PAD]);
        // distances to the nearest quotation token: i - 1 - k back, k - i - 1 ahead
        let mut last: Option<usize> = None;
        for (i, &q) in in_quote.iter().enumerate().take(n) {
            let back = last.map_or(99, |k| i - 1 - k);
            cx.quote_near.push((
                if back < QUOTE_REACH {
                    bucket(back)
                } else {
                    bucket(99)
                },
                0,
            ));
            if q {
                last = Some(i);
            }
        }
        let mut next: Option<usize> = None;
        for i in (0..n).rev() {
            let fwd = next.map_or(99, |k| k - i - 1);
            cx.quote_near[i].1 = if fwd < QUOTE_REACH {
                bucket(fwd)
            } else {
                bucket(99)
            };
            if in_quote[i] {
                next = Some(i);
            }
        }
        cx
    }
}

/// The features of token `i`.
#[inline]
fn feature_array(cx: &Context, i: usize) -> [u64; N_FEATURES] {
    let doc = cx.doc;
    let p = i + PAD;
    let (w, g, near) = (&cx.word, &cx.tag, &cx.lemma);
    let (lemma, class) = (near[p], cx.class[i]);
    // what follows: "that", a quote, a colon, "to"
    let next_kind = match doc.tokens.get(i + 1).map(|t| t.kind) {
        Some(TokenKind::Quote) => 1,
        Some(TokenKind::Punct) => w[p + 1],
        Some(_) => 2,
        None => 3,
    };
    let (back, fwd) = cx.quote_near[i];
    [
        h(0, &[]),
        h(1, &[w[p]]),
        h(2, &[w[p - 1]]),
        h(3, &[w[p + 1]]),
        h(4, &[w[p - 2]]),
        h(5, &[w[p + 2]]),
        h(6, &[g[p]]),
        h(7, &[g[p - 1], g[p]]),
        h(8, &[g[p], g[p + 1]]),
        h(9, &[cx.suffix[i]]),
        h(10, &[lemma]),
        h(11, &[class]),
        h(12, &[cx.shape[i]]),
        h(13, &[w[p], w[p + 1]]),
        h(14, &[w[p - 1], w[p]]),
        h(15, &[lemma, g[p]]),
        h(16, &[g[p - 1], g[p], g[p + 1]]),
        h(17, &[u64::from(cx.in_quote[i])]),
        // the lexicon around: "has said", "said in a statement"
        h(18, &[near[p - 1]]),
        h(19, &[near[p + 1]]),
        h(20, &[near[p - 2]]),
        h(21, &[near[p + 2]]),
        h(22, &[next_kind, g[p]]),
        // distance to the nearest quotation on each side, bucketed
        h(23, &[back, fwd]),
        h(24, &[lemma, back, fwd]),
    ]
}

/// Appends the features of token `i` to `out`.
pub fn features(cx: &Context, i: usize, out: &mut Vec<u64>) {
    out.extend(feature_array(cx, i));
}

impl CueModel {
    /// The model compiled into the library, if one was trained.
    pub fn embedded() -> Option<&'static CueModel> {
        static MODEL: OnceLock<Option<CueModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| super::load_model("cue.bin", EMBEDDED_BYTES).map(|p| CueModel { p }))
            .as_ref()
    }

    /// Loads a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<CueModel, ModelError> {
        Ok(CueModel {
            p: Perceptron::from_bytes(bytes)?,
        })
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.p.to_bytes()
    }

    /// The score of token `i` (positive: part of a cue).
    pub fn score(&self, cx: &Context, i: usize) -> f32 {
        self.p.score(&feature_array(cx, i))
    }

    /// Trains on documents with one label per token (true: inside a gold cue).
    /// Tokens inside quotations and punctuation other than colons and dashes
    /// are left out, as at prediction time.
    pub fn train(docs: &[(&Doc, Vec<bool>)], epochs: usize, seed: u64) -> CueModel {
        let mut examples = Vec::new();
        for (doc, labels) in docs {
            let in_quote = doc.in_quote();
            let cx = Context::new(doc, &in_quote);
            for (i, &label) in labels.iter().enumerate().take(doc.tokens.len()) {
                if !candidate(doc, &in_quote, i) {
                    continue;
                }
                let mut f = Vec::with_capacity(32);
                features(&cx, i, &mut f);
                examples.push((f, label));
            }
        }
        CueModel {
            p: Perceptron::train(TABLE_BITS, &examples, epochs, seed),
        }
    }
}

/// Tokens the model looks at: words outside quotations.
pub fn candidate(doc: &Doc, in_quote: &[bool], i: usize) -> bool {
    !in_quote[i] && doc.tokens[i].kind == TokenKind::Word
}
