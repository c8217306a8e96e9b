//! Time spent in each stage of the standard pipeline over a directory of
//! `.txt` files (several rounds, the stages' medians):
//! `cargo run --release -p quotegraph-core --example stage_cost -- DIR [ROUNDS]`
use std::time::Instant;

use quotegraph_core::doc::*;
use quotegraph_core::Doc;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: stage_cost DIR [ROUNDS]");
    let rounds: usize = std::env::args().nth(2).map_or(5, |r| r.parse().unwrap());
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        texts.push(std::fs::read_to_string(p).unwrap());
    }
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(ParagraphStage),
        Box::new(TokenStage),
        Box::new(QuoteStage),
        Box::new(SentenceStage),
        Box::new(PosStage::default()),
        Box::new(CueStage::default()),
        Box::new(MentionStage),
        Box::new(AttributionStage::default()),
        Box::new(EntityStage),
        Box::new(SpeakerStage),
        Box::new(DuplicateStage),
    ];
    let mut times = vec![Vec::new(); stages.len()];
    for _ in 0..rounds {
        let mut t = vec![0f64; stages.len()];
        for text in &texts {
            let mut doc = Doc::new(text.as_str()).unwrap();
            for (k, s) in stages.iter().enumerate() {
                let t0 = Instant::now();
                s.run(&mut doc);
                t[k] += t0.elapsed().as_secs_f64();
            }
        }
        for (k, v) in t.into_iter().enumerate() {
            times[k].push(v);
        }
    }
    // the entity stage's parts, on the last round's documents
    let mut parts = [0f64; 5];
    for text in &texts {
        let mut doc = Doc::new(text.as_str()).unwrap();
        for s in &stages[..8] {
            s.run(&mut doc);
        }
        use quotegraph_core::entities::{group, nominal, sentence_index, tag};
        let t0 = Instant::now();
        let so = sentence_index(&doc);
        let mut m = tag::name_mentions(&doc);
        let t1 = Instant::now();
        tag::propagate_surnames(&doc, &mut m, &so);
        let t2 = Instant::now();
        tag::source_names(&doc, &mut m, &so);
        let t3 = Instant::now();
        let extra = nominal::phrases_and_nominals(&doc, &m, &so);
        m.extend(extra);
        m.sort_by_key(|x| (x.span.start(), x.span.end(), x.form as u8));
        let t4 = Instant::now();
        let _ = group::group(&doc, m, &so);
        let t5 = Instant::now();
        for (k, (a, b)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)]
            .into_iter()
            .enumerate()
        {
            parts[k] += (b - a).as_secs_f64();
        }
    }
    for (name, v) in ["tagger", "propagate", "source names", "phrases", "group"]
        .iter()
        .zip(parts)
    {
        println!("  entities/{name:<14} {:8.1} ms", v * 1e3);
    }
    let mut total = 0.0;
    let med: Vec<f64> = times
        .iter_mut()
        .map(|v| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        })
        .collect();
    for m in &med {
        total += m;
    }
    for (s, m) in stages.iter().zip(&med) {
        println!(
            "{:<14} {:8.1} ms  {:5.1}%",
            s.name(),
            m * 1e3,
            100.0 * m / total
        );
    }
    println!("{:<14} {:8.1} ms", "total", total * 1e3);
}
