//! A learned cue-boundary model: where does a cue found by the cue model
//! begin and end? PolNeAR's annotators often mark more than the verb
//! ("has also been mentioned as", "essentially conceding", "also points
//! to") and sometimes less ("said" of "said of"). Given a cue `[a, b)`,
//! every span of its sentence outside quotations that overlaps it and
//! reaches at most [`REACH`] tokens beyond it on either side is a
//! candidate; the features describe the tokens added or dropped on each
//! side and the tokens just outside. Trained as an averaged structured
//! perceptron on PolNeAR train (`quotegraph train`); the unchanged cue is
//! one of the candidates, so the model only moves a boundary when that
//! scores better.

use std::sync::OnceLock;

use super::perceptron::{Averaged, ModelError, Perceptron, Weights};
use super::span_model::TrainStats;
use crate::learn::cue_model::{h, hs};
use crate::text::TokenKind;
use crate::Doc;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/cue_span.bin");

/// Bits of the weight table.
pub const TABLE_BITS: u8 = 16;

/// How far a boundary may move outwards, in tokens.
pub const REACH: usize = 6;

/// A trained cue-boundary model.
#[derive(Clone, Debug, PartialEq)]
pub struct CueSpanModel {
    p: Perceptron,
}

/// One training example: a cue as found, and the gold cue's token range.
#[derive(Clone, Copy, Debug)]
pub struct CueSpanExample {
    /// The cue as the cue stage found it.
    pub found: (usize, usize),
    /// The gold cue.
    pub gold: (usize, usize),
    /// The tokens the cue may cover (`attribution::cue_bounds`): after the
    /// source or content before it, up to the one after it.
    pub bounds: (usize, usize),
}

/// The tokens a cue may cover around `[a, b)`: its sentence, outside quotations.
fn limits(
    doc: &Doc,
    in_quote: &[bool],
    sentence: (usize, usize),
    a: usize,
    b: usize,
) -> (usize, usize) {
    let (s0, s1) = sentence;
    let mut lo = a;
    while lo > s0
        && a - lo < REACH
        && !in_quote[lo - 1]
        && doc.tokens[lo - 1].kind != TokenKind::Quote
    {
        lo -= 1;
    }
    let mut hi = b;
    while hi < s1 && hi - b < REACH && !in_quote[hi] && doc.tokens[hi].kind != TokenKind::Quote {
        hi += 1;
    }
    (lo, hi)
}

fn clamp(d: isize) -> u64 {
    (d.clamp(-4, REACH as isize) + 8) as u64
}

fn features(
    doc: &Doc,
    (a, b): (usize, usize),
    (i, j): (usize, usize),
    bounds: (usize, usize),
    out: &mut Vec<u64>,
) {
    let hashes = doc.token_hashes();
    let (word, tag) = (&hashes.word, &hashes.tag);
    let boundary = hs("<b>");
    let w = |k: usize| word.get(k).copied().unwrap_or(boundary);
    let t = |k: usize| tag.get(k).copied().unwrap_or(boundary);
    let before = |k: usize| k.checked_sub(1).map_or(boundary, w);
    let before_t = |k: usize| k.checked_sub(1).map_or(boundary, t);
    let head = w(a);
    let (dl, dr) = (a as isize - i as isize, j as isize - b as isize);
    out.extend([
        h(92, &[clamp(dl), clamp(dr)]),
        h(93, &[head, clamp(dl)]),
        h(94, &[head, clamp(dr)]),
        h(96, &[t(a), clamp(dl), clamp(dr)]),
    ]);
    // left boundary
    for k in i..a {
        out.extend([h(80, &[w(k)]), h(81, &[t(k)])]);
    }
    for k in a..i.max(a) {
        out.extend([h(84, &[w(k)]), h(85, &[t(k)])]);
    }
    out.extend([h(82, &[before(i), clamp(dl)]), h(83, &[before_t(i), t(i)])]);
    // right boundary
    for k in b..j {
        out.extend([h(86, &[w(k)]), h(87, &[t(k)])]);
    }
    for k in j..b {
        out.extend([h(90, &[w(k)]), h(91, &[t(k)])]);
    }
    out.extend([
        h(88, &[w(j), clamp(dr)]),
        h(89, &[t(j - 1), t(j)]),
        h(
            95,
            &[
                u64::from(doc.tokens.get(j).map_or(9, |t| t.kind as u8)),
                clamp(dr),
            ],
        ),
        h(97, &[w(j - 1), w(j)]),
        // reaching the attribution's content or source: "calls on [all
        // nations]", "[both] sought"
        h(100, &[u64::from(j == bounds.1), clamp(dr)]),
        h(101, &[u64::from(i == bounds.0), clamp(dl)]),
        h(102, &[u64::from(j == bounds.1), w(j - 1)]),
        h(103, &[u64::from(i == bounds.0), w(i)]),
    ]);
}

