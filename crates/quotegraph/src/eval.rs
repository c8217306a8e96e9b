//! `quotegraph eval`: score predictions (or the engine itself) against brat gold.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::ValueEnum;
use quotegraph_core::schema::OutDocument;
use quotegraph_core::Pipeline;
use quotegraph_eval::{
    load_gold, load_predictions, load_speaker_key, score, score_speakers, AttributionInfo,
    CharSpan, PredictedAttribution, PredictedSpeaker, Predictions, RoleSpans, SpeakerFigure, Unit,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Token,
    Char,
}

/// The engine's speaker as the scorer reads it. Goes through the speaker's
/// JSON, so a change of the engine's speaker struct (an optional name, more
/// fields) only matters here if its `name` or `kind` fields change meaning.
fn predicted_speaker<S: serde::Serialize>(speaker: &S) -> anyhow::Result<Option<PredictedSpeaker>> {
    let v = serde_json::to_value(speaker)?;
    PredictedSpeaker::from_json(&v).map_err(anyhow::Error::msg)
}

/// Runs the engine on every gold text and returns its predictions, each
/// attribution with the speaker the engine resolved.
pub fn predict(gold: &quotegraph_eval::GoldSet) -> anyhow::Result<Predictions> {
    let pipeline = Pipeline::default();
    let mut preds = Predictions::new();
    for d in &gold.docs {
        let doc = pipeline
            .annotate(&d.text)
            .with_context(|| format!("{}: cannot annotate", d.name))?;
        let out = OutDocument::from_doc(&d.name, &doc);
        let (spans, origins) = out.to_spans_with_origins();
        let conv = |v: &[[usize; 2]]| {
            v.iter()
                .map(|r| CharSpan::new(r[0], r[1]))
                .collect::<Vec<_>>()
        };
        let mut atts = Vec::with_capacity(spans.attributions.len());
        for (a, &origin) in spans.attributions.iter().zip(&origins) {
            let speaker = match &out.attributions[origin].speaker {
                Some(s) => predicted_speaker(s)
                    .with_context(|| format!("{}: the engine's speaker", d.name))?,
                None => None,
            };
            atts.push(PredictedAttribution {
                spans: RoleSpans {
                    cue: conv(&a.cue),
                    source: conv(&a.source),
                    content: conv(&a.content),
                },
                info: AttributionInfo {
                    speaker,
                    duplicate_of: None,
                },
            });
        }
        preds.add_attributions(&d.name, atts);
    }
    Ok(preds)
}

/// What a `--floor` limits.
enum Floor {
    /// An F1 of the span report: SUBSET.LEVEL.MATCH, at least the value.
    Span(Vec<String>, f64),
    /// A speaker figure: at least the value, or at most it when lower is better.
    Speaker(SpeakerFigure, f64),
}

