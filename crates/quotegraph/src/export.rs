//! `quotegraph export`: every attribution with its article's metadata, as JSONL, CSV or
//! Parquet. CSV and Parquet have the columns of `quotegraph_store::EXPORT_COLUMNS`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use quotegraph_store::{
    export, Cell, ExportRow, Store, StoreError, StoreErrorKind, EXPORT_COLUMNS,
};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per attribution and line; spans nested.
    Jsonl,
    /// RFC 4180 CSV with a header row; spans as a JSON string column.
    Csv,
    /// Apache Parquet (zstd), the CSV's columns typed (needs a build with `--features parquet`).
    Parquet,
}

pub fn run(db: &Path, format: ExportFormat, out_path: &Path) -> anyhow::Result<ExitCode> {
    if format == ExportFormat::Parquet {
        return parquet::run(db, out_path);
    }
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
        let names: Vec<&str> = EXPORT_COLUMNS.iter().map(|c| c.name).collect();
        write!(out, "{}\r\n", names.join(","))?;
    }
    // a failed write stops the export; the io::Error itself is returned, so that a closed
    // pipe is recognised as one
    let mut failure: Option<io::Error> = None;
    let n = export(store.connection(), |row| {
        let written = match format {
            ExportFormat::Jsonl => serde_json::to_writer(&mut out, &row)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out)),
            ExportFormat::Csv | ExportFormat::Parquet => write_csv(&mut out, &row),
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
    for i in 0..EXPORT_COLUMNS.len() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let f = match r.cell(i) {
            Cell::Int(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Text(v) => v.map(|v| v.into_owned()).unwrap_or_default(),
            Cell::Bool(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        };
        if f.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(feature = "parquet")]
mod parquet {
    use std::fs::File;
    use std::io::BufWriter;
    use std::path::Path;
    use std::process::ExitCode;

    use anyhow::{bail, Context};
    use quotegraph_store::arrow::ParquetExport;
    use quotegraph_store::{export, Store, StoreErrorKind};

    pub fn run(db: &Path, out_path: &Path) -> anyhow::Result<ExitCode> {
        if out_path == Path::new("-") {
            bail!("Parquet cannot be written to standard output: give a file name");
        }
        let store = Store::open_existing(db)?;
        let file = File::create(out_path)
            .with_context(|| format!("cannot create {}", out_path.display()))?;
        let mut writer = ParquetExport::new(BufWriter::new(file))
            .with_context(|| format!("cannot write {}", out_path.display()))?;
        let mut failure = None;
        let n = export(store.connection(), |row| {
            writer.write(&row).map_err(|e| {
                let msg = e.to_string();
                failure = Some(e);
                StoreErrorKind::Io(std::io::Error::other(msg)).into()
            })
        });
        if let Some(e) = failure {
            return Err(
                anyhow::Error::new(e).context(format!("cannot write {}", out_path.display()))
            );
        }
        let n = n?;
        let mut sink = writer
            .finish()
            .with_context(|| format!("cannot write {}", out_path.display()))?;
        std::io::Write::flush(&mut sink)
            .with_context(|| format!("cannot write {}", out_path.display()))?;
        eprintln!(
            "quotegraph: {n} attributions written to {}",
            out_path.display()
        );
        Ok(ExitCode::SUCCESS)
    }
}

#[cfg(not(feature = "parquet"))]
mod parquet {
    use std::path::Path;
    use std::process::ExitCode;

    pub fn run(_db: &Path, _out: &Path) -> anyhow::Result<ExitCode> {
        anyhow::bail!(
            "this quotegraph was built without Parquet support; rebuild it with \
             `cargo build --release -p quotegraph --features parquet`, or export --format jsonl or csv"
        )
    }
}
