//! Measures the actors' layers on PolNeAR (not part of `cargo test`).
//!
//! ```sh
//! # entity-mention F1 per type against CoreNLP's silver NER tags, relation counts
//! cargo run --release -p quotegraph-actors --example dev_eval -- ../shared/data/polnear/dev
//! # throughput of the engine alone and with the actors' layers, in MB/s
//! cargo run --release -p quotegraph-actors --example dev_eval -- --speed ../shared/data/polnear/train/text
//! ```
//! The split directory holds `text/NAME.txt` and `corenlp/NAME.tokens.tsv`
//! (columns: sentence, token, char start, char end, word, lemma, POS, NER;
//! offsets in code points). A CoreNLP entity is a run of tokens of one
//! sentence with the same PERSON, ORGANIZATION, LOCATION or MISC tag; a
//! predicted one is a name mention, typed by the tagger ("tagger") or by its
//! entity after grouping ("entity"). Match: same span and type.
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use quotegraph_actors::ner::MentionForm;
use quotegraph_actors::{Actors, EntityKind, Options};
use quotegraph_core::schema::CharIndex;
use quotegraph_core::Pipeline;

type Ent = (usize, usize, &'static str);

fn gold(tsv: &str) -> Vec<Ent> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, usize, &'static str)> = None;
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 || f[2].parse::<usize>().is_err() {
            continue;
        }
        let (sent, s, e) = (
            f[0].to_string(),
            f[2].parse().unwrap(),
            f[3].parse().unwrap(),
        );
        let ty = match f[7] {
            "PERSON" => Some("PER"),
            "ORGANIZATION" => Some("ORG"),
            "LOCATION" => Some("LOC"),
            "MISC" => Some("MISC"),
            _ => None,
        };
        match (&mut open, ty) {
            (Some(o), Some(t)) if o.0 == sent && o.3 == t => o.2 = e,
            _ => {
                if let Some(o) = open.take() {
                    out.push((o.1, o.2, o.3));
                }
                open = ty.map(|t| (sent, s, e, t));
            }
        }
    }
    if let Some(o) = open {
        out.push((o.1, o.2, o.3));
    }
    out
}

fn label(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Organization => "ORG",
        EntityKind::Place => "LOC",
        EntityKind::Misc => "MISC",
    }
}

