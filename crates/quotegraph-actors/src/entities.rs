//! Entities: the mentions of one actor grouped, typed and named, with the
//! descriptions the text gives them.
//!
//! Grouping is deliberately conservative (precision first):
//! * names with the same normalised form are one entity (whatever type the
//!   tagger gave each occurrence; the type is decided by a vote);
//! * a one-word person name joins the longer person name it ends or starts
//!   ("Putin" → "Vladimir Putin"), the most recent before it when several fit;
//! * a definite nominal ("the group", "this unit") joins the organisation it
//!   can name: first one described or named with that very noun ("a
//!   Russian opposition group" for "the group"), else one whose name word it
//!   is a hypernym of ("unit" for "Battalion"), the most recent within six
//!   sentences; when none fits it is left out;
//! * the source of an attribution whose speaker the engine resolved joins
//!   the entity with that name.
//!
//! Descriptions are appositions ("Siziy, a former customs official turned
//! medic-in-training,") and title premodifiers ("Russian President Vladimir
//! Putin").

use std::collections::HashMap;

use quotegraph_core::{Doc, Span};
use quotegraph_tagger::PosTag;

use crate::gazetteer::{Gazetteer, Place, PlaceKind};
use crate::ner::{ActorKind, EntityMention, MentionForm, Tagged};
use crate::words;

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
    /// The mention it describes (index into the mention layer).
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
    /// Its type.
    pub kind: ActorKind,
    /// The canonical name: its longest name mention.
    pub name: String,
    /// Its mentions (indices into the mention layer), in text order.
    pub mentions: Vec<usize>,
    /// Its descriptions (indices into [`Entities::descriptions`]).
    pub descriptions: Vec<usize>,
    /// For places: the gazetteer entry, when the name is in the gazetteer.
    pub place: Option<Place>,
}

/// The entity layer.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// For each mention, its entity (`None` for an unresolved nominal).
    pub entity_of: Vec<Option<usize>>,
    /// Descriptions, in text order.
    pub descriptions: Vec<Description>,
}

impl Entities {
    /// The entity whose name is `name` (normalised), if any.
    pub fn by_name(&self, name: &str) -> Option<usize> {
        let key = normalise(name);
        self.entities.iter().position(|e| normalise(&e.name) == key)
    }
}

/// Lowercase, straight apostrophes, no leading "the".
pub fn normalise(s: &str) -> String {
    let l = s.trim().to_lowercase().replace('\u{2019}', "'");
    l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
}

/// Groups the mentions of `tagged` into entities.
pub fn group(doc: &Doc, tagged: &Tagged) -> Entities {
    let text = doc.text();
    let ms = &tagged.mentions;
    let gaz = Gazetteer::embedded();
    let mut entity_of: Vec<Option<usize>> = vec![None; ms.len()];
    // 1. names by normalised form
    let mut key_of: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // multi-token person names first, so surnames can find them
    let mut order: Vec<usize> = (0..ms.len())
        .filter(|&i| ms[i].form != MentionForm::Nominal)
        .collect();
    order.sort_by_key(|&i| (ms[i].tokens.1 - ms[i].tokens.0 == 1, i));
    let parts = NameParts::new(doc, ms);
    for i in order {
        let m = &ms[i];
        // the same name as a person and as a place are two actors ("Washington");
        // organisation and misc tags of one name are one (the tagger wavers)
        let class = match m.kind {
            ActorKind::Person => 'p',
            ActorKind::Place => 'l',
            ActorKind::Organization | ActorKind::Misc => 'o',
        };
        let key = format!("{class}|{}", normalise(m.span.slice(text)));
        let g = match key_of.get(&key) {
            Some(&g) => g,
            None => {
                let g = if m.kind == ActorKind::Person && m.tokens.1 - m.tokens.0 == 1 {
                    parts.person(doc, ms, &entity_of, i)
                } else {
                    None
                };
                let g = g.unwrap_or_else(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                key_of.insert(key, g);
                g
            }
        };
        groups[g].push(i);
        entity_of[i] = Some(g);
    }
    // 2. entities in order of first mention
    let mut firsts: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .map(|(g, v)| (*v.iter().min().unwrap(), g))
        .collect();
    firsts.sort();
    let mut renumber = vec![0; groups.len()];
    let mut entities = Vec::with_capacity(groups.len());
    for (new, &(_, g)) in firsts.iter().enumerate() {
        renumber[g] = new;
        let mut members = groups[g].clone();
        members.sort();
        entities.push(make_entity(text, ms, members, gaz));
    }
    for e in entity_of.iter_mut() {
        *e = e.map(|g| renumber[g]);
    }
    // 3. descriptions
    let descriptions = describe(doc, &tagged.pos, ms);
    for (di, d) in descriptions.iter().enumerate() {
        if let Some(e) = entity_of[d.mention] {
            entities[e].descriptions.push(di);
        }
    }
    // 4. nominals
    for i in 0..ms.len() {
        if ms[i].form != MentionForm::Nominal {
            continue;
        }
        if let Some(e) = resolve_nominal(doc, ms, &entities, &entity_of, &descriptions, i) {
            entity_of[i] = Some(e);
            entities[e].mentions.push(i);
            entities[e].mentions.sort();
        }
    }
    Entities {
        entities,
        entity_of,
        descriptions,
    }
}

/// The multi-word person names of a document by their last and by their
/// first word (lowercase), each list in mention order: a lone surname or
/// first name finds its full name with a lookup and a binary search.
struct NameParts<'a> {
    last: HashMap<&'a str, Vec<usize>>,
    first: HashMap<&'a str, Vec<usize>>,
}

