//! Predictions: the JSONL format of the reference scorers, or built in memory.
//!
//! One line per article, offsets are code points into `NAME.txt`:
//!
//! ```text
//! {"doc": "NAME", "attributions": [{"source": [[s, e], ...], "cue": [...], "content": [...],
//!                                   "speaker": {"name": ..., "kind": ...}, "duplicate_of": null}, ...]}
//! ```
//!
//! Spans may also be objects `{"start": s, "end": e, ...}` (other keys
//! ignored), so `quotegraph extract --format jsonl` output reads as it is.
//! `speaker` and `duplicate_of` are optional and only matter to the speaker
//! scorer ([`crate::score_speakers`]).
//!
//! Read like the Python's `load_preds`: blank lines are skipped; a missing,
//! `null`, empty or otherwise falsy role means no span; offsets may be
//! integers, floats (truncated), booleans or integer strings, as Python's
//! `int()` takes them; a doc on several lines gets all their attributions.
//! The speaker scorer reads them like `score_speakers.py`'s `load_pred`: only
//! a doc's last line counts, and attributions whose `duplicate_of` is
//! present and not null are left out ([`Predictions::speaker_view`]).
//!
//! Deliberate differences, all on inputs the Python either crashes on or
//! scores meaninglessly: a negative offset is an error (Python would count
//! it from the end of the text in one place and not in another); `doc` must
//! be a string; a span must be a two-element array or an object with `start`
//! and `end` (`score_attributions.py` crashes on objects; both scripts also
//! unpack two-character strings, and `score_speakers.py` longer arrays); a
//! speaker must be an object, a string or a falsy value, and its name a
//! string or a falsy value (Python crashes on, or counts, a number); a span
//! repeated within one role counts once for the speaker scorer too (its
//! Python sums the overlap of each repeat); and the non-standard JSON
//! Python's `json` also reads (`NaN`, `Infinity`, numbers overflowing a
//! double, nesting deeper than 128) is a JSON error.

use crate::error::EvalError;
use crate::gold::GoldSet;
use crate::pychar::{decimal_value, strip};
use crate::span::{CharSpan, Role, RoleSpans};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

/// A doc that appeared on more than one line (its attributions were merged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateDoc {
    /// 1-based line of the repeated occurrence.
    pub line: usize,
    /// The doc name.
    pub doc: String,
}

/// A predicted speaker, as `score_speakers.py`'s `speaker_of` reads it.
///
/// Empty strings are `None`. An engine's speaker with more fields converts
/// through its JSON ([`PredictedSpeaker::from_json`]); only `name` and `kind`
/// are kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PredictedSpeaker {
    /// The speaker's name.
    pub name: Option<String>,
    /// Its kind (`person` and `organization` are the ones scored).
    pub kind: Option<String>,
}

impl PredictedSpeaker {
    /// A named speaker of a kind.
    pub fn new(name: &str, kind: &str) -> PredictedSpeaker {
        let s = |x: &str| (!x.is_empty()).then(|| x.to_string());
        PredictedSpeaker {
            name: s(name),
            kind: s(kind),
        }
    }

    /// Reads the `speaker` value of a predicted attribution: an object
    /// `{"name": string|null, "kind": string|null, ...}` (other fields
    /// ignored), a bare name, or `null`. As in the Python, a falsy value
    /// (`null`, `""`, `false`, `0`, `[]`) is no speaker and no name, and a kind
    /// that is not a string is no kind. A name (or bare speaker) that is a
    /// truthy non-string is refused: the Python crashes on it or counts it.
    pub fn from_json(v: &Value) -> Result<Option<PredictedSpeaker>, String> {
        match v {
            Value::Object(m) => {
                let name = match m.get("name") {
                    Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                    None => None,
                    Some(x) if is_falsy(x) => None,
                    Some(x) => return Err(format!("speaker name must be a string, got {x}")),
                };
                let kind = match m.get("kind") {
                    Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                    _ => None,
                };
                Ok(Some(PredictedSpeaker { name, kind }))
            }
            Value::String(s) if !s.is_empty() => Ok(Some(PredictedSpeaker {
                name: Some(s.clone()),
                kind: None,
            })),
            x if is_falsy(x) => Ok(None),
            x => Err(format!(
                "speaker must be an object, a name or null, got {x}"
            )),
        }
    }

    /// `{"name": ..., "kind": ...}`.
    pub fn to_json(&self) -> Value {
        let s = |x: &Option<String>| x.as_ref().map_or(Value::Null, |x| x.as_str().into());
        serde_json::json!({"name": s(&self.name), "kind": s(&self.kind)})
    }
}

