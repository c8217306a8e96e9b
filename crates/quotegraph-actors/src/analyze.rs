//! Runs every layer of this crate over an annotated document.

use chrono::NaiveDate;
use quotegraph_core::Doc;

use crate::dates::DateExpr;
use crate::error::ActorsError;
use crate::figures::Figure;
use crate::gazetteer::Place;
use crate::ner::{self, MentionForm};
use crate::relations::Relation;

/// Options for [`Actors::analyze`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The publication date, to resolve relative dates against.
    pub published: Option<NaiveDate>,
}

impl Options {
    /// Options with a publication date parsed from `YYYY-MM-DD` (a time
    /// part after the date, as in RFC 3339 timestamps, is ignored).
    pub fn published(date: &str) -> Result<Options, ActorsError> {
        Ok(Options {
            published: Some(parse_date(date)?),
        })
    }
}

/// Parses a publication date: `YYYY-MM-DD`, optionally followed by a time.
pub fn parse_date(date: &str) -> Result<NaiveDate, ActorsError> {
    let d = date.trim();
    let head = d.get(..10).unwrap_or(d);
    NaiveDate::parse_from_str(head, "%Y-%m-%d").map_err(|_| ActorsError::BadDate {
        input: date.to_string(),
    })
}

/// The actors' layers of one document.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    /// The tagger's part-of-speech tag of every token.
    pub pos: Vec<quotegraph_tagger::PosTag>,
    /// For each entity of the document (`doc.entities`), its gazetteer
    /// entry when it is a place the gazetteer knows.
    pub places: Vec<Option<Place>>,
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// Date expressions, in text order.
    pub dates: Vec<DateExpr>,
    /// For each attribution of the document: the entities its content mentions.
    pub about: Vec<Vec<usize>>,
    /// For each attribution: the entity of its speaker (the engine's
    /// identity layer decides it; this is `doc.speakers[i].entity`).
    pub speaker_entity: Vec<Option<usize>>,
    /// Relations, by sentence.
    pub relations: Vec<Relation>,
}

impl Actors {
    /// Computes every layer. `doc` must have been annotated by the standard
    /// pipeline (it reads sentences, tokens, attributions and speakers).
    pub fn analyze(doc: &Doc, options: &Options) -> Actors {
        let pos = ner::pos_tags(doc);
        let ents = &doc.entities;
        let n = doc.tokens.len();
        let dates = crate::dates::find(doc, &pos, options.published);
        let mut in_date = vec![false; n];
        for d in &dates {
            in_date[d.tokens.0 as usize..d.tokens.1 as usize].fill(true);
        }
        let mut in_name = vec![false; n];
        for m in ents.mentions.iter().filter(|m| m.form == MentionForm::Name) {
            in_name[m.token_range()].fill(true);
        }
        let figures = crate::figures::find(doc, &pos, &in_date, &in_name);
        let relations = crate::relations::find(doc, &pos, &ents.mentions, ents);
        let about = about(doc);
        let speaker_entity = doc
            .speakers
            .iter()
            .map(|s| s.as_ref().and_then(|s| s.entity))
            .collect();
        Actors {
            pos,
            places: crate::entities::places(ents),
            figures,
            dates,
            about,
            speaker_entity,
            relations,
        }
    }
}

/// For each attribution: the entities mentioned in its content.
fn about(doc: &Doc) -> Vec<Vec<usize>> {
    let ents = &doc.entities;
    let ms = &ents.mentions;
    // the mentions inside span `s` (mentions are sorted by start): only
    // those starting in it are looked at, so long documents stay linear
    let inside = |s: quotegraph_core::Span| {
        let first = ms.partition_point(|m| m.span.start() < s.start());
        let end = ms.partition_point(|m| m.span.start() <= s.end());
        (first..end).filter(move |&i| s.contains(ms[i].span))
    };
    doc.attributions
        .iter()
        .map(|att| {
            let mut v: Vec<usize> = att
                .content
                .iter()
                .flat_map(|&c| inside(c))
                .filter_map(|i| ents.entity_of[i])
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .collect()
}
