//! Figures: the numbers a claim rests on, with what they count, the clause
//! that says something about them and the attribution (and so the speaker)
//! that claims them.
//!
//! A number expression ([`crate::numbers`]) is a figure unless it is part
//! of a date, a time ("3:30", "8 p.m."), a phone number, a name ("Channel
//! 4", "Proposition 64", a number inside a tagged name), a year, an age
//! after a name ("Trump, 70,") or the bare word "one" ("one thing to die
//! for"). Ordinals are never read as numbers.
//!
//! What it counts: the head noun after it ("50 *fighters*", "2,000 police
//! *officers*"), or after "of" ("a third of *voters*", "24 percent of
//! Hillary Clinton's *contributors*"). With no noun ("40 awaiting
//! clearance", "40 of them") the count carries over from the figure before
//! it in the same paragraph, if that one counted something.

use quotegraph_core::text::TokenKind;
use quotegraph_core::{Doc, Span};
use quotegraph_tagger::PosTag;

use crate::numbers::{self, NumberExpr, Unit};
use crate::words;

/// A figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The number with its qualifier and unit, and the counted noun phrase
    /// when it follows directly ("more than 50 fighters").
    pub span: Span,
    /// The number expression alone ("more than 50").
    pub number: Span,
    /// The value (the low end of a range; 0.333… for "a third").
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// "about", "more than", "dozens".
    pub approximate: bool,
    /// Count, percent, points or a currency.
    pub unit: Unit,
    /// The counted noun, lowercase ("fighters").
    pub counts: Option<String>,
    /// The counted noun was carried over from an earlier figure.
    pub counts_carried: bool,
    /// The clause saying what about them ("in training or battling").
    pub about: Option<Span>,
    /// The attribution whose content holds the figure (index into `doc.attributions`).
    pub attribution: Option<usize>,
}

const NAME_BEFORE: &[&str] = &[
    "no.",
    "no",
    "number",
    "#",
    "section",
    "article",
    "chapter",
    "page",
    "room",
    "suite",
    "route",
    "highway",
    "interstate",
    "flight",
    "vol.",
    "episode",
    "season",
    "amendment",
    "proposition",
    "prop.",
    "district",
    "precinct",
    "ward",
    "title",
    "channel",
    "rule",
    "form",
    "grade",
    "level",
    "phase",
    "category",
    "model",
    "version",
    "act",
    "unit",
];

const TIME_AFTER: &[&str] = &[
    "a.m.", "p.m.", "am", "pm", "o'clock", "a.m", "p.m", "est", "et", "gmt", "utc",
];

