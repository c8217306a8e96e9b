//! quotegraph-eval: read PolNeAR brat gold and score attribution predictions.
//!
//! This crate is a faithful port of the reference scorer
//! `score_attributions.py` (stdlib Python): every count it reports is the
//! same integer, and every ratio the same `f64`, as the Python computes.
//!
//! * [`load_gold`] reads `DIR/text/NAME.txt` and the alphabetically first
//!   `DIR/attributions/NAME_ANNOTATOR.ann` of each article ([`GoldSet`]).
//!   The parsed brat (every `T` span and `E` event) is kept for training.
//! * [`read_predictions`] / [`load_predictions`] read the JSONL prediction
//!   format; [`Predictions::add`] builds the same thing in memory.
//! * [`score`] computes the exact and overlap metrics ([`Report`]), which
//!   prints as the Python table ([`Report::table`]) or JSON
//!   ([`Report::to_json`]).
//!
//! All offsets in gold and predictions are **code point** offsets (Python
//! `str` indices); [`CharOffsets`] converts them to byte offsets.
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
mod tokens;

pub use brat::{parse_ann, split_ann_name, AnnStats, BratArg, BratEvent, BratSpan, ParsedAnn};
pub use error::EvalError;
pub use gold::{load_gold, GoldAttribution, GoldDoc, GoldSet, GoldStats};
pub use offsets::CharOffsets;
pub use predictions::{load_predictions, read_predictions, DuplicateDoc, Predictions};
pub use report::{ExactScores, KindReport, OverlapScores, Prf, Report, SubsetReport};
pub use score::{score, KindCounts, SubsetCounts};
pub use span::{CharSpan, Kind, Role, RoleSpans, QUOTE_CHARS};
pub use tokens::{TokenSet, Tokens, Unit};
