//! The `quotegraph` command: parse flags, call the library, print.

mod eval;
mod export;
mod extract;
mod graph;
mod ingest;
mod input;
mod search;
mod serve;
mod speakers;
mod train;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: the pipeline makes many small, short-lived allocations per
/// document, which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// The actors of one article as a graph: entities, relations, "said about" links, figures.
    Graph {
        /// json, dot (Graphviz) or mermaid.
        #[arg(long, value_enum, default_value_t = graph::GraphArg::Json)]
        format: graph::GraphArg,
        /// Publication date (YYYY-MM-DD) to resolve relative dates against.
        #[arg(long)]
        published: Option<String>,
        /// Largest document to read, in bytes.
        #[arg(long, default_value_t = input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// A .txt file, or - for stdin.
        path: PathBuf,
    },
    /// Extract attributions (and, in JSON, entities, figures, dates, relations) from text files
    /// (a file, a directory of .txt files, or - for stdin).
    Extract {
        /// Output format.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Publication date (YYYY-MM-DD) to resolve relative dates against.
        #[arg(long)]
        published: Option<String>,
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
    /// Score attributions against PolNeAR brat gold (exact and token-overlap P/R/F1),
    /// and speakers against a speaker identity key.
    Eval {
        /// A directory with text/ and attributions/ in PolNeAR's brat format.
        #[arg(long)]
        gold: PathBuf,
        /// Also score speaker identity against this key (one DOC.json per article,
        /// as ../shared/data/speakers/dev), figure for figure as score_speakers.py.
        #[arg(long, value_name = "KEYDIR")]
        speakers: Option<PathBuf>,
        /// Predictions (JSONL): the spans format, with an optional "speaker" per
        /// attribution, or `extract --format jsonl` output; without it the engine
        /// runs on DIR/text.
        #[arg(long)]
        pred: Option<PathBuf>,
        /// Write every figure as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Write the predictions (spans format, with each attribution's speaker) here.
        #[arg(long)]
        save_pred: Option<PathBuf>,
        /// Token (the protocol's default) or char units.
        #[arg(long, value_enum, default_value_t = eval::UnitArg::Token)]
        unit: eval::UnitArg,
        /// Fail (exit 1) when a figure is below a floor: SUBSET.LEVEL.MATCH=VALUE,
        /// e.g. quote.content.overlap=0.75 (an F1), or speakers.FIGURE=VALUE with
        /// --speakers, e.g. speakers.named_accuracy=0.50; invented_names is
        /// lower-is-better, so its limit is a ceiling: speakers.invented_names<=0.80
        /// (repeatable).
        #[arg(long = "floor")]
        floors: Vec<String>,
    },
    /// Read articles (.txt dirs, .jsonl, .html, .warc(.gz), RSS/Atom) into the corpus database.
    Ingest {
        /// The database file (created when missing).
        #[arg(long, default_value = "quotegraph.db")]
        db: PathBuf,
        /// Articles per batch (one transaction each).
        #[arg(long, default_value_t = 128)]
        batch: usize,
        /// Extraction threads (0: one per core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Also store entities and relations, merged across articles (several times slower).
        #[arg(long)]
        actors: bool,
        /// Inputs: files of any supported format, or directories of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Search quotes by text, speaker and date.
    Search {
        /// The database file.
        #[arg(long, default_value = "quotegraph.db")]
        db: PathBuf,
        /// Only quotes by this speaker (a full name, a surname, or a name as written).
        #[arg(long)]
        speaker: Option<String>,
        /// Only articles published on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only articles published on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        /// Most statements to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per result and line.
        #[arg(long)]
        json: bool,
        /// Words that must occur in the quote ("a phrase" in quotes, prefix*).
        text: Vec<String>,
    },
    /// Speakers by number of statements, or how a name was merged (--explain).
    Speakers {
        /// The database file.
        #[arg(long, default_value = "quotegraph.db")]
        db: PathBuf,
        /// How many speakers to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Show the entity a name belongs to, its other names and why they were merged.
        #[arg(long, value_name = "NAME")]
        explain: Option<String>,
    },
    /// Export every attribution with its article's metadata.
    Export {
        /// The database file.
        #[arg(long, default_value = "quotegraph.db")]
        db: PathBuf,
        /// Output format.
        #[arg(long, value_enum)]
        format: export::ExportFormat,
        /// Output file (- for standard output).
        out: PathBuf,
    },
    /// Serve the API and the web pages (extract, search, speakers, articles) over HTTP.
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Graph {
            format,
            published,
            max_bytes,
            path,
        } => graph::run(&path, format, published.as_deref(), max_bytes),
        Command::Extract {
            format,
            published,
            max_bytes,
            paths,
        } => extract::run(&paths, format, published.as_deref(), max_bytes),
        Command::Train {
            gold,
            out,
            epochs,
            seed,
        } => train::run(&gold, &out, epochs, seed).map(|()| ExitCode::SUCCESS),
        Command::Eval {
            gold,
            speakers,
            pred,
            json,
            save_pred,
            unit,
            floors,
        } => eval::run(
            &gold,
            speakers.as_deref(),
            pred.as_deref(),
            json.as_deref(),
            save_pred.as_deref(),
            unit,
            &floors,
        ),
        Command::Ingest {
            db,
            batch,
            threads,
            actors,
            paths,
        } => ingest::run(&db, &paths, batch, threads, actors),
        Command::Search {
            db,
            speaker,
            since,
            until,
            limit,
            json,
            text,
        } => search::run(
            &db,
            search::Args {
                speaker,
                since,
                until,
                limit,
                json,
                text,
            },
        ),
        Command::Speakers { db, top, explain } => speakers::run(&db, top, explain.as_deref()),
        Command::Export { db, format, out } => export::run(&db, format, &out),
        Command::Serve(args) => serve::run(args),
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