#[derive(Default)]
struct Count {
    tp: usize,
    pred: usize,
    gold: usize,
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn speed(dir: &Path) {
    let texts: Vec<String> = txt_files(dir)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let pipeline = Pipeline::default();
    let _ = Actors::analyze(
        &pipeline.annotate("Warm up, Mr. Smith said.").unwrap(),
        &Options::default(),
    );
    for round in 0..2 {
        let t = Instant::now();
        for text in &texts {
            std::hint::black_box(pipeline.annotate(text).unwrap());
        }
        let engine = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for text in &texts {
            let doc = pipeline.annotate(text).unwrap();
            std::hint::black_box(Actors::analyze(&doc, &Options::default()));
        }
        let both = t.elapsed().as_secs_f64();
        let mb = bytes as f64 / 1e6;
        println!(
            "round {round}: {} files, {mb:.2} MB: engine {:.2} MB/s ({engine:.2} s), engine + actors {:.2} MB/s ({both:.2} s)",
            texts.len(),
            mb / engine,
            mb / both
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--speed") {
        speed(Path::new(
            args.get(1)
                .map_or("../shared/data/polnear/train/text", String::as_str),
        ));
        return;
    }
    let dir = PathBuf::from(
        args.first()
            .map_or("../shared/data/polnear/dev", String::as_str),
    );
    let pipeline = Pipeline::default();
    let mut tagger: BTreeMap<&str, Count> = BTreeMap::new();
    let mut entity: BTreeMap<&str, Count> = BTreeMap::new();
    let mut relations: BTreeMap<&str, usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let (mut docs, mut n_rel, mut n_ent) = (0, 0, 0);
    for path in txt_files(&dir.join("text")) {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let Ok(tsv) =
            std::fs::read_to_string(dir.join("corenlp").join(format!("{name}.tokens.tsv")))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = pipeline.annotate(&text).unwrap();
        let a = Actors::analyze(&doc, &Options::default());
        docs += 1;
        n_ent += doc.entities.entities.len();
        n_rel += a.relations.len();
        for r in &a.relations {
            *relations.entry(r.predicate.as_str()).or_default() += 1;
        }
        let ix = CharIndex::new(&text);
        let g: Vec<Ent> = gold(&tsv);
        let gset: HashSet<Ent> = g.iter().copied().collect();
        for (typing, table) in [("tagger", &mut tagger), ("entity", &mut entity)] {
            let mut p: Vec<Ent> = Vec::new();
            for (i, m) in doc.entities.mentions.iter().enumerate() {
                if m.form != MentionForm::Name {
                    continue;
                }
                let kind = match typing {
                    "tagger" => m.kind,
                    _ => {
                        doc.entities.entity_of[i].map_or(m.kind, |e| doc.entities.entities[e].kind)
                    }
                };
                p.push((
                    ix.char_of_byte(m.span.start()),
                    ix.char_of_byte(m.span.end()),
                    label(kind),
                ));
            }
            let pset: HashSet<Ent> = p.iter().copied().collect();
            for t in ["PER", "ORG", "LOC", "MISC"] {
                let c = table.entry(t).or_default();
                c.pred += pset.iter().filter(|x| x.2 == t).count();
                c.gold += gset.iter().filter(|x| x.2 == t).count();
                c.tp += pset.iter().filter(|x| x.2 == t && gset.contains(x)).count();
            }
            if typing == "entity" {
                let chars: Vec<char> = text.chars().collect();
                let s = |x: &Ent| chars[x.0..x.1].iter().collect::<String>();
                for x in pset.difference(&gset) {
                    let gold_here = g.iter().find(|y| y.0 < x.1 && x.0 < y.1);
                    disagreements.push(format!(
                        "{name}\tours {} {:?}\tcorenlp {}",
                        x.2,
                        s(x),
                        gold_here.map_or("-".to_string(), |y| format!("{} {:?}", y.2, s(y)))
                    ));
                }
                for y in gset.difference(&pset) {
                    if !p.iter().any(|x| x.0 < y.1 && y.0 < x.1) {
                        disagreements.push(format!("{name}\tours -\tcorenlp {} {:?}", y.2, s(y)));
                    }
                }
            }
        }
    }
    println!("{docs} documents; entity mentions against CoreNLP (exact span and type)");
    for (typing, table) in [("tagger", &tagger), ("entity", &entity)] {
        println!("typed by {typing}:");
        let (mut tp, mut pr, mut go) = (0, 0, 0);
        for (t, c) in table {
            let (p, r) = (
                c.tp as f64 / c.pred.max(1) as f64,
                c.tp as f64 / c.gold.max(1) as f64,
            );
            println!(
                "  {t:<5} P {p:.3}  R {r:.3}  F1 {:.3}  ({} predicted, {} gold)",
                2.0 * p * r / (p + r).max(1e-9),
                c.pred,
                c.gold
            );
            tp += c.tp;
            pr += c.pred;
            go += c.gold;
        }
        let (p, r) = (tp as f64 / pr.max(1) as f64, tp as f64 / go.max(1) as f64);
        println!(
            "  all   P {p:.3}  R {r:.3}  F1 {:.3}",
            2.0 * p * r / (p + r)
        );
    }
    println!("{n_ent} entities ({:.1} per article), {n_rel} relations ({:.2} per article): {relations:?}", n_ent as f64 / docs as f64, n_rel as f64 / docs as f64);
    // every 7th disagreement, for reading by hand
    println!(
        "sample of disagreements (every {}th):",
        (disagreements.len() / 50).max(1)
    );
    for d in disagreements
        .iter()
        .step_by((disagreements.len() / 50).max(1))
        .take(50)
    {
        println!("  {d}");
    }
}
