//! Speaker identity: the speaker key and its scorer, a port of
//! `score_speakers.py`.
//!
//! The key (`shared/data/speakers/dev/DOC.json`, one file per article)
//! gives each gold attribution of an article the identity its source refers
//! to: `{"doc": ..., "attributions": [{"id", "source", "source_offsets",
//! "cue_offsets", "content_offsets", "speaker", "kind", "key", ...}]}`, offsets
//! in code points, `speaker` the canonical name or `null` for an unnamed
//! source, `key` the lowercase strings one of which a predicted name must
//! contain.
//!
//! Each gold attribution is matched to the predicted attribution whose cue
//! overlaps its cue most (in code points), ties broken by content overlap:
//! predictions are visited in order and one replaces the best so far when
//! `(cue overlap, content overlap)` is greater, so the first of equals wins
//! and a prediction overlapping neither is never matched. A gold attribution
//! with no match is *missed*. The figures, micro-averaged over the key:
//!
//! * `gold_named`: gold attributions with a named speaker;
//! * `named_accuracy`: the share of those whose match's speaker name contains
//!   (lowercased) one of the `key` strings; a missed one counts wrong;
//! * `named_accuracy_found`: the same over the matched ones only;
//! * `missed`: named gold attributions with no match;
//! * `kind_accuracy`: over matched named attributions whose gold kind and
//!   predicted kind are both `person` or `organization`, the share where
//!   they are equal;
//! * `invented_names`: over matched attributions with no named speaker
//!   (`gold_unnamed_found` of them), the share whose prediction names a person
//!   or organisation anyway (lower is better).
//!
//! Ratios are rounded to 4 decimals like Python's `round(x, 4)`, and are
//! `None` (JSON `null`) when their denominator is 0.

use crate::error::{read_utf8, EvalError};
use crate::predictions::{is_falsy, parse_span, PredictedSpeaker, Predictions};
use crate::span::{CharSpan, RoleSpans};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One gold attribution of the speaker key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyAttribution {
    /// Its `id` in the key file (usually its index), as written there.
    pub id: Value,
    /// The source text, if given.
    pub source: Option<String>,
    /// Cue spans (code points), as listed (not deduplicated).
    pub cue: Vec<CharSpan>,
    /// Content spans (code points), as listed.
    pub content: Vec<CharSpan>,
    /// The canonical speaker, `None` for an unnamed or generic source.
    pub speaker: Option<String>,
    /// `person`, `organization`, `group`, `document`, `unnamed` or `unknown`.
    pub kind: Option<String>,
    /// Lowercase strings any of which a right name contains (empty when
    /// `speaker` is `None`).
    pub key: Vec<String>,
}

/// One article of the speaker key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyDoc {
    /// The article name (the `doc` field).
    pub doc: String,
    /// The file it was read from.
    pub file: PathBuf,
    /// Its attributions, in file order.
    pub attributions: Vec<KeyAttribution>,
}

/// A speaker key: one [`KeyDoc`] per article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpeakerKey {
    /// The articles, in the order of their first file (file name order).
    pub docs: Vec<KeyDoc>,
}

impl SpeakerKey {
    /// Adds an article; one already there with the same name is replaced in
    /// place (as the Python's dict assignment does).
    pub fn insert(&mut self, doc: KeyDoc) {
        match self.docs.iter_mut().find(|d| d.doc == doc.doc) {
            Some(d) => *d = doc,
            None => self.docs.push(doc),
        }
    }

    /// The number of gold attributions.
    pub fn attribution_count(&self) -> usize {
        self.docs.iter().map(|d| d.attributions.len()).sum()
    }
}

/// Reads a key directory: every `*.json` file in it, in file name order, as
/// the Python's `load_key` does (a later file for the same `doc` replaces an
/// earlier one). Unlike the Python, a directory without any `.json` file is
/// an error, and so is a field of the wrong type; every error names the file.
pub fn load_speaker_key(dir: &Path) -> Result<SpeakerKey, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut names = Vec::new();
    for e in entries {
        let e = e.map_err(|e| EvalError::io(dir, e))?;
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(".json") {
            names.push(name.to_string());
        }
    }
    // Python sorts str by code point: the same order as UTF-8 bytes.
    names.sort();
    if names.is_empty() {
        return Err(EvalError::Key {
            path: dir.to_path_buf(),
            message: "no .json speaker key files in this directory".into(),
        });
    }
    let mut key = SpeakerKey::default();
    for name in names {
        let path = dir.join(name);
        key.insert(read_key_file(&path)?);
    }
    Ok(key)
}

