//! A learned attribution filter: is an attribution the pipeline found one
//! a PolNeAR annotator would mark? The cue model is tuned for recall (its
//! threshold is below zero) and the rules and span models then find a
//! source and content around almost any cue, so about a fifth of the cues
//! found overlap no gold cue ("has", "made", "support"). This model looks at
//! the whole attribution at once — the cue's words, its source, its content
//! and how they sit around it — and drops the ones it scores below zero.
//! Trained on PolNeAR train (`quotegraph train`) on what the pipeline finds
//! there with cue models that did not see the article (cross-fitting), so
//! the negatives look like those at run time.

use std::sync::OnceLock;

use super::perceptron::{ModelError, Perceptron};
use crate::attribution::{token_range, Attribution, AttributionType};
use crate::learn::cue_model::{h, hs};
use crate::Doc;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/filter.bin");

/// Bits of the weight table.
pub const TABLE_BITS: u8 = 16;

/// A trained attribution filter.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionFilter {
    p: Perceptron,
}

/// The tokens `[first, end)` that the spans cover together; `None` for none.
fn tokens_of(doc: &Doc, spans: &[crate::Span]) -> Option<(usize, usize)> {
    let lo = spans.iter().map(|s| s.start()).min()?;
    let hi = spans.iter().map(|s| s.end()).max()?;
    let (a, b) = token_range(doc, crate::Span::new(lo, hi));
    (a < b).then_some((a, b))
}

/// A length in tokens, in a few classes.
fn len_class(n: usize) -> u64 {
    match n {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=7 => 3,
        8..=15 => 4,
        16..=31 => 5,
        _ => 6,
    }
}

/// Where span `x` lies from the cue `c`: 1 before, 2 after, 3 around or in it.
fn side(x: (usize, usize), c: (usize, usize)) -> u64 {
    if x.1 <= c.0 {
        1
    } else if x.0 >= c.1 {
        2
    } else {
        3
    }
}

