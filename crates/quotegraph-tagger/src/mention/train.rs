//! Training the mention tagger: a greedy averaged perceptron over the
//! candidate words, with the reference labels as history (a mistake
//! updates the weights, and decoding goes on from the reference), which
//! is the greedy case of the structured perceptron with early updates.

use std::path::Path;

use super::features::{features, word_key, Sent};
use super::word::{ALPHA_START, OPENER, UPPER, UPPER_START};
use super::{is_open, MentionTagger};
use crate::corpus::{read_split, sentences, Sentence};
use crate::error::{Error, Result};
use crate::hash::{KeyMap, U32Table};
use crate::ner::{mask, NerLabel};
use crate::perceptron::{argmax, Trainer};
use crate::train::{Prng, TrainOptions};

/// Trains a mention tagger on every document of a split directory, with
/// CoreNLP's entity labels (and POS tags, if the templates read them).
pub fn train_mention(data_dir: &Path, opts: &TrainOptions) -> Result<MentionTagger> {
    let docs = read_split(data_dir)?;
    let sents: Vec<Sentence> = sentences(&docs).cloned().collect();
    train_mention_sentences(&sents, opts).ok_or_else(|| Error::NoData {
        path: data_dir.to_path_buf(),
    })
}

/// One scored training position.
struct Instance {
    /// Range of its features in the flat feature list.
    feats: (u32, u32),
    gold: u8,
    /// Mask inputs: the reference label before it, and whether it ends
    /// its run.
    prev: u8,
    last: bool,
}

/// Reference labels restricted to candidates: an entity word that is not
/// a candidate is outside, which may split an entity in two.
fn candidate_gold(s: &Sentence, sent: &Sent) -> Vec<u8> {
    let mut types = vec![None; s.len()];
    for &(a, b) in &sent.runs {
        let r = a as usize..b as usize;
        types[r.clone()].copy_from_slice(&s.ner[r]);
    }
    NerLabel::from_types(&types)
        .iter()
        .map(|l| l.id())
        .collect()
}

/// Trains a mention tagger on sentences; `None` when there is no token.
#[allow(clippy::needless_range_loop)] // j indexes words, flags and labels
pub fn train_mention_sentences(sents: &[Sentence], opts: &TrainOptions) -> Option<MentionTagger> {
    if sents.iter().all(Sentence::is_empty) {
        return None;
    }
    let templates = opts.mention_templates;
    // Scan every sentence (and analyse every word).
    let mut scanned = Vec::with_capacity(sents.len());
    for s in sents {
        let mut sent = Sent::default();
        sent.scan(&s.words, Some(&s.pos));
        sent.analyse(&s.words, 0, s.len() + 4);
        let gold = candidate_gold(s, &sent);
        scanned.push((sent, gold));
    }
    let lexicon = build_lexicon(&scanned);
    let lexicon_table = U32Table::new(lexicon.iter().map(|&(k, b)| (k, b as u32)));
    let outside = build_outside(&scanned, opts);
    let outside_table = U32Table::new(outside.iter().map(|&k| (k, 0)));

    // Every scored position's features, with the reference history.
    let mut flat: Vec<u32> = Vec::new();
    let mut instances: Vec<Instance> = Vec::new();
    let mut feats = Vec::new();
    for (sent, gold) in &scanned {
        for &run in &sent.runs {
            let (mut l1, mut l2) = (0u8, 0u8);
            for j in run.0 as usize..run.1 as usize {
                let k = word_key(&sent.words[j + 2]);
                let skipped = !is_open(l1) && outside_table.get(k).is_some();
                if !skipped {
                    let lex = lexicon_table.get(k).unwrap_or(0) as u8;
                    features(sent, templates, j, run, l1, l2, lex, &mut feats);
                    let start = flat.len() as u32;
                    flat.extend_from_slice(&feats);
                    instances.push(Instance {
                        feats: (start, flat.len() as u32),
                        gold: gold[j],
                        prev: l1,
                        last: j + 1 == run.1 as usize,
                    });
                }
                l2 = l1;
                l1 = gold[j];
            }
        }
    }
    // Rare features are dropped before training.
    if opts.mention_min_count > 1 {
        let mut counts: KeyMap<u32> = KeyMap::default();
        for &f in &flat {
            *counts.entry(f).or_default() += 1;
        }
        let mut kept = Vec::with_capacity(flat.len());
        for x in &mut instances {
            let start = kept.len() as u32;
            for &f in &flat[x.feats.0 as usize..x.feats.1 as usize] {
                if counts[&f] >= opts.mention_min_count {
                    kept.push(f);
                }
            }
            x.feats = (start, kept.len() as u32);
        }
        flat = kept;
    }

    let mut trainer = Trainer::new(NerLabel::COUNT);
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = Prng::new(opts.seed);
    let mut scores = vec![0i64; NerLabel::COUNT];
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let mut right = 0usize;
        for &x in &order {
            let x = &instances[x];
            let f = &flat[x.feats.0 as usize..x.feats.1 as usize];
            trainer.score(f, &mut scores);
            let guess = argmax(&scores, mask(x.prev as u64, x.last));
            trainer.update(x.gold as usize, guess, f);
            trainer.tick();
            right += (guess == x.gold as usize) as usize;
        }
        if opts.verbose {
            eprintln!(
                "mention epoch {}: train accuracy {:.4} on {} scored words, {} features",
                epoch + 1,
                right as f64 / instances.len().max(1) as f64,
                instances.len(),
                trainer.n_features()
            );
        }
    }
    Some(MentionTagger::from_parts(
        trainer.finish(opts.mention_min_weight),
        templates,
        lexicon,
        outside,
    ))
}