/// Reads one key file (`{"doc": ..., "attributions": [...]}`).
pub fn read_key_file(path: &Path) -> Result<KeyDoc, EvalError> {
    let text = read_utf8(path)?;
    let v: Value = serde_json::from_str(&text).map_err(|source| EvalError::Json {
        file: path.display().to_string(),
        line: source.line(),
        source,
    })?;
    let (doc, attributions) = parse_key(&v).map_err(|message| EvalError::Key {
        path: path.to_path_buf(),
        message,
    })?;
    Ok(KeyDoc {
        doc,
        file: path.to_path_buf(),
        attributions,
    })
}

fn parse_key(v: &Value) -> Result<(String, Vec<KeyAttribution>), String> {
    let Value::Object(m) = v else {
        return Err("expected a JSON object {\"doc\", \"attributions\"}".into());
    };
    let doc = match m.get("doc") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("\"doc\" must be a string".into()),
        None => return Err("missing \"doc\"".into()),
    };
    let items = match m.get("attributions") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err("\"attributions\" must be a list".into()),
        None => return Err("missing \"attributions\"".into()),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, a) in items.iter().enumerate() {
        let at = |m: String| format!("attribution {i}: {m}");
        let Value::Object(a) = a else {
            return Err(at("not an object".into()));
        };
        let string = |field: &str| match a.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(x) => Err(at(format!("\"{field}\" must be a string or null, got {x}"))),
        };
        let spans = |field: &str| -> Result<Vec<CharSpan>, String> {
            match a.get(field) {
                Some(Value::Array(list)) => list
                    .iter()
                    .map(|s| parse_span(s).map_err(|m| at(format!("\"{field}\": {m}"))))
                    .collect(),
                None => Ok(Vec::new()),
                Some(x) if is_falsy(x) => Ok(Vec::new()),
                Some(x) => Err(at(format!("\"{field}\" must be a list of spans, got {x}"))),
            }
        };
        let key = match a.get("key") {
            Some(Value::Array(list)) => list
                .iter()
                .map(|k| match k {
                    Value::String(s) => Ok(s.clone()),
                    x => Err(at(format!("\"key\" must hold strings, got {x}"))),
                })
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
            Some(x) if is_falsy(x) => Vec::new(),
            Some(x) => return Err(at(format!("\"key\" must be a list or null, got {x}"))),
        };
        out.push(KeyAttribution {
            id: a.get("id").cloned().unwrap_or(Value::Null),
            source: string("source")?,
            cue: spans("cue_offsets")?,
            content: spans("content_offsets")?,
            speaker: string("speaker")?,
            kind: string("kind")?,
            key,
        });
    }
    Ok((doc, out))
}

/// The counts behind the speaker figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpeakerCounts {
    /// Gold attributions with a named speaker.
    pub named: usize,
    /// Of those, the ones whose match's name contains a key string.
    pub named_right: usize,
    /// Named gold attributions with a match.
    pub named_found: usize,
    /// Matched named attributions whose gold and predicted kinds are both
    /// person or organization.
    pub kind_n: usize,
    /// Of those, the ones with equal kinds.
    pub kind_right: usize,
    /// Matched gold attributions with no named speaker.
    pub unnamed_found: usize,
    /// Of those, the ones given a person or organisation name.
    pub invented: usize,
    /// Named gold attributions with no match.
    pub missed: usize,
}

/// One figure of the speaker report that a floor can be put on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpeakerFigure {
    /// `named_accuracy`.
    NamedAccuracy,
    /// `named_accuracy_found`.
    NamedAccuracyFound,
    /// `kind_accuracy`.
    KindAccuracy,
    /// `invented_names` (lower is better).
    InventedNames,
}

impl SpeakerFigure {
    /// Every ratio figure, in report order.
    pub const ALL: [SpeakerFigure; 4] = [
        SpeakerFigure::NamedAccuracy,
        SpeakerFigure::NamedAccuracyFound,
        SpeakerFigure::KindAccuracy,
        SpeakerFigure::InventedNames,
    ];

