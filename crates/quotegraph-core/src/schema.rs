//! The output schema: what `quotegraph extract` prints and every front end serves.
//!
//! Offsets in the schema are **Unicode code points** into the original text
//! (what Python string indices and PolNeAR use); every span also carries
//! the text it covers, so `text[start..end]` in code points equals `text`.
//! Internally the engine works in bytes; the conversion happens here only.
//!
//! ```json
//! {"doc": "siberian-battalion",
//!  "attributions": [
//!    {"id": 1, "type": "direct",
//!     "source": [{"start": 1330, "end": 1336, "text": "Johnny"}],
//!     "cue": [{"start": 1337, "end": 1341, "text": "said"}], "cue_class": "say",
//!     "content": [{"start": 1056, "end": 1329, "text": "“We want …,”"}],
//!     "speaker": {"name": "Johnny", "kind": "person"},
//!     "carried_from": null, "duplicate_of": null}],
//!  "duplicates": [{"start": 2791, "end": 3019, "duplicate_of": {"start": 2561, "end": 2789}}]}
//! ```
//! Attributions are sorted by the start of their first content span; ids
//! count from 1 in that order. `duplicate_of` names the id of the
//! attribution an attribution in a repeated paragraph repeats;
//! `carried_from` the id of the attribution whose speaker a cue-less quote
//! continues.

use serde::{Deserialize, Serialize};

use crate::attribution::AttributionType;
use crate::entities::EntityKind;
use crate::identity::{Evidence, SpeakerKind};
use crate::lexicon::CueClass;
use crate::{Doc, Span};

/// Converts byte offsets of one text to code point offsets.
///
/// Only the multi-byte characters are recorded, so ASCII-heavy text (most
/// news) costs little: a byte offset's code point offset is the byte offset
/// minus the extra bytes of the multi-byte characters before it.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Byte offset just after each multi-byte character, and the extra bytes
    /// (beyond one per character) up to and including it.
    after: Vec<(u32, u32)>,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut after = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0u32;
            for (b, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n as u32 - 1;
                    after.push(((b + n) as u32, extra));
                }
            }
        }
        CharIndex { after }
    }

    /// The code point offset of byte offset `b` (which must be a char boundary).
    pub fn char_of_byte(&self, b: usize) -> usize {
        let k = self.after.partition_point(|&(end, _)| end as usize <= b);
        b - if k == 0 {
            0
        } else {
            self.after[k - 1].1 as usize
        }
    }

    /// The byte offset of code point offset `c`.
    pub fn byte_of_char(&self, c: usize) -> usize {
        // the number of multi-byte chars whose end, in code points, is <= c
        let k = self
            .after
            .partition_point(|&(end, extra)| (end - extra) as usize <= c);
        c + if k == 0 {
            0
        } else {
            self.after[k - 1].1 as usize
        }
    }
}

/// A span in the output: code point offsets and the covered text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutSpan {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// A bare code point range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutRange {
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
}

/// One attribution in the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutAttribution {
    /// 1-based, in order of first content span.
    pub id: usize,
    /// direct, indirect or mixed.
    #[serde(rename = "type")]
    pub kind: AttributionType,
    /// Source spans.
    pub source: Vec<OutSpan>,
    /// An appositive describing the source ("a former customs official,").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_description: Vec<OutSpan>,
    /// Cue spans.
    pub cue: Vec<OutSpan>,
    /// The cue's class, or null for a cue-less quote.
    pub cue_class: Option<CueClass>,
    /// Content spans.
    pub content: Vec<OutSpan>,
    /// Who the source is; null when the attribution has no source.
    pub speaker: Option<OutSpeaker>,
    /// For a cue-less quote: the id whose speaker it continues.
    pub carried_from: Option<usize>,
    /// For a repeat inside a duplicated paragraph: the id it repeats.
    pub duplicate_of: Option<usize>,
}

/// Who an attribution's source is.
///
/// A named speaker is an entity of the document (`entity` is its id in
/// `entities`) and carries that entity's name and kind; an unnamed one
/// ("a senior official", "analysts", "a new poll") has `name: null`, a kind
/// that says what it is and the words that describe it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutSpeaker {
    /// The entity's canonical name, or null for an unnamed source.
    pub name: Option<String>,
    /// person, organization, group, document, unnamed or unknown.
    pub kind: SpeakerKind,
    /// The id of the speaker's entity in `entities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// The words that describe the source ("Republican presidential
    /// nominee", "a senior administration official").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The text says the source was not named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// How the source was read: `name`, `apposition`, `phrase`, `nominal`,
    /// `role`, `pronoun`, `relative`, `quoted`, `carried`, `issuer` or
    /// `description` (see `quotegraph_core::identity::Evidence`).
    pub how: Evidence,
}

impl OutSpeaker {
    /// What to show for the speaker: its name, else the words that describe
    /// it, else its kind ("a senior official", "analysts", "unknown").
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.description.as_deref())
            .unwrap_or(self.kind.as_str())
    }
}

/// An entity in the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutEntity {
    /// 1-based, in order of first mention.
    pub id: usize,
    /// person, organization, place or misc.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The canonical name.
    pub name: String,
    /// Appositions and titles.
    pub descriptions: Vec<OutSpan>,
    /// Every mention.
    pub mentions: Vec<OutSpan>,
}

/// A repeated paragraph in the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutDuplicate {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points.
    pub end: usize,
    /// The paragraph it repeats.
    pub duplicate_of: OutRange,
}

