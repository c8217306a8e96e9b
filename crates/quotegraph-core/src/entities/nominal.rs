//! Phrases that name an organisation by its owner ("Donald Trump’s
//! campaign", "the Obama administration", "Ukraine’s security services")
//! and nominals that refer back to an entity ("the group", "the campaign",
//! "the Republican presidential nominee"), and how a nominal finds its
//! entity.

use super::describe::{role_key, roles};
use super::lexicon::{self, Classes};
use super::{Description, Entity, EntityKind, EntityMention, Index, MentionForm};
use crate::Doc;

fn lower_word(doc: &Doc, k: usize) -> bool {
    let s = doc.tokens[k].span.slice(doc.text());
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn capitalised(doc: &Doc, k: usize) -> bool {
    let s = doc.tokens[k].span.slice(doc.text());
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

/// Phrase and nominal mentions of a document whose name mentions are `names`.
pub fn phrases_and_nominals(
    doc: &Doc,
    names: &[EntityMention],
    sentence_of: &[u32],
) -> Vec<EntityMention> {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut in_name = vec![false; n];
    let mut name_start: Vec<Option<EntityKind>> = vec![None; n];
    for m in names {
        in_name[m.token_range()].fill(true);
        name_start[m.tokens.0 as usize] = Some(m.kind);
    }
    // the end of a noun phrase at token `k`: nothing after it continues it
    let np_ends = |k: usize| {
        k + 1 >= n || {
            let next = doc.lower.get(k + 1);
            !(is_possessive(next) || doc.pos[k + 1].starts_with("NN") && lower_word(doc, k + 1))
                && name_start[k + 1] != Some(EntityKind::Person)
        }
    };
    // owners: "Donald Trump ’s (presidential) campaign", "the Trump campaign"
    for m in names {
        let b = m.tokens.1 as usize;
        if b >= n {
            continue;
        }
        let poss = is_possessive(doc.lower.get(b));
        let mut k = if poss { b + 1 } else { b };
        let mut head = None;
        while k < n && k < b + 4 && lower_word(doc, k) && !in_name[k] {
            let w = doc.lower.get(k);
            let p = doc.pos[k];
            if lexicon::is(w, Classes::ORG) && np_ends(k) {
                head = Some(k);
                break;
            }
            if !(p.starts_with("JJ") || p.starts_with("NN") || lexicon::is(w, Classes::MODIFIER))
                || !poss
            {
                break;
            }
            k += 1;
        }
        let Some(h) = head else { continue };
        // "the Trump campaign" needs the article (or nothing) before the name;
        // "Trump campaign officials" has gone on past the head
        out.push(EntityMention {
            span: m.span.cover(doc.tokens[h].span),
            tokens: (m.tokens.0, h as u32 + 1),
            sentence: m.sentence,
            kind: EntityKind::Organization,
            form: MentionForm::Phrase,
        });
    }
    // "the city of Phoenix", "the state of Texas": the place's government
    for m in names.iter().filter(|m| m.kind == EntityKind::Place) {
        let a = m.tokens.0 as usize;
        if a >= 2
            && doc.lower.get(a - 1) == "of"
            && matches!(
                doc.lower.get(a - 2),
                "city" | "state" | "county" | "town" | "village" | "province" | "region"
            )
        {
            let start = if a >= 3 && matches!(doc.lower.get(a - 3), "the") {
                a - 3
            } else {
                a - 2
            };
            out.push(EntityMention {
                span: doc.tokens[start].span.cover(m.span),
                tokens: (start as u32, m.tokens.1),
                sentence: m.sentence,
                kind: EntityKind::Organization,
                form: MentionForm::Phrase,
            });
        }
    }
    // nominals: "the group", "the campaign", "the Republican presidential nominee"
    let text = doc.text();
    for (i, &sentence) in sentence_of.iter().enumerate().take(n.saturating_sub(1)) {
        // only words starting with "t" can be "the", "this", "that"
        if doc.tokens[i].span.slice(text).as_bytes()[0] | 0x20 != b't'
            || !matches!(doc.lower.get(i), "the" | "this" | "that")
        {
            continue;
        }
        let mut k = i + 1;
        let mut head = None;
        while k < n && k < i + 7 {
            let w = doc.lower.get(k);
            let p = doc.pos[k];
            let title = lexicon::is(w, Classes::TITLE);
            let org = lexicon::is(w, Classes::ORG);
            if (title || org) && lower_word(doc, k) && np_ends(k) {
                head = Some(k);
                break;
            }
            let modifier = p.starts_with("JJ")
                || p.starts_with("NN")
                || p == "VBN"
                || lexicon::is(w, Classes::MODIFIER)
                || capitalised(doc, k)
                || w.contains('-');
            if !modifier || is_possessive(w) || p == "CD" {
                break;
            }
            k += 1;
        }
        let Some(h) = head else { continue };
        let w = doc.lower.get(h);
        // "the group of ...", "the campaign's": not a bare reference
        if h + 1 < n && matches!(doc.lower.get(h + 1), "of") {
            continue;
        }
        // a person's name inside makes it a phrase or a title ("the Trump campaign")
        if (i + 1..h).any(|j| in_name[j] && name_start[j] == Some(EntityKind::Person))
            && lexicon::is(w, Classes::ORG)
        {
            continue;
        }
        let kind = if lexicon::is(w, Classes::TITLE) {
            EntityKind::Person
        } else {
            EntityKind::Organization
        };
        out.push(EntityMention {
            span: doc.tokens[i].span.cover(doc.tokens[h].span),
            tokens: (i as u32, h as u32 + 1),
            sentence,
            kind,
            form: MentionForm::Nominal,
        });
    }
    out
}

/// Hypernyms: a nominal head and the name words it can stand for.
const HYPERNYMS: &[(&str, &[&str])] = &[
    (
        "unit",
        &[
            "battalion",
            "brigade",
            "regiment",
            "legion",
            "division",
            "squad",
            "corps",
            "militia",
            "unit",
            "company",
        ],
    ),
    (
        "group",
        &[
            "group",
            "council",
            "committee",
            "coalition",
            "movement",
            "network",
            "association",
            "union",
            "alliance",
            "front",
            "organization",
            "organisation",
            "party",
            "battalion",
            "brigade",
            "legion",
            "militia",
            "caucus",
            "pac",
        ],
    ),
    (
        "organization",
        &[
            "council",
            "committee",
            "coalition",
            "association",
            "union",
            "foundation",
            "institute",
            "organization",
            "organisation",
            "group",
            "center",
            "centre",
        ],
    ),
    (
        "organisation",
        &[
            "council",
            "committee",
            "coalition",
            "association",
            "union",
            "foundation",
            "institute",
            "organization",
            "organisation",
            "group",
            "center",
            "centre",
        ],
    ),
    (
        "company",
        &[
            "inc",
            "corp",
            "co",
            "llc",
            "ltd",
            "group",
            "company",
            "corporation",
        ],
    ),
    (
        "firm",
        &[
            "inc", "corp", "co", "llc", "ltd", "group", "partners", "company",
        ],
    ),
    (
        "newspaper",
        &[
            "times",
            "post",
            "journal",
            "news",
            "herald",
            "tribune",
            "guardian",
            "gazette",
            "globe",
            "star",
            "telegraph",
            "observer",
            "chronicle",
            "inquirer",
            "today",
        ],
    ),
    (
        "paper",
        &[
            "times",
            "post",
            "journal",
            "news",
            "herald",
            "tribune",
            "guardian",
            "gazette",
            "globe",
            "star",
            "telegraph",
            "observer",
            "chronicle",
            "inquirer",
            "today",
        ],
    ),
    (
        "network",
        &[
            "cnn", "msnbc", "nbc", "abc", "cbs", "fox", "bbc", "news", "network",
        ],
    ),
    (
        "panel",
        &["committee", "subcommittee", "commission", "panel", "board"],
    ),
    ("committee", &["committee", "subcommittee", "panel"]),
    (
        "agency",
        &[
            "agency",
            "bureau",
            "administration",
            "service",
            "fbi",
            "cia",
            "nsa",
        ],
    ),
    ("bureau", &["bureau", "fbi"]),
    ("department", &["department", "ministry"]),
    ("ministry", &["ministry", "department"]),
    (
        "government",
        &["government", "administration", "kremlin", "cabinet"],
    ),
    ("administration", &["administration", "government", "house"]),
    ("campaign", &["campaign"]),
    ("party", &["party", "gop"]),
    ("court", &["court", "tribunal"]),
    (
        "union",
        &[
            "union",
            "association",
            "federation",
            "guild",
            "brotherhood",
            "afl-cio",
            "teamsters",
        ],
    ),
];

/// True when a nominal head can stand for a name whose last word is `last`.
pub fn compatible(head: &str, last: &str) -> bool {
    head == last
        || HYPERNYMS
            .iter()
            .any(|(h, under)| *h == head && under.contains(&last))
}

/// How many of the latest descriptions giving a role are read for its holder.
const ROLE_LOOKBACK: usize = 64;

/// How many sentences back a nominal looks for its entity.
const NOMINAL_SENTENCES: u32 = 6;

/// The entity a nominal mention `i` refers to: for an organisation head
/// ("the group", "the campaign"), an organisation named or described with
/// that word or one it is a hypernym of, the nearest one within six
/// sentences; for a role ("the senator", "the Republican nominee"), a
/// person with that role in a title or apposition, whose party and office
/// words do not contradict the nominal's, the nearest one before it.
pub fn resolve(
    doc: &Doc,
    ms: &[EntityMention],
    entities: &[Entity],
    entity_of: &[Option<usize>],
    descriptions: &[Description],
    index: &Index,
    i: usize,
) -> Option<usize> {
    let m = &ms[i];
    let head = doc.lower.get(m.tokens.1 as usize - 1);
    if m.kind == EntityKind::Person {
        return role_holder(
            doc,
            ms,
            entities,
            entity_of,
            descriptions,
            index,
            (m.tokens.0 as usize, m.tokens.1 as usize),
            m.span.start(),
        );
    }
    // "Hillary Clinton plans … The campaign says": the campaign of the
    // person named just before, when the document knows it
    if let Some(e) = owners_org(ms, entities, entity_of, index, i, head) {
        return Some(e);
    }
    // the organisations with that word, or one it stands for, in their names or descriptions
    let mut cands: Vec<usize> = index.org_words.get(head).cloned().unwrap_or_default();
    if let Some((_, under)) = HYPERNYMS.iter().find(|(h, _)| *h == head) {
        for w in *under {
            if let Some(v) = index.org_words.get(*w) {
                cands.extend(v);
            }
        }
    }
    cands.sort_unstable();
    cands.dedup();
    let mut best: Option<((bool, u8, usize), usize)> = None; // ((near, tier, mention), entity)
    for e in cands {
        let ent = &entities[e];
        // its last mention before the nominal (not another nominal)
        let named = &index.named_mentions[e];
        let upto = named.partition_point(|&j| j < i);
        let Some(j) = named[..upto]
            .iter()
            .rev()
            .take(3)
            .copied()
            .find(|&j| ms[j].span.end() <= m.span.start())
        else {
            continue;
        };
        let name = &index.names[e];
        let last = name.rsplit(' ').next().unwrap_or("");
        let heads = || {
            ent.descriptions
                .iter()
                .filter_map(|&d| descriptions[d].head.as_deref())
        };
        // "the commission": the Commission on Presidential Debates
        let tier =
            if last == head || heads().any(|h| h == head) || name.split(' ').any(|w| w == head) {
                2
            } else if name.split(' ').any(|w| compatible(head, w))
                || heads().any(|h| compatible(head, h))
            {
                1
            } else {
                continue;
            };
        // within six sentences; further back only a name with that very word
        let near = ms[j].sentence + NOMINAL_SENTENCES >= m.sentence;
        if !near && tier < 2 {
            continue;
        }
        let key = (near, tier, j);
        if best.is_none_or(|b| key > b.0) {
            best = Some((key, e));
        }
    }
    best.map(|b| b.1)
}

/// The organisation "SURNAME head" of the person last named in the
/// nominal's sentence or the one before ("the campaign" after "Hillary
/// Clinton": the Clinton campaign).
fn owners_org(
    ms: &[EntityMention],
    entities: &[Entity],
    entity_of: &[Option<usize>],
    index: &Index,
    i: usize,
    head: &str,
) -> Option<usize> {
    let m = &ms[i];
    let person = (0..i)
        .rev()
        .take_while(|&j| ms[j].sentence + 1 >= m.sentence)
        .find_map(|j| {
            let e = entity_of[j]?;
            (ms[j].form == MentionForm::Name && entities[e].kind == EntityKind::Person).then_some(e)
        })?;
    let surname = index.names[person].rsplit(' ').next()?;
    let e = *index.by_name.get(&format!("{surname} {head}"))?;
    (entities[e].kind == EntityKind::Organization).then_some(e)
}

/// Party words, folded to the party.
fn party(w: &str) -> Option<&'static str> {
    Some(match w {
        "republican" | "gop" | "republicans" => "republican",
        "democratic" | "democrat" | "democrats" => "democratic",
        "libertarian" => "libertarian",
        "green" => "green",
        _ => return None,
    })
}

/// The person who holds the role named by the words `a..b` (its head last:
/// "the Republican presidential nominee", "Senator from Texas" with the
/// head at "Senator") in a title or apposition before byte `before`. When
/// several do, the party words and the other capitalised words of the
/// phrase ("The Indiana governor") choose; then the one mentioned last.
#[allow(clippy::too_many_arguments)]
pub fn role_holder(
    doc: &Doc,
    ms: &[EntityMention],
    entities: &[Entity],
    entity_of: &[Option<usize>],
    descriptions: &[Description],
    index: &Index,
    (a, b): (usize, usize),
    before: usize,
) -> Option<usize> {
    let head = doc.lower.get(b - 1);
    let want = compound_role(doc, b - 1).or_else(|| role_key(head))?;
    let words: Vec<&str> = (a..b).map(|k| doc.lower.get(k)).collect();
    let vice = words
        .iter()
        .any(|w| *w == "vice" || w.starts_with("vice-") || *w == "deputy" || *w == "assistant");
    let former = words.iter().any(|w| matches!(*w, "former" | "ex"));
    let parties: Vec<&str> = words.iter().filter_map(|w| party(w)).collect();
    let gender = super::lexicon::role_gender(head);
    let qualifiers: Vec<&str> = (a..b - 1)
        .filter(|&k| capitalised(doc, k) && party(doc.lower.get(k)).is_none())
        .filter(|&k| !matches!(doc.lower.get(k), "the" | "this" | "that"))
        .map(|k| doc.lower.get(k))
        .collect();
    let fits_gender = |e: usize| {
        let ent = &entities[e];
        ent.kind == EntityKind::Person
            && !(gender.is_some() && ent.gender.is_some() && gender != ent.gender)
    };
    let holders: &[usize] = index.by_role.get(&(want, vice)).map_or(&[], Vec::as_slice);
    // (entity, last mention before, qualifiers met, parties agree)
    let mut cands: Vec<(usize, usize, usize, bool)> = Vec::new();
    let upto = holders.partition_point(|&d| descriptions[d].span.start() < before);
    let mut seen: Vec<usize> = Vec::new();
    // the latest holders first; far back ones matter little and would make
    // long documents quadratic
    for &d in holders[..upto].iter().rev().take(ROLE_LOOKBACK) {
        let Some(e) = entity_of[descriptions[d].mention] else {
            continue;
        };
        if seen.contains(&e) || !fits_gender(e) {
            continue;
        }
        seen.push(e);
        let ent = &entities[e];
        // the words of its latest descriptions before the nominal
        let upto_desc = ent
            .descriptions
            .partition_point(|&d| descriptions[d].span.start() < before);
        let desc_words: Vec<&str> = ent.descriptions[..upto_desc]
            .iter()
            .rev()
            .take(ROLE_LOOKBACK / 4)
            .map(|&d| &descriptions[d])
            .flat_map(|d| (d.tokens.0..d.tokens.1).map(|k| doc.lower.get(k as usize)))
            .collect();
        let ent_parties: Vec<&str> = desc_words.iter().filter_map(|w| party(w)).collect();
        let agree = !parties
            .iter()
            .any(|p| !ent_parties.is_empty() && !ent_parties.contains(p));
        if !former
            && want == "president"
            && desc_words.iter().any(|w| matches!(*w, "former" | "ex"))
        {
            continue;
        }
        let met = qualifiers.iter().filter(|q| desc_words.contains(q)).count();
        let named = &index.named_mentions[e];
        let k = named.partition_point(|&j| ms[j].span.start() < before);
        let last = named[..k]
            .iter()
            .rev()
            .take(3)
            .copied()
            .find(|&j| ms[j].span.end() <= before);
        if let Some(last) = last {
            cands.push((e, last, met, agree));
        }
    }
    // "The New York state attorney general … Eric Schneiderman": a holder
    // named just after, when none was before
    if cands.is_empty() {
        let here = ms.partition_point(|m| m.span.start() < before);
        let sentence = ms.get(here).map(|m| m.sentence);
        for (j, m) in ms.iter().enumerate().skip(here) {
            if sentence.is_some_and(|s| m.sentence > s + 1) {
                break;
            }
            let Some(e) = entity_of[j] else { continue };
            if !fits_gender(e) {
                continue;
            }
            let holds = entities[e].descriptions.iter().any(|&d| {
                let desc = &descriptions[d];
                desc.mention == j
                    && (roles(doc, desc)
                        .iter()
                        .any(|(r, v)| *r == want && *v == vice)
                        || (desc.tokens.0..desc.tokens.1)
                            .any(|k| compound_role(doc, k as usize) == Some(want)))
            });
            if holds {
                return Some(e);
            }
        }
    }
    cands.retain(|c| c.3);
    if cands.len() > 1 {
        let most = cands.iter().map(|c| c.2).max().unwrap_or(0);
        cands.retain(|c| c.2 == most);
    }
    cands.iter().max_by_key(|c| c.1).map(|c| c.0)
}

/// A role of two words ending at token `k` ("attorney general",
/// "secretary of state" is read at "secretary").
pub(crate) fn compound_role(doc: &Doc, k: usize) -> Option<&'static str> {
    if k == 0 {
        return None;
    }
    match (doc.lower.get(k - 1), doc.lower.get(k)) {
        ("attorney", "general") => Some("attorney general"),
        ("surgeon", "general") => Some("surgeon general"),
        ("running", "mate") => Some("running mate"),
        ("press", "secretary") => Some("press secretary"),
        _ => None,
    }
}
