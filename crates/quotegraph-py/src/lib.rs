//! quotegraph's Python package (`import quotegraph`), built with maturin.
//!
//! Two halves:
//! - this crate's plain Rust (always built, tested by `cargo test`): [`engine`] runs the
//!   extraction and the actors' layers on one text or many (on all cores), [`read`] reads
//!   files with the engine's readers and turns bad records into rows of an errors table,
//!   [`rows`] makes the rows of the articles, attributions and entities tables;
//! - `python` (feature `python`, turned on by maturin only): the pyo3 module
//!   `quotegraph._native` and the Arrow hand-off. The Python package around it
//!   (`python/quotegraph/`) builds typed objects from the JSON the engine writes.
//!
//! The `python` feature is off in `cargo test --workspace` and `cargo clippy --workspace`,
//! so those build neither pyo3 nor arrow; `.ci/python.sh` lints and builds it.

pub mod engine;
pub mod read;
pub mod rows;

#[cfg(feature = "python")]
mod arrow_out;
#[cfg(feature = "python")]
mod python;
