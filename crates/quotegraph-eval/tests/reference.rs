//! The Rust scorer against the reference scorer's committed outputs on a
//! PolNeAR dev sample (`tests/fixtures/`, made by `regenerate.sh`).

use quotegraph_eval::{
    load_gold, load_predictions, read_predictions, score, CharOffsets, CharSpan, EvalError,
    Predictions, Role, Unit,
};
use std::path::PathBuf;

mod common;
use common::{assert_same, fixtures, read_json};

fn gold_dir() -> PathBuf {
    fixtures().join("polnear-dev-sample")
}

fn check_case(name: &str) {
    let gold = load_gold(&gold_dir()).unwrap();
    let pred_path = fixtures().join(format!("preds/{name}.jsonl"));
    let preds = load_predictions(&pred_path).unwrap();
    for unit in [Unit::Token, Unit::Char] {
        let stem = format!("expected/{name}.{}", unit.as_str());
        let report = score(&gold, &preds, unit).with_path_labels(&gold_dir(), Some(&pred_path));
        assert_same(
            &read_json(&format!("{stem}.json")),
            &report.to_json(),
            &stem,
        );
        let table = std::fs::read_to_string(fixtures().join(format!("{stem}.txt"))).unwrap();
        assert_eq!(report.table(), table, "{stem}");
    }
}

#[test]
fn gold_as_predictions() {
    check_case("gold");
}

#[test]
fn perturbed_predictions() {
    check_case("perturbed");
}

#[test]
fn perturbed_spans_only() {
    check_case("perturbed-spans");
}

#[test]
fn cue_only_predictions() {
    check_case("cue-only");
}

#[test]
fn empty_and_unknown_docs() {
    check_case("empty");
}

#[test]
fn gold_export_is_byte_identical() {
    let gold = load_gold(&gold_dir()).unwrap();
    let mut out = Vec::new();
    Predictions::from_gold(&gold).write_jsonl(&mut out).unwrap();
    let want = std::fs::read(fixtures().join("preds/gold.jsonl")).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(want).unwrap()
    );
}

#[test]
fn gold_reader_on_the_sample() {
    let gold = load_gold(&gold_dir()).unwrap();
    assert_eq!(gold.docs.len(), 4);
    assert_eq!(gold.stats.articles_with_several_annotators, 1);
    assert!(gold.docs_without_text.is_empty());
    let flynn = gold
        .get("politico_2016-09-08_flynn-says-trump-absolutely-righ")
        .unwrap();
    assert_eq!(flynn.annotator, "4b22");
    assert_eq!(
        flynn.ann_file,
        "politico_2016-09-08_flynn-says-trump-absolutely-righ_4b22.ann"
    );
    // T11 is the discontinuous content of E3 ("said Thursday morning").
    let e3 = flynn
        .attributions
        .iter()
        .find(|a| a.event_id == "E3")
        .unwrap();
    assert_eq!(
        e3.roles.content,
        [CharSpan::new(256, 377), CharSpan::new(463, 616)]
    );
    let t11 = flynn.spans.iter().find(|s| s.id == "T11").unwrap();
    assert_eq!(t11.label, "Content");
    // Offsets are code points: the covered text of every T span is the
    // text after the tab in the .ann file (the first line of it).
    let ann =
        std::fs::read_to_string(gold_dir().join("attributions").join(&flynn.ann_file)).unwrap();
    let offsets = CharOffsets::new(&flynn.text);
    let t5 = &flynn.spans.iter().find(|s| s.id == "T5").unwrap().fragments[0];
    assert_eq!(
        &flynn.text[offsets.byte_range(*t5).unwrap()],
        "Retired Lt. Gen. Michael Flynn"
    );
    let mut checked = 0;
    for doc in &gold.docs {
        let off = CharOffsets::new(&doc.text);
        let ann =
            std::fs::read_to_string(gold_dir().join("attributions").join(&doc.ann_file)).unwrap();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let mut parts = line.splitn(3, '\t');
            let id = parts.next().unwrap();
            let covered = parts.nth(1).unwrap();
            let span = doc.spans.iter().rev().find(|s| s.id == id).unwrap();
            let texts: Vec<&str> = span
                .fragments
                .iter()
                .map(|f| &doc.text[off.byte_range(*f).unwrap()])
                .collect();
            assert_eq!(texts.join(" "), covered, "{} {id}", doc.name);
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked}");
    assert!(ann.contains("T11\tContent 256 377;463 616\t"));
    // Content2 arguments are pooled with Content.
    let house = gold
        .get("politico_2016-09-22_house-panel-votes-to-hold-clinto")
        .unwrap();
    let pooled = house
        .events
        .iter()
        .filter(|e| e.args.iter().any(|a| a.role == "Content2"));
    for ev in pooled {
        let att = house
            .attributions
            .iter()
            .find(|a| a.event_id == ev.id)
            .unwrap();
        let n_args: usize = ev
            .args
            .iter()
            .filter(|a| Role::from_brat(&a.role) == Some(Role::Content))
            .map(|a| {
                house
                    .spans
                    .iter()
                    .find(|s| s.id == a.target)
                    .unwrap()
                    .fragments
                    .len()
            })
            .sum();
        assert!(att.roles.content.len() >= 2 && att.roles.content.len() <= n_args);
    }
}

