//! The identity stage: who each attribution's source is, decided once.
//!
//! Every source resolves to an entity of the document's entity layer
//! ([`crate::entities`]) or to none; a speaker's name and kind are that
//! entity's, so nothing downstream can disagree with it. How a source is
//! read, as a careful reader would:
//!
//! * **a name inside the source** is the speaker only when it is the head
//!   of the source's noun phrase: "Republican presidential nominee Donald
//!   Trump" is Donald Trump, "Clinton spokesman Nick Merrill" is Nick
//!   Merrill, "An attorney for Pagliano, Mark MacDougall," is Mark
//!   MacDougall, "Donald Trump’s campaign" is the Trump campaign;
//! * **a pronoun** ("he", "she", "it", "they") goes to an earlier entity of
//!   fitting kind, number and gender, the speaker before it first; "I" and
//!   "we" inside a quote to that quote's speaker; "who"/"which" to the noun
//!   phrase it follows;
//! * **a nominal** ("the group", "the campaign", "the Republican nominee")
//!   to the entity it refers to ([`crate::entities::nominal`]);
//! * **unnamed sources stay unnamed**: "a senior official", "analysts",
//!   "some polls" have no name, a kind that says what they are (unnamed
//!   person, group, document) and their description; `anonymous` is set
//!   where the text says the source was not named;
//! * a cue-less quote that carries over takes its root's speaker.

use serde::{Deserialize, Serialize};

use crate::entities::lexicon::{self, Classes, Gender};
use crate::entities::{Entities, EntityKind, MentionForm};
use crate::lexicon::PronounKind;
use crate::{Doc, Span};

/// What kind of source a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// A named organisation (a place that speaks is its government).
    Organization,
    /// Unnamed people: "analysts", "some Democrats", "officials".
    Group,
    /// A text, poll or recording with no named issuer: "a new poll".
    Document,
    /// One unnamed person: "a senior official", "a spokeswoman".
    Unnamed,
    /// Not known.
    Unknown,
}

impl SpeakerKind {
    /// The kind as written in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Group => "group",
            SpeakerKind::Document => "document",
            SpeakerKind::Unnamed => "unnamed",
            SpeakerKind::Unknown => "unknown",
        }
    }
}

/// How a speaker was found: the `how` of the output, so that a reader can
/// weigh a name read off the source above one reached through a pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A name at the head of the source.
    Name,
    /// A name in apposition to the source's head ("a lawyer, Mark MacDougall").
    Apposition,
    /// An organisation named by owner and head ("Donald Trump’s campaign").
    Phrase,
    /// A nominal resolved to an entity ("the group").
    Nominal,
    /// A role held by one person of the document ("Pagliano's lawyer").
    Role,
    /// A pronoun resolved to an earlier entity.
    Pronoun,
    /// A relative pronoun resolved to the phrase before it.
    Relative,
    /// "I"/"we" inside a quote: the quote's speaker.
    Quoted,
    /// A cue-less quote continuing an earlier speaker.
    Carried,
    /// The issuer of a document ("a USA Today analysis").
    Issuer,
    /// No name: the source's own words say what it is.
    Description,
}

/// Who an attribution's source is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The entity (index into `doc.entities.entities`), when the source names one.
    pub entity: Option<usize>,
    /// What kind of source it is.
    pub kind: SpeakerKind,
    /// Words of the text that describe the source ("a senior official",
    /// "Republican presidential nominee").
    pub description: Option<Span>,
    /// The text says the source was not named ("speaking on condition of anonymity").
    pub anonymous: bool,
    /// How it was found.
    pub evidence: Evidence,
}

impl Speaker {
    /// The speaker's name: its entity's canonical name.
    pub fn name<'a>(&self, entities: &'a Entities) -> Option<&'a str> {
        self.entity
            .and_then(|e| entities.entities.get(e))
            .map(|e| e.name.as_str())
    }
}

/// The speaker kind of an entity kind.
pub fn speaker_kind(kind: EntityKind) -> SpeakerKind {
    match kind {
        EntityKind::Person => SpeakerKind::Person,
        _ => SpeakerKind::Organization,
    }
}

/// Resolves the speaker of every attribution of a document with its entity layer.
pub fn resolve(doc: &Doc) -> Vec<Option<Speaker>> {
    let r = Resolver::new(doc);
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(doc.attributions.len());
    for (i, a) in doc.attributions.iter().enumerate() {
        let sp = match a.carried_from {
            Some(root) if root < i => out[root].clone().map(|s| Speaker {
                evidence: Evidence::Carried,
                ..s
            }),
            Some(_) => None,
            None => r
                .source_tokens(i)
                .and_then(|(s, e)| r.source(i, s, e, &out, 0)),
        };
        out.push(sp);
    }
    out
}

struct Resolver<'a> {
    doc: &'a Doc,
    ents: &'a Entities,
    /// For each token, the sentence it is in (the entity layer's).
    sentence_of: std::borrow::Cow<'a, [u32]>,
    /// For each token, the top-level quotation it is in.
    quote_of: Vec<Option<u32>>,
    /// For each entity, the first tokens of its mentions, in order.
    mentions_of: Vec<Vec<usize>>,
    /// For each sentence, its first verb's token (its end when it has none).
    first_verb: Vec<u32>,
    /// Every "he"/"she" outside quotations with the person it stands for,
    /// in text order: an entity referred to by pronouns stays near.
    chain: Vec<(usize, usize)>,
}

