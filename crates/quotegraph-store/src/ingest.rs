//! Ingestion at corpus scale: one reader, extraction on all cores, one writer.
//!
//! ```text
//!  reader thread ──batches──▶ bounded channel ──▶ rayon workers (finish, prepare) ──▶ writer (this thread)
//! ```
//! With [`ingest_with`] the reader only reads (a WARC record's bytes, say) and the workers do
//! the costly rest (HTML main-content extraction) before preparing.
//! The reader groups articles into numbered batches; a bounded channel keeps at most a few
//! batches per worker in memory whatever the input size. Each worker prepares a batch
//! ([`crate::prepare`]), skipping extraction for articles already stored (it asks its own
//! read-only connection), and the writer commits batches **in input order** (it holds early
//! arrivals back), one transaction each. Input order makes the result deterministic: the same
//! input gives the same database, whether run once or interrupted and run again.
//!
//! Bad input never stops the run: a read error or an article the engine refuses (or panics
//! on) is counted as failed, and the first [`MAX_REPORTED_FAILURES`] messages are kept.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crossbeam_channel::bounded;
use quotegraph_core::{Article, Pipeline};

use crate::error::Result;
use crate::prepare::{identify, known, prepare_hashed, Prepared};
use crate::store::Lookup;
use crate::writer::WriteReport;
use crate::Store;

/// Failure messages kept in a [`Summary`].
pub const MAX_REPORTED_FAILURES: usize = 10;

/// Settings of [`ingest`].
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Articles per batch (and per transaction).
    pub batch_size: usize,
    /// Extraction threads; 0 for rayon's default (one per core).
    pub threads: usize,
    /// Skip extraction of articles already stored (needs a store on disk).
    pub skip_known: bool,
    /// Also store entities and relations ([`crate::actors`]); several times slower.
    pub actors: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 128,
            threads: 0,
            skip_known: true,
            actors: false,
        }
    }
}

/// What an ingestion did, so far or in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Items the reader produced: articles and read errors.
    pub read: u64,
    /// Counts from the writer.
    pub written: WriteReport,
    /// Read errors and articles the engine could not process.
    pub failed: u64,
    /// The first failure messages.
    pub failures: Vec<String>,
    /// Time the writer spent in [`Store::write`]: when it approaches the run's wall time,
    /// the database is the bottleneck.
    pub writing: std::time::Duration,
}

impl Summary {
    fn fail(&mut self, message: String) {
        self.failed += 1;
        if self.failures.len() < MAX_REPORTED_FAILURES {
            self.failures.push(message);
        }
    }
}

type Outcome = std::result::Result<Prepared, String>;

/// Reads `articles` into `store`. `progress` is called after each committed batch.
///
/// Returns an error only when the database fails; what was committed before stays.
pub fn ingest<I, E>(
    store: &mut Store,
    articles: I,
    opts: &IngestOptions,
    progress: impl FnMut(&Summary),
) -> Result<Summary>
where
    I: Iterator<Item = std::result::Result<Article, E>> + Send,
    E: Display,
{
    ingest_with(store, articles, |a| Ok::<_, E>(a), opts, progress)
}

