//! Transcripts: paragraphs that open with a speaker's label and a colon
//! ("WALLACE: Let’s start with…", "KATE BOLDUAN: Why not debate?").
//!
//! Each such paragraph is a turn, and a turn is an attribution: the label
//! is its source, the colon its cue, the rest of the paragraph its
//! content (PolNeAR annotates transcripts so). A document is read as a
//! transcript when at least three paragraphs open with a label and one
//! label comes back, so that a lone "CORRECTION:" or "UPDATE:" is not a
//! speaker; labels are one to three words in capitals, never one of the
//! editorial words news puts in capitals ([`NOT_SPEAKERS`]).
//!
//! An attribution found by the rules over the turns from outside them
//! ("Partial transcript as follows:" taking the whole transcript as its
//! content) gives way to the turns; attributions inside a turn stay.

use crate::attribution::{Attribution, AttributionType};
use crate::lexicon::CueClass;
use crate::text::TokenKind;
use crate::{Doc, Span};

/// Capitalised words that open a paragraph with a colon without naming a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "correction",
    "update",
    "updated",
    "note",
    "editor",
    "editors",
    "byline",
    "photo",
    "video",
    "watch",
    "read",
    "related",
    "breaking",
    "exclusive",
    "previously",
    "email",
    "source",
    "sources",
    "disclosure",
    "warning",
    "look",
    "busted",
    "boom",
    "q",
    "a",
];

/// One turn of a transcript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Turn {
    /// The paragraph.
    pub paragraph: usize,
    /// The label's tokens `start..end`.
    pub label: (usize, usize),
    /// The colon's token.
    pub colon: usize,
    /// The rest of the paragraph.
    pub content: Span,
}

/// The turns of a document with paragraphs and tokens; empty when it is no transcript.
pub fn turns(doc: &Doc) -> Vec<Turn> {
    let text = doc.text();
    let toks = &doc.tokens;
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let mut first = toks.partition_point(|t| t.span.end() <= p.span.start());
        while first < toks.len() && toks[first].kind == TokenKind::Quote {
            first += 1;
        }
        let in_par = |k: usize| k < toks.len() && toks[k].span.start() < p.span.end();
        let Some(colon) = (first..first + 4)
            .take_while(|&k| in_par(k))
            .find(|&k| doc.lower.get(k) == ":")
        else {
            continue;
        };
        if colon == first {
            continue;
        }
        let label_ok = (first..colon).all(|k| {
            let w = toks[k].span.slice(text);
            toks[k].kind == TokenKind::Word
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
                && !NOT_SPEAKERS.contains(&doc.lower.get(k).trim_end_matches('.'))
        });
        // the turn's words: the rest of the paragraph, a trailing unmatched mark left out
        let mut end = toks.partition_point(|t| t.span.start() < p.span.end());
        while end > colon + 1 && toks[end - 1].kind == TokenKind::Quote {
            end -= 1;
        }
        if !label_ok || end <= colon + 1 {
            continue;
        }
        out.push(Turn {
            paragraph: pi,
            label: (first, colon),
            colon,
            content: toks[colon + 1].span.cover(toks[end - 1].span),
        });
    }
    let label = |t: &Turn| {
        toks[t.label.0]
            .span
            .cover(toks[t.label.1 - 1].span)
            .slice(text)
            .to_string()
    };
    let repeated = out
        .iter()
        .enumerate()
        .any(|(i, t)| out[i + 1..].iter().any(|u| label(u) == label(t)));
    if out.len() < 3 || !repeated {
        out.clear();
    }
    out
}

/// Makes every turn of a transcript an attribution and drops the
/// attributions that took turns as their content from outside them.
/// Keeps `atts` sorted by first content span and `carried_from` right.
pub fn add_turns(doc: &Doc, atts: &mut Vec<Attribution>) {
    let turns = turns(doc);
    if turns.is_empty() {
        return;
    }
    let in_turn = |s: Span| {
        turns
            .iter()
            .any(|t| t.content.start() <= s.start() && s.end() <= t.content.end())
    };
    let inside_turns = |a: &Attribution| {
        let sourced_inside =
            a.source.iter().chain(&a.cue).all(|&s| in_turn(s)) && !a.cue.is_empty();
        let covers = a.content.iter().any(|c| {
            turns
                .iter()
                .any(|t| c.start() <= t.content.start() && t.content.end() <= c.end())
        });
        !sourced_inside && covers
    };
    // drop the overreaching ones (and what carries from them)
    let keep: Vec<bool> = atts.iter().map(|a| !inside_turns(a)).collect();
    let keep: Vec<bool> = atts
        .iter()
        .enumerate()
        .map(|(i, a)| keep[i] && a.carried_from.is_none_or(|r| keep[r]))
        .collect();
    let mut old: Vec<(Attribution, Option<usize>)> = Vec::new();
    for (i, a) in std::mem::take(atts).into_iter().enumerate() {
        if keep[i] {
            old.push((a, Some(i)));
        }
    }
    for t in &turns {
        let source = doc.tokens[t.label.0]
            .span
            .cover(doc.tokens[t.label.1 - 1].span);
        let cue = doc.tokens[t.colon].span;
        let kind = AttributionType::Direct;
        old.push((
            Attribution {
                kind,
                source: vec![source],
                source_description: Vec::new(),
                source_tokens: Some((t.label.0 as u32, t.label.1 as u32)),
                cue: vec![cue],
                cue_class: Some(CueClass::Say),
                content: vec![t.content],
                carried_from: None,
            },
            None,
        ));
    }
    old.sort_by_key(|(a, _)| a.content.first().map_or(0, |c| c.start()));
    let mut new_index = vec![usize::MAX; keep.len()];
    for (n, (_, o)) in old.iter().enumerate() {
        if let Some(o) = o {
            new_index[*o] = n;
        }
    }
    atts.extend(old.into_iter().map(|(mut a, _)| {
        a.carried_from = a.carried_from.map(|r| new_index[r]);
        a
    }));
}

#[cfg(test)]
mod tests {
    use crate::schema::OutDocument;
    use crate::Pipeline;

    #[test]
    fn turns_are_attributions() {
        let text = "Partial transcript as follows:\n\n\"WALLACE: Why would he do that?\n\n\"PENCE: Well, look, this is serious business.\n\n\"WALLACE: If I may, sir.\n\n\"PENCE: Of course.\n";
        let doc = Pipeline::default().annotate(text).unwrap();
        let out = OutDocument::from_doc("t", &doc);
        let rows: Vec<(String, String)> = out
            .attributions
            .iter()
            .map(|a| (a.source[0].text.clone(), a.content[0].text.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("WALLACE".to_string(), "Why would he do that?".to_string()),
                (
                    "PENCE".into(),
                    "Well, look, this is serious business.".into()
                ),
                ("WALLACE".into(), "If I may, sir.".into()),
                ("PENCE".into(), "Of course.".into()),
            ]
        );
    }

    #[test]
    fn a_correction_is_no_transcript() {
        let text =
            "CORRECTION: An earlier version misspelled a name.\n\nSokolov said the war must end.\n";
        let doc = Pipeline::default().annotate(text).unwrap();
        assert!(super::turns(&doc).is_empty());
    }
}