#[test]
fn reader_merges_duplicates_like_python() {
    let text = std::fs::read(fixtures().join("preds/perturbed.jsonl")).unwrap();
    let preds = read_predictions(&text[..]).unwrap();
    // The Python warns: "perturbed.jsonl:4: duplicate doc usa-today_..., merged".
    assert_eq!(preds.duplicates.len(), 1);
    assert_eq!(preds.duplicates[0].line, 4);
    assert!(preds.duplicates[0]
        .doc
        .starts_with("usa-today_2016-09-29_can-you-imagine"));
    assert_eq!(preds.docs.len(), 4);
}

#[test]
fn reader_errors_name_the_line() {
    let cases = [
        (
            "{\"doc\": \"a\"}\n\n{\"doc\": \"b\", \"attributions\": [}\n",
            3,
            "invalid JSON",
        ),
        (
            "{\"doc\": \"a\", \"attributions\": [{\"cue\": [[-1, 3]]}]}",
            1,
            "negative offset",
        ),
        ("\n{\"doc\": 5}", 2, "\"doc\" must be a string"),
        ("{\"attributions\": []}", 1, "missing \"doc\""),
        (
            "{\"doc\": \"a\", \"attributions\": [{\"cue\": [[1, 2, 3]]}]}",
            1,
            "[start, end]",
        ),
        (
            "{\"doc\": \"a\", \"attributions\": null}",
            1,
            "must be a list",
        ),
        (
            "{\"doc\": \"a\"}\r{\"doc\": \"a\", \"attributions\": [{\"cue\": \"x\"}]}",
            2,
            "must be a list",
        ),
        ("[1]", 1, "expected a JSON object"),
    ];
    for (input, line, what) in cases {
        let err = read_predictions(input.as_bytes()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with(&format!("<predictions>:{line}: ")), "{msg}");
        assert!(msg.contains(what), "{msg}");
        assert!(matches!(
            err,
            EvalError::Json { .. } | EvalError::Prediction { .. }
        ));
    }
    let err = load_predictions(&fixtures().join("no-such-file.jsonl")).unwrap_err();
    assert!(err.to_string().contains("no-such-file.jsonl"), "{err}");
    let err = read_predictions(&b"{\"doc\": \"a\"}\n\xff\n"[..]).unwrap_err();
    assert_eq!(err.to_string(), "<predictions>:2: invalid UTF-8 at byte 13");
}

#[test]
fn reader_accepts_what_python_int_accepts() {
    let input = concat!(
        "{\"doc\": \"a\", \"attributions\": [{\"cue\": [[1.9, \" 5 \"], [true, 1e1]], ",
        "\"source\": 0, \"content\": {}}, {\"cue\": [[3, 4], [3, 4]], \"source\": false}]}\n",
        "  \n",
        "{\"doc\": \"b\", \"attributions\": \"\"}\n",
    );
    let p = read_predictions(input.as_bytes()).unwrap();
    let a = p.get("a").unwrap();
    assert_eq!(a[0].cue, [CharSpan::new(1, 5), CharSpan::new(1, 10)]);
    assert!(a[0].source.is_empty() && a[0].content.is_empty());
    assert_eq!(a[1].cue, [CharSpan::new(3, 4)]);
    assert_eq!(p.get("b"), Some(&[][..]));
    assert_eq!(p.get("c"), None);
}

#[test]
fn missing_text_is_skipped_and_listed() {
    let dir = std::env::temp_dir().join(format!("quotegraph-eval-notext-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("attributions")).unwrap();
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::write(dir.join("attributions/orphan_x.ann"), "T1\tCue 0 1\ta\n").unwrap();
    std::fs::write(dir.join("attributions/readme.txt"), "not an ann file").unwrap();
    let gold = load_gold(&dir).unwrap();
    assert_eq!(gold.docs_without_text, ["orphan"]);
    // As in the Python, with no article read the per-event counts are absent.
    let stats = gold.stats.to_json();
    assert_eq!(
        stats,
        serde_json::json!({"articles": 0, "articles_with_several_annotators": 0})
    );
    std::fs::write(dir.join("text/orphan.txt"), b"\xe2\x80").unwrap();
    let err = load_gold(&dir).unwrap_err().to_string();
    assert!(
        err.contains("orphan.txt:1: invalid UTF-8 at byte 0"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let err = load_gold(&dir).unwrap_err().to_string();
    assert!(err.contains("attributions"), "{err}");
}
