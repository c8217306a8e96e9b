//! The speaker stage: resolves each attribution's source to the entity it
//! stands for.
//!
//! - a name is mapped to the longest earlier name that ends with it
//!   ("Putin" → "Vladimir Putin"; titles are not part of names);
//! - a pronoun to the nearest earlier fitting speaker or name (he/she to a
//!   person, they/we/it to an organisation or group);
//! - a nominal ("the group", "the ministry") to the nearest earlier
//!   organisation whose appositive description has the same head noun, or
//!   failing that the nearest organisation;
//! - a cue-less quote that carries over takes its root's speaker.

use crate::attribution::Attribution;
use crate::lexicon::{self, PronounKind};
use crate::mentions::{EntityKind, Mention};
use crate::pos::Tag;
use crate::text::Token;

/// Who an attribution's source resolves to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Speaker {
    /// The canonical name within the document.
    pub name: String,
    /// Person, organisation or unknown.
    pub kind: EntityKind,
}

/// Resolves the speaker of every attribution (None where nothing fits).
pub fn resolve(
    text: &str,
    tokens: &[Token],
    tags: &[Tag],
    mentions: &[Mention],
    attributions: &[Attribution],
) -> Vec<Option<Speaker>> {
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(attributions.len());
    // resolve in text order of the source (carry-overs after their roots)
    for (i, a) in attributions.iter().enumerate() {
        let sp = if let Some(root) = a.carried_from {
            if root < i {
                out[root].clone()
            } else {
                None
            }
        } else if let Some((s, e)) = a.source_tokens {
            resolve_source(
                text,
                tokens,
                tags,
                mentions,
                attributions,
                &out,
                s as usize,
                e as usize,
            )
        } else {
            None
        };
        out.push(sp);
    }
    out
}

fn lower(text: &str, t: &Token) -> String {
    t.span.slice(text).to_lowercase().replace('\u{2019}', "'")
}

/// Canonical form of a mention: the longest earlier-or-equal mention whose
/// last word equals this one's last word.
fn canonical<'m>(text: &str, mentions: &'m [Mention], m: &'m Mention) -> &'m Mention {
    let last = |x: &Mention| {
        x.span
            .slice(text)
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string()
    };
    let key = last(m);
    mentions
        .iter()
        .filter(|x| last(x) == key && x.kind != EntityKind::Place)
        .filter(|x| x.span.slice(text).split(' ').count() >= m.span.slice(text).split(' ').count())
        .max_by_key(|x| {
            (
                x.span.slice(text).split(' ').count(),
                std::cmp::Reverse(x.span.start()),
            )
        })
        .unwrap_or(m)
}

fn speaker_of(text: &str, mentions: &[Mention], m: &Mention) -> Speaker {
    let c = canonical(text, mentions, m);
    let kind = if c.kind != EntityKind::Unknown {
        c.kind
    } else {
        m.kind
    };
    let kind = if kind == EntityKind::Unknown || kind == EntityKind::Place {
        // a named source that speaks is a person unless its words say organisation
        EntityKind::Person
    } else {
        kind
    };
    Speaker {
        name: c.span.slice(text).to_string(),
        kind,
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve_source(
    text: &str,
    tokens: &[Token],
    tags: &[Tag],
    mentions: &[Mention],
    attributions: &[Attribution],
    resolved: &[Option<Speaker>],
    s: usize,
    e: usize,
) -> Option<Speaker> {
    let start_byte = tokens[s].span.start();
    // 1. a name inside the source
    if let Some(m) = mentions
        .iter()
        .find(|m| (m.tokens.0 as usize) >= s && (m.tokens.1 as usize) <= e)
    {
        return Some(speaker_of(text, mentions, m));
    }
    let words: Vec<String> = (s..e).map(|i| lower(text, &tokens[i])).collect();
    // 2. a pronoun
    if words.len() == 1 {
        if let Some(pk) = lexicon::pronoun_kind(&words[0]) {
            return resolve_pronoun(text, mentions, attributions, resolved, start_byte, pk);
        }
    }
    // 3. a nominal: "the group", "the ministry", "a spokesman for X"
    let head = (s..e)
        .rev()
        .find(|&i| tags[i].starts_with("NN"))
        .map(|i| lower(text, &tokens[i]));
    if let Some(head) = head {
        if lexicon::is_org_noun(&head) && matches!(words[0].as_str(), "the" | "this" | "that") {
            let n_before = mentions.partition_point(|m| m.span.end() <= start_byte);
            let before = &mentions[..n_before];
            let described = before
                .iter()
                .rfind(|m| m.description_head.as_deref() == Some(head.as_str()));
            if let Some(m) = described {
                return Some(Speaker {
                    kind: EntityKind::Organization,
                    ..speaker_of(text, mentions, m)
                });
            }
            let org = before.iter().rfind(|m| m.kind == EntityKind::Organization);
            if let Some(m) = org {
                return Some(speaker_of(text, mentions, m));
            }
        }
        let kind = if lexicon::is_person_noun(&head) {
            EntityKind::Person
        } else if lexicon::is_org_noun(&head) {
            EntityKind::Organization
        } else {
            EntityKind::Unknown
        };
        let name = tokens[s]
            .span
            .cover(tokens[e - 1].span)
            .slice(text)
            .trim_end_matches(',')
            .to_string();
        return Some(Speaker { name, kind });
    }
    None
}

fn resolve_pronoun(
    text: &str,
    mentions: &[Mention],
    attributions: &[Attribution],
    resolved: &[Option<Speaker>],
    at: usize,
    pk: PronounKind,
) -> Option<Speaker> {
    let wants = |k: EntityKind| match pk {
        PronounKind::Male | PronounKind::Female | PronounKind::FirstSingular => {
            k == EntityKind::Person
        }
        PronounKind::Plural | PronounKind::FirstPlural | PronounKind::Neuter => {
            k == EntityKind::Organization
        }
        PronounKind::Second => false,
    };
    // nearest earlier candidate: a resolved speaker or a name mention
    let mut best: Option<(usize, Speaker)> = None;
    for (a, sp) in attributions.iter().zip(resolved) {
        let (Some(sp), Some(src)) = (sp, a.source.first()) else {
            continue;
        };
        if src.end() <= at && wants(sp.kind) && best.as_ref().is_none_or(|(b, _)| src.end() > *b) {
            best = Some((src.end(), sp.clone()));
        }
    }
    for m in mentions.iter().filter(|m| m.span.end() <= at) {
        let k = canonical(text, mentions, m).kind;
        let k = if k == EntityKind::Unknown && matches!(pk, PronounKind::Male | PronounKind::Female)
        {
            // an untyped name followed by he/she is most likely a person
            EntityKind::Person
        } else {
            k
        };
        if wants(k) && best.as_ref().is_none_or(|(b, _)| m.span.end() > *b) {
            best = Some((
                m.span.end(),
                Speaker {
                    kind: k,
                    ..speaker_of(text, mentions, m)
                },
            ));
        }
    }
    best.map(|(_, s)| s)
}
