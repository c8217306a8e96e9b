//! A port of the reference scorer's `--self-test` synthetic case.

use quotegraph_eval::{
    load_gold, read_predictions, score, CharSpan, GoldSet, Kind, Predictions, Report, RoleSpans,
    Unit,
};
use std::path::{Path, PathBuf};

mod common;
use common::{assert_same, read_json};

const TEXT: &str =
    "The Post has learned that \u{201c}the team avoided the ER,\u{201d} sources said. \
                    \"It was fine,\" she added, \"nothing more.\" Officials\ndenied it.\n";

/// `t.index(s)` and `t.index(s) + len(s)` in code points.
fn sp(s: &str) -> (usize, usize) {
    let byte = TEXT.find(s).unwrap();
    let start = TEXT[..byte].chars().count();
    (start, start + s.chars().count())
}

/// The text of a code point span.
fn cut((s, e): (usize, usize)) -> String {
    TEXT.chars().skip(s).take(e - s).collect()
}

/// Writes the reference's `_selftest_dir` into a fresh directory.
fn selftest_dir(tag: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("qg-eval-selftest-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("text")).unwrap();
    std::fs::create_dir_all(root.join("attributions")).unwrap();
    std::fs::write(root.join("text/doc1.txt"), TEXT).unwrap();
    let (a, b, c) = (
        sp("The Post"),
        sp("has learned"),
        sp("that \u{201c}the team avoided the ER,\u{201d}"),
    );
    let (d, e, q1, q2) = (
        sp("sources"),
        sp("said"),
        sp("\"It was fine,\""),
        sp("\"nothing more.\""),
    );
    let (s2, c2, s3, c3) = (sp("she"), sp("added"), sp("Officials"), sp("denied"));
    let lines = [
        format!("T1\tSource {} {}\tThe Post", a.0, a.1),
        format!("T2\tCue {} {}\thas learned", b.0, b.1),
        format!("T3\tContent {} {}\t{}", c.0, c.1, cut(c)),
        format!("T4\tAttribution {} {}\thas learned", b.0, b.1),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1".to_string(),
        format!("T5\tSource {} {}\tsources", d.0, d.1),
        format!("T6\tCue {} {}\tsaid", e.0, e.1),
        format!("T7\tContent {} {}\tx", c.0, c.1),
        format!("T8\tAttribution {} {}\tsaid", e.0, e.1),
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7".to_string(),
        format!(
            "T9\tContent {} {};{} {}\t{} {}",
            q1.0,
            q1.1,
            q2.0,
            q2.1,
            cut(q1),
            cut(q2)
        ),
        format!("T10\tSource {} {}\tshe", s2.0, s2.1),
        format!("T11\tCue {} {}\tadded", c2.0, c2.1),
        format!("T12\tAttribution {} {}\tadded", c2.0, c2.1),
        "E3\tAttribution:T12 Cue:T11 Content:T9 Source:T10".to_string(),
        format!("T13\tDiscuss {} {}\tOfficials", s3.0, c3.1),
        "denied".to_string(), // brat text with a newline
        format!("T14\tCue {} {}\tdenied", c3.0, c3.1),
        format!("T15\tAttribution-no-source {} {}\tdenied", c3.0, c3.1),
        "E4\tAttribution-no-source:T15 Cue:T14".to_string(),
        format!("T16\tAttribution-no-source {} {}\tOfficials", s3.0, s3.1),
        "E5\tAttribution-no-source:T16".to_string(),
    ];
    let ann = root.join("attributions");
    std::fs::write(ann.join("doc1_aaaa.ann"), lines.join("\n") + "\n").unwrap();
    // A second annotator's file that must be ignored (alphabetically later).
    std::fs::write(
        ann.join("doc1_bbbb.ann"),
        format!(
            "T1\tCue {0} {1}\tsaid\nT2\tAttribution {0} {1}\tsaid\nE1\tAttribution:T2 Cue:T1\n",
            e.0, e.1
        ),
    )
    .unwrap();
    root
}

/// The reference's `_check_perfect`.
fn check_perfect(r: &Report, label: &str) {
    for (name, s) in [("all", &r.all), ("quote", &r.quote)] {
        if s.n_gold == 0 {
            continue;
        }
        for k in Kind::ALL {
            let kr = s.kind(k);
            let (e, o) = (kr.exact.prf, kr.overlap.prf);
            let figures = [
                e.precision,
                e.recall,
                e.f1,
                kr.exact.recall_citron,
                o.precision,
                o.recall,
                o.f1,
            ];
            for v in figures {
                assert!(
                    (v - 1.0).abs() <= 1e-12,
                    "[{label}] {name}/{}: {v}",
                    k.as_str()
                );
            }
        }
    }
}

fn load(tag: &str) -> (GoldSet, PathBuf) {
    let dir = selftest_dir(tag);
    let gold = load_gold(&dir).unwrap();
    (gold, dir)
}

fn cleanup(dir: &Path) {
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn synthetic_gold() {
    let (gold, dir) = load("gold");
    let doc = gold.get("doc1").unwrap();
    assert_eq!(doc.annotator, "aaaa");
    let g = &doc.attributions;
    assert_eq!(g.len(), 4);
    assert_eq!(gold.stats.ann.events, 5);
    assert_eq!(gold.stats.ann.events_without_cue, 1);
    assert_eq!(gold.stats.ann.continuation_lines, 1);
    assert_eq!(gold.stats.articles_with_several_annotators, 1);
    assert_eq!(g[2].roles.content.len(), 2); // discontinuous content kept as two fragments

    // Gold written as JSONL and read back scores perfectly.
    let mut jsonl = Vec::new();
    Predictions::from_gold(&gold)
        .write_jsonl(&mut jsonl)
        .unwrap();
    let preds = read_predictions(&jsonl[..]).unwrap();
    let res = score(&gold, &preds, Unit::Token);
    assert_eq!(res.quote.n_gold, 3);
    check_perfect(&res, "synthetic");
    assert_eq!(
        res.all.kind(Kind::Cue).overlap_citron_allpairs.precision,
        1.0
    );
    assert!(
        res.all
            .kind(Kind::Content)
            .overlap_citron_allpairs
            .precision
            > 1.0
    ); // shared content
    check_perfect(&score(&gold, &preds, Unit::Char), "synthetic char");
    cleanup(&dir);
}

#[test]
fn synthetic_imperfect_prediction() {
    let (gold, dir) = load("bad");
    let i = sp("sources").0;
    let mut bad = Predictions::new();
    bad.add(
        "doc1",
        [RoleSpans {
            cue: vec![CharSpan::new(i + 8, i + 12)],
            source: vec![CharSpan::new(i, i + 7)],
            content: vec![CharSpan::new(sp("that").0, i - 2)],
        }],
    );
    let r2 = score(&gold, &bad, Unit::Token);
    let a = &r2.all;
    assert_eq!(a.kind(Kind::Cue).exact.prf.precision, 1.0);
    assert_eq!(a.kind(Kind::Cue).exact.prf.recall, 0.25);
    assert_eq!(a.kind(Kind::Content).exact.tp_pred, 0);
    assert_eq!(a.kind(Kind::Source).exact.tp_pred, 1);
    let ov = a.kind(Kind::Content).overlap.prf;
    assert!(ov.precision == 1.0 && ov.recall < 1.0);
    // Every figure, both units, against the reference's own output.
    for unit in [Unit::Token, Unit::Char] {
        let rel = format!("expected/selftest-bad.{}.json", unit.as_str());
        assert_same(&read_json(&rel), &score(&gold, &bad, unit).to_json(), &rel);
    }
    cleanup(&dir);
}
