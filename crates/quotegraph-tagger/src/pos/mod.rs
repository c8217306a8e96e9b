//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over
//! Penn Treebank tags, with a tag dictionary for frequent unambiguous words.

mod tag;
mod train;

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

pub use tag::PosTag;
pub use train::{train_pos, train_pos_sentences};

use crate::error::{Error, Result};
use crate::format::{self, Kind, Reader, Writer};
use crate::hash::{fold, key, U32Table};
use crate::lex::{self, Lex, LexBuf};
use crate::perceptron::{argmax, Weights};

/// Version of the POS feature set; models record it and are refused by a
/// library that computes other features.
const FEATURES: u8 = 1;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/pos.bin");
static EMBEDDED: OnceLock<Result<PosTagger>> = OnceLock::new();

/// History value for "before the sentence".
const START: u64 = PosTag::COUNT as u64;

/// A trained POS tagger. Cheap to share between threads (`&PosTagger` is
/// `Sync`); tagging uses a per-thread scratch buffer.
#[derive(Clone, Debug)]
pub struct PosTagger {
    weights: Weights,
    /// Sorted (word key, tag id) pairs of the tag dictionary.
    dict: Vec<(u32, u8)>,
    dict_table: U32Table,
}

/// Buffers reused across calls on one thread.
#[derive(Default)]
struct Scratch {
    buf: LexBuf,
    lex: Vec<Lex>,
    feats: Vec<u32>,
    scores: Vec<i32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Dictionary key of a word.
#[inline]
pub(crate) fn dict_key(l: &Lex) -> u32 {
    fold(l.raw)
}

/// Collects the feature keys of the word at padded index `i` (word
/// `i - 2`), given the two previous tags and the number of double and
/// single quote tokens seen before it in the sentence.
#[inline]
pub(crate) fn features(
    lex: &[Lex],
    i: usize,
    p1: u64,
    p2: u64,
    quotes: (u32, u32),
    out: &mut Vec<u32>,
) {
    let w = &lex[i];
    let (m2, m1, n1, n2) = (&lex[i - 2], &lex[i - 1], &lex[i + 1], &lex[i + 2]);
    out.clear();
    out.extend_from_slice(&[
        key(0, 0, 0),
        key(1, w.lower, 0),
        key(2, w.raw, 0),
        key(3, w.suf[0], 0),
        key(4, w.suf[1], 0),
        key(5, w.suf[2], 0),
        key(6, w.suf[3], 0),
        key(7, w.pre[0], 0),
        key(8, w.pre[1], 0),
        key(9, w.pre[2], 0),
        key(10, p1, 0),
        key(11, p2, p1),
        key(12, p1, w.lower),
        key(13, m1.lower, 0),
        key(14, m1.suf[2], 0),
        key(15, m2.lower, 0),
        key(16, n1.lower, 0),
        key(17, n1.suf[2], 0),
        key(18, n2.lower, 0),
        key(19, w.shape, 0),
        key(20, w.flags as u64, (i == 2) as u64),
        key(21, p1, w.suf[2]),
        key(22, m1.lower, w.lower),
        key(23, w.lower, n1.lower),
        key(24, n1.shape, 0),
        key(25, p1, n1.lower),
    ]);
    if w.flags & lex::QUOTE != 0 {
        let parity = if w.flags & lex::QUOTE_DOUBLE != 0 {
            quotes.0 & 1
        } else {
            quotes.1 & 1
        };
        out.push(key(26, w.flags as u64, parity as u64));
        out.push(key(27, parity as u64, n1.short_shape));
    }
}

/// Updates the quote counts after the word `l`.
#[inline]
pub(crate) fn count_quotes(l: &Lex, quotes: &mut (u32, u32)) {
    if l.flags & lex::QUOTE != 0 {
        if l.flags & lex::QUOTE_DOUBLE != 0 {
            quotes.0 += 1;
        } else {
            quotes.1 += 1;
        }
    }
}

impl PosTagger {
    pub(crate) fn from_parts(weights: Weights, dict: Vec<(u32, u8)>) -> PosTagger {
        let dict_table = U32Table::new(dict.iter().map(|&(k, t)| (k, t as u32)));
        PosTagger {
            weights,
            dict,
            dict_table,
        }
    }

