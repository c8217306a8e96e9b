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
pub const TABLE_BITS: u8 = 20;

/// A trained cue detector.
#[derive(Clone, Debug, PartialEq)]
pub struct CueModel {
    p: Perceptron,
}

fn h(template: u8, parts: &[&str]) -> u64 {
    // each part is hashed on its own (its length and bytes), then mixed in
    // with the template id, so parts cannot run into each other
    let mut acc = u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for p in parts {
        let mut f = Fnv::default();
        f.write(p.as_bytes());
        acc = (acc ^ f.finish())
            .wrapping_mul(0xff51_afd7_ed55_8ccd)
            .rotate_left(29);
    }
    acc ^ (acc >> 32)
}

/// Lowercase word `i` or a boundary marker.
fn word(doc: &Doc, i: isize) -> &str {
    if i < 0 || i as usize >= doc.tokens.len() {
        "<b>"
    } else {
        doc.lower.get(i as usize)
    }
}

fn tag(doc: &Doc, i: isize) -> &str {
    if i < 0 || i as usize >= doc.tokens.len() {
        "<b>"
    } else {
        doc.pos[i as usize]
    }
}

fn shape(w: &str) -> &'static str {
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

/// What the features of one document need, computed once.
pub struct Context<'a> {
    doc: &'a Doc,
    in_quote: &'a [bool],
    /// The lexicon lemma of each token ("-" when it is not a reporting verb).
    lemma: Vec<&'static str>,
    class: Vec<&'static str>,
}

impl<'a> Context<'a> {
    /// Builds the context.
    pub fn new(doc: &'a Doc, in_quote: &'a [bool]) -> Context<'a> {
        let n = doc.tokens.len();
        let mut lemma = Vec::with_capacity(n);
        let mut class = Vec::with_capacity(n);
        for i in 0..n {
            let v = if doc.tokens[i].kind == TokenKind::Word {
                lexicon::reporting_verb(doc.lower.get(i))
            } else {
                None
            };
            lemma.push(v.map_or("-", |v| v.lemma));
            class.push(v.map_or("-", |v| v.class.as_str()));
        }
        Context {
            doc,
            in_quote,
            lemma,
            class,
        }
    }

    fn near(&self, k: isize) -> &'static str {
        if k < 0 || k as usize >= self.lemma.len() {
            "-"
        } else {
            self.lemma[k as usize]
        }
    }
}

/// The last three chars of a word.
fn suffix3(w: &str) -> &str {
    let mut it = w.char_indices().rev();
    let cut = it.nth(2).map_or(0, |(b, _)| b);
    &w[cut..]
}

/// Appends the features of token `i` to `out`.
pub fn features(cx: &Context, i: usize, out: &mut Vec<u64>) {
    let (doc, in_quote) = (cx.doc, cx.in_quote);
    let t = i as isize;
    let w0 = word(doc, t);
    let raw = doc.tokens[i].span.slice(doc.text());
    let lemma = cx.lemma[i];
    let class = cx.class[i];
    out.extend([
        h(0, &[]),
        h(1, &[w0]),
        h(2, &[word(doc, t - 1)]),
        h(3, &[word(doc, t + 1)]),
        h(4, &[word(doc, t - 2)]),
        h(5, &[word(doc, t + 2)]),
        h(6, &[tag(doc, t)]),
        h(7, &[tag(doc, t - 1), tag(doc, t)]),
        h(8, &[tag(doc, t), tag(doc, t + 1)]),
        h(9, &[suffix3(w0)]),
        h(10, &[lemma]),
        h(11, &[class]),
        h(12, &[shape(raw)]),
        h(13, &[w0, word(doc, t + 1)]),
        h(14, &[word(doc, t - 1), w0]),
        h(15, &[lemma, tag(doc, t)]),
        h(16, &[tag(doc, t - 1), tag(doc, t), tag(doc, t + 1)]),
        h(17, &[if in_quote[i] { "q" } else { "-" }]),
    ]);
    // the lexicon around: "has said", "said in a statement"
    out.push(h(18, &[cx.near(t - 1)]));
    out.push(h(19, &[cx.near(t + 1)]));
    out.push(h(20, &[cx.near(t - 2)]));
    out.push(h(21, &[cx.near(t + 2)]));
    // what follows: "that", a quote, a colon, "to"
    let next_kind = match doc.tokens.get(i + 1).map(|t| t.kind) {
        Some(TokenKind::Quote) => "quote",
        Some(TokenKind::Punct) => word(doc, t + 1),
        Some(_) => "w",
        None => "<b>",
    };
    out.push(h(22, &[next_kind, tag(doc, t)]));
    // distance to the nearest quotation on each side, bucketed
    let bucket = |d: usize| match d {
        0 => "0",
        1..=2 => "1",
        3..=5 => "2",
        6..=10 => "3",
        _ => "4",
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
            .get_or_init(|| {
                if EMBEDDED_BYTES.is_empty() {
                    None
                } else {
                    CueModel::from_bytes(EMBEDDED_BYTES).ok()
                }
            })
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
