//! Named-entity tagging: an averaged perceptron over BILOU labels of the
//! CoNLL types PER, ORG, LOC and MISC, decoded left to right with a small
//! beam. Decoding only follows valid BILOU transitions, so every output is
//! well formed.

mod beam;
mod features;
mod label;
mod train;

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

pub use label::{entities, Entity, EntityType, NerLabel};
pub use train::{train_ner, train_ner_sentences};

use crate::error::{Error, Result};
use crate::format::{self, Kind, Reader, Writer};
use crate::hash::U32Table;
use crate::lex::{self, Lex, LexBuf};
use crate::perceptron::Weights;
use crate::pos::{dict_key, PosTag, PosTagger};
use beam::{Beam, Input};
use features::{caps_profile, pad_pos};

/// Version of the NER feature set.
const FEATURES: u8 = 2;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/ner.bin");
static EMBEDDED: OnceLock<Result<NerTagger>> = OnceLock::new();

/// History value for "before the sentence".
const START: u8 = NerLabel::COUNT as u8;
/// Widest beam a model may ask for.
const MAX_BEAM: u8 = 32;

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
    &masks()[prev.min(START as u64) as usize][last as usize]
}

/// Two word sets that let the tagger label most words `O` without scoring
/// them, when no entity is open: frequent words (almost) always outside
/// entities in training, and every word without an upper-case letter that
/// never was inside an entity in training.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSets {
    /// Sorted keys of frequent words (almost) always labelled `O`.
    outside: Vec<u32>,
    /// Sorted keys of words without upper case seen inside entities.
    inside_lower: Vec<u32>,
    outside_table: U32Table,
    inside_lower_table: U32Table,
}

impl WordSets {
    pub(crate) fn new(outside: Vec<u32>, inside_lower: Vec<u32>) -> WordSets {
        let set = |v: &[u32]| U32Table::new(v.iter().map(|&k| (k, 0)));
        WordSets {
            outside_table: set(&outside),
            inside_lower_table: set(&inside_lower),
            outside,
            inside_lower,
        }
    }

    /// True when the word is labelled `O` without scoring (if no entity
    /// is open).
    #[inline]
    pub(crate) fn surely_outside(&self, l: &Lex) -> bool {
        let k = dict_key(l);
        self.outside_table.get(k).is_some()
            || (l.flags & lex::HAS_UPPER == 0 && self.inside_lower_table.get(k).is_none())
    }

    fn write(&self, w: &mut Writer) {
        for set in [&self.outside, &self.inside_lower] {
            w.u32(set.len() as u32);
            for &k in set {
                w.u32(k);
            }
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<WordSets> {
        let mut set = |what: &str| -> Result<Vec<u32>> {
            let n = r.count(4, what)?;
            let mut v: Vec<u32> = Vec::with_capacity(n);
            for _ in 0..n {
                let k = r.u32(what)?;
                if k == 0 || v.last().is_some_and(|&p| k <= p) {
                    return Err(r.error(format!("{what} keys not strictly increasing")));
                }
                v.push(k);
            }
            Ok(v)
        };
        let outside = set("outside-word set")?;
        let inside_lower = set("lower-case entity word set")?;
        Ok(WordSets::new(outside, inside_lower))
    }
}

/// A trained named-entity tagger: a beam search over BILOU labels scored
/// by an averaged perceptron, following only valid transitions.
#[derive(Clone, Debug)]
pub struct NerTagger {
    weights: Weights,
    sets: WordSets,
    beam: u8,
}

#[derive(Default)]
struct Scratch {
    buf: LexBuf,
    lex: Vec<Lex>,
    pos: Vec<u64>,
    pos_feats: Vec<u32>,
    pos_scores: Vec<i32>,
    beam: Beam,
    labels: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl NerTagger {
    pub(crate) fn from_parts(weights: Weights, sets: WordSets, beam: u8) -> NerTagger {
        NerTagger {
            weights,
            sets,
            beam: beam.clamp(1, MAX_BEAM),
        }
    }

    /// The beam width the model decodes with (1 is greedy decoding).
    pub fn beam_width(&self) -> usize {
        self.beam as usize
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
        let beam = r.u8("beam width")?;
        if beam == 0 || beam > MAX_BEAM {
            return Err(r.error(format!("beam width {beam} outside 1..={MAX_BEAM}")));
        }
        let sets = WordSets::read(&mut r)?;
        let weights = Weights::read(&mut r, NerLabel::COUNT)?;
        r.end()?;
        Ok(NerTagger::from_parts(weights, sets, beam))
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(NerLabel::COUNT as u8);
        for id in 0..NerLabel::COUNT as u8 {
            w.str8(NerLabel::from_id(id).map_or("O", NerLabel::as_str));
        }
        w.u8(self.beam);
        self.sets.write(&mut w);
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

    /// Tags one sentence for parts of speech with `pos_tagger` (into
    /// `pos`) and for entities with this model (into `out`), analysing each
    /// word once: the same tags as `pos_tagger.tag_into(words, pos)` then
    /// `self.tag_into(words, pos, out)`, in less time.
    pub fn tag_with_pos<S: AsRef<str>>(
        &self,
        pos_tagger: &PosTagger,
        words: &[S],
        pos: &mut Vec<PosTag>,
        out: &mut Vec<NerLabel>,
    ) {
        let mut run = |s: &mut Scratch| {
            lex::analyse_sentence(words, &mut s.buf, &mut s.lex);
            pos_tagger.tag_lex(&s.lex, &mut s.pos_feats, &mut s.pos_scores, pos);
            self.tag_lex(words.len(), pos, s, out);
        };
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => run(&mut s),
            Err(_) => run(&mut Scratch::default()),
        })
    }

    fn tag_with<S: AsRef<str>>(
        &self,
        words: &[S],
        pos: &[PosTag],
        s: &mut Scratch,
        out: &mut Vec<NerLabel>,
    ) {
        lex::analyse_sentence(words, &mut s.buf, &mut s.lex);
        self.tag_lex(words.len(), pos, s, out);
    }

    /// Tags the `n` words analysed into `s.lex`.
    fn tag_lex(&self, n: usize, pos: &[PosTag], s: &mut Scratch, out: &mut Vec<NerLabel>) {
        out.clear();
        pad_pos(pos, n, &mut s.pos);
        let input = Input {
            lex: &s.lex,
            pos: &s.pos,
            caps: caps_profile(&s.lex),
        };
        s.beam.reset(START, START + 1, false);
        for i in 2..n + 2 {
            let (model, sets, width) = (&self.weights, &self.sets, self.beam as usize);
            s.beam.step(model, sets, &input, i, i == n + 1, width, None);
        }
        if let Some(best) = s.beam.hyps.first().copied() {
            s.beam.labels_of(&best, &mut s.labels);
        }
        out.extend(
            s.labels
                .iter()
                .map(|&y| NerLabel::from_id(y).unwrap_or(NerLabel::O)),
        );
        out.resize(n, NerLabel::O);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::TrainOptions;

    #[test]
    fn corrupted_models_never_panic() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let opts = TrainOptions::default().with_epochs(2).with_min_weight(0.0);
        let pos = crate::pos::train_pos(&dir, &opts).unwrap();
        let model = train_ner(&dir, &pos, &opts).unwrap();
        let words = ["Ann", "said", "“", "no", "”", "."];
        let tags = pos.tag(&words);
        format::corrupted_variants(&model.to_bytes(), Kind::Ner, FEATURES, |b| {
            if let Ok(m) = NerTagger::from_bytes(b) {
                assert_eq!(m.tag(&words, &tags).len(), words.len());
            }
        });
    }
}
