//! Named-entity tagging: a greedy left-to-right averaged perceptron over
//! BILOU labels of the CoNLL types PER, ORG, LOC and MISC. Decoding only
//! follows valid BILOU transitions, so every output is well formed.

mod label;
mod train;

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

pub use label::{entities, Entity, EntityType, NerLabel};
pub use train::{train_ner, train_ner_sentences};

use crate::error::{Error, Result};
use crate::format::{self, Kind, Reader, Writer};
use crate::hash::{key, mix};
use crate::lex::{self, Lex, LexBuf};
use crate::perceptron::{argmax, Weights};
use crate::pos::PosTag;

/// Version of the NER feature set.
const FEATURES: u8 = 1;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/ner.bin");
static EMBEDDED: OnceLock<Result<NerTagger>> = OnceLock::new();

/// History value for "before the sentence".
const START: u64 = NerLabel::COUNT as u64;
/// POS value for the padding around the sentence.
const NO_POS: u64 = 0xff;

/// Transition masks: `[prev id or START][last as usize]` -> allowed labels.
type Masks = [[[bool; NerLabel::COUNT]; 2]; NerLabel::COUNT + 1];

fn masks() -> &'static Masks {
    static MASKS: OnceLock<Masks> = OnceLock::new();
    MASKS.get_or_init(|| {
        let mut m = [[[false; NerLabel::COUNT]; 2]; NerLabel::COUNT + 1];
        for (p, row) in m.iter_mut().enumerate() {
            let prev = NerLabel::from_id(p as u8);
            for (last, allowed) in row.iter_mut().enumerate() {
                for (n, a) in allowed.iter_mut().enumerate() {
                    let next = NerLabel::from_id(n as u8).unwrap_or(NerLabel::O);
                    *a = label::allowed(prev, next, last == 1);
                }
            }
        }
        m
    })
}

/// The allowed labels after `prev` (an id, or `START`).
#[inline]
pub(crate) fn mask(prev: u64, last: bool) -> &'static [bool; NerLabel::COUNT] {
    &masks()[prev.min(START) as usize][last as usize]
}

/// A trained named-entity tagger.
#[derive(Clone, Debug)]
pub struct NerTagger {
    weights: Weights,
}

#[derive(Default)]
struct Scratch {
    buf: LexBuf,
    lex: Vec<Lex>,
    pos: Vec<u64>,
    feats: Vec<u32>,
    scores: Vec<i32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Padded POS ids: two `NO_POS` on each side.
pub(crate) fn pad_pos(pos: &[PosTag], out: &mut Vec<u64>) {
    out.clear();
    out.extend_from_slice(&[NO_POS, NO_POS]);
    out.extend(pos.iter().map(|p| p.id() as u64));
    out.extend_from_slice(&[NO_POS, NO_POS]);
}

/// Collects the feature keys of the word at padded index `i`, given the
/// two previous labels.
#[inline]
pub(crate) fn features(lex: &[Lex], pos: &[u64], i: usize, l1: u64, l2: u64, out: &mut Vec<u32>) {
    let w = &lex[i];
    let (m2, m1, n1, n2) = (&lex[i - 2], &lex[i - 1], &lex[i + 1], &lex[i + 2]);
    let p = pos[i];
    out.clear();
    out.extend_from_slice(&[
        key(0, 0, 0),
        key(1, w.lower, 0),
        key(2, w.raw, 0),
        key(3, w.shape, 0),
        key(4, w.short_shape, 0),
        key(5, w.suf[0], 0),
        key(6, w.suf[1], 0),
        key(7, w.suf[2], 0),
        key(8, w.suf[3], 0),
        key(9, w.pre[0], 0),
        key(10, w.pre[1], 0),
        key(11, w.pre[2], 0),
        key(12, w.pre[3], 0),
        key(13, m1.lower, 0),
        key(14, n1.lower, 0),
        key(15, m2.lower, 0),
        key(16, n2.lower, 0),
        key(17, m1.raw, w.raw),
        key(18, w.raw, n1.raw),
        key(19, m1.shape, 0),
        key(20, n1.shape, 0),
        key(21, mix(m1.short_shape, w.short_shape), n1.short_shape),
        key(22, p, 0),
        key(23, pos[i - 1], 0),
        key(24, pos[i + 1], 0),
        key(25, pos[i - 2], 0),
        key(26, pos[i + 2], 0),
        key(27, pos[i - 1], p),
        key(28, p, pos[i + 1]),
        key(29, l1, 0),
        key(30, l2, l1),
        key(31, l1, w.raw),
        key(32, l1, w.shape),
        key(33, l1, p),
        key(34, (i == 2) as u64, w.flags as u64),
        key(35, m1.suf[2], 0),
        key(36, n1.suf[2], 0),
        key(37, w.lower, p),
    ]);
}

impl NerTagger {
    pub(crate) fn from_parts(weights: Weights) -> NerTagger {
        NerTagger { weights }
    }

