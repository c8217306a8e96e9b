//! A learned source finder: given a cue, which stretch of its sentence is
//! the source ("a full 79 percent of Democrats say", "Michael Kofman, an
//! expert on Russia at the Woodrow Wilson Center, said"), or is there none?
//!
//! Every contiguous span of up to [`MAX_LEN`] tokens on either side of the
//! cue, inside the cue's sentence and outside quotations and the content,
//! is a candidate, and so is "no source". A span's score is the sum of
//! features of its first token, its last token, every token inside, the
//! tokens between it and the cue, its length, and how it relates to the
//! source the attribution rules found for the same cue (the rules stay in
//! as features). Weights are learned with an averaged structured
//! perceptron on PolNeAR train (`quotegraph train`); the best candidate
//! is found exactly by enumerating spans with prefix sums.

use std::sync::OnceLock;

use super::perceptron::{Averaged, ModelError, Perceptron, Weights};
use crate::learn::cue_model::{h, hs};
use crate::text::TokenKind;
use crate::Doc;

/// The embedded models' bytes (empty when no model has been trained yet).
static SOURCE_BYTES: &[u8] = include_bytes!("../../models/source.bin");
static CONTENT_BYTES: &[u8] = include_bytes!("../../models/content.bin");

/// Bits of the weight table.
pub const TABLE_BITS: u8 = 18;

/// The longest source span considered, in tokens.
pub const MAX_LEN: usize = 24;

/// A trained source finder.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanModel {
    p: Perceptron,
    role: Role,
}

/// One question to the model: the source of this cue.
#[derive(Clone, Debug, Default)]
pub struct SpanQuery {
    /// The cue's tokens `[first, end)`.
    pub cue: (usize, usize),
    /// The content's token ranges (never part of a source).
    pub content: Vec<(usize, usize)>,
    /// The source the rules found, as a token range.
    pub rule: Option<(usize, usize)>,
}

/// Per-token hashes of one document, computed once.
pub struct SpanContext<'a> {
    word: &'a [u64],
    tag: &'a [u64],
    shape: &'a [u64],
    pub(crate) in_quote: Vec<bool>,
    /// For each token, its sentence's token range.
    sentence: Vec<(u32, u32)>,
    /// For each token: 1 if a name mention starts there, 2 if its title does.
    mention_start: Vec<u8>,
    /// For each token: 1 if a name mention ends there, 2 if its description does.
    mention_end: Vec<u8>,
    /// Prefix counts over the document of verbs, commas and quotation
    /// tokens: entry `k` counts tokens `[0, k)`.
    verbs: Vec<u32>,
    commas: Vec<u32>,
    quotes: Vec<u32>,
    boundary: u64,
}

impl<'a> SpanContext<'a> {
    /// Builds the context of a document with tokens, quotes, sentences and tags.
    pub fn new(doc: &'a Doc) -> SpanContext<'a> {
        let n = doc.tokens.len();
        let mut sentence = vec![(0u32, n as u32); n];
        for s in &doc.sentences {
            for slot in &mut sentence[s.first_token as usize..(s.end_token as usize).min(n)] {
                *slot = (s.first_token, s.end_token);
            }
        }
        let mut mention_start = vec![0u8; n];
        let mut mention_end = vec![0u8; n];
        let first_at = |b: usize| doc.tokens.partition_point(|t| t.span.end() <= b);
        let last_at = |b: usize| doc.tokens.partition_point(|t| t.span.start() < b);
        for m in &doc.mentions {
            let (a, b) = (m.tokens.0 as usize, m.tokens.1 as usize);
            if a < b && b <= n {
                mention_start[a] = 1;
                mention_end[b - 1] = 1;
            }
            if let Some(t) = m.title {
                let k = first_at(t.start());
                if k < n {
                    mention_start[k] = 2;
                }
            }
            if let Some(d) = m.description {
                let k = last_at(d.end());
                if k > 0 && k <= n {
                    mention_end[k - 1] = 2;
                }
            }
        }
        let hashes = doc.token_hashes();
        let in_quote = doc.in_quote();
        let (mut verbs, mut commas, mut quotes) = (
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
        );
        let (mut nv, mut nc, mut nq) = (0u32, 0u32, 0u32);
        verbs.push(0);
        commas.push(0);
        quotes.push(0);
        for (k, (&q, t)) in in_quote.iter().zip(&doc.tokens).enumerate() {
            nv += u32::from(doc.pos[k].starts_with("VB"));
            nc += u32::from(doc.lower.get(k) == ",");
            nq += u32::from(q || t.kind == TokenKind::Quote);
            verbs.push(nv);
            commas.push(nc);
            quotes.push(nq);
        }
        SpanContext {
            mention_start,
            mention_end,
            word: &hashes.word,
            tag: &hashes.tag,
            shape: &hashes.shape,
            in_quote,
            sentence,
            verbs,
            commas,
            quotes,
            boundary: hs("<b>"),
        }
    }

    fn w(&self, k: isize) -> u64 {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.word.get(k))
            .copied()
            .unwrap_or(self.boundary)
    }

