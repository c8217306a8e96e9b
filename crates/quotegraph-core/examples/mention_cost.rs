//! The entity taggers inside the engine: on every document of a PolNeAR
//! split, the engine's own tokens and sentences (`Pipeline::default()`),
//! entity F1 against CoreNLP's entities (exact character span and type)
//! and cost per document token, next to the engine's own time.
//!
//! ```text
//! cargo run --release -p quotegraph-core --example mention_cost -- [SPLIT_DIR] [REPS] [MENTION_MODEL]
//! ```
//! Modes: (a) `NerTagger::tag_with_pos` (its trained POS tagger), (b) the
//! NER tagger on the engine's heuristic POS tags, (c) `MentionTagger`
//! without POS tags, (d) a mention model file (e.g. one trained with the
//! POS templates) given the engine's heuristic POS tags. Each round times the engine and the three modes on
//! every document in turn (interleaved, so that a shared machine's drift
//! hits them alike); the figures are medians over `REPS` rounds.
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use quotegraph_core::Pipeline;
use quotegraph_tagger::{ner::entities, MentionTagger, NerLabel, NerTagger, PosTag, PosTagger};

type Span = (usize, usize, &'static str);

/// CoreNLP's entities of one document as (byte start, byte end, type).
fn gold_spans(text: &str, tsv: &str) -> HashSet<Span> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offsets.push(text.len());
    let mut gold = HashSet::new();
    // (start, end, type, sentence) of the entity being read.
    let mut open: Option<(usize, usize, &'static str, String)> = None;
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        let (Ok(a), Ok(b)) = (f[2].parse::<usize>(), f[3].parse::<usize>()) else {
            continue;
        };
        let ty = match f[7] {
            "PERSON" => "PER",
            "ORGANIZATION" => "ORG",
            "LOCATION" => "LOC",
            "MISC" => "MISC",
            _ => "",
        };
        match &mut open {
            Some(o) if !ty.is_empty() && o.2 == ty && o.3 == f[0] => o.1 = b,
            _ => {
                if let Some(o) = open.take() {
                    gold.insert((offsets[o.0], offsets[o.1], o.2));
                }
                if !ty.is_empty() {
                    open = Some((a, b, ty, f[0].to_string()));
                }
            }
        }
    }
    if let Some(o) = open {
        gold.insert((offsets[o.0], offsets[o.1], o.2));
    }
    gold
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/data/polnear/dev".into()),
    );
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let other = args
        .next()
        .map(|p| MentionTagger::load(Path::new(&p)).expect("mention model file"));
    let pipeline = Pipeline::default();
    let mut names: Vec<String> = std::fs::read_dir(dir.join("corenlp"))
        .expect("corenlp directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let f = e.file_name().to_string_lossy().into_owned();
            f.strip_suffix(".tokens.tsv").map(str::to_string)
        })
        .collect();
    names.sort();
    let docs: Vec<(String, HashSet<Span>)> = names
        .iter()
        .map(|name| {
            let read = |p: &Path| std::fs::read_to_string(p).expect("readable file");
            let text = read(&dir.join(format!("text/{name}.txt")));
            let tsv = read(&dir.join(format!("corenlp/{name}.tokens.tsv")));
            let gold = gold_spans(&text, &tsv);
            (text, gold)
        })
        .collect();
    let (ner, pos_tagger, mention) = (
        NerTagger::embedded(),
        PosTagger::embedded(),
        MentionTagger::embedded(),
    );
    let modes: &[&str] = &[
        "NER + trained POS",
        "NER + heuristic POS",
        "mention, no POS",
        "model file + heur. POS",
    ];
    let modes = &modes[..if other.is_some() { 4 } else { 3 }];
    let mut engine_times = Vec::new();
    let mut times = vec![Vec::new(); modes.len()];
    let mut counts = [(0usize, 0usize, 0usize); 4];
    let mut per_type = [[(0usize, 0usize, 0usize); 4]; 4];
    let mut n_tokens = 0usize;
    for rep in 0..reps.max(1) {
        let mut engine = 0f64;
        let mut t = vec![0f64; modes.len()];
        for (text, gold) in &docs {
            let t0 = Instant::now();
            let doc = pipeline.annotate(text).expect("annotated document");
            engine += t0.elapsed().as_secs_f64();
            if rep == 0 {
                n_tokens += doc.tokens.len();
            }
            for (mode, time) in t.iter_mut().enumerate() {
                let t0 = Instant::now();
                let mut predicted: HashSet<Span> = HashSet::new();
                let (mut pos, mut hpos, mut labels) =
                    (Vec::new(), Vec::new(), Vec::<NerLabel>::new());
                let mut words: Vec<&str> = Vec::new();
                for s in &doc.sentences {
                    let r = s.first_token as usize..s.end_token as usize;
                    words.clear();
                    words.extend(doc.tokens[r.clone()].iter().map(|t| t.span.slice(text)));
                    if mode == 1 || mode == 3 {
                        hpos.clear();
                        hpos.extend(
                            doc.pos[r.clone()]
                                .iter()
                                .map(|p| PosTag::parse(p).unwrap_or(PosTag::Nn)),
                        );
                    }
                    match (mode, &other) {
                        (0, _) => ner.tag_with_pos(pos_tagger, &words, &mut pos, &mut labels),
                        (1, _) => ner.tag_into(&words, &hpos, &mut labels),
                        (3, Some(m)) => m.tag(&words, Some(&hpos), &mut labels),
                        _ => mention.tag(&words, None, &mut labels),
                    }
                    if rep == 0 {
                        for e in entities(&labels) {
                            let a = doc.tokens[r.start + e.start].span.start();
                            let b = doc.tokens[r.start + e.end - 1].span.end();
                            predicted.insert((a, b, e.ty.as_str()));
                        }
                    }
                }
                *time += t0.elapsed().as_secs_f64();
                if rep == 0 {
                    let c = &mut counts[mode];
                    c.0 += predicted.intersection(gold).count();
                    c.1 += predicted.len();
                    c.2 += gold.len();
                    for (k, ty) in ["PER", "ORG", "LOC", "MISC"].iter().enumerate() {
                        let p: HashSet<_> = predicted.iter().filter(|s| s.2 == *ty).collect();
                        let g: HashSet<_> = gold.iter().filter(|s| s.2 == *ty).collect();
                        let c = &mut per_type[mode][k];
                        c.0 += p.intersection(&g).count();
                        c.1 += p.len();
                        c.2 += g.len();
                    }
                }
            }
        }
        engine_times.push(engine);
        for (v, &x) in times.iter_mut().zip(&t) {
            v.push(x);
        }
    }
    let f1 = |(tp, np, ng): (usize, usize, usize)| 2.0 * tp as f64 / (np + ng).max(1) as f64;
    let engine = median(engine_times);
    println!(
        "{} documents, {n_tokens} engine tokens; engine {:.3} µs/token (median of {reps} rounds)",
        docs.len(),
        engine * 1e6 / n_tokens as f64
    );
    for (mode, name) in modes.iter().enumerate() {
        let t = median(times[mode].clone());
        let (tp, np, ng) = counts[mode];
        println!(
            "{name:<20} F1 {:.4} (P {:.4} R {:.4}; PER {:.4} ORG {:.4} LOC {:.4} MISC {:.4})  {:.4} µs/token, {:.1}% of the engine",
            f1(counts[mode]),
            tp as f64 / np.max(1) as f64,
            tp as f64 / ng.max(1) as f64,
            f1(per_type[mode][0]),
            f1(per_type[mode][1]),
            f1(per_type[mode][2]),
            f1(per_type[mode][3]),
            t * 1e6 / n_tokens as f64,
            100.0 * t / engine
        );
    }
}