    /// The name in the report (`named_accuracy`).
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerFigure::NamedAccuracy => "named_accuracy",
            SpeakerFigure::NamedAccuracyFound => "named_accuracy_found",
            SpeakerFigure::KindAccuracy => "kind_accuracy",
            SpeakerFigure::InventedNames => "invented_names",
        }
    }

    /// The figure of a report name.
    pub fn from_name(name: &str) -> Option<SpeakerFigure> {
        SpeakerFigure::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Whether lower values are better (so a limit on it is a ceiling).
    pub fn lower_is_better(self) -> bool {
        self == SpeakerFigure::InventedNames
    }
}

/// The speaker figures (`score_speakers.py`'s output).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpeakerReport {
    /// The counts.
    pub counts: SpeakerCounts,
    /// Articles in the key.
    pub key_docs: usize,
    /// Gold attributions in the key.
    pub key_attributions: usize,
    /// Key articles with no prediction line (scored as predicting nothing).
    pub docs_without_predictions_line: usize,
}

impl SpeakerReport {
    /// A ratio figure; `None` when its denominator is 0.
    pub fn get(&self, figure: SpeakerFigure) -> Option<f64> {
        let c = &self.counts;
        match figure {
            SpeakerFigure::NamedAccuracy => py_round4(c.named_right, c.named),
            SpeakerFigure::NamedAccuracyFound => py_round4(c.named_right, c.named_found),
            SpeakerFigure::KindAccuracy => py_round4(c.kind_right, c.kind_n),
            SpeakerFigure::InventedNames => py_round4(c.invented, c.unnamed_found),
        }
    }

    /// The figures in the Python's order, as JSON values.
    pub fn figures(&self) -> [(&'static str, Value); 7] {
        let f = |x: SpeakerFigure| self.get(x).map_or(Value::Null, Value::from);
        let c = &self.counts;
        [
            ("gold_named", c.named.into()),
            ("named_accuracy", f(SpeakerFigure::NamedAccuracy)),
            ("named_accuracy_found", f(SpeakerFigure::NamedAccuracyFound)),
            ("missed", c.missed.into()),
            ("kind_accuracy", f(SpeakerFigure::KindAccuracy)),
            ("invented_names", f(SpeakerFigure::InventedNames)),
            ("gold_unnamed_found", c.unnamed_found.into()),
        ]
    }

    /// The Python's `--json` output, plus `key_docs`, `key_attributions` and
    /// `docs_without_predictions_line`.
    pub fn to_json(&self) -> Value {
        let mut m: serde_json::Map<String, Value> = self
            .figures()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        m.insert("key_docs".into(), self.key_docs.into());
        m.insert("key_attributions".into(), self.key_attributions.into());
        m.insert(
            "docs_without_predictions_line".into(),
            self.docs_without_predictions_line.into(),
        );
        Value::Object(m)
    }

    /// A heading line, then the figures as the Python prints them
    /// (`name` padded to 22, then the value as Python's `print` shows it).
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "speakers  key docs={}  attributions={}  (no pred line: {})",
            self.key_docs, self.key_attributions, self.docs_without_predictions_line
        );
        for (k, v) in self.figures() {
            let v = match v {
                Value::Null => "None".to_string(),
                Value::Number(n) if n.is_f64() => format!("{:?}", n.as_f64().unwrap_or(0.0)),
                v => v.to_string(),
            };
            let _ = writeln!(s, "{k:22} {v}");
        }
        s
    }
}

/// Python's `round(num / den, 4)`, or `None` when `den` is 0.
///
/// Python rounds the exact binary value of the quotient to 4 decimals (half
/// to even on exact ties) and reads the decimal back; Rust's `{:.4}` rounds
/// the exact value the same way, and parsing is correctly rounded.
pub fn py_round4(num: usize, den: usize) -> Option<f64> {
    if den == 0 {
        return None;
    }
    let x = num as f64 / den as f64;
    format!("{x:.4}").parse().ok()
}

/// The overlap of two span lists in code points, summed over every pair.
fn overlap(a: &[CharSpan], b: &[CharSpan]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            n += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        }
    }
    n
}