/// [`ingest`] for items that need work before they are articles (such as HTML pages still
/// to extract): `finish` turns an item into an article, on the extraction workers, so that
/// the reader thread only reads. A `finish` error counts as a failed input, as a read error.
pub fn ingest_with<I, T, E, F>(
    store: &mut Store,
    items: I,
    finish: F,
    opts: &IngestOptions,
    mut progress: impl FnMut(&Summary),
) -> Result<Summary>
where
    I: Iterator<Item = std::result::Result<T, E>> + Send,
    T: Send,
    E: Display,
    F: Fn(T) -> std::result::Result<Article, E> + Sync,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("quotegraph-extract-{i}"))
        .build()
        .map_err(|e| crate::StoreErrorKind::Extract(format!("thread pool: {e}")))?;
    let workers = pool.current_num_threads();
    let batch_size = opts.batch_size.max(1);
    let lookup_path = store
        .path()
        .filter(|_| opts.skip_known)
        .map(|p| p.to_path_buf());
    let pipeline = Pipeline::default();
    let (in_tx, in_rx) = bounded::<(u64, Vec<std::result::Result<T, String>>)>(workers * 2);
    let (out_tx, out_rx) = bounded::<(u64, Vec<Outcome>)>(workers * 2);
    let mut summary = Summary::default();

    std::thread::scope(|scope| -> Result<()> {
        // owned here, so that an early return drops it and unblocks the workers
        let out_rx = out_rx;
        // the reader: batches in input order
        scope.spawn(move || {
            let mut seq = 0u64;
            let mut batch = Vec::with_capacity(batch_size);
            for item in items {
                batch.push(item.map_err(|e| e.to_string()));
                if batch.len() == batch_size {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
                    if in_tx.send((seq, full)).is_err() {
                        return; // the writer stopped
                    }
                    seq += 1;
                }
            }
            if !batch.is_empty() {
                let _ = in_tx.send((seq, batch));
            }
        });
        // the workers: long-lived rayon tasks, each with its own read connection
        let pipeline = &pipeline;
        let lookup_path = &lookup_path;
        let finish = &finish;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..workers {
                    let (in_rx, out_tx) = (in_rx.clone(), out_tx.clone());
                    s.spawn(move |_| {
                        let lookup = lookup_path.as_ref().and_then(|p| Lookup::open(p).ok());
                        for (seq, batch) in in_rx.iter() {
                            let done = batch
                                .into_iter()
                                .map(|item| {
                                    item.and_then(|t| finish_guarded(finish, t)).and_then(|a| {
                                        work(pipeline, lookup.as_ref(), a, opts.actors)
                                    })
                                })
                                .collect();
                            if out_tx.send((seq, done)).is_err() {
                                return;
                            }
                        }
                    });
                }
                drop(out_tx);
            });
        });
        // the writer: this thread, in input order
        let mut waiting: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, done) in out_rx.iter() {
            waiting.insert(seq, done);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                let mut ready = Vec::with_capacity(done.len());
                for outcome in done {
                    summary.read += 1;
                    match outcome {
                        Ok(p) => ready.push(p),
                        Err(message) => summary.fail(message),
                    }
                }
                let started = std::time::Instant::now();
                let report = store.write(&ready)?; // on error, out_rx drops: the others stop
                summary.writing += started.elapsed();
                summary.written.add(&report);
                progress(&summary);
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Runs `finish` on an item; an error or a panic is the item's failure message.
fn finish_guarded<T, E: Display>(
    finish: &impl Fn(T) -> std::result::Result<Article, E>,
    item: T,
) -> std::result::Result<Article, String> {
    match catch_unwind(AssertUnwindSafe(|| finish(item))) {
        Ok(Ok(article)) => Ok(article),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("an input could not be read: the reader panicked".into()),
    }
}

/// Prepares one article: hashes it, and unless it is known to be stored, extracts it.
fn work(pipeline: &Pipeline, lookup: Option<&Lookup>, article: Article, actors: bool) -> Outcome {
    let name = describe(&article);
    let hash = identify(&article);
    if let Some(lookup) = lookup {
        if lookup.contains(&hash).unwrap_or(false) {
            return Ok(known(article, hash));
        }
    }
    match catch_unwind(AssertUnwindSafe(|| {
        prepare_hashed(pipeline, article, hash, actors)
    })) {
        Ok(Ok(p)) => Ok(p),
        Ok(Err(e)) => Err(format!("{name}: {e}")),
        Err(_) => Err(format!("{name}: the engine panicked")),
    }
}

/// Where an article came from, for failure messages: `file: record N`.
fn describe(a: &Article) -> String {
    let o = &a.origin;
    match (o.record, o.offset) {
        (Some(r), _) => format!("{}: record {r}", o.file),
        (None, Some(b)) => format!("{}: byte {b}", o.file),
        (None, None) => o.file.clone(),
    }
}
