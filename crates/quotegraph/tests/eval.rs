//! Integration tests of `quotegraph eval --speakers`: the built binary on the
//! scorer crate's fixtures (a PolNeAR dev sample, two speaker key files, and
//! `score_speakers.py`'s figures on committed predictions).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../quotegraph-eval/tests/fixtures")
}

fn eval(args: &[&str]) -> Output {
    let gold = fixtures().join("polnear-dev-sample");
    let key = fixtures().join("speakers/key");
    Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(["eval", "--gold", gold.to_str().unwrap()])
        .args(["--speakers", key.to_str().unwrap()])
        .args(args)
        .output()
        .expect("the quotegraph binary runs")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn speaker_figures_equal_the_reference_and_floors_apply() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let pred = fixtures().join("speakers/preds/perturbed-1.jsonl");
    let o = eval(&[
        "--pred",
        pred.to_str().unwrap(),
        "--json",
        out.to_str().unwrap(),
        "--floor",
        "speakers.named_accuracy=0.10",
        "--floor",
        "speakers.invented_names<=0.90",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("speakers.invented_names 0.5714 meets the ceiling 0.9000"),
        "{err}"
    );
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        stdout.contains("\nnamed_accuracy         0.1538\n"),
        "{stdout}"
    );
    let got = read_json(&out);
    let want = read_json(&fixtures().join("speakers/expected/perturbed-1.json"));
    for (k, v) in want.as_object().unwrap() {
        assert_eq!(&got["speakers"][k], v, "{k}");
    }
    // The attribution figures stay where they were.
    assert!(got["all"]["cue"]["exact"]["f1"].is_f64());

    let o = eval(&[
        "--pred",
        pred.to_str().unwrap(),
        "--floor",
        "speakers.invented_names<=0.50",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is above the ceiling 0.5000"), "{err}");
}

#[test]
fn engine_speakers_are_scored_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (out, saved) = (dir.path().join("r.json"), dir.path().join("p.jsonl"));
    let o = eval(&[
        "--json",
        out.to_str().unwrap(),
        "--save-pred",
        saved.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let speakers = &read_json(&out)["speakers"];
    assert_eq!(speakers["key_docs"], 2);
    assert_eq!(speakers["gold_named"], 26);
    assert!(speakers["named_accuracy"].as_f64().unwrap() > 0.0);
    // The saved predictions carry the speakers and score the same.
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("\"speaker\": {\"name\": "), "{text}");
    let out2 = dir.path().join("r2.json");
    let o = eval(&[
        "--pred",
        saved.to_str().unwrap(),
        "--json",
        out2.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(&read_json(&out2)["speakers"], speakers);
}

#[test]
fn a_bad_key_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        r#"{"doc": "x", "attributions": 3}"#,
    )
    .unwrap();
    let gold = fixtures().join("polnear-dev-sample");
    let o = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(["eval", "--gold", gold.to_str().unwrap(), "--speakers"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a.json: \"attributions\" must be a list"),
        "{err}"
    );
}
