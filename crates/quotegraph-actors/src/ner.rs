//! The entity-mention layer: names found by the entity tagger, descriptive
//! organisation phrases ("Ukraine's security services") and definite
//! nominal mentions ("the group", "this unit") to be resolved later.
//!
//! The tagger's part-of-speech tags are kept too (one per token of the
//! document): the figure and relation rules read them.

use quotegraph_core::{Doc, Span};
use quotegraph_tagger::{EntityType, NerLabel, NerTagger, PosTag, PosTagger};
use serde::{Deserialize, Serialize};

use crate::words;

/// The type of an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organisation, group, institution or armed unit.
    Organization,
    /// A place.
    Place,
    /// Other names: nationalities, events, works.
    Misc,
}

impl ActorKind {
    /// `"person"`, `"organization"`, `"place"` or `"misc"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Place => "place",
            ActorKind::Misc => "misc",
        }
    }

    /// The kind of a tagger entity type.
    pub fn of(ty: EntityType) -> ActorKind {
        match ty {
            EntityType::Person => ActorKind::Person,
            EntityType::Organization => ActorKind::Organization,
            EntityType::Location => ActorKind::Place,
            EntityType::Misc => ActorKind::Misc,
        }
    }
}

/// How an entity is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionForm {
    /// A name found by the entity tagger ("Vladimir Putin", "Poland").
    Name,
    /// A place's possessive organisation phrase ("Ukraine's security services").
    Phrase,
    /// A definite noun phrase that refers back ("the group", "this unit").
    Nominal,
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is (for a nominal: determiner to head noun).
    pub span: Span,
    /// Token range `start..end` in the document.
    pub tokens: (u32, u32),
    /// Index of its sentence in `doc.sentences`.
    pub sentence: u32,
    /// The kind given by the tagger (or the rules, for phrases and nominals).
    pub kind: ActorKind,
    /// Name, phrase or nominal.
    pub form: MentionForm,
}

impl EntityMention {
    /// The token indices.
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.0 as usize..self.tokens.1 as usize
    }
}

/// The tagger's part-of-speech tags and the mentions of a document.
#[derive(Clone, Debug, Default)]
pub struct Tagged {
    /// One tag per token of the document.
    pub pos: Vec<PosTag>,
    /// Mentions, sorted by start.
    pub mentions: Vec<EntityMention>,
}

/// Tags every sentence of `doc` and collects its mentions.
pub fn tag(doc: &Doc) -> Tagged {
    let text = doc.text();
    let pos_tagger = PosTagger::embedded();
    let ner = NerTagger::embedded();
    let mut pos = Vec::with_capacity(doc.tokens.len());
    let mut mentions = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut spos = Vec::new();
    let mut labels: Vec<NerLabel> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        // sentences cover every token; pad if a gap ever appears
        pos.resize(s.first_token as usize, PosTag::Nn);
        words.clear();
        words.extend(doc.tokens[s.tokens()].iter().map(|t| t.span.slice(text)));
        ner.tag_with_pos(pos_tagger, &words, &mut spos, &mut labels);
        let base = s.first_token as usize;
        for e in quotegraph_tagger::ner::entities(&labels) {
            let (a, b) = (base + e.start, base + e.end);
            mentions.push(EntityMention {
                span: doc.tokens[a].span.cover(doc.tokens[b - 1].span),
                tokens: (a as u32, b as u32),
                sentence: si as u32,
                kind: ActorKind::of(e.ty),
                form: MentionForm::Name,
            });
        }
        pos.extend_from_slice(&spos);
    }
    pos.resize(doc.tokens.len(), PosTag::Nn);
    let extra = phrases_and_nominals(doc, &pos, &mentions);
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
    Tagged { pos, mentions }
}