/// Finds the figures of `doc`. `in_date` marks tokens inside date expressions.
pub fn find(doc: &Doc, pos: &[PosTag], in_date: &[bool], in_name: &[bool]) -> Vec<Figure> {
    let text = doc.text();
    let mut out: Vec<Figure> = Vec::new();
    let mut last_counts: Option<(u32, String)> = None; // (paragraph, noun)
                                                       // the next token a number can be built around, from each token on
    let n = doc.tokens.len();
    let mut next_numberish = vec![usize::MAX; n + 1];
    for k in (0..n).rev() {
        next_numberish[k] = if numbers::numberish(doc, k) {
            k
        } else {
            next_numberish[k + 1]
        };
    }
    // for each sentence, the attributions whose content overlaps it, in
    // order: a figure's attribution is among them (long documents stay linear)
    let mut in_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for (a, att) in doc.attributions.iter().enumerate() {
        for c in &att.content {
            let lo = doc.sentences.partition_point(|s| s.span.end() <= c.start());
            for list in in_sentence[lo..].iter_mut().zip(&doc.sentences[lo..]) {
                if list.1.span.start() >= c.end() {
                    break;
                }
                if list.0.last() != Some(&a) {
                    list.0.push(a);
                }
            }
        }
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        let (first, end) = (s.first_token as usize, s.end_token as usize);
        if last_counts.as_ref().is_some_and(|(p, _)| *p != s.paragraph) {
            last_counts = None;
        }
        let mut i = first;
        while i < end {
            let next = next_numberish[i];
            if next >= end {
                break;
            }
            if next > i + numbers::NUMBERISH_WINDOW {
                i = next - numbers::NUMBERISH_WINDOW;
            }
            if in_date[i] || in_name[i] {
                i += 1;
                continue;
            }
            let Some(n) = numbers::read(doc, i, end) else {
                i += 1;
                continue;
            };
            if (n.start..n.end).any(|k| in_date[k] || in_name[k])
                || !is_figure(doc, pos, &n, first, end)
            {
                i = n.end.max(i + 1);
                continue;
            }
            let (counts, counted_end) = counted(doc, pos, &n, end);
            let mut carried = false;
            let counts = match counts {
                Some(c) => Some(c),
                None if n.unit == Unit::Count && !n.fraction => {
                    carried = last_counts.is_some();
                    last_counts.as_ref().map(|(_, c)| c.clone())
                }
                None => None,
            };
            if let (Some(c), Unit::Count) = (&counts, n.unit) {
                last_counts = Some((s.paragraph, c.clone()));
            }
            let span_end = counted_end.unwrap_or(n.end);
            let span = doc.tokens[n.start]
                .span
                .cover(doc.tokens[span_end - 1].span);
            let about = about(doc, pos, n.start, span_end, first, end);
            let attribution = in_sentence[si]
                .iter()
                .copied()
                .find(|&a| doc.attributions[a].content.iter().any(|c| c.contains(span)));
            out.push(Figure {
                span,
                number: doc.tokens[n.start].span.cover(doc.tokens[n.end - 1].span),
                value: n.value,
                high: n.high,
                approximate: n.approximate,
                unit: n.unit,
                counts,
                counts_carried: carried,
                about,
                attribution,
            });
            i = span_end;
        }
    }
    let _ = text;
    out
}

fn is_figure(doc: &Doc, pos: &[PosTag], n: &NumberExpr, first: usize, end: usize) -> bool {
    if n.bare_one {
        return false;
    }
    // the number token itself (after qualifier and currency sign)
    let core = (n.start..n.end)
        .find(|&k| {
            doc.tokens[k].kind == TokenKind::Number
                || numbers::word_value(doc.lower.get(k)).is_some()
        })
        .unwrap_or(n.start);
    let w = doc.tokens[core].span.slice(doc.text());
    let prev = if core > first {
        doc.lower.get(core - 1)
    } else {
        ""
    };
    let next = if n.end < end {
        doc.lower.get(n.end)
    } else {
        ""
    };
    // a year standing alone (dates are found first; this catches the rest)
    if doc.tokens[core].kind == TokenKind::Number
        && w.len() == 4
        && !w.contains([',', '.'])
        && n.unit == Unit::Count
        && n.end == core + 1
        && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
    {
        return false;
    }
    if TIME_AFTER.contains(&next) || w.contains(':') {
        return false;
    }
    // 9/11, 3/4: dates, names or fractions written with a slash
    if next == "/" || prev == "/" {
        return false;
    }
    // ages ("at age 94") and rankings ("the top three")
    if matches!(prev, "age" | "aged" | "top") && n.start == core {
        return false;
    }
    // "the two" standing for people already named: "between the two", "the two of them"
    if prev == "the" && n.start == core && n.unit == Unit::Count && !n.fraction {
        let noun_next = n.end < end
            && (pos[n.end].is_noun() || pos[n.end].is_adjective() || pos[n.end] == PosTag::Vbg);
        let of_them = next == "of" && n.end + 1 < end && pos[n.end + 1] == PosTag::Prp;
        if !noun_next || of_them {
            return false;
        }
    }
    if NAME_BEFORE.contains(&prev) && n.start == core {
        return false;
    }
    // phone numbers: (202) 555-0100
    if prev == "(" && doc.tokens[core].kind == TokenKind::Number && w.len() == 3 && next == ")" {
        return false;
    }
    // a number after a capitalised name word, not at the sentence start: "Channel 4", "Fox 5"
    if n.start == core
        && core > first + 1
        && pos[core - 1] == PosTag::Nnp
        && !["$", "£", "€"].contains(&prev)
    {
        let pw = doc.tokens[core - 1].span.slice(doc.text());
        if words::is_capitalised(pw) && !pw.ends_with('.') {
            return false;
        }
    }
    // an address or name after the number: "1600 Pennsylvania Avenue"
    if n.unit == Unit::Count
        && n.end < end
        && pos[n.end] == PosTag::Nnp
        && doc.tokens[core].kind == TokenKind::Number
    {
        return false;
    }
    // an age between commas after a name: "Trump, 70, said"
    if prev == ","
        && next == ","
        && core >= first + 2
        && pos[core - 2].is_proper_noun()
        && n.unit == Unit::Count
        && n.value < 120.0
    {
        return false;
    }
    true
}

