//! The averaged perceptron: a sparse trainer with integer weights and lazy
//! averaging, and the compact, quantised [`Weights`] used at run time.

use crate::error::Result;
use crate::format::{Reader, Writer};
use crate::hash::{KeyMap, U32Table};

#[derive(Clone, Copy, Debug)]
struct Param {
    class: u8,
    weight: i32,
    /// Sum of `weight` over every instance before `stamp`.
    total: i64,
    stamp: u64,
}

/// A multi-class averaged perceptron under training.
///
/// Weights are integers (updates are ±1), so training is exact and
/// platform-independent; averaging is lazy (each parameter remembers when
/// it last changed).
pub(crate) struct Trainer {
    index: KeyMap<u32>,
    rows: Vec<Vec<Param>>,
    keys: Vec<u32>,
    time: u64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Trainer {
        assert!(n_classes <= 256);
        Trainer {
            index: KeyMap::default(),
            rows: Vec::new(),
            keys: Vec::new(),
            time: 0,
        }
    }

    /// Number of features with a row.
    pub(crate) fn n_features(&self) -> usize {
        self.rows.len()
    }

    /// Current (not averaged) scores of every class.
    pub(crate) fn score(&self, feats: &[u32], scores: &mut [i64]) {
        scores.fill(0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for p in &self.rows[r as usize] {
                    scores[p.class as usize] += p.weight as i64;
                }
            }
        }
    }

    /// Adds `delta` to the weight of `class` for every feature.
    pub(crate) fn add(&mut self, class: usize, feats: &[u32], delta: i32) {
        let time = self.time;
        for &f in feats {
            let r = self.row(f);
            bump(&mut self.rows[r], class as u8, delta, time);
        }
    }

    fn row(&mut self, f: u32) -> usize {
        match self.index.get(&f) {
            Some(&r) => r as usize,
            None => {
                self.index.insert(f, self.rows.len() as u32);
                self.rows.push(Vec::with_capacity(2));
                self.keys.push(f);
                self.rows.len() - 1
            }
        }
    }

    /// Counts one training instance (advances the averaging clock).
    pub(crate) fn tick(&mut self) {
        self.time += 1;
    }

    /// The perceptron update for one instance.
    pub(crate) fn update(&mut self, truth: usize, guess: usize, feats: &[u32]) {
        if truth == guess {
            return;
        }
        let time = self.time;
        for &f in feats {
            let r = self.row(f);
            let row = &mut self.rows[r];
            bump(row, truth as u8, 1, time);
            bump(row, guess as u8, -1, time);
        }
    }

    /// Averages, prunes every weight whose average magnitude is below
    /// `min_weight`, and quantises the rest to `i16`.
    pub(crate) fn finish(&self, min_weight: f64) -> Weights {
        let t = self.time.max(1);
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_unstable_by_key(|&r| self.keys[r]);
        let mut averaged: Vec<(u32, Vec<(u8, f64)>)> = Vec::new();
        let mut max = 0f64;
        for r in order {
            let mut row: Vec<(u8, f64)> = self.rows[r]
                .iter()
                .map(|p| {
                    let total = p.total + p.weight as i64 * (t - p.stamp) as i64;
                    (p.class, total as f64 / t as f64)
                })
                .filter(|&(_, w)| w.abs() >= min_weight && w != 0.0)
                .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_unstable_by_key(|&(c, _)| c);
            for &(_, w) in &row {
                max = f64::max(max, w.abs());
            }
            averaged.push((self.keys[r], row));
        }
        let scale = if max > 0.0 {
            max / i16::MAX as f64
        } else {
            1.0
        };
        let mut keys = Vec::with_capacity(averaged.len());
        let mut lens = Vec::with_capacity(averaged.len());
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        for (k, row) in averaged {
            let before = classes.len();
            for (c, w) in row {
                let q = (w / scale).round() as i16;
                if q != 0 {
                    classes.push(c);
                    weights.push(q);
                }
            }
            if classes.len() > before {
                keys.push(k);
                lens.push((classes.len() - before) as u8);
            }
        }
        Weights::from_parts(scale as f32, keys, lens, classes, weights)
    }
}

