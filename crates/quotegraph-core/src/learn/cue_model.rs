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

pub(crate) fn shape(w: &str) -> &'static str {
    let first = w.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        if w.chars().skip(1).any(char::is_lowercase) {
            "Xx"
        } else {
            "XX"
        }
    } else if first.is_ascii_digit() {
        "9"
    } else if first.is_alphabetic() {
        "x"
    } else {
        "."
    }
}

/// The last three chars of a word.
fn suffix3(w: &str) -> &str {
    let mut it = w.char_indices().rev();
    let cut = it.nth(2).map_or(0, |(b, _)| b);
    &w[cut..]
}

/// Per-token hashes every feature is built from, computed once per document.
pub struct Context<'a> {
    doc: &'a Doc,
    in_quote: &'a [bool],
    word: &'a [u64],
    tag: &'a [u64],
    /// The lexicon lemma (or "-") of each token.
    lemma: Vec<u64>,
    class: Vec<u64>,
    suffix: Vec<u64>,
    shape: &'a [u64],
    boundary: u64,
    none: u64,
}

impl<'a> Context<'a> {
    /// Builds the context.
    pub fn new(doc: &'a Doc, in_quote: &'a [bool]) -> Context<'a> {
        let n = doc.tokens.len();
        let none = hs("-");
        let hashes = doc.token_hashes();
        let mut cx = Context {
            doc,
            in_quote,
            word: &hashes.word,
            tag: &hashes.tag,
            lemma: Vec::with_capacity(n),
            class: Vec::with_capacity(n),
            suffix: Vec::with_capacity(n),
            shape: &hashes.shape,
            boundary: hs("<b>"),
            none,
        };
        for i in 0..n {
            let w = doc.lower.get(i);
            let v = if doc.tokens[i].kind == TokenKind::Word {
                lexicon::reporting_verb(w)
            } else {
                None
            };
            cx.lemma.push(v.map_or(none, |v| hs(v.lemma)));
            cx.class.push(v.map_or(none, |v| hs(v.class.as_str())));
            cx.suffix.push(hs(suffix3(w)));
        }
        cx
    }

    fn at(&self, v: &[u64], k: isize, outside: u64) -> u64 {
        if k < 0 || k as usize >= v.len() {
            outside
        } else {
            v[k as usize]
        }
    }
}

/// Appends the features of token `i` to `out`.
pub fn features(cx: &Context, i: usize, out: &mut Vec<u64>) {
    let (doc, in_quote) = (cx.doc, cx.in_quote);
    let t = i as isize;
    let b = cx.boundary;
    let w = |k: isize| cx.at(cx.word, k, b);
    let g = |k: isize| cx.at(cx.tag, k, b);
    let near = |k: isize| cx.at(&cx.lemma, k, cx.none);
    let (lemma, class) = (cx.lemma[i], cx.class[i]);
    out.extend([
        h(0, &[]),
        h(1, &[w(t)]),
        h(2, &[w(t - 1)]),
        h(3, &[w(t + 1)]),
        h(4, &[w(t - 2)]),
        h(5, &[w(t + 2)]),
        h(6, &[g(t)]),
        h(7, &[g(t - 1), g(t)]),
        h(8, &[g(t), g(t + 1)]),
        h(9, &[cx.suffix[i]]),
        h(10, &[lemma]),
        h(11, &[class]),
        h(12, &[cx.shape[i]]),
        h(13, &[w(t), w(t + 1)]),
        h(14, &[w(t - 1), w(t)]),
        h(15, &[lemma, g(t)]),
        h(16, &[g(t - 1), g(t), g(t + 1)]),
        h(17, &[u64::from(in_quote[i])]),
        // the lexicon around: "has said", "said in a statement"
        h(18, &[near(t - 1)]),
        h(19, &[near(t + 1)]),
        h(20, &[near(t - 2)]),
        h(21, &[near(t + 2)]),
    ]);
    // what follows: "that", a quote, a colon, "to"
    let next_kind = match doc.tokens.get(i + 1).map(|t| t.kind) {
        Some(TokenKind::Quote) => 1,
        Some(TokenKind::Punct) => w(t + 1),
        Some(_) => 2,
        None => 3,
    };
    out.push(h(22, &[next_kind, g(t)]));
    // distance to the nearest quotation on each side, bucketed
    let bucket = |d: usize| -> u64 {
        match d {
            0 => 0,
            1..=2 => 1,
            3..=5 => 2,
            6..=10 => 3,
            _ => 4,
        }
    };
    let back = (0..i)
        .rev()
        .take(12)
        .position(|k| in_quote[k])
        .map_or(99, |d| d);
    let fwd = (i + 1..doc.tokens.len())
        .take(12)
        .position(|k| in_quote[k])
        .map_or(99, |d| d);
    out.push(h(23, &[bucket(back), bucket(fwd)]));
    out.push(h(24, &[lemma, bucket(back), bucket(fwd)]));
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
    pub fn score(&self, cx: &Context, i: usize, buf: &mut Vec<u64>) -> f32 {
        buf.clear();
        features(cx, i, buf);
        self.p.score(buf)
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
