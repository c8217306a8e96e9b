//! Training the NER tagger: a structured perceptron over the beam, with
//! early updates. When the reference labels fall out of the beam, the
//! weights move towards the reference prefix and away from the best
//! hypothesis, and the search restarts from the reference.

use std::path::Path;

use super::beam::{Beam, Input};
use super::features::{caps_profile, pad_pos};
use super::{NerLabel, NerTagger, WordSets, START};
use crate::corpus::{read_split, sentences, Sentence};
use crate::error::{Error, Result};
use crate::hash::KeyMap;
use crate::lex::{analyse_sentence, Lex, LexBuf, HAS_UPPER};
use crate::perceptron::Trainer;
use crate::pos::{dict_key, PosTag, PosTagger};
use crate::train::{Prng, TrainOptions};

/// Trains a NER tagger on every document of a split directory. The POS
/// features come from `pos` (as at run time), not from CoreNLP's tags.
pub fn train_ner(data_dir: &Path, pos: &PosTagger, opts: &TrainOptions) -> Result<NerTagger> {
    let docs = read_split(data_dir)?;
    let sents: Vec<Sentence> = sentences(&docs).cloned().collect();
    let tags: Vec<Vec<PosTag>> = sents.iter().map(|s| pos.tag(&s.words)).collect();
    train_ner_sentences(&sents, &tags, opts).ok_or_else(|| Error::NoData {
        path: data_dir.to_path_buf(),
    })
}

struct Example {
    lex: Vec<Lex>,
    pos: Vec<u64>,
    caps: u64,
    gold: Vec<u8>,
}

/// Trains a NER tagger on sentences, with one POS tag sequence per
/// sentence; `None` when there is no token.
pub fn train_ner_sentences(
    sents: &[Sentence],
    pos: &[Vec<PosTag>],
    opts: &TrainOptions,
) -> Option<NerTagger> {
    if sents.iter().all(Sentence::is_empty) {
        return None;
    }
    let mut buf = LexBuf::default();
    let data: Vec<Example> = sents
        .iter()
        .zip(pos)
        .map(|(s, p)| {
            let mut lex = Vec::new();
            analyse_sentence(&s.words, &mut buf, &mut lex);
            let mut pp = Vec::new();
            pad_pos(p, s.len(), &mut pp);
            let gold = NerLabel::from_types(&s.ner)
                .iter()
                .map(|l| l.id())
                .collect();
            let caps = caps_profile(&lex);
            Example {
                lex,
                pos: pp,
                caps,
                gold,
            }
        })
        .collect();
    let sets = word_sets(&data, opts);
    let width = opts.beam.clamp(1, super::MAX_BEAM as usize);
    let mut trainer = Trainer::new(NerLabel::COUNT);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Prng::new(opts.seed);
    let mut beam = Beam::default();
    let mut scored = Vec::new();
    let mut predicted = Vec::new();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total, mut updates) = (0usize, 0usize, 0usize);
        for &si in &order {
            let ex = &data[si];
            let input = Input {
                lex: &ex.lex,
                pos: &ex.pos,
                caps: ex.caps,
            };
            let n = ex.gold.len();
            let mut sync = 0;
            beam.reset(START, START + 1, true);
            scored.clear();
            for j in 0..n {
                let last = j + 1 == n;
                let s = beam.step(
                    &trainer,
                    &sets,
                    &input,
                    j + 2,
                    last,
                    width,
                    Some(ex.gold[j]),
                );
                scored.push(s);
                if s {
                    trainer.tick();
                }
                let lost = !beam.hyps.iter().any(|h| h.gold);
                if lost || last {
                    let best = beam.hyps[0];
                    beam.labels_of(&best, &mut predicted);
                    if !best.gold {
                        update(
                            &mut trainer,
                            &mut beam,
                            &input,
                            ex,
                            sync,
                            &predicted,
                            &scored,
                        );
                        updates += 1;
                    }
                    right += predicted
                        .iter()
                        .zip(&ex.gold[sync..])
                        .filter(|(p, g)| p == g)
                        .count();
                    total += predicted.len();
                    if lost && !last {
                        let l2 = if j == 0 { START } else { ex.gold[j - 1] };
                        beam.reset(ex.gold[j], l2, true);
                        sync = j + 1;
                    }
                }
            }
        }
        if opts.verbose {
            eprintln!(
                "ner epoch {}: train label accuracy {:.4}, {updates} updates, {} features",
                epoch + 1,
                right as f64 / total.max(1) as f64,
                trainer.n_features()
            );
        }
    }
    Some(NerTagger::from_parts(
        trainer.finish(opts.min_weight),
        sets,
        width as u8,
    ))
}

/// The label before position `j` (or the start markers) in a sequence
/// that follows `gold` before `sync` and `predicted` from `sync` on.
fn history(gold: &[u8], predicted: &[u8], sync: usize, j: usize, back: usize) -> u8 {
    match j.checked_sub(back) {
        None => START + (back - j - 1) as u8,
        Some(k) if k < sync => gold[k],
        Some(k) => predicted[k - sync],
    }
}

/// The early update over positions `sync..sync + predicted.len()`.
fn update(
    trainer: &mut Trainer,
    beam: &mut Beam,
    input: &Input<'_>,
    ex: &Example,
    sync: usize,
    predicted: &[u8],
    scored: &[bool],
) {
    for (k, &p) in predicted.iter().enumerate() {
        let j = sync + k;
        if !scored[j] {
            continue;
        }
        let g = ex.gold[j];
        let (g1, g2) = (
            history(&ex.gold, &ex.gold, 0, j, 1),
            history(&ex.gold, &ex.gold, 0, j, 2),
        );
        let (p1, p2) = (
            history(&ex.gold, predicted, sync, j, 1),
            history(&ex.gold, predicted, sync, j, 2),
        );
        if (g, g1, g2) == (p, p1, p2) {
            continue;
        }
        let feats = beam.features_at(input, j + 2, g1, g2).to_vec();
        trainer.add(g as usize, &feats, 1);
        let feats = beam.features_at(input, j + 2, p1, p2);
        trainer.add(p as usize, feats, -1);
    }
}

/// The word sets of [`WordSets::surely_outside`].
fn word_sets(data: &[Example], opts: &TrainOptions) -> WordSets {
    let mut counts: KeyMap<(u32, u32)> = KeyMap::default();
    let mut inside_lower = Vec::new();
    for ex in data {
        for (l, &g) in ex.lex[2..].iter().zip(&ex.gold) {
            let c = counts.entry(dict_key(l)).or_default();
            c.0 += 1;
            if g == 0 {
                c.1 += 1;
            } else if l.flags & HAS_UPPER == 0 {
                inside_lower.push(dict_key(l));
            }
        }
    }
    let mut outside: Vec<u32> = counts
        .iter()
        .filter(|(_, &(n, o))| {
            n >= opts.tagdict_min_count && o as f64 >= opts.tagdict_min_share * n as f64
        })
        .map(|(&k, _)| k)
        .collect();
    outside.sort_unstable();
    inside_lower.sort_unstable();
    inside_lower.dedup();
    WordSets::new(outside, inside_lower)
}