/// The lexicon: for words that start with a letter, how often they are
/// written in lower case where case is free (not first in a sentence or
/// after an opening quote, not in a title-case headline). Bucket: share
/// of lower case (1: under 20%, 2: under 50%, 3: under 80%, 4: under 95%,
/// 5: the rest) plus 8 × frequency (under 10, under 100, more). Words seen
/// fewer than twice or never in lower case are left out.
fn build_lexicon(scanned: &[(Sent, Vec<u8>)]) -> Vec<(u32, u8)> {
    let mut counts: KeyMap<(u32, u32)> = KeyMap::default();
    for (sent, _) in scanned {
        if sent.headline != 0 {
            continue;
        }
        for (j, &f) in sent.flags.iter().enumerate() {
            if f & ALPHA_START == 0 || j == 0 || sent.flags[j - 1] & OPENER != 0 {
                continue;
            }
            let c = counts.entry(word_key(&sent.words[j + 2])).or_default();
            c.0 += 1;
            c.1 += (f & UPPER_START == 0) as u32;
        }
    }
    let mut out: Vec<(u32, u8)> = counts
        .iter()
        .filter(|(_, &(n, lower))| n >= 2 && lower > 0)
        .map(|(&k, &(n, lower))| {
            let share = lower as f64 / n as f64;
            let b = if share < 0.2 {
                1
            } else if share < 0.5 {
                2
            } else if share < 0.8 {
                3
            } else if share < 0.95 {
                4
            } else {
                5
            };
            let freq = if n < 10 {
                0
            } else if n < 100 {
                1
            } else {
                2
            };
            (k, b + 8 * freq)
        })
        .collect();
    out.sort_unstable();
    out
}

/// Capitalised words (almost) never inside an entity: seen as candidates
/// at least `mention_outside_min_count` times, outside at least
/// `mention_outside_min_share` of them.
#[allow(clippy::needless_range_loop)] // j indexes flags, words and labels
fn build_outside(scanned: &[(Sent, Vec<u8>)], opts: &TrainOptions) -> Vec<u32> {
    let mut counts: KeyMap<(u32, u32)> = KeyMap::default();
    for (sent, gold) in scanned {
        for &(a, b) in &sent.runs {
            for j in a as usize..b as usize {
                if sent.flags[j] & UPPER == 0 {
                    continue;
                }
                let c = counts.entry(word_key(&sent.words[j + 2])).or_default();
                c.0 += 1;
                c.1 += (gold[j] == 0) as u32;
            }
        }
    }
    let mut out: Vec<u32> = counts
        .iter()
        .filter(|(_, &(n, o))| {
            n >= opts.mention_outside_min_count
                && o as f64 >= opts.mention_outside_min_share * n as f64
        })
        .map(|(&k, _)| k)
        .collect();
    out.sort_unstable();
    out
}
