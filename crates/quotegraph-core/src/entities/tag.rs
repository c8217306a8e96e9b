//! Name mentions from the trained entity tagger, cleaned of the words a
//! tagger may leave at a name's edges (an honorific, a title, an
//! epithet before a first name: "Crooked Hillary Clinton").

use quotegraph_tagger::{NerLabel, NerTagger, PosTagger};

use super::lexicon::{self, Classes};
use super::{EntityKind, EntityMention, MentionForm};
use crate::Doc;

/// Every name the tagger finds in the document, in text order.
pub fn name_mentions(doc: &Doc) -> Vec<EntityMention> {
    let text = doc.text();
    let ner = NerTagger::embedded();
    let pos_tagger = PosTagger::embedded();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut pos = Vec::new();
    let mut labels: Vec<NerLabel> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let base = s.first_token as usize;
        let toks = &doc.tokens[s.tokens()];
        // a sentence without a capital letter names nothing
        if !toks.iter().any(|t| {
            t.span
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        }) {
            continue;
        }
        words.clear();
        words.extend(toks.iter().map(|t| t.span.slice(text)));
        ner.tag_with_pos(pos_tagger, &words, &mut pos, &mut labels);
        let mut found: Vec<(usize, usize, EntityKind)> = quotegraph_tagger::ner::entities(&labels)
            .iter()
            .map(|e| (base + e.start, base + e.end, EntityKind::of(e.ty)))
            .collect();
        merge_of_phrases(doc, &mut found);
        for (a, b, kind) in found {
            let a = if kind == EntityKind::Person {
                trim_person_start(doc, a, b)
            } else {
                a
            };
            if a >= b {
                continue;
            }
            out.push(EntityMention {
                span: doc.tokens[a].span.cover(doc.tokens[b - 1].span),
                tokens: (a as u32, b as u32),
                sentence: si as u32,
                kind,
                form: MentionForm::Name,
            });
        }
    }
    out
}

/// Joins an organisation's name split by the tagger around "of", "on" or
/// "for" ("Commission | on | Presidential Debates", "Association | of |
/// Flight Attendants"): the whole is the organisation.
fn merge_of_phrases(doc: &Doc, found: &mut Vec<(usize, usize, EntityKind)>) {
    let mut k = 0;
    while k + 1 < found.len() {
        let (a1, b1, k1) = found[k];
        let (a2, b2, _) = found[k + 1];
        if k1 == EntityKind::Organization
            && a2 == b1 + 1
            && matches!(doc.lower.get(b1), "of" | "on" | "for")
        {
            found[k] = (a1, b2, EntityKind::Organization);
            found.remove(k + 1);
            continue;
        }
        k += 1;
    }
}

/// The first token of a person's name: honorifics and titles the tagger
/// kept are dropped ("Gov. Mike Pence" → "Mike Pence"), and so is a word
/// before a first name that is not itself a name ("Crooked Hillary
/// Clinton", "Miss Universe Alicia Machado").
fn trim_person_start(doc: &Doc, mut a: usize, b: usize) -> usize {
    while a + 1 < b {
        let w = doc.lower.get(a);
        if lexicon::is(w, Classes::HONORIFIC) || lexicon::is(w, Classes::TITLE) {
            a += 1;
            continue;
        }
        if b - a >= 3
            && lexicon::first_name(w).is_none()
            && lexicon::first_name(doc.lower.get(a + 1)).is_some()
        {
            a += 1;
            continue;
        }
        break;
    }
    a
}