pub fn run(
    gold_dir: &Path,
    speakers: Option<&Path>,
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
    if speakers.is_none() && floors.iter().any(|f| matches!(f, Floor::Speaker(..))) {
        bail!("a speakers.* floor needs --speakers KEYDIR");
    }
    let gold =
        load_gold(gold_dir).with_context(|| format!("reading gold from {}", gold_dir.display()))?;
    let key = speakers
        .map(|dir| {
            load_speaker_key(dir)
                .with_context(|| format!("reading the speaker key from {}", dir.display()))
        })
        .transpose()?;
    let preds = match pred {
        Some(p) => load_predictions(p)
            .with_context(|| format!("reading predictions from {}", p.display()))?,
        None => predict(&gold)?,
    };
    if let Some(path) = save_pred {
        let f =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = std::io::BufWriter::new(f);
        preds
            .write_jsonl(&mut w)
            .and_then(|()| std::io::Write::flush(&mut w))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let unit = match unit {
        UnitArg::Token => Unit::Token,
        UnitArg::Char => Unit::Char,
    };
    let report = score(&gold, &preds, unit).with_path_labels(gold_dir, pred);
    print!("{}", report.table());
    let mut value = report.to_json();
    let speaker_report = key.as_ref().map(|k| score_speakers(k, &preds));
    if let Some(r) = &speaker_report {
        println!();
        print!("{}", r.table());
        if r.docs_without_predictions_line > 0 {
            eprintln!(
                "quotegraph: eval: {} of {} speaker key docs have no predictions{}",
                r.docs_without_predictions_line,
                r.key_docs,
                if pred.is_none() {
                    " (not in the gold's text/)"
                } else {
                    ""
                }
            );
        }
        if pred.is_some() && !preds.has_speakers() {
            eprintln!("quotegraph: eval: the predictions have no speakers");
        }
        value["speakers"] = r.to_json();
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&value)?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    let mut failed = false;
    for floor in &floors {
        let (name, what, got, limit, ceiling) = match floor {
            Floor::Span(path, limit) => {
                let got = path
                    .iter()
                    .try_fold(&value, |v, k| v.get(k.as_str()))
                    .and_then(|v| v.get("f1"))
                    .and_then(|v| v.as_f64())
                    .with_context(|| format!("no figure {} in the report", path.join(".")))?;
                (path.join("."), "F1", Some(got), *limit, false)
            }
            Floor::Speaker(fig, limit) => {
                let r = speaker_report.as_ref().context("no speaker report")?;
                let name = format!("speakers.{}", fig.as_str());
                (name, "", r.get(*fig), *limit, fig.lower_is_better())
            }
        };
        let what = if what.is_empty() {
            String::new()
        } else {
            format!(" {what}")
        };
        let ok = match got {
            None => false,
            Some(g) if ceiling => g <= limit + 1e-12,
            Some(g) => g + 1e-12 >= limit,
        };
        let bound = if ceiling { "ceiling" } else { "floor" };
        let verdict = match (ok, got, ceiling) {
            (true, _, _) => "meets the",
            (false, None, _) => "cannot meet the",
            (false, _, true) => "is above the",
            (false, _, false) => "is below the",
        };
        let got = got.map_or("undefined (denominator 0)".to_string(), |g| {
            format!("{g:.4}")
        });
        eprintln!("quotegraph: eval: {name}{what} {got} {verdict} {bound} {limit:.4}");
        failed |= !ok;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "quote.content.overlap=0.75" (or ">=0.75"): an F1 floor;
/// "speakers.named_accuracy=0.50" (or ">="): a floor on a speaker figure;
/// "speakers.invented_names<=0.80": a ceiling (lower is better there).
fn parse_floor(s: &str) -> anyhow::Result<Floor> {
    let (path, op, value) = if let Some((p, v)) = s.split_once("<=") {
        (p, "<=", v)
    } else if let Some((p, v)) = s.split_once(">=") {
        (p, ">=", v)
    } else if let Some((p, v)) = s.split_once('=') {
        (p, "=", v)
    } else {
        bail!(
            "floor '{s}' is not SUBSET.LEVEL.MATCH=VALUE, speakers.FIGURE=VALUE or \
             speakers.invented_names<=VALUE"
        )
    };
    let v: f64 = value
        .trim()
        .parse()
        .with_context(|| format!("floor '{s}': '{value}' is not a number"))?;
    if let Some(name) = path.strip_prefix("speakers.") {
        let Some(fig) = SpeakerFigure::from_name(name) else {
            let names: Vec<&str> = SpeakerFigure::ALL.iter().map(|f| f.as_str()).collect();
            bail!(
                "floor '{s}': no speaker figure '{name}' (one of {})",
                names.join(", ")
            );
        };
        match (fig.lower_is_better(), op) {
            (true, "<=") | (false, "=" | ">=") => {}
            (true, _) => bail!(
                "floor '{s}': {name} is lower-is-better, so its limit is a ceiling: \
                 write speakers.{name}<={value}"
            ),
            (false, _) => {
                bail!("floor '{s}': {name} is higher-is-better: write speakers.{name}={value}")
            }
        }
        return Ok(Floor::Speaker(fig, v));
    }
    let parts: Vec<String> = path.split('.').map(str::to_string).collect();
    if op == "<="
        || parts.len() != 3
        || !matches!(parts[0].as_str(), "all" | "quote")
        || !matches!(
            parts[1].as_str(),
            "cue" | "source" | "content" | "attribution"
        )
        || !matches!(parts[2].as_str(), "exact" | "overlap")
    {
        bail!(
            "floor '{s}': expected all|quote . cue|source|content|attribution . exact|overlap \
             =VALUE, or speakers.FIGURE=VALUE"
        );
    }
    Ok(Floor::Span(parts, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors() {
        assert!(matches!(
            parse_floor("quote.content.overlap=0.75"),
            Ok(Floor::Span(p, v)) if p == ["quote", "content", "overlap"] && v == 0.75
        ));
        assert!(matches!(
            parse_floor("all.cue.exact>=0.6"),
            Ok(Floor::Span(_, v)) if v == 0.6
        ));
        assert!(matches!(
            parse_floor("speakers.named_accuracy=0.45"),
            Ok(Floor::Speaker(SpeakerFigure::NamedAccuracy, v)) if v == 0.45
        ));
        assert!(matches!(
            parse_floor("speakers.invented_names<=0.85"),
            Ok(Floor::Speaker(SpeakerFigure::InventedNames, v)) if v == 0.85
        ));
        for (bad, msg) in [
            ("speakers.invented_names=0.85", "ceiling"),
            ("speakers.named_accuracy<=0.5", "higher-is-better"),
            ("speakers.gold_named=3", "no speaker figure"),
            ("all.cue.exact<=0.5", "expected all|quote"),
            ("all.cue=0.5", "expected all|quote"),
            ("all.cue.exact=x", "not a number"),
            ("all.cue.exact", "is not"),
        ] {
            let err = parse_floor(bad)
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default();
            assert!(err.contains(msg), "{bad}: {err}");
        }
    }

    /// The engine's speaker struct converts through its JSON, whatever
    /// fields it has.
    #[test]
    fn engine_speakers_convert_through_json() {
        #[derive(serde::Serialize)]
        struct Future {
            name: Option<String>,
            kind: &'static str,
            mention: usize,
        }
        let s = Future {
            name: Some("Bob Smith".into()),
            kind: "person",
            mention: 3,
        };
        assert_eq!(
            predicted_speaker(&s).unwrap(),
            Some(PredictedSpeaker::new("Bob Smith", "person"))
        );
        let s = Future {
            name: None,
            kind: "unknown",
            mention: 3,
        };
        assert_eq!(
            predicted_speaker(&s).unwrap(),
            Some(PredictedSpeaker::new("", "unknown"))
        );
    }
}