/// What a predicted attribution carries besides its spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttributionInfo {
    /// The predicted speaker, if any.
    pub speaker: Option<PredictedSpeaker>,
    /// `duplicate_of` when present and not null: a repeat, which the speaker
    /// scorer leaves out (the attribution scorer counts it like the Python).
    pub duplicate_of: Option<Value>,
}

/// One predicted attribution: spans, speaker, repeat marking.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PredictedAttribution {
    /// The spans of each role.
    pub spans: RoleSpans,
    /// Speaker and `duplicate_of`.
    pub info: AttributionInfo,
}

/// Predicted attributions per article.
///
/// An article present with no attributions differs from an absent one only
/// in the report's `docs_without_predictions_line`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Predictions {
    /// Attributions per article name.
    pub docs: BTreeMap<String, Vec<RoleSpans>>,
    /// Docs merged from several lines, as the Python warns about them.
    pub duplicates: Vec<DuplicateDoc>,
    /// Per article, index for index with `docs`: each attribution's speaker
    /// and `duplicate_of` (missing entries mean neither).
    pub info: BTreeMap<String, Vec<AttributionInfo>>,
    /// For an article read from several lines: the index in `docs` of the
    /// first attribution of its last line (the speaker scorer reads only
    /// that line, like `score_speakers.py`). Absent means 0.
    pub last_line_start: BTreeMap<String, usize>,
}

impl Predictions {
    /// No predictions.
    pub fn new() -> Predictions {
        Predictions::default()
    }

    /// Adds attributions for `doc` (after any already there), registering the
    /// doc even when `attributions` is empty. Spans are sorted and deduplicated.
    pub fn add(&mut self, doc: &str, attributions: impl IntoIterator<Item = RoleSpans>) {
        self.add_attributions(
            doc,
            attributions.into_iter().map(|spans| PredictedAttribution {
                spans,
                info: AttributionInfo::default(),
            }),
        );
    }

    /// Adds attributions with their speakers (and `duplicate_of`) for `doc`,
    /// after any already there, like [`Predictions::add`].
    pub fn add_attributions(
        &mut self,
        doc: &str,
        attributions: impl IntoIterator<Item = PredictedAttribution>,
    ) {
        let spans = self.docs.entry(doc.to_string()).or_default();
        let info = self.info.entry(doc.to_string()).or_default();
        info.resize(spans.len(), AttributionInfo::default());
        for a in attributions {
            spans.push(a.spans.normalized());
            info.push(a.info);
        }
    }

    /// The attributions of `doc` as the speaker scorer reads them (the
    /// Python's `load_pred`): those of the doc's last line whose
    /// `duplicate_of` is unset, with their speakers. `None` when `doc` has
    /// no line.
    pub fn speaker_view(
        &self,
        doc: &str,
    ) -> Option<impl Iterator<Item = (&RoleSpans, Option<&PredictedSpeaker>)>> {
        let spans = self.docs.get(doc)?;
        let info = self.info.get(doc).map_or(&[][..], Vec::as_slice);
        let start = self.last_line_start.get(doc).copied().unwrap_or(0);
        Some(
            spans
                .iter()
                .enumerate()
                .skip(start)
                .filter_map(move |(i, s)| match info.get(i) {
                    Some(x) if x.duplicate_of.is_some() => None,
                    x => Some((s, x.and_then(|x| x.speaker.as_ref()))),
                }),
        )
    }

    /// Whether any attribution has a speaker.
    pub fn has_speakers(&self) -> bool {
        self.info.values().flatten().any(|i| i.speaker.is_some())
    }

    /// The attributions of `doc`, if it has a line.
    pub fn get(&self, doc: &str) -> Option<&[RoleSpans]> {
        self.docs.get(doc).map(Vec::as_slice)
    }

    /// The gold attributions as predictions (the Python's `gold_as_preds`).
    pub fn from_gold(gold: &GoldSet) -> Predictions {
        let mut p = Predictions::new();
        for d in &gold.docs {
            p.add(&d.name, d.attributions.iter().map(|a| a.roles.clone()));
        }
        p
    }

