//! Edge cases of the brat reader; every expectation was checked against the
//! reference scorer's `parse_ann` / `ANN_NAME_RE` (Python 3.11).

use quotegraph_eval::{parse_ann, split_ann_name, AnnStats, CharSpan, RoleSpans};

fn spans(v: &[(usize, usize)]) -> Vec<CharSpan> {
    v.iter().map(|&(s, e)| CharSpan::new(s, e)).collect()
}

const ANN: &str = concat!(
    "T1\tSource 0 3\tBob\r\n",
    "T2\tCue 4 8\tsaid\n",
    "T3\tContent 9 20;25 30\tpart one\n",
    "part two on a continuation line\n",
    "T4\tAttribution 4 8\tsaid\n",
    "E1\tAttribution:T4 Content:T3 Cue:T2  Source:T1\n",
    "#1\tAnnotatorNotes T1\tnot a continuation line\n",
    "A1\tNegated E1\n",
    "R1\tRel Arg1:T1 Arg2:T2\n",
    "T5\tCue 40 44\tno trailing tab after this one? it has one\n",
    "T6\tCue 50 54\n",
    "T7\tCue\t60 64\tlabel then tab\n",
    "T8\tCue 70 74;75\tbroken fragment\n",
    "T9\tCue \u{661}\u{662} \u{661}\u{665}\tArabic-Indic digits\n",
    "T10\tContent 100 110\tfirst\n",
    "T10\tContent 120 130\tsecond definition wins\n",
    "T11\tContent 9 20\tsame as a T3 fragment\n",
    "E2\tAttribution:T4 Cue:T5\tContent2:T10 Content:T11 Content:T3 Source:T99 Bogus Source\n",
    "E3\tAttribution-no-source:T4 Content:T10\n",
    "E4\tDiscuss:T4 Cue:T2\n",
    "E5\tAttribution:T4\n",
    "E6\t\n",
    "E\tAttribution:T4 Cue:T2\n",
    "E7\tAttribution-no-source:T4 Cue:T9 Cue2:T2 Cue:T2\n",
    "\n",
    "\u{feff}T12\tCue 1 2\tx\n",
    " T13\tCue 1 2\tx\n",
    "T\tCue 1 2\tx\n",
    "E8 Attribution:T4 Cue:T2\n",
);

#[test]
fn parse_ann_matches_python() {
    let p = parse_ann(ANN);
    assert_eq!(
        p.stats,
        AnnStats {
            continuation_lines: 4,
            events: 5,
            events_without_cue: 2,
            events_without_source: 4,
            events_without_content: 2,
        }
    );
    let got: Vec<&RoleSpans> = p.attributions.iter().map(|a| &a.roles).collect();
    let want = [
        RoleSpans {
            cue: spans(&[(4, 8)]),
            source: spans(&[(0, 3)]),
            content: spans(&[(9, 20), (25, 30)]),
        },
        RoleSpans {
            cue: spans(&[(40, 44)]),
            source: vec![],
            content: spans(&[(9, 20), (25, 30), (120, 130)]),
        },
        RoleSpans {
            cue: spans(&[(4, 8), (12, 15)]),
            source: vec![],
            content: vec![],
        },
    ];
    assert_eq!(got, want.iter().collect::<Vec<_>>());
    let ids: Vec<_> = p
        .attributions
        .iter()
        .map(|a| (&*a.event_id, &*a.kind))
        .collect();
    assert_eq!(
        ids,
        [
            ("E1", "Attribution"),
            ("E2", "Attribution"),
            ("E7", "Attribution-no-source")
        ]
    );
}

#[test]
fn raw_spans_and_events_are_kept() {
    let p = parse_ann(ANN);
    let ids: Vec<&str> = p.spans.iter().map(|s| s.id.as_str()).collect();
    // T6 (no tab after the offsets), T7 (tab after the label), T8 (broken
    // fragment) and the T lines that are not id lines do not parse.
    assert_eq!(
        ids,
        ["T1", "T2", "T3", "T4", "T5", "T9", "T10", "T10", "T11"]
    );
    assert_eq!(p.spans[2].label, "Content");
    assert_eq!(p.spans[2].fragments, spans(&[(9, 20), (25, 30)]));
    assert_eq!(p.spans[5].fragments, spans(&[(12, 15)]));
    let ev: Vec<&str> = p.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ev, ["E1", "E2", "E3", "E4", "E5", "E7"]);
    assert_eq!(p.events[3].trigger_type(), Some("Discuss"));
    let e2 = &p.events[1];
    assert_eq!(e2.args.len(), 8);
    assert_eq!(
        (&*e2.args[2].role, &*e2.args[2].target),
        ("Content2", "T10")
    );
    assert_eq!((&*e2.args[6].role, &*e2.args[6].target), ("Bogus", ""));
}

#[test]
fn empty_and_odd_files() {
    let p = parse_ann("");
    assert_eq!(p.stats, AnnStats::default());
    assert!(p.attributions.is_empty());
    // Only \r line ends (old Mac) are one long line to the Python too.
    let p = parse_ann("T1\tCue 0 4\tsaid\rT2\tAttribution 0 4\tsaid\rE1\tAttribution:T2 Cue:T1\r");
    assert_eq!(p.spans.len(), 1);
    assert!(p.events.is_empty());
    // Huge offsets saturate instead of failing (they lie past any text).
    let p = parse_ann("T1\tCue 99999999999999999999999 3\tx\nE1\tAttribution:T1 Cue:T1\n");
    assert_eq!(p.attributions[0].roles.cue, spans(&[(usize::MAX, 3)]));
}

#[test]
fn ann_file_names() {
    assert_eq!(split_ann_name("a_b_c.ann"), Some(("a_b", "c")));
    assert_eq!(split_ann_name("_x.ann"), Some(("", "x")));
    assert_eq!(split_ann_name("x_y.ann\n"), Some(("x", "y")));
    assert_eq!(split_ann_name("x_y\nz.ann"), Some(("x", "y\nz")));
    for bad in [
        "a_.ann",
        "a.ann",
        "x_y.txt",
        "x\nz_y.ann",
        "x_y.ann\n\n",
        "x_y.annn",
    ] {
        assert_eq!(split_ann_name(bad), None, "{bad:?}");
    }
}
