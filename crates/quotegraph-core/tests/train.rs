//! Training the cue and span models is deterministic, and a model learns
//! what it was shown: trained on the seed article's hand-made cue spans, it
//! scores those tokens as cues; trained on its sources, it finds them again.
//! (The shipped models are trained on PolNeAR train by `quotegraph train`;
//! CI retrains them twice and compares with the files.)

use quotegraph_core::doc::{CueStage, PosStage};
use quotegraph_core::learn::cue_model::{candidate, Context};
use quotegraph_core::learn::{CueModel, Role, SpanContext, SpanExample, SpanModel, SpanQuery};
use quotegraph_core::schema::CharIndex;
use quotegraph_core::Pipeline;

fn seed() -> (quotegraph_core::Doc, Vec<bool>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let text = std::fs::read_to_string(dir.join("siberian-battalion.txt")).unwrap();
    let key: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("siberian-battalion.expected.json")).unwrap(),
    )
    .unwrap();
    let pipeline = Pipeline::standard_with_cues(PosStage::default(), CueStage { learned: false });
    let doc = pipeline.annotate(&text).unwrap();
    let ix = CharIndex::new(&text);
    let mut labels = vec![false; doc.tokens.len()];
    for a in key["attributions"].as_array().unwrap() {
        for c in a["cue"].as_array().unwrap() {
            let s = ix.byte_of_char(c["start"].as_u64().unwrap() as usize);
            let e = ix.byte_of_char(c["end"].as_u64().unwrap() as usize);
            for (k, t) in doc.tokens.iter().enumerate() {
                if t.span.start() < e && s < t.span.end() {
                    labels[k] = true;
                }
            }
        }
    }
    (doc, labels)
}

#[test]
fn training_twice_gives_identical_bytes() {
    let (doc, labels) = seed();
    let a = CueModel::train(&[(&doc, labels.clone())], 5, 7).to_bytes();
    let b = CueModel::train(&[(&doc, labels)], 5, 7).to_bytes();
    assert_eq!(a, b);
    let c = CueModel::from_bytes(&a).unwrap().to_bytes();
    assert_eq!(a, c, "load and save round-trips");
}

#[test]
fn a_trained_model_finds_the_cues_it_was_shown() {
    let (doc, labels) = seed();
    let model = CueModel::train(&[(&doc, labels.clone())], 10, 1);
    let in_quote = doc.in_quote();
    let cx = Context::new(&doc, &in_quote);
    let (mut hit, mut total, mut false_alarms) = (0, 0, 0);
    for (i, &label) in labels.iter().enumerate() {
        if !candidate(&doc, &in_quote, i) {
            continue;
        }
        let yes = model.score(&cx, i) > 0.0;
        if label {
            total += 1;
            hit += usize::from(yes);
        } else if yes {
            false_alarms += 1;
        }
    }
    assert_eq!((hit, total), (6, 6), "every cue token of the key");
    assert!(
        false_alarms <= 2,
        "{false_alarms} tokens wrongly taken for cues"
    );
}

/// The seed key's attributions as source-model examples (token ranges).
fn seed_sources() -> (quotegraph_core::Doc, Vec<SpanExample>) {
    let (doc, _) = seed();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let key: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("siberian-battalion.expected.json")).unwrap(),
    )
    .unwrap();
    let text = doc.text().to_string();
    let ix = CharIndex::new(&text);
    let range = |spans: &serde_json::Value| -> Option<(usize, usize)> {
        let mut lo = usize::MAX;
        let mut hi = 0;
        for c in spans.as_array()? {
            let s = ix.byte_of_char(c["start"].as_u64()? as usize);
            let e = ix.byte_of_char(c["end"].as_u64()? as usize);
            for (k, t) in doc.tokens.iter().enumerate() {
                if t.span.start() < e && s < t.span.end() {
                    lo = lo.min(k);
                    hi = hi.max(k + 1);
                }
            }
        }
        (lo < hi).then_some((lo, hi))
    };
    let examples = key["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| {
            Some(SpanExample {
                query: SpanQuery {
                    cue: range(&a["cue"])?,
                    content: vec![range(&a["content"])?],
                    rule: None,
                },
                gold: range(&a["source"]),
            })
        })
        .collect();
    (doc, examples)
}

#[test]
fn span_model_training_is_deterministic_and_learns_the_seed_sources() {
    let (doc, examples) = seed_sources();
    assert!(examples.len() >= 6, "the key has cued attributions");
    let (a, stats) = SpanModel::train(&[(&doc, examples.clone())], Role::Source, 10, 7);
    let (b, _) = SpanModel::train(&[(&doc, examples.clone())], Role::Source, 10, 7);
    assert_eq!(a.to_bytes(), b.to_bytes());
    let again = SpanModel::from_bytes(&a.to_bytes(), Role::Source).unwrap();
    assert_eq!(again, a, "load and save round-trip");
    let cx = SpanContext::new(&doc);
    let mut buf = Vec::new();
    let reachable = stats.used;
    let found = examples
        .iter()
        .filter(|e| a.predict(&cx, &e.query, &mut buf) == e.gold)
        .count();
    assert!(
        found >= reachable.saturating_sub(1),
        "{found} of {reachable} reachable seed sources found again"
    );
}

#[test]
fn the_shipped_span_models_load() {
    assert!(SpanModel::embedded_source().is_some());
    assert!(SpanModel::embedded_content().is_some());
    assert!(SpanModel::from_bytes(b"QGPERC01 short", Role::Content).is_err());
}

#[test]
fn attribution_filter_training_is_deterministic_and_learns_the_seed() {
    use quotegraph_core::learn::{filter, AttributionFilter};
    // the seed through the whole pipeline: each attribution found, labelled
    // by whether its cue overlaps a cue of the hand-made key
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let text = std::fs::read_to_string(dir.join("siberian-battalion.txt")).unwrap();
    let doc = Pipeline::default().annotate(&text).unwrap();
    let (_, labels) = seed();
    let examples: Vec<(Vec<u64>, bool)> = doc
        .attributions
        .iter()
        .filter_map(|a| {
            let mut f = Vec::new();
            filter::features(&doc, a, &mut f);
            let cue = a.cue.first()?;
            let label = doc.tokens.iter().enumerate().any(|(k, t)| {
                labels[k] && t.span.start() < cue.end() && cue.start() < t.span.end()
            });
            (!f.is_empty()).then_some((f, label))
        })
        .collect();
    assert!(examples.len() >= 6 && examples.iter().any(|(_, l)| *l));
    let a = AttributionFilter::train(&examples, 10, 3);
    let b = AttributionFilter::train(&examples, 10, 3);
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(
        AttributionFilter::from_bytes(&a.to_bytes()).unwrap(),
        a,
        "round-trip"
    );
    let mut buf = Vec::new();
    for (att, (_, label)) in doc.attributions.iter().zip(&examples) {
        if let Some(s) = a.score(&doc, att, &mut buf) {
            assert_eq!(
                s > 0.0,
                *label,
                "trained on it, the filter agrees with the key"
            );
        }
    }
    assert!(AttributionFilter::embedded().is_some());
    assert!(AttributionFilter::from_bytes(b"QGPERC01 short").is_err());
}