    fn t(&self, k: isize) -> u64 {
        usize::try_from(k)
            .ok()
            .and_then(|k| self.tag.get(k))
            .copied()
            .unwrap_or(self.boundary)
    }
}

/// What a span model looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Who: a short span near the cue, never inside a quotation.
    Source = 0,
    /// What: a clause or quotation, which may hold quotation marks.
    Content = 1,
}

impl Role {
    fn max_len(self) -> usize {
        match self {
            Role::Source => MAX_LEN,
            Role::Content => MAX_CONTENT_LEN,
        }
    }
}

/// The longest content span considered, in tokens.
pub const MAX_CONTENT_LEN: usize = 90;

/// What the model chose.
pub type Choice = Option<(usize, usize)>;

const BEFORE: u64 = 1;
const AFTER: u64 = 2;

/// Everything about one query that does not depend on the span.
struct Setup {
    /// 0 for sources, 1 for contents: mixed into every feature.
    role: u64,
    max_len: usize,
    c0: usize,
    c1: usize,
    s0: usize,
    s1: usize,
    blocked: Vec<bool>,
    content_side: u64,
    rule: Option<(usize, usize)>,
    cue_first: u64,
    cue_last: u64,
    cue_tag: u64,
}

impl Setup {
    fn new(cx: &SpanContext, q: &SpanQuery, role: Role) -> Setup {
        let (c0, c1) = q.cue;
        let (s0, s1) = cx.sentence[c0];
        let (s0, s1) = (s0 as usize, (s1 as usize).max(c1));
        let mut blocked: Vec<bool> = (s0..s1)
            .map(|k| role == Role::Source && cx.in_quote[k])
            .collect();
        let (mut before, mut after) = (false, false);
        for &(a, b) in &q.content {
            before |= a < c0;
            after |= b > c1;
            for k in a.max(s0)..b.min(s1) {
                blocked[k - s0] = true;
            }
        }
        let content_side = match (before, after) {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (true, true) => 3,
        };
        Setup {
            role: role as u64,
            max_len: role.max_len(),
            c0,
            c1,
            s0,
            s1,
            blocked,
            content_side,
            rule: q.rule,
            cue_first: cx.word[c0],
            cue_last: cx.word[c1 - 1],
            cue_tag: cx.tag[c0],
        }
    }

    fn blocked(&self, k: usize) -> bool {
        self.blocked[k - self.s0]
    }

    fn rule_side(&self) -> u64 {
        match self.rule {
            None => 0,
            Some((_, b)) if b <= self.c0 => BEFORE,
            Some(_) => AFTER,
        }
    }

    fn rule_code(&self, i: usize, j: usize) -> u64 {
        match self.rule {
            None => 0,
            Some((a, b)) if (a, b) == (i, j) => 1,
            Some((a, b)) if i <= a && b <= j => 2,
            Some((a, b)) if a <= i && j <= b => 3,
            Some((a, b)) if a < j && i < b => 4,
            Some((_, b)) if b == i || b + 1 == i => 6,
            Some(_) => 5,
        }
    }
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        7..=10 => 5,
        _ => 6,
    }
}

fn start_features(cx: &SpanContext, side: u64, i: usize, out: &mut Vec<u64>) {
    let k = i as isize;
    out.extend([
        h(1, &[side, cx.w(k)]),
        h(2, &[side, cx.t(k)]),
        h(3, &[side, cx.t(k - 1), cx.t(k)]),
        h(4, &[side, cx.w(k - 1)]),
        h(5, &[side, cx.shape[i]]),
        h(6, &[side, u64::from(cx.sentence[i].0 as usize == i)]),
        h(7, &[side, u64::from(cx.mention_start[i])]),
    ]);
}