    /// Writes the JSONL format, one line per doc in name order, keys and
    /// separators as the Python's `--export-gold-preds` writes them; an
    /// attribution's `speaker` (`{"name", "kind"}`) and `duplicate_of` follow
    /// its spans when set. A doc read from several lines is written as two,
    /// its last line apart, so that both scorers read back what they read.
    pub fn write_jsonl<W: Write>(&self, mut w: W) -> std::io::Result<()> {
        let no_info = Vec::new();
        for (doc, atts) in &self.docs {
            let info = self.info.get(doc).unwrap_or(&no_info);
            let last = self.last_line_start.get(doc).copied().unwrap_or(0);
            if last > 0 {
                write_line(&mut w, doc, &atts[..last.min(atts.len())], info)?;
            }
            let rest = last.min(atts.len());
            write_line(&mut w, doc, &atts[rest..], info.get(rest..).unwrap_or(&[]))?;
        }
        Ok(())
    }
}

fn write_line<W: Write>(
    w: &mut W,
    doc: &str,
    atts: &[RoleSpans],
    info: &[AttributionInfo],
) -> std::io::Result<()> {
    let json = |v: &Value| serde_json::to_string(v).map_err(std::io::Error::other);
    let name = serde_json::to_string(doc).map_err(std::io::Error::other)?;
    write!(w, "{{\"doc\": {name}, \"attributions\": [")?;
    for (i, a) in atts.iter().enumerate() {
        w.write_all(if i == 0 { b"{" } else { b", {" })?;
        for (k, role) in Role::ALL.into_iter().enumerate() {
            let sep = if k == 0 { "" } else { ", " };
            write!(w, "{sep}\"{}\": [", role.as_str())?;
            for (j, s) in a.get(role).iter().enumerate() {
                let sep = if j == 0 { "" } else { ", " };
                write!(w, "{sep}[{}, {}]", s.start, s.end)?;
            }
            w.write_all(b"]")?;
        }
        if let Some(x) = info.get(i) {
            if let Some(sp) = &x.speaker {
                let s = sp.to_json();
                write!(w, ", \"speaker\": {{\"name\": {}, ", json(&s["name"])?)?;
                write!(w, "\"kind\": {}}}", json(&s["kind"])?)?;
            }
            if let Some(d) = &x.duplicate_of {
                write!(w, ", \"duplicate_of\": {}", json(d)?)?;
            }
        }
        w.write_all(b"}")?;
    }
    w.write_all(b"]}\n")
}

/// Reads predictions from a reader (errors name the source `<predictions>`).
pub fn read_predictions<R: Read>(mut reader: R) -> Result<Predictions, EvalError> {
    const NAME: &str = "<predictions>";
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| EvalError::io(NAME, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..byte].iter().filter(|&&b| b == b'\n').count();
        EvalError::Encoding {
            path: NAME.into(),
            line,
            byte,
        }
    })?;
    parse_predictions(&text, NAME)
}

/// Reads a prediction file (errors name the file).
pub fn load_predictions(path: &Path) -> Result<Predictions, EvalError> {
    let text = crate::error::read_utf8(path)?;
    parse_predictions(&text, &path.display().to_string())
}

/// Lines as Python's text mode splits them (`\n`, `\r\n` and `\r` end a line).
fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.find(['\n', '\r']) {
            None => {
                rest = None;
                (!r.is_empty()).then_some(r)
            }
            Some(i) => {
                let skip = if r[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&r[i + skip..]);
                Some(&r[..i])
            }
        }
    })
}

fn parse_predictions(text: &str, file: &str) -> Result<Predictions, EvalError> {
    let mut preds = Predictions::new();
    for (n, line) in universal_lines(text).enumerate() {
        let line_no = n + 1;
        let line = strip(line);
        if line.is_empty() {
            continue;
        }
        let obj: Value = serde_json::from_str(line).map_err(|source| EvalError::Json {
            file: file.to_string(),
            line: line_no,
            source,
        })?;
        let (doc, atts) = parse_line(&obj).map_err(|message| EvalError::Prediction {
            file: file.to_string(),
            line: line_no,
            message,
        })?;
        if let Some(before) = preds.docs.get(doc) {
            preds.duplicates.push(DuplicateDoc {
                line: line_no,
                doc: doc.to_string(),
            });
            preds.last_line_start.insert(doc.to_string(), before.len());
        }
        preds.add_attributions(doc, atts);
    }
    Ok(preds)
}

