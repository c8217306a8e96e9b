//! Speaker resolution against CoreNLP's coreference chains (silver).
//!
//! For every attribution whose source is a pronoun or a nominal ("he", "the
//! group", "the campaign"), find the CoreNLP mention with the same span,
//! take its chain's representative mention, and compare it with our
//! resolved speaker: they agree when one name contains the other's last
//! word. Prints the agreement and every disagreement for reading by hand.
//!
//! `cargo run --release -p quotegraph-core --example coref_agreement -- /work/shared/data/polnear/dev`

use std::collections::HashMap;
use std::path::Path;

use quotegraph_core::schema::OutDocument;
use quotegraph_core::Pipeline;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: coref_agreement SPLIT_DIR");
    let dir = Path::new(&dir);
    let pipeline = Pipeline::default();
    let (mut agree, mut total, mut no_chain) = (0usize, 0usize, 0usize);
    let mut names: Vec<String> = std::fs::read_dir(dir.join("text"))
        .expect("text/")
        .filter_map(|e| e.ok())
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let Ok(coref) = std::fs::read_to_string(dir.join(format!("corenlp/{name}.coref.json")))
        else {
            continue;
        };
        let Ok(tokens) = std::fs::read_to_string(dir.join(format!("corenlp/{name}.tokens.tsv")))
        else {
            continue;
        };
        // (sentence, token) -> (char start, char end)
        let mut pos: HashMap<(u64, u64), (usize, usize)> = HashMap::new();
        for line in tokens.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 4 {
                if let (Ok(s), Ok(t), Ok(a), Ok(b)) =
                    (f[0].parse(), f[1].parse(), f[2].parse(), f[3].parse())
                {
                    pos.insert((s, t), (a, b));
                }
            }
        }
        let chains: Vec<Vec<serde_json::Value>> = serde_json::from_str(&coref).unwrap_or_default();
        // mention char span -> representative text
        let mut rep_of: HashMap<(usize, usize), String> = HashMap::new();
        for chain in &chains {
            let rep = chain
                .iter()
                .find(|m| m[5].as_bool() == Some(true))
                .or(chain.first());
            let Some(rep) = rep else { continue };
            let rep_text = rep[4].as_str().unwrap_or("").to_string();
            for m in chain {
                let (s, a, b) = (
                    m[0].as_u64().unwrap_or(0),
                    m[1].as_u64().unwrap_or(0),
                    m[2].as_u64().unwrap_or(0),
                );
                if let (Some(&(start, _)), Some(&(_, end))) =
                    (pos.get(&(s, a)), pos.get(&(s, b.saturating_sub(1))))
                {
                    rep_of.insert((start, end), rep_text.clone());
                }
            }
        }
        let text = std::fs::read_to_string(dir.join(format!("text/{name}.txt"))).unwrap();
        let doc = pipeline.annotate(&text).unwrap();
        let out = OutDocument::from_doc(&name, &doc);
        for a in &out.attributions {
            let (Some(src), Some(sp)) = (a.source.first(), a.speaker.as_ref()) else {
                continue;
            };
            let lower = src.text.to_lowercase();
            let pronoun = matches!(lower.as_str(), "he" | "she" | "they" | "we" | "it" | "i");
            let nominal =
                lower.starts_with("the ") && !src.text[4..].starts_with(char::is_uppercase);
            if !(pronoun || nominal) {
                continue;
            }
            let Some(rep) = rep_of.get(&(src.start, src.end)) else {
                no_chain += 1;
                continue;
            };
            total += 1;
            let last = |s: &str| {
                s.split_whitespace()
                    .last()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            };
            let name = sp.label();
            let ok = rep.to_lowercase().contains(&last(name))
                || name.to_lowercase().contains(&last(rep));
            if ok {
                agree += 1;
            } else {
                println!(
                    "{name}: \"{}\" -> ours \"{}\" / CoreNLP \"{}\"",
                    src.text, name, rep
                );
            }
        }
    }
    println!(
        "pronoun/nominal sources with a CoreNLP chain: {total}; agree: {agree} ({:.1}%); no CoreNLP chain: {no_chain}",
        100.0 * agree as f64 / total.max(1) as f64
    );
}
