//! The pyo3 module `quotegraph._native`. The public API is the Python package around it
//! (`python/quotegraph/__init__.py`), which turns the JSON these functions return into typed
//! objects. Arrow data crosses as IPC stream bytes, which the package reads with pyarrow.

use std::borrow::Cow;
use std::io::{BufReader, Read};
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;

use crate::arrow_out;
use crate::engine::{self, Input};
use crate::read::{self, BadRecord, Item};
use crate::rows::{self, Processed};

create_exception!(
    _native,
    QuotegraphError,
    PyValueError,
    "An input quotegraph cannot process: the message names the input and the problem."
);

fn error(msg: impl Into<String>) -> PyErr {
    QuotegraphError::new_err(msg.into())
}

fn json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| error(format!("cannot serialise the result: {e}")))
}

/// Extracts one text; returns the document as JSON.
#[pyfunction]
#[pyo3(signature = (text, name = String::new(), published = None, actors = true))]
fn extract_json(
    py: Python<'_>,
    text: String,
    name: String,
    published: Option<String>,
    actors: bool,
) -> PyResult<String> {
    py.detach(|| {
        engine::extract(&Input {
            text: &text,
            name: &name,
            published: published.as_deref(),
            actors,
        })
        .map_err(|e| e.to_string())
        .and_then(|d| serde_json::to_string(&d).map_err(|e| e.to_string()))
    })
    .map_err(error)
}

/// Extracts many texts on `threads` threads (all cores when None), without the GIL;
/// returns one JSON document per text, in order.
#[pyfunction]
#[pyo3(signature = (texts, names, published, threads = None, actors = true))]
fn extract_many_json(
    py: Python<'_>,
    texts: Vec<String>,
    names: Vec<String>,
    published: Vec<Option<String>>,
    threads: Option<usize>,
    actors: bool,
) -> PyResult<Vec<String>> {
    if names.len() != texts.len() || published.len() != texts.len() {
        return Err(error(format!(
            "{} texts but {} names and {} publication dates",
            texts.len(),
            names.len(),
            published.len()
        )));
    }
    let results = py.detach(|| {
        let inputs: Vec<Input<'_>> = texts
            .iter()
            .zip(&names)
            .zip(&published)
            .map(|((t, n), p)| Input {
                text: t,
                name: n,
                published: p.as_deref(),
                actors,
            })
            .collect();
        engine::extract_many_json(&inputs, threads)
    });
    let results = results.map_err(|e| error(e.to_string()))?;
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| error(format!("texts[{i}]: {e}"))))
        .collect()
}

/// Decodes an HTML page (bytes) and extracts its article; returns `{"text", "meta"}` as JSON.
#[pyfunction]
#[pyo3(signature = (html, url = None, content_type = None))]
fn extract_html_json(
    py: Python<'_>,
    html: Vec<u8>,
    url: Option<String>,
    content_type: Option<String>,
) -> PyResult<String> {
    let r = py.detach(|| {
        quotegraph_ingest::html::extract_bytes(&html, content_type.as_deref(), url.as_deref())
    });
    match r {
        Ok(x) => json(&serde_json::json!({"text": x.text, "meta": x.meta})),
        Err(e) => Err(error(format!("{}: {e}", url.as_deref().unwrap_or("page")))),
    }
}

/// A Python binary file object (`.read(n)`) as a Rust reader: remote files opened by
/// fsspec or pyarrow.fs are read by the engine's WARC reader this way.
struct PyFile(Py<PyAny>);

impl Read for PyFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            let data = self
                .0
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let bytes: Cow<'_, [u8]> = data
                .extract()
                .map_err(|e| std::io::Error::other(format!("read() gave no bytes: {e}")))?;
            let n = bytes.len().min(buf.len());
            buf[..n].copy_from_slice(&bytes[..n]);
            Ok(n)
        })
    }
}

type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Opens a local path, or reads WARC data from a Python file object.
fn open(source: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<Items> {
    if let Ok(path) = source.extract::<std::path::PathBuf>() {
        return Ok(Box::new(read::open_path(path)));
    }
    if source.hasattr("read")? {
        let name = name.unwrap_or_else(|| {
            source
                .getattr("name")
                .and_then(|n| n.extract::<String>())
                .unwrap_or_else(|_| "<stream>".into())
        });
        let reader = BufReader::with_capacity(1 << 20, PyFile(source.clone().unbind()));
        return Ok(Box::new(read::open_warc(reader, &name)));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "expected a path (str or os.PathLike) or a binary file object with .read()",
    ))
}

/// Articles and bad records of a file, one at a time: `(True, article_json)` or
/// `(False, bad_record_json)`.
#[pyclass(module = "quotegraph._native")]
struct Reader {
    items: Mutex<Items>,
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<(bool, String)>> {
        let next = py.detach(|| {
            self.items
                .lock()
                .map(|mut items| items.next())
                .map_err(|_| "the reader failed in another thread")
        });
        match next.map_err(error)? {
            None => Ok(None),
            Some(Ok(article)) => Ok(Some((true, json(&article)?))),
            Some(Err(bad)) => Ok(Some((false, json(&bad)?))),
        }
    }
}

