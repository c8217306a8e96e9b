//! Prints the actors of one text file as JSON, or its graph.
//!
//! `cargo run -p quotegraph-actors --example actors -- PATH [--published YYYY-MM-DD] [--graph json|dot|mermaid]`
use quotegraph_actors::{Actors, Graph, GraphFormat, Options, OutActors};
use quotegraph_core::Pipeline;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: actors PATH [--published DATE] [--graph FORMAT]")?;
    let mut options = Options::default();
    let mut graph = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--published" => {
                options = Options::published(args.get(i + 1).ok_or("--published needs a date")?)?
            }
            "--graph" => {
                graph = Some(
                    args.get(i + 1)
                        .ok_or("--graph needs a format")?
                        .parse::<GraphFormat>()?,
                )
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let text = std::fs::read_to_string(path)?;
    let doc = Pipeline::default().annotate(&text)?;
    let out = OutActors::from_actors(&doc, &Actors::analyze(&doc, &options));
    match graph {
        Some(f) => print!("{}", Graph::new("doc", &out).render(f)),
        None => println!("{}", serde_json::to_string_pretty(&out)?),
    }
    Ok(())
}
