//! Training options and the seeded shuffling shared by the trainers.

/// Options for training any of the models. Training is deterministic given
/// these options and the data: documents are read in file-name order,
/// sentences are shuffled with a small seeded PRNG, and models are written
/// in sorted key order.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Averaged weights with a smaller magnitude are dropped from the model.
    pub min_weight: f64,
    /// POS tag dictionary: a word seen at least this many times ...
    pub tagdict_min_count: u32,
    /// ... with one tag at least this share of the time is tagged by lookup.
    pub tagdict_min_share: f64,
    /// NER beam width (1: greedy).
    pub beam: usize,
    /// Lemmatizer: keep a word-level exception when seen this many times.
    pub lemma_min_count: u32,
    /// Mention tagger: bit set of feature templates (see
    /// [`crate::mention`]; the default is the embedded model's).
    pub mention_templates: u32,
    /// Mention tagger: features seen fewer times in training are dropped.
    pub mention_min_count: u32,
    /// Mention tagger: averaged weights with a smaller magnitude are
    /// dropped from the model.
    pub mention_min_weight: f64,
    /// Mention tagger: a capitalised word seen at least this many times
    /// as a candidate ...
    pub mention_outside_min_count: u32,
    /// ... and outside entities at least this share of the time is
    /// labelled `O` by lookup (when no entity is open).
    pub mention_outside_min_share: f64,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 0x5eed,
            min_weight: 1.0,
            tagdict_min_count: 20,
            tagdict_min_share: 0.995,
            beam: 4,
            lemma_min_count: 1,
            mention_templates: crate::mention::DEFAULT_TEMPLATES,
            mention_min_count: 2,
            mention_min_weight: 1.0,
            mention_outside_min_count: 5,
            mention_outside_min_share: 0.95,
            verbose: false,
        }
    }
}

impl TrainOptions {
    /// Sets the number of epochs.
    pub fn with_epochs(mut self, epochs: usize) -> TrainOptions {
        self.epochs = epochs;
        self
    }

    /// Sets the shuffle seed.
    pub fn with_seed(mut self, seed: u64) -> TrainOptions {
        self.seed = seed;
        self
    }

    /// Sets the pruning threshold on averaged weights.
    pub fn with_min_weight(mut self, min_weight: f64) -> TrainOptions {
        self.min_weight = min_weight;
        self
    }

    /// Sets the NER beam width (1: greedy).
    pub fn with_beam(mut self, beam: usize) -> TrainOptions {
        self.beam = beam;
        self
    }

    /// Sets the mention tagger's feature templates (a bit set).
    pub fn with_mention_templates(mut self, templates: u32) -> TrainOptions {
        self.mention_templates = templates;
        self
    }

    /// Sets the mention tagger's minimum feature count.
    pub fn with_mention_min_count(mut self, count: u32) -> TrainOptions {
        self.mention_min_count = count;
        self
    }

    /// Sets the mention tagger's pruning threshold on averaged weights.
    pub fn with_mention_min_weight(mut self, min_weight: f64) -> TrainOptions {
        self.mention_min_weight = min_weight;
        self
    }

    /// Sets the mention tagger's outside-word thresholds: words seen at
    /// least `count` times as candidates, outside at least `share` of them.
    pub fn with_mention_outside(mut self, count: u32, share: f64) -> TrainOptions {
        self.mention_outside_min_count = count;
        self.mention_outside_min_share = share;
        self
    }

    /// Turns progress output on or off.
    pub fn with_verbose(mut self, verbose: bool) -> TrainOptions {
        self.verbose = verbose;
        self
    }
}

/// SplitMix64: a tiny, well-mixed, seeded generator.
#[derive(Clone, Debug)]
pub(crate) struct Prng(u64);

impl Prng {
    pub(crate) fn new(seed: u64) -> Prng {
        Prng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by rejection so there is no bias.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Prng::new(7).shuffle(&mut a);
        Prng::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        let mut c: Vec<u32> = (0..50).collect();
        Prng::new(8).shuffle(&mut c);
        assert_ne!(a, c);
        let mut s = a.clone();
        s.sort();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
    }
}