fn end_features(cx: &SpanContext, side: u64, e: usize, out: &mut Vec<u64>) {
    let k = e as isize;
    out.extend([
        h(10, &[side, cx.w(k)]),
        h(11, &[side, cx.t(k)]),
        h(12, &[side, cx.t(k), cx.t(k + 1)]),
        h(13, &[side, cx.w(k + 1)]),
        h(14, &[side, cx.shape[e]]),
        h(15, &[side, u64::from(cx.mention_end[e])]),
    ]);
}

fn inside_features(cx: &SpanContext, side: u64, k: usize, out: &mut Vec<u64>) {
    out.extend([h(20, &[side, cx.tag[k]]), h(21, &[side, cx.word[k]])]);
}

/// The tokens `[a, b)` between a span and the cue.
fn gap_features(cx: &SpanContext, st: &Setup, side: u64, a: usize, b: usize, out: &mut Vec<u64>) {
    let n = b - a;
    if n <= 3 {
        let mut acc = h(30, &[side, n as u64]);
        for k in a..b {
            acc = h(30, &[acc, cx.tag[k]]);
        }
        out.push(acc);
        if n > 0 {
            out.push(h(33, &[side, cx.word[a], cx.word[b - 1]]));
        }
    } else {
        let count = |v: &[u32]| v[b] - v[a];
        let verb = count(&cx.verbs) > 0;
        let comma = count(&cx.commas) > 0;
        let quote = count(&cx.quotes) > 0;
        out.push(h(
            31,
            &[
                side,
                bucket(n),
                u64::from(verb),
                u64::from(comma),
                u64::from(quote),
            ],
        ));
    }
    out.push(h(32, &[side, bucket(n), st.cue_first]));
}

fn len_feature(side: u64, len: usize) -> u64 {
    let b = match len {
        0..=10 => bucket(len),
        11..=20 => 7,
        21..=35 => 8,
        36..=55 => 9,
        _ => 10,
    };
    h(40, &[side, b])
}

fn rule_feature(side: u64, code: u64) -> u64 {
    h(41, &[side, code])
}

fn side_features(st: &Setup, side: u64, out: &mut Vec<u64>) {
    out.extend([
        h(50, &[side]),
        h(51, &[side, st.cue_first]),
        h(52, &[side, st.content_side]),
        h(53, &[side, st.cue_tag]),
        h(54, &[side, st.rule_side()]),
        h(55, &[side, st.cue_last]),
        h(56, &[side, st.content_side, st.rule_side()]),
    ]);
}

fn none_features(cx: &SpanContext, st: &Setup, out: &mut Vec<u64>) {
    let before = st.c0 as isize - 1;
    let rule = u64::from(st.rule.is_some());
    let r = st.role;
    out.extend([
        h(60, &[r]),
        h(61, &[r, st.cue_first]),
        h(62, &[r, st.content_side]),
        h(63, &[r, cx.w(before)]),
        h(64, &[r, cx.t(before)]),
        h(65, &[r, rule]),
        h(66, &[r, st.cue_tag]),
        h(67, &[r, u64::from(st.c0 == st.s0)]),
        h(68, &[r, st.content_side, rule]),
        h(69, &[r, st.cue_last]),
        h(70, &[r, cx.w(st.c1 as isize)]),
        h(71, &[r, cx.t(st.c1 as isize)]),
    ]);
}

/// All features of a choice (for training updates).
fn choice_features(cx: &SpanContext, st: &Setup, choice: Choice, out: &mut Vec<u64>) {
    let Some((i, j)) = choice else {
        none_features(cx, st, out);
        return;
    };
    let side = if j <= st.c0 { BEFORE } else { AFTER };
    let is_before = side == BEFORE;
    let side = side | st.role << 8;
    side_features(st, side, out);
    start_features(cx, side, i, out);
    end_features(cx, side, j - 1, out);
    for k in i..j {
        inside_features(cx, side, k, out);
    }
    if is_before {
        gap_features(cx, st, side, j, st.c0, out);
    } else {
        gap_features(cx, st, side, st.c1, i, out);
    }
    out.push(len_feature(side, j - i));
    out.push(rule_feature(side, st.rule_code(i, j)));
}

