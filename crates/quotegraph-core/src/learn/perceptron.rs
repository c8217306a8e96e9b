//! A binary averaged perceptron over hashed features.
//!
//! Features are 64-bit hashes folded into a fixed table of `1 << bits`
//! weights. Training is deterministic: examples are visited in the order
//! given, shuffled each epoch by a seeded generator of our own, and the
//! averaged weights are written in index order.

use std::fmt;

/// Why a model could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// The weights of a trained binary classifier.
#[derive(Clone, Debug, PartialEq)]
pub struct Perceptron {
    bits: u8,
    weights: Vec<f32>,
    bias: f32,
}

const MAGIC: &[u8; 8] = b"QGPERC01";

impl Perceptron {
    /// An untrained model with `1 << bits` weights.
    pub fn new(bits: u8) -> Perceptron {
        Perceptron {
            bits,
            weights: vec![0.0; 1 << bits],
            bias: 0.0,
        }
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    /// The score of a feature set: positive means "yes".
    #[inline]
    pub fn score(&self, feats: &[u64]) -> f32 {
        self.bias
            + feats
                .iter()
                .map(|&h| self.weights[self.slot(h)])
                .sum::<f32>()
    }

    /// The weight of one feature.
    #[inline]
    pub fn weight(&self, h: u64) -> f32 {
        self.weights[self.slot(h)]
    }

    /// Trains on `(features, label)` examples for `epochs` passes.
    pub fn train(bits: u8, examples: &[(Vec<u64>, bool)], epochs: usize, seed: u64) -> Perceptron {
        let n = 1usize << bits;
        let mut w = vec![0f32; n];
        let mut total = vec![0f64; n]; // running sums for averaging
        let mut stamp = vec![0u64; n];
        let (mut b, mut b_total, mut b_stamp) = (0f32, 0f64, 0u64);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = SplitMix(seed);
        let mut t = 0u64;
        let shift = 64 - bits;
        for _ in 0..epochs {
            // Fisher-Yates with our own generator
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &k in &order {
                t += 1;
                let (feats, label) = &examples[k];
                let s: f32 = b + feats.iter().map(|&h| w[(h >> shift) as usize]).sum::<f32>();
                let y = if *label { 1.0 } else { -1.0 };
                if s * y <= 0.0 {
                    for &h in feats {
                        let i = (h >> shift) as usize;
                        total[i] += f64::from(w[i]) * (t - stamp[i]) as f64;
                        stamp[i] = t;
                        w[i] += y;
                    }
                    b_total += f64::from(b) * (t - b_stamp) as f64;
                    b_stamp = t;
                    b += y;
                }
            }
        }
        t += 1;
        let weights = (0..n)
            .map(|i| ((total[i] + f64::from(w[i]) * (t - stamp[i]) as f64) / t as f64) as f32)
            .collect();
        let bias = ((b_total + f64::from(b) * (t - b_stamp) as f64) / t as f64) as f32;
        Perceptron {
            bits,
            weights,
            bias,
        }
    }

    /// Serialises the model: magic, bits, bias, then (index, weight) of
    /// every non-zero weight in index order, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.extend_from_slice(&self.bias.to_le_bytes());
        let nz: Vec<(u32, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, &w)| w != 0.0)
            .map(|(i, &w)| (i as u32, w))
            .collect();
        out.extend_from_slice(&(nz.len() as u32).to_le_bytes());
        for (i, w) in nz {
            out.extend_from_slice(&i.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Loads a model written by [`Perceptron::to_bytes`], checking every field.
    pub fn from_bytes(bytes: &[u8]) -> Result<Perceptron, ModelError> {
        let err = |m: &str| ModelError(m.to_string());
        if bytes.len() < 17 || &bytes[..8] != MAGIC {
            return Err(err("not a quotegraph perceptron (bad magic or too short)"));
        }
        let bits = bytes[8];
        if !(8..=26).contains(&bits) {
            return Err(err("table size out of range"));
        }
        let f32_at =
            |o: usize| f32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
        let u32_at =
            |o: usize| u32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
        let bias = f32_at(9);
        let count = u32_at(13) as usize;
        if bytes.len() != 17 + count * 8 {
            return Err(err("length does not match the weight count"));
        }
        let mut weights = vec![0f32; 1 << bits];
        let mut last: Option<u32> = None;
        for k in 0..count {
            let o = 17 + k * 8;
            let (i, w) = (u32_at(o), f32_at(o + 4));
            if i as usize >= weights.len() || last.is_some_and(|l| l >= i) || !w.is_finite() {
                return Err(err("weight index out of order or out of range"));
            }
            weights[i as usize] = w;
            last = Some(i);
        }
        Ok(Perceptron {
            bits,
            weights,
            bias,
        })
    }
}

/// Weight lookup shared by prediction (a trained [`Perceptron`]) and
/// structured training ([`Averaged`]).
pub(crate) trait Weights {
    fn get(&self, h: u64) -> f32;
    fn sum(&self, feats: &[u64]) -> f32 {
        feats.iter().map(|&f| self.get(f)).sum()
    }
}

impl Weights for Perceptron {
    fn get(&self, h: u64) -> f32 {
        self.weight(h)
    }
}

impl Weights for Averaged {
    fn get(&self, h: u64) -> f32 {
        self.weight(h)
    }
}

/// Weights under training with lazy averaging, for models that update
/// many features at once (structured perceptrons). Call [`Averaged::tick`]
/// once per example, [`Averaged::update`] on a mistake, and
/// [`Averaged::finish`] for the averaged model.
pub(crate) struct Averaged {
    bits: u8,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u64>,
    t: u64,
}

impl Averaged {
    pub(crate) fn new(bits: u8) -> Averaged {
        let n = 1usize << bits;
        Averaged {
            bits,
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            t: 0,
        }
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    #[inline]
    pub(crate) fn weight(&self, h: u64) -> f32 {
        self.w[self.slot(h)]
    }

    pub(crate) fn tick(&mut self) {
        self.t += 1;
    }

    pub(crate) fn update(&mut self, feats: &[u64], delta: f32) {
        for &h in feats {
            let i = self.slot(h);
            self.total[i] += f64::from(self.w[i]) * (self.t - self.stamp[i]) as f64;
            self.stamp[i] = self.t;
            self.w[i] += delta;
        }
    }

    pub(crate) fn finish(self) -> Perceptron {
        let t = self.t + 1;
        let weights = (0..self.w.len())
            .map(|i| {
                ((self.total[i] + f64::from(self.w[i]) * (t - self.stamp[i]) as f64) / t as f64)
                    as f32
            })
            .collect();
        Perceptron {
            bits: self.bits,
            weights,
            bias: 0.0,
        }
    }
}

/// SplitMix64: a small seeded generator, so training does not depend on a crate's RNG.
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<(Vec<u64>, bool)> {
        // label = feature 1 present; feature 2 is noise
        (0..200u64)
            .map(|i| {
                let mut f = vec![(i % 7) << 50];
                if i % 3 == 0 {
                    f.push(0xdead_beef_0000_0000);
                }
                (f, i % 3 == 0)
            })
            .collect()
    }

    #[test]
    fn learns_and_round_trips() {
        let m = Perceptron::train(12, &data(), 5, 7);
        assert!(m.score(&[0xdead_beef_0000_0000]) > 0.0);
        assert!(m.score(&[1 << 50]) < 0.0);
        let again = Perceptron::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn training_is_deterministic() {
        let a = Perceptron::train(12, &data(), 5, 7).to_bytes();
        let b = Perceptron::train(12, &data(), 5, 7).to_bytes();
        assert_eq!(a, b);
    }

    #[test]
    fn bad_bytes_are_refused() {
        assert!(Perceptron::from_bytes(b"nonsense").is_err());
        let mut m = Perceptron::train(12, &data(), 1, 1).to_bytes();
        m.truncate(m.len() - 3);
        assert!(Perceptron::from_bytes(&m).is_err());
    }
}
