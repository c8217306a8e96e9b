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

use crate::fasthash::FastMap;
use crate::lexicon::{self, PronounKind};
use crate::mentions::{EntityKind, Mention};
use crate::pos::Tag;
use crate::text::{Lowercase, Token};
use crate::Doc;

/// Who an attribution's source resolves to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Speaker {
    /// The canonical name within the document.
    pub name: String,
    /// Person, organisation or unknown.
    pub kind: EntityKind,
}

/// Resolves the speaker of every attribution of a document with tokens,
/// tags, mentions and attributions (None where nothing fits).
pub fn resolve(doc: &Doc) -> Vec<Option<Speaker>> {
    let (mentions, attributions) = (&doc.mentions[..], &doc.attributions[..]);
    let (tokens, tags, lc) = (&doc.tokens[..], &doc.pos[..], &doc.lower);
    let names = Names::new(doc, mentions);
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(attributions.len());
    let mut earlier = Earlier::default();
    // resolve in order (carry-overs come after their roots)
    for (i, a) in attributions.iter().enumerate() {
        let sp = if let Some(root) = a.carried_from {
            if root < i {
                out[root].clone()
            } else {
                None
            }
        } else if let Some((s, e)) = a.source_tokens {
            let src = Source {
                tokens,
                lc,
                tags,
                start: s as usize,
                end: e as usize,
            };
            resolve_source(&names, &src, &earlier, &out)
        } else {
            None
        };
        if let (Some(sp), Some(src)) = (&sp, a.source.first()) {
            earlier.add(sp.kind, src.end(), i);
        }
        out.push(sp);
    }
    out
}

/// The attributions resolved so far to a person or an organisation, by the
/// byte where their source ends (the earliest attribution on a tie): a
/// pronoun's nearest earlier speaker is one lookup, not a scan of every
/// attribution before it.
#[derive(Default)]
struct Earlier {
    person: std::collections::BTreeMap<usize, usize>,
    organization: std::collections::BTreeMap<usize, usize>,
}

impl Earlier {
    fn add(&mut self, kind: EntityKind, source_end: usize, attribution: usize) {
        let map = match kind {
            EntityKind::Person => &mut self.person,
            EntityKind::Organization => &mut self.organization,
            _ => return,
        };
        map.entry(source_end).or_insert(attribution);
    }

    /// The attribution of `kind` whose source ends last at or before `at`,
    /// with that end.
    fn nearest(&self, kind: EntityKind, at: usize) -> Option<(usize, usize)> {
        let map = match kind {
            EntityKind::Person => &self.person,
            EntityKind::Organization => &self.organization,
            _ => return None,
        };
        map.range(..=at).next_back().map(|(&end, &k)| (end, k))
    }
}

/// The mentions of a document with each one's canonical form: the longest
/// mention that ends with the same word ("Putin" → "Vladimir Putin"; titles
/// are not part of mentions), computed once.
struct Names<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    canon: Vec<usize>,
    doc: &'a Doc,
    /// Entity-tagger types of the mentions tagged so far (tagged lazily:
    /// only candidate antecedents of a pronoun).
    ner: std::cell::RefCell<FastMap<usize, Option<quotegraph_tagger::EntityType>>>,
}

impl<'a> Names<'a> {
    fn new(doc: &'a Doc, mentions: &'a [Mention]) -> Names<'a> {
        let text = doc.text();
        let last = |m: &Mention| m.span.slice(text).rsplit(' ').next().unwrap_or("");
        let words = |m: &Mention| m.span.slice(text).bytes().filter(|&b| b == b' ').count() + 1;
        let mut best: FastMap<&str, usize> = FastMap::default();
        for (i, m) in mentions.iter().enumerate() {
            if m.kind == EntityKind::Place {
                continue;
            }
            let e = best.entry(last(m)).or_insert(i);
            if words(&mentions[*e]) < words(m) {
                *e = i;
            }
        }
        let canon = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| match best.get(last(m)) {
                Some(&c) if m.kind != EntityKind::Place && words(&mentions[c]) >= words(m) => c,
                _ => i,
            })
            .collect();
        Names {
            text,
            mentions,
            canon,
            doc,
            ner: Default::default(),
        }
    }

    /// The entity type the trained tagger gives mention `i` (its first
    /// token). Only a window of the mention's sentence is tagged: the
    /// mention with a few words on each side, which is all the tagger's
    /// features look at near the name.
    fn tagged_type(&self, i: usize) -> Option<quotegraph_tagger::EntityType> {
        let doc = self.doc;
        let m = &self.mentions[i];
        let (tok, end) = (m.tokens.0 as usize, m.tokens.1 as usize);
        let si = doc
            .sentences
            .partition_point(|s| (s.end_token as usize) <= tok);
        let sentence = doc.sentences.get(si)?;
        let first = tok
            .saturating_sub(NER_CONTEXT_BEFORE)
            .max(sentence.first_token as usize);
        let last = (end + NER_CONTEXT_AFTER).min(sentence.end_token as usize);
        let mut cache = self.ner.borrow_mut();
        *cache.entry(i).or_insert_with(|| {
            let words: Vec<&str> = doc.tokens[first..last]
                .iter()
                .map(|t| t.span.slice(doc.text()))
                .collect();
            // one analysis of the words for both taggers
            let (mut pos, mut labels) = (Vec::new(), Vec::new());
            quotegraph_tagger::NerTagger::embedded().tag_with_pos(
                quotegraph_tagger::PosTagger::embedded(),
                &words,
                &mut pos,
                &mut labels,
            );
            labels.get(tok - first).and_then(|l| l.entity_type())
        })
    }

    fn canonical(&self, i: usize) -> &Mention {
        &self.mentions[self.canon[i]]
    }

    fn speaker(&self, i: usize) -> Speaker {
        let c = self.canonical(i);
        let m = &self.mentions[i];
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
            name: c.span.slice(self.text).to_string(),
            kind,
        }
    }

    /// Number of mentions that end at or before byte `at`.
    fn before(&self, at: usize) -> usize {
        self.mentions.partition_point(|m| m.span.end() <= at)
    }
}

