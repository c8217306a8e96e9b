//! Scores the models on PolNeAR's dev split against CoreNLP and measures
//! tagging speed.
//!
//! ```text
//! cargo run --release -p quotegraph-tagger --example evaluate -- \
//!     [--data /work/shared/data/polnear] [--models DIR] [--seconds S]
//! ```
//! Without `--models`, the models embedded in the library are scored.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quotegraph_tagger::corpus::{read_split, sentences, Sentence};
use quotegraph_tagger::eval::{evaluate_lemma, evaluate_ner, evaluate_pos};
use quotegraph_tagger::{EntityType, Lemmatizer, NerTagger, PosTag, PosTagger};

/// CPU time of this thread in seconds (Linux; `None` elsewhere), so that
/// speed can be measured on a shared, busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are
    // fields 14 and 15 of the whole line, in clock ticks (100 per second).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Runs `f` over the whole dev set until `min` has passed; tokens per
/// wall-clock second and per CPU second.
fn speed(min: Duration, tokens: usize, mut f: impl FnMut()) -> (f64, f64) {
    let t = Instant::now();
    let c = cpu_seconds();
    let mut rounds = 0usize;
    while rounds == 0 || t.elapsed() < min {
        f();
        rounds += 1;
    }
    let n = (rounds * tokens) as f64;
    let wall = t.elapsed().as_secs_f64();
    let cpu = match (c, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    (n / wall, n / cpu)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = PathBuf::from("/work/shared/data/polnear");
    let mut models: Option<PathBuf> = None;
    let mut seconds = 2.0f64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().ok_or("--data needs a value")?.into(),
            "--models" => models = Some(args.next().ok_or("--models needs a value")?.into()),
            "--seconds" => seconds = args.next().ok_or("--seconds S")?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let t = Instant::now();
    let (pos, ner, lem) = match &models {
        Some(dir) => (
            PosTagger::load(&dir.join("pos.bin"))?,
            NerTagger::load(&dir.join("ner.bin"))?,
            Lemmatizer::load(&dir.join("lemma.bin"))?,
        ),
        None => (
            PosTagger::embedded().clone(),
            NerTagger::embedded().clone(),
            Lemmatizer::embedded().clone(),
        ),
    };
    println!("models loaded in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let dev: Vec<Sentence> = sentences(&read_split(&data.join("dev"))?)
        .cloned()
        .collect();
    let n_tokens: usize = dev.iter().map(Sentence::len).sum();
    println!("dev: {} sentences, {n_tokens} tokens", dev.len());

    println!("POS agreement with CoreNLP: {}", evaluate_pos(&pos, &dev));
    let tags: Vec<Vec<PosTag>> = dev.iter().map(|s| pos.tag(&s.words)).collect();
    let sc = evaluate_ner(&ner, &dev, &tags);
    println!("NER entity-level vs CoreNLP (our POS): {}", sc.overall);
    for (t, p) in EntityType::ALL.iter().zip(&sc.per_type) {
        println!("  {:<4} {p}", t.as_str());
    }
    let gold_pos: Vec<Vec<PosTag>> = dev.iter().map(|s| s.pos.clone()).collect();
    let sc = evaluate_ner(&ner, &dev, &gold_pos);
    println!("NER entity-level vs CoreNLP (CoreNLP POS): {}", sc.overall);
    println!(
        "lemma agreement (our POS): {}",
        evaluate_lemma(&lem, &dev, Some(&tags))
    );
    println!(
        "lemma agreement (CoreNLP POS): {}",
        evaluate_lemma(&lem, &dev, None)
    );

    let words: Vec<Vec<&str>> = dev.iter().map(Sentence::word_refs).collect();
    let min = Duration::from_secs_f64(seconds);
    let mut out = Vec::new();
    let pos_speed = speed(min, n_tokens, || {
        for w in &words {
            pos.tag_into(w, &mut out);
            std::hint::black_box(&out);
        }
    });
    let mut labels = Vec::new();
    let ner_speed = speed(min, n_tokens, || {
        for (w, t) in words.iter().zip(&tags) {
            ner.tag_into(w, t, &mut labels);
            std::hint::black_box(&labels);
        }
    });
    let mut lemma = String::new();
    let lemma_speed = speed(min, n_tokens, || {
        for (w, t) in words.iter().zip(&tags) {
            for (x, &p) in w.iter().zip(t) {
                lem.lemma_into(x, p, &mut lemma);
                std::hint::black_box(&lemma);
            }
        }
    });
    let all_speed = speed(min, n_tokens, || {
        for w in &words {
            pos.tag_into(w, &mut out);
            ner.tag_into(w, &out, &mut labels);
            for (x, &p) in w.iter().zip(&out) {
                lem.lemma_into(x, p, &mut lemma);
            }
            std::hint::black_box((&labels, &lemma));
        }
    });
    println!("speed, one thread (tokens/s: wall clock, per CPU second):");
    for (name, (wall, cpu)) in [
        ("POS", pos_speed),
        ("NER", ner_speed),
        ("lemma", lemma_speed),
        ("all three", all_speed),
    ] {
        println!("  {name:<10} {wall:>12.0} {cpu:>12.0}");
    }
    Ok(())
}
