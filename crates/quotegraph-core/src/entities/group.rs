//! Mentions grouped into entities, one per actor.
//!
//! * Person names are parsed ([`PersonName`]); a name of two or more words
//!   joins the person whose fullest name it is consistent with ("Donald J.
//!   Trump", "Donald Trump"); a lone word joins the person with that
//!   surname (or, for a first name, that given name): the one the document
//!   names most, then the nearest before it, else after it ("Trump",
//!   "TRUMP", "Hillary").
//! * Organisation names are one entity when their content words agree
//!   ("Justice Department", "Department of Justice"); the tagger's
//!   organisation and misc tags of one name are one entity (it wavers).
//! * A phrase is one organisation per owner and head noun ("Donald
//!   Trump’s campaign" and "the Trump campaign" are the Trump campaign).
//! * A nominal joins the entity it refers to ([`super::nominal::resolve`]),
//!   or none.
//!
//! The kind of an entity is the majority of its names' tags; its
//! canonical name is its fullest name.

use crate::fasthash::FastMap as HashMap;

use super::describe::describe;
use super::lexicon::{self, Gender};
use super::names::{normalise, org_key, PersonName};
use super::{Entities, Entity, EntityKind, EntityMention, MentionForm};
use crate::Doc;

/// Place names used for the institution seated there.
const INSTITUTION_PLACES: &[&str] = &[
    "kremlin",
    "white house",
    "pentagon",
    "downing street",
    "elysee",
    "élysée",
    "capitol hill",
    "foggy bottom",
    "whitehall",
    "vatican",
];

/// Last words that make a name an organisation whatever the tagger said.
const ORG_NAME_WORDS: &[&str] = &[
    "council",
    "party",
    "committee",
    "ministry",
    "department",
    "battalion",
    "brigade",
    "legion",
    "army",
    "association",
    "union",
    "campaign",
    "foundation",
    "institute",
    "university",
    "agency",
    "bank",
    "corporation",
    "inc.",
    "corp.",
    "regiment",
    "militia",
    "commission",
    "coalition",
];

