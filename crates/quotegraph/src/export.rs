//! `quotegraph export`: every attribution with its article's metadata, as JSONL or CSV.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use quotegraph_store::{export, ExportRow, Store, StoreError, StoreErrorKind};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per attribution and line; spans nested.
    Jsonl,
    /// RFC 4180 CSV with a header row; spans as a JSON string column.
    Csv,
}

const CSV_COLUMNS: &[&str] = &[
    "attribution_id",
    "article_id",
    "ord",
    "statement_id",
    "type",
    "cue_class",
    "speaker",
    "speaker_kind",
    "speaker_as_written",
    "source",
    "cue",
    "content",
    "content_start",
    "content_end",
    "spans",
    "carried_from",
    "duplicate_of",
    "title",
    "url",
    "outlet",
    "author",
    "published",
    "day",
    "language",
    "sources",
    "near_duplicate_of",
];

pub fn run(db: &Path, format: ExportFormat, out_path: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let sink: Box<dyn Write> = if out_path == Path::new("-") {
        Box::new(io::stdout().lock())
    } else {
        Box::new(
            File::create(out_path)
                .with_context(|| format!("cannot create {}", out_path.display()))?,
        )
    };
    let mut out = BufWriter::new(sink);
    if format == ExportFormat::Csv {
        write!(out, "{}\r\n", CSV_COLUMNS.join(","))?;
    }
    // a failed write stops the export; the io::Error itself is returned, so that a closed
    // pipe is recognised as one
    let mut failure: Option<io::Error> = None;
    let n = export(store.connection(), |row| {
        let written = match format {
            ExportFormat::Jsonl => serde_json::to_writer(&mut out, &row)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out)),
            ExportFormat::Csv => write_csv(&mut out, &row),
        };
        written.map_err(|e| {
            let copy = io::Error::new(e.kind(), e.to_string());
            failure = Some(e);
            StoreError::from(StoreErrorKind::Io(copy))
        })
    });
    if let Some(e) = failure {
        return Err(e.into());
    }
    let n = n?;
    out.flush()?;
    if out_path != Path::new("-") {
        eprintln!(
            "quotegraph: {n} attributions written to {}",
            out_path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn write_csv(out: &mut impl Write, r: &ExportRow) -> io::Result<()> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let first = &r.spans["content"][0];
    let fields: [String; 26] = [
        r.attribution_id.to_string(),
        r.article_id.to_string(),
        r.ord.to_string(),
        num(r.statement_id),
        r.kind.clone(),
        opt(&r.cue_class),
        opt(&r.speaker),
        opt(&r.speaker_kind),
        opt(&r.speaker_as_written),
        r.source.clone(),
        r.cue.clone(),
        r.content.clone(),
        first["start"]
            .as_i64()
            .map(|v| v.to_string())
            .unwrap_or_default(),
        first["end"]
            .as_i64()
            .map(|v| v.to_string())
            .unwrap_or_default(),
        r.spans.to_string(),
        num(r.carried_from),
        num(r.duplicate_of),
        opt(&r.title),
        opt(&r.url),
        opt(&r.outlet),
        opt(&r.author),
        opt(&r.published),
        opt(&r.day),
        opt(&r.language),
        r.sources.to_string(),
        num(r.near_duplicate_of),
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if f.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}
