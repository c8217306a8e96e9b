//! Code point spans, attribution roles and the span sets of one attribution.

use serde::{Deserialize, Serialize};

/// The characters that make an attribution a quote: `“ ” " « » „`.
pub const QUOTE_CHARS: [char; 6] = ['\u{201c}', '\u{201d}', '"', '\u{ab}', '\u{bb}', '\u{201e}'];

/// A half-open range of **code point** (Python `str` index) offsets.
///
/// No invariant: brat and prediction files may hold `end <= start`, which
/// covers nothing, as in the reference scorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CharSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl CharSpan {
    /// Builds a span.
    pub fn new(start: usize, end: usize) -> CharSpan {
        CharSpan { start, end }
    }
}

/// One role of an attribution, in the reference scorer's order (`ROLES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The reporting expression ("said").
    Cue,
    /// Who said it.
    Source,
    /// What was said.
    Content,
}

impl Role {
    /// All roles, in the order `cue, source, content`.
    pub const ALL: [Role; 3] = [Role::Cue, Role::Source, Role::Content];

    /// The lower-case name used in predictions and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Cue => "cue",
            Role::Source => "source",
            Role::Content => "content",
        }
    }

    /// The role of a brat argument name, with trailing ASCII digits stripped
    /// (`Content2` is `Content`), as the reference scorer does.
    pub fn from_brat(name: &str) -> Option<Role> {
        match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
            "Source" => Some(Role::Source),
            "Cue" => Some(Role::Cue),
            "Content" => Some(Role::Content),
            _ => None,
        }
    }
}

/// A level of evaluation: one role, or the whole attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The cue.
    Cue,
    /// The source.
    Source,
    /// The content.
    Content,
    /// Cue, source and content together.
    Attribution,
}

impl Kind {
    /// All kinds, in report order.
    pub const ALL: [Kind; 4] = [Kind::Cue, Kind::Source, Kind::Content, Kind::Attribution];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cue => "cue",
            Kind::Source => "source",
            Kind::Content => "content",
            Kind::Attribution => "attribution",
        }
    }

    /// Position in [`Kind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The spans of each role of one attribution: every brat argument (and every
/// fragment of a discontinuous span) of a role pooled together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleSpans {
    /// Cue spans.
    pub cue: Vec<CharSpan>,
    /// Source spans.
    pub source: Vec<CharSpan>,
    /// Content spans.
    pub content: Vec<CharSpan>,
}

impl RoleSpans {
    /// The spans of `role`.
    pub fn get(&self, role: Role) -> &[CharSpan] {
        match role {
            Role::Cue => &self.cue,
            Role::Source => &self.source,
            Role::Content => &self.content,
        }
    }

    /// The spans of `role`, mutably.
    pub fn get_mut(&mut self, role: Role) -> &mut Vec<CharSpan> {
        match role {
            Role::Cue => &mut self.cue,
            Role::Source => &mut self.source,
            Role::Content => &mut self.content,
        }
    }

    /// Sorts and deduplicates every role (Python's `sorted(set(...))`).
    pub fn normalize(&mut self) {
        for role in Role::ALL {
            let v = self.get_mut(role);
            v.sort_unstable();
            v.dedup();
        }
    }

    /// The same spans, normalized.
    pub fn normalized(mut self) -> RoleSpans {
        self.normalize();
        self
    }
}