    /// The model compiled into the library (`models/pos.bin`), loaded on
    /// first use.
    ///
    /// # Panics
    /// If the embedded model is invalid, which the crate's tests rule out;
    /// use [`PosTagger::try_embedded`] to get the error instead.
    pub fn embedded() -> &'static PosTagger {
        match PosTagger::try_embedded() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    /// The embedded model, or the error met loading it.
    pub fn try_embedded() -> Result<&'static PosTagger, &'static Error> {
        EMBEDDED
            .get_or_init(|| PosTagger::from_bytes_named(EMBEDDED_BYTES, "embedded models/pos.bin"))
            .as_ref()
    }

    /// Loads a model from bytes written by [`PosTagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<PosTagger> {
        PosTagger::from_bytes_named(bytes, "POS model bytes")
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<PosTagger> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        PosTagger::from_bytes_named(&bytes, &path.display().to_string())
    }

    fn from_bytes_named(bytes: &[u8], source: &str) -> Result<PosTagger> {
        let payload = format::unwrap(bytes, Kind::Pos, FEATURES, source)?;
        let mut r = Reader::new(payload, source);
        let n = r.u8("tag count")? as usize;
        if n != PosTag::COUNT {
            return Err(r.error(format!("{n} tags, expected {}", PosTag::COUNT)));
        }
        for &t in PosTag::ALL {
            let name = r.str8("tag name")?;
            if name != t.as_str() {
                return Err(r.error(format!("tag {name:?} where {t} was expected")));
            }
        }
        let m = r.count(5, "dictionary size")?;
        let mut dict = Vec::with_capacity(m);
        let mut prev = 0;
        for _ in 0..m {
            let k = r.u32("dictionary key")?;
            let t = r.u8("dictionary tag")?;
            if k <= prev || t as usize >= PosTag::COUNT {
                return Err(r.error("bad tag dictionary entry"));
            }
            prev = k;
            dict.push((k, t));
        }
        let weights = Weights::read(&mut r, PosTag::COUNT)?;
        r.end()?;
        Ok(PosTagger::from_parts(weights, dict))
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(PosTag::COUNT as u8);
        for t in PosTag::ALL {
            w.str8(t.as_str());
        }
        w.u32(self.dict.len() as u32);
        for &(k, t) in &self.dict {
            w.u32(k);
            w.u8(t);
        }
        self.weights.write(&mut w);
        format::wrap(Kind::Pos, FEATURES, &w.0)
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    /// Model statistics: (features, weights, dictionary words).
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.weights.n_features(),
            self.weights.n_weights(),
            self.dict.len(),
        )
    }

    /// Tags one sentence.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<PosTag> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(words, &mut out);
        out
    }

    /// Tags one sentence into `out` (cleared first).
    pub fn tag_into<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<PosTag>) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.tag_with(words, &mut s, out),
            Err(_) => self.tag_with(words, &mut Scratch::default(), out),
        })
    }

    fn tag_with<S: AsRef<str>>(&self, words: &[S], s: &mut Scratch, out: &mut Vec<PosTag>) {
        lex::analyse_sentence(words, &mut s.buf, &mut s.lex);
        self.tag_lex(&s.lex, &mut s.feats, &mut s.scores, out);
    }

    /// Tags one sentence already analysed by `lex::analyse_sentence` (so
    /// the entity tagger can share the analysis) into `out` (cleared first).
    pub(crate) fn tag_lex(
        &self,
        lex: &[Lex],
        feats: &mut Vec<u32>,
        scores: &mut Vec<i32>,
        out: &mut Vec<PosTag>,
    ) {
        out.clear();
        scores.resize(PosTag::COUNT, 0);
        let (mut p1, mut p2) = (START, START + 1);
        let mut quotes = (0, 0);
        for i in 2..lex.len() - 2 {
            let l = &lex[i];
            let id = match self.dict_table.get(dict_key(l)) {
                Some(t) => t as usize,
                None => {
                    features(lex, i, p1, p2, quotes, feats);
                    scores.fill(0);
                    self.weights.add_scores(feats, scores);
                    argmax(scores, &[])
                }
            };
            count_quotes(l, &mut quotes);
            let t = PosTag::from_id(id as u8).unwrap_or(PosTag::Nn);
            out.push(t);
            p2 = p1;
            p1 = id as u64;
        }
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
        let model = train_pos(&dir, &opts).unwrap();
        let bytes = model.to_bytes();
        let words = ["Ann", "said", "“", "no", "”", "."];
        format::corrupted_variants(&bytes, Kind::Pos, FEATURES, |b| {
            if let Ok(m) = PosTagger::from_bytes(b) {
                assert_eq!(m.tag(&words).len(), words.len());
            }
        });
        let truncated = &bytes[..bytes.len() - 9];
        assert!(PosTagger::from_bytes(truncated).is_err());
    }
}
