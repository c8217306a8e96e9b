//! The sentence scan (candidate words and their runs) and the features of
//! one candidate word.

use super::word::{
    analyse, is_connector, quick_flags, Word, AFTER, ALPHA_START, BEFORE, OPENER, UPPER,
    UPPER_START,
};
use crate::hash::{fold, key, mix};
use crate::pos::PosTag;

/// POS value of a missing tag (no tags given, or outside the sentence).
pub(crate) const NO_POS: u8 = 0xff;

/// Feature templates; a model lists the ones it was trained with as a bit
/// set, so that variants can be compared without new code.
pub(crate) mod t {
    /// Bias.
    pub const BIAS: u32 = 0;
    /// The word, lower-cased.
    pub const LOWER: u32 = 1;
    /// Its shape and where it stands (sentence start, after an opener).
    pub const SHAPE: u32 = 2;
    /// Last three chars.
    pub const SUF3: u32 = 3;
    /// First three chars.
    pub const PRE3: u32 = 4;
    /// Previous word.
    pub const PREV: u32 = 5;
    /// Next word.
    pub const NEXT: u32 = 6;
    /// Shape of the previous word.
    pub const PREV_SHAPE: u32 = 7;
    /// Shape of the next word.
    pub const NEXT_SHAPE: u32 = 8;
    /// The two previous labels.
    pub const LABELS: u32 = 9;
    /// Previous label and this word's shape.
    pub const LABEL_SHAPE: u32 = 10;
    /// Previous label and this word.
    pub const LABEL_WORD: u32 = 11;
    /// Position in the run of candidates and the run's length.
    pub const RUN: u32 = 12;
    /// How often the word is written in lower case (lexicon bucket), with
    /// where it stands and the headline flag.
    pub const LEXICON: u32 = 13;
    /// Headline (title-case sentence) flag with the shape.
    pub const HEADLINE: u32 = 14;
    /// Previous word and this word.
    pub const PREV_WORD: u32 = 15;
    /// This word and the next.
    pub const WORD_NEXT: u32 = 16;
    /// Second word before.
    pub const PREV2: u32 = 17;
    /// Second word after.
    pub const NEXT2: u32 = 18;
    /// This word's POS tag.
    pub const POS: u32 = 19;
    /// POS tags of the previous and next words.
    pub const POS_CONTEXT: u32 = 20;
    /// Previous label and the next word.
    pub const LABEL_NEXT: u32 = 21;
    /// The word with its case (lower-cased form and shape).
    pub const WORD_SHAPE: u32 = 22;
    /// Previous and next words.
    pub const AROUND: u32 = 23;
    /// First word of the run, with this word's place in it.
    pub const RUN_FIRST: u32 = 24;
    /// Previous label and the lexicon bucket.
    pub const LABEL_LEXICON: u32 = 25;
    /// Number of templates.
    pub const COUNT: u32 = 26;
}

/// The templates used by default (15), chosen by backward elimination on
/// dev F1 (mean of two seeds): from all but the POS ones, dropping the
/// bare word, its shape, the next word, the second word before, the two
/// labels and the label with the shape cost nothing (they are covered by
/// the word pairs, the label with the word and the headline template),
/// while dropping any other cost at least 0.003. The POS templates (with
/// CoreNLP's tags in training and on dev) gained nothing, and with the
/// engine's heuristic tags they lose about 0.012.
pub(crate) const DEFAULT_TEMPLATES: u32 = 1 << t::BIAS
    | 1 << t::SUF3
    | 1 << t::PRE3
    | 1 << t::PREV
    | 1 << t::PREV_SHAPE
    | 1 << t::NEXT_SHAPE
    | 1 << t::LABEL_WORD
    | 1 << t::RUN
    | 1 << t::LEXICON
    | 1 << t::HEADLINE
    | 1 << t::PREV_WORD
    | 1 << t::WORD_NEXT
    | 1 << t::NEXT2
    | 1 << t::LABEL_NEXT
    | 1 << t::RUN_FIRST;

