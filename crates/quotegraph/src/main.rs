//! The `quotegraph` command: parse flags, call the library, print.

mod extract;
mod input;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            format,
            max_bytes,
            paths,
        } => extract::run(&paths, format, max_bytes),
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
