//! Beam search over BILOU label sequences, shared by decoding and by
//! training (a structured perceptron with early updates).

use super::features::{label_features, word_features};
use super::{mask, NerLabel, WordSets, START};
use crate::lex::Lex;
use crate::perceptron::Scorer;

/// No node: the start of the label chain.
const ROOT: u32 = u32::MAX;

/// One partial label sequence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hyp {
    pub score: i64,
    /// Last two labels (ids, or `START`/`START + 1`).
    pub l1: u8,
    pub l2: u8,
    /// Its last label in the arena.
    node: u32,
    /// True while it equals the reference labels (training only).
    pub gold: bool,
}

/// One sentence's words, in the form the features read.
pub(crate) struct Input<'a> {
    pub lex: &'a [Lex],
    pub pos: &'a [u64],
    pub caps: u64,
}

/// The beam and its buffers (reused across sentences).
#[derive(Default)]
pub(crate) struct Beam {
    pub hyps: Vec<Hyp>,
    next: Vec<Hyp>,
    /// (label, parent node) of every extension made.
    arena: Vec<(u8, u32)>,
    word_feats: Vec<u32>,
    feats: Vec<u32>,
    word_scores: Vec<i32>,
    /// Label scores per distinct history: (l1, l2, scores).
    history: Vec<(u8, u8, [i32; NerLabel::COUNT])>,
    cands: Vec<(i64, u32, u8)>,
}

impl Beam {
    /// Starts a sentence, or restarts after the labels `prev` (training
    /// resynchronises on the reference this way).
    pub(crate) fn reset(&mut self, l1: u8, l2: u8, gold: bool) {
        self.hyps.clear();
        self.arena.clear();
        self.hyps.push(Hyp {
            score: 0,
            l1,
            l2,
            node: ROOT,
            gold,
        });
    }

    /// Extends every hypothesis by the word at padded index `i`. `reference`
    /// is the correct label while training. Returns false when the word
    /// was labelled `O` without scoring (see `WordSets::surely_outside`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn step(
        &mut self,
        model: &impl Scorer,
        sets: &WordSets,
        input: &Input<'_>,
        i: usize,
        last: bool,
        width: usize,
        reference: Option<u8>,
    ) -> bool {
        let lex = &input.lex[i];
        let shortcut = reference.is_none_or(|r| r == 0)
            && self.hyps.iter().all(|h| !is_open(h.l1))
            && sets.surely_outside(lex);
        if shortcut {
            for h in &mut self.hyps {
                self.arena.push((0, h.node));
                h.node = (self.arena.len() - 1) as u32;
                h.gold &= reference == Some(0);
                h.l2 = h.l1;
                h.l1 = 0;
            }
            return false;
        }
        word_features(input.lex, input.pos, input.caps, i, &mut self.word_feats);
        self.word_scores.clear();
        self.word_scores.resize(NerLabel::COUNT, 0);
        model.add_scores(&self.word_feats, &mut self.word_scores);
        self.history.clear();
        self.cands.clear();
        for (hi, h) in self.hyps.iter().enumerate() {
            let at = match self
                .history
                .iter()
                .position(|&(a, b, _)| a == h.l1 && b == h.l2)
            {
                Some(at) => at,
                None => {
                    self.feats.clear();
                    label_features(input.lex, input.pos, i, h.l1, h.l2, &mut self.feats);
                    let mut s = [0i32; NerLabel::COUNT];
                    model.add_scores(&self.feats, &mut s);
                    self.history.push((h.l1, h.l2, s));
                    self.history.len() - 1
                }
            };
            let label_scores = &self.history[at].2;
            let allowed = mask(h.l1 as u64, last);
            for y in 0..NerLabel::COUNT {
                if allowed[y] {
                    let s = h.score + (self.word_scores[y] + label_scores[y]) as i64;
                    self.cands.push((s, hi as u32, y as u8));
                }
            }
        }
        // Best first; ties by hypothesis, then label, for determinism.
        self.cands
            .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        self.next.clear();
        for &(score, hi, y) in self.cands.iter().take(width.max(1)) {
            let h = self.hyps[hi as usize];
            self.arena.push((y, h.node));
            self.next.push(Hyp {
                score,
                l1: y,
                l2: h.l1,
                node: (self.arena.len() - 1) as u32,
                gold: h.gold && reference == Some(y),
            });
        }
        std::mem::swap(&mut self.hyps, &mut self.next);
        true
    }

    /// The labels of `hyp` since the last reset, oldest first, into `out`
    /// (cleared first).
    pub(crate) fn labels_of(&self, hyp: &Hyp, out: &mut Vec<u8>) {
        out.clear();
        let mut n = hyp.node;
        while n != ROOT {
            let (y, parent) = self.arena[n as usize];
            out.push(y);
            n = parent;
        }
        out.reverse();
    }

    /// The word and label features of padded index `i` after labels
    /// (`l1`, `l2`), into `out` (cleared first).
    pub(crate) fn features_at(&mut self, input: &Input<'_>, i: usize, l1: u8, l2: u8) -> &[u32] {
        word_features(input.lex, input.pos, input.caps, i, &mut self.feats);
        label_features(input.lex, input.pos, i, l1, l2, &mut self.feats);
        &self.feats
    }
}

/// True after B or I: an entity is open.
#[inline]
pub(crate) fn is_open(l1: u8) -> bool {
    l1 != 0 && l1 < START && (l1 - 1) % 4 < 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::EntityType;

    #[test]
    fn open_labels() {
        assert!(is_open(NerLabel::B(EntityType::Misc).id()));
        assert!(is_open(NerLabel::I(EntityType::Person).id()));
        assert!(!is_open(NerLabel::L(EntityType::Person).id()));
        assert!(!is_open(NerLabel::U(EntityType::Location).id()));
        assert!(!is_open(0));
        assert!(!is_open(START));
        assert!(!is_open(START + 1));
    }
}
