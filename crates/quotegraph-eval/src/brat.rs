//! Parsing brat standoff (`.ann`) exactly as the reference scorer does.
//!
//! The Python matches lines with these regexes (`\d`, `\S` are Unicode-aware
//! there, and so they are here, see [`crate::pychar`]):
//!
//! ```text
//! ID_LINE_RE = ^[TERAN#*]\d*\t                      anything else: a continuation line
//! T_LINE_RE  = ^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t
//! E_LINE_RE  = ^(E\d+)\t(.*)$
//! ANN_NAME_RE = ^(.*)_([^_]+)\.ann$
//! ```

use crate::pychar::{decimal_value, is_space, split_whitespace};
use crate::span::{CharSpan, Role, RoleSpans};
use crate::GoldAttribution;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A brat text-bound annotation (`T` line): `T3\tContent 10 20;25 40\t...`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BratSpan {
    /// The id (`T3`).
    pub id: String,
    /// The label (`Source`, `Cue`, `Content`, `Attribution`, ...).
    pub label: String,
    /// The fragments, in file order (several for a discontinuous span).
    pub fragments: Vec<CharSpan>,
}

/// One argument of a brat event: `Content2:T3` is role `Content2`, target `T3`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BratArg {
    /// The role as written, digits included (`Content2`).
    pub role: String,
    /// The id it points to (empty when the argument had no `:`).
    pub target: String,
}

/// A brat event (`E` line). The first argument is the trigger
/// (`Attribution:T4`), the rest are the roles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BratEvent {
    /// The id (`E1`).
    pub id: String,
    /// All arguments, the trigger first.
    pub args: Vec<BratArg>,
}

impl BratEvent {
    /// The event type: the role of the trigger argument (`Attribution`).
    pub fn trigger_type(&self) -> Option<&str> {
        self.args.first().map(|a| a.role.as_str())
    }
}

/// Counts of one `.ann` file (the reference scorer's per-file `stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnStats {
    /// Non-empty lines that do not start like a brat id line (the rest of a
    /// `T` line whose text held a newline).
    pub continuation_lines: usize,
    /// `Attribution` / `Attribution-no-source` events.
    pub events: usize,
    /// Such events with no Cue span (excluded from the gold).
    pub events_without_cue: usize,
    /// Such events with no Source span.
    pub events_without_source: usize,
    /// Such events with no Content span.
    pub events_without_content: usize,
}

/// Everything read from one `.ann` file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedAnn {
    /// Every `T` line that parsed, in file order (a repeated id stays listed;
    /// the last one wins when events are resolved).
    pub spans: Vec<BratSpan>,
    /// Every `E` line with at least one argument, of any type, in file order.
    pub events: Vec<BratEvent>,
    /// The gold attributions: events of type `Attribution` or
    /// `Attribution-no-source` that have a Cue.
    pub attributions: Vec<GoldAttribution>,
    /// Counts.
    pub stats: AnnStats,
}

/// The event types that are attributions.
pub const ATTRIBUTION_TYPES: [&str; 2] = ["Attribution", "Attribution-no-source"];

/// Splits `NAME_ANNOTATOR.ann` into `(NAME, ANNOTATOR)` by the reference
/// scorer's `^(.*)_([^_]+)\.ann$`: the annotator is what follows the last `_`.
pub fn split_ann_name(file_name: &str) -> Option<(&str, &str)> {
    // Python's `$` also matches before one final newline; `.` never matches one.
    let core = file_name.strip_suffix('\n').unwrap_or(file_name);
    let body = core.strip_suffix(".ann")?;
    let us = body.rfind('_')?;
    let (stem, annotator) = (&body[..us], &body[us + 1..]);
    (!annotator.is_empty() && !stem.contains('\n')).then_some((stem, annotator))
}

