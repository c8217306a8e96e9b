//! Scoring taggers against CoreNLP's annotations.

use std::fmt;

use crate::corpus::Sentence;
use crate::mention::MentionTagger;
use crate::ner::{entities, EntityType, NerLabel, NerTagger};
use crate::pos::{PosTag, PosTagger};

/// Token-level agreement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Tokens where both agree.
    pub correct: usize,
    /// Tokens scored.
    pub total: usize,
}

impl Agreement {
    /// `correct / total` (0 when empty).
    pub fn rate(&self) -> f64 {
        self.correct as f64 / self.total.max(1) as f64
    }

    /// Counts one token.
    pub fn add(&mut self, agree: bool) {
        self.correct += agree as usize;
        self.total += 1;
    }
}

impl fmt::Display for Agreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.2}% ({}/{})",
            100.0 * self.rate(),
            self.correct,
            self.total
        )
    }
}

/// Entity-level counts (exact span and type match).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predicted entities that match a reference entity.
    pub tp: usize,
    /// Predicted entities that match none.
    pub fp: usize,
    /// Reference entities that were not predicted.
    pub fn_: usize,
}

impl Prf {
    /// Precision.
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}  (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// NER scores: overall and per type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NerScores {
    /// All types together.
    pub overall: Prf,
    /// Per type, in [`EntityType::ALL`] order.
    pub per_type: [Prf; 4],
}

/// POS agreement of `tagger` with the reference tags of `sents`.
pub fn evaluate_pos(tagger: &PosTagger, sents: &[Sentence]) -> Agreement {
    let mut a = Agreement::default();
    let mut out = Vec::new();
    for s in sents {
        tagger.tag_into(&s.words, &mut out);
        for (p, g) in out.iter().zip(&s.pos) {
            a.add(p == g);
        }
    }
    a
}

/// Entity-level scores of `tagger` on `sents`, given POS tags per sentence.
pub fn evaluate_ner(tagger: &NerTagger, sents: &[Sentence], pos: &[Vec<PosTag>]) -> NerScores {
    let mut sc = NerScores::default();
    let mut out = Vec::new();
    for (s, p) in sents.iter().zip(pos) {
        tagger.tag_into(&s.words, p, &mut out);
        score_entities(&NerLabel::from_types(&s.ner), &out, &mut sc);
    }
    sc
}

/// Entity-level scores of the mention tagger on `sents`, given POS tags
/// per sentence or none.
pub fn evaluate_mention(
    tagger: &MentionTagger,
    sents: &[Sentence],
    pos: Option<&[Vec<PosTag>]>,
) -> NerScores {
    let mut sc = NerScores::default();
    let mut out = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        let p = pos.and_then(|p| p.get(i)).map(Vec::as_slice);
        tagger.tag(&s.words, p, &mut out);
        score_entities(&NerLabel::from_types(&s.ner), &out, &mut sc);
    }
    sc
}

/// Adds the entity matches of one sentence to `sc`.
pub fn score_entities(gold: &[NerLabel], predicted: &[NerLabel], sc: &mut NerScores) {
    let g = entities(gold);
    let p = entities(predicted);
    let idx = |t: EntityType| EntityType::ALL.iter().position(|&u| u == t).unwrap_or(0);
    for e in &p {
        let hit = g.contains(e);
        let (o, t) = (&mut sc.overall, idx(e.ty));
        if hit {
            o.tp += 1;
            sc.per_type[t].tp += 1;
        } else {
            o.fp += 1;
            sc.per_type[t].fp += 1;
        }
    }
    for e in &g {
        if !p.contains(e) {
            sc.overall.fn_ += 1;
            sc.per_type[idx(e.ty)].fn_ += 1;
        }
    }
}

/// Lemma agreement on `sents`, using CoreNLP's POS tags, or `pos` (one tag
/// sequence per sentence) when given.
pub fn evaluate_lemma(
    lemmatizer: &crate::lemma::Lemmatizer,
    sents: &[Sentence],
    pos: Option<&[Vec<PosTag>]>,
) -> Agreement {
    let mut a = Agreement::default();
    let mut out = String::new();
    for (i, s) in sents.iter().enumerate() {
        let tags = pos.and_then(|p| p.get(i)).unwrap_or(&s.pos);
        for ((w, l), &p) in s.words.iter().zip(&s.lemmas).zip(tags) {
            lemmatizer.lemma_into(w, p, &mut out);
            a.add(&out == l);
        }
    }
    a
}