/// The features of attribution `a`; empty for one without a cue.
pub fn features(doc: &Doc, a: &Attribution, out: &mut Vec<u64>) {
    let Some((c0, c1)) = tokens_of(doc, &a.cue) else {
        return;
    };
    let hashes = doc.token_hashes();
    let (word, tag) = (&hashes.word, &hashes.tag);
    let none = hs("<none>");
    let w = |k: usize| word.get(k).copied().unwrap_or(none);
    let t = |k: usize| tag.get(k).copied().unwrap_or(none);
    let before = |k: usize| k.checked_sub(1).map_or(none, w);
    let before_t = |k: usize| k.checked_sub(1).map_or(none, t);
    let kind = match a.kind {
        AttributionType::Direct => 1,
        AttributionType::Indirect => 2,
        AttributionType::Mixed => 3,
    };
    let class = a.cue_class.map_or(99, |c| c as u64);
    let (first, last) = (w(c0), w(c1 - 1));
    out.extend([
        h(200, &[]),
        h(201, &[first]),
        h(202, &[last]),
        h(203, &[first, last]),
        h(204, &[len_class(c1 - c0)]),
        h(205, &[kind]),
        h(206, &[class]),
        h(207, &[kind, first]),
        h(208, &[t(c0), t(c1 - 1)]),
        h(209, &[before(c0)]),
        h(210, &[before_t(c0)]),
        h(211, &[w(c1)]),
        h(212, &[t(c1)]),
        h(213, &[before_t(c0), t(c0), t(c1)]),
        h(214, &[u64::from(a.cue.len() > 1)]),
    ]);
    for k in c0..c1 {
        out.push(h(215, &[w(k)]));
    }
    // how sure the cue model was
    // the first cue starting in the attribution's cue (cues are in token order)
    let score = doc
        .cues
        .get(doc.cues.partition_point(|c| (c.first_token as usize) < c0))
        .filter(|c| (c.first_token as usize) < c1)
        .and_then(|c| c.score);
    let score_class = score.map_or(0, |s| match s {
        ..=-8 => 1,
        -7..=-4 => 2,
        -3..=0 => 3,
        1..=4 => 4,
        5..=10 => 5,
        11..=20 => 6,
        _ => 7,
    });
    out.extend([h(219, &[score_class]), h(239, &[score_class, first])]);
    // the sentence: where the cue stands in it, how many other cue-like
    // verbs it has
    let shape = &hashes.shape;
    let sh = |k: usize| shape.get(k).copied().unwrap_or(none);
    let si = doc
        .sentences
        .partition_point(|s| s.end_token as usize <= c0);
    if let Some(s) = doc.sentences.get(si) {
        let (s0, s1) = (s.first_token as usize, s.end_token as usize);
        let verbs = (s0..s1.min(doc.tokens.len()))
            .filter(|&k| crate::pos::is_verb(doc.pos[k]))
            .count();
        out.extend([
            h(216, &[len_class(c0.saturating_sub(s0))]),
            h(217, &[len_class(s1.saturating_sub(c1))]),
            h(218, &[len_class(verbs), first]),
        ]);
    }
    // the source
    match tokens_of(doc, &a.source) {
        None => out.extend([h(220, &[0]), h(221, &[first, 0])]),
        Some((s0, s1)) => {
            let sd = side((s0, s1), (c0, c1));
            out.extend([
                h(220, &[sd, len_class(s1 - s0)]),
                h(221, &[first, sd]),
                h(222, &[w(s0)]),
                h(227, &[sh(s0), sh(s1 - 1)]),
                h(223, &[t(s0), t(s1 - 1)]),
                h(224, &[w(s1 - 1)]),
                h(225, &[u64::from(!a.source_description.is_empty())]),
                h(
                    226,
                    &[
                        sd,
                        len_class(if sd == 1 {
                            c0.saturating_sub(s1)
                        } else {
                            s0.saturating_sub(c1)
                        }),
                    ],
                ),
            ]);
        }
    }
    // the content
    match tokens_of(doc, &a.content) {
        None => out.push(h(230, &[0])),
        Some((x0, x1)) => {
            let sd = side((x0, x1), (c0, c1));
            let gap = if sd == 1 {
                c0.saturating_sub(x1)
            } else {
                x0.saturating_sub(c1)
            };
            out.extend([
                h(230, &[sd, len_class(x1 - x0)]),
                h(231, &[kind, sd, len_class(x1 - x0)]),
                h(232, &[w(x0)]),
                h(233, &[t(x0)]),
                h(234, &[first, w(x0)]),
                h(235, &[sd, len_class(gap)]),
                h(236, &[first, sd]),
                h(237, &[w(x1 - 1)]),
                h(238, &[a.content.len().min(4) as u64, kind]),
            ]);
        }
    }
}

impl AttributionFilter {
    /// The model compiled into the library, if one was trained.
    pub fn embedded() -> Option<&'static AttributionFilter> {
        static MODEL: OnceLock<Option<AttributionFilter>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                super::load_model("filter.bin", EMBEDDED_BYTES).map(|p| AttributionFilter { p })
            })
            .as_ref()
    }

    /// Loads a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<AttributionFilter, ModelError> {
        Ok(AttributionFilter {
            p: Perceptron::from_bytes(bytes)?,
        })
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.p.to_bytes()
    }

    /// The score of attribution `a` (positive: keep it); `None` for one
    /// without a cue, which the filter leaves alone.
    pub fn score(&self, doc: &Doc, a: &Attribution, buf: &mut Vec<u64>) -> Option<f32> {
        buf.clear();
        features(doc, a, buf);
        (!buf.is_empty()).then(|| self.p.score(buf))
    }

    /// Trains on feature lists with their labels (true: the cue overlaps a
    /// gold cue). Deterministic for a seed.
    pub fn train(examples: &[(Vec<u64>, bool)], epochs: usize, seed: u64) -> AttributionFilter {
        AttributionFilter {
            p: Perceptron::train(TABLE_BITS, examples, epochs, seed),
        }
    }
}
