//! Entity mentions, fast: a second, much cheaper named-entity tagger that
//! labels only **candidate words** and leaves every other word `O` without
//! scoring it.
//!
//! Candidates are the words with an upper-case letter (`Trump`, `NATO`,
//! `J.`, `O’Malley`, `al-Assad`, `iPhone`) and the lower-case connectors
//! that sit between two of them inside names (`of`, `and`, `for`, `the`,
//! `de`, `van`, `von`, `bin`, `al`, `&`, ...: "Bank of America"). Runs of
//! consecutive candidates are labelled greedily left to right with BILOU
//! labels over PER / ORG / LOC / MISC ([`NerLabel`]), following only valid
//! transitions, so an entity never crosses a word that is not a candidate.
//! A candidate gets about twenty hashed features (the word, its shape and
//! affixes, the words around it, the two labels before it, its place in
//! the run, whether the sentence is a title-case headline, and how often
//! the word is written in lower case elsewhere, from a small lexicon that
//! tells "Scholars" at a sentence start from a name); frequent capitalised
//! words that are never names ("The", "He", "But") are labelled `O` by a
//! lookup.
//!
//! ```
//! use quotegraph_tagger::mention::MentionTagger;
//! use quotegraph_tagger::{EntityType, NerLabel};
//! let words = ["Scholars", "say", "Donald", "Trump", "’s", "plan", "failed", "."];
//! let tagger = MentionTagger::embedded();
//! let mut labels = Vec::new();
//! tagger.tag(&words, None, &mut labels); // O O B-PER L-PER O O O O
//! assert_eq!(labels[2], NerLabel::B(EntityType::Person));
//! let entities = tagger.entities(&words, None);
//! assert_eq!((entities[0].start, entities[0].end), (2, 4));
//! assert_eq!(entities[0].ty, EntityType::Person);
//! ```

mod dense;
mod features;
mod train;
mod word;

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

pub use train::{train_mention, train_mention_sentences};

use crate::error::{Error, Result};
use crate::format::{self, Kind, Reader, Writer};
use crate::hash::U32Table;
use crate::ner::{entities, mask, Entity, NerLabel};
use crate::perceptron::{argmax, Weights};
use crate::pos::PosTag;
use dense::Dense;
pub(crate) use features::DEFAULT_TEMPLATES;
use features::{features, word_key, Sent};

/// Version of the mention feature set.
const FEATURES: u8 = 1;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/mention.bin");
static EMBEDDED: OnceLock<Result<MentionTagger>> = OnceLock::new();

/// A trained entity-mention tagger (see the [module docs](self)).
/// `&MentionTagger` is `Sync`; tagging uses a per-thread scratch buffer.
#[derive(Clone, Debug)]
pub struct MentionTagger {
    weights: Weights,
    /// The same weights as dense rows, for scoring.
    dense: Dense,
    /// Bit set of the feature templates the model was trained with.
    templates: u32,
    /// Sorted (word key, bucket) pairs: how often a word is written in
    /// lower case.
    lexicon: Vec<(u32, u8)>,
    lexicon_table: U32Table,
    /// Sorted keys of capitalised words labelled `O` without scoring.
    outside: Vec<u32>,
    outside_table: U32Table,
}

#[derive(Default)]
struct Scratch {
    sent: Sent,
    feats: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// True after B or I: an entity is open.
#[inline]
fn is_open(l: u8) -> bool {
    l != 0 && (l - 1) % 4 < 2
}

impl MentionTagger {
    pub(crate) fn from_parts(
        weights: Weights,
        templates: u32,
        lexicon: Vec<(u32, u8)>,
        outside: Vec<u32>,
    ) -> MentionTagger {
        let lexicon_table = U32Table::new(lexicon.iter().map(|&(k, b)| (k, b as u32)));
        let outside_table = U32Table::new(outside.iter().map(|&k| (k, 0)));
        MentionTagger {
            dense: Dense::new(&weights),
            weights,
            templates,
            lexicon,
            lexicon_table,
            outside,
            outside_table,
        }
    }

    /// The model compiled into the library (`models/mention.bin`), loaded
    /// on first use.
    ///
    /// # Panics
    /// If the embedded model is invalid, which the crate's tests rule out;
    /// use [`MentionTagger::try_embedded`] to get the error instead.
    pub fn embedded() -> &'static MentionTagger {
        match MentionTagger::try_embedded() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    /// The embedded model, or the error met loading it.
    pub fn try_embedded() -> Result<&'static MentionTagger, &'static Error> {
        EMBEDDED
            .get_or_init(|| {
                MentionTagger::from_bytes_named(EMBEDDED_BYTES, "embedded models/mention.bin")
            })
            .as_ref()
    }

    /// Loads a model from bytes written by [`MentionTagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<MentionTagger> {
        MentionTagger::from_bytes_named(bytes, "mention model bytes")
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<MentionTagger> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        MentionTagger::from_bytes_named(&bytes, &path.display().to_string())
    }

