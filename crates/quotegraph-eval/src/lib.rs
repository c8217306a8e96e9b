//! quotegraph-eval: read PolNeAR brat gold and score attribution predictions.
//!
//! This crate is a faithful port of the reference scorers
//! `score_attributions.py` and `score_speakers.py` (stdlib Python): every
//! count they report is the same integer, and every ratio the same `f64`, as
//! the Python computes.
//!
//! * [`load_gold`] reads `DIR/text/NAME.txt` and the alphabetically first
//!   `DIR/attributions/NAME_ANNOTATOR.ann` of each article ([`GoldSet`]).
//!   The parsed brat (every `T` span and `E` event) is kept for training.
//! * [`read_predictions`] / [`load_predictions`] read the JSONL prediction
//!   format; [`Predictions::add`] builds the same thing in memory.
//! * [`score`] computes the exact and overlap metrics ([`Report`]), which
//!   prints as the Python table ([`Report::table`]) or JSON
//!   ([`Report::to_json`]).
//! * [`load_speaker_key`] reads a speaker identity key and
//!   [`score_speakers`] scores the predicted speakers against it
//!   ([`SpeakerReport`]), figure for figure as `score_speakers.py`.
//!
//! All offsets in gold and predictions are **code point** offsets (Python
//! `str` indices); [`CharOffsets`] converts them to and from byte offsets.
//!
//! # Scoring an engine's output without a file
//!
//! ```
//! use quotegraph_eval::{score, CharOffsets, GoldSet, Kind, Predictions, RoleSpans, Unit};
//!
//! // Usually `load_gold(Path::new(".../polnear/dev"))?`; here one article in memory.
//! let mut gold = GoldSet::default();
//! let ann = "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 9 13\t“hi”\n\
//!            T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n";
//! gold.insert("doc1", "Bob said “hi” today.".to_string(), "doc1_ann1.ann", ann);
//!
//! // The engine found the cue as a byte range: convert it to code points.
//! let doc = gold.get("doc1").unwrap();
//! let offsets = CharOffsets::new(&doc.text);
//! let mut preds = Predictions::new();
//! let cue = offsets.char_span(4..8).unwrap();
//! let content = offsets.char_span(9..17).unwrap(); // “hi” is 8 bytes, 4 code points
//! preds.add("doc1", [RoleSpans { cue: vec![cue], source: vec![], content: vec![content] }]);
//!
//! let report = score(&gold, &preds, Unit::Token);
//! print!("{}", report.table()); // the Python's table
//! let json = report.to_json(); // the Python's --json output (without labels)
//! assert_eq!(report.all.kind(Kind::Cue).exact.prf.f1, 1.0);
//! assert_eq!(report.all.kind(Kind::Source).exact.tp_pred, 0);
//! assert_eq!(report.quote.n_gold, 1);
//! assert_eq!(json["all"]["content"]["exact"]["tp_pred"], 1);
//! ```
#![deny(missing_docs)]

mod brat;
mod error;
mod gold;
mod offsets;
mod predictions;
pub mod pychar;
mod pytables;
mod report;
mod score;
mod span;
mod speakers;
mod tokens;

pub use brat::{parse_ann, split_ann_name, AnnStats, BratArg, BratEvent, BratSpan, ParsedAnn};
pub use error::EvalError;
pub use gold::{load_gold, GoldAttribution, GoldDoc, GoldSet, GoldStats};
pub use offsets::CharOffsets;
pub use predictions::{
    load_predictions, read_predictions, AttributionInfo, DuplicateDoc, PredictedAttribution,
    PredictedSpeaker, Predictions,
};
pub use report::{ExactScores, KindReport, OverlapScores, Prf, Report, SubsetReport};
pub use score::{score, KindCounts, SubsetCounts};
pub use span::{CharSpan, Kind, Role, RoleSpans, QUOTE_CHARS};
pub use speakers::{
    load_speaker_key, py_round4, read_key_file, score_speakers, KeyAttribution, KeyDoc,
    SpeakerCounts, SpeakerFigure, SpeakerKey, SpeakerReport,
};
pub use tokens::{TokenSet, Tokens, Unit};
