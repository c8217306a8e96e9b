//! Name mentions from the trained mention tagger
//! (`quotegraph_tagger::MentionTagger`: PER/ORG/LOC/MISC over the
//! capitalised words of a sentence, trained on CoreNLP's entity tags of
//! PolNeAR train; on dev 0.3 points of F1 under the full entity tagger at a
//! sixteenth of its cost with the part-of-speech tagger it needs), cleaned
//! of the words a tagger may leave at a name's edges (an honorific, a
//! title, an epithet before a first name: "Crooked Hillary Clinton").

use quotegraph_tagger::{MentionTagger, NerLabel};

use super::lexicon::{self, Classes};
use super::{EntityKind, EntityMention, MentionForm};
use crate::Doc;

/// Every name the tagger finds in the document, in text order.
pub fn name_mentions(doc: &Doc) -> Vec<EntityMention> {
    let text = doc.text();
    let tagger = MentionTagger::embedded();
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut labels: Vec<NerLabel> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let base = s.first_token as usize;
        let toks = &doc.tokens[s.tokens()];
        // a sentence names nothing when no word but its first is
        // capitalised and the first is no proper noun ("The", "But", "He")
        let cap = |t: &crate::text::Token| {
            t.span
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let first_named = toks
            .first()
            .is_some_and(|t| cap(t) && matches!(doc.pos[base], "NNP" | "NNPS"));
        if !first_named && !toks.iter().skip(1).any(cap) {
            continue;
        }
        words.clear();
        words.extend(toks.iter().map(|t| t.span.slice(text)));
        tagger.tag(&words, None, &mut labels);
        let mut found: Vec<(usize, usize, EntityKind)> = quotegraph_tagger::ner::entities(&labels)
            .iter()
            .map(|e| (base + e.start, base + e.end, EntityKind::of(e.ty)))
            .collect();
        merge_of_phrases(doc, &mut found);
        split_titled_names(doc, &mut found);
        // "Vann R. Newkirk II", "Martin Luther King Jr."
        for f in found.iter_mut() {
            if f.2 == EntityKind::Person
                && f.1 < s.end_token as usize
                && is_suffix(doc.lower.get(f.1))
            {
                f.1 += 1;
            }
        }
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

/// Names the tagger missed or mistyped where the document has already
/// named the person: a capitalised word that is the surname of exactly one
/// person named in full ("Donald Trump" … "Trump has also commented", the
/// tagger silent at the start of a sentence), and a lone word tagged as a
/// place or organisation that is such a surname, are that person's mentions.
pub fn propagate_surnames(doc: &Doc, mentions: &mut Vec<EntityMention>, sentence_of: &[u32]) {
    use super::names::{fold, PersonName};
    let text = doc.text();
    // a surname shared by two people named in full is nobody in particular
    let mut cache: crate::fasthash::FastMap<&str, Option<PersonName>> = Default::default();
    let mut people: Vec<(String, String)> = Vec::new();
    let mut seen_people: crate::fasthash::FastMap<(String, String), ()> = Default::default();
    for m in mentions.iter() {
        if m.kind == EntityKind::Person && m.tokens.1 - m.tokens.0 >= 2 {
            let s = m.span.slice(text);
            let p = cache.entry(s).or_insert_with(|| PersonName::parse(s));
            if let Some(p) = p {
                if p.surname.contains(' ') {
                    continue;
                }
                let key = (p.surname.clone(), p.given.clone().unwrap_or_default());
                if seen_people.insert(key.clone(), ()).is_none() {
                    people.push(key);
                }
            }
        }
    }
    if people.is_empty() {
        return;
    }
    // how many people named in full have each surname
    let mut per_surname: crate::fasthash::FastMap<&str, usize> = Default::default();
    for (s, _) in &people {
        *per_surname.entry(s.as_str()).or_default() += 1;
    }
    let unique = |w: &str| per_surname.get(w) == Some(&1);
    for m in mentions.iter_mut() {
        if m.kind != EntityKind::Person && m.tokens.1 - m.tokens.0 == 1 {
            let w = fold(m.span.slice(text));
            if per_surname.contains_key(w.as_str()) {
                m.kind = EntityKind::Person;
            }
        }
    }
    let mut covered = vec![false; doc.tokens.len()];
    for m in mentions.iter() {
        covered[m.token_range()].fill(true);
    }
    let mut extra = Vec::new();
    for (k, t) in doc.tokens.iter().enumerate() {
        if covered[k] || t.kind != crate::text::TokenKind::Word {
            continue;
        }
        let raw = t.span.slice(text);
        let b = raw.as_bytes()[0];
        if b.is_ascii_lowercase() || !raw.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // most tokens are no surname: compare the lowercase form first
        let lower = doc.lower.get(k);
        let plain = lower.is_ascii() && !lower.contains(['\'', '-', '.']);
        if plain && (lower.len() < 3 || !per_surname.contains_key(lower)) {
            continue;
        }
        let w = if plain { lower.to_string() } else { fold(raw) };
        if w.len() < 3 || !unique(&w) {
            continue;
        }
        // not the first word of a longer name the tagger did not see ("Trump Tower")
        let next_cap = doc.tokens.get(k + 1).is_some_and(|n| {
            n.kind == crate::text::TokenKind::Word
                && n.span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        if next_cap {
            continue;
        }
        extra.push(EntityMention {
            span: t.span,
            tokens: (k as u32, k as u32 + 1),
            sentence: sentence_of[k],
            kind: EntityKind::Person,
            form: MentionForm::Name,
        });
    }
    if !extra.is_empty() {
        mentions.extend(extra);
        mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
    }
}

/// Names that head an attribution's source and that the tagger missed
/// ("Politifact said", "Vann R. Newkirk II, a writer for The Atlantic,"):
/// a run of capitalised words in a source, none of them a word of the role
/// lexicon, is a name; a person's when it starts with a first name or has
/// an initial, an organisation's otherwise.
pub fn source_names(doc: &Doc, mentions: &mut Vec<EntityMention>, sentence_of: &[u32]) {
    let text = doc.text();
    let mut covered = vec![false; doc.tokens.len()];
    for m in mentions.iter() {
        covered[m.token_range()].fill(true);
    }
    let cap = |k: usize| {
        let t = &doc.tokens[k];
        t.kind == crate::text::TokenKind::Word
            && t.span
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    let mut extra = Vec::new();
    for a in &doc.attributions {
        // a transcript's label ("WALLACE:") names a person
        let label = a.cue.len() == 1 && a.cue[0].slice(text) == ":";
        for span in a.source.iter().chain(&a.source_description) {
            let s = doc.tokens.partition_point(|t| t.span.end() <= span.start());
            let e = doc.tokens.partition_point(|t| t.span.start() < span.end());
            let mut k = s;
            while k < e {
                if covered[k] || !cap(k) {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < e && !covered[k] && cap(k) {
                    k += 1;
                }
                let words: Vec<&str> = (start..k).map(|j| doc.lower.get(j)).collect();
                let lexical = words.iter().any(|w| {
                    !lexicon::classes(w).is_empty()
                        || crate::lexicon::pronoun_kind(w).is_some()
                        || matches!(*w, "the" | "a" | "an" | "this" | "that" | "these" | "those")
                });
                let proper = (start..k).all(|j| matches!(doc.pos[j], "NNP" | "NNPS"))
                    || (start..k).all(|j| {
                        let r = doc.tokens[j].span.slice(text);
                        r.len() > 1 && r.chars().all(|c| !c.is_lowercase())
                    });
                // a modifier of a common noun is no name ("Partial transcript")
                let modifier = k < e && doc.pos[k].starts_with("NN") && !cap(k);
                let suffix = words.iter().all(|w| is_suffix(w));
                if lexical || !proper || modifier || suffix {
                    continue;
                }
                let initial = (start..k).any(|j| {
                    let r = doc.tokens[j].span.slice(text);
                    r.len() == 2 && r.ends_with('.')
                });
                let kind = if lexicon::first_name(words[0]).is_some() || initial || label {
                    EntityKind::Person
                } else {
                    EntityKind::Organization
                };
                covered[start..k].fill(true);
                extra.push(EntityMention {
                    span: doc.tokens[start].span.cover(doc.tokens[k - 1].span),
                    tokens: (start as u32, k as u32),
                    sentence: sentence_of[start],
                    kind,
                    form: MentionForm::Name,
                });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
}

fn is_suffix(w: &str) -> bool {
    matches!(w.trim_end_matches('.'), "jr" | "sr" | "ii" | "iii" | "iv")
}

/// Splits a name the tagger ran through a title into the part before it
/// and the person after it: "U.S. Air Force Gen. | Norman Ham", "House
/// Speaker | Paul Ryan" (the person's first word must be a first name, so
/// "General Motors" stays whole).
fn split_titled_names(doc: &Doc, found: &mut Vec<(usize, usize, EntityKind)>) {
    let mut out = Vec::with_capacity(found.len());
    for &(a, b, kind) in found.iter() {
        let split = (a..b.saturating_sub(1)).find(|&k| {
            let w = doc.lower.get(k);
            (lexicon::is(w, Classes::TITLE) || lexicon::is(w, Classes::HONORIFIC))
                && lexicon::first_name(doc.lower.get(k + 1)).is_some()
                && (k > a || kind != EntityKind::Person)
        });
        match split {
            Some(k) => {
                // the words before the title: a name of their own when they
                // are not titles themselves ("Air Force")
                let before_title = (a..k)
                    .rev()
                    .find(|&j| {
                        let w = doc.lower.get(j);
                        !(lexicon::is(w, Classes::TITLE)
                            || lexicon::is(w, Classes::HONORIFIC)
                            || lexicon::is(w, Classes::MODIFIER))
                    })
                    .map(|j| j + 1);
                if let Some(end) = before_title.filter(|&end| end > a) {
                    let k0 = if kind == EntityKind::Person {
                        EntityKind::Organization
                    } else {
                        kind
                    };
                    out.push((a, end, k0));
                }
                out.push((k + 1, b, EntityKind::Person));
            }
            None => out.push((a, b, kind)),
        }
    }
    *found = out;
}

/// Joins an organisation's name split by the tagger around "of", "on" or
/// "for" ("Commission | on | Presidential Debates", "Association | of |
/// Flight Attendants"): the whole is the organisation.
fn merge_of_phrases(doc: &Doc, found: &mut Vec<(usize, usize, EntityKind)>) {
    let text = doc.text();
    let cap = |k: usize| {
        doc.tokens[k]
            .span
            .slice(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let mut k = 0;
    while k < found.len() {
        let (a1, b1, k1) = found[k];
        let n = doc.tokens.len();
        if k1 == EntityKind::Organization
            && b1 + 1 < n
            && matches!(doc.lower.get(b1), "of" | "on" | "for")
            && cap(b1 + 1)
        {
            // the capitalised words after the connector, whatever the tagger made of them
            let mut end = b1 + 1;
            while end < n
                && (cap(end)
                    || matches!(doc.lower.get(end), "and" | "&") && end + 1 < n && cap(end + 1))
            {
                end += 1;
            }
            found[k] = (a1, end, EntityKind::Organization);
            while k + 1 < found.len() && found[k + 1].0 < end {
                let (_, b2, _) = found.remove(k + 1);
                if b2 > end {
                    found[k].1 = b2;
                }
            }
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
        // an epithet: not a first name, and written like a common word
        // when the tagger of the engine reads it ("Crooked", "Real")
        let common = !matches!(doc.pos[a], "NNP" | "NNPS");
        if (b - a >= 3 || common)
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
