//! Trains every model from PolNeAR's train split and writes them to
//! `crates/quotegraph-tagger/models/`.
//!
//! ```text
//! cargo run --release -p quotegraph-tagger --example train -- \
//!     [--data /work/shared/data/polnear] [--out DIR] [--epochs N] [--seed N] [--min-weight W] [--beam N]
//!     [--only pos|ner|lemma|mention] [--dev]
//!     [--mention-templates HEX] [--mention-min-count N] [--mention-min-weight W]
//!     [--mention-outside N SHARE]
//! ```
//! With `--dev`, each model is also scored on the dev split.

use std::path::PathBuf;
use std::time::Instant;

use quotegraph_tagger::corpus::{read_split, sentences, Sentence};
use quotegraph_tagger::eval::{evaluate_mention, evaluate_ner, evaluate_pos};
use quotegraph_tagger::lemma::{train_lemmatizer, Lemmatizer};
use quotegraph_tagger::{
    train_mention, train_ner, train_pos, MentionTagger, NerTagger, PosTagger, TrainOptions,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = PathBuf::from("/work/shared/data/polnear");
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models");
    let mut opts = TrainOptions::default().with_verbose(true);
    let mut only: Option<String> = None;
    let mut dev = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().ok_or("--data needs a value")?.into(),
            "--out" => out = args.next().ok_or("--out needs a value")?.into(),
            "--epochs" => opts = opts.with_epochs(args.next().ok_or("--epochs N")?.parse()?),
            "--min-weight" => {
                opts = opts.with_min_weight(args.next().ok_or("--min-weight W")?.parse()?)
            }
            "--beam" => opts = opts.with_beam(args.next().ok_or("--beam N")?.parse()?),
            "--seed" => opts = opts.with_seed(args.next().ok_or("--seed N")?.parse()?),
            "--only" => only = Some(args.next().ok_or("--only pos|ner|lemma|mention")?),
            "--mention-templates" => {
                let v = args.next().ok_or("--mention-templates HEX")?;
                opts = opts
                    .with_mention_templates(u32::from_str_radix(v.trim_start_matches("0x"), 16)?)
            }
            "--mention-min-count" => {
                opts = opts
                    .with_mention_min_count(args.next().ok_or("--mention-min-count N")?.parse()?)
            }
            "--mention-outside" => {
                let n = args.next().ok_or("--mention-outside N SHARE")?.parse()?;
                let share = args.next().ok_or("--mention-outside N SHARE")?.parse()?;
                opts = opts.with_mention_outside(n, share)
            }
            "--mention-min-weight" => {
                opts = opts
                    .with_mention_min_weight(args.next().ok_or("--mention-min-weight W")?.parse()?)
            }
            "--dev" => dev = true,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let wants = |m: &str| only.as_deref().is_none_or(|o| o == m);
    let train_dir = data.join("train");
    let dev_sents: Vec<Sentence> = if dev {
        sentences(&read_split(&data.join("dev"))?)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    std::fs::create_dir_all(&out)?;
    let all = Instant::now();

    let pos = if !(wants("pos") || wants("ner")) {
        None
    } else {
        let t = Instant::now();
        let pos = if wants("pos") {
            let pos = train_pos(&train_dir, &opts)?;
            pos.save(&out.join("pos.bin"))?;
            let (f, w, d) = pos.stats();
            eprintln!(
                "pos: trained in {:.1}s, {f} features, {w} weights, {d} dictionary words, {} bytes",
                t.elapsed().as_secs_f64(),
                pos.to_bytes().len()
            );
            pos
        } else {
            PosTagger::load(&out.join("pos.bin"))?
        };
        if dev {
            eprintln!("pos dev agreement: {}", evaluate_pos(&pos, &dev_sents));
        }
        Some(pos)
    };

    if let (true, Some(pos)) = (wants("ner"), &pos) {
        let t = Instant::now();
        let ner: NerTagger = train_ner(&train_dir, pos, &opts)?;
        ner.save(&out.join("ner.bin"))?;
        let (f, w) = ner.stats();
        eprintln!(
            "ner: trained in {:.1}s, {f} features, {w} weights, {} bytes",
            t.elapsed().as_secs_f64(),
            ner.to_bytes().len()
        );
        if dev {
            let tags: Vec<_> = dev_sents.iter().map(|s| pos.tag(&s.words)).collect();
            let sc = evaluate_ner(&ner, &dev_sents, &tags);
            eprintln!("ner dev: {}", sc.overall);
            for (t, p) in quotegraph_tagger::EntityType::ALL.iter().zip(&sc.per_type) {
                eprintln!("  {t:<4} {p}");
            }
        }
    }

    if wants("mention") {
        let t = Instant::now();
        let m: MentionTagger = train_mention(&train_dir, &opts)?;
        m.save(&out.join("mention.bin"))?;
        let (f, w, l, o) = m.stats();
        eprintln!(
            "mention: trained in {:.1}s, {f} features, {w} weights, {l} lexicon words, {o} outside words, {} bytes",
            t.elapsed().as_secs_f64(),
            m.to_bytes().len()
        );
        if dev {
            let gold_pos: Vec<_> = dev_sents.iter().map(|s| s.pos.clone()).collect();
            let pos = if m.uses_pos() {
                Some(&gold_pos[..])
            } else {
                None
            };
            let sc = evaluate_mention(&m, &dev_sents, pos);
            eprintln!(
                "mention dev{}: {}",
                if m.uses_pos() { " (CoreNLP POS)" } else { "" },
                sc.overall
            );
            for (t, p) in quotegraph_tagger::EntityType::ALL.iter().zip(&sc.per_type) {
                eprintln!("  {t:<4} {p}");
            }
        }
    }

    if wants("lemma") {
        let t = Instant::now();
        let lem: Lemmatizer = train_lemmatizer(&train_dir, &opts)?;
        lem.save(&out.join("lemma.bin"))?;
        eprintln!(
            "lemma: trained in {:.1}s, {} bytes",
            t.elapsed().as_secs_f64(),
            lem.to_bytes().len()
        );
        if dev {
            let sc = quotegraph_tagger::eval::evaluate_lemma(&lem, &dev_sents, None);
            eprintln!("lemma dev agreement (CoreNLP POS): {sc}");
        }
    }
    eprintln!("total training time {:.1}s", all.elapsed().as_secs_f64());
    Ok(())
}