fn is_person_or_org(kind: Option<&str>) -> bool {
    matches!(kind, Some("person" | "organization"))
}

/// The predicted attribution matched to a gold one: the first with the
/// greatest `(cue overlap, content overlap)` above `(0, 0)`.
fn best_match<'a>(
    gold: &KeyAttribution,
    preds: impl Iterator<Item = (&'a RoleSpans, Option<&'a PredictedSpeaker>)>,
) -> Option<Option<&'a PredictedSpeaker>> {
    let mut best = None;
    let mut best_score = (0, 0);
    for (spans, speaker) in preds {
        let s = (
            overlap(&gold.cue, &spans.cue),
            overlap(&gold.content, &spans.content),
        );
        if s > best_score {
            best = Some(speaker);
            best_score = s;
        }
    }
    best
}

/// Scores the predicted speakers against the key (`score_speakers.py`).
///
/// A key article is looked up in `preds` by name; one without a prediction
/// line has no predictions. Predictions are read through
/// [`Predictions::speaker_view`]: a doc's last line, repeats left out.
pub fn score_speakers(key: &SpeakerKey, preds: &Predictions) -> SpeakerReport {
    let mut c = SpeakerCounts::default();
    let mut docs_without_predictions_line = 0;
    for doc in &key.docs {
        if !preds.docs.contains_key(&doc.doc) {
            docs_without_predictions_line += 1;
        }
        for g in &doc.attributions {
            let matched = preds
                .speaker_view(&doc.doc)
                .and_then(|view| best_match(g, view));
            let speaker = matched.flatten();
            let name = speaker.and_then(|s| s.name.as_deref());
            let kind = speaker.and_then(|s| s.kind.as_deref());
            if g.speaker.is_some() {
                c.named += 1;
                let right = name.is_some_and(|n| {
                    let n = n.to_lowercase();
                    g.key.iter().any(|k| n.contains(&k.to_lowercase()))
                });
                if matched.is_none() {
                    c.missed += 1;
                } else {
                    c.named_found += 1;
                    if is_person_or_org(g.kind.as_deref()) && is_person_or_org(kind) {
                        c.kind_n += 1;
                        c.kind_right += usize::from(kind == g.kind.as_deref());
                    }
                }
                c.named_right += usize::from(right);
            } else if matched.is_some() {
                c.unnamed_found += 1;
                if name.is_some() && is_person_or_org(kind) {
                    c.invented += 1;
                }
            }
        }
    }
    SpeakerReport {
        counts: c,
        key_docs: key.docs.len(),
        key_attributions: key.attribution_count(),
        docs_without_predictions_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::predictions::{AttributionInfo, PredictedAttribution};
    use serde_json::json;

    fn sp(a: usize, b: usize) -> Vec<CharSpan> {
        vec![CharSpan::new(a, b)]
    }

    fn gold(
        cue: (usize, usize),
        content: (usize, usize),
        speaker: Option<(&str, &str, &[&str])>,
    ) -> KeyAttribution {
        KeyAttribution {
            cue: sp(cue.0, cue.1),
            content: sp(content.0, content.1),
            speaker: speaker.map(|s| s.0.to_string()),
            kind: Some(speaker.map_or("group", |s| s.1).to_string()),
            key: speaker.map_or(vec![], |s| s.2.iter().map(|k| k.to_string()).collect()),
            ..KeyAttribution::default()
        }
    }

    fn pred(
        cue: (usize, usize),
        content: (usize, usize),
        speaker: Option<(&str, &str)>,
    ) -> PredictedAttribution {
        PredictedAttribution {
            spans: RoleSpans {
                cue: sp(cue.0, cue.1),
                source: vec![],
                content: sp(content.0, content.1),
            },
            info: AttributionInfo {
                speaker: speaker.map(|(n, k)| PredictedSpeaker::new(n, k)),
                duplicate_of: None,
            },
        }
    }

    fn key(atts: Vec<KeyAttribution>) -> SpeakerKey {
        SpeakerKey {
            docs: vec![KeyDoc {
                doc: "d".into(),
                file: "d.json".into(),
                attributions: atts,
            }],
        }
    }

    fn preds(atts: Vec<PredictedAttribution>) -> Predictions {
        let mut p = Predictions::new();
        p.add_attributions("d", atts);
        p
    }

    fn figures(r: &SpeakerReport) -> Value {
        Value::Object(
            r.figures()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    #[test]
    fn cue_overlap_then_content_overlap_first_of_equals() {
        let k = key(vec![gold(
            (10, 20),
            (30, 40),
            Some(("Bob Smith", "person", &["smith"])),
        )]);
        // More cue overlap beats more content overlap.
        let p = preds(vec![
            pred((10, 12), (30, 40), Some(("Ann Jones", "person"))),
            pred((10, 14), (0, 1), Some(("Bob Smith", "person"))),
        ]);
        assert_eq!(score_speakers(&k, &p).counts.named_right, 1);
        // Equal cue overlap: content overlap decides.
        let p = preds(vec![
            pred((10, 14), (30, 31), Some(("Ann Jones", "person"))),
            pred((16, 20), (30, 35), Some(("Bob Smith", "person"))),
        ]);
        assert_eq!(score_speakers(&k, &p).counts.named_right, 1);
        // Exact tie: the first one wins.
        let p = preds(vec![
            pred((10, 14), (30, 35), Some(("Ann Jones", "person"))),
            pred((16, 20), (35, 40), Some(("Bob Smith", "person"))),
        ]);
        let r = score_speakers(&k, &p);
        assert_eq!((r.counts.named_right, r.counts.named_found), (0, 1));
        // No cue overlap, some content overlap: still a match.
        let p = preds(vec![pred(
            (50, 54),
            (38, 45),
            Some(("bob SMITH jr", "person")),
        )]);
        assert_eq!(score_speakers(&k, &p).counts.named_right, 1);
    }

    #[test]
    fn missed_named_and_null_denominators() {
        let k = key(vec![
            gold(
                (10, 20),
                (30, 40),
                Some(("Bob Smith", "person", &["smith"])),
            ),
            gold(
                (50, 60),
                (60, 70),
                Some(("Justice Department", "organization", &["justice"])),
            ),
        ]);
        // Only the second is found, with a right name and a wrong kind.
        let p = preds(vec![
            pred((0, 5), (100, 120), Some(("Bob Smith", "person"))),
            pred(
                (55, 58),
                (60, 61),
                Some(("the Justice Department", "person")),
            ),
        ]);
        let r = score_speakers(&k, &p);
        assert_eq!(
            figures(&r),
            json!({"gold_named": 2, "named_accuracy": 0.5, "named_accuracy_found": 1.0,
                   "missed": 1, "kind_accuracy": 0.0, "invented_names": null,
                   "gold_unnamed_found": 0})
        );
        // Nothing predicted for the doc (no line at all): every ratio but
        // named_accuracy has a zero denominator.
        let r = score_speakers(&k, &Predictions::new());
        assert_eq!(r.docs_without_predictions_line, 1);
        assert_eq!(
            figures(&r),
            json!({"gold_named": 2, "named_accuracy": 0.0, "named_accuracy_found": null,
                   "missed": 2, "kind_accuracy": null, "invented_names": null,
                   "gold_unnamed_found": 0})
        );
        // An empty key: everything null or zero.
        let r = score_speakers(&SpeakerKey::default(), &p);
        assert!(SpeakerFigure::ALL.iter().all(|&f| r.get(f).is_none()));
    }

    #[test]
    fn invented_names_and_kinds() {
        let k = key(vec![
            gold((0, 4), (5, 9), None),
            gold((10, 14), (15, 19), None),
            gold((20, 24), (25, 29), None),
            gold((30, 34), (35, 39), None),
            gold((40, 44), (45, 49), None),
        ]);
        let p = preds(vec![
            pred((0, 4), (5, 9), Some(("Forty-one", "person"))),
            pred((10, 14), (15, 19), Some(("The Group", "organization"))),
            pred((20, 24), (25, 29), Some(("Somewhere", "place"))),
            pred((30, 34), (35, 39), None),
            // the fifth is not found: not counted
        ]);
        let r = score_speakers(&k, &p);
        assert_eq!(r.counts.unnamed_found, 4);
        assert_eq!(r.get(SpeakerFigure::InventedNames), Some(0.5));
        assert_eq!(r.get(SpeakerFigure::NamedAccuracy), None);
        // A name without a kind is not an invented name; nor a kind alone.
        let bare = |v: Value| PredictedSpeaker::from_json(&v).unwrap();
        let mut p = Predictions::new();
        p.add_attributions(
            "d",
            [
                bare(json!("Forty-one")),
                bare(json!({"name": null, "kind": "person"})),
            ]
            .into_iter()
            .zip([(0, 4), (10, 14)])
            .map(|(s, c)| PredictedAttribution {
                spans: RoleSpans {
                    cue: sp(c.0, c.1),
                    ..RoleSpans::default()
                },
                info: AttributionInfo {
                    speaker: s,
                    duplicate_of: None,
                },
            }),
        );
        let r = score_speakers(&k, &p);
        assert_eq!((r.counts.unnamed_found, r.counts.invented), (2, 0));

        // Kind accuracy only over gold and predicted person/organization.
        let k = key(vec![
            gold((0, 4), (5, 9), Some(("Bob Smith", "person", &["smith"]))),
            gold((10, 14), (15, 19), Some(("FBI", "organization", &["fbi"]))),
            gold(
                (20, 24),
                (25, 29),
                Some(("Ann Jones", "person", &["jones"])),
            ),
            gold((30, 34), (35, 39), Some(("Pew", "unknown", &["pew"]))),
        ]);
        let p = preds(vec![
            pred((0, 4), (5, 9), Some(("Bob Smith", "person"))),
            pred((10, 14), (15, 19), Some(("FBI", "person"))),
            pred((20, 24), (25, 29), Some(("Ann Jones", "unknown"))),
            pred((30, 34), (35, 39), Some(("Pew", "organization"))),
        ]);
        let r = score_speakers(&k, &p);
        assert_eq!((r.counts.kind_n, r.counts.kind_right), (2, 1));
        assert_eq!(r.get(SpeakerFigure::KindAccuracy), Some(0.5));
        assert_eq!(r.get(SpeakerFigure::NamedAccuracy), Some(1.0));
    }

    #[test]
    fn key_strings_are_substrings_case_insensitive() {
        let k = key(vec![
            gold(
                (0, 4),
                (5, 9),
                Some(("Obama and Hillary Clinton", "person", &["obama", "clinton"])),
            ),
            gold(
                (10, 14),
                (15, 19),
                Some(("Trump campaign", "organization", &["trump campaign"])),
            ),
            gold((20, 24), (25, 29), Some(("X", "person", &[]))),
        ]);
        let p = preds(vec![
            pred((0, 4), (5, 9), Some(("HILLARY CLINTON", "person"))),
            pred(
                (10, 14),
                (15, 19),
                Some(("Donald Trump's campaign", "organization")),
            ),
            pred((20, 24), (25, 29), Some(("X", "person"))),
        ]);
        let r = score_speakers(&k, &p);
        assert_eq!(r.counts.named_right, 1);
        assert_eq!(r.get(SpeakerFigure::NamedAccuracy), Some(0.3333));
    }

    #[test]
    fn repeats_and_earlier_lines_are_left_out() {
        let text = concat!(
            r#"{"doc": "d", "attributions": [{"cue": [[0, 4]], "speaker": "Bob Smith"}]}"#,
            "\n",
            r#"{"doc": "d", "attributions": [{"cue": [{"start": 0, "end": 4, "text": "said"}], "speaker": {"name": "Ann Jones", "kind": "person", "mention": 3}, "duplicate_of": 1}, {"cue": [[2, 3]], "speaker": null}]}"#,
            "\n"
        );
        let p = crate::read_predictions(text.as_bytes()).unwrap();
        // The attribution scorer sees all three.
        assert_eq!(p.get("d").unwrap().len(), 3);
        let k = key(vec![gold(
            (0, 4),
            (5, 9),
            Some(("Bob Smith", "person", &["smith"])),
        )]);
        let r = score_speakers(&k, &p);
        // Only the last line's non-repeat counts: found, no name.
        assert_eq!(
            (r.counts.named_found, r.counts.named_right, r.counts.missed),
            (1, 0, 0)
        );
        // Written and read back, both views are the same.
        let mut out = Vec::new();
        p.write_jsonl(&mut out).unwrap();
        let back = crate::read_predictions(&out[..]).unwrap();
        assert_eq!(back.docs, p.docs);
        assert_eq!(back.info, p.info);
        assert_eq!(back.last_line_start, p.last_line_start);
        let written = String::from_utf8(out).unwrap();
        assert!(written.contains(
            r#"{"cue": [[0, 4]], "source": [], "content": [], "speaker": {"name": "Ann Jones", "kind": "person"}, "duplicate_of": 1}"#
        ), "{written}");
    }

    #[test]
    fn speaker_values_read_like_speaker_of() {
        let f = |v: Value| PredictedSpeaker::from_json(&v);
        assert_eq!(f(json!(null)), Ok(None));
        assert_eq!(f(json!("")), Ok(None));
        assert_eq!(f(json!(false)), Ok(None));
        assert_eq!(f(json!([])), Ok(None));
        assert_eq!(f(json!("Bob")), Ok(Some(PredictedSpeaker::new("Bob", ""))));
        assert_eq!(
            f(json!({"name": "", "kind": 3, "extra": [1]})),
            Ok(Some(PredictedSpeaker::default()))
        );
        assert_eq!(
            f(json!({"name": "Bob", "kind": "person"})),
            Ok(Some(PredictedSpeaker::new("Bob", "person")))
        );
        assert!(f(json!(5)).is_err());
        assert!(f(json!({"name": 5})).is_err());
        assert!(f(json!({"name": ["Bob"]})).is_err());
    }

    #[test]
    fn rounding_like_python() {
        // Values from Python's round(a / b, 4); the /32 ones are exact ties.
        for (a, b, want) in [
            (1, 32, 0.0312),
            (3, 32, 0.0938),
            (5, 32, 0.1562),
            (7, 32, 0.2188),
            (291, 544, 0.5349),
            (2, 3, 0.6667),
            (1, 20000, 0.0001),
            (1, 30000, 0.0),
            (5, 5, 1.0),
        ] {
            assert_eq!(py_round4(a, b), Some(want), "{a}/{b}");
        }
        assert_eq!(py_round4(0, 0), None);
        assert_eq!(py_round4(3, 0), None);
    }

    #[test]
    fn key_files_and_their_errors() {
        let dir = std::env::temp_dir().join(format!("qg-speaker-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let err = load_speaker_key(&dir).unwrap_err().to_string();
        assert!(err.contains("no .json speaker key files"), "{err}");
        let ok = r#"{"doc": "d", "attributions": [{"id": 0, "cue_offsets": [[1, 2]], "content_offsets": [[3, 4]], "speaker": "Bob Smith", "kind": "person", "key": ["smith"], "note": "x"}]}"#;
        std::fs::write(dir.join("a.json"), ok).unwrap();
        std::fs::write(dir.join("notes.txt"), "not a key").unwrap();
        let key = load_speaker_key(&dir).unwrap();
        assert_eq!(key.docs.len(), 1);
        assert_eq!(key.docs[0].attributions[0].cue, sp(1, 2));
        assert_eq!(key.docs[0].attributions[0].key, ["smith"]);
        // A later file for the same doc replaces the earlier one.
        std::fs::write(dir.join("b.json"), r#"{"doc": "d", "attributions": []}"#).unwrap();
        let key = load_speaker_key(&dir).unwrap();
        assert_eq!((key.docs.len(), key.attribution_count()), (1, 0));
        for (bad, msg) in [
            (
                "{\"doc\": \"e\",\n \"attributions\": [}",
                "c.json:2: invalid JSON",
            ),
            (r#"{"attributions": []}"#, "c.json: missing \"doc\""),
            (
                r#"{"doc": "e", "attributions": [{"key": "trump"}]}"#,
                "c.json: attribution 0: \"key\" must be a list",
            ),
            (
                r#"{"doc": "e", "attributions": [{"cue_offsets": [[1]]}]}"#,
                "attribution 0: \"cue_offsets\": expected a [start, end] pair",
            ),
            (
                r#"{"doc": "e", "attributions": [{"speaker": 3}]}"#,
                "\"speaker\" must be a string or null",
            ),
        ] {
            std::fs::write(dir.join("c.json"), bad).unwrap();
            let err = load_speaker_key(&dir).unwrap_err().to_string();
            assert!(err.contains(msg), "{err}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