/// Groups the mentions (sorted by start) into entities.
/// Groups the mentions (sorted by start) into entities.
pub fn group(doc: &Doc, ms: Vec<EntityMention>, sentence_of: &[u32]) -> Entities {
    let text = doc.text();
    let n = ms.len();
    let mut entity_of: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let surface = |i: usize| ms[i].span.slice(text);

    // 1. person names: the fullest first, so that lone words find them
    // one parse per distinct spelling ("Trump" fifty times is parsed once)
    let mut distinct: Vec<PersonName> = Vec::new();
    let mut index_of: HashMap<&str, Option<usize>> = HashMap::default();
    let parsed_at: Vec<Option<usize>> = ms
        .iter()
        .map(|m| {
            if m.form != MentionForm::Name || m.kind != EntityKind::Person {
                return None;
            }
            let s = m.span.slice(text);
            *index_of.entry(s).or_insert_with(|| {
                PersonName::parse(s).map(|p| {
                    distinct.push(p);
                    distinct.len() - 1
                })
            })
        })
        .collect();
    let parsed: Vec<Option<&PersonName>> =
        parsed_at.iter().map(|p| p.map(|k| &distinct[k])).collect();
    let mut people: Vec<usize> = (0..n).filter(|&i| parsed[i].is_some()).collect();
    people.sort_by_key(|&i| {
        (
            std::cmp::Reverse(parsed[i].as_ref().map_or(0, |p| p.words)),
            i,
        )
    });
    // per person group: its fullest parsed name
    let mut fullest: Vec<(usize, PersonName)> = Vec::new(); // (group, name)
                                                            // a spelling decided once is decided for all its mentions
    let mut decided: HashMap<&str, usize> = HashMap::default();
    for &i in &people {
        if let Some(&g) = decided.get(surface(i)) {
            groups[g].push(i);
            entity_of[i] = Some(g);
            continue;
        }
        let p = parsed[i].as_ref().expect("filtered");
        let g = if p.words >= 2 {
            fullest
                .iter()
                .filter(|(_, q)| q.words >= 2 && p.consistent_with(q))
                .map(|&(g, _)| g)
                .next()
        } else {
            lone_word(&ms, &groups, &fullest, i, p, doc)
        };
        let g = g.unwrap_or_else(|| {
            groups.push(Vec::new());
            let g = groups.len() - 1;
            fullest.push((g, (*p).clone()));
            g
        });
        decided.insert(surface(i), g);
        groups[g].push(i);
        entity_of[i] = Some(g);
    }

    // 2. other names: by normalised form, organisations also by content words;
    // a name written exactly as a person's is that person (the tagger wavers)
    let mut key_of: HashMap<(char, String), usize> = HashMap::default();
    let mut org_keys: HashMap<&str, String> = HashMap::default();
    let mut person_surface: HashMap<String, usize> = HashMap::default();
    for (&spelling, &g) in &decided {
        person_surface.entry(normalise(spelling)).or_insert(g);
    }
    let mut decided_other: HashMap<(&str, EntityKind), usize> = HashMap::default();
    for i in 0..n {
        let m = &ms[i];
        if m.form != MentionForm::Name || entity_of[i].is_some() {
            continue;
        }
        if let Some(&g) = decided_other.get(&(surface(i), m.kind)) {
            groups[g].push(i);
            entity_of[i] = Some(g);
            continue;
        }
        let norm = normalise(surface(i));
        if matches!(m.kind, EntityKind::Organization | EntityKind::Misc)
            && m.tokens.1 - m.tokens.0 >= 2
        {
            if let Some(&g) = person_surface.get(&norm) {
                groups[g].push(i);
                entity_of[i] = Some(g);
                continue;
            }
        }
        // a lone word tagged organisation that is a person's surname here
        if matches!(m.kind, EntityKind::Organization | EntityKind::Misc)
            && m.tokens.1 - m.tokens.0 == 1
        {
            if let Some(p) = PersonName::parse(surface(i)) {
                let hits: Vec<usize> = fullest
                    .iter()
                    .filter(|(_, q)| q.words >= 2 && q.surname == p.surname)
                    .map(|&(g, _)| g)
                    .collect();
                if let [g] = hits[..] {
                    groups[g].push(i);
                    entity_of[i] = Some(g);
                    continue;
                }
            }
        }
        let keys = match m.kind {
            EntityKind::Place => vec![('l', norm)],
            EntityKind::Person => vec![('p', norm)],
            // short and long forms of a name of several words
            // ("Justice Department", "Department of Justice")
            _ if m.tokens.1 - m.tokens.0 >= 2 => vec![
                ('o', norm),
                (
                    'k',
                    org_keys
                        .entry(surface(i))
                        .or_insert_with(|| org_key(surface(i)))
                        .clone(),
                ),
            ],
            _ => vec![('o', norm)],
        };
        let g = keys
            .iter()
            .find_map(|k| key_of.get(k).copied())
            .unwrap_or_else(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
        for k in keys {
            key_of.entry(k).or_insert(g);
        }
        decided_other.insert((surface(i), m.kind), g);
        groups[g].push(i);
        entity_of[i] = Some(g);
    }

    // 3. phrases: one organisation per owner and head noun
    let mut phrase_of: HashMap<(usize, String), usize> = HashMap::default();
    let mut phrase_names: HashMap<usize, String> = HashMap::default();
    for i in 0..n {
        let m = &ms[i];
        if m.form != MentionForm::Phrase {
            continue;
        }
        // the owner starts the phrase ("Donald Trump’s campaign"), or ends
        // it ("the city of Phoenix")
        // mentions are sorted by start: only those starting inside the phrase
        let lo = ms.partition_point(|x| x.span.start() < m.span.start());
        let hi = ms.partition_point(|x| x.span.start() < m.span.end());
        let starts = (lo..hi).find(|&j| {
            ms[j].form == MentionForm::Name
                && ms[j].tokens.0 == m.tokens.0
                && entity_of[j].is_some()
        });
        let ends = || {
            (lo..hi).find(|&j| {
                ms[j].form == MentionForm::Name
                    && ms[j].tokens.1 == m.tokens.1
                    && ms[j].tokens.0 > m.tokens.0
                    && entity_of[j].is_some()
            })
        };
        let (owner, head) = match starts {
            Some(o) => (o, doc.lower.get(m.tokens.1 as usize - 1).to_string()),
            None => match ends() {
                Some(o) => (
                    o,
                    format!("{} of", doc.lower.get(ms[o].tokens.0 as usize - 2)),
                ),
                None => continue,
            },
        };
        let owner_group = entity_of[owner].expect("checked");
        let name = if starts.is_none() {
            // "City of Phoenix"
            let s = strip_article(surface(i));
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else if ms[owner].kind == EntityKind::Person {
            // the Trump campaign: the owner's surname as the name writes it
            let full = groups[owner_group]
                .iter()
                .max_by_key(|&&j| (ms[j].tokens.1 - ms[j].tokens.0, std::cmp::Reverse(j)))
                .map(|&j| surface(j))
                .unwrap_or(surface(owner));
            let surname = full.rsplit(' ').next().unwrap_or(full);
            format!("{surname} {head}")
        } else {
            let s = surface(i);
            strip_article(s).to_string()
        };
        // one organisation per owner and head, and per name ("Trump
        // Foundation" tagged as a name is "Donald Trump’s foundation")
        let name_key = ('o', normalise(&name));
        let g = match phrase_of
            .get(&(owner_group, head.clone()))
            .copied()
            .or_else(|| key_of.get(&name_key).copied())
        {
            Some(g) => g,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        phrase_of.insert((owner_group, head), g);
        key_of.entry(name_key).or_insert(g);
        phrase_names.entry(g).or_insert(name);
        groups[g].push(i);
        entity_of[i] = Some(g);
    }

    // 4. entities in order of first mention
    let mut firsts: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(g, v)| (*v.iter().min().expect("not empty"), g))
        .collect();
    firsts.sort();
    let mut renumber = vec![usize::MAX; groups.len()];
    let mut entities = Vec::with_capacity(firsts.len());
    for (new, &(_, g)) in firsts.iter().enumerate() {
        renumber[g] = new;
        let mut members = groups[g].clone();
        members.sort();
        let name = phrase_names.get(&g).cloned();
        entities.push(make_entity(doc, &ms, members, name));
    }
    for e in entity_of.iter_mut() {
        *e = e.map(|g| renumber[g]);
    }

    // 5. descriptions, then nominals (they are resolved by descriptions)
    let descriptions = describe(doc, &ms, sentence_of);
    for (di, d) in descriptions.iter().enumerate() {
        if let Some(e) = entity_of[d.mention] {
            entities[e].descriptions.push(di);
        }
    }
    for ent in &mut entities {
        if ent.kind == EntityKind::Person && ent.gender.is_none() {
            ent.gender = ent.descriptions.iter().find_map(|&d| {
                let desc = &descriptions[d];
                (desc.tokens.0..desc.tokens.1)
                    .find_map(|k| lexicon::role_gender(doc.lower.get(k as usize)))
            });
        }
    }
    let mut index = build_index(doc, &ms, &entities, &descriptions);
    for i in 0..n {
        if ms[i].form != MentionForm::Nominal {
            continue;
        }
        if let Some(e) =
            super::nominal::resolve(doc, &ms, &entities, &entity_of, &descriptions, &index, i)
        {
            entity_of[i] = Some(e);
            entities[e].mentions.push(i);
        }
    }
    for ent in &mut entities {
        ent.mentions.sort();
    }
    index.named_mentions.shrink_to_fit();
    Entities {
        mentions: ms,
        entities,
        entity_of,
        descriptions,
        index,
    }
}

/// The lookups of [`super::Index`] over grouped entities and their descriptions.
fn build_index(
    doc: &Doc,
    ms: &[EntityMention],
    entities: &[Entity],
    descriptions: &[super::Description],
) -> super::Index {
    let mut index = super::Index::default();
    for (d, desc) in descriptions.iter().enumerate() {
        for role in super::describe::roles(doc, desc) {
            let v = index.by_role.entry(role).or_default();
            if v.last() != Some(&d) {
                v.push(d);
            }
        }
        for k in desc.tokens.0..desc.tokens.1 {
            if let Some(r) = super::nominal::compound_role(doc, k as usize) {
                let v = index.by_role.entry((r, false)).or_default();
                if v.last() != Some(&d) {
                    v.push(d);
                }
            }
        }
    }
    for (e, ent) in entities.iter().enumerate() {
        let name = normalise(&ent.name);
        index.named_mentions.push(
            ent.mentions
                .iter()
                .copied()
                .filter(|&j| ms[j].form != MentionForm::Nominal)
                .collect(),
        );
        match ent.kind {
            EntityKind::Organization => {
                let mut words: Vec<String> = name.split(' ').map(str::to_string).collect();
                words.extend(
                    ent.descriptions
                        .iter()
                        .filter_map(|&d| descriptions[d].head.clone()),
                );
                words.sort();
                words.dedup();
                for w in words {
                    index.org_words.entry(w).or_default().push(e);
                }
            }
            EntityKind::Person => {
                if let Some(p) = PersonName::parse(&ent.name) {
                    index.surnames.entry(p.surname).or_default().push(e);
                }
            }
            _ => {}
        }
        index.by_name.entry(name.clone()).or_insert(e);
        index.names.push(name);
    }
    index
}

fn strip_article(s: &str) -> &str {
    for a in ["the ", "The ", "THE "] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest;
        }
    }
    s
}