/// One document in the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutDocument {
    /// The document's name (file stem).
    pub doc: String,
    /// Attributions.
    pub attributions: Vec<OutAttribution>,
    /// Repeated paragraphs.
    pub duplicates: Vec<OutDuplicate>,
    /// The entities the document names; speakers refer to them by id.
    #[serde(default)]
    pub entities: Vec<OutEntity>,
}

/// One attribution in the evaluation interchange format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpansAttribution {
    /// Source ranges `[start, end]` in code points.
    pub source: Vec<[usize; 2]>,
    /// Cue ranges.
    pub cue: Vec<[usize; 2]>,
    /// Content ranges.
    pub content: Vec<[usize; 2]>,
}

/// One document in the evaluation interchange format (`--format spans`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpansDocument {
    /// The document's name.
    pub doc: String,
    /// Attributions.
    pub attributions: Vec<SpansAttribution>,
}

impl OutDocument {
    /// Converts an annotated document.
    pub fn from_doc(name: &str, doc: &Doc) -> OutDocument {
        let text = doc.text();
        let ix = CharIndex::new(text);
        let span = |s: &Span| OutSpan {
            start: ix.char_of_byte(s.start()),
            end: ix.char_of_byte(s.end()),
            text: s.slice(text).to_string(),
        };
        let ents = &doc.entities;
        let speaker = |i: usize| {
            let sp = doc.speakers.get(i)?.as_ref()?;
            Some(OutSpeaker {
                name: sp.name(ents).map(str::to_string),
                kind: sp.kind,
                entity: sp.entity.map(|e| e + 1),
                description: sp
                    .description
                    .map(|d| d.slice(text).trim_end_matches(',').to_string()),
                anonymous: sp.anonymous,
                how: sp.evidence,
            })
        };
        let entities = ents
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| OutEntity {
                id: i + 1,
                kind: e.kind,
                name: e.name.clone(),
                descriptions: e
                    .descriptions
                    .iter()
                    .map(|&d| span(&ents.descriptions[d].span))
                    .collect(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|&m| span(&ents.mentions[m].span))
                    .collect(),
            })
            .collect();
        let attributions = doc
            .attributions
            .iter()
            .enumerate()
            .map(|(i, a)| OutAttribution {
                id: i + 1,
                kind: a.kind,
                source: a.source.iter().map(span).collect(),
                source_description: a.source_description.iter().map(span).collect(),
                cue: a.cue.iter().map(span).collect(),
                cue_class: a.cue_class,
                content: a.content.iter().map(span).collect(),
                speaker: speaker(i),
                carried_from: a.carried_from.map(|k| k + 1),
                duplicate_of: doc
                    .attribution_duplicate_of
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|k| k + 1),
            })
            .collect();
        let duplicates = doc
            .duplicates
            .iter()
            .map(|d| OutDuplicate {
                start: ix.char_of_byte(d.span.start()),
                end: ix.char_of_byte(d.span.end()),
                duplicate_of: OutRange {
                    start: ix.char_of_byte(d.duplicate_of.start()),
                    end: ix.char_of_byte(d.duplicate_of.end()),
                },
            })
            .collect();
        OutDocument {
            doc: name.to_string(),
            attributions,
            duplicates,
            entities,
        }
    }

    /// The evaluation interchange form. A source's appositive is joined to
    /// the source, as PolNeAR annotates it. Repeats inside duplicated paragraphs
    /// are left out (they are not new statements); a cue-less quote that
    /// carries a speaker over is merged into the content of the attribution
    /// it continues, which is how PolNeAR's annotators mark such quotes.
    pub fn to_spans(&self) -> SpansDocument {
        self.to_spans_with_origins().0
    }

    /// [`OutDocument::to_spans`], and for each of its attributions the index
    /// in `self.attributions` of the one it comes from (whose speaker it has).
    pub fn to_spans_with_origins(&self) -> (SpansDocument, Vec<usize>) {
        let r = |v: &[OutSpan]| v.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>();
        let mut out: Vec<SpansAttribution> = Vec::new();
        let mut origins = Vec::new();
        let mut index_of_id = std::collections::HashMap::new();
        for (i, a) in self.attributions.iter().enumerate() {
            if a.duplicate_of.is_some() {
                continue;
            }
            if let Some(root) = a.carried_from.and_then(|id| index_of_id.get(&id).copied()) {
                let root: &mut SpansAttribution = &mut out[root];
                root.content.extend(r(&a.content));
                index_of_id.insert(a.id, index_of_id[&a.carried_from.unwrap()]);
                continue;
            }
            index_of_id.insert(a.id, out.len());
            origins.push(i);
            // PolNeAR's sources include the appositive: join them into one range
            let source = match (a.source.first(), a.source_description.last()) {
                (Some(s), Some(d)) => vec![[s.start.min(d.start), s.end.max(d.end)]],
                _ => r(&a.source),
            };
            out.push(SpansAttribution {
                source,
                cue: r(&a.cue),
                content: r(&a.content),
            });
        }
        let spans = SpansDocument {
            doc: self.doc.clone(),
            attributions: out,
        };
        (spans, origins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trip() {
        let t = "a“b”c ’ é";
        let ix = CharIndex::new(t);
        for (ci, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.char_of_byte(b), ci);
            assert_eq!(ix.byte_of_char(ci), b);
        }
        assert_eq!(ix.char_of_byte(t.len()), t.chars().count());
    }
}
