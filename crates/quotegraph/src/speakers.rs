//! `quotegraph speakers`: speakers by number of statements, or why a name maps where it does
//! and the roles the speaker was described by.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use quotegraph_store::speakers::explain;
use quotegraph_store::{top_speakers, Store};

/// Roles `--explain` lists per entity, most articles first.
const ROLES_SHOWN: usize = 20;

pub fn run(db: &Path, top: usize, explain_name: Option<&str>) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if let Some(name) = explain_name {
        let entities = explain(store.connection(), name)?;
        if entities.is_empty() {
            out.flush()?;
            eprintln!("quotegraph: no speaker matches {name:?}");
            return Ok(ExitCode::from(1));
        }
        for e in entities {
            writeln!(
                out,
                "{} ({}, speaker #{}): {} statements, {} mentions",
                e.name, e.kind, e.id, e.statements, e.mentions
            )?;
            for n in &e.names {
                let why = match &n.reason {
                    None => "its own name".to_string(),
                    Some(r) => r.clone(),
                };
                writeln!(out, "  name {:?} (key {:?}): {why}", n.name, n.key)?;
                let forms: Vec<String> = n
                    .surfaces
                    .iter()
                    .map(|(s, k)| format!("{s:?} ×{k}"))
                    .collect();
                if !forms.is_empty() {
                    writeln!(out, "    written as {}", forms.join(", "))?;
                }
            }
            for r in e.roles.iter().take(ROLES_SHOWN) {
                let when = match (&r.first_day, &r.last_day) {
                    (Some(a), Some(b)) if a == b => format!(", {a}"),
                    (Some(a), Some(b)) => format!(", {a} to {b}"),
                    _ => ", undated".to_string(),
                };
                writeln!(
                    out,
                    "  role {:?}: {} article{}{when}",
                    r.text,
                    r.articles,
                    if r.articles == 1 { "" } else { "s" }
                )?;
            }
            if e.roles.len() > ROLES_SHOWN {
                writeln!(out, "  … and {} more roles", e.roles.len() - ROLES_SHOWN)?;
            }
        }
    } else {
        writeln!(
            out,
            "{:>4}  {:>10}  {:>8}  speaker",
            "rank", "statements", "mentions"
        )?;
        for (i, s) in top_speakers(store.connection(), top)?.iter().enumerate() {
            let merged = if s.merged_names > 0 {
                format!(" [+{} merged name(s)]", s.merged_names)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{:>4}  {:>10}  {:>8}  {} ({}){merged}",
                i + 1,
                s.statements,
                s.mentions,
                s.name,
                s.kind
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