/// The person group a one-word name `i` belongs to: a person with that
/// surname, the nearest mention before it, else after it; failing that,
/// for a first name, the one person with that given name.
fn lone_word(
    ms: &[EntityMention],
    groups: &[Vec<usize>],
    fullest: &[(usize, PersonName)],
    i: usize,
    p: &PersonName,
    doc: &Doc,
) -> Option<usize> {
    let word = &p.surname;
    let nearest = |hits: &[usize]| -> Option<usize> {
        // the group with a member nearest before i, else the nearest after
        let mut before: Option<(usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        for &g in hits {
            for &j in &groups[g] {
                if j < i && before.is_none_or(|b| j > b.0) {
                    before = Some((j, g));
                }
                if j > i && after.is_none_or(|a| j < a.0) {
                    after = Some((j, g));
                }
            }
        }
        before.or(after).map(|x| x.1)
    };
    let by_surname: Vec<usize> = fullest
        .iter()
        .filter(|(_, q)| {
            q.words >= 2 && (&q.surname == word || super::names::ends_with_word(&q.surname, word))
        })
        .map(|&(g, _)| g)
        .collect();
    // two people of that surname ("Ted Cruz", his father "Rafael Cruz"): the
    // one the document names most, as a reader takes a bare surname
    if !by_surname.is_empty() {
        let most = by_surname
            .iter()
            .map(|&g| groups[g].len())
            .max()
            .unwrap_or(0);
        let top: Vec<usize> = by_surname
            .iter()
            .copied()
            .filter(|&g| groups[g].len() == most)
            .collect();
        return nearest(&top);
    }
    // an earlier lone word of the same spelling
    let same: Vec<usize> = fullest
        .iter()
        .filter(|(_, q)| q.words == 1 && &q.surname == word)
        .map(|&(g, _)| g)
        .collect();
    if !same.is_empty() {
        return nearest(&same);
    }
    let lower = doc.lower.get(ms[i].tokens.0 as usize);
    if lexicon::first_name(lower).is_some() {
        let by_given: Vec<usize> = fullest
            .iter()
            .filter(|(_, q)| q.words >= 2 && q.given.as_deref() == Some(word.as_str()))
            .map(|&(g, _)| g)
            .collect();
        if let [g] = by_given[..] {
            return Some(g);
        }
    }
    None
}

/// The gender a person's name gives: its given name, else its surname.
fn person_gender(name: &str) -> Option<Gender> {
    let p = PersonName::parse(name)?;
    if let Some(g) = &p.given {
        if let Some(x) = lexicon::name_gender(g, true) {
            return Some(x);
        }
    }
    if p.words == 1 {
        // a lone word may be a first name ("Melanie") or a surname ("Trump")
        return lexicon::name_gender(&p.surname, true);
    }
    lexicon::name_gender(p.surname.rsplit(' ').next().unwrap_or(&p.surname), false)
}

fn make_entity(
    doc: &Doc,
    ms: &[EntityMention],
    members: Vec<usize>,
    name: Option<String>,
) -> Entity {
    let text = doc.text();
    let names: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| ms[i].form == MentionForm::Name)
        .collect();
    let mut votes = [0usize; 4];
    for &i in &names {
        votes[ms[i].kind as usize] += 1;
    }
    let order = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Misc,
    ];
    let mut kind = if names.is_empty() {
        EntityKind::Organization
    } else {
        order[(0..4)
            .max_by_key(|&k| (votes[k], 4 - k))
            .expect("four kinds")]
    };
    // canonical name: the fullest name (most words; not all capitals when
    // another is written in mixed case), the most frequent of those, the first
    let name = name.unwrap_or_else(|| {
        if let [only] = names[..] {
            return strip_article(ms[only].span.slice(text)).to_string();
        }
        // each spelling once, with how often it is written
        let mut spellings: Vec<(&str, usize, usize)> = Vec::new(); // (text, count, first mention)
        let mut at: HashMap<&str, usize> = HashMap::default();
        for &i in &names {
            let s = ms[i].span.slice(text);
            match at.get(s) {
                Some(&k) => spellings[k].1 += 1,
                None => {
                    at.insert(s, spellings.len());
                    spellings.push((s, 1, i));
                }
            }
        }
        let best = spellings
            .iter()
            .map(|&(s, n, i)| (s, n, i))
            .max_by_key(|&(s, n, i)| {
                let shouting = s
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                    && s.chars().filter(|c| c.is_alphabetic()).count() > 3;
                (
                    ms[i].tokens.1 - ms[i].tokens.0,
                    !shouting,
                    n,
                    std::cmp::Reverse(i),
                )
            })
            .map_or(members[0], |b| b.2);
        strip_article(ms[best].span.slice(text)).to_string()
    });
    // a name the tagger calls misc that the gazetteer knows as a country,
    // region or state ("Russian Federation") is a place
    if kind == EntityKind::Misc
        && super::gazetteer::Gazetteer::embedded()
            .lookup(&name)
            .is_some_and(|p| p.kind != super::gazetteer::PlaceKind::City)
    {
        kind = EntityKind::Place;
    }
    // a lone word the tagger took for a person that is a country or region
    // and no one's name ("Yakutia"; not "Georgia", a first name too)
    if kind == EntityKind::Person && !name.contains(' ') {
        let lower = normalise(&name);
        if lexicon::first_name(&lower).is_none()
            && !lexicon::names_person(&lower)
            && super::gazetteer::Gazetteer::embedded()
                .lookup(&name)
                .is_some_and(|p| p.kind != super::gazetteer::PlaceKind::City)
        {
            kind = EntityKind::Place;
        }
    }
    if kind != EntityKind::Person {
        let lower = normalise(&name);
        let last_word = lower.rsplit(' ').next().unwrap_or("");
        if ORG_NAME_WORDS.contains(&last_word) || INSTITUTION_PLACES.contains(&lower.as_str()) {
            kind = EntityKind::Organization;
        } else if matches!(kind, EntityKind::Organization | EntityKind::Misc)
            && !lower.contains(' ')
            && lexicon::names_person(&lower)
        {
            // a lone word news text uses for a person ("Trump said")
            kind = EntityKind::Person;
        }
    }
    let gender = if kind == EntityKind::Person {
        person_gender(&name)
    } else {
        None
    };
    Entity {
        kind,
        name,
        mentions: members,
        descriptions: Vec::new(),
        gender,
    }
}
