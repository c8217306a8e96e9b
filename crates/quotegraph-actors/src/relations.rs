//! Relations between entities, precision first: each comes from one
//! sentence and a fixed pattern, and points at the spans that support it.
//!
//! | predicate | pattern |
//! |---|---|
//! | `joined` | SUBJ … join(ed/s) (the) ORG |
//! | `formed` | SUBJ … formed/founded/created/established (the) ORG; ORG, founded by SUBJ |
//! | `based in` | ORG, a … based/headquartered in PLACE; ORG is based in PLACE |
//! | `part of` | ORG, (officially) part of ORG; ORG is part of ORG |
//! | `member of` | PERSON, (now) part of ORG; PERSON, a member of ORG |
//! | `from` | PERSON from (the) PLACE |
//! | `role` | an apposition or title of a person ("a former customs official"), with the organisation or place it names, if any |
//!
//! SUBJ is the clause's subject: the first person or organisation mention
//! of the sentence before the verb that is not the object of a
//! preposition or verb, nor a possessor.

use quotegraph_core::{Doc, Span};
use quotegraph_tagger::PosTag;
use serde::{Deserialize, Serialize};

use crate::entities::{DescriptionKind, Entities};
use crate::ner::{EntityKind, EntityMention};

/// A relation's predicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Predicate {
    /// The subject joined the object.
    #[serde(rename = "joined")]
    Joined,
    /// The subject is a member of the object.
    #[serde(rename = "member of")]
    MemberOf,
    /// The subject formed or founded the object.
    #[serde(rename = "formed")]
    Formed,
    /// The subject is based in the object (a place).
    #[serde(rename = "based in")]
    BasedIn,
    /// The subject is part of the object.
    #[serde(rename = "part of")]
    PartOf,
    /// The subject comes from the object (a place).
    #[serde(rename = "from")]
    From,
    /// The subject's role, from an apposition or title.
    #[serde(rename = "role")]
    Role,
}

impl Predicate {
    /// The predicate as written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Joined => "joined",
            Predicate::MemberOf => "member of",
            Predicate::Formed => "formed",
            Predicate::BasedIn => "based in",
            Predicate::PartOf => "part of",
            Predicate::From => "from",
            Predicate::Role => "role",
        }
    }
}

/// A relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// The subject entity.
    pub subject: usize,
    /// The predicate.
    pub predicate: Predicate,
    /// The object entity (for a role: the organisation or place it names, if any).
    pub object: Option<usize>,
    /// For a role: the description's words.
    pub value: Option<Span>,
    /// The sentence it comes from (index into `doc.sentences`).
    pub sentence: usize,
    /// The spans that support it: subject mention, trigger words, object mention.
    pub support: Vec<Span>,
}