impl<'a> NameParts<'a> {
    fn new(doc: &'a Doc, ms: &[EntityMention]) -> NameParts<'a> {
        let (mut last, mut first) = (HashMap::new(), HashMap::new());
        for (j, m) in ms.iter().enumerate() {
            if m.kind != ActorKind::Person
                || m.tokens.1 - m.tokens.0 < 2
                || m.form == MentionForm::Nominal
            {
                continue;
            }
            let (a, b) = (m.tokens.0 as usize, m.tokens.1 as usize);
            last.entry(doc.lower.get(b - 1))
                .or_insert_with(Vec::new)
                .push(j);
            if doc.lower.get(a) != doc.lower.get(b - 1) {
                first
                    .entry(doc.lower.get(a))
                    .or_insert_with(Vec::new)
                    .push(j);
            }
        }
        NameParts { last, first }
    }

    /// The entity of the full name a one-word person mention `i` is part
    /// of: a name ending with the word before one starting with it, the
    /// nearest one before the mention, else the nearest after it. Names
    /// are grouped before lone words, so every one has its entity by then.
    fn person(
        &self,
        doc: &Doc,
        ms: &[EntityMention],
        entity_of: &[Option<usize>],
        i: usize,
    ) -> Option<usize> {
        let w = doc.lower.get(ms[i].tokens.0 as usize);
        let nearest = |list: Option<&Vec<usize>>| -> Option<usize> {
            let list = list?;
            let k = list.partition_point(|&j| j < i);
            let j = if k > 0 { list[k - 1] } else { *list.get(k)? };
            debug_assert!(entity_of[j].is_some(), "names are grouped first");
            entity_of[j]
        };
        nearest(self.last.get(w)).or_else(|| nearest(self.first.get(w)))
    }
}

fn make_entity(text: &str, ms: &[EntityMention], members: Vec<usize>, gaz: &Gazetteer) -> Entity {
    // canonical name: the longest name (in tokens), the first of those
    let best = *members
        .iter()
        .max_by_key(|&&i| (ms[i].tokens.1 - ms[i].tokens.0, std::cmp::Reverse(i)))
        .unwrap();
    let name = ms[best].span.slice(text).to_string();
    let lower = normalise(&name);
    let last_word = lower.rsplit(' ').next().unwrap_or("").to_string();
    // vote; phrases count as organisations
    let mut votes = [0usize; 4];
    for &i in &members {
        votes[ms[i].kind as usize] += 1;
    }
    let order = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Place,
        ActorKind::Misc,
    ];
    let mut kind = order[(0..4).max_by_key(|&k| (votes[k], 4 - k)).unwrap()];
    let place = gaz.lookup(&name).cloned();
    if (words::ORG_NAME_WORDS.contains(&last_word.as_str()) && kind != ActorKind::Person)
        || words::INSTITUTION_PLACES.contains(&lower.as_str())
    {
        kind = ActorKind::Organization;
    } else if kind == ActorKind::Misc && place.as_ref().is_some_and(|p| p.kind != PlaceKind::City) {
        kind = ActorKind::Place;
    }
    Entity {
        place: if kind == ActorKind::Place {
            place
        } else {
            None
        },
        kind,
        name,
        mentions: members,
        descriptions: Vec::new(),
    }
}