fn bump(row: &mut Vec<Param>, class: u8, delta: i32, time: u64) {
    let p = match row.iter_mut().position(|p| p.class == class) {
        Some(i) => &mut row[i],
        None => {
            row.push(Param {
                class,
                weight: 0,
                total: 0,
                stamp: time,
            });
            row.last_mut().expect("just pushed")
        }
    };
    p.total += p.weight as i64 * (time - p.stamp) as i64;
    p.stamp = time;
    p.weight += delta;
}

/// Anything that scores classes from feature keys: the trainer's current
/// weights, or the run-time [`Weights`].
pub(crate) trait Scorer {
    /// Adds the weights of `feats` to `scores` (one per class).
    fn add_scores(&self, feats: &[u32], scores: &mut [i32]);
}

impl Scorer for Trainer {
    fn add_scores(&self, feats: &[u32], scores: &mut [i32]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for p in &self.rows[r as usize] {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }
}

impl Scorer for Weights {
    fn add_scores(&self, feats: &[u32], scores: &mut [i32]) {
        Weights::add_scores(self, feats, scores)
    }
}

/// Run-time weights: per feature key, a short list of (class, weight).
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    scale: f32,
    keys: Vec<u32>,
    lens: Vec<u8>,
    classes: Vec<u8>,
    weights: Vec<i16>,
    /// key -> start << 8 | len into `packed`.
    table: U32Table,
    /// weight << 8 | class, in key order.
    packed: Vec<u32>,
}

/// Most entries a model may hold (23-bit offsets in the table).
const MAX_ENTRIES: usize = 1 << 23;
/// Table value flag: the value is one inline `weight << 8 | class` entry.
const INLINE: u32 = 1 << 31;

/// Adds one packed `weight << 8 | class` entry (weight in bits 8..24).
#[inline]
fn add(scores: &mut [i32], e: u32) {
    if let Some(s) = scores.get_mut((e & 0xff) as usize) {
        *s += (e >> 8) as u16 as i16 as i32;
    }
}

impl Weights {
    fn from_parts(
        scale: f32,
        keys: Vec<u32>,
        lens: Vec<u8>,
        classes: Vec<u8>,
        weights: Vec<i16>,
    ) -> Weights {
        assert!(
            classes.len() < MAX_ENTRIES,
            "too many weights for the format"
        );
        let mut starts = Vec::with_capacity(keys.len());
        let mut at = 0u32;
        for &l in &lens {
            starts.push(at);
            at += l as u32;
        }
        let packed: Vec<u32> = classes
            .iter()
            .zip(&weights)
            .map(|(&c, &w)| (w as u16 as u32) << 8 | c as u32)
            .collect();
        let table = U32Table::new(keys.iter().zip(starts.iter().zip(&lens)).map(
            |(&k, (&s, &l))| {
                if l == 1 {
                    (k, INLINE | packed[s as usize])
                } else {
                    (k, s << 8 | l as u32)
                }
            },
        ));
        Weights {
            scale,
            keys,
            lens,
            classes,
            weights,
            table,
            packed,
        }
    }

    /// Number of features.
    pub(crate) fn n_features(&self) -> usize {
        self.keys.len()
    }

    /// Number of (feature, class) weights.
    pub(crate) fn n_weights(&self) -> usize {
        self.classes.len()
    }

    /// Adds the weights of `feats` to `scores` (one per class).
    ///
    /// Lookups are batched: first every feature's first hash slot is
    /// loaded (independent loads the CPU overlaps), then resolved, then the
    /// weights are added. Single-weight features are stored inline in their
    /// slot and need no second load.
    #[inline]
    pub(crate) fn add_scores(&self, feats: &[u32], scores: &mut [i32]) {
        const BATCH: usize = 64;
        let mut slots = [0u64; BATCH];
        for chunk in feats.chunks(BATCH) {
            for (s, &f) in slots.iter_mut().zip(chunk) {
                *s = self.table.first_slot(f);
            }
            for (&s, &f) in slots.iter().zip(chunk) {
                let Some(v) = self.table.get_from(f, s) else {
                    continue;
                };
                if v & INLINE != 0 {
                    add(scores, v);
                } else {
                    let start = (v >> 8) as usize;
                    let len = (v & 0xff) as usize;
                    for &e in &self.packed[start..start + len] {
                        add(scores, e);
                    }
                }
            }
        }
    }

