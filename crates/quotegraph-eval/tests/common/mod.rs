//! Helpers shared by the integration tests.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// `tests/fixtures` of this crate.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A committed JSON file of `tests/fixtures`.
pub fn read_json(rel: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Compares two JSON trees: the same keys, equal strings, integers equal,
/// floats within 1e-9 (and an integer never where the Python has a float).
pub fn compare(want: &Value, got: &Value, path: &str, errs: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for k in w.keys().chain(g.keys().filter(|k| !w.contains_key(*k))) {
                match (w.get(k), g.get(k)) {
                    (Some(a), Some(b)) => compare(a, b, &format!("{path}/{k}"), errs),
                    _ => errs.push(format!("{path}/{k}: key in only one of them")),
                }
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let same_type = a.is_f64() == b.is_f64();
            let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            if !same_type || (x - y).abs() > 1e-9 {
                errs.push(format!("{path}: python {a}, rust {b}"));
            }
        }
        _ if want == got => {}
        _ => errs.push(format!("{path}: python {want}, rust {got}")),
    }
}

/// Panics with every difference between `want` and `got`.
pub fn assert_same(want: &Value, got: &Value, what: &str) {
    let mut errs = Vec::new();
    compare(want, got, "", &mut errs);
    assert!(errs.is_empty(), "{what}: {errs:#?}");
    let mut n = 0;
    count_numbers(want, &mut n);
    assert!(n > 100, "{what}: only {n} numbers compared");
}

fn count_numbers(v: &Value, n: &mut usize) {
    match v {
        Value::Object(m) => m.values().for_each(|x| count_numbers(x, n)),
        Value::Number(_) => *n += 1,
        _ => {}
    }
}