/// Resolves a nominal mention to an organisation entity.
fn resolve_nominal(
    doc: &Doc,
    ms: &[EntityMention],
    entities: &[Entity],
    entity_of: &[Option<usize>],
    descriptions: &[Description],
    i: usize,
) -> Option<usize> {
    let m = &ms[i];
    let head = doc.lower.get(m.tokens.1 as usize - 1);
    // the engine's speaker, when the nominal is an attribution's source
    for (a, att) in doc.attributions.iter().enumerate() {
        if att.source.iter().any(|s| s.contains(m.span)) {
            if let Some(sp) = doc.speakers.get(a).and_then(Option::as_ref) {
                let key = normalise(&sp.name);
                if let Some(e) = entities
                    .iter()
                    .position(|e| normalise(&e.name) == key && e.kind == ActorKind::Organization)
                {
                    return Some(e);
                }
            }
        }
    }
    let mut best: Option<(u8, usize, usize)> = None; // (tier, mention index, entity)
                                                     // mentions are in text order, so those more than six sentences back
                                                     // form a prefix: start after it (long documents stay linear)
    let near = ms[..i].partition_point(|o| o.sentence + 6 < m.sentence);
    for (j, o) in ms.iter().enumerate().take(i).skip(near) {
        if o.form == MentionForm::Nominal || m.sentence - o.sentence.min(m.sentence) > 6 {
            continue;
        }
        let Some(e) = entity_of[j] else { continue };
        let ent = &entities[e];
        if ent.kind != ActorKind::Organization {
            continue;
        }
        let last = normalise(&ent.name)
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string();
        let heads: Vec<&str> = ent
            .descriptions
            .iter()
            .filter_map(|&d| descriptions[d].head.as_deref())
            .collect();
        let tier = if last == head || heads.contains(&head) {
            2
        } else if words::compatible(head, &last) || heads.iter().any(|h| words::compatible(head, h))
        {
            1
        } else {
            continue;
        };
        if best.is_none_or(|b| (tier, j) > (b.0, b.1)) {
            best = Some((tier, j, e));
        }
    }
    best.map(|b| b.2)
}

