//! The part-of-speech layer of this crate, and the engine's entity types.
//!
//! Entity mentions (names from the trained tagger, organisation phrases and
//! nominals) are the engine's entity layer (`quotegraph_core::entities`,
//! `doc.entities`): this crate reads them rather than tagging names again.
//! What it adds here is the trained tagger's part-of-speech tags for every
//! token, which the figure, date and relation rules read.

use quotegraph_core::Doc;
use quotegraph_tagger::{PosTag, PosTagger};

pub use quotegraph_core::entities::{EntityKind, EntityMention, MentionForm};

/// The trained tagger's part-of-speech tag of every token of `doc`.
pub fn pos_tags(doc: &Doc) -> Vec<PosTag> {
    let text = doc.text();
    let tagger = PosTagger::embedded();
    let mut pos = Vec::with_capacity(doc.tokens.len());
    let mut words: Vec<&str> = Vec::new();
    let mut spos = Vec::new();
    for s in &doc.sentences {
        // sentences cover every token; pad if a gap ever appears
        pos.resize(s.first_token as usize, PosTag::Nn);
        words.clear();
        words.extend(doc.tokens[s.tokens()].iter().map(|t| t.span.slice(text)));
        tagger.tag_into(&words, &mut spos);
        pos.extend_from_slice(&spos);
    }
    pos.resize(doc.tokens.len(), PosTag::Nn);
    pos
}

/// The sentence index of every token.
pub fn sentence_index(doc: &Doc) -> Vec<u32> {
    quotegraph_core::entities::sentence_index(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    #[test]
    fn tags_cover_every_token() {
        let text = "Sokolov said the war must end. Siziy agreed.";
        let doc = Pipeline::default().annotate(text).unwrap();
        assert_eq!(pos_tags(&doc).len(), doc.tokens.len());
    }

    #[test]
    fn names_phrases_and_nominals_come_from_the_engine() {
        let text =
            "Fighters waited for clearance from Ukraine’s security services. The group said so.";
        let doc = Pipeline::default().annotate(text).unwrap();
        let m: Vec<(&str, EntityKind, MentionForm)> = doc
            .entities
            .mentions
            .iter()
            .map(|m| (m.span.slice(text), m.kind, m.form))
            .collect();
        assert!(m.contains(&(
            "Ukraine’s security services",
            EntityKind::Organization,
            MentionForm::Phrase
        )));
        assert!(m.contains(&("Ukraine", EntityKind::Place, MentionForm::Name)));
        assert!(m.contains(&("The group", EntityKind::Organization, MentionForm::Nominal)));
    }
}
