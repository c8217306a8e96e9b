//! The mention stage: names of people and organisations, and their
//! appositive descriptions ("Siziy, a former customs official").
//!
//! A mention is a run of capitalised words outside quotations (titles such
//! as "Mr." or "President" kept apart from the name), typed by its words:
//! organisation words ("Council", "Party", "Ministry"), person evidence
//! (a title, a first name followed by a surname, a "he"/"she" that refers
//! back to it). Typing is refined when the entity tagger is available.

use crate::entities::EntityKind;
use crate::fasthash::WordSet;
use crate::pos::{self, Tag};
use crate::text::{Lowercase, Token, TokenKind};
use crate::Span;

/// A name mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name (titles excluded).
    pub span: Span,
    /// Token range of the name.
    pub tokens: (u32, u32),
    /// Titles or premodifiers before the name ("Russian President").
    pub title: Option<Span>,
    /// An appositive description after the name ("a Russian opposition group based in Poland").
    pub description: Option<Span>,
    /// The head noun of the description, lowercase ("group").
    pub description_head: Option<String>,
    /// The kind its words suggest (`None`: not known). The entity layer
    /// ([`crate::entities`]) decides kinds with the trained tagger; this
    /// guess only feeds the attribution rules.
    pub kind: Option<EntityKind>,
}

static ORG_WORDS: WordSet = WordSet::new(&[
    "council",
    "party",
    "committee",
    "ministry",
    "department",
    "battalion",
    "brigade",
    "legion",
    "army",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co.",
    "llc",
    "ltd",
    "news",
    "times",
    "post",
    "journal",
    "association",
    "union",
    "group",
    "campaign",
    "foundation",
    "institute",
    "university",
    "college",
    "agency",
    "service",
    "services",
    "office",
    "network",
    "bank",
    "fund",
    "court",
    "commission",
    "board",
    "house",
    "senate",
    "congress",
    "parliament",
    "kremlin",
    "pentagon",
    "government",
    "administration",
    "coalition",
    "alliance",
    "front",
    "movement",
    "church",
    "club",
    "center",
    "centre",
    "federation",
    "organization",
    "organisation",
    "press",
    "tribune",
    "herald",
    "company",
    "media",
    "television",
    "radio",
    "magazine",
    "review",
    "daily",
    "weekly",
    "nations",
    "bureau",
    "police",
    "guard",
    "forces",
    "force",
    "navy",
    "reuters",
    "nato",
    "fbi",
    "cia",
    "gop",
    "dnc",
    "rnc",
    "cnn",
    "msnbc",
    "nbc",
    "abc",
    "cbs",
    "bbc",
    "ap",
    "afp",
    "isis",
    "hamas",
    "hezbollah",
    "taliban",
    "un",
    "eu",
    "council's",
]);

static PLACE_WORDS: WordSet = WordSet::new(&[
    "ukraine",
    "russia",
    "poland",
    "moscow",
    "siberia",
    "kyiv",
    "kiev",
    "america",
    "united",
    "states",
    "china",
    "iran",
    "iraq",
    "syria",
    "israel",
    "germany",
    "france",
    "britain",
    "england",
    "europe",
    "asia",
    "africa",
    "mexico",
    "canada",
    "japan",
    "india",
    "washington",
    "york",
    "california",
    "texas",
    "florida",
    "ohio",
    "chicago",
    "london",
    "paris",
    "berlin",
    "beijing",
    "belgium",
    "chechnya",
    "yakutia",
    "caucasus",
    "petersburg",
    "turkey",
    "korea",
    "pakistan",
    "afghanistan",
    "virginia",
    "carolina",
    "pennsylvania",
    "michigan",
    "iowa",
    "nevada",
    "arizona",
    "georgia",
    "wisconsin",
    "minnesota",
    "colorado",
    "u.s.",
    "us",
    "uk",
    "u.k.",
    "federation",
]);