/// Stop words after a source's head: what follows is a post-modifier.
fn post_modifier(w: &str, tag: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "from"
            | "at"
            | "with"
            | "who"
            | "which"
            | "that"
            | ","
            | "("
            | "including"
            | "ranging"
            | "such"
            | "like"
            | "on"
            | "in"
            | "to"
            | "and"
            | "or"
            | "—"
            | "–"
            | ";"
            | ":"
            | "whose"
            | "whom"
            | "by"
            | "about"
            | "representing"
            | "based"
    ) || tag == "VBG"
        || tag == "WDT"
        || tag == "WP"
}

/// Pronoun resolution scores (see `person_antecedent`), set by reading
/// the PolNeAR dev pronoun sources against the speaker key: recency counts
/// most, the last speaker and the subject of a sentence are preferred,
/// names inside quotations are rarely what "he said" refers to.
const PRONOUN_DISTANCE: f32 = 1.0;
const PRONOUN_LAST_SPEAKER: f32 = 2.0;
const PRONOUN_SUBJECT: f32 = 1.0;
const PRONOUN_QUOTED: f32 = 1.5;
const PRONOUN_GENDER_KNOWN: f32 = 1.0;
const PRONOUN_SALIENCE: f32 = 0.5;
/// How many sentences back a pronoun's antecedent is looked for.
const PRONOUN_WINDOW: u32 = 6;

/// A definite role with no holder named in the document ("the GOP
/// nominee") goes to the person the document is about when that person is
/// mentioned at least this often before it ...
const SALIENT_MIN: usize = 3;
/// ... and this many times as often as the next person.
const SALIENT_LEAD: f32 = 1.5;

/// How many of the latest descriptions giving a role are read for its holder.
const ROLE_LOOKBACK: usize = 64;

/// How many attributions back an "I" or "we" looks for the quote it is in.
const QUOTED_LOOKBACK: usize = 64;

const ANONYMITY: &[&str] = &[
    "anonymity",
    "anonymously",
    "unnamed",
    "unidentified",
    "not authorized",
    "not authorised",
    "declined to be named",
    "asked not to be named",
    "not be named",
    "requested anonymity",
    "without being named",
    "not permitted to",
];

impl<'a> Resolver<'a> {
    fn new(doc: &'a Doc) -> Resolver<'a> {
        let mut quote_of = vec![None; doc.tokens.len()];
        for (qi, q) in doc
            .quotes
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.depth == 0)
        {
            let end = (q.end_token as usize).min(quote_of.len());
            for slot in &mut quote_of[q.open_token as usize..end] {
                *slot = Some(qi as u32);
            }
        }
        let ents = &doc.entities;
        let mut mentions_of = vec![Vec::new(); ents.entities.len()];
        for (m, e) in ents.mentions.iter().zip(&ents.entity_of) {
            if let Some(e) = e {
                mentions_of[*e].push(m.tokens.0 as usize);
            }
        }
        for v in &mut mentions_of {
            v.sort_unstable();
        }
        let first_verb = doc
            .sentences
            .iter()
            .map(|s| {
                s.tokens()
                    .find(|&j| {
                        let t = doc.pos[j];
                        t.starts_with("VB") || t == "MD" || doc.lower.get(j) == "said"
                    })
                    .unwrap_or(s.end_token as usize) as u32
            })
            .collect();
        let mut r = Resolver {
            doc,
            ents,
            sentence_of: if ents.index.sentence_of.len() == doc.tokens.len() {
                std::borrow::Cow::Borrowed(&ents.index.sentence_of)
            } else {
                std::borrow::Cow::Owned(crate::entities::sentence_index(doc))
            },
            quote_of,
            mentions_of,
            first_verb,
            chain: Vec::new(),
        };
        r.chain = r.pronoun_chain();
        r
    }

    /// Resolves every "he"/"him"/"his" and "she"/"her" outside quotations,
    /// in text order, each against the names and the pronouns before it.
    fn pronoun_chain(&self) -> Vec<(usize, usize)> {
        let mut chain: Vec<(usize, usize)> = Vec::new();
        let text = self.doc.text();
        for k in 0..self.doc.tokens.len() {
            // only words starting with "h" or "s" can be he/she
            let first = self.doc.tokens[k].span.slice(text).as_bytes()[0] | 0x20;
            if !(first == b'h' || first == b's') || self.quote_of[k].is_some() {
                continue;
            }
            let g = match self.w(k) {
                "he" | "him" | "his" | "himself" => Gender::Male,
                "she" | "her" | "hers" | "herself" => Gender::Female,
                _ => continue,
            };
            if let Some(e) = self.rank_people(k, g, None, &chain) {
                chain.push((k, e));
            }
        }
        chain
    }

    fn w(&self, k: usize) -> &str {
        self.doc.lower.get(k)
    }

    fn raw(&self, k: usize) -> &str {
        self.doc.tokens[k].span.slice(self.doc.text())
    }