fn parse_line(obj: &Value) -> Result<(&str, Vec<PredictedAttribution>), String> {
    let Value::Object(map) = obj else {
        return Err("expected a JSON object".into());
    };
    let items: &[Value] = match map.get("attributions") {
        None => &[],
        Some(Value::Array(v)) => v,
        Some(v) if is_empty_container(v) => &[],
        Some(_) => return Err("\"attributions\" must be a list".into()),
    };
    let mut atts = Vec::with_capacity(items.len());
    for (i, a) in items.iter().enumerate() {
        let Value::Object(a) = a else {
            return Err(format!("attribution {i} is not an object"));
        };
        let mut spans = RoleSpans::default();
        for role in Role::ALL {
            let list: &[Value] = match a.get(role.as_str()) {
                Some(Value::Array(v)) => v,
                None => &[],
                Some(v) if is_falsy(v) => &[],
                Some(_) => {
                    return Err(format!(
                        "attribution {i}: \"{}\" must be a list",
                        role.as_str()
                    ))
                }
            };
            for pair in list {
                let span = parse_span(pair)
                    .map_err(|m| format!("attribution {i}: \"{}\": {m}", role.as_str()))?;
                spans.get_mut(role).push(span);
            }
        }
        let speaker = match a.get("speaker") {
            None => None,
            Some(v) => {
                PredictedSpeaker::from_json(v).map_err(|m| format!("attribution {i}: {m}"))?
            }
        };
        let duplicate_of = a.get("duplicate_of").filter(|v| !v.is_null()).cloned();
        atts.push(PredictedAttribution {
            spans,
            info: AttributionInfo {
                speaker,
                duplicate_of,
            },
        });
    }
    match map.get("doc") {
        Some(Value::String(doc)) => Ok((doc, atts)),
        Some(_) => Err("\"doc\" must be a string".into()),
        None => Err("missing \"doc\"".into()),
    }
}

fn is_empty_container(v: &Value) -> bool {
    matches!(v, Value::Object(m) if m.is_empty()) || matches!(v, Value::String(s) if s.is_empty())
}

/// Python truthiness is false (`x or []` gives `[]`).
pub(crate) fn is_falsy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Array(a) => a.is_empty(),
        _ => is_empty_container(v),
    }
}

/// A span: `[start, end]`, or `{"start": s, "end": e, ...}` as
/// `quotegraph extract --format jsonl` writes them.
pub(crate) fn parse_span(v: &Value) -> Result<CharSpan, String> {
    match v {
        Value::Array(p) if p.len() == 2 => Ok(CharSpan::new(offset(&p[0])?, offset(&p[1])?)),
        Value::Object(m) => match (m.get("start"), m.get("end")) {
            (Some(s), Some(e)) => Ok(CharSpan::new(offset(s)?, offset(e)?)),
            _ => Err(format!(
                "a span object needs \"start\" and \"end\", got {v}"
            )),
        },
        _ => Err(format!(
            "expected a [start, end] pair or a {{\"start\", \"end\"}} object, got {v}"
        )),
    }
}

/// An offset as Python's `int()` reads a JSON value; negative ones refused.
pub(crate) fn offset(v: &Value) -> Result<usize, String> {
    let neg = || format!("negative offset {v}");
    match v {
        Value::Bool(b) => Ok(usize::from(*b)),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Ok(usize::try_from(u).unwrap_or(usize::MAX))
            } else if n.as_i64().is_some() {
                Err(neg())
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN).trunc();
                // `as` saturates: offsets that large lie past any text anyway.
                if f >= 0.0 {
                    Ok(f as usize)
                } else {
                    Err(neg())
                }
            }
        }
        Value::String(s) => py_int(s).ok_or_else(|| format!("not an offset: {v}")),
        _ => Err(format!("not an offset: {v}")),
    }
}

/// Python's `int(str)` for non-negative results: surrounding whitespace, an
/// optional sign, decimal digits with single `_` between them. `-0` is 0.
fn py_int(s: &str) -> Option<usize> {
    let s = strip(s);
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut value: usize = 0;
    let mut prev_digit = false;
    for c in digits.chars() {
        if c == '_' && prev_digit {
            prev_digit = false;
            continue;
        }
        let d = decimal_value(c)?;
        value = value.saturating_mul(10).saturating_add(d as usize);
        prev_digit = true;
    }
    (prev_digit && (!neg || value == 0)).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_int() {
        assert_eq!(py_int(" 12 "), Some(12));
        assert_eq!(py_int("1_000"), Some(1000));
        assert_eq!(py_int("+7"), Some(7));
        assert_eq!(py_int("-0"), Some(0));
        assert_eq!(py_int("٣"), Some(3));
        for bad in ["", "_1", "1_", "1__0", "-3", "1.5", "0x10", "+"] {
            assert_eq!(py_int(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn lines() {
        let v: Vec<_> = universal_lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(v, ["a", "b", "c", "", "d"]);
        assert_eq!(universal_lines("a\n").collect::<Vec<_>>(), ["a"]);
    }
}