/// Reads a file (any format quotegraph reads, by path) or a WARC stream (file object).
#[pyfunction]
#[pyo3(name = "read", signature = (source, name = None))]
fn read_source(source: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<Reader> {
    Ok(Reader {
        items: Mutex::new(open(source, name)?),
    })
}

fn process_all(items: Vec<Item>, actors: bool) -> Vec<Result<Processed, BadRecord>> {
    items
        .into_par_iter()
        .map(|item| {
            let article = item?;
            let (file, record, offset) = (
                article.origin.file.clone(),
                article.origin.record,
                article.origin.offset,
            );
            rows::process(article, actors).map_err(|why| BadRecord {
                message: format!(
                    "{file}: record {}: extraction failed: {why}",
                    record.unwrap_or(0)
                ),
                file,
                record,
                offset,
            })
        })
        .collect()
}

/// The Spark job's batches for one file: one row per article or bad record
/// (schema: `spark_schema()`).
#[pyclass(module = "quotegraph._native")]
struct ArticleBatches {
    items: Mutex<Items>,
    batch_size: usize,
    actors: bool,
    threads: Option<usize>,
}

#[pymethods]
impl ArticleBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let (batch_size, actors, threads) = (self.batch_size, self.actors, self.threads);
        let batch = py.detach(|| {
            let chunk: Vec<Item> = {
                let mut items = self
                    .items
                    .lock()
                    .map_err(|_| "the reader failed in another thread".to_string())?;
                items.by_ref().take(batch_size).collect()
            };
            if chunk.is_empty() {
                return Ok(None);
            }
            let done = engine::with_threads(threads, || process_all(chunk, actors))
                .map_err(|e| e.to_string())?;
            arrow_out::spark_batch(&done)
                .and_then(|b| arrow_out::to_ipc(&b))
                .map(Some)
                .map_err(|e| e.to_string())
        });
        Ok(batch.map_err(error)?.map(|b| PyBytes::new(py, &b)))
    }
}

/// Reads a file (path or WARC file object) and extracts every article, `batch_size` records
/// per batch, on `threads` threads (all cores when None).
#[pyfunction]
#[pyo3(signature = (source, name = None, batch_size = 256, actors = true, threads = None))]
fn article_batches(
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    batch_size: usize,
    actors: bool,
    threads: Option<usize>,
) -> PyResult<ArticleBatches> {
    if batch_size == 0 {
        return Err(error("batch_size must be at least 1"));
    }
    Ok(ArticleBatches {
        items: Mutex::new(open(source, name)?),
        batch_size,
        actors,
        threads,
    })
}

/// Extracts the articles of an Arrow IPC stream (`text` plus optional metadata columns);
/// returns an IPC stream of one record batch of their attributions in the export's columns.
#[pyfunction]
#[pyo3(signature = (articles, threads = None))]
fn extract_arrow_ipc<'py>(
    py: Python<'py>,
    articles: Vec<u8>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyBytes>> {
    let out = py.detach(|| -> Result<Vec<u8>, String> {
        let mut all = Vec::new();
        for b in arrow_out::from_ipc(&articles)? {
            all.extend(arrow_out::articles(&b)?);
        }
        let done = engine::with_threads(threads, || {
            all.into_par_iter()
                .enumerate()
                .filter_map(|(i, a)| a.map(|a| (i, a)))
                .map(|(i, a)| rows::process(a, false).map_err(|why| format!("article {i}: {why}")))
                .collect::<Result<Vec<Processed>, String>>()
        })
        .map_err(|e| e.to_string())??;
        arrow_out::attributions_batch(done.iter())
            .and_then(|b| arrow_out::to_ipc(&b))
            .map_err(|e| e.to_string())
    });
    Ok(PyBytes::new(py, &out.map_err(error)?))
}

/// The schema of `extract_arrow_ipc`'s result (= `quotegraph export --format parquet`), as
/// an IPC stream with no batches.
#[pyfunction]
fn export_schema_ipc(py: Python<'_>) -> PyResult<Bound<'_, PyBytes>> {
    let b = arrow_out::schema_ipc(quotegraph_store::arrow::export_schema())
        .map_err(|e| error(e.to_string()))?;
    Ok(PyBytes::new(py, &b))
}

/// The schema of `article_batches`' batches, as an IPC stream with no batches.
#[pyfunction]
fn spark_schema_ipc(py: Python<'_>) -> PyResult<Bound<'_, PyBytes>> {
    let b = arrow_out::schema_ipc(arrow_out::spark_schema()).map_err(|e| error(e.to_string()))?;
    Ok(PyBytes::new(py, &b))
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("QuotegraphError", m.py().get_type::<QuotegraphError>())?;
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_html_json, m)?)?;
    m.add_function(wrap_pyfunction!(read_source, m)?)?;
    m.add_function(wrap_pyfunction!(article_batches, m)?)?;
    m.add_function(wrap_pyfunction!(extract_arrow_ipc, m)?)?;
    m.add_function(wrap_pyfunction!(export_schema_ipc, m)?)?;
    m.add_function(wrap_pyfunction!(spark_schema_ipc, m)?)?;
    m.add_class::<Reader>()?;
    m.add_class::<ArticleBatches>()?;
    Ok(())
}
