//! Experiment: NER quality against CoreNLP on dev and cost, for
//! (a) full sentences, trained POS; (b) full sentences, heuristic POS;
//! (c) windows around capitalised clusters, heuristic POS.
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use quotegraph_core::Pipeline;
use quotegraph_tagger::{ner::entities, NerTagger, PosTag, PosTagger};

fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let dir = Path::new(&dir);
    let pipeline = Pipeline::default();
    let mut names: Vec<String> = std::fs::read_dir(dir.join("text")).unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let ner = NerTagger::embedded();
    let post = PosTagger::embedded();
    let mut stats = [(0usize, 0usize, 0usize, 0f64); 3];
    let mut ntok = 0usize;
    for name in names {
        let text = std::fs::read_to_string(dir.join(format!("text/{name}.txt"))).unwrap();
        let Ok(toks) = std::fs::read_to_string(dir.join(format!("corenlp/{name}.tokens.tsv"))) else { continue };
        // gold entities as char spans with type
        let cps: Vec<usize> = { let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect(); v.push(text.len()); v };
        let mut gold: HashSet<(usize, usize, String)> = HashSet::new();
        let mut cur: Option<(usize, usize, String, String)> = None; // start,end,type,sent
        for line in toks.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 { continue; }
            let (a, b): (usize, usize) = (f[2].parse().unwrap(), f[3].parse().unwrap());
            let ty = match f[7] { "PERSON" => "PER", "ORGANIZATION" => "ORG", "LOCATION" => "LOC", "MISC" => "MISC", _ => "" };
            match (&mut cur, ty) {
                (Some(c), t) if !t.is_empty() && c.2 == t && c.3 == f[0] => c.1 = b,
                (c, t) => {
                    if let Some(c) = c.take() { gold.insert((cps[c.0], cps[c.1], c.2)); }
                    if !t.is_empty() { *c = Some((a, b, t.to_string(), f[0].to_string())); }
                }
            }
        }
        if let Some(c) = cur.take() { gold.insert((cps[c.0], cps[c.1], c.2)); }
        let doc = pipeline.annotate(&text).unwrap();
        ntok += doc.tokens.len();
        for mode in 0..3 {
            let t0 = Instant::now();
            let mut pred: HashSet<(usize, usize, String)> = HashSet::new();
            let mut pos = Vec::new();
            let mut labels = Vec::new();
            for s in &doc.sentences {
                let r = s.first_token as usize..s.end_token as usize;
                let words: Vec<&str> = doc.tokens[r.clone()].iter().map(|t| t.span.slice(&text)).collect();
                let hpos: Vec<PosTag> = doc.pos[r.clone()].iter().map(|p| PosTag::parse(p).unwrap_or(PosTag::Nn)).collect();
                let mut emit = |lo: usize, labels: &[quotegraph_tagger::NerLabel]| {
                    for e in entities(labels) {
                        let a = doc.tokens[r.start + lo + e.start].span.start();
                        let b = doc.tokens[r.start + lo + e.end - 1].span.end();
                        pred.insert((a, b, e.ty.as_str().to_string()));
                    }
                };
                match mode {
                    0 => { ner.tag_with_pos(post, &words, &mut pos, &mut labels); emit(0, &labels); }
                    1 => { ner.tag_into(&words, &hpos, &mut labels); emit(0, &labels); }
                    _ => {
                        // clusters of capitalised words (gaps of up to 2 lowercase words)
                        let cap: Vec<bool> = words.iter().map(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).collect();
                        let mut i = 0;
                        while i < words.len() {
                            if !cap[i] { i += 1; continue; }
                            let mut j = i + 1;
                            loop {
                                if j < words.len() && cap[j] { j += 1; continue; }
                                if j + 1 < words.len() && cap[j + 1] && words[j].len() <= 4 { j += 2; continue; }
                                break;
                            }
                            let lo = i.saturating_sub(2);
                            let hi = (j + 2).min(words.len());
                            ner.tag_into(&words[lo..hi], &hpos[lo..hi], &mut labels);
                            // keep entities inside the cluster
                            let keep: Vec<_> = labels.clone();
                            for e in entities(&keep) {
                                if lo + e.start >= i && lo + e.end <= j {
                                    let a = doc.tokens[r.start + lo + e.start].span.start();
                                    let b = doc.tokens[r.start + lo + e.end - 1].span.end();
                                    pred.insert((a, b, e.ty.as_str().to_string()));
                                }
                            }
                            i = j;
                        }
                    }
                }
            }
            let dt = t0.elapsed().as_secs_f64();
            let tp = pred.intersection(&gold).count();
            stats[mode].0 += tp; stats[mode].1 += pred.len(); stats[mode].2 += gold.len(); stats[mode].3 += dt;
        }
    }
    for (m, s) in stats.iter().enumerate() {
        let p = s.0 as f64 / s.1 as f64; let r = s.0 as f64 / s.2 as f64;
        println!("mode {m}: P {p:.4} R {r:.4} F1 {:.4} time {:.3}s ({} tokens)", 2.0*p*r/(p+r), s.3, ntok);
    }
}