/// Finds the relations of `doc`.
pub fn find(doc: &Doc, pos: &[PosTag], ms: &[EntityMention], ents: &Entities) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let n = doc.tokens.len();
    let low = |k: usize| if k < n { doc.lower.get(k) } else { "" };
    let ent = |m: usize| ents.entity_of[m];
    let kind = |m: usize| ent(m).map(|e| ents.entities[e].kind);
    let span_of = |a: usize, b: usize| doc.tokens[a].span.cover(doc.tokens[b - 1].span);
    // mentions by sentence
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for (i, m) in ms.iter().enumerate() {
        if ent(i).is_some() {
            by_sentence[m.sentence as usize].push(i);
        }
    }
    // the mention starting at token k (allowing a determiner), if resolved
    let mention_at = |si: usize, k: usize| -> Option<usize> {
        // the longest mention there: "Ukraine’s international legion", not "Ukraine"
        by_sentence[si]
            .iter()
            .copied()
            .filter(|&m| {
                let a = ms[m].tokens.0 as usize;
                a == k || (a == k + 1 && matches!(low(k), "the" | "a" | "an" | "its" | "their"))
            })
            .max_by_key(|&m| ms[m].tokens.1)
    };
    for (si, s) in doc.sentences.iter().enumerate() {
        let (first, end) = (s.first_token as usize, s.end_token as usize);
        let here = &by_sentence[si];
        let subject = |verb: usize| -> Option<usize> {
            here.iter().copied().find(|&m| {
                let (a, b) = (ms[m].tokens.0 as usize, ms[m].tokens.1 as usize);
                if b > verb
                    || !matches!(kind(m), Some(EntityKind::Person | EntityKind::Organization))
                {
                    return false;
                }
                let mut p = a;
                while p > first && matches!(pos[p - 1], PosTag::Dt | PosTag::Jj) {
                    p -= 1;
                }
                let before_ok = p == first
                    || matches!(
                        low(p - 1),
                        "," | "and" | "but" | "when" | "after" | "while" | "then"
                    );
                let possessor = b < end && pos[b] == PosTag::Pos;
                before_ok && !possessor
            })
        };
        let mut push = |subject: usize,
                        predicate: Predicate,
                        object: Option<usize>,
                        value: Option<Span>,
                        support: Vec<Span>| {
            let (Some(se), oe) = (ent(subject), object.and_then(ent)) else {
                return;
            };
            if oe == Some(se) {
                return;
            }
            let r = Relation {
                subject: se,
                predicate,
                object: oe,
                value,
                sentence: si,
                support,
            };
            if !out.iter().any(|o| {
                o.subject == r.subject
                    && o.predicate == r.predicate
                    && o.object == r.object
                    && (r.object.is_some() || o.value == r.value)
            }) {
                out.push(r);
            }
        };
        #[allow(clippy::needless_range_loop)] // k indexes tokens, pos and lower alike
        for k in first..end {
            let w = low(k);
            // joined / formed
            let pred = match w {
                "joined" | "joins" | "join" | "rejoined" => Some(Predicate::Joined),
                "formed" | "founded" | "co-founded" | "created" | "established" | "forms"
                | "founds" | "creates" => Some(Predicate::Formed),
                _ => None,
            };
            if let Some(pred) = pred {
                if !pos[k].is_verb() {
                    continue;
                }
                // passive: ORG, founded by X
                if low(k + 1) == "by" && pred == Predicate::Formed && pos[k] == PosTag::Vbn {
                    let by = mention_at(si, k + 2).filter(|&m| {
                        matches!(kind(m), Some(EntityKind::Person | EntityKind::Organization))
                    });
                    let org = here.iter().copied().rev().find(|&m| {
                        (ms[m].tokens.1 as usize) <= k
                            && kind(m) == Some(EntityKind::Organization)
                            && (ms[m].tokens.1 as usize) + 2 >= k
                    });
                    if let (Some(by), Some(org)) = (by, org) {
                        push(
                            by,
                            pred,
                            Some(org),
                            None,
                            vec![ms[by].span, span_of(k, k + 2), ms[org].span],
                        );
                    }
                    continue;
                }
                let Some(obj) =
                    mention_at(si, k + 1).filter(|&m| kind(m) == Some(EntityKind::Organization))
                else {
                    continue;
                };
                let Some(subj) = subject(k) else { continue };
                push(
                    subj,
                    pred,
                    Some(obj),
                    None,
                    vec![ms[subj].span, doc.tokens[k].span, ms[obj].span],
                );
            }
            // based in / headquartered in
            if matches!(w, "based" | "headquartered") && low(k + 1) == "in" {
                let Some(place) =
                    mention_at(si, k + 2).filter(|&m| kind(m) == Some(EntityKind::Place))
                else {
                    continue;
                };
                let subj = described_by(ents, ms, k).or_else(|| {
                    let prev = here
                        .iter()
                        .copied()
                        .rev()
                        .find(|&m| (ms[m].tokens.1 as usize) <= k)?;
                    let b = ms[prev].tokens.1 as usize;
                    let between: Vec<&str> = (b..k).map(low).collect();
                    (kind(prev) == Some(EntityKind::Organization)
                        && matches!(between.as_slice(), [] | ["is"] | ["was"] | ["are"] | [","]))
                    .then_some(prev)
                });
                if let Some(subj) = subj.filter(|&m| kind(m) == Some(EntityKind::Organization)) {
                    push(
                        subj,
                        Predicate::BasedIn,
                        Some(place),
                        None,
                        vec![ms[subj].span, span_of(k, k + 2), ms[place].span],
                    );
                }
            }
            // part of / a member of
            let trigger_len = match (w, low(k + 1), low(k + 2)) {
                ("part", "of", _) => 2,
                ("member", "of", _) | ("members", "of", _) => 2,
                _ => 0,
            };
            if trigger_len > 0 && k + trigger_len < end {
                let Some(obj) = mention_at(si, k + trigger_len)
                    .filter(|&m| kind(m) == Some(EntityKind::Organization))
                else {
                    continue;
                };
                let subj = described_by(ents, ms, k).or_else(|| {
                    let prev = here
                        .iter()
                        .copied()
                        .rev()
                        .find(|&m| (ms[m].tokens.1 as usize) <= k)?;
                    let b = ms[prev].tokens.1 as usize;
                    let ok = (b..k).all(|j| {
                        matches!(
                            low(j),
                            "," | "is"
                                | "was"
                                | "are"
                                | "were"
                                | "a"
                                | "an"
                                | "now"
                                | "officially"
                                | "also"
                                | "still"
                                | "already"
                                | "became"
                                | "becomes"
                        )
                    });
                    ok.then_some(prev)
                });
                let Some(subj) = subj else { continue };
                let pred = match kind(subj) {
                    Some(EntityKind::Person) => Predicate::MemberOf,
                    Some(EntityKind::Organization) if w == "part" => Predicate::PartOf,
                    Some(EntityKind::Organization) => Predicate::MemberOf,
                    _ => continue,
                };
                push(
                    subj,
                    pred,
                    Some(obj),
                    None,
                    vec![ms[subj].span, span_of(k, k + trigger_len), ms[obj].span],
                );
            }
        }
        // PERSON from PLACE
        for &m in here {
            let b = ms[m].tokens.1 as usize;
            if kind(m) != Some(EntityKind::Person) || b + 1 >= end || low(b) != "from" {
                continue;
            }
            if let Some(place) =
                mention_at(si, b + 1).filter(|&p| kind(p) == Some(EntityKind::Place))
            {
                push(
                    m,
                    Predicate::From,
                    Some(place),
                    None,
                    vec![ms[m].span, doc.tokens[b].span, ms[place].span],
                );
            }
        }
    }
    // roles from descriptions of people
    for d in &ents.descriptions {
        let Some(e) = ents.entity_of[d.mention] else {
            continue;
        };
        if ents.entities[e].kind != EntityKind::Person {
            continue;
        }
        let object = ms
            .iter()
            .enumerate()
            .find(|(i, m)| {
                d.span.contains(m.span)
                    && matches!(kind(*i), Some(EntityKind::Organization | EntityKind::Place))
            })
            .map(|(i, _)| i);
        let si = ms[d.mention].sentence as usize;
        let mut support = vec![ms[d.mention].span, d.span];
        if let Some(o) = object {
            support.push(ms[o].span);
        }
        let r = Relation {
            subject: e,
            predicate: Predicate::Role,
            object: object.and_then(ent),
            value: Some(d.span),
            sentence: si,
            support,
        };
        let dup = out.iter().any(|o| {
            o.subject == e
                && o.predicate == Predicate::Role
                && o.value.map(|v| v.slice(doc.text()).to_lowercase())
                    == Some(d.span.slice(doc.text()).to_lowercase())
        });
        if !dup {
            out.push(r);
        }
        let _ = DescriptionKind::Title;
    }
    out.sort_by_key(|r| (r.sentence, r.support.first().map(|s| s.start())));
    out
}

/// The mention whose apposition contains token `k`.
fn described_by(ents: &Entities, _ms: &[EntityMention], k: usize) -> Option<usize> {
    ents.descriptions
        .iter()
        .find(|d| {
            d.kind == DescriptionKind::Apposition
                && (d.tokens.0 as usize) <= k
                && k < d.tokens.1 as usize
        })
        .map(|d| d.mention)
}