/// The counted noun and the end of its noun phrase, when it follows.
fn counted(
    doc: &Doc,
    pos: &[PosTag],
    n: &NumberExpr,
    end: usize,
) -> (Option<String>, Option<usize>) {
    // a compound modifier ("120-room hotel") counts nothing
    if doc.tokens[n.end - 1].kind == TokenKind::Word && doc.lower.get(n.end - 1).contains('-') {
        return (None, None);
    }
    let mut k = n.end;
    let via_of = k < end && doc.lower.get(k) == "of";
    if via_of {
        k += 1;
        // a possessor: "two of the convention ’s breakfasts"
        let mut p = k;
        while p < end && matches!(pos[p], PosTag::Dt | PosTag::Nn | PosTag::Nns | PosTag::Jj) {
            p += 1;
        }
        if p > k && p < end && pos[p] == PosTag::Pos {
            k = p + 1;
        }
        // "24 percent of Hillary Clinton ’s contributors", "40 of the fighters"
        while k < end
            && matches!(
                pos[k],
                PosTag::Dt | PosTag::PrpS | PosTag::Nnp | PosTag::Nnps | PosTag::Pos
            )
        {
            if pos[k].is_proper_noun()
                && !(k + 1 < end && (pos[k + 1] == PosTag::Pos || pos[k + 1].is_proper_noun()))
            {
                break;
            }
            k += 1;
        }
    } else if n.unit != Unit::Count {
        return (None, None);
    }
    // adjectives and participles before the noun: "50 Russian fighters", "40 armed men"
    while k < end
        && (pos[k].is_adjective()
            || (matches!(pos[k], PosTag::Vbn | PosTag::Vbg | PosTag::Vbd)
                && k + 1 < end
                && matches!(
                    pos[k + 1],
                    PosTag::Nns | PosTag::Nnps | PosTag::Nnp | PosTag::Jj
                ))
            || (pos[k] == PosTag::Nnp
                && k + 1 < end
                && pos[k + 1].is_noun()
                && !pos[k + 1].is_proper_noun())
            || (pos[k] == PosTag::Cd && via_of))
    {
        k += 1;
    }
    let mut head = None;
    while k < end
        && (matches!(pos[k], PosTag::Nn | PosTag::Nns | PosTag::Nnps)
            || (pos[k] == PosTag::Nnp
                && words::is_lower(doc.lower.get(k), doc.tokens[k].span.slice(doc.text()))))
    {
        let w = doc.lower.get(k);
        if matches!(w, "percent" | "%" | "times" | "year" | "years" | "time")
            && head.is_none()
            && !via_of
        {
            break;
        }
        head = Some(k);
        k += 1;
    }
    match head {
        // a unit noun read as counted: "dollars", "percent" are units
        Some(h) => (Some(doc.lower.get(h).to_string()), Some(h + 1)),
        None => (None, None),
    }
}