/// Everything the features of a sentence's candidates read, reused across
/// sentences.
#[derive(Default, Debug)]
pub(crate) struct Sent {
    /// Quick flags per word.
    pub flags: Vec<u8>,
    /// Word analyses, padded by two on each side (word `j` at `j + 2`);
    /// only filled where `have` is set.
    pub words: Vec<Word>,
    have: Vec<bool>,
    /// Padded POS ids, empty when there are no tags.
    pub pos: Vec<u8>,
    /// Candidate runs, `start..end` word indices.
    pub runs: Vec<(u32, u32)>,
    /// 0, 1 or 2: under half, under 80%, at least 80% of the words that
    /// start with a letter start with a capital.
    pub headline: u8,
}

impl Sent {
    /// Scans a sentence: flags, headline profile and runs. Word analyses
    /// are made on demand with [`Sent::analyse`].
    pub(crate) fn scan<S: AsRef<str>>(&mut self, words: &[S], pos: Option<&[PosTag]>) {
        let n = words.len();
        self.flags.clear();
        self.flags
            .extend(words.iter().map(|w| quick_flags(w.as_ref())));
        let (mut alpha, mut caps) = (0u32, 0u32);
        for &f in &self.flags {
            alpha += (f & ALPHA_START != 0) as u32;
            caps += (f & UPPER_START != 0) as u32;
        }
        self.headline = if caps * 2 < alpha {
            0
        } else if caps * 5 < alpha * 4 {
            1
        } else {
            2
        };
        self.runs.clear();
        let cand = |j: usize| self.flags.get(j).is_some_and(|&f| f & UPPER != 0);
        let conn =
            |j: usize| j < n && self.flags[j] & UPPER == 0 && is_connector(words[j].as_ref());
        let mut i = 0;
        while i < n {
            if !cand(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if cand(j) {
                    j += 1;
                } else if conn(j) && cand(j + 1) {
                    j += 2;
                } else if conn(j) && conn(j + 1) && cand(j + 2) {
                    j += 3;
                } else {
                    break;
                }
            }
            self.runs.push((i as u32, j as u32));
            i = j;
        }
        // Stale analyses past `have` are never read: only reset the pads.
        if self.words.len() < n + 4 {
            self.words.resize(n + 4, Word::default());
        }
        self.words[..2].copy_from_slice(&BEFORE);
        self.words[n + 2..n + 4].copy_from_slice(&AFTER);
        self.have.clear();
        self.have.extend_from_slice(&[true, true]);
        self.have.resize(n + 2, false);
        self.have.extend_from_slice(&[true, true]);
        self.pos.clear();
        if let Some(p) = pos {
            self.pos.extend_from_slice(&[NO_POS, NO_POS]);
            self.pos.extend(p.iter().take(n).map(|p| p.id()));
            self.pos.resize(n + 2, NO_POS);
            self.pos.extend_from_slice(&[NO_POS, NO_POS]);
        }
    }

    /// The padded POS id at `i` (`NO_POS` without tags).
    #[inline]
    fn pos_at(&self, i: usize) -> u64 {
        self.pos.get(i).map_or(NO_POS, |&p| p) as u64
    }

    /// Makes sure that the padded positions `lo..hi` are analysed.
    #[inline]
    pub(crate) fn analyse<S: AsRef<str>>(&mut self, words: &[S], lo: usize, hi: usize) {
        for i in lo..hi {
            if !self.have[i] {
                self.words[i] = analyse(words[i - 2].as_ref());
                self.have[i] = true;
            }
        }
    }

    /// Where word `j` stands: 1 first in the sentence, 2 after an opening
    /// quote, bracket, colon or dash, 0 elsewhere.
    #[inline]
    pub(crate) fn initial(&self, j: usize) -> u64 {
        if j == 0 {
            1
        } else if self.flags[j - 1] & OPENER != 0 {
            2
        } else {
            0
        }
    }
}

/// The dictionary key of a lower-cased form.
#[inline]
pub(crate) fn word_key(w: &Word) -> u32 {
    fold(w.lower)
}

