//! The speaker scorer against `score_speakers.py`'s committed outputs on two
//! articles of the speaker key (`tests/fixtures/speakers/`, made by its
//! `regenerate.sh`): engine output, perturbed copies of it (ties, repeats,
//! `duplicate_of`, a doc on two lines, speakers in every accepted shape) and
//! empty predictions.

use quotegraph_eval::{load_predictions, load_speaker_key, read_predictions, score_speakers};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speakers")
}

fn read_json(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join(rel)).unwrap()).unwrap()
}

fn check(name: &str) {
    let key = load_speaker_key(&dir().join("key")).unwrap();
    assert_eq!(key.docs.len(), 2);
    let preds = load_predictions(&dir().join(format!("preds/{name}.jsonl"))).unwrap();
    let report = score_speakers(&key, &preds);
    let want = read_json(&format!("expected/{name}.json"));
    let got: serde_json::Map<String, Value> = report
        .figures()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    assert_eq!(Value::Object(got), want, "{name}");
    for (k, v) in want.as_object().unwrap() {
        assert_eq!(&report.to_json()[k], v, "{name}: {k}");
    }
    // The table is the Python's output after one heading line.
    let table = report.table();
    let txt = std::fs::read_to_string(dir().join(format!("expected/{name}.txt"))).unwrap();
    assert_eq!(table.split_once('\n').unwrap().1, txt, "{name}");
    // Saved and read back, the predictions score the same.
    let mut out = Vec::new();
    preds.write_jsonl(&mut out).unwrap();
    let back = read_predictions(&out[..]).unwrap();
    assert_eq!(score_speakers(&key, &back), report, "{name}: saved");
}

#[test]
fn engine_output() {
    check("engine");
}

#[test]
fn perturbed_1() {
    check("perturbed-1");
}

#[test]
fn perturbed_2() {
    check("perturbed-2");
}

#[test]
fn perturbed_3() {
    check("perturbed-3");
}

#[test]
fn no_predictions() {
    check("empty");
    let key = load_speaker_key(&dir().join("key")).unwrap();
    let preds = load_predictions(&dir().join("preds/empty.jsonl")).unwrap();
    assert_eq!(
        score_speakers(&key, &preds).docs_without_predictions_line,
        1
    );
}