/// Weight lookup shared by prediction and training.
/// The best choice under weights `w`.
fn decode(cx: &SpanContext, st: &Setup, w: &impl Weights, buf: &mut Vec<u64>) -> Choice {
    let mut scores: Vec<f32> = Vec::with_capacity(3 * (st.s1 - st.s0) + 1);
    let scores = &mut scores;
    buf.clear();
    none_features(cx, st, buf);
    let mut best: (f32, Choice) = (w.sum(buf), None);
    for side in [BEFORE, AFTER] {
        let (lo, hi) = if side == BEFORE {
            (st.s0, st.c0)
        } else {
            (st.c1, st.s1)
        };
        if lo >= hi {
            continue;
        }
        let is_before = side == BEFORE;
        let side = side | st.role << 8;
        buf.clear();
        side_features(st, side, buf);
        let base = w.sum(buf);
        let n = hi - lo;
        let longest = st.max_len.min(n);
        let mut lens = [0f32; MAX_CONTENT_LEN + 1];
        for (l, slot) in lens.iter_mut().enumerate().take(longest + 1) {
            *slot = w.get(len_feature(side, l));
        }
        let mut rules = [0f32; 7];
        for (c, slot) in rules.iter_mut().enumerate() {
            *slot = w.get(rule_feature(side, c as u64));
        }
        // per-position scores: start (with the gap after the cue), end (with
        // the gap before the cue), and prefix sums of the inside scores
        scores.clear();
        scores.resize(3 * n + 1, 0.0);
        let (start, rest) = scores.split_at_mut(n);
        let (end, prefix) = rest.split_at_mut(n);
        for k in lo..hi {
            if st.blocked(k) {
                // no span starts, ends or runs through here
                prefix[k - lo + 1] = prefix[k - lo];
                continue;
            }
            buf.clear();
            start_features(cx, side, k, buf);
            if !is_before {
                gap_features(cx, st, side, st.c1, k, buf);
            }
            start[k - lo] = w.sum(buf);
            buf.clear();
            end_features(cx, side, k, buf);
            if is_before {
                gap_features(cx, st, side, k + 1, st.c0, buf);
            }
            end[k - lo] = w.sum(buf);
            buf.clear();
            inside_features(cx, side, k, buf);
            prefix[k - lo + 1] = prefix[k - lo] + w.sum(buf);
        }
        for i in lo..hi {
            if st.blocked(i) {
                continue;
            }
            for j in i + 1..=(i + st.max_len).min(hi) {
                if st.blocked(j - 1) {
                    break;
                }
                let s = base
                    + start[i - lo]
                    + end[j - 1 - lo]
                    + (prefix[j - lo] - prefix[i - lo])
                    + lens[j - i]
                    + if st.rule.is_some() {
                        rules[st.rule_code(i, j) as usize]
                    } else {
                        rules[0]
                    };
                if s > best.0 {
                    best = (s, Some((i, j)));
                }
            }
        }
    }
    best.1
}

/// Whether `choice` is a candidate the decoder can produce for this query.
fn reachable(st: &Setup, choice: Choice) -> bool {
    let Some((i, j)) = choice else {
        return true;
    };
    i < j
        && j - i <= st.max_len
        && i >= st.s0
        && j <= st.s1
        && (j <= st.c0 || i >= st.c1)
        && (i..j).all(|k| !st.blocked(k))
}

fn load(name: &str, embedded: &[u8], role: Role) -> Option<SpanModel> {
    super::load_model(name, embedded).map(|p| SpanModel { p, role })
}

/// One training example: a query and the gold answer.
#[derive(Clone, Debug)]
pub struct SpanExample {
    /// The question.
    pub query: SpanQuery,
    /// The gold source's token range, or None when the gold has no source.
    pub gold: Choice,
}

/// Training statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrainStats {
    /// Examples used.
    pub used: usize,
    /// Examples whose gold the decoder cannot produce (skipped).
    pub unreachable: usize,
}