/// The clause about the figure: what follows it up to the clause's end
/// (less a leading "are"/"is"), when it starts with a verb or a
/// preposition; else the clause before it when that has a verb.
fn about(
    doc: &Doc,
    pos: &[PosTag],
    start: usize,
    end: usize,
    first: usize,
    sent_end: usize,
) -> Option<Span> {
    let stop = |k: usize| {
        matches!(
            doc.lower.get(k),
            "," | ";" | ":" | "—" | "–" | "--" | "(" | ")"
        ) || pos[k] == PosTag::Period
            || pos[k] == PosTag::OpenQuote
            || pos[k] == PosTag::CloseQuote
            || matches!(doc.lower.get(k), "while" | "whereas")
    };
    let object = start > first
        && (pos[start - 1].is_verb()
            || (pos[start - 1] == PosTag::Dt && start > first + 1 && pos[start - 2].is_verb()));
    let mut a = end;
    while a < sent_end
        && words::BE.contains(&doc.lower.get(a))
        && a + 1 < sent_end
        && !pos[a + 1].is_verb()
    {
        a += 1;
    }
    let mut b = a;
    while b < sent_end && !stop(b) {
        b += 1;
    }
    if !object
        && b > a
        && (pos[a].is_verb()
            || matches!(pos[a], PosTag::Md | PosTag::In | PosTag::Rb)
            || words::BE.contains(&doc.lower.get(a)))
    {
        return Some(doc.tokens[a].span.cover(doc.tokens[b - 1].span));
    }
    // before: from the clause start to the figure
    let mut c = start;
    while c > first && !stop(c - 1) {
        c -= 1;
    }
    if c < start && (c..start).any(|k| pos[k].is_verb()) {
        let mut e = start;
        // drop a trailing preposition or determiner left before the figure
        while e > c && matches!(pos[e - 1], PosTag::Dt) {
            e -= 1;
        }
        return (e > c).then(|| doc.tokens[c].span.cover(doc.tokens[e - 1].span));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    fn figs(text: &str) -> Vec<(String, f64, Option<String>, Option<String>)> {
        let doc = Pipeline::default().annotate(text).unwrap();
        let pos = crate::ner::pos_tags(&doc);
        let dates = crate::dates::find(&doc, &pos, None);
        let mut in_date = vec![false; doc.tokens.len()];
        for d in &dates {
            in_date[d.tokens.0 as usize..d.tokens.1 as usize].fill(true);
        }
        let in_name = vec![false; doc.tokens.len()];
        find(&doc, &pos, &in_date, &in_name)
            .into_iter()
            .map(|f| {
                (
                    f.span.slice(text).to_string(),
                    f.value,
                    f.counts,
                    f.about.map(|a| a.slice(text).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn counted_nouns_carry_over() {
        let f = figs("Currently, 50 fighters are in training or battling, with 40 awaiting clearance from the services.");
        assert_eq!(
            f[0],
            (
                "50 fighters".into(),
                50.0,
                Some("fighters".into()),
                Some("in training or battling".into())
            )
        );
        assert_eq!(f[1].0, "40");
        assert_eq!(f[1].2.as_deref(), Some("fighters"));
        assert_eq!(
            f[1].3.as_deref(),
            Some("awaiting clearance from the services")
        );
    }

    #[test]
    fn of_phrases_percent_money() {
        let f = figs("Only 24 percent of Hillary Clinton’s contributors are small donors.");
        assert_eq!(f[0].0, "24 percent of Hillary Clinton’s contributors");
        assert_eq!(f[0].2.as_deref(), Some("contributors"));
        let f = figs("The campaign raised $1.5 million in a week.");
        assert_eq!((f[0].0.as_str(), f[0].1), ("$1.5 million", 1.5e6));
        assert_eq!(f[0].3.as_deref(), Some("The campaign raised"));
    }

    #[test]
    fn not_figures() {
        let f = figs("In February 2022, one thing mattered. He was first. Call (202) 555-0100 at 8 p.m. on Channel 4, at 3:30.");
        assert!(f.is_empty(), "{f:?}");
    }
}
