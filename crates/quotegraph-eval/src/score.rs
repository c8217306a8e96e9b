//! Counting matches (the reference scorer's `score_doc` and `score`).

use crate::gold::GoldSet;
use crate::predictions::Predictions;
use crate::report::Report;
use crate::span::{Kind, Role, RoleSpans, QUOTE_CHARS};
use crate::tokens::{TokenSet, Tokens, Unit};

/// The integer counts behind one kind's figures, summed over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// Predictions with an exact match in the gold.
    pub tp_pred: u64,
    /// Gold attributions with an exact match among the predictions.
    pub tp_gold: u64,
    /// Tokens of the predictions.
    pub len_pred: u64,
    /// Tokens of the gold attributions.
    pub len_gold: u64,
    /// Per prediction, the most tokens shared with a single gold attribution.
    pub best_pred: u64,
    /// Per gold attribution, the most tokens shared with a single prediction.
    pub best_gold: u64,
    /// Per prediction, tokens shared with every gold attribution, summed.
    pub allpairs_pred: u64,
    /// Per gold attribution, tokens shared with every prediction, summed.
    pub allpairs_gold: u64,
}

/// The counts of one subset (`all` or `quote`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SubsetCounts {
    /// Predictions in the subset.
    pub n_pred: u64,
    /// Gold attributions in the subset.
    pub n_gold: u64,
    /// Per kind, in [`Kind::ALL`] order.
    pub kinds: [KindCounts; 4],
}

impl SubsetCounts {
    /// The counts of `kind`.
    pub fn kind(&self, kind: Kind) -> &KindCounts {
        &self.kinds[kind.index()]
    }
}

/// Per attribution: its token set per role, in [`Role::ALL`] order.
type Sets = [TokenSet; 3];

fn sets(tok: &Tokens, a: &RoleSpans) -> Sets {
    Role::ALL.map(|r| tok.cover(a.get(r)))
}

/// Whether the content text contains a quote character (Python slices clamp
/// to the text; `quotes[i]` counts the quote characters before code point i).
fn has_quote(quotes: &[u32], a: &RoleSpans) -> bool {
    let n = quotes.len() - 1;
    a.content.iter().any(|s| {
        let (s, e) = (s.start.min(n), s.end.min(n));
        e > s && quotes[e] > quotes[s]
    })
}

/// The per-attribution tallies of one side against the other side.
#[derive(Clone, Copy, Default)]
struct Tally {
    exact: [bool; 4],
    best: [u64; 4],
    sum: [u64; 4],
}

impl Tally {
    fn add(&mut self, exact: [bool; 4], ov: [u64; 4]) {
        for k in 0..4 {
            self.exact[k] |= exact[k];
            self.best[k] = self.best[k].max(ov[k]);
            self.sum[k] += ov[k];
        }
    }

    fn count_into(&self, sets: &Sets, c: &mut SubsetCounts, pred_side: bool) {
        let lens = sets.each_ref().map(|s| s.len() as u64);
        let lens = [lens[0], lens[1], lens[2], lens.iter().sum()];
        if pred_side {
            c.n_pred += 1;
        } else {
            c.n_gold += 1;
        }
        for (k, kc) in c.kinds.iter_mut().enumerate() {
            let (tp, len, best, sum) = if pred_side {
                (
                    &mut kc.tp_pred,
                    &mut kc.len_pred,
                    &mut kc.best_pred,
                    &mut kc.allpairs_pred,
                )
            } else {
                (
                    &mut kc.tp_gold,
                    &mut kc.len_gold,
                    &mut kc.best_gold,
                    &mut kc.allpairs_gold,
                )
            };
            *tp += u64::from(self.exact[k]);
            *len += lens[k];
            *best += self.best[k];
            *sum += self.sum[k];
        }
    }
}

/// Adds one document's counts to `all` and `quote`.
fn score_doc<'a>(
    text: &str,
    gold: impl Iterator<Item = &'a RoleSpans>,
    pred: &[RoleSpans],
    unit: Unit,
    all: &mut SubsetCounts,
    quote: &mut SubsetCounts,
) {
    let tok = Tokens::new(text, unit);
    let mut quotes = Vec::with_capacity(text.len() + 1);
    quotes.push(0u32);
    for c in text.chars() {
        quotes.push(quotes.last().copied().unwrap_or(0) + u32::from(QUOTE_CHARS.contains(&c)));
    }
    let gold: Vec<&RoleSpans> = gold.collect();
    let g_sets: Vec<Sets> = gold.iter().map(|a| sets(&tok, a)).collect();
    let p_sets: Vec<Sets> = pred.iter().map(|a| sets(&tok, a)).collect();
    let mut g_tally = vec![Tally::default(); gold.len()];
    let mut p_tally = vec![Tally::default(); pred.len()];
    for (p, pt) in p_sets.iter().zip(&mut p_tally) {
        for (g, gt) in g_sets.iter().zip(&mut g_tally) {
            let inter = [0, 1, 2].map(|r| p[r].intersection_len(&g[r]) as u64);
            let eq = [0, 1, 2].map(|r| p[r] == g[r]);
            let (cue_some, cue_shared) = (!p[0].is_empty(), inter[0] > 0);
            let exact = [
                cue_some && eq[0],
                cue_shared && eq[1],
                cue_shared && eq[2],
                cue_some && eq.iter().all(|&x| x),
            ];
            let ov = [inter[0], inter[1], inter[2], inter.iter().sum()];
            pt.add(exact, ov);
            gt.add(exact, ov);
        }
    }
    for ((a, s), t) in pred.iter().zip(&p_sets).zip(&p_tally) {
        t.count_into(s, all, true);
        if has_quote(&quotes, a) {
            t.count_into(s, quote, true);
        }
    }
    for ((a, s), t) in gold.iter().zip(&g_sets).zip(&g_tally) {
        t.count_into(s, all, false);
        if has_quote(&quotes, a) {
            t.count_into(s, quote, false);
        }
    }
}

/// Scores predictions against the gold (the reference scorer's `score`).
///
/// Every gold article is scored; one without a prediction line has no
/// predictions. Predictions for articles not in the gold are only counted.
/// The report's labels (`gold`, `pred`) are left unset.
pub fn score(gold: &GoldSet, preds: &Predictions, unit: Unit) -> Report {
    let mut all = SubsetCounts::default();
    let mut quote = SubsetCounts::default();
    for doc in &gold.docs {
        let pred = preds.get(&doc.name).unwrap_or_default();
        let g = doc.attributions.iter().map(|a| &a.roles);
        score_doc(&doc.text, g, pred, unit, &mut all, &mut quote);
    }
    let missing = gold
        .docs
        .iter()
        .filter(|d| preds.get(&d.name).is_none())
        .count();
    let extra = preds.docs.keys().filter(|k| gold.get(k).is_none()).count();
    Report::from_counts(
        unit,
        all,
        quote,
        gold.docs.len(),
        missing,
        extra,
        gold.stats,
    )
}