fn decode(
    doc: &Doc,
    (a, b): (usize, usize),
    (lo, hi): (usize, usize),
    bounds: (usize, usize),
    w: &impl Weights,
    buf: &mut Vec<u64>,
) -> (usize, usize) {
    let mut best = (f32::NEG_INFINITY, (a, b));
    for i in lo..b {
        for j in (i + 1).max(a + 1)..=hi {
            buf.clear();
            features(doc, (a, b), (i, j), bounds, buf);
            let s = w.sum(buf);
            // ties keep the cue as found
            if s > best.0 || (s == best.0 && (i, j) == (a, b)) {
                best = (s, (i, j));
            }
        }
    }
    best.1
}

/// For each token, its sentence's token range.
fn sentence_of(doc: &Doc) -> Vec<(usize, usize)> {
    let n = doc.tokens.len();
    let mut v = vec![(0, n); n];
    for s in &doc.sentences {
        let (a, b) = (s.first_token as usize, (s.end_token as usize).min(n));
        for slot in &mut v[a..b] {
            *slot = (a, b);
        }
    }
    v
}

impl CueSpanModel {
    /// The model compiled into the library, if one was trained.
    pub fn embedded() -> Option<&'static CueSpanModel> {
        static MODEL: OnceLock<Option<CueSpanModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                super::load_model("cue_span.bin", EMBEDDED_BYTES).map(|p| CueSpanModel { p })
            })
            .as_ref()
    }

    /// Loads a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<CueSpanModel, ModelError> {
        Ok(CueSpanModel {
            p: Perceptron::from_bytes(bytes)?,
        })
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.p.to_bytes()
    }

    /// The boundaries of one cue `[a, b)`, which may move no further out
    /// than `bounds` (tokens of a source or content next to it).
    pub fn refine_one(
        &self,
        doc: &Doc,
        in_quote: &[bool],
        (a, b): (usize, usize),
        bounds: (usize, usize),
        buf: &mut Vec<u64>,
    ) -> (usize, usize) {
        if a >= b || b > doc.tokens.len() || bounds.0 > a || bounds.1 < b {
            return (a, b);
        }
        let k = doc.sentences.partition_point(|s| s.end_token as usize <= a);
        let sentence = doc.sentences.get(k).map_or((0, doc.tokens.len()), |s| {
            (
                s.first_token as usize,
                (s.end_token as usize).min(doc.tokens.len()),
            )
        });
        let (lo, hi) = limits(doc, in_quote, sentence, a, b);
        let (lo, hi) = (lo.max(bounds.0).min(a), hi.min(bounds.1).max(b));
        decode(doc, (a, b), (lo, hi), bounds, &self.p, buf)
    }

    /// Trains on documents with their examples. Deterministic for a seed.
    pub fn train(
        docs: &[(&Doc, Vec<CueSpanExample>)],
        epochs: usize,
        seed: u64,
    ) -> (CueSpanModel, TrainStats) {
        let mut items = Vec::new();
        let mut stats = TrainStats::default();
        for (di, (doc, examples)) in docs.iter().enumerate() {
            let in_quote = doc.in_quote();
            let sentence = sentence_of(doc);
            for ex in examples {
                let (a, b) = ex.found;
                if a >= b || b > doc.tokens.len() {
                    stats.unreachable += 1;
                    continue;
                }
                // as at run time: never into the source or content
                if ex.bounds.0 > a || ex.bounds.1 < b {
                    stats.unreachable += 1;
                    continue;
                }
                let (lo, hi) = limits(doc, &in_quote, sentence[a], a, b);
                let (lo, hi) = (lo.max(ex.bounds.0).min(a), hi.min(ex.bounds.1).max(b));
                let (gi, gj) = ex.gold;
                if gi < lo || gj > hi || gi >= b || gj <= a || gi >= gj {
                    stats.unreachable += 1;
                    continue;
                }
                stats.used += 1;
                items.push((di, (a, b), (lo, hi), ex.bounds, ex.gold));
            }
        }
        let mut w = Averaged::new(TABLE_BITS);
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut rng = super::perceptron::SplitMix(seed);
        let (mut buf, mut gf, mut pf) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &k in &order {
                let (di, found, lim, bounds, gold) = items[k];
                let doc = docs[di].0;
                w.tick();
                let pred = decode(doc, found, lim, bounds, &w, &mut buf);
                if pred != gold {
                    gf.clear();
                    pf.clear();
                    features(doc, found, gold, bounds, &mut gf);
                    features(doc, found, pred, bounds, &mut pf);
                    w.update(&gf, 1.0);
                    w.update(&pf, -1.0);
                }
            }
        }
        (CueSpanModel { p: w.finish() }, stats)
    }
}
