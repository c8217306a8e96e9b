//! Figures and dates against a hand-annotated set of PolNeAR train
//! sentences (`tests/data/figures_dates.jsonl`; see `tests/data/README.md`
//! for the source and the annotation rules).
//!
//! Each sentence is annotated alone, with its article's publication date.
//! Reported (run with `--nocapture` to see the table):
//! * figure span: exact match of the figure's text;
//! * counted noun: for figures that overlap a gold figure, the same noun
//!   (precision over predicted figures that name a noun, recall over gold
//!   figures that have one);
//! * date value: a predicted date overlapping a gold date with the same
//!   normalised value (precision over predicted dates, recall over gold).
//!
//! The floors below guard against regressions; the goal is 0.90
//! precision and 0.80 recall on each.

use quotegraph_actors::{Actors, Options, OutActors};
use quotegraph_core::Pipeline;
use serde::Deserialize;

#[derive(Deserialize)]
struct GoldFigure {
    text: String,
    #[allow(dead_code)]
    value: Option<f64>,
    counts: Option<String>,
}

#[derive(Deserialize)]
struct GoldDate {
    text: String,
    value: Option<String>,
}

#[derive(Deserialize)]
struct Example {
    doc: String,
    published: String,
    sentence: String,
    figures: Vec<GoldFigure>,
    dates: Vec<GoldDate>,
}

#[derive(Default, Debug)]
struct Prf {
    tp_p: usize,
    pred: usize,
    tp_r: usize,
    gold: usize,
}

impl Prf {
    fn p(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp_p as f64 / self.pred as f64
        }
    }
    fn r(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp_r as f64 / self.gold as f64
        }
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Code point range of `needle` in `hay`.
fn find(hay: &str, needle: &str) -> (usize, usize) {
    let b = hay
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {hay:?}"));
    let s = hay[..b].chars().count();
    (s, s + needle.chars().count())
}

#[test]
fn figures_and_dates_on_polnear_train() {
    let data = include_str!("data/figures_dates.jsonl");
    let pipeline = Pipeline::default();
    let (mut span, mut counts, mut dates) = (Prf::default(), Prf::default(), Prf::default());
    let mut errors = Vec::new();
    let mut n = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let ex: Example = serde_json::from_str(line).unwrap();
        assert!(!ex.doc.is_empty());
        n += 1;
        let doc = pipeline.annotate(&ex.sentence).unwrap();
        let out = OutActors::from_actors(
            &doc,
            &Actors::analyze(&doc, &Options::published(&ex.published).unwrap()),
        );
        let gold_f: Vec<((usize, usize), &GoldFigure)> = ex
            .figures
            .iter()
            .map(|f| (find(&ex.sentence, &f.text), f))
            .collect();
        // figure spans
        span.pred += out.figures.len();
        span.gold += gold_f.len();
        for f in &out.figures {
            if gold_f.iter().any(|(_, g)| g.text == f.span.text) {
                span.tp_p += 1;
                span.tp_r += 1;
            } else {
                errors.push(format!("figure FP {:?} in {:?}", f.span.text, ex.sentence));
            }
        }
        for (_, g) in &gold_f {
            if !out.figures.iter().any(|f| f.span.text == g.text) {
                errors.push(format!("figure FN {:?} in {:?}", g.text, ex.sentence));
            }
        }
        // counted nouns
        for f in out.figures.iter().filter(|f| f.counts.is_some()) {
            counts.pred += 1;
            let hit = gold_f
                .iter()
                .any(|(r, g)| overlaps(*r, (f.span.start, f.span.end)) && g.counts == f.counts);
            counts.tp_p += hit as usize;
        }
        for (r, g) in gold_f.iter().filter(|(_, g)| g.counts.is_some()) {
            counts.gold += 1;
            let hit = out
                .figures
                .iter()
                .any(|f| overlaps(*r, (f.span.start, f.span.end)) && f.counts == g.counts);
            counts.tp_r += hit as usize;
            if !hit {
                errors.push(format!("counts FN {:?} ({:?})", g.text, g.counts));
            }
        }
        // dates
        let gold_d: Vec<((usize, usize), &GoldDate)> = ex
            .dates
            .iter()
            .map(|d| (find(&ex.sentence, &d.text), d))
            .collect();
        dates.pred += out.dates.len();
        dates.gold += gold_d.len();
        for d in &out.dates {
            let hit = gold_d
                .iter()
                .any(|(r, g)| overlaps(*r, (d.span.start, d.span.end)) && g.value == d.value);
            dates.tp_p += hit as usize;
            if !hit {
                errors.push(format!(
                    "date FP {:?} = {:?} in {:?}",
                    d.span.text, d.value, ex.sentence
                ));
            }
        }
        for (r, g) in &gold_d {
            let hit = out
                .dates
                .iter()
                .any(|d| overlaps(*r, (d.span.start, d.span.end)) && g.value == d.value);
            dates.tp_r += hit as usize;
            if !hit {
                errors.push(format!("date FN {:?} = {:?}", g.text, g.value));
            }
        }
    }
    println!(
        "{n} sentences, {} gold figures, {} gold dates",
        span.gold, dates.gold
    );
    println!("{:<14} {:>9} {:>9}", "", "precision", "recall");
    for (name, s) in [
        ("figure span", &span),
        ("counted noun", &counts),
        ("date value", &dates),
    ] {
        println!(
            "{name:<14} {:>9.3} {:>9.3}   ({}/{} predicted, {}/{} gold)",
            s.p(),
            s.r(),
            s.tp_p,
            s.pred,
            s.tp_r,
            s.gold
        );
    }
    for e in &errors {
        println!("  {e}");
    }
    assert!(n >= 100 && span.gold + dates.gold >= 150);
    assert!(span.p() >= 0.70 && span.r() >= 0.60, "figure span {span:?}");
    assert!(
        counts.p() >= 0.75 && counts.r() >= 0.60,
        "counted noun {counts:?}"
    );
    assert!(
        dates.p() >= 0.75 && dates.r() >= 0.60,
        "date value {dates:?}"
    );
}
