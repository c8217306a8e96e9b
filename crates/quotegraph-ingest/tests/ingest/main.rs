//! Integration tests of quotegraph-ingest, one module per reader.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

// Plain text files and directories of them.
mod text;
// JSON Lines.
mod jsonl;
// HTML extraction: boilerplate removed, paragraphs kept, metadata, charsets.
mod html;
// RSS and Atom feeds.
mod feed;
// WARC: the three layouts, offsets, truncation, bare LF, oversized and malformed records.
mod warc;
// Format detection, `open` and `read_paths` over mixed directories.
mod open;
// Property tests: arbitrary bytes into every parser never panic.
mod props;
// Builds WARC files for the tests.
mod warcgen;

/// The committed fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "ingest-{}-{}-{}",
        name,
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