    fn tag(&self, k: usize) -> &'static str {
        self.doc.pos[k]
    }

    /// The token range of attribution `i`'s source (all its spans, with
    /// the appositive the rules keep apart: "The state’s campaign chairman"
    /// + ", Phil Lovas,").
    fn source_tokens(&self, i: usize) -> Option<(usize, usize)> {
        let a = &self.doc.attributions[i];
        let first = a.source.first()?;
        let last = a.source.last()?;
        let (first, last) = match a.source_description.last() {
            Some(d) if d.end() > last.end() => (*first, *d),
            _ => (*first, *last),
        };
        let first = match a.source_description.first() {
            Some(d) if d.start() < first.start() => *d,
            _ => first,
        };
        let toks = &self.doc.tokens;
        let s = toks.partition_point(|t| t.span.end() <= first.start());
        let e = toks.partition_point(|t| t.span.start() < last.end());
        // trim punctuation and quotation marks at the edges
        let (mut s, mut e) = (s, e);
        while s < e && !self.is_wordlike(s) {
            s += 1;
        }
        while e > s && !self.is_wordlike(e - 1) {
            e -= 1;
        }
        (s < e).then_some((s, e))
    }

    fn is_wordlike(&self, k: usize) -> bool {
        matches!(
            self.doc.tokens[k].kind,
            crate::text::TokenKind::Word | crate::text::TokenKind::Number
        )
    }

    fn anonymous(&self, s: usize) -> bool {
        let si = self.sentence_of[s] as usize;
        let sent = self.doc.sentences[si]
            .span
            .slice(self.doc.text())
            .to_lowercase();
        ANONYMITY.iter().any(|p| sent.contains(p))
    }

    fn unnamed(&self, kind: SpeakerKind, s: usize, e: usize) -> Speaker {
        Speaker {
            entity: None,
            kind,
            description: Some(self.doc.tokens[s].span.cover(self.doc.tokens[e - 1].span)),
            anonymous: self.anonymous(s),
            evidence: Evidence::Description,
        }
    }

    fn of_entity(&self, e: usize, evidence: Evidence, desc: Option<Span>) -> Speaker {
        let ent = &self.ents.entities[e];
        Speaker {
            entity: Some(e),
            kind: speaker_kind(ent.kind),
            description: desc,
            anonymous: false,
            evidence,
        }
    }

    /// The name mention (form Name, Phrase or Nominal) covering token `k`
    /// with an entity, preferring the longest.
    fn mention_ending_at(&self, k: usize, form: MentionForm) -> Option<usize> {
        let ms = &self.ents.mentions;
        let first = ms.partition_point(|m| (m.tokens.1 as usize) <= k.saturating_sub(12));
        (first..ms.len())
            .take_while(|&j| (ms[j].tokens.0 as usize) <= k)
            .filter(|&j| ms[j].form == form && ms[j].tokens.1 as usize == k + 1)
            .min_by_key(|&j| ms[j].tokens.0)
    }

    /// The longest phrase mention inside `s..e` that ends at the head or
    /// starts right before it ("the city of Phoenix").
    fn phrase_over(&self, s: usize, e: usize, head: usize) -> Option<usize> {
        self.ents
            .mentions_in(s, e)
            .filter(|&j| {
                let m = &self.ents.mentions[j];
                m.form == MentionForm::Phrase
                    && m.tokens.1 as usize <= e
                    && (m.tokens.0 as usize) <= head
                    && head < m.tokens.1 as usize
            })
            .max_by_key(|&j| self.ents.mentions[j].tokens.1 - self.ents.mentions[j].tokens.0)
    }

    fn name_covering(&self, k: usize) -> Option<usize> {
        let ms = &self.ents.mentions;
        let first = ms.partition_point(|m| (m.tokens.1 as usize) <= k.saturating_sub(12));
        (first..ms.len())
            .take_while(|&j| (ms[j].tokens.0 as usize) <= k)
            .filter(|&j| {
                ms[j].form == MentionForm::Name
                    && (ms[j].tokens.0 as usize) <= k
                    && k < ms[j].tokens.1 as usize
            })
            .max_by_key(|&j| ms[j].tokens.1 - ms[j].tokens.0)
    }

    /// Resolves the source tokens `s..e` of attribution `i`.
    fn source(
        &self,
        i: usize,
        s: usize,
        e: usize,
        done: &[Option<Speaker>],
        depth: u8,
    ) -> Option<Speaker> {
        let doc = self.doc;
        // a pronoun
        if e - s == 1 {
            if let Some(sp) = self.pronoun(i, s, done, depth) {
                return sp;
            }
        }
        // "who in 2010 ...": the relative pronoun is the source
        if matches!(self.w(s), "who" | "which") {
            if let Some(sp) = self.pronoun(i, s, done, depth) {
                return sp;
            }
        }
        // "many Democrats", "some polls", "other E.U. leaders": never one name
        let quantified = matches!(
            self.w(s),
            "many"
                | "some"
                | "most"
                | "other"
                | "others"
                | "several"
                | "few"
                | "all"
                | "both"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "numerous"
                | "various"
                | "two"
                | "three"
                | "four"
                | "five"
                | "these"
                | "those"
        );
        // the head of the first noun phrase: names are crossed whole
        let mut k = s;
        let mut head = None;
        while k < e {
            if let Some(m) = self.name_covering(k) {
                let end = (self.ents.mentions[m].tokens.1 as usize).min(e);
                head = Some(end - 1);
                k = end;
                continue;
            }
            let w = self.w(k);
            if k > s && post_modifier(w, self.tag(k)) {
                break;
            }
            // "a poll released last week": a participle after the head
            if k > s && head.is_some() && matches!(self.tag(k), "VBN" | "VBD") {
                break;
            }
            if matches!(w, "'s" | "’s" | "'" | "’") {
                k += 1;
                continue;
            }
            if self.is_wordlike(k) {
                head = Some(k);
            }
            k += 1;
        }
        let stop = k;
        let head = head?;
        if quantified {
            let kind = if lexicon::is(self.w(head), Classes::DOCUMENT) {
                SpeakerKind::Document
            } else {
                SpeakerKind::Group
            };
            return Some(self.unnamed(kind, s, e));
        }
        // an apposed name after the head: "An attorney for Pagliano, Mark MacDougall,"
        if let Some(sp) = self.apposed_name(stop, e, head) {
            return Some(sp);
        }
        // the head is a name, in a phrase or a resolved nominal
        if let Some(m) = self.phrase_over(s, e, head) {
            if let Some(ent) = self.ents.entity_of[m] {
                return Some(self.of_entity(ent, Evidence::Phrase, None));
            }
        }
        if let Some(m) = self.name_covering(head) {
            let ent = self.ents.entity_of[m]?;
            let entity = &self.ents.entities[ent];
            let hw = self.w(head);
            // "Democrats", "Republicans", "Americans": a group, not a name
            if entity.kind != EntityKind::Person
                && (lexicon::is(hw, Classes::GROUP)
                    || entity.kind == EntityKind::Misc && hw.ends_with('s'))
            {
                return Some(self.unnamed(SpeakerKind::Group, s, e));
            }
            if entity.kind == EntityKind::Misc {
                return Some(self.unnamed(SpeakerKind::Group, s, e));
            }
            // "a super PAC": an organisation's common noun written in capitals
            // is no name when an article or a modifier makes it one of many
            let mm = &self.ents.mentions[m];
            let start = mm.tokens.0 as usize;
            if entity.kind == EntityKind::Organization
                && mm.tokens.1 as usize - start == 1
                && lexicon::is(hw, Classes::ORG)
                && start > s
                && (matches!(self.w(s), "a" | "an")
                    || self
                        .raw(start - 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                        && !matches!(self.w(start - 1), "the" | "this" | "that"))
            {
                return Some(Speaker {
                    entity: None,
                    kind: SpeakerKind::Organization,
                    description: Some(doc.tokens[s].span.cover(doc.tokens[e - 1].span)),
                    anonymous: false,
                    evidence: Evidence::Description,
                });
            }
            // a place speaks only as itself ("Russia said") or with another
            // ("France and Germany"), not inside a longer phrase ("Paris to Prague")
            let coordinated = stop < e && self.w(stop) == "and";
            if entity.kind == EntityKind::Place && stop < e && !coordinated {
                return Some(self.unnamed(SpeakerKind::Unknown, s, e));
            }
            let desc = (self.ents.mentions[m].tokens.0 as usize > s).then(|| {
                doc.tokens[s]
                    .span
                    .cover(doc.tokens[self.ents.mentions[m].tokens.0 as usize - 1].span)
            });
            return Some(self.of_entity(ent, Evidence::Name, desc));
        }
        if let Some(m) = self.mention_ending_at(head, MentionForm::Nominal) {
            if let Some(ent) = self.ents.entity_of[m] {
                return Some(self.of_entity(
                    ent,
                    Evidence::Nominal,
                    Some(doc.tokens[s].span.cover(doc.tokens[head].span)),
                ));
            }
        }
        let hw = self.w(head);
        let definite = matches!(self.w(s), "the" | "this" | "that");
        let classes = lexicon::classes(hw);
        // a transcript's speaker or a surname the tagger missed: "WALLACE", "PENCE"
        if head == s
            && e - s == 1
            && self
                .raw(head)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            if let Some(ent) = self.person_by_surname(head) {
                return Some(self.of_entity(ent, Evidence::Name, None));
            }
        }
        if classes.has(Classes::DOCUMENT) {
            return Some(self.document(i, s, stop, e, head, done));
        }
        if classes.has(Classes::GROUP) || lexicon::singular_title(hw).is_some() {
            return Some(self.unnamed(SpeakerKind::Group, s, e));
        }
        if classes.has(Classes::TITLE) {
            let desc = Some(doc.tokens[s].span.cover(doc.tokens[head].span));
            // "Pagliano's lawyer": the one person who holds that role for that owner
            if let Some(ent) = self.role_of_owner(s, head) {
                return Some(self.of_entity(ent, Evidence::Role, desc));
            }
            // "the senator", "Senator from Texas": the person with that role
            let titled = definite
                || self
                    .raw(head)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            if titled {
                let at = doc.tokens[s].span.start();
                if let Some(ent) = crate::entities::nominal::role_holder(
                    doc,
                    &self.ents.mentions,
                    &self.ents.entities,
                    &self.ents.entity_of,
                    &self.ents.descriptions,
                    &self.ents.index,
                    (s, head + 1),
                    at,
                ) {
                    return Some(self.of_entity(ent, Evidence::Role, desc));
                }
            }
            if definite {
                if let Some(ent) = self.salient_person(s, head) {
                    return Some(self.of_entity(ent, Evidence::Role, desc));
                }
            }
            return Some(self.unnamed(SpeakerKind::Unnamed, s, e));
        }
        if classes.has(Classes::ORG) {
            // "A union representing flight attendants … the Association of
            // Flight Attendants": an organisation of that kind named just after
            if matches!(self.w(s), "a" | "an") {
                if let Some(ent) = self.org_named_after(s, head) {
                    return Some(self.of_entity(
                        ent,
                        Evidence::Nominal,
                        Some(doc.tokens[s].span.cover(doc.tokens[e - 1].span)),
                    ));
                }
            }
            return Some(Speaker {
                entity: None,
                kind: SpeakerKind::Organization,
                description: Some(doc.tokens[s].span.cover(doc.tokens[e - 1].span)),
                anonymous: false,
                evidence: Evidence::Description,
            });
        }
        if hw.ends_with('s') && self.tag(head).starts_with("NN") {
            return Some(self.unnamed(SpeakerKind::Group, s, e));
        }
        Some(self.unnamed(SpeakerKind::Unknown, s, e))
    }

    /// A person's name apposed after the head, between commas (or at the
    /// source's end): "An attorney for Pagliano, Mark MacDougall,".
    fn apposed_name(&self, stop: usize, e: usize, head: usize) -> Option<Speaker> {
        // the head must be a role, not a name ("Clinton, who ...")
        if !lexicon::is(self.w(head), Classes::TITLE) || self.name_covering(head).is_some() {
            return None;
        }
        // the name may follow the source's end when the source span stops
        // at the role ("The state’s campaign chairman | , Phil Lovas,")
        let n = self.doc.tokens.len();
        let limit = if stop >= e && e < n && self.w(e) == "," {
            (e + 6).min(n)
        } else {
            e
        };
        let mut k = stop.min(e);
        while k < limit {
            if self.w(k) == "," && k + 1 < e {
                if let Some(m) = self.name_covering(k + 1) {
                    let mm = &self.ents.mentions[m];
                    let end = mm.tokens.1 as usize;
                    if mm.tokens.0 as usize == k + 1
                        && mm.kind == EntityKind::Person
                        && (end >= limit || end >= n || matches!(self.w(end), "," | ")"))
                    {
                        let ent = self.ents.entity_of[m]?;
                        return Some(
                            self.of_entity(
                                ent,
                                Evidence::Apposition,
                                Some(
                                    self.doc.tokens[stop.min(head)]
                                        .span
                                        .cover(self.doc.tokens[k - 1].span),
                                ),
                            ),
                        );
                    }
                }
            }
            k += 1;
        }
        None
    }

    /// The person whose surname is the capitalised word at `k` (any case).
    fn person_by_surname(&self, k: usize) -> Option<usize> {
        let word = crate::entities::names::fold(self.raw(k));
        match self.ents.index.surnames.get(&word).map(Vec::as_slice) {
            Some(&[e]) => Some(e),
            _ => None,
        }
    }

    /// "The Republican presidential nominee" when no one in the document is
    /// described so: the person the document is about, if one clearly is
    /// (mentioned at least [`SALIENT_MIN`] times before the source and
    /// [`SALIENT_LEAD`] times as often as anyone else), of a gender the
    /// role does not contradict.
    fn salient_person(&self, s: usize, head: usize) -> Option<usize> {
        let g = lexicon::role_gender(self.w(head));
        // (entity, mentions before the source), the two most mentioned
        let (mut top, mut second): ((usize, usize), usize) = ((usize::MAX, 0), 0);
        for (e, ent) in self.ents.entities.iter().enumerate() {
            if ent.kind != EntityKind::Person {
                continue;
            }
            let n = self.mentions_of[e].partition_point(|&t| t < s);
            if n > top.1 {
                second = top.1;
                top = (e, n);
            } else if n > second {
                second = n;
            }
        }
        let (top, n) = top;
        if top == usize::MAX {
            return None;
        }
        let gender_ok = match (g, self.ents.entities[top].gender) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        (n >= SALIENT_MIN && n as f32 >= SALIENT_LEAD * second as f32 && gender_ok).then_some(top)
    }

    /// An organisation first named in the source's sentence after it or in
    /// the next one, whose name has the source's head noun or a word the
    /// head is a hypernym of ("A House panel" … "the House Oversight and
    /// Government Reform Committee").
    fn org_named_after(&self, s: usize, head: usize) -> Option<usize> {
        let hw = self.w(head);
        let sentence = self.sentence_of[s];
        let ms = &self.ents.mentions;
        let from = ms.partition_point(|m| (m.tokens.0 as usize) <= head);
        for (j, m) in ms.iter().enumerate().skip(from) {
            if m.sentence > sentence + 1 {
                break;
            }
            if m.form != MentionForm::Name {
                continue;
            }
            let Some(e) = self.ents.entity_of[j] else {
                continue;
            };
            let ent = &self.ents.entities[e];
            // named for the first time here
            if ent.kind != EntityKind::Organization || ent.mentions.first() != Some(&j) {
                continue;
            }
            let name = crate::entities::names::normalise(&ent.name);
            if name
                .split(' ')
                .any(|w| w == hw || crate::entities::nominal::compatible(hw, w))
            {
                return Some(e);
            }
        }
        None
    }

    /// "Pagliano's lawyer": a person described with that role and owner.
    fn role_of_owner(&self, s: usize, head: usize) -> Option<usize> {
        let want = crate::entities::describe::role_key(self.w(head))?;
        // the owner: a name in the source before the head
        let owner = (s..head).find_map(|k| self.name_covering(k))?;
        let owner_ent = self.ents.entity_of[owner]?;
        let owner_words: Vec<String> = self.ents.entities[owner_ent]
            .name
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let g = lexicon::role_gender(self.w(head));
        let mut hits: Vec<usize> = Vec::new();
        // the descriptions that give the role (either kind), the nearest first
        let index = &self.ents.index;
        let holders = [false, true]
            .iter()
            .filter_map(|&v| index.by_role.get(&(want, v)))
            .flat_map(|v| v.iter().rev().take(ROLE_LOOKBACK));
        for &d in holders {
            let desc = &self.ents.descriptions[d];
            let Some(e) = self.ents.entity_of[desc.mention] else {
                continue;
            };
            let ent = &self.ents.entities[e];
            if ent.kind != EntityKind::Person || e == owner_ent || hits.contains(&e) {
                continue;
            }
            if g.is_some() && ent.gender.is_some() && g != ent.gender {
                continue;
            }
            if (desc.tokens.0..desc.tokens.1)
                .any(|k| owner_words.iter().any(|o| o == self.w(k as usize)))
            {
                hits.push(e);
            }
        }
        match hits[..] {
            [e] => Some(e),
            _ => None,
        }
    }

    /// A document source: its issuer when the text names one ("A USA Today
    /// analysis", "Davis' commentary", "a new ad from the Trump campaign",
    /// "the ad" after one), else an unnamed document.
    fn document(
        &self,
        i: usize,
        s: usize,
        stop: usize,
        e: usize,
        head: usize,
        done: &[Option<Speaker>],
    ) -> Speaker {
        // a name before the head
        for k in (s..head).rev() {
            if let Some(m) = self
                .mention_ending_at(k, MentionForm::Phrase)
                .or_else(|| self.name_covering(k))
            {
                if let Some(ent) = self.ents.entity_of[m] {
                    if self.ents.entities[ent].kind != EntityKind::Place
                        && self.ents.entities[ent].kind != EntityKind::Misc
                    {
                        return self.of_entity(ent, Evidence::Issuer, None);
                    }
                }
            }
        }
        // "from X", "by X", "released by X", "published by X"
        if let Some(by) = (stop..e).find(|&k| matches!(self.w(k), "from" | "by")) {
            for k in (by + 1..e).rev() {
                if let Some(m) = self
                    .mention_ending_at(k, MentionForm::Phrase)
                    .or_else(|| self.name_covering(k))
                {
                    if let Some(ent) = self.ents.entity_of[m] {
                        if self.ents.entities[ent].kind != EntityKind::Place {
                            return self.of_entity(ent, Evidence::Issuer, None);
                        }
                    }
                }
            }
        }
        // "the ad" after "a new ad from X": the same document's issuer
        if matches!(self.w(s), "the" | "this" | "that") {
            let hw = self.w(head);
            for j in (0..i).rev().take(8) {
                let Some(sp) = done[j].as_ref() else { continue };
                let Some((ps, pe)) = self.source_tokens(j) else {
                    continue;
                };
                if sp.entity.is_some() && (ps..pe).any(|k| self.w(k) == hw) {
                    return Speaker {
                        evidence: Evidence::Issuer,
                        ..sp.clone()
                    };
                }
            }
        }
        self.unnamed(SpeakerKind::Document, s, e)
    }

    /// Resolves a one-word source that is a pronoun; `None` when it is not one.
    fn pronoun(
        &self,
        i: usize,
        s: usize,
        done: &[Option<Speaker>],
        depth: u8,
    ) -> Option<Option<Speaker>> {
        let w = self.w(s);
        if matches!(w, "who" | "which" | "that") {
            return Some(self.relative(i, s, done, depth));
        }
        let pk = crate::lexicon::pronoun_kind(w)?;
        let at = self.doc.tokens[s].span.start();
        Some(match pk {
            PronounKind::FirstSingular | PronounKind::FirstPlural => {
                self.quoted_speaker(i, at, done)
            }
            PronounKind::Second => None,
            PronounKind::Male | PronounKind::Female => {
                let g = if pk == PronounKind::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                self.person_antecedent(i, s, g, done)
            }
            PronounKind::Neuter => self.thing_antecedent(i, s, done, false),
            PronounKind::Plural => self.thing_antecedent(i, s, done, true),
        })
    }

    /// "I" or "we" inside a quote: the speaker of the attribution whose
    /// content holds it.
    fn quoted_speaker(&self, i: usize, at: usize, done: &[Option<Speaker>]) -> Option<Speaker> {
        // attributions are sorted by their first content span: those that
        // can hold `at` start before it; the nearest few are enough
        let atts = &self.doc.attributions;
        let upto = atts.partition_point(|a| a.content.first().is_none_or(|c| c.start() <= at));
        for j in (0..upto).rev().take(QUOTED_LOOKBACK) {
            if j == i || j >= done.len() {
                continue;
            }
            if atts[j]
                .content
                .iter()
                .any(|c| c.start() <= at && at < c.end())
            {
                return done[j].clone().map(|sp| Speaker {
                    evidence: Evidence::Quoted,
                    ..sp
                });
            }
        }
        None
    }

    /// "who"/"which"/"that": the noun phrase just before it.
    fn relative(&self, i: usize, s: usize, done: &[Option<Speaker>], depth: u8) -> Option<Speaker> {
        if depth > 1 || s == 0 {
            return None;
        }
        let mut e = s;
        if self.w(e - 1) == "," {
            e -= 1;
        }
        if e == 0 {
            return None;
        }
        // the phrase: back over names, nouns, adjectives, determiners
        let mut k = e;
        while k > 0 {
            let j = k - 1;
            if let Some(m) = self.name_covering(j) {
                k = self.ents.mentions[m].tokens.0 as usize;
                continue;
            }
            let t = self.tag(j);
            let w = self.w(j);
            if t.starts_with("NN")
                || t.starts_with("JJ")
                || t == "DT"
                || t == "PRP$"
                || t == "CD"
                || matches!(w, "'s" | "’s")
                || lexicon::is(w, Classes::TITLE)
            {
                k = j;
                if t == "DT" || t == "PRP$" {
                    break;
                }
                continue;
            }
            break;
        }
        if k >= e {
            return None;
        }
        self.source(i, k, e, done, depth + 1).map(|sp| Speaker {
            evidence: if sp.entity.is_some() {
                Evidence::Relative
            } else {
                sp.evidence
            },
            ..sp
        })
    }

    /// "he"/"she": the earlier person who fits best. Candidates are the
    /// people named (or referred to by an earlier "he"/"she", see
    /// [`Resolver::chain`]) in the six sentences before the pronoun, and
    /// the last person who spoke; a person of the other gender never fits.
    /// Each is scored by how recently it was mentioned, whether it spoke
    /// last (and how near), whether its last mention was a sentence's
    /// subject, whether that mention was inside a quotation the pronoun is
    /// not in, whether its gender is known to fit, and how often it was
    /// mentioned before.
    fn person_antecedent(
        &self,
        i: usize,
        s: usize,
        g: Gender,
        done: &[Option<Speaker>],
    ) -> Option<Speaker> {
        let at = self.doc.tokens[s].span.start();
        // the last person speaker before the pronoun (a group or an
        // organisation speaking in between does not hide it)
        let mut last_speaker = None;
        let mut seen = 0;
        for j in (0..i).rev() {
            let Some(src) = self.doc.attributions[j].source.last() else {
                continue;
            };
            if src.end() > at {
                continue;
            }
            seen += 1;
            if seen > 3 {
                break;
            }
            let Some(sp) = done[j].as_ref() else { continue };
            if let Some(e) = sp
                .entity
                .filter(|&e| self.ents.entities[e].kind == EntityKind::Person)
            {
                last_speaker = Some((e, self.sentence_of_byte(src.start())));
                break;
            }
        }
        let e = self.rank_people(s, g, last_speaker, &self.chain)?;
        Some(self.of_entity(e, Evidence::Pronoun, None))
    }

    /// The person a "he"/"she" at token `s` most likely stands for (see
    /// [`Resolver::person_antecedent`]); the earlier pronouns of `chain`
    /// count as mentions.
    fn rank_people(
        &self,
        s: usize,
        g: Gender,
        last_speaker: Option<(usize, u32)>,
        chain: &[(usize, usize)],
    ) -> Option<usize> {
        let at = self.doc.tokens[s].span.start();
        let sentence = self.sentence_of[s];
        let fits = |e: usize| {
            let ent = &self.ents.entities[e];
            ent.kind == EntityKind::Person && ent.gender.is_none_or(|x| x == g)
        };
        // (entity, nearest mention's sentence, subject, quoted apart)
        let mut cands: Vec<(usize, u32, bool, bool)> = Vec::new();
        let mut note = |e: usize, tok: usize, sent: u32| {
            if !fits(e) {
                return;
            }
            let subject = self.is_subject(tok);
            let quoted = self.quoted_apart(tok, s);
            match cands.iter_mut().find(|c| c.0 == e) {
                Some(c) => *c = (e, sent, subject, quoted),
                None => cands.push((e, sent, subject, quoted)),
            }
        };
        let ms = &self.ents.mentions;
        let window = sentence.saturating_sub(PRONOUN_WINDOW);
        let from = ms.partition_point(|m| m.sentence < window);
        let before = ms.partition_point(|m| m.span.end() <= at);
        // mentions and earlier pronouns, merged in text order
        let chain_from = chain.partition_point(|c| self.sentence_of[c.0] < window);
        let chain_to = chain.partition_point(|c| c.0 < s);
        let chain_items = &chain[chain_from..chain_to.max(chain_from)];
        let mut events: Vec<(usize, usize)> = (from..before.max(from))
            .filter_map(|j| self.ents.entity_of[j].map(|e| (ms[j].tokens.0 as usize, e)))
            .chain(chain_items.iter().map(|&(t, e)| (t, e)))
            .collect();
        events.sort_unstable();
        for (tok, e) in events {
            note(e, tok, self.sentence_of[tok]);
        }
        if let Some((e, ss)) = last_speaker.filter(|&(e, _)| fits(e)) {
            if !cands.iter().any(|c| c.0 == e) {
                cands.push((e, ss, true, false));
            }
        }
        let count = |e: usize| {
            let m = &self.mentions_of[e];
            m.partition_point(|&t| t < s)
        };
        let score = |c: &(usize, u32, bool, bool)| -> f32 {
            let (e, cs, subject, quoted) = *c;
            let dist = sentence.saturating_sub(cs) as f32;
            let mut x = -PRONOUN_DISTANCE * dist.min(PRONOUN_WINDOW as f32);
            if let Some((l, ls)) = last_speaker {
                if l == e {
                    // a speaker long ago counts less than one just now
                    let far = sentence.saturating_sub(ls) as f32;
                    x +=
                        PRONOUN_LAST_SPEAKER * (1.0 - far / (2.0 * PRONOUN_WINDOW as f32)).max(0.0);
                }
            }
            if subject {
                x += PRONOUN_SUBJECT;
            }
            if quoted {
                x -= PRONOUN_QUOTED;
            }
            if self.ents.entities[e].gender == Some(g) {
                x += PRONOUN_GENDER_KNOWN;
            }
            x + PRONOUN_SALIENCE * (count(e) as f32).ln_1p()
        };
        if std::env::var_os("QG_DEBUG").is_some() {
            for c in &cands {
                eprintln!(
                    "pronoun@{s} {g:?}: {} sent {} subj {} quoted {} n {} score {:.2}",
                    self.ents.entities[c.0].name,
                    c.1,
                    c.2,
                    c.3,
                    count(c.0),
                    score(c)
                );
            }
        }
        cands
            .iter()
            .max_by(|a, b| score(a).total_cmp(&score(b)).then(b.1.cmp(&a.1)))
            .map(|c| c.0)
    }

    /// True when token `k` lies inside a quotation that does not also hold token `of`.
    fn quoted_apart(&self, k: usize, of: usize) -> bool {
        self.quote_of[k].is_some() && self.quote_of[k] != self.quote_of[of]
    }

    /// True when the mention starting at token `k` is its sentence's
    /// subject: no verb and no comma-free clause before it in its sentence.
    fn is_subject(&self, k: usize) -> bool {
        let si = self.sentence_of[k] as usize;
        let first = self.doc.sentences[si].first_token as usize;
        k < self.first_verb[si] as usize && k - first < 8
    }

    fn sentence_of_byte(&self, b: usize) -> u32 {
        let k = self.doc.tokens.partition_point(|t| t.span.end() < b);
        self.sentence_of
            .get(k.min(self.sentence_of.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    }

    /// "it" (`plural` false) or "they": the previous speaker when it is an
    /// organisation, group or document near before; else the nearest
    /// organisation named in this sentence or the one before.
    fn thing_antecedent(
        &self,
        i: usize,
        s: usize,
        done: &[Option<Speaker>],
        plural: bool,
    ) -> Option<Speaker> {
        let at = self.doc.tokens[s].span.start();
        let sentence = self.sentence_of[s];
        for j in (0..i).rev() {
            let Some(src) = self.doc.attributions[j].source.last() else {
                continue;
            };
            if src.end() > at {
                continue;
            }
            if self.sentence_of_byte(src.end()) + 3 < sentence {
                break;
            }
            let Some(sp) = done[j].as_ref() else { continue };
            let ok = match sp.kind {
                SpeakerKind::Organization | SpeakerKind::Document => true,
                SpeakerKind::Group => plural,
                _ => false,
            };
            if ok {
                return Some(Speaker {
                    evidence: Evidence::Pronoun,
                    ..sp.clone()
                });
            }
            break;
        }
        let ms = &self.ents.mentions;
        let before = ms.partition_point(|m| m.span.end() <= at);
        for j in (0..before).rev() {
            let m = &ms[j];
            if m.sentence + 1 < sentence {
                break;
            }
            let Some(e) = self.ents.entity_of[j] else {
                continue;
            };
            if self.ents.entities[e].kind == EntityKind::Organization {
                return Some(self.of_entity(e, Evidence::Pronoun, None));
            }
        }
        if plural {
            return Some(Speaker {
                entity: None,
                kind: SpeakerKind::Group,
                description: None,
                anonymous: false,
                evidence: Evidence::Pronoun,
            });
        }
        None
    }
}