/// Possessive organisation phrases after place names, and definite
/// nominal mentions with an organisation head noun.
fn phrases_and_nominals(doc: &Doc, pos: &[PosTag], names: &[EntityMention]) -> Vec<EntityMention> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let sentence_of = sentence_index(doc);
    let mut in_name = vec![false; n];
    for m in names {
        in_name[m.token_range()].fill(true);
    }
    // "Ukraine ’s (international) legion"
    for m in names.iter().filter(|m| m.kind == ActorKind::Place) {
        let p = m.tokens.1 as usize;
        if p >= n || pos[p] != PosTag::Pos {
            continue;
        }
        let mut k = p + 1;
        let mut last_noun = None;
        while k < n && (pos[k].is_adjective() || matches!(pos[k], PosTag::Nn | PosTag::Nns)) {
            if !in_name[k]
                && words::is_lower(doc.lower.get(k), doc.tokens[k].span.slice(doc.text()))
            {
                if pos[k].is_noun() {
                    last_noun = Some(k);
                }
                k += 1;
            } else {
                break;
            }
        }
        if let Some(h) = last_noun.filter(|&h| h + 1 == k) {
            if words::ORG_HEADS.contains(&doc.lower.get(h)) {
                out.push(EntityMention {
                    span: m.span.cover(doc.tokens[h].span),
                    tokens: (m.tokens.0, h as u32 + 1),
                    sentence: m.sentence,
                    kind: ActorKind::Organization,
                    form: MentionForm::Phrase,
                });
            }
        }
    }
    // "the group", "this unit"
    for i in 0..n.saturating_sub(1) {
        if !matches!(doc.lower.get(i), "the" | "this" | "that") || in_name[i + 1] {
            continue;
        }
        let mut h = i + 1;
        while h < n && pos[h].is_adjective() && !in_name[h] {
            h += 1;
        }
        if h >= n
            || !matches!(pos[h], PosTag::Nn)
            || !words::NOMINAL_HEADS.contains(&doc.lower.get(h))
        {
            continue;
        }
        // "the group of ...", "the group's", "the council members": not a bare reference
        if let Some(next) = (h + 1 < n).then(|| doc.lower.get(h + 1)) {
            if matches!(next, "of" | "'s" | "that" | "which" | "who")
                || pos[h + 1].is_noun()
                || words::is_capitalised(doc.tokens[h + 1].span.slice(doc.text()))
                    && pos[h + 1].is_proper_noun()
            {
                continue;
            }
        }
        out.push(EntityMention {
            span: doc.tokens[i].span.cover(doc.tokens[h].span),
            tokens: (i as u32, h as u32 + 1),
            sentence: sentence_of[i],
            kind: ActorKind::Organization,
            form: MentionForm::Nominal,
        });
    }
    out
}

/// The sentence index of every token.
pub fn sentence_index(doc: &Doc) -> Vec<u32> {
    let mut v = vec![0u32; doc.tokens.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        v[s.tokens()].fill(si as u32);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    fn mentions(text: &str) -> Vec<(String, ActorKind, MentionForm)> {
        let doc = Pipeline::default().annotate(text).unwrap();
        tag(&doc)
            .mentions
            .iter()
            .map(|m| (m.span.slice(text).to_string(), m.kind, m.form))
            .collect()
    }

    #[test]
    fn names_phrases_and_nominals() {
        let m = mentions(
            "Fighters waited for clearance from Ukraine’s security services. The group said so.",
        );
        assert!(m.contains(&(
            "Ukraine’s security services".into(),
            ActorKind::Organization,
            MentionForm::Phrase
        )));
        assert!(m.contains(&("Ukraine".into(), ActorKind::Place, MentionForm::Name)));
        assert!(m.contains(&(
            "The group".into(),
            ActorKind::Organization,
            MentionForm::Nominal
        )));
    }

    #[test]
    fn a_group_of_is_not_a_reference() {
        let m = mentions("The group of protesters marched. Moscow’s wealth grew.");
        assert!(m.iter().all(|x| x.2 == MentionForm::Name), "{m:?}");
    }

    #[test]
    fn tags_cover_every_token() {
        let text = "Sokolov said the war must end. Siziy agreed.";
        let doc = Pipeline::default().annotate(text).unwrap();
        assert_eq!(tag(&doc).pos.len(), doc.tokens.len());
    }
}