    fn from_bytes_named(bytes: &[u8], source: &str) -> Result<MentionTagger> {
        let payload = format::unwrap(bytes, Kind::Mention, FEATURES, source)?;
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
        let templates = r.u32("feature templates")?;
        if templates >> features::t::COUNT != 0 {
            return Err(r.error(format!("unknown feature templates {templates:#x}")));
        }
        let m = r.count(5, "lexicon size")?;
        let mut lexicon = Vec::with_capacity(m);
        for _ in 0..m {
            let k = r.u32("lexicon key")?;
            let b = r.u8("lexicon bucket")?;
            if k == 0 || lexicon.last().is_some_and(|&(p, _)| k <= p) {
                return Err(r.error("lexicon keys not strictly increasing"));
            }
            lexicon.push((k, b));
        }
        let m = r.count(4, "outside-word set size")?;
        let mut outside: Vec<u32> = Vec::with_capacity(m);
        for _ in 0..m {
            let k = r.u32("outside-word key")?;
            if k == 0 || outside.last().is_some_and(|&p| k <= p) {
                return Err(r.error("outside-word keys not strictly increasing"));
            }
            outside.push(k);
        }
        let weights = Weights::read(&mut r, NerLabel::COUNT)?;
        r.end()?;
        Ok(MentionTagger::from_parts(
            weights, templates, lexicon, outside,
        ))
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u8(NerLabel::COUNT as u8);
        for id in 0..NerLabel::COUNT as u8 {
            w.str8(NerLabel::from_id(id).map_or("O", NerLabel::as_str));
        }
        w.u32(self.templates);
        w.u32(self.lexicon.len() as u32);
        for &(k, b) in &self.lexicon {
            w.u32(k);
            w.u8(b);
        }
        w.u32(self.outside.len() as u32);
        for &k in &self.outside {
            w.u32(k);
        }
        self.weights.write(&mut w);
        format::wrap(Kind::Mention, FEATURES, &w.0)
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    /// Model statistics: (features, weights, lexicon words, outside words).
    pub fn stats(&self) -> (usize, usize, usize, usize) {
        (
            self.weights.n_features(),
            self.weights.n_weights(),
            self.lexicon.len(),
            self.outside.len(),
        )
    }

    /// True when the model reads POS tags (then [`MentionTagger::tag`]
    /// should be given them; without, it still works, a little worse).
    pub fn uses_pos(&self) -> bool {
        self.templates & (1 << features::t::POS | 1 << features::t::POS_CONTEXT) != 0
    }

    /// Tags one sentence into `out` (cleared first, then one label per
    /// word). `words` are the words of the original text, tokenized like
    /// CoreNLP (clitics split: `Trump` `’s`); `pos`, when given, are their
    /// Penn tags (e.g. a heuristic tagger's), read only by models that
    /// [use them](MentionTagger::uses_pos). Only candidate words are
    /// scored; the others are `O`.
    pub fn tag<S: AsRef<str>>(&self, words: &[S], pos: Option<&[PosTag]>, out: &mut Vec<NerLabel>) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.tag_with(words, pos, &mut s, out),
            Err(_) => self.tag_with(words, pos, &mut Scratch::default(), out),
        })
    }

    /// Tags one sentence and returns its entities (see [`entities`]).
    pub fn entities<S: AsRef<str>>(&self, words: &[S], pos: Option<&[PosTag]>) -> Vec<Entity> {
        let mut labels = Vec::with_capacity(words.len());
        self.tag(words, pos, &mut labels);
        entities(&labels)
    }

    #[allow(clippy::needless_range_loop)] // j indexes words, analyses and labels
    fn tag_with<S: AsRef<str>>(
        &self,
        words: &[S],
        pos: Option<&[PosTag]>,
        s: &mut Scratch,
        out: &mut Vec<NerLabel>,
    ) {
        out.clear();
        out.resize(words.len(), NerLabel::O);
        let pos = pos.filter(|_| self.uses_pos());
        s.sent.scan(words, pos);
        for r in 0..s.sent.runs.len() {
            let run = s.sent.runs[r];
            let (mut l1, mut l2) = (0u8, 0u8);
            for j in run.0 as usize..run.1 as usize {
                s.sent.analyse(words, j + 2, j + 3);
                let k = word_key(&s.sent.words[j + 2]);
                let y = if !is_open(l1) && self.outside_table.get(k).is_some() {
                    0
                } else {
                    s.sent.analyse(words, j, j + 5);
                    let lexicon = self.lexicon_table.get(k).unwrap_or(0) as u8;
                    features(
                        &s.sent,
                        self.templates,
                        j,
                        run,
                        l1,
                        l2,
                        lexicon,
                        &mut s.feats,
                    );
                    let mut scores = [0i32; NerLabel::COUNT];
                    self.dense.add_scores(&s.feats, &mut scores);
                    let last = j + 1 == run.1 as usize;
                    argmax(&scores, mask(l1 as u64, last)) as u8
                };
                out[j] = NerLabel::from_id(y).unwrap_or(NerLabel::O);
                l2 = l1;
                l1 = y;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::TrainOptions;

    #[test]
    fn embedded_outside_words() {
        let m = MentionTagger::embedded();
        let outside = |w: &str| m.outside_table.get(word_key(&word::analyse(w))).is_some();
        for w in ["He", "But", "It"] {
            assert!(outside(w), "{w}");
        }
        // "The" starts 5% of its capitalised sightings inside an entity.
        for w in ["The", "Trump", "Clinton", "Republican", "New"] {
            assert!(!outside(w), "{w}");
        }
    }

    #[test]
    fn corrupted_models_never_panic() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let opts = TrainOptions::default().with_epochs(2).with_min_weight(0.0);
        let model = train_mention(&dir, &opts).unwrap();
        let words = ["Ann", "Lee", "of", "Acme", "said", "“", "no", "”", "."];
        format::corrupted_variants(&model.to_bytes(), Kind::Mention, FEATURES, |b| {
            if let Ok(m) = MentionTagger::from_bytes(b) {
                let mut out = Vec::new();
                m.tag(&words, None, &mut out);
                assert_eq!(out.len(), words.len());
            }
        });
    }
}
