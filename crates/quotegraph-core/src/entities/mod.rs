//! The entity layer: who and what a document names, each actor once.
//!
//! 1. **Name mentions** come from a trained entity tagger ([`tag`]): people,
//!    organisations, places and other names, with their boundaries; a
//!    capitalised word is a name only when the tagger says so.
//! 2. **Phrases** name an organisation by its owner and head noun
//!    ("Donald Trump’s campaign", "the Obama administration", "Russia’s
//!    defense ministry"); **nominals** refer back ("the group", "the
//!    campaign", "the Republican nominee") ([`nominal`]).
//! 3. **Entities** group the mentions of one actor ([`group`]): person names
//!    that are consistent ("Donald J. Trump", "Donald Trump", "Trump",
//!    "TRUMP") are one person; organisations keep their whole name.
//! 4. **Descriptions**: titles before a name and appositions after it
//!    ("Republican presidential nominee", "a former customs official")
//!    ([`describe`]); they give the roles that nominals are resolved by.
//!
//! The identity layer ([`crate::identity`]) resolves each attribution's
//! source to one of these entities.

pub mod describe;
pub mod gazetteer;
pub mod group;
pub mod lexicon;
pub mod names;
pub mod nominal;
pub mod tag;

use crate::{Doc, Span};

pub use lexicon::Gender;

/// The kind of an entity: the one entity-kind type of quotegraph.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: a company, government, ministry, party, campaign,
    /// newspaper, agency, armed unit or named group.
    Organization,
    /// A place.
    Place,
    /// Other names: nationalities, events, works.
    Misc,
}

impl EntityKind {
    /// `"person"`, `"organization"`, `"place"` or `"misc"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Misc => "misc",
        }
    }

    /// The kind of a tagger entity type.
    pub fn of(ty: quotegraph_tagger::EntityType) -> EntityKind {
        use quotegraph_tagger::EntityType;
        match ty {
            EntityType::Person => EntityKind::Person,
            EntityType::Organization => EntityKind::Organization,
            EntityType::Location => EntityKind::Place,
            EntityType::Misc => EntityKind::Misc,
        }
    }

    /// Parses [`EntityKind::as_str`].
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "misc" => EntityKind::Misc,
            _ => return None,
        })
    }
}

/// How an entity is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionForm {
    /// A name found by the entity tagger ("Vladimir Putin", "Poland").
    Name,
    /// An organisation named by its owner and head noun ("Donald Trump’s
    /// campaign", "Ukraine’s security services").
    Phrase,
    /// A definite noun phrase that refers back ("the group", "the president").
    Nominal,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is (for a nominal: determiner to head noun).
    pub span: Span,
    /// Token range `start..end` in the document.
    pub tokens: (u32, u32),
    /// Index of its sentence in `doc.sentences`.
    pub sentence: u32,
    /// The kind given by the tagger (or by the rules, for phrases and nominals).
    pub kind: EntityKind,
    /// Name, phrase or nominal.
    pub form: MentionForm,
}

impl EntityMention {
    /// The token indices.
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.0 as usize..self.tokens.1 as usize
    }
}

/// How a description is attached to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DescriptionKind {
    /// An appositive noun phrase after the name, between commas.
    Apposition,
    /// Title words before the name.
    Title,
}

/// A description of a mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// The description's words.
    pub span: Span,
    /// The mention it describes (index into [`Entities::mentions`]).
    pub mention: usize,
    /// Apposition or title.
    pub kind: DescriptionKind,
    /// The head noun, lowercase ("official", "group", "president").
    pub head: Option<String>,
    /// Token range of the description.
    pub tokens: (u32, u32),
}

/// One actor of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Its kind.
    pub kind: EntityKind,
    /// The canonical name: for a person the fullest consistent name, for
    /// an organisation its whole name without a leading "the".
    pub name: String,
    /// Its mentions (indices into [`Entities::mentions`]), in text order.
    pub mentions: Vec<usize>,
    /// Its descriptions (indices into [`Entities::descriptions`]), in text order.
    pub descriptions: Vec<usize>,
    /// For a person: the gender its first name, honorifics or roles give.
    pub gender: Option<Gender>,
}

/// Lookups over the entity layer, built once per document so that every
/// nominal and source is resolved without a scan of the whole document.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Descriptions by the role they give (role key, a deputy's?), in text order.
    pub(crate) by_role: crate::fasthash::FastMap<(&'static str, bool), Vec<usize>>,
    /// For each entity, its name and phrase mentions (not nominals), in order.
    pub(crate) named_mentions: Vec<Vec<usize>>,
    /// Organisations by the words of their names and their descriptions' heads.
    pub(crate) org_words: crate::fasthash::FastMap<String, Vec<usize>>,
    /// Entities by normalised name.
    pub(crate) by_name: crate::fasthash::FastMap<String, usize>,
    /// Each entity's normalised name.
    pub(crate) names: Vec<String>,
    /// People by folded surname.
    pub(crate) surnames: crate::fasthash::FastMap<String, Vec<usize>>,
    /// The sentence of every token.
    pub(crate) sentence_of: Vec<u32>,
}

/// The entity layer of a document.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// Mentions, sorted by start (then end).
    pub mentions: Vec<EntityMention>,
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// For each mention, its entity (`None` for a nominal that refers to nothing named).
    pub entity_of: Vec<Option<usize>>,
    /// Descriptions, in text order.
    pub descriptions: Vec<Description>,
    /// Lookups built with the layer.
    pub(crate) index: Index,
}

impl Entities {
    /// The entity whose canonical name is `name` (case and a leading "the" ignored).
    pub fn by_name(&self, name: &str) -> Option<usize> {
        let key = names::normalise(name);
        match self.index.by_name.get(&key) {
            Some(&e) => Some(e),
            None => self
                .entities
                .iter()
                .position(|e| names::normalise(&e.name) == key),
        }
    }

    /// The mentions starting inside token range `a..b`, as indices.
    pub fn mentions_in(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.mentions.partition_point(|m| (m.tokens.0 as usize) < a);
        (first..self.mentions.len()).take_while(move |&i| (self.mentions[i].tokens.0 as usize) < b)
    }
}

/// Builds the entity layer of a document with tokens, sentences and tags.
pub fn build(doc: &Doc) -> Entities {
    let sentence_of = sentence_index(doc);
    let mut mentions = tag::name_mentions(doc);
    tag::propagate_surnames(doc, &mut mentions, &sentence_of);
    tag::source_names(doc, &mut mentions, &sentence_of);
    let extra = nominal::phrases_and_nominals(doc, &mentions, &sentence_of);
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.span.start(), m.span.end(), m.form as u8));
    mentions.dedup_by(|a, b| a.span == b.span && a.form == b.form);
    let mut entities = group::group(doc, mentions, &sentence_of);
    entities.index.sentence_of = sentence_of;
    entities
}

/// The sentence index of every token.
pub fn sentence_index(doc: &Doc) -> Vec<u32> {
    let mut v = vec![0u32; doc.tokens.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        v[s.tokens()].fill(si as u32);
    }
    v
}
