//! Scores the models on PolNeAR's dev split against CoreNLP and measures
//! tagging speed.
//!
//! ```text
//! cargo run --release -p quotegraph-tagger --example evaluate -- \
//!     [--data /work/shared/data/polnear] [--models DIR] [--seconds S] [--reps N]
//! ```
//! The mention tagger is compared with the NER tagger (entity F1 per type
//! against CoreNLP, and speed measured side by side: passes over the whole
//! dev set interleaved, NER with its POS tagger then the mention tagger,
//! `--reps` times, medians).
//! Without `--models`, the models embedded in the library are scored.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quotegraph_tagger::corpus::{read_split, sentences, Sentence};
use quotegraph_tagger::eval::{evaluate_lemma, evaluate_mention, evaluate_ner, evaluate_pos};
use quotegraph_tagger::{EntityType, Lemmatizer, MentionTagger, NerTagger, PosTag, PosTagger};

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
    let mut reps = 15usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().ok_or("--data needs a value")?.into(),
            "--models" => models = Some(args.next().ok_or("--models needs a value")?.into()),
            "--seconds" => seconds = args.next().ok_or("--seconds S")?.parse()?,
            "--reps" => reps = args.next().ok_or("--reps N")?.parse()?,
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let t = Instant::now();
    let (pos, ner, lem, mention) = match &models {
        Some(dir) => (
            PosTagger::load(&dir.join("pos.bin"))?,
            NerTagger::load(&dir.join("ner.bin"))?,
            Lemmatizer::load(&dir.join("lemma.bin"))?,
            MentionTagger::load(&dir.join("mention.bin"))?,
        ),
        None => (
            PosTagger::embedded().clone(),
            NerTagger::embedded().clone(),
            Lemmatizer::embedded().clone(),
            MentionTagger::embedded().clone(),
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
    let mention_pos = mention.uses_pos().then_some(&gold_pos[..]);
    let msc = evaluate_mention(&mention, &dev, mention_pos);
    println!(
        "mention entity-level vs CoreNLP{}: {}",
        if mention.uses_pos() {
            " (CoreNLP POS)"
        } else {
            ""
        },
        msc.overall
    );
    for (t, p) in EntityType::ALL.iter().zip(&msc.per_type) {
        println!("  {:<4} {p}", t.as_str());
    }
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
    // NER (with its POS tagger) against the mention tagger, interleaved.
    let words_ref = &words;
    let mut pos_buf = Vec::new();
    let mut ner_pass = || {
        for w in words_ref {
            ner.tag_with_pos(&pos, w, &mut pos_buf, &mut labels);
            std::hint::black_box(&labels);
        }
    };
    let mut mention_labels = Vec::new();
    let mut mention_pass = || {
        for w in words_ref {
            mention.tag(w, None, &mut mention_labels);
            std::hint::black_box(&mention_labels);
        }
    };
    let time = |f: &mut dyn FnMut(), k: usize| {
        let t = Instant::now();
        for _ in 0..k {
            f();
        }
        t.elapsed().as_secs_f64() * 1e6 / (k * n_tokens) as f64
    };
    // Warm up, then as many mention passes per round as take about as
    // long as one NER pass.
    let a = time(&mut ner_pass, 1);
    let b = time(&mut mention_pass, 1);
    let k = ((a / b).round() as usize).clamp(1, 50);
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..reps.max(1) {
        let a = time(&mut ner_pass, 1);
        let b = time(&mut mention_pass, k);
        ta.push(a);
        tb.push(b);
        ratios.push(a / b);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (a, b, r) = (median(&mut ta), median(&mut tb), median(&mut ratios));
    println!(
        "NER + POS vs mention tagger, {} interleaved rounds (1 NER pass, {k} mention passes each), medians:",
        ta.len()
    );
    println!(
        "  NER + POS  {a:.4} µs/token  {:>10.0} tokens/s",
        1.0 / a * 1e6
    );
    println!(
        "  mention    {b:.4} µs/token  {:>10.0} tokens/s",
        1.0 / b * 1e6
    );
    println!("  ratio      {r:.1}x (median of per-round ratios)");
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
