//! Run-time weights of the mention tagger: one dense row of 17 label
//! weights per feature, so that scoring a feature is one table probe and
//! one branch-free vector add (no per-class entry list to walk).

use crate::hash::U32Table;
use crate::ner::NerLabel;
use crate::perceptron::Weights;

/// Label count.
const N: usize = NerLabel::COUNT;

/// Dense rows behind a key table; row 0 is all zeros (unknown features).
#[derive(Clone, Debug, Default)]
pub(crate) struct Dense {
    table: U32Table,
    rows: Vec<[i16; N]>,
}

impl Dense {
    pub(crate) fn new(weights: &Weights) -> Dense {
        let mut keys = Vec::with_capacity(weights.n_features());
        let mut rows = vec![[0i16; N]];
        weights.for_each_row(|k, classes, ws| {
            let mut row = [0i16; N];
            for (&c, &w) in classes.iter().zip(ws) {
                if let Some(x) = row.get_mut(c as usize) {
                    *x = w;
                }
            }
            keys.push((k, rows.len() as u32));
            rows.push(row);
        });
        Dense {
            table: U32Table::new(keys.into_iter()),
            rows,
        }
    }

    /// Adds the rows of `feats` to `scores`.
    #[inline]
    pub(crate) fn add_scores(&self, feats: &[u32], scores: &mut [i32; N]) {
        const BATCH: usize = 32;
        let mut slots = [0u64; BATCH];
        for chunk in feats.chunks(BATCH) {
            for (s, &f) in slots.iter_mut().zip(chunk) {
                *s = self.table.first_slot(f);
            }
            for (&s, &f) in slots.iter().zip(chunk) {
                let r = self.table.get_from(f, s).unwrap_or(0) as usize;
                if let Some(row) = self.rows.get(r) {
                    for (a, &w) in scores.iter_mut().zip(row) {
                        *a += w as i32;
                    }
                }
            }
        }
    }
}