/// Reads a run of Python `\d` characters: its value (saturating at
/// `usize::MAX`, far beyond any text) and the rest of the string.
fn digits(s: &str) -> Option<(usize, &str)> {
    let mut value: usize = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let Some(d) = decimal_value(c) else { break };
        value = value.saturating_mul(10).saturating_add(d as usize);
        end = i + c.len_utf8();
    }
    (end > 0).then(|| (value, &s[end..]))
}

/// `^[TERAN#*]\d*\t`
fn is_id_line(line: &str) -> bool {
    let mut it = line.chars();
    if !matches!(it.next(), Some('T' | 'E' | 'R' | 'A' | 'N' | '#' | '*')) {
        return false;
    }
    it.find(|&c| decimal_value(c).is_none()) == Some('\t')
}

/// `^(X\d+)\t`: the id and the rest after the tab.
fn id_prefix(line: &str, letter: char) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(letter)?;
    let (_, after) = digits(rest)?;
    let id_len = line.len() - after.len();
    Some((&line[..id_len], after.strip_prefix('\t')?))
}

/// `T_LINE_RE`: id, label and fragments.
fn parse_t_line(line: &str) -> Option<BratSpan> {
    let (id, rest) = id_prefix(line, 'T')?;
    let label_len = rest.find(is_space)?;
    if label_len == 0 {
        return None;
    }
    let (label, mut rest) = (&rest[..label_len], rest[label_len..].strip_prefix(' ')?);
    let mut fragments = Vec::new();
    loop {
        let (start, r) = digits(rest)?;
        let (end, r) = digits(r.strip_prefix(' ')?)?;
        fragments.push(CharSpan::new(start, end));
        if r.starts_with('\t') {
            break;
        }
        rest = r.strip_prefix(';')?;
    }
    Some(BratSpan {
        id: id.to_string(),
        label: label.to_string(),
        fragments,
    })
}

fn parse_event(id: &str, rest: &str) -> BratEvent {
    let args = split_whitespace(rest)
        .map(|arg| {
            let (role, target) = arg.split_once(':').unwrap_or((arg, ""));
            BratArg {
                role: role.to_string(),
                target: target.to_string(),
            }
        })
        .collect();
    BratEvent {
        id: id.to_string(),
        args,
    }
}

/// Parses one `.ann` file's content (the reference scorer's `parse_ann`).
///
/// Never fails: lines it does not understand are skipped (and counted as
/// continuation lines when they do not start like a brat id line).
pub fn parse_ann(ann: &str) -> ParsedAnn {
    let mut out = ParsedAnn::default();
    for line in ann.split('\n') {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        if !is_id_line(line) {
            out.stats.continuation_lines += 1;
            continue;
        }
        if let Some(span) = parse_t_line(line) {
            out.spans.push(span);
        } else if let Some((id, rest)) = id_prefix(line, 'E') {
            let ev = parse_event(id, rest);
            if !ev.args.is_empty() {
                out.events.push(ev);
            }
        }
    }
    let by_id: HashMap<&str, &BratSpan> = out.spans.iter().map(|s| (s.id.as_str(), s)).collect();
    for ev in &out.events {
        let kind = ev.trigger_type().unwrap_or_default();
        if !ATTRIBUTION_TYPES.contains(&kind) {
            continue;
        }
        let mut roles = RoleSpans::default();
        for arg in &ev.args[1..] {
            let (Some(role), Some(span)) = (Role::from_brat(&arg.role), by_id.get(&*arg.target))
            else {
                continue;
            };
            roles.get_mut(role).extend_from_slice(&span.fragments);
        }
        roles.normalize();
        let st = &mut out.stats;
        st.events += 1;
        st.events_without_cue += usize::from(roles.cue.is_empty());
        st.events_without_source += usize::from(roles.source.is_empty());
        st.events_without_content += usize::from(roles.content.is_empty());
        if roles.cue.is_empty() {
            continue; // nothing to anchor it (Citron quotes always have a cue)
        }
        out.attributions.push(GoldAttribution {
            event_id: ev.id.clone(),
            kind: kind.to_string(),
            roles,
        });
    }
    out
}