impl SpanModel {
    /// The source model compiled into the library, if one was trained.
    pub fn embedded_source() -> Option<&'static SpanModel> {
        static MODEL: OnceLock<Option<SpanModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| load("source.bin", SOURCE_BYTES, Role::Source))
            .as_ref()
    }

    /// The content model compiled into the library, if one was trained.
    pub fn embedded_content() -> Option<&'static SpanModel> {
        static MODEL: OnceLock<Option<SpanModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| load("content.bin", CONTENT_BYTES, Role::Content))
            .as_ref()
    }

    /// Loads a model for `role`.
    pub fn from_bytes(bytes: &[u8], role: Role) -> Result<SpanModel, ModelError> {
        Ok(SpanModel {
            p: Perceptron::from_bytes(bytes)?,
            role,
        })
    }

    /// What the model looks for.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.p.to_bytes()
    }

    /// The source of the query's cue: a token range, or None.
    pub fn predict(&self, cx: &SpanContext, q: &SpanQuery, buf: &mut Vec<u64>) -> Choice {
        if q.cue.0 >= q.cue.1 || q.cue.1 > cx.word.len() {
            return None;
        }
        let st = Setup::new(cx, q, self.role);
        decode(cx, &st, &self.p, buf)
    }

    /// Trains on documents, each with its examples, for `epochs` passes in
    /// a seeded order. Deterministic for a given seed.
    pub fn train(
        docs: &[(&Doc, Vec<SpanExample>)],
        role: Role,
        epochs: usize,
        seed: u64,
    ) -> (SpanModel, TrainStats) {
        let contexts: Vec<SpanContext> = docs.iter().map(|(d, _)| SpanContext::new(d)).collect();
        let mut items: Vec<(usize, Setup, Choice)> = Vec::new();
        let mut stats = TrainStats::default();
        for (di, (_, examples)) in docs.iter().enumerate() {
            let cx = &contexts[di];
            for ex in examples {
                let (c0, c1) = ex.query.cue;
                if c0 >= c1 || c1 > cx.word.len() {
                    stats.unreachable += 1;
                    continue;
                }
                let st = Setup::new(cx, &ex.query, role);
                if !reachable(&st, ex.gold) {
                    stats.unreachable += 1;
                    continue;
                }
                stats.used += 1;
                items.push((di, st, ex.gold));
            }
        }
        let mut w = Averaged::new(TABLE_BITS);
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut rng = super::perceptron::SplitMix(seed);
        let (mut buf, mut gold_f, mut pred_f) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &k in &order {
                let (di, st, gold) = &items[k];
                let cx = &contexts[*di];
                w.tick();
                let pred = decode(cx, st, &w, &mut buf);
                if pred != *gold {
                    gold_f.clear();
                    pred_f.clear();
                    choice_features(cx, st, *gold, &mut gold_f);
                    choice_features(cx, st, pred, &mut pred_f);
                    w.update(&gold_f, 1.0);
                    w.update(&pred_f, -1.0);
                }
            }
        }
        (
            SpanModel {
                p: w.finish(),
                role,
            },
            stats,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;

    #[test]
    fn learns_a_subject_and_round_trips() {
        let text = "The mayor of Boston said the plan works. Officials say it failed. \
                    He added that more work is needed.";
        let doc = Pipeline::default().annotate(text).unwrap();
        let tok = |w: &str| {
            (0..doc.tokens.len())
                .find(|&i| doc.tokens[i].span.slice(text) == w)
                .unwrap()
        };
        let ex = |src: Choice, cue: usize, content: (usize, usize)| SpanExample {
            query: SpanQuery {
                cue: (cue, cue + 1),
                content: vec![content],
                rule: None,
            },
            gold: src,
        };
        let said = tok("said");
        let say = tok("say");
        let added = tok("added");
        let examples = vec![
            ex(Some((0, said)), said, (said + 1, said + 5)),
            ex(Some((say - 1, say)), say, (say + 1, say + 3)),
            ex(Some((added - 1, added)), added, (added + 1, added + 6)),
        ];
        let (m, stats) = SpanModel::train(&[(&doc, examples.clone())], Role::Source, 10, 3);
        assert_eq!(stats.used, 3);
        let cx = SpanContext::new(&doc);
        let mut buf = Vec::new();
        for e in &examples {
            assert_eq!(m.predict(&cx, &e.query, &mut buf), e.gold);
        }
        let again = SpanModel::from_bytes(&m.to_bytes(), Role::Source).unwrap();
        assert_eq!(again, m);
    }
}