/// The source mention's tokens.
struct Source<'a> {
    tokens: &'a [Token],
    lc: &'a Lowercase,
    tags: &'a [Tag],
    start: usize,
    end: usize,
}

fn resolve_source(
    names: &Names,
    src: &Source,
    earlier: &Earlier,
    resolved: &[Option<Speaker>],
) -> Option<Speaker> {
    let text = names.text;
    let (s, e, tokens, tags) = (src.start, src.end, src.tokens, src.tags);
    let start_byte = tokens[s].span.start();
    // 1. a name inside the source
    let first = names
        .mentions
        .partition_point(|m| (m.tokens.0 as usize) < s);
    if let Some(i) = (first..names.mentions.len())
        .take_while(|&i| (names.mentions[i].tokens.0 as usize) < e)
        .find(|&i| (names.mentions[i].tokens.1 as usize) <= e)
    {
        return Some(names.speaker(i));
    }
    let words: Vec<&str> = (s..e).map(|i| src.lc.get(i)).collect();
    // 2. a pronoun
    if words.len() == 1 {
        if let Some(pk) = lexicon::pronoun_kind(words[0]) {
            return resolve_pronoun(names, earlier, resolved, start_byte, pk);
        }
    }
    // 3. a nominal: "the group", "the ministry", "a spokesman for X"
    let head = (s..e)
        .rev()
        .find(|&i| tags[i].starts_with("NN"))
        .map(|i| src.lc.get(i));
    let head = head?;
    if lexicon::is_org_noun(head) && matches!(words[0], "the" | "this" | "that") {
        let n_before = names.before(start_byte);
        let described = (0..n_before)
            .rev()
            .find(|&i| names.mentions[i].description_head.as_deref() == Some(head));
        if let Some(i) = described {
            return Some(Speaker {
                kind: EntityKind::Organization,
                ..names.speaker(i)
            });
        }
        let org = (0..n_before)
            .rev()
            .find(|&i| names.mentions[i].kind == EntityKind::Organization);
        if let Some(i) = org {
            return Some(names.speaker(i));
        }
    }
    let kind = if lexicon::is_person_noun(head) {
        EntityKind::Person
    } else if lexicon::is_org_noun(head) {
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
    Some(Speaker { name, kind })
}

/// Words of context tagged with a name before and after it.
const NER_CONTEXT_BEFORE: usize = 6;
const NER_CONTEXT_AFTER: usize = 5;

/// How far back (in bytes) a pronoun looks for a named antecedent; further
/// back only earlier speakers count.
const MAX_ANTECEDENT_BYTES: usize = 1000;

fn resolve_pronoun(
    names: &Names,
    earlier: &Earlier,
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
    if pk == PronounKind::Second {
        return None; // "you" stands for no one named before it
    }
    // nearest earlier candidate: a resolved speaker or a name mention
    // the nearest resolved speaker before `at` (index only; cloned once)
    let wanted = if wants(EntityKind::Person) {
        EntityKind::Person
    } else {
        EntityKind::Organization
    };
    let nearest = earlier.nearest(wanted, at);
    let mut best: Option<(usize, Speaker)> =
        nearest.and_then(|(end, k)| resolved[k].clone().map(|s| (end, s)));
    for i in (0..names.before(at)).rev() {
        let m = &names.mentions[i];
        if best.as_ref().is_some_and(|(b, _)| m.span.end() <= *b) {
            break;
        }
        // antecedents of a pronoun are near it; this also bounds the tagging work
        if m.span.end() + MAX_ANTECEDENT_BYTES < at {
            break;
        }
        let c = names.canonical(i);
        // a name of the other gender is never the antecedent, whatever its
        // type: checked first, as it costs no tagging
        if !gender_fits(names.text, c, pk) {
            continue;
        }
        let k = c.kind;
        // an untyped name: ask the trained entity tagger what it is
        let k = if k == EntityKind::Unknown {
            match names.tagged_type(i) {
                Some(quotegraph_tagger::EntityType::Person) => EntityKind::Person,
                Some(quotegraph_tagger::EntityType::Organization) => EntityKind::Organization,
                Some(quotegraph_tagger::EntityType::Location) => EntityKind::Place,
                _ => EntityKind::Unknown,
            }
        } else {
            k
        };
        if wants(k) {
            best = Some((
                m.span.end(),
                Speaker {
                    kind: k,
                    ..names.speaker(i)
                },
            ));
            break;
        }
    }
    best.map(|(_, s)| s)
}

/// False when the name's first word is a first name of the other gender.
fn gender_fits(text: &str, m: &Mention, pk: PronounKind) -> bool {
    let first = m
        .span
        .slice(text)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    match pk {
        PronounKind::Male => !lexicon::is_female_first_name(&first),
        PronounKind::Female => !lexicon::is_male_first_name(&first),
        _ => true,
    }
}
