//! `quotegraph graph`: who is talked about, how the actors connect.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::ValueEnum;
use quotegraph_actors::graph::{Graph, GraphFormat};
use quotegraph_actors::{Actors, Options, OutActors};

use crate::input;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphArg {
    Json,
    Dot,
    Mermaid,
}

pub fn run(
    path: &Path,
    format: GraphArg,
    published: Option<&str>,
    max_bytes: u64,
) -> anyhow::Result<ExitCode> {
    let options = match published {
        Some(d) => Options::published(d).with_context(|| format!("--published {d}"))?,
        None => Options::default(),
    };
    let doc_in = input::read(path, max_bytes);
    let text = match doc_in.text {
        Ok(t) => t,
        Err(e) => bail!("{}: {e}", doc_in.origin),
    };
    let doc = quotegraph_core::Pipeline::default()
        .annotate(&text)
        .with_context(|| doc_in.origin.clone())?;
    let actors = Actors::analyze(&doc, &options);
    let out = OutActors::from_actors(&doc, &actors);
    let format = match format {
        GraphArg::Json => GraphFormat::Json,
        GraphArg::Dot => GraphFormat::Dot,
        GraphArg::Mermaid => GraphFormat::Mermaid,
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", Graph::new(&doc_in.name, &out).render(format))?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