    /// The model compiled into the library (`models/ner.bin`), loaded on
    /// first use.
    ///
    /// # Panics
    /// If the embedded model is invalid, which the crate's tests rule out;
    /// use [`NerTagger::try_embedded`] to get the error instead.
    pub fn embedded() -> &'static NerTagger {
        match NerTagger::try_embedded() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    /// The embedded model, or the error met loading it.
    pub fn try_embedded() -> Result<&'static NerTagger, &'static Error> {
        EMBEDDED
            .get_or_init(|| NerTagger::from_bytes_named(EMBEDDED_BYTES, "embedded models/ner.bin"))
            .as_ref()
    }

    /// Loads a model from bytes written by [`NerTagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<NerTagger> {
        NerTagger::from_bytes_named(bytes, "NER model bytes")
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<NerTagger> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        NerTagger::from_bytes_named(&bytes, &path.display().to_string())
    }

    fn from_bytes_named(bytes: &[u8], source: &str) -> Result<NerTagger> {
        let payload = format::unwrap(bytes, Kind::Ner, FEATURES, source)?;
        let mut r = Reader::new(payload, source);
        let n = r.u8("label count")? as usize;
        if n != NerLabel::COUNT {
            return Err(r.error(format!("{n} labels, expected {}", NerLabel::COUNT)));
        }
        for id in 0..NerLabel::COUNT as u8 {
            let name = r.str8("label name")?;
            let expected = NerLabel::from_id(id).map(NerLabel::as_str);
            if Some(name) != expected {
                return Err(r.error(format!("label {name:?} where {expected:?} was expected")));
            }
        }
        let weights = Weights::read(&mut r, NerLabel::COUNT)?;
        r.end()?;
        Ok(NerTagger::from_parts(weights))
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(NerLabel::COUNT as u8);
        for id in 0..NerLabel::COUNT as u8 {
            w.str8(NerLabel::from_id(id).map_or("O", NerLabel::as_str));
        }
        self.weights.write(&mut w);
        format::wrap(Kind::Ner, FEATURES, &w.0)
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    /// Model statistics: (features, weights).
    pub fn stats(&self) -> (usize, usize) {
        (self.weights.n_features(), self.weights.n_weights())
    }

    /// Tags one sentence, given its words and their POS tags (from
    /// [`crate::pos::PosTagger`]). `pos` shorter than `words` is padded
    /// with `NN`.
    pub fn tag<S: AsRef<str>>(&self, words: &[S], pos: &[PosTag]) -> Vec<NerLabel> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(words, pos, &mut out);
        out
    }

    /// Tags one sentence into `out` (cleared first).
    pub fn tag_into<S: AsRef<str>>(&self, words: &[S], pos: &[PosTag], out: &mut Vec<NerLabel>) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.tag_with(words, pos, &mut s, out),
            Err(_) => self.tag_with(words, pos, &mut Scratch::default(), out),
        })
    }

    /// Tags one sentence and returns its entities.
    pub fn entities<S: AsRef<str>>(&self, words: &[S], pos: &[PosTag]) -> Vec<Entity> {
        entities(&self.tag(words, pos))
    }

    fn tag_with<S: AsRef<str>>(
        &self,
        words: &[S],
        pos: &[PosTag],
        s: &mut Scratch,
        out: &mut Vec<NerLabel>,
    ) {
        out.clear();
        lex::analyse_sentence(words, &mut s.buf, &mut s.lex);
        pad_pos(pos, &mut s.pos);
        s.pos.truncate(2 + pos.len().min(words.len()));
        s.pos.resize(2 + words.len(), PosTag::Nn.id() as u64);
        s.pos.extend_from_slice(&[NO_POS, NO_POS]);
        s.scores.resize(NerLabel::COUNT, 0);
        let (mut l1, mut l2) = (START, START + 1);
        let n = words.len();
        for i in 2..n + 2 {
            features(&s.lex, &s.pos, i, l1, l2, &mut s.feats);
            s.scores.fill(0);
            self.weights.add_scores(&s.feats, &mut s.scores);
            let id = argmax(&s.scores, mask(l1, i == n + 1));
            out.push(NerLabel::from_id(id as u8).unwrap_or(NerLabel::O));
            l2 = l1;
            l1 = id as u64;
        }
    }
}
