//! The part-of-speech layer.
//!
//! Tags are Penn Treebank tags. [`tag_heuristic`] is a closed-class word
//! list with suffix rules: enough for the attribution rules to tell a verb
//! from a noun in the common cases. A trained tagger replaces it where one
//! is available (see the learned-attribution work).

use crate::text::{Lowercase, Token, TokenKind};

/// A Penn Treebank tag.
pub type Tag = &'static str;

fn closed_class(lower: &str) -> Option<Tag> {
    Some(match lower {
        "the" | "a" | "an" | "this" | "these" | "those" | "every" | "each" | "no" | "any"
        | "some" | "all" | "both" | "another" | "either" | "neither" => "DT",
        "i" | "you" | "he" | "she" | "it" | "we" | "they" | "me" | "him" | "us" | "them"
        | "himself" | "herself" | "itself" | "themselves" | "ourselves" | "myself" => "PRP",
        "my" | "your" | "his" | "her" | "its" | "our" | "their" => "PRP$",
        "of" | "in" | "on" | "at" | "by" | "for" | "with" | "from" | "about" | "into" | "over"
        | "after" | "before" | "during" | "under" | "against" | "between" | "through"
        | "without" | "within" | "among" | "since" | "because" | "if" | "while" | "although"
        | "though" | "whether" | "than" | "as" | "like" | "upon" | "toward" | "towards"
        | "despite" | "per" | "via" | "amid" | "across" | "behind" | "near" | "unless"
        | "until" | "that" => "IN",
        "and" | "or" | "but" | "nor" | "yet" | "plus" => "CC",
        "to" => "TO",
        "will" | "would" | "can" | "could" | "should" | "may" | "might" | "must" | "shall"
        | "ca" | "wo" => "MD",
        "is" | "'s" | "’s" | "has" | "does" => "VBZ",
        "are" | "am" | "'re" | "’re" | "have" | "'ve" | "’ve" | "do" => "VBP",
        "was" | "were" | "had" | "did" => "VBD",
        "be" => "VB",
        "been" => "VBN",
        "being" => "VBG",
        "not" | "n't" | "n’t" | "also" | "never" | "now" | "then" | "still" | "just" | "only"
        | "even" | "already" | "later" | "again" | "very" | "too" | "so" | "however" | "here"
        | "there" | "often" | "ever" | "soon" | "once" | "instead" | "rather" | "quite"
        | "almost" | "perhaps" | "currently" | "recently" | "previously" | "first" | "finally"
        | "initially" | "eventually" | "earlier" | "meanwhile" | "repeatedly" | "publicly"
        | "privately" | "reportedly" | "frequently" => "RB",
        "who" | "what" | "whom" | "whoever" => "WP",
        "whose" => "WP$",
        "which" => "WDT",
        "when" | "where" | "why" | "how" => "WRB",
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        | "dozen" | "hundred" | "thousand" | "million" | "billion" => "CD",
        _ => return None,
    })
}

/// Tags one sentence's tokens with the built-in heuristic tagger. `lc` holds
/// the lowercase forms of the document's tokens; `first` is the index of
/// the sentence's first token in it.
pub fn tag_heuristic(
    text: &str,
    tokens: &[Token],
    lc: &Lowercase,
    first: usize,
    out: &mut Vec<Tag>,
) {
    for (i, t) in tokens.iter().enumerate() {
        let w = t.span.slice(text);
        let tag: Tag = match t.kind {
            TokenKind::Number => "CD",
            TokenKind::Quote => "``",
            TokenKind::Punct => match w {
                "," => ",",
                "." | "?" | "!" | "..." | "…" => ".",
                ":" | ";" | "--" | "—" | "–" | "-" => ":",
                "(" | "[" => "-LRB-",
                ")" | "]" => "-RRB-",
                "$" | "€" | "£" => "$",
                _ => "SYM",
            },
            TokenKind::Word => {
                let lower = lc.get(first + i);
                if (lower == "'s" || lower == "’s") && i > 0 {
                    // possessive after a noun, verb after a pronoun
                    let prev = lc.get(first + i - 1);
                    if closed_class(prev) == Some("PRP") {
                        "VBZ"
                    } else {
                        "POS"
                    }
                } else if let Some(tag) = closed_class(lower) {
                    tag
                } else if w.chars().next().is_some_and(char::is_uppercase) {
                    if w.chars().all(|c| !c.is_lowercase()) && w.len() > 1 && w.ends_with('S') {
                        "NNPS"
                    } else {
                        "NNP"
                    }
                } else if let Some(v) = crate::lexicon::reporting_verb(lower) {
                    if lower == v.lemma {
                        "VBP"
                    } else if lower.ends_with("ing") {
                        "VBG"
                    } else if lower.ends_with('s') {
                        "VBZ"
                    } else {
                        "VBD"
                    }
                } else if lower.ends_with("ly") {
                    "RB"
                } else if lower.ends_with("ing") {
                    "VBG"
                } else if lower.ends_with("ed") {
                    "VBD"
                } else if lower.ends_with('s') && !lower.ends_with("ss") {
                    "NNS"
                } else {
                    "NN"
                }
            }
        };
        out.push(tag);
    }
}

/// True for verb tags.
pub fn is_verb(tag: Tag) -> bool {
    tag.starts_with("VB") || tag == "MD"
}

/// True for noun tags (common or proper).
pub fn is_noun(tag: Tag) -> bool {
    tag.starts_with("NN")
}

/// True for proper-noun tags.
pub fn is_proper(tag: Tag) -> bool {
    tag.starts_with("NNP")
}
