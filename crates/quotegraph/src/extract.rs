//! `quotegraph extract`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use quotegraph_actors::{Options, OutFullDocument};
use quotegraph_core::schema::OutDocument;
use quotegraph_core::Pipeline;

use crate::input;
use crate::Format;

pub fn run(
    paths: &[PathBuf],
    format: Option<Format>,
    published: Option<&str>,
    max_bytes: u64,
) -> anyhow::Result<ExitCode> {
    let options = match published {
        Some(d) => Options::published(d).with_context(|| format!("--published {d}"))?,
        None => Options::default(),
    };
    let inputs = input::collect(paths);
    let format = format.unwrap_or(if inputs.len() == 1 {
        Format::Json
    } else {
        Format::Jsonl
    });
    let pipeline = Pipeline::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for (path, walk_error) in inputs {
        if let Some(e) = walk_error {
            eprintln!("quotegraph: {}: {e}", path.display());
            failed += 1;
            continue;
        }
        let doc_in = input::read(&path, max_bytes);
        let text = match doc_in.text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("quotegraph: {}: {e}", doc_in.origin);
                failed += 1;
                continue;
            }
        };
        let doc = match pipeline.annotate(&text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("quotegraph: {}: {e}", doc_in.origin);
                failed += 1;
                continue;
            }
        };
        match format {
            // the engine's document with the actors' layers
            Format::Json | Format::Jsonl => {
                let full = quotegraph_actors::document(&doc_in.name, &doc, &options);
                write_full(&mut out, &full, format == Format::Json)?;
            }
            Format::Spans | Format::Text => {
                let od = OutDocument::from_doc(&doc_in.name, &doc);
                write_doc(&mut out, &od, format)?;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("quotegraph: {failed} input(s) failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn write_full(out: &mut impl Write, doc: &OutFullDocument, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, doc)?;
    } else {
        serde_json::to_writer(&mut *out, doc)?;
    }
    writeln!(out)
}

pub fn write_doc(out: &mut impl Write, od: &OutDocument, format: Format) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, od)?;
            writeln!(out)
        }
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, od)?;
            writeln!(out)
        }
        Format::Spans => {
            serde_json::to_writer(&mut *out, &od.to_spans())?;
            writeln!(out)
        }
        Format::Text => write_text(out, od),
    }
}

fn write_text(out: &mut impl Write, od: &OutDocument) -> io::Result<()> {
    writeln!(
        out,
        "== {} ({} attributions)",
        od.doc,
        od.attributions.len()
    )?;
    for a in &od.attributions {
        let speaker = a
            .speaker
            .as_ref()
            .map(|s| match &s.name {
                Some(name) => format!("{name} ({})", s.kind.as_str()),
                // an unnamed source: its own words, in brackets
                None => format!("[{}] ({})", s.label(), s.kind.as_str()),
            })
            .unwrap_or_else(|| "?".into());
        let cue = a
            .cue
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" … ");
        let cue = if cue.is_empty() {
            "(no cue)".to_string()
        } else {
            cue
        };
        let mut flags = String::new();
        if let Some(d) = a.duplicate_of {
            flags.push_str(&format!(" [repeats #{d}]"));
        }
        if let Some(c) = a.carried_from {
            flags.push_str(&format!(" [continues #{c}]"));
        }
        let kind = serde_json::to_value(a.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(out, "#{} {} — {} [{}]{}", a.id, speaker, cue, kind, flags)?;
        for c in &a.content {
            writeln!(out, "    {}", c.text)?;
        }
    }
    for d in &od.duplicates {
        writeln!(
            out,
            "duplicate paragraph at {}..{} repeats {}..{}",
            d.start, d.end, d.duplicate_of.start, d.duplicate_of.end
        )?;
    }
    Ok(())
}
