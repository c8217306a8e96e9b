//! Training the POS tagger.

use std::path::Path;

use super::{count_quotes, dict_key, features, PosTag, PosTagger, START};
use crate::corpus::{read_split, sentences, Sentence};
use crate::error::{Error, Result};
use crate::hash::KeyMap;
use crate::lex::{analyse_sentence, Lex, LexBuf};
use crate::perceptron::{argmax, Trainer};
use crate::train::{Prng, TrainOptions};

/// Trains a POS tagger on every document of a split directory (with
/// `corenlp/*.tokens.tsv` and `text/*.txt`).
pub fn train_pos(data_dir: &Path, opts: &TrainOptions) -> Result<PosTagger> {
    let docs = read_split(data_dir)?;
    let sents: Vec<Sentence> = sentences(&docs).cloned().collect();
    train_pos_sentences(&sents, opts).ok_or_else(|| Error::NoData {
        path: data_dir.to_path_buf(),
    })
}

/// Trains a POS tagger on sentences; `None` when there is no token.
pub fn train_pos_sentences(sents: &[Sentence], opts: &TrainOptions) -> Option<PosTagger> {
    if sents.iter().all(Sentence::is_empty) {
        return None;
    }
    let mut buf = LexBuf::default();
    let lexes: Vec<Vec<Lex>> = sents
        .iter()
        .map(|s| {
            let mut l = Vec::new();
            analyse_sentence(&s.words, &mut buf, &mut l);
            l
        })
        .collect();
    let dict = build_dict(sents, &lexes, opts);
    let table = crate::hash::U32Table::new(dict.iter().map(|&(k, t)| (k, t as u32)));
    let mut trainer = Trainer::new(PosTag::COUNT);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Prng::new(opts.seed);
    let mut feats = Vec::new();
    let mut scores = vec![0i64; PosTag::COUNT];
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (s, lex) = (&sents[si], &lexes[si]);
            let (mut p1, mut p2) = (START, START + 1);
            let mut quotes = (0, 0);
            for (j, &gold) in s.pos.iter().enumerate() {
                let i = j + 2;
                let guess = match table.get(dict_key(&lex[i])) {
                    Some(t) => t as usize,
                    None => {
                        features(lex, i, p1, p2, quotes, &mut feats);
                        trainer.score(&feats, &mut scores);
                        let g = argmax(&scores, &[]);
                        trainer.update(gold.id() as usize, g, &feats);
                        trainer.tick();
                        g
                    }
                };
                count_quotes(&lex[i], &mut quotes);
                right += (guess == gold.id() as usize) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64;
            }
        }
        if opts.verbose {
            eprintln!(
                "pos epoch {}: train accuracy {:.4}, {} features",
                epoch + 1,
                right as f64 / total.max(1) as f64,
                trainer.n_features()
            );
        }
    }
    Some(PosTagger::from_parts(trainer.finish(opts.min_weight), dict))
}

/// The tag dictionary: frequent words that (almost) always get one tag.
fn build_dict(sents: &[Sentence], lexes: &[Vec<Lex>], opts: &TrainOptions) -> Vec<(u32, u8)> {
    let mut counts: KeyMap<[u32; PosTag::COUNT]> = KeyMap::default();
    for (s, lex) in sents.iter().zip(lexes) {
        for (j, t) in s.pos.iter().enumerate() {
            counts
                .entry(dict_key(&lex[j + 2]))
                .or_insert([0; PosTag::COUNT])[t.id() as usize] += 1;
        }
    }
    let mut dict: Vec<(u32, u8)> = counts
        .iter()
        .filter_map(|(&k, c)| {
            let n: u32 = c.iter().sum();
            let best = argmax(c, &[]);
            let ok =
                n >= opts.tagdict_min_count && c[best] as f64 >= opts.tagdict_min_share * n as f64;
            ok.then_some((k, best as u8))
        })
        .collect();
    dict.sort_unstable();
    dict
}
