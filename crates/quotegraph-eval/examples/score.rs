//! Scores a prediction file against a PolNeAR gold directory, like
//! `score_attributions.py --gold DIR --pred FILE [--json OUT] [--unit token|char]`.
//!
//! ```text
//! cargo run -p quotegraph-eval --example score -- --gold DIR --pred FILE [--json OUT] [--unit token|char]
//! ```
//!
//! Prints the same table; `--json` writes the same JSON (keys sorted,
//! two-space indent). `--export-gold-preds FILE` writes the gold in the
//! prediction format.

use quotegraph_eval::{load_gold, load_predictions, score, Predictions, Unit};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: score --gold DIR --pred FILE [--json OUT] [--unit token|char] \
                     [--export-gold-preds FILE]";

#[derive(Default)]
struct Args {
    gold: Option<PathBuf>,
    pred: Option<PathBuf>,
    json: Option<PathBuf>,
    export: Option<PathBuf>,
    unit: Unit,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (flag, None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = inline
            .or_else(|| it.next())
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--gold" => a.gold = Some(value.into()),
            "--pred" => a.pred = Some(value.into()),
            "--json" => a.json = Some(value.into()),
            "--export-gold-preds" => a.export = Some(value.into()),
            "--unit" => a.unit = value.parse().map_err(|e| format!("{e}"))?,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(a)
}

fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let gold_dir = a.gold.ok_or(USAGE)?;
    let gold = load_gold(&gold_dir)?;
    for stem in &gold.docs_without_text {
        eprintln!("warning: no text for {stem}");
    }
    if let Some(path) = &a.export {
        let f = std::fs::File::create(path)?;
        Predictions::from_gold(&gold).write_jsonl(std::io::BufWriter::new(f))?;
        if a.pred.is_none() {
            return Ok(());
        }
    }
    let pred_path = a.pred.ok_or(USAGE)?;
    let preds = load_predictions(&pred_path)?;
    for d in &preds.duplicates {
        eprintln!(
            "warning: {}:{}: duplicate doc {}, merged",
            pred_path.display(),
            d.line,
            d.doc
        );
    }
    let report = score(&gold, &preds, a.unit).with_path_labels(&gold_dir, Some(&pred_path));
    print!("{}", report.table());
    if let Some(path) = a.json {
        let mut text = serde_json::to_string_pretty(&report.to_json())?;
        text.push('\n');
        std::fs::write(path, text)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
