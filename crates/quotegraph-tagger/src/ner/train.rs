//! Training the NER tagger.

use std::path::Path;

use super::{features, mask, pad_pos, NerLabel, NerTagger, START};
use crate::corpus::{read_split, sentences, Sentence};
use crate::error::{Error, Result};
use crate::lex::{analyse_sentence, Lex, LexBuf};
use crate::perceptron::{argmax, Trainer};
use crate::pos::{PosTag, PosTagger};
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
    let data: Vec<(Vec<Lex>, Vec<u64>, Vec<NerLabel>)> = sents
        .iter()
        .zip(pos)
        .map(|(s, p)| {
            let mut l = Vec::new();
            analyse_sentence(&s.words, &mut buf, &mut l);
            let mut pp = Vec::new();
            pad_pos(p, &mut pp);
            (l, pp, NerLabel::from_types(&s.ner))
        })
        .collect();
    let mut trainer = Trainer::new(NerLabel::COUNT);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Prng::new(opts.seed);
    let mut feats = Vec::new();
    let mut scores = vec![0i64; NerLabel::COUNT];
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let (lex, pp, gold) = &data[si];
            let (mut l1, mut l2) = (START, START + 1);
            let n = gold.len();
            for (j, g) in gold.iter().enumerate() {
                let i = j + 2;
                features(lex, pp, i, l1, l2, &mut feats);
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores, mask(l1, j + 1 == n));
                trainer.update(g.id() as usize, guess, &feats);
                trainer.tick();
                right += (guess == g.id() as usize) as usize;
                total += 1;
                l2 = l1;
                l1 = guess as u64;
            }
        }
        if opts.verbose {
            eprintln!(
                "ner epoch {}: train label accuracy {:.4}, {} features",
                epoch + 1,
                right as f64 / total.max(1) as f64,
                trainer.n_features()
            );
        }
    }
    Some(NerTagger::from_parts(trainer.finish(opts.min_weight)))
}
