//! Runs every layer of this crate over an annotated document.

use chrono::NaiveDate;
use quotegraph_core::Doc;

use crate::dates::DateExpr;
use crate::entities::{self, Entities};
use crate::error::ActorsError;
use crate::figures::Figure;
use crate::ner::{self, ActorKind, EntityMention, MentionForm};
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
    /// Entity mentions, sorted by start.
    pub mentions: Vec<EntityMention>,
    /// Entities, their descriptions and the entity of each mention.
    pub entities: Entities,
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// Date expressions, in text order.
    pub dates: Vec<DateExpr>,
    /// For each attribution of the document: the entities its content mentions.
    pub about: Vec<Vec<usize>>,
    /// For each attribution: the entity of its speaker.
    pub speaker_entity: Vec<Option<usize>>,
    /// Relations, by sentence.
    pub relations: Vec<Relation>,
}

impl Actors {
    /// Computes every layer. `doc` must have been annotated by the standard
    /// pipeline (it reads sentences, tokens, attributions and speakers).
    pub fn analyze(doc: &Doc, options: &Options) -> Actors {
        let tagged = ner::tag(doc);
        let entities = entities::group(doc, &tagged);
        let n = doc.tokens.len();
        let dates = crate::dates::find(doc, &tagged.pos, options.published);
        let mut in_date = vec![false; n];
        for d in &dates {
            in_date[d.tokens.0 as usize..d.tokens.1 as usize].fill(true);
        }
        let mut in_name = vec![false; n];
        for m in tagged
            .mentions
            .iter()
            .filter(|m| m.form == MentionForm::Name)
        {
            in_name[m.token_range()].fill(true);
        }
        let figures = crate::figures::find(doc, &tagged.pos, &in_date, &in_name);
        let relations = crate::relations::find(doc, &tagged.pos, &tagged.mentions, &entities);
        let (about, speaker_entity) = about(doc, &tagged.mentions, &entities);
        Actors {
            pos: tagged.pos,
            mentions: tagged.mentions,
            entities,
            figures,
            dates,
            about,
            speaker_entity,
            relations,
        }
    }
}

/// For each attribution: the entities mentioned in its content, and the
/// entity of its speaker (a mention inside its source, else the entity
/// named like the engine's resolved speaker).
fn about(
    doc: &Doc,
    ms: &[EntityMention],
    ents: &Entities,
) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let mut about = Vec::with_capacity(doc.attributions.len());
    let mut speakers = Vec::with_capacity(doc.attributions.len());
    // normalised entity names (first entity of a name wins, as in
    // `Entities::by_name`) and mention texts, computed once when needed
    let names: std::cell::OnceCell<std::collections::HashMap<String, usize>> =
        std::cell::OnceCell::new();
    let mention_keys: std::cell::OnceCell<std::collections::HashMap<String, usize>> =
        std::cell::OnceCell::new();
    // the mentions inside span `s` (mentions are sorted by start): only
    // those starting in it are looked at, so long documents stay linear
    let inside = |s: quotegraph_core::Span| {
        let first = ms.partition_point(|m| m.span.start() < s.start());
        let end = ms.partition_point(|m| m.span.start() <= s.end());
        (first..end).filter(move |&i| s.contains(ms[i].span))
    };
    for (a, att) in doc.attributions.iter().enumerate() {
        let mut v: Vec<usize> = att
            .content
            .iter()
            .flat_map(|&c| inside(c))
            .filter_map(|i| ents.entity_of[i])
            .collect();
        v.sort();
        v.dedup();
        about.push(v);
        // the last mention with an entity inside the source
        let from_source = att
            .source
            .iter()
            .flat_map(|&s| inside(s))
            .filter(|&i| ents.entity_of[i].is_some())
            .max()
            .and_then(|i| ents.entity_of[i])
            .filter(|&e| {
                matches!(
                    ents.entities[e].kind,
                    ActorKind::Person | ActorKind::Organization
                )
            });
        let by_name = || {
            let sp = doc.speakers.get(a)?.as_ref()?;
            let key = entities::normalise(&sp.name);
            let names = names.get_or_init(|| {
                let mut h = std::collections::HashMap::new();
                for (i, e) in ents.entities.iter().enumerate() {
                    h.entry(entities::normalise(&e.name)).or_insert(i);
                }
                h
            });
            names.get(&key).copied().or_else(|| {
                // a surname the engine kept: the person entity with that mention
                // the first mention written like the speaker
                let keys = mention_keys.get_or_init(|| {
                    let mut h = std::collections::HashMap::new();
                    for (i, m) in ms.iter().enumerate() {
                        h.entry(entities::normalise(m.span.slice(doc.text())))
                            .or_insert(i);
                    }
                    h
                });
                keys.get(&key).and_then(|&i| ents.entity_of[i])
            })
        };
        speakers.push(from_source.or_else(by_name));
    }
    (about, speakers)
}
