//! The figures (the reference scorer's `summarise`), as JSON and as a table.

use crate::gold::GoldStats;
use crate::score::{KindCounts, SubsetCounts};
use crate::span::Kind;
use crate::tokens::Unit;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// `num_p / den_p`, `num_r / den_r` (0 for a zero denominator) and their
    /// harmonic mean, with the reference scorer's float operations.
    pub fn from_counts(num_p: u64, den_p: u64, num_r: u64, den_r: u64) -> Prf {
        let ratio = |n: u64, d: u64| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let (p, r) = (ratio(num_p, den_p), ratio(num_r, den_r));
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
        }
    }

    fn json(&self) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("precision".into(), self.precision.into());
        m.insert("recall".into(), self.recall.into());
        m.insert("f1".into(), self.f1.into());
        m
    }
}

/// Exact-match figures of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ExactScores {
    /// `tp_pred / n_pred`, `tp_gold / n_gold` and F1.
    pub prf: Prf,
    /// Predictions with an exact match.
    pub tp_pred: u64,
    /// Gold attributions with an exact match.
    pub tp_gold: u64,
    /// Citron's recall: `tp_pred / (tp_pred + unmatched gold)`.
    pub recall_citron: f64,
}

/// Token-overlap figures of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OverlapScores {
    /// Best-pairing overlap precision, recall and F1.
    pub prf: Prf,
    /// Tokens of the predictions.
    pub tokens_pred: u64,
    /// Tokens of the gold.
    pub tokens_gold: u64,
}

/// Everything about one kind (cue, source, content or attribution).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct KindReport {
    /// Exact match.
    pub exact: ExactScores,
    /// Overlap, pairing each attribution with its best counterpart.
    pub overlap: OverlapScores,
    /// Citron's overlap, summed over all pairs (may pass 1).
    pub overlap_citron_allpairs: Prf,
    /// The counts the figures come from.
    pub counts: KindCounts,
}

impl KindReport {
    fn new(c: KindCounts, n_pred: u64, n_gold: u64) -> KindReport {
        let unmatched_gold = n_gold - c.tp_gold;
        KindReport {
            exact: ExactScores {
                prf: Prf::from_counts(c.tp_pred, n_pred, c.tp_gold, n_gold),
                tp_pred: c.tp_pred,
                tp_gold: c.tp_gold,
                recall_citron: Prf::from_counts(0, 1, c.tp_pred, c.tp_pred + unmatched_gold).recall,
            },
            overlap: OverlapScores {
                prf: Prf::from_counts(c.best_pred, c.len_pred, c.best_gold, c.len_gold),
                tokens_pred: c.len_pred,
                tokens_gold: c.len_gold,
            },
            overlap_citron_allpairs: Prf::from_counts(
                c.allpairs_pred,
                c.len_pred,
                c.allpairs_gold,
                c.len_gold,
            ),
            counts: c,
        }
    }

    fn json_value(self) -> Value {
        let mut ex = self.exact.prf.json();
        ex.insert("tp_pred".into(), self.exact.tp_pred.into());
        ex.insert("tp_gold".into(), self.exact.tp_gold.into());
        ex.insert("recall_citron".into(), self.exact.recall_citron.into());
        let mut ov = self.overlap.prf.json();
        ov.insert("tokens_pred".into(), self.overlap.tokens_pred.into());
        ov.insert("tokens_gold".into(), self.overlap.tokens_gold.into());
        json!({
            "exact": ex,
            "overlap": ov,
            "overlap_citron_allpairs": self.overlap_citron_allpairs.json(),
        })
    }
}

/// The figures of one subset: all attributions, or the quotes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SubsetReport {
    /// Predictions in the subset.
    pub n_pred: u64,
    /// Gold attributions in the subset.
    pub n_gold: u64,
    /// Per kind, in [`Kind::ALL`] order.
    pub kinds: [KindReport; 4],
}

impl SubsetReport {
    /// Micro-averaged figures from the summed counts.
    pub fn from_counts(c: &SubsetCounts) -> SubsetReport {
        SubsetReport {
            n_pred: c.n_pred,
            n_gold: c.n_gold,
            kinds: c.kinds.map(|k| KindReport::new(k, c.n_pred, c.n_gold)),
        }
    }

    /// The figures of `kind`.
    pub fn kind(&self, kind: Kind) -> &KindReport {
        &self.kinds[kind.index()]
    }

    fn json(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("n_pred".into(), self.n_pred.into());
        m.insert("n_gold".into(), self.n_gold.into());
        for k in Kind::ALL {
            m.insert(k.as_str().into(), self.kind(k).json_value());
        }
        Value::Object(m)
    }
}

/// A scoring report: what the reference scorer prints and writes as JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The unit spans were measured in.
    pub unit: Unit,
    /// All attributions.
    pub all: SubsetReport,
    /// Attributions whose content holds a quote character.
    pub quote: SubsetReport,
    /// Gold articles scored.
    pub docs_scored: usize,
    /// Gold articles with no prediction line.
    pub docs_without_predictions_line: usize,
    /// Predicted articles not in the gold.
    pub pred_docs_not_in_gold: usize,
    /// Counts of the gold set.
    pub gold_stats: GoldStats,
    /// The JSON's `gold` label (the Python: the gold directory's name).
    pub gold: Option<String>,
    /// The JSON's `pred` label (the Python: the prediction file's name).
    pub pred: Option<String>,
}