    /// Calls `f` with every feature key and its (classes, weights), in key
    /// order.
    pub(crate) fn for_each_row(&self, mut f: impl FnMut(u32, &[u8], &[i16])) {
        let mut at = 0usize;
        for (&k, &l) in self.keys.iter().zip(&self.lens) {
            let end = at + l as usize;
            f(k, &self.classes[at..end], &self.weights[at..end]);
            at = end;
        }
    }

    /// Serialises (features in key order).
    pub(crate) fn write(&self, w: &mut Writer) {
        w.f32(self.scale);
        w.u32(self.keys.len() as u32);
        for &k in &self.keys {
            w.u32(k);
        }
        w.0.extend_from_slice(&self.lens);
        w.u32(self.classes.len() as u32);
        w.0.extend_from_slice(&self.classes);
        for &q in &self.weights {
            w.i16(q);
        }
    }

    /// Reads and validates what [`Weights::write`] wrote.
    pub(crate) fn read(r: &mut Reader<'_>, n_classes: usize) -> Result<Weights> {
        let scale = r.f32("weight scale")?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(r.error(format!("weight scale {scale} is not positive")));
        }
        let n = r.count(5, "feature count")?;
        let raw = r.take(4 * n, "feature keys")?;
        let keys: Vec<u32> = raw
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        // strictly increasing, and above zero
        if keys.first() == Some(&0) || keys.windows(2).any(|w| w[1] <= w[0]) {
            return Err(r.error("feature keys not strictly increasing"));
        }
        let lens = r.take(n, "feature lengths")?.to_vec();
        let total: usize = lens.iter().map(|&l| l as usize).sum();
        if lens.contains(&0) {
            return Err(r.error("feature with no weights"));
        }
        let m = r.count(3, "weight count")?;
        if m != total || m >= MAX_ENTRIES {
            return Err(r.error(format!(
                "weight count {m} does not match feature lengths {total}"
            )));
        }
        let classes = r.take(m, "weight classes")?.to_vec();
        if classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(r.error(format!("weight class out of range 0..{n_classes}")));
        }
        let raw = r.take(2 * m, "weights")?;
        let weights = raw
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        Ok(Weights::from_parts(scale, keys, lens, classes, weights))
    }
}

/// Index of the highest score; ties go to the lowest index. Entries where
/// `allowed` is false are skipped (an empty mask allows everything).
#[inline]
pub(crate) fn argmax<T: Copy + PartialOrd>(scores: &[T], allowed: &[bool]) -> usize {
    let mut best = usize::MAX;
    for (i, &s) in scores.iter().enumerate() {
        if !allowed.is_empty() && !allowed[i] {
            continue;
        }
        if best == usize::MAX || s > scores[best] {
            best = i;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::new(3);
        let data = [(vec![11u32, 1], 0usize), (vec![12, 1], 1), (vec![13, 1], 2)];
        let mut scores = [0i64; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let g = argmax(&scores, &[]);
                t.update(*y, g, f);
                t.tick();
            }
        }
        let w = t.finish(0.0);
        let mut s = [0i32; 3];
        for (f, y) in &data {
            s.fill(0);
            w.add_scores(f, &mut s);
            assert_eq!(argmax(&s, &[]), *y);
        }
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.0, "t"), 3).unwrap();
        let mut again = Writer::default();
        back.write(&mut again);
        assert_eq!(out.0, again.0);
        assert!(Weights::read(&mut Reader::new(&out.0, "t"), 2).is_err());
    }

    #[test]
    fn argmax_respects_mask() {
        assert_eq!(argmax(&[1, 5, 3], &[]), 1);
        assert_eq!(argmax(&[1, 5, 3], &[true, false, true]), 2);
        assert_eq!(argmax(&[2, 2], &[]), 0);
    }
}
