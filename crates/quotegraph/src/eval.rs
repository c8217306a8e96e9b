//! `quotegraph eval`: score predictions (or the engine itself) against brat gold.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::ValueEnum;
use quotegraph_core::schema::OutDocument;
use quotegraph_core::Pipeline;
use quotegraph_eval::{load_gold, load_predictions, score, CharSpan, Predictions, RoleSpans, Unit};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Token,
    Char,
}

/// Runs the engine on every gold text and returns its predictions.
pub fn predict(gold: &quotegraph_eval::GoldSet) -> anyhow::Result<Predictions> {
    let pipeline = Pipeline::default();
    let mut preds = Predictions::new();
    for d in &gold.docs {
        let doc = pipeline
            .annotate(&d.text)
            .with_context(|| format!("{}: cannot annotate", d.name))?;
        let spans = OutDocument::from_doc(&d.name, &doc).to_spans();
        let conv = |v: &[[usize; 2]]| {
            v.iter()
                .map(|r| CharSpan::new(r[0], r[1]))
                .collect::<Vec<_>>()
        };
        preds.add(
            &d.name,
            spans.attributions.iter().map(|a| RoleSpans {
                cue: conv(&a.cue),
                source: conv(&a.source),
                content: conv(&a.content),
            }),
        );
    }
    Ok(preds)
}

pub fn run(
    gold_dir: &Path,
    pred: Option<&Path>,
    json: Option<&Path>,
    save_pred: Option<&Path>,
    unit: UnitArg,
    floors: &[String],
) -> anyhow::Result<ExitCode> {
    let floors = floors
        .iter()
        .map(|f| parse_floor(f))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let gold =
        load_gold(gold_dir).with_context(|| format!("reading gold from {}", gold_dir.display()))?;
    let preds = match pred {
        Some(p) => load_predictions(p)
            .with_context(|| format!("reading predictions from {}", p.display()))?,
        None => predict(&gold)?,
    };
    if let Some(path) = save_pred {
        let f =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        preds.write_jsonl(std::io::BufWriter::new(f))?;
    }
    let unit = match unit {
        UnitArg::Token => Unit::Token,
        UnitArg::Char => Unit::Char,
    };
    let report = score(&gold, &preds, unit).with_path_labels(gold_dir, pred);
    print!("{}", report.table());
    let value = report.to_json();
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&value)?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    let mut failed = false;
    for (path, floor) in &floors {
        let got = path
            .iter()
            .try_fold(&value, |v, k| v.get(k.as_str()))
            .and_then(|v| v.get("f1"))
            .and_then(|v| v.as_f64())
            .with_context(|| format!("no figure {} in the report", path.join(".")))?;
        if got + 1e-12 < *floor {
            eprintln!(
                "quotegraph: eval: {} F1 {:.4} is below the floor {:.4}",
                path.join("."),
                got,
                floor
            );
            failed = true;
        } else {
            eprintln!(
                "quotegraph: eval: {} F1 {:.4} meets the floor {:.4}",
                path.join("."),
                got,
                floor
            );
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "quote.content.overlap=0.75" -> (["quote", "content", "overlap"], 0.75)
fn parse_floor(s: &str) -> anyhow::Result<(Vec<String>, f64)> {
    let Some((path, value)) = s.split_once('=') else {
        bail!("floor '{s}' is not SUBSET.LEVEL.MATCH=VALUE")
    };
    let parts: Vec<String> = path.split('.').map(str::to_string).collect();
    if parts.len() != 3
        || !matches!(parts[0].as_str(), "all" | "quote")
        || !matches!(
            parts[1].as_str(),
            "cue" | "source" | "content" | "attribution"
        )
        || !matches!(parts[2].as_str(), "exact" | "overlap")
    {
        bail!("floor '{s}': expected all|quote . cue|source|content|attribution . exact|overlap");
    }
    let v: f64 = value
        .parse()
        .with_context(|| format!("floor '{s}': '{value}' is not a number"))?;
    Ok((parts, v))
}