/// Appositions and title premodifiers of person and organisation names.
fn describe(doc: &Doc, pos: &[PosTag], ms: &[EntityMention]) -> Vec<Description> {
    let text = doc.text();
    let n = doc.tokens.len();
    let sidx = crate::ner::sentence_index(doc);
    let sent_end = |k: usize| -> usize { doc.sentences[sidx[k] as usize].end_token as usize };
    let mut out = Vec::new();
    for (mi, m) in ms.iter().enumerate() {
        if m.form == MentionForm::Nominal
            || !matches!(
                m.kind,
                ActorKind::Person | ActorKind::Organization | ActorKind::Misc
            )
        {
            continue;
        }
        let (a, b) = (m.tokens.0 as usize, m.tokens.1 as usize);
        // a name in a fronted phrase is followed by the clause, not an
        // apposition: "For Mr. Clarke, the agreement opened the door"
        let s_first = doc.sentences[m.sentence as usize].first_token as usize;
        let fronted = a > s_first
            && (s_first..a).all(|j| {
                matches!(pos[j], PosTag::In | PosTag::To | PosTag::Rb)
                    || doc.lower.get(j) == "according"
                    || words::HONORIFICS.contains(&doc.lower.get(j))
            })
            && matches!(pos[s_first], PosTag::In | PosTag::To | PosTag::Rb);
        // apposition: NAME , a/an/the ... ,
        if !fronted
            && b + 2 < n
            && doc.lower.get(b) == ","
            && matches!(doc.lower.get(b + 1), "a" | "an" | "the")
        {
            let end = sent_end(b);
            let mut k = b + 2;
            let mut ok = false;
            while k < end && k - b < 25 {
                let w = doc.lower.get(k);
                if matches!(w, "," | ";" | ")" | "—" | "–") || pos[k] == PosTag::Period {
                    ok = w == "," || pos[k] == PosTag::Period;
                    break;
                }
                if matches!(pos[k], PosTag::Vbz | PosTag::Vbp | PosTag::Md)
                    || pos[k].is_punctuation()
                {
                    break;
                }
                k += 1;
            }
            if ok && k > b + 2 {
                let head = np_head(doc, pos, b + 2, k);
                if head.is_some() {
                    out.push(Description {
                        span: doc.tokens[b + 1].span.cover(doc.tokens[k - 1].span),
                        mention: mi,
                        kind: DescriptionKind::Apposition,
                        head,
                        tokens: (b as u32 + 1, k as u32),
                    });
                }
            }
        }
        // titles: Russian President Vladimir Putin
        if m.kind == ActorKind::Person && a > 0 {
            let first = doc.sentences[m.sentence as usize].first_token as usize;
            let mut k = a;
            let mut has_title = false;
            let mut title_head = None;
            while k > first {
                let j = k - 1;
                let w = doc.lower.get(j);
                let surface = doc.tokens[j].span.slice(text);
                let cap = words::is_capitalised(surface);
                let is_title = words::TITLES.contains(&w);
                let fits = is_title
                    || cap && (pos[j].is_proper_noun() || pos[j].is_adjective())
                    || pos[j].is_adjective() && k < a
                    || pos[j] == PosTag::Nn && k < a && has_title
                    || w == "of"
                        && j > first
                        && j + 1 < a
                        && words::is_capitalised(doc.tokens[j - 1].span.slice(text));
                if !fits {
                    break;
                }
                if is_title {
                    has_title = true;
                    if title_head.is_none() {
                        title_head = Some(w.trim_end_matches('.').to_string());
                    }
                }
                k = j;
            }
            // leading "of" runs are not part of the title ("One of Mr. Clarke's"),
            // nor a common noun before a capitalised word or an adjective
            // ("the network | President Vladimir Putin", "his running mate |
            // presidential nominee Donald Trump", "this morning | Mr. Obama")
            while k < a {
                let w = doc.lower.get(k);
                let next = doc.tokens[k + 1].span.slice(text);
                let stray_noun = matches!(pos[k], PosTag::Nn | PosTag::Nns)
                    && !words::TITLES.contains(&w)
                    && !words::is_capitalised(doc.tokens[k].span.slice(text))
                    && k + 1 < a
                    && (words::is_capitalised(next) || pos[k + 1].is_adjective());
                if w != "of" && !stray_noun {
                    break;
                }
                k += 1;
            }
            // an honorific alone is no description ("Mr.", "Mrs."); a title
            // ending in an initial or a first name has cut a name in two
            // ("hedge-fund manager S. | Donald Sussman", "Chief Justice John | G. Roberts")
            let honorific_only = (k..a).all(|j| words::HONORIFICS.contains(&doc.lower.get(j)));
            let before = doc.tokens[a - 1].span.slice(text);
            let split_name = before.len() == 2 && before.ends_with('.')
                || words::is_capitalised(before)
                    && quotegraph_core::lexicon::is_first_name(doc.lower.get(a - 1));
            if has_title && k < a && !honorific_only && !split_name {
                out.push(Description {
                    span: doc.tokens[k].span.cover(doc.tokens[a - 1].span),
                    mention: mi,
                    kind: DescriptionKind::Title,
                    head: title_head,
                    tokens: (k as u32, a as u32),
                });
            }
        }
    }
    out.sort_by_key(|d| d.span.start());
    out
}

