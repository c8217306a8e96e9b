//! The `quotegraph` command: parse flags, call the library, print.

mod eval;
mod extract;
mod input;
mod train;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Who said what: attribution extraction from news.
#[derive(Parser)]
#[command(name = "quotegraph", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One pretty JSON document (the default for one input).
    Json,
    /// One JSON document per line (the default for several inputs).
    Jsonl,
    /// The evaluation interchange format: code point ranges only.
    Spans,
    /// A readable view for a terminal.
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Extract attributions from text files (a file, a directory of .txt files, or - for stdin).
    Extract {
        /// Output format.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Largest document to read, in bytes.
        #[arg(long, default_value_t = input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Inputs.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Rebuild the embedded models from PolNeAR train (deterministic for a seed).
    Train {
        /// The training split: text/ and attributions/ in brat format.
        #[arg(long, default_value = "../shared/data/polnear/train")]
        gold: PathBuf,
        /// Where the model files go.
        #[arg(long, default_value = "crates/quotegraph-core/models")]
        out: PathBuf,
        /// Passes over the data.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Shuffling seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Score attributions against PolNeAR brat gold (exact and token-overlap P/R/F1).
    Eval {
        /// A directory with text/ and attributions/ in PolNeAR's brat format.
        #[arg(long)]
        gold: PathBuf,
        /// Predictions in the spans format (JSONL); without it the engine runs on DIR/text.
        #[arg(long)]
        pred: Option<PathBuf>,
        /// Write every figure as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Write the engine's predictions (spans format) here.
        #[arg(long)]
        save_pred: Option<PathBuf>,
        /// Token (the protocol's default) or char units.
        #[arg(long, value_enum, default_value_t = eval::UnitArg::Token)]
        unit: eval::UnitArg,
        /// Fail (exit 1) when a figure is below a floor: SUBSET.LEVEL.MATCH=VALUE,
        /// e.g. quote.content.overlap=0.75 (repeatable).
        #[arg(long = "floor")]
        floors: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            format,
            max_bytes,
            paths,
        } => extract::run(&paths, format, max_bytes),
        Command::Train {
            gold,
            out,
            epochs,
            seed,
        } => train::run(&gold, &out, epochs, seed).map(|()| ExitCode::SUCCESS),
        Command::Eval {
            gold,
            pred,
            json,
            save_pred,
            unit,
            floors,
        } => eval::run(
            &gold,
            pred.as_deref(),
            json.as_deref(),
            save_pred.as_deref(),
            unit,
            &floors,
        ),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // a closed pipe (`| head`) is not an error
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "quotegraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
