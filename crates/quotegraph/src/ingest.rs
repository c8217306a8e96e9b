//! `quotegraph ingest`: read any mix of inputs into the corpus database.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use quotegraph_ingest::{read_paths_pending, Pending, ReadOptions};
use quotegraph_store::{ingest_with, IngestOptions, Store, Summary};

pub fn run(
    db: &Path,
    paths: &[PathBuf],
    batch: usize,
    threads: usize,
    actors: bool,
) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(db).context("cannot open the database")?;
    // the reader thread only reads; HTML pages are extracted on the workers
    let items = read_paths_pending(paths, ReadOptions::default());
    let opts = IngestOptions {
        batch_size: batch,
        threads,
        actors,
        ..IngestOptions::default()
    };
    let started = Instant::now();
    // a progress line only for a person watching: never in logs or pipes
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} articles {msg}")
                .expect("a valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let summary = ingest_with(&mut store, items, Pending::finish, &opts, |s: &Summary| {
        if let Some(bar) = &bar {
            bar.set_position(s.read);
            let rate = s.read as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "({rate:.0}/s): new {}, duplicate {}, failed {}",
                s.written.new, s.written.duplicates, s.failed
            ));
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = summary.context("ingestion stopped: the database failed")?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    print_summary(&mut out, &summary, elapsed)?;
    let counts = store.counts()?;
    writeln!(
        out,
        "database {}: {} articles ({} sources, {} near-duplicates), {} attributions, {} statements, {} speakers",
        db.display(),
        counts.articles,
        counts.sources,
        counts.near_duplicates,
        counts.attributions,
        counts.statements,
        counts.speakers
    )?;
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_summary(out: &mut impl Write, s: &Summary, seconds: f64) -> std::io::Result<()> {
    let w = &s.written;
    writeln!(
        out,
        "read {} articles in {:.1} s ({:.0}/s; writing {:.1} s): {} new, {} duplicate ({} new sources), {} failed; {} near-duplicates linked; {} attributions stored",
        s.read,
        seconds,
        s.read as f64 / seconds.max(1e-9),
        s.writing.as_secs_f64(),
        w.new,
        w.duplicates,
        w.new_sources,
        s.failed,
        w.near_duplicates,
        w.attributions
    )?;
    if s.failed > 0 {
        let shown = s.failures.len() as u64;
        eprintln!(
            "quotegraph: {} input(s) failed{}:",
            s.failed,
            if s.failed > shown {
                format!(" (the first {shown} shown)")
            } else {
                String::new()
            }
        );
        for f in &s.failures {
            eprintln!("quotegraph: {f}");
        }
    }
    Ok(())
}
