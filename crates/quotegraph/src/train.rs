//! `quotegraph train`: rebuild the embedded models from the shared data.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use quotegraph_core::doc::{CueStage, PosStage};
use quotegraph_core::learn::CueModel;
use quotegraph_core::Pipeline;
use quotegraph_eval::{load_gold, CharOffsets};

/// Trains the cue model on the gold attributions in `gold_dir` and writes
/// `cue.bin` into `out_dir`. Deterministic for a given seed.
pub fn run(gold_dir: &Path, out_dir: &Path, epochs: usize, seed: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    let gold = load_gold(gold_dir).with_context(|| format!("reading {}", gold_dir.display()))?;
    // the model sees the layers the rules see, without itself
    let pipeline = Pipeline::standard_with_cues(PosStage::default(), CueStage { learned: false });
    let mut docs = Vec::with_capacity(gold.docs.len());
    for d in &gold.docs {
        let doc = pipeline
            .annotate(&d.text)
            .with_context(|| format!("annotating {}", d.name))?;
        let offsets = CharOffsets::new(&d.text);
        let mut labels = vec![false; doc.tokens.len()];
        for a in &d.attributions {
            for c in &a.roles.cue {
                let Some(r) = offsets.byte_range(*c) else {
                    continue;
                };
                let first = doc.tokens.partition_point(|t| t.span.end() <= r.start);
                for (k, t) in doc.tokens.iter().enumerate().skip(first) {
                    if t.span.start() >= r.end {
                        break;
                    }
                    labels[k] = true;
                }
            }
        }
        docs.push((doc, labels));
    }
    let refs: Vec<_> = docs.iter().map(|(d, l)| (d, l.clone())).collect();
    let model = CueModel::train(&refs, epochs, seed);
    std::fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let path = out_dir.join("cue.bin");
    let bytes = model.to_bytes();
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "quotegraph: train: cue model from {} articles, {} epochs, seed {}: {} ({} bytes) in {:.1} s",
        gold.docs.len(),
        epochs,
        seed,
        path.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
