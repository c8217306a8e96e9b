//! Golden test: the seed article against its hand-made answer key.
//!
//! The key (`examples/siberian-battalion.expected.json`) was written by hand
//! for the project, not produced by this program. Every attribution in it
//! must be found with exact content spans, exact source and cue spans where
//! the key has them, and the right speaker; the repeated last paragraph must
//! be marked, and its quote reported as a repeat, not a new statement.

use quotegraph_core::schema::{OutDocument, OutSpan};
use quotegraph_core::Pipeline;
use serde_json::Value;

fn examples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn key_spans(v: &Value) -> Vec<(usize, usize, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
                s["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn ours(v: &[OutSpan]) -> Vec<(usize, usize, String)> {
    v.iter().map(|s| (s.start, s.end, s.text.clone())).collect()
}

fn run() -> (OutDocument, Value) {
    let text = std::fs::read_to_string(examples().join("siberian-battalion.txt")).unwrap();
    let key: Value = serde_json::from_str(
        &std::fs::read_to_string(examples().join("siberian-battalion.expected.json")).unwrap(),
    )
    .unwrap();
    let doc = Pipeline::default().annotate(&text).unwrap();
    (OutDocument::from_doc("siberian-battalion", &doc), key)
}

#[test]
fn every_key_attribution_is_found_exactly() {
    let (out, key) = run();
    let fresh: Vec<_> = out
        .attributions
        .iter()
        .filter(|a| a.duplicate_of.is_none())
        .collect();
    let expected = key["attributions"].as_array().unwrap();
    for k in expected {
        let content = key_spans(&k["content"]);
        let a = fresh
            .iter()
            .find(|a| ours(&a.content) == content)
            .unwrap_or_else(|| panic!("no attribution with content {content:?}"));
        let source = key_spans(&k["source"]);
        let cue = key_spans(&k["cue"]);
        assert_eq!(ours(&a.source), source, "source of {content:?}");
        assert_eq!(ours(&a.cue), cue, "cue of {content:?}");
        let speaker = a.speaker.as_ref().expect("a speaker");
        assert_eq!(
            speaker.name.as_deref(),
            k["speaker"].as_str(),
            "speaker of {content:?}"
        );
        // the speaker is an entity of the document, under the same name
        let e = &out.entities[speaker.entity.expect("an entity") - 1];
        assert_eq!(Some(e.name.as_str()), speaker.name.as_deref());
        let kind = serde_json::to_value(a.kind).unwrap();
        assert_eq!(kind, k["type"], "type of {content:?}");
    }
    // nothing else: no attribution found inside the quotations, none invented
    assert_eq!(
        fresh.len(),
        expected.len(),
        "extra attributions: {fresh:#?}"
    );
}

#[test]
fn speakers_have_kinds() {
    let (out, _) = run();
    for a in &out.attributions {
        let s = a.speaker.as_ref().unwrap();
        let want = if s.name.as_deref() == Some("Civic Council") {
            "organization"
        } else {
            "person"
        };
        assert_eq!(serde_json::to_value(s.kind).unwrap(), want, "{:?}", s.name);
    }
}

#[test]
fn carried_over_quotes_point_at_their_speaker() {
    let (out, _) = run();
    let carried: Vec<_> = out
        .attributions
        .iter()
        .filter(|a| a.cue.is_empty())
        .collect();
    assert_eq!(carried.len(), 2);
    for a in carried {
        let root = &out.attributions[a.carried_from.expect("carried_from") - 1];
        assert!(!root.cue.is_empty());
        // the same speaker, found by carrying it over
        let (r, c) = (root.speaker.as_ref().unwrap(), a.speaker.as_ref().unwrap());
        assert_eq!((&r.name, r.kind, r.entity), (&c.name, c.kind, c.entity));
        assert_eq!(c.how, quotegraph_core::identity::Evidence::Carried);
    }
}

#[test]
fn repeated_last_paragraph_is_one_statement() {
    let (out, key) = run();
    let d = &key["duplicates"][0];
    assert_eq!(out.duplicates.len(), 1);
    assert_eq!(
        out.duplicates[0].start,
        d["paragraph"]["start"].as_u64().unwrap() as usize
    );
    assert_eq!(
        out.duplicates[0].end,
        d["paragraph"]["end"].as_u64().unwrap() as usize
    );
    assert_eq!(
        out.duplicates[0].duplicate_of.start,
        d["duplicate_of"]["start"].as_u64().unwrap() as usize
    );
    assert_eq!(
        out.duplicates[0].duplicate_of.end,
        d["duplicate_of"]["end"].as_u64().unwrap() as usize
    );
    let repeats: Vec<_> = out
        .attributions
        .iter()
        .filter(|a| a.duplicate_of.is_some())
        .collect();
    assert_eq!(repeats.len(), 1);
    let original = &out.attributions[repeats[0].duplicate_of.unwrap() - 1];
    assert_eq!(
        original.speaker.as_ref().unwrap().name.as_deref(),
        Some("Siziy")
    );
    assert!(original.content[0].start < out.duplicates[0].start);
    // the evaluation export leaves the repeat out and folds carried quotes into their root
    let spans = out.to_spans();
    assert_eq!(spans.attributions.len(), 6);
}