impl Report {
    /// Builds the report from summed counts; labels unset.
    pub fn from_counts(
        unit: Unit,
        all: SubsetCounts,
        quote: SubsetCounts,
        docs_scored: usize,
        docs_without_predictions_line: usize,
        pred_docs_not_in_gold: usize,
        gold_stats: GoldStats,
    ) -> Report {
        Report {
            unit,
            all: SubsetReport::from_counts(&all),
            quote: SubsetReport::from_counts(&quote),
            docs_scored,
            docs_without_predictions_line,
            pred_docs_not_in_gold,
            gold_stats,
            gold: None,
            pred: None,
        }
    }

    /// Sets the `gold` and `pred` labels the way the Python command line does:
    /// `basename(normpath(gold_dir))` and `basename(pred_file)`.
    pub fn with_path_labels(mut self, gold_dir: &Path, pred_file: Option<&Path>) -> Report {
        let g = gold_dir.to_string_lossy();
        self.gold = Some(basename_normpath(&g).to_string());
        self.pred = pred_file.map(|p| {
            let p = p.to_string_lossy();
            p[p.rfind('/').map_or(0, |i| i + 1)..].to_string()
        });
        self
    }

    /// The JSON of the Python's `--json` output (keys sort when serialised).
    pub fn to_json(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("all".into(), self.all.json());
        m.insert("quote".into(), self.quote.json());
        m.insert("unit".into(), self.unit.as_str().into());
        m.insert("docs_scored".into(), self.docs_scored.into());
        m.insert(
            "docs_without_predictions_line".into(),
            self.docs_without_predictions_line.into(),
        );
        m.insert(
            "pred_docs_not_in_gold".into(),
            self.pred_docs_not_in_gold.into(),
        );
        m.insert("gold_stats".into(), self.gold_stats.to_json());
        if let Some(g) = &self.gold {
            m.insert("gold".into(), g.as_str().into());
        }
        if let Some(p) = &self.pred {
            m.insert("pred".into(), p.as_str().into());
        }
        Value::Object(m)
    }

    /// The table the Python prints (`print_table`), newline-terminated lines.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "unit={}  docs={}  (no pred line: {}, unknown pred docs: {})",
            self.unit.as_str(),
            self.docs_scored,
            self.docs_without_predictions_line,
            self.pred_docs_not_in_gold
        );
        let hdr = format!(
            "{:6} {:11} | {:>7} {:>6} {:>6} | {:>9} {:>6} {:>6}",
            "subset", "level", "exact P", "R", "F1", "overlap P", "R", "F1"
        );
        let _ = writeln!(s, "{hdr}\n{}", "-".repeat(hdr.chars().count()));
        for (name, sub) in [("all", &self.all), ("quote", &self.quote)] {
            for k in Kind::ALL {
                let (e, o) = (sub.kind(k).exact.prf, sub.kind(k).overlap.prf);
                let _ = writeln!(
                    s,
                    "{name:6} {:11} | {:7.1} {:6.1} {:6.1} | {:9.1} {:6.1} {:6.1}",
                    k.as_str(),
                    e.precision * 100.0,
                    e.recall * 100.0,
                    e.f1 * 100.0,
                    o.precision * 100.0,
                    o.recall * 100.0,
                    o.f1 * 100.0
                );
            }
            let _ = writeln!(
                s,
                "{name:6} {:11} | pred={} gold={}",
                "counts", sub.n_pred, sub.n_gold
            );
        }
        s
    }
}

/// Python's `os.path.basename(os.path.normpath(p))` for POSIX paths.
fn basename_normpath(p: &str) -> &str {
    let mut comps: Vec<&str> = Vec::new();
    let absolute = p.starts_with('/');
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." if !comps.is_empty() && comps.last() != Some(&"..") => {
                comps.pop();
            }
            ".." if absolute => {}
            _ => comps.push(c),
        }
    }
    match comps.last() {
        Some(c) => c,
        None if absolute => "",
        None => ".",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normpath_basename() {
        // Checked against Python's os.path.basename(os.path.normpath(p)).
        for (p, want) in [
            ("data/dev", "dev"),
            ("data/dev/", "dev"),
            ("dev/.", "dev"),
            ("dev/..", "."),
            ("../..", ".."),
            ("/", ""),
            ("", "."),
            ("/a/b/../c//", "c"),
            ("a/../../b/..", ".."),
        ] {
            assert_eq!(basename_normpath(p), want, "{p:?}");
        }
    }

    #[test]
    fn prf_edge_cases() {
        let z = Prf::from_counts(0, 0, 0, 0);
        assert_eq!((z.precision, z.recall, z.f1), (0.0, 0.0, 0.0));
        let p = Prf::from_counts(1, 3, 2, 3);
        assert_eq!(
            p.f1,
            2.0 * (1.0 / 3.0) * (2.0 / 3.0) / (1.0 / 3.0 + 2.0 / 3.0)
        );
    }
}
