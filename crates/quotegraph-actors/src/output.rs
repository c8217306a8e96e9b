//! The output schema of the actors' layers.
//!
//! Spans are **code points** into the original text with the text they
//! cover (`quotegraph_core::schema::OutSpan`), as in the engine's schema.
//! Entity ids count from 1 in order of first mention; attribution ids are
//! the engine's (1-based, in order of first content span).
//!
//! ```json
//! {"entities": [{"id": 3, "type": "organization", "name": "Civic Council",
//!                "descriptions": [{"start": 163, "end": 205, "text": "a Russian opposition group based in Poland"}],
//!                "mentions": [{"start": 147, "end": 160, "text": "Civic Council"}, …]}],
//!  "figures": [{"span": {…"text": "50 fighters"}, "value": 50.0, "high": null, "approximate": false,
//!               "unit": "count", "counts": "fighters", "counts_carried": false,
//!               "about": {…"text": "in training or battling"}, "attribution": null, "speaker": null}],
//!  "dates": [{"span": {…"text": "October"}, "value": null, "start": null, "end": null,
//!             "granularity": "month", "unresolved_reason": "year not stated and no publication date"}],
//!  "relations": [{"subject": 3, "predicate": "based in", "object": 4, "value": null,
//!                 "evidence": {…the sentence…}, "support": [{…}, …]}],
//!  "attributions": [{"id": 4, "about": [8, 13], "speaker_entity": 3}]}
//! ```

use quotegraph_core::schema::{CharIndex, OutSpan};
use quotegraph_core::{Doc, Span};
use serde::{Deserialize, Serialize};

use crate::analyze::Actors;
use crate::gazetteer::Place;
use crate::numbers::Unit;
use crate::relations::Predicate;

/// An entity in the output: the engine's entity (`quotegraph_core::schema::OutEntity`,
/// its fields inlined in JSON) with the gazetteer entry of a place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutEntity {
    /// The engine's entity.
    #[serde(flatten)]
    pub entity: quotegraph_core::schema::OutEntity,
    /// The gazetteer entry of a place, when it is in the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer: Option<Place>,
}

impl std::ops::Deref for OutEntity {
    type Target = quotegraph_core::schema::OutEntity;
    fn deref(&self) -> &Self::Target {
        &self.entity
    }
}

/// A figure in the output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutFigure {
    /// The figure and the noun phrase it counts.
    pub span: OutSpan,
    /// The value (the low end of a range).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Qualified or vague.
    pub approximate: bool,
    /// count, percent, points, usd, gbp or eur.
    pub unit: Unit,
    /// The counted noun.
    pub counts: Option<String>,
    /// The counted noun comes from an earlier figure.
    pub counts_carried: bool,
    /// The clause saying what about them.
    pub about: Option<OutSpan>,
    /// The id of the attribution whose content holds it.
    pub attribution: Option<usize>,
    /// That attribution's speaker entity.
    pub speaker: Option<usize>,
}

/// A date in the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutDate {
    /// The expression.
    pub span: OutSpan,
    /// `2016-11-08`, `2016-W45`, `2016-11`, `2016` or `199X`; null when unresolved.
    pub value: Option<String>,
    /// First day covered.
    pub start: Option<String>,
    /// Last day covered.
    pub end: Option<String>,
    /// day, week, month, year or decade.
    pub granularity: crate::dates::Granularity,
    /// Why it is unresolved.
    pub unresolved_reason: Option<String>,
}

/// A relation in the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutRelation {
    /// Subject entity id.
    pub subject: usize,
    /// The predicate.
    pub predicate: Predicate,
    /// Object entity id (null for a role that names no entity).
    pub object: Option<usize>,
    /// For a role: its words.
    pub value: Option<OutSpan>,
    /// The sentence it comes from.
    pub evidence: OutSpan,
    /// The spans that support it.
    pub support: Vec<OutSpan>,
}

/// The actors' fields of one attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutAttributionLinks {
    /// The engine's attribution id.
    pub id: usize,
    /// The entities its content mentions.
    pub about: Vec<usize>,
    /// The speaker's entity.
    pub speaker_entity: Option<usize>,
}

/// Everything this crate adds to a document's output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutActors {
    /// Entities.
    pub entities: Vec<OutEntity>,
    /// Figures.
    pub figures: Vec<OutFigure>,
    /// Dates.
    pub dates: Vec<OutDate>,
    /// Relations.
    pub relations: Vec<OutRelation>,
    /// One entry per attribution.
    pub attributions: Vec<OutAttributionLinks>,
}

impl OutActors {
    /// Converts the layers of an annotated document.
    pub fn from_actors(doc: &Doc, actors: &Actors) -> OutActors {
        let text = doc.text();
        let ix = CharIndex::new(text);
        let span = |s: Span| OutSpan {
            start: ix.char_of_byte(s.start()),
            end: ix.char_of_byte(s.end()),
            text: s.slice(text).to_string(),
        };
        let ents = &doc.entities;
        let entities = ents
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| OutEntity {
                entity: quotegraph_core::schema::OutEntity {
                    id: i + 1,
                    kind: e.kind,
                    name: e.name.clone(),
                    descriptions: e
                        .descriptions
                        .iter()
                        .map(|&d| span(ents.descriptions[d].span))
                        .collect(),
                    mentions: e
                        .mentions
                        .iter()
                        .map(|&m| span(ents.mentions[m].span))
                        .collect(),
                },
                gazetteer: actors.places.get(i).cloned().flatten(),
            })
            .collect();
        let figures = actors
            .figures
            .iter()
            .map(|f| OutFigure {
                span: span(f.span),
                value: f.value,
                high: f.high,
                approximate: f.approximate,
                unit: f.unit,
                counts: f.counts.clone(),
                counts_carried: f.counts_carried,
                about: f.about.map(span),
                attribution: f.attribution.map(|a| a + 1),
                speaker: f
                    .attribution
                    .and_then(|a| actors.speaker_entity.get(a).copied().flatten())
                    .map(|e| e + 1),
            })
            .collect();
        let dates = actors
            .dates
            .iter()
            .map(|d| OutDate {
                span: span(d.span),
                value: d.value(),
                start: d.interval.map(|i| i.0.format("%Y-%m-%d").to_string()),
                end: d.interval.map(|i| i.1.format("%Y-%m-%d").to_string()),
                granularity: d.granularity,
                unresolved_reason: d.unresolved_reason.clone(),
            })
            .collect();
        let relations = actors
            .relations
            .iter()
            .map(|r| OutRelation {
                subject: r.subject + 1,
                predicate: r.predicate,
                object: r.object.map(|o| o + 1),
                value: r.value.map(span),
                evidence: span(doc.sentences[r.sentence].span),
                support: r.support.iter().copied().map(span).collect(),
            })
            .collect();
        let attributions = (0..doc.attributions.len())
            .map(|a| OutAttributionLinks {
                id: a + 1,
                about: actors.about[a].iter().map(|e| e + 1).collect(),
                speaker_entity: actors.speaker_entity[a].map(|e| e + 1),
            })
            .collect();
        OutActors {
            entities,
            figures,
            dates,
            relations,
            attributions,
        }
    }

    /// The entity with id `id`.
    pub fn entity(&self, id: usize) -> Option<&OutEntity> {
        self.entities.get(id.checked_sub(1)?)
    }
}
