//! Descriptions of names: the title words before a person's name
//! ("Republican presidential nominee Donald Trump"), an apposition after a
//! name ("Siziy, a former customs official turned medic-in-training,") or
//! before it ("An attorney for Pagliano, Mark MacDougall,").
//!
//! A description gives its entity roles ("nominee", "official",
//! "attorney"), which nominal mentions ("the Republican nominee",
//! "Pagliano's lawyer") are resolved by.

use super::lexicon::{self, Classes};
use super::{Description, DescriptionKind, EntityKind, EntityMention, MentionForm};
use crate::pos::Tag;
use crate::Doc;

fn is_adj(t: Tag) -> bool {
    t.starts_with("JJ") || t == "VBN"
}

fn is_noun(t: Tag) -> bool {
    t.starts_with("NN")
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The descriptions of the name mentions of a document, in text order.
pub fn describe(doc: &Doc, ms: &[EntityMention], sentence_of: &[u32]) -> Vec<Description> {
    let text = doc.text();
    let n = doc.tokens.len();
    let pos = &doc.pos;
    let sent_end = |k: usize| doc.sentences[sentence_of[k] as usize].end_token as usize;
    let sent_first = |k: usize| doc.sentences[sentence_of[k] as usize].first_token as usize;
    let mut out = Vec::new();
    for (mi, m) in ms.iter().enumerate() {
        if m.form != MentionForm::Name
            || !matches!(m.kind, EntityKind::Person | EntityKind::Organization)
        {
            continue;
        }
        let (a, b) = (m.tokens.0 as usize, m.tokens.1 as usize);
        let s_first = sent_first(a);
        // a name in a fronted phrase is followed by the clause, not an
        // apposition: "For Mr. Clarke, the agreement opened the door"
        let fronted = a > s_first
            && (s_first..a).all(|j| {
                matches!(pos[j], "IN" | "TO" | "RB")
                    || doc.lower.get(j) == "according"
                    || lexicon::is(doc.lower.get(j), Classes::HONORIFIC)
            });
        // apposition after: NAME , a/an/the ... ,   or   NAME , ROLE-NP ,
        if !fronted && b + 2 < n && doc.lower.get(b) == "," {
            let first = b + 1;
            let det = matches!(doc.lower.get(first), "a" | "an" | "the");
            let end = sent_end(b);
            let mut k = first;
            let mut ok = false;
            while k < end && k - b < 25 {
                let w = doc.lower.get(k);
                if matches!(w, "," | ";" | ")" | "—" | "–") || pos[k] == "." {
                    ok = w == "," || pos[k] == ".";
                    break;
                }
                if matches!(pos[k], "VBZ" | "VBP" | "MD") || doc.quotes.is_close(k) {
                    break;
                }
                k += 1;
            }
            if ok && k > first {
                let head = np_head(doc, if det { first + 1 } else { first }, k);
                // without a determiner only a role phrase is an apposition
                // ("Josh Earnest, White House press secretary,"), not a list
                let role = head.as_deref().is_some_and(|h| {
                    lexicon::is(h, Classes::TITLE) || lexicon::is(h, Classes::ORG)
                });
                if head.is_some() && (det || role) {
                    out.push(Description {
                        span: doc.tokens[first].span.cover(doc.tokens[k - 1].span),
                        mention: mi,
                        kind: DescriptionKind::Apposition,
                        head,
                        tokens: (first as u32, k as u32),
                    });
                }
            }
        }
        if m.kind != EntityKind::Person || a == 0 {
            continue;
        }
        // apposition before: "An attorney for Pagliano, Mark MacDougall,"
        if a >= 3 && doc.lower.get(a - 1) == "," {
            let comma = a - 1;
            let mut k = comma;
            while k > s_first && k + 12 > comma {
                let w = doc.lower.get(k - 1);
                if matches!(w, "," | ";" | "(" | "—" | "–" | "\"" | "“") {
                    break;
                }
                k -= 1;
            }
            let starts_np = matches!(doc.lower.get(k), "a" | "an" | "the" | "his" | "her");
            if starts_np && k + 1 < comma {
                let head = np_head(doc, k + 1, comma);
                if head
                    .as_deref()
                    .is_some_and(|h| lexicon::is(h, Classes::TITLE))
                {
                    out.push(Description {
                        span: doc.tokens[k].span.cover(doc.tokens[comma - 1].span),
                        mention: mi,
                        kind: DescriptionKind::Apposition,
                        head,
                        tokens: (k as u32, comma as u32),
                    });
                }
            }
        }
        // titles: "Russian President Vladimir Putin", "Clinton spokesman Nick Merrill"
        let mut k = a;
        let mut has_title = false;
        let mut title_head = None;
        while k > s_first {
            let j = k - 1;
            let w = doc.lower.get(j);
            let surface = doc.tokens[j].span.slice(text);
            let cap = capitalised(surface);
            let is_title = lexicon::is(w, Classes::TITLE);
            let fits = is_title
                || lexicon::is(w, Classes::HONORIFIC)
                || lexicon::is(w, Classes::MODIFIER)
                || cap && (pos[j] == "NNP" || pos[j] == "NNPS" || is_adj(pos[j]))
                || is_adj(pos[j]) && k < a
                || is_noun(pos[j]) && k < a && has_title
                || matches!(w, "'s" | "’s") && j > s_first
                || w == "of"
                    && j > s_first
                    && j + 1 < a
                    && capitalised(doc.tokens[j - 1].span.slice(text));
            if !fits {
                break;
            }
            if is_title && title_head.is_none() {
                has_title = true;
                title_head = Some(w.trim_end_matches('.').to_string());
            }
            k = j;
        }
        // leading "of", possessives and stray nouns are not part of the title
        while k < a {
            let w = doc.lower.get(k);
            if !(w == "of" || w == "'s" || w == "’s") {
                break;
            }
            k += 1;
        }
        let honorific_only = (k..a).all(|j| lexicon::is(doc.lower.get(j), Classes::HONORIFIC));
        if has_title && k < a && !honorific_only {
            out.push(Description {
                span: doc.tokens[k].span.cover(doc.tokens[a - 1].span),
                mention: mi,
                kind: DescriptionKind::Title,
                head: title_head,
                tokens: (k as u32, a as u32),
            });
        } else if k < a && honorific_only {
            // an honorific alone still says something (Mr. → he)
            out.push(Description {
                span: doc.tokens[k].span.cover(doc.tokens[a - 1].span),
                mention: mi,
                kind: DescriptionKind::Title,
                head: None,
                tokens: (k as u32, a as u32),
            });
        }
    }
    out.sort_by_key(|d| (d.span.start(), d.mention));
    out
}

/// The head noun of the noun phrase in tokens `from..to`: the last noun
/// before the first word that cannot be part of it.
pub fn np_head(doc: &Doc, from: usize, to: usize) -> Option<String> {
    let mut head = None;
    for k in from..to {
        let p = doc.pos[k];
        let w = doc.lower.get(k);
        if is_adj(p) || is_noun(p) || p == "CD" || p == "PRP$" || lexicon::is(w, Classes::TITLE) {
            if is_noun(p) || lexicon::is(w, Classes::TITLE) || lexicon::is(w, Classes::ORG) {
                head = Some(w.trim_end_matches('.').to_string());
            }
        } else if matches!(w, "'s" | "’s" | "-") || p == "POS" {
            continue;
        } else {
            break;
        }
    }
    head
}

/// The roles a description gives (title words, normalised: "Sen." →
/// "senator"), each with whether it is a deputy's ("vice-presidential
/// nominee" is not "nominee").
pub fn roles(doc: &Doc, d: &Description) -> Vec<(&'static str, bool)> {
    let mut out = Vec::new();
    let mut vice = false;
    for k in d.tokens.0 as usize..d.tokens.1 as usize {
        let w = doc.lower.get(k);
        if w == "vice" || w.starts_with("vice-") || w == "deputy" || w == "assistant" {
            vice = true;
        }
        if let Some(r) = role_key(w) {
            out.push((r, vice));
        }
    }
    out
}

/// The role a title word stands for, one word per role: abbreviations and
/// synonyms folded ("Sen." → "senator", "attorney" → "lawyer",
/// "candidate" → "nominee").
pub fn role_key(lower: &str) -> Option<&'static str> {
    let w = lower.trim_end_matches('.');
    Some(match w {
        "sen" | "senator" => "senator",
        "gov" | "governor" => "governor",
        "rep" | "representative" | "congressman" | "congresswoman" => "representative",
        "attorney" | "lawyer" | "counsel" => "lawyer",
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson",
        "nominee" | "candidate" | "hopeful" | "contender" | "frontrunner" | "front-runner" => {
            "nominee"
        }
        "businessman" | "businesswoman" | "mogul" | "tycoon" | "billionaire" | "developer" => {
            "businessman"
        }
        "host" | "anchor" => "host",
        "gen" | "general" => "general",
        "prof" | "professor" => "professor",
        "chairman" | "chairwoman" | "chair" | "chairperson" => "chair",
        "adviser" | "advisor" => "adviser",
        "president" | "president-elect" => "president",
        _ => {
            return lexicon::classes(w)
                .has(Classes::TITLE)
                .then(|| static_word(w))
                .flatten()
        }
    })
}

/// The lexicon's own `&'static str` for a word.
fn static_word(w: &str) -> Option<&'static str> {
    lexicon::static_key(w)
}