/// The head noun of the noun phrase starting at `from` (a determiner):
/// the last common noun before the first word that cannot be part of it.
fn np_head(doc: &Doc, pos: &[PosTag], from: usize, to: usize) -> Option<String> {
    let mut head = None;
    for (k, p) in pos.iter().enumerate().take(to).skip(from) {
        if p.is_adjective() || p.is_noun() || *p == PosTag::Cd || *p == PosTag::PrpS {
            if matches!(p, PosTag::Nn | PosTag::Nns) {
                head = Some(doc.lower.get(k).to_string());
            }
        } else if *p == PosTag::Pos {
            continue;
        } else {
            break;
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    fn run(text: &str) -> (Doc, Tagged, Entities) {
        let doc = Pipeline::default().annotate(text).unwrap();
        let t = crate::ner::tag(&doc);
        let e = group(&doc, &t);
        (doc, t, e)
    }

    #[test]
    fn surnames_join_full_names() {
        let (_, _, e) = run(
            "Putin’s government fell. Later, Russian President Vladimir Putin spoke. Putin left.",
        );
        let p = &e.entities[e.by_name("Vladimir Putin").unwrap()];
        assert_eq!(p.kind, ActorKind::Person);
        assert_eq!(p.mentions.len(), 3);
        let d: Vec<&str> = p.descriptions.iter().map(|&d| e.descriptions[d].span.slice("Putin’s government fell. Later, Russian President Vladimir Putin spoke. Putin left.")).collect();
        assert_eq!(d, ["Russian President"]);
    }

    #[test]
    fn honorifics_split_names_and_fronted_phrases_are_no_descriptions() {
        // cases read in the dev relations sample (tests/data/relations_judged.tsv)
        for text in [
            "One of Mr. Clarke's believers is Chandler Van Voorhis.",
            "In the case Mr. Clarke won, the judge ruled against Patriot.",
            "For Mr. Clarke, the Patriot agreement opened the door to other deals.",
            "Patriot sold the mine to Mr. Clarke, a coal executive.",
            "Chief Justice John G. Roberts Jr. spoke of the legacy of racism.",
        ] {
            let (doc, _, e) = run(text);
            let d: Vec<&str> = e
                .descriptions
                .iter()
                .map(|d| d.span.slice(doc.text()))
                .filter(|d| !d.starts_with("a coal"))
                .collect();
            assert!(
                d.iter()
                    .all(|d| !d.ends_with("Mr.") && !d.contains("opened") && !d.ends_with("John")),
                "{text}: {d:?}"
            );
        }
        let (doc, _, e) = run("It was part of the network President Vladimir Putin formed.");
        let d: Vec<&str> = e
            .descriptions
            .iter()
            .map(|d| d.span.slice(doc.text()))
            .collect();
        assert_eq!(d, ["President"]);
        let (doc, _, e) = run("It was the idea of longtime Democratic pollster Pat Caddell.");
        let d: Vec<&str> = e
            .descriptions
            .iter()
            .map(|d| d.span.slice(doc.text()))
            .collect();
        assert_eq!(d, ["longtime Democratic pollster"]);
        // an apposition after a name that is not fronted is kept
        let (doc, _, e) = run("Patriot sold the mine to Tom Clarke, a coal executive, in 2015.");
        assert!(e
            .descriptions
            .iter()
            .any(|d| d.span.slice(doc.text()) == "a coal executive"));
    }

    #[test]
    fn apposition_and_nominal() {
        let text = "The Civic Council, a Russian opposition group based in Poland, formed the unit. Later the group said it was proud.";
        let (_, t, e) = run(text);
        let c = e.by_name("Civic Council").unwrap();
        let ent = &e.entities[c];
        assert_eq!(ent.kind, ActorKind::Organization);
        let d = &e.descriptions[ent.descriptions[0]];
        assert_eq!(
            d.span.slice(text),
            "a Russian opposition group based in Poland"
        );
        assert_eq!(d.head.as_deref(), Some("group"));
        let group = t
            .mentions
            .iter()
            .position(|m| m.span.slice(text) == "the group")
            .unwrap();
        assert_eq!(e.entity_of[group], Some(c));
        // "the unit" has no battalion to refer to
        let unit = t
            .mentions
            .iter()
            .position(|m| m.span.slice(text) == "the unit")
            .unwrap();
        assert_eq!(e.entity_of[unit], None);
    }

    #[test]
    fn kremlin_is_an_organisation_and_places_are_checked() {
        let (_, _, e) = run("The Kremlin offers citizenship to fighters from Poland.");
        assert_eq!(
            e.entities[e.by_name("Kremlin").unwrap()].kind,
            ActorKind::Organization
        );
        let p = &e.entities[e.by_name("Poland").unwrap()];
        assert_eq!(p.kind, ActorKind::Place);
        assert_eq!(p.place.as_ref().unwrap().kind, PlaceKind::Country);
    }
}