fn capitalised(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.span
            .slice(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Finds name mentions. `sentence_start[i]` marks the first token of each sentence.
pub fn find_mentions(
    text: &str,
    tokens: &[Token],
    lc: &Lowercase,
    tags: &[Tag],
    sentence_start: &[bool],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !capitalised(text, &tokens[i])
            || !pos::is_proper(tags[i]) && !crate::lexicon::is_title_word(lc.get(i))
        {
            i += 1;
            continue;
        }
        // titles first: "Russian President", "Mr.", "Sen."
        let start = i;
        let mut j = i;
        while j < tokens.len()
            && capitalised(text, &tokens[j])
            && (crate::lexicon::is_title_word(lc.get(j)) || is_nationality(lc.get(j)))
            && j + 1 < tokens.len()
            && capitalised(text, &tokens[j + 1])
        {
            j += 1;
        }
        let name_start = j;
        // the name: capitalised proper nouns, with "of", "for", "the" inside organisation names
        while j < tokens.len() {
            let name_word = capitalised(text, &tokens[j])
                && (pos::is_proper(tags[j]) || j == name_start)
                && !(j > name_start && sentence_start[j]);
            let inner_word = j > name_start
                && matches!(lc.get(j), "of" | "for" | "and" | "&")
                && j + 1 < tokens.len()
                && capitalised(text, &tokens[j + 1])
                && pos::is_proper(tags[j + 1])
                && is_org_name(lc, name_start, j);
            if name_word || inner_word {
                j += 1;
            } else {
                break;
            }
        }
        if j == name_start {
            i = j.max(i + 1);
            continue;
        }
        let name_toks = &tokens[name_start..j];
        let first_lower = lc.get(name_start);
        // skip sentence-initial function words tagged as names
        if sentence_start[name_start] && j - name_start == 1 && is_common_sentence_word(first_lower)
        {
            i = j;
            continue;
        }
        let span = name_toks[0].span.cover(name_toks[name_toks.len() - 1].span);
        let title =
            (name_start > start).then(|| tokens[start].span.cover(tokens[name_start - 1].span));
        let kind = guess_kind(text, tokens, lc, name_start, j, start < name_start);
        // "The Civic Council": the article is not part of the name
        let (description, description_head) = apposition(text, tokens, lc, tags, j);
        out.push(Mention {
            span,
            tokens: (name_start as u32, j as u32),
            title,
            description,
            description_head,
            kind,
        });
        i = j;
    }
    out
}

fn is_nationality(w: &str) -> bool {
    w.ends_with("ian")
        || w.ends_with("ese")
        || w.ends_with("ish")
        || matches!(
            w,
            "american"
                | "french"
                | "greek"
                | "dutch"
                | "thai"
                | "iraqi"
                | "israeli"
                | "democratic"
                | "republican"
        )
}

fn is_common_sentence_word(w: &str) -> bool {
    matches!(
        w,
        "currently"
            | "despite"
            | "many"
            | "most"
            | "some"
            | "others"
            | "places"
            | "secondly"
            | "first"
            | "everyone"
            | "taking"
            | "ukrainians"
            | "yesterday"
            | "today"
            | "meanwhile"
            | "still"
            | "instead"
            | "asked"
            | "yes"
            | "no"
    )
}

fn is_org_name(lc: &Lowercase, a: usize, b: usize) -> bool {
    (a..b).any(|i| ORG_WORDS.contains(lc.get(i)))
}

fn guess_kind(
    text: &str,
    tokens: &[Token],
    lc: &Lowercase,
    a: usize,
    b: usize,
    titled: bool,
) -> Option<EntityKind> {
    let words: Vec<&str> = (a..b).map(|i| lc.get(i)).collect();
    if words.iter().any(|w| ORG_WORDS.contains(w)) {
        return Some(EntityKind::Organization);
    }
    let raw = tokens[a].span.slice(text);
    if b - a == 1
        && raw.len() >= 2
        && raw.chars().all(|c| c.is_uppercase() || c == '.')
        && !PLACE_WORDS.contains(words[0])
    {
        return Some(EntityKind::Organization); // an acronym
    }
    if words.iter().all(|w| {
        PLACE_WORDS.contains(w)
            || *w == "st."
            || *w == "the"
            || *w == "north"
            || *w == "south"
            || *w == "new"
    }) && words.iter().any(|w| PLACE_WORDS.contains(w))
    {
        return Some(EntityKind::Place);
    }
    if titled || crate::lexicon::is_first_name(words[0]) {
        return Some(EntityKind::Person);
    }
    None
}

/// An apposition right after a name: ", a former customs official turned medic," or
/// ", a Russian opposition group based in Poland,".
fn apposition(
    text: &str,
    tokens: &[Token],
    lc: &Lowercase,
    tags: &[Tag],
    end: usize,
) -> (Option<Span>, Option<String>) {
    if tokens.get(end).is_none_or(|t| t.span.slice(text) != ",") {
        return (None, None);
    }
    let start = end + 1;
    if start >= tokens.len() {
        return (None, None);
    }
    if !matches!(lc.get(start), "a" | "an" | "the") && tags[start] != "JJ" {
        return (None, None);
    }
    let mut j = start;
    let mut head: Option<String> = None;
    while j < tokens.len() && j - start < 16 {
        let w = tokens[j].span.slice(text);
        if matches!(w, "," | "." | ";" | ")" | "—" | "–") || tokens[j].kind == TokenKind::Quote
        {
            break;
        }
        if head.is_none()
            && (tags[j] == "IN"
                || tags[j] == "VBN"
                || tags[j] == "VBD"
                || w == "turned"
                || w == "who"
                || w == "that")
            && j > start + 1
        {
            head = Some(lc.get(j - 1).to_string());
        }
        j += 1;
    }
    if j == start + 1 {
        return (None, None);
    }
    let head = head.unwrap_or_else(|| lc.get(j - 1).to_string());
    (
        Some(tokens[start].span.cover(tokens[j - 1].span)),
        Some(head),
    )
}