/// The features of word `j` of run `run` after labels `l1`, `l2`, with
/// lexicon bucket `lexicon`, into `out` (cleared first). Positions `j..j+5`
/// of `s.words` (padded) must be analysed.
#[inline]
#[allow(clippy::too_many_arguments)]
pub(crate) fn features(
    s: &Sent,
    templates: u32,
    j: usize,
    run: (u32, u32),
    l1: u8,
    l2: u8,
    lexicon: u8,
    out: &mut Vec<u32>,
) {
    let i = j + 2;
    let (m2, m1, w, n1, n2) = (
        &s.words[i - 2],
        &s.words[i - 1],
        &s.words[i],
        &s.words[i + 1],
        &s.words[i + 2],
    );
    let init = s.initial(j);
    let at = (j - run.0 as usize).min(3) as u64;
    let len = ((run.1 - run.0) as u64).min(5);
    let to_end = (run.1 as usize - 1 - j).min(3) as u64;
    let (l1, l2) = (l1 as u64, l2 as u64);
    out.clear();
    let mut push = |tpl: u32, a: u64, b: u64| {
        if templates & (1 << tpl) != 0 {
            out.push(key(tpl, a, b));
        }
    };
    push(t::BIAS, 0, 0);
    push(t::LOWER, w.lower, 0);
    push(t::SHAPE, w.shape, init);
    push(t::SUF3, w.suf, 0);
    push(t::PRE3, w.pre, 0);
    push(t::PREV, m1.lower, 0);
    push(t::NEXT, n1.lower, 0);
    push(t::PREV_SHAPE, m1.shape, 0);
    push(t::NEXT_SHAPE, n1.shape, 0);
    push(t::LABELS, l1, l2);
    push(t::LABEL_SHAPE, l1, w.shape);
    push(t::LABEL_WORD, l1, w.lower);
    push(t::RUN, at << 8 | len, to_end);
    push(t::LEXICON, lexicon as u64, init << 4 | s.headline as u64);
    push(t::HEADLINE, s.headline as u64, mix(w.shape, init));
    push(t::PREV_WORD, m1.lower, w.lower);
    push(t::WORD_NEXT, w.lower, n1.lower);
    push(t::PREV2, m2.lower, 0);
    push(t::NEXT2, n2.lower, 0);
    push(t::POS, s.pos_at(i), 0);
    push(t::POS_CONTEXT, s.pos_at(i - 1), s.pos_at(i + 1));
    push(t::LABEL_NEXT, l1, n1.lower);
    push(t::WORD_SHAPE, w.lower, w.shape);
    push(t::AROUND, m1.lower, n1.lower);
    push(t::RUN_FIRST, s.words[run.0 as usize + 2].lower, at);
    push(t::LABEL_LEXICON, l1, lexicon as u64);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_templates() {
        assert_eq!(DEFAULT_TEMPLATES, 0x125_f9b9);
        assert_eq!(DEFAULT_TEMPLATES.count_ones(), 15);
    }

    #[test]
    fn runs_and_connectors() {
        let mut s = Sent::default();
        let w = [
            "The", "Bank", "of", "America", "and", "the", "US", "said", "of", "Ann", ".",
        ];
        s.scan(&w, None);
        // Up to two connectors join candidates: one run to "US".
        assert_eq!(s.runs, [(0, 7), (9, 10)]);
        // Half of the words start with a capital.
        assert_eq!(s.headline, 1);
        s.scan(&["Ann", "said", "the", "war", "is", "over"], None);
        assert_eq!((s.runs.as_slice(), s.headline), (&[(0, 1)][..], 0));
        let w = ["Scholars", "Say", "Trump", "Will", "Win"];
        s.scan(&w, None);
        assert_eq!(s.runs, [(0, 5)]);
        assert_eq!(s.headline, 2);
        assert_eq!((s.initial(0), s.initial(1)), (1, 0));
        s.scan(&[] as &[&str], None);
        assert!(s.runs.is_empty());
    }
}
