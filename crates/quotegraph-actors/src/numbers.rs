//! Reading number expressions: digits ("1,200", "3.5"), number words
//! ("forty", "twenty-five", "two dozen", "a third of"), scales ("1.5
//! million"), approximations ("more than", "about"), ranges ("40 to 50",
//! "between 40 and 50"), percentages and money.
//!
//! [`read`] looks at the tokens from one position and says whether a number
//! expression starts there; the figure rules decide whether it is a figure.

use quotegraph_core::text::TokenKind;
use quotegraph_core::Doc;

/// What a number is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A plain count.
    Count,
    /// A percentage ("24 percent", "24%").
    Percent,
    /// Percentage points.
    Points,
    /// US dollars ("$5", "5 dollars").
    Usd,
    /// Pounds sterling.
    Gbp,
    /// Euros.
    Eur,
}

/// A number expression over tokens `start..end`.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberExpr {
    /// First token (the qualifier or currency sign, when there is one).
    pub start: usize,
    /// One past the last token (scale and unit words included).
    pub end: usize,
    /// The value (the low end of a range).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// Qualified by "about", "more than", "nearly" and the like, or vague
    /// ("dozens", "hundreds").
    pub approximate: bool,
    /// What it is measured in.
    pub unit: Unit,
    /// The number is written in digits.
    pub digits: bool,
    /// Only the word "one" (or "a"), with no unit or scale.
    pub bare_one: bool,
    /// A fraction read from "a third of", "half of".
    pub fraction: bool,
}

const QUALIFIERS: &[&[&str]] = &[
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "few", "as"],
    &["close", "to"],
    &["upwards", "of"],
    &["an", "estimated"],
    &["just", "over"],
    &["just", "under"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["some"],
    &["over"],
    &["under"],
    &["estimated"],
];

const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mln", 1e6),
    ("bln", 1e9),
];

const VAGUE: &[(&str, f64)] = &[
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("thousands", 2000.0),
    ("millions", 2e6),
    ("billions", 2e9),
    ("scores", 40.0),
    ("tens", 20.0),
];

const FRACTIONS: &[(&str, f64)] = &[
    ("half", 0.5),
    ("third", 1.0 / 3.0),
    ("quarter", 0.25),
    ("fourth", 0.25),
    ("fifth", 0.2),
    ("thirds", 1.0 / 3.0),
    ("quarters", 0.25),
    ("fifths", 0.2),
    ("tenth", 0.1),
];

/// The value of one number word ("forty", "twenty-five"), if it is one.
pub fn word_value(w: &str) -> Option<f64> {
    if let Some((a, b)) = w.split_once('-') {
        let a = UNITS.iter().find(|u| u.0 == a)?.1;
        let b = UNITS.iter().find(|u| u.0 == b)?.1;
        return (a >= 20 && a % 10 == 0 && (1..10).contains(&b)).then_some((a + b) as f64);
    }
    UNITS.iter().find(|u| u.0 == w).map(|u| u.1 as f64)
}

/// True for a token a number can be built around: digits, number words
/// (also before a hyphen: "five-year"), scales, vague numbers, fractions,
/// "dozen". Every number [`read`] finds has such a token within
/// [`NUMBERISH_WINDOW`] tokens of its start, so a caller can skip the
/// tokens where none is near.
pub fn numberish(doc: &Doc, k: usize) -> bool {
    let tok = doc.tokens[k];
    if tok.kind == TokenKind::Number {
        return true;
    }
    let w = doc.lower.get(k);
    // every word below starts with one of these letters (most words do not)
    if !w.starts_with(['b', 'd', 'e', 'f', 'h', 'm', 'n', 'o', 'q', 's', 't', 'z']) || w.len() > 15
    {
        return w.bytes().any(|b| b.is_ascii_digit());
    }
    if w.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let head = w.split_once('-').map_or(w, |(a, _)| a);
    matches!(w, "dozen" | "two-thirds" | "three-quarters")
        || UNITS.iter().any(|u| u.0 == head)
        || SCALES.iter().any(|s| s.0 == w)
        || VAGUE.iter().any(|v| v.0 == w)
        || FRACTIONS.iter().any(|f| f.0 == w)
}

/// How far after the start of a number its first [`numberish`] token can
/// be: the longest qualifier ("as many as"), "between", "US $", then "a"
/// before a fraction, scale or "dozen".
pub const NUMBERISH_WINDOW: usize = 8;

fn digits_value(w: &str) -> Option<f64> {
    if w.contains(':') {
        return None;
    }
    w.replace(',', "").parse::<f64>().ok()
}

/// Reads a number expression starting at token `i`, not going past `end`.
pub fn read(doc: &Doc, i: usize, end: usize) -> Option<NumberExpr> {
    let low = |k: usize| if k < end { doc.lower.get(k) } else { "" };
    let start = i;
    let mut k = i;
    let mut approximate = false;
    // qualifier
    let after_change = i > 0
        && matches!(
            doc.lower.get(i - 1),
            "gone"
                | "go"
                | "goes"
                | "went"
                | "rose"
                | "risen"
                | "rise"
                | "rises"
                | "climbed"
                | "jumped"
                | "grew"
                | "grown"
                | "increased"
                | "fell"
                | "fallen"
                | "dropped"
                | "down"
        );
    for q in QUALIFIERS.iter().filter(|_| !after_change) {
        if q.iter().enumerate().all(|(j, w)| low(k + j) == *w) {
            approximate = true;
            k += q.len();
            break;
        }
    }
    let mut between = false;
    if low(k) == "between" {
        between = true;
        k += 1;
    }
    // currency sign
    let mut unit = Unit::Count;
    if low(k) == "us" && low(k + 1) == "$" {
        k += 1;
    }
    match low(k) {
        "$" => unit = Unit::Usd,
        "£" => unit = Unit::Gbp,
        "€" => unit = Unit::Eur,
        _ => {}
    }
    if unit != Unit::Count {
        k += 1;
    }
    let (core_end, value, high, digits, vague, fraction, bare_one) = core(doc, k, end)?;
    let mut e = core_end;
    approximate |= vague;
    let mut value = value;
    let mut high = high;
    // ranges: 40 to 50, between 40 and 50, $4 to $5 million
    let joiner = low(e);
    if high.is_none()
        && ((matches!(joiner, "to" | "-" | "–" | "or") && !between) || (between && joiner == "and"))
    {
        let mut j = e + 1;
        if unit != Unit::Count && matches!(low(j), "$" | "£" | "€") {
            j += 1;
        }
        if let Some((he, hv, _, hd, _, _, _)) = core(doc, j, end) {
            if hd == digits && hv > value {
                // a scale after the high end applies to both ("4 to 5 million")
                if hv >= 1e3 && value < 1e3 && hv / value >= 1e3 {
                    let scale = SCALES.iter().find(|s| s.0 == low(he - 1)).map(|s| s.1);
                    if let Some(s) = scale {
                        value *= s;
                    }
                }
                high = Some(hv);
                e = he;
            }
        }
    }
    // unit words
    match (low(e), low(e + 1)) {
        ("%", _) | ("percent", _) | ("pct", _) => {
            unit = Unit::Percent;
            e += 1;
        }
        ("per", "cent") => {
            unit = Unit::Percent;
            e += 2;
        }
        ("percentage", "points" | "point") => {
            unit = Unit::Points;
            e += 2;
        }
        ("dollars", _) if unit == Unit::Count => {
            unit = Unit::Usd;
            e += 1;
        }
        ("euros", _) if unit == Unit::Count => {
            unit = Unit::Eur;
            e += 1;
        }
        _ => {}
    }
    Some(NumberExpr {
        start,
        end: e,
        value,
        high,
        approximate,
        unit,
        digits,
        bare_one: bare_one && unit == Unit::Count && e == core_end,
        fraction,
    })
}

type Core = (usize, f64, Option<f64>, bool, bool, bool, bool);

/// The number itself: (end, value, high, digits, vague, fraction, bare_one).
fn core(doc: &Doc, k: usize, end: usize) -> Option<Core> {
    let low = |j: usize| if j < end { doc.lower.get(j) } else { "" };
    if k >= end {
        return None;
    }
    let w = low(k);
    let tok = doc.tokens[k];
    // "tens of thousands", "hundreds of millions"
    if let Some(v) = VAGUE.iter().find(|v| v.0 == w).map(|v| v.1) {
        if low(k + 1) == "of" {
            if let Some(s) = VAGUE.iter().find(|s| s.0 == low(k + 2) && s.1 >= 2000.0) {
                return Some((k + 3, v / 2.0 * s.1, None, false, true, false, false));
            }
        }
        if w == "tens" {
            return None;
        }
        return Some((k + 1, v, None, false, true, false, false));
    }
    // a third of, half of, two-thirds of
    if matches!(
        w,
        "a" | "one" | "half" | "two-thirds" | "three-quarters" | "two" | "three"
    ) {
        let (fw, next) = match w {
            "half" => ("half", k + 1),
            "two-thirds" => ("thirds2", k + 1),
            "three-quarters" => ("quarters3", k + 1),
            _ => (low(k + 1), k + 2),
        };
        let frac = match fw {
            "thirds2" => Some(2.0 / 3.0),
            "quarters3" => Some(0.75),
            _ => FRACTIONS.iter().find(|f| f.0 == fw).map(|f| f.1),
        };
        if let Some(mut f) = frac {
            let mult = match w {
                "two" => 2.0,
                "three" => 3.0,
                _ => 1.0,
            };
            if (mult > 1.0) == fw.ends_with('s') || w == "half" || w.contains('-') {
                f *= if w.contains('-') { 1.0 } else { mult };
                if low(next) == "of"
                    || (w == "half" && low(next) == "a" && low(next + 1) == "million")
                {
                    return Some((next, f, None, false, false, true, false));
                }
            }
        }
        // a dozen, two dozen; a hundred, a million
        if w == "a" {
            if low(k + 1) == "dozen" {
                return Some((k + 2, 12.0, None, false, false, false, false));
            }
            if let Some(s) = SCALES.iter().find(|s| s.0 == low(k + 1) && s.1 >= 100.0) {
                return Some((k + 2, s.1, None, false, false, false, false));
            }
            return None;
        }
    }
    // compound modifiers: "3,000-word", "120-room", "five-year" (ages are not figures)
    if let Some((pre, post)) = w.split_once('-') {
        let v = word_value(pre).or_else(|| {
            pre.starts_with(|c: char| c.is_ascii_digit())
                .then(|| digits_value(pre))
                .flatten()
        });
        if let Some(v) = v {
            let alpha = post.chars().all(|c| c.is_alphabetic() || c == '-');
            if alpha && !post.is_empty() && !post.ends_with("old") && word_value(post).is_none() {
                return Some((
                    k + 1,
                    v,
                    None,
                    pre.starts_with(|c: char| c.is_ascii_digit()),
                    false,
                    false,
                    false,
                ));
            }
        }
    }
    let (mut value, digits, mut j) = if tok.kind == TokenKind::Number {
        (digits_value(tok.span.slice(doc.text()))?, true, k + 1)
    } else if let Some(v) = word_value(w) {
        let mut v = v;
        let mut j = k + 1;
        // "one hundred twenty", "ninety nine"
        if (20.0..100.0).contains(&v) && v % 10.0 == 0.0 {
            if let Some(u) = word_value(low(j)).filter(|u| *u < 10.0 && *u > 0.0) {
                v += u;
                j += 1;
            }
        }
        (v, false, j)
    } else {
        return None;
    };
    let bare_one = !digits && value == 1.0;
    // dozen / scales
    if low(j) == "dozen" {
        value *= 12.0;
        j += 1;
    }
    while let Some(s) = SCALES.iter().find(|s| s.0 == low(j)) {
        value *= s.1;
        j += 1;
        // "one hundred and twenty"
        if s.1 == 1e2 && !digits {
            let a = if low(j) == "and" { j + 1 } else { j };
            if let Some(u) = word_value(low(a)) {
                value += u;
                j = a + 1;
            }
        }
    }
    // ratios: "two in three", "one in four"
    if low(j) == "in" && j + 1 < end {
        let d = word_value(low(j + 1)).or_else(|| {
            (doc.tokens[j + 1].kind == TokenKind::Number)
                .then(|| digits_value(low(j + 1)))
                .flatten()
        });
        if let Some(d) = d.filter(|d| *d > value && *d <= 100.0) {
            return Some((j + 2, value / d, None, digits, false, true, false));
        }
    }
    let scaled = j > k + 1;
    Some((j, value, None, digits, false, false, bare_one && !scaled))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    fn first(text: &str) -> Option<(String, f64, Option<f64>, bool, Unit)> {
        let doc = Pipeline::default().annotate(text).unwrap();
        (0..doc.tokens.len()).find_map(|i| {
            read(&doc, i, doc.tokens.len()).map(|n| {
                let s = doc.tokens[n.start].span.cover(doc.tokens[n.end - 1].span);
                (
                    s.slice(text).to_string(),
                    n.value,
                    n.high,
                    n.approximate,
                    n.unit,
                )
            })
        })
    }

    #[test]
    fn the_numberish_letters_cover_every_word_list() {
        let words = UNITS
            .iter()
            .map(|u| u.0)
            .chain(SCALES.iter().map(|s| s.0))
            .chain(VAGUE.iter().map(|v| v.0))
            .chain(FRACTIONS.iter().map(|f| f.0))
            .chain(["dozen", "two-thirds", "three-quarters"]);
        let text = words.collect::<Vec<_>>().join(" ");
        let doc = Pipeline::default().annotate(&text).unwrap();
        assert!(doc.tokens.len() > 50);
        for k in 0..doc.tokens.len() {
            assert!(numberish(&doc, k), "{}", doc.lower.get(k));
        }
    }

    #[test]
    fn words_and_digits() {
        assert_eq!(word_value("forty"), Some(40.0));
        assert_eq!(word_value("twenty-five"), Some(25.0));
        assert_eq!(word_value("five-twenty"), None);
        assert_eq!(first("They saw forty men").unwrap().1, 40.0);
        assert_eq!(first("They saw 1,200 men").unwrap().1, 1200.0);
        assert_eq!(first("It cost 3.5 million").unwrap().1, 3.5e6);
        assert_eq!(first("two dozen men").unwrap().1, 24.0);
        assert_eq!(first("a dozen men").unwrap().1, 12.0);
    }

    #[test]
    fn qualifiers_ranges_units() {
        let f = first("more than 50 fighters").unwrap();
        assert_eq!((f.0.as_str(), f.1, f.3), ("more than 50", 50.0, true));
        let f = first("between 40 and 50 men").unwrap();
        assert_eq!((f.1, f.2), (40.0, Some(50.0)));
        let f = first("they raised $4 to $5 million").unwrap();
        assert_eq!(
            (f.0.as_str(), f.1, f.2, f.4),
            ("$4 to $5 million", 4e6, Some(5e6), Unit::Usd)
        );
        let f = first("only 24 percent of donors").unwrap();
        assert_eq!(
            (f.0.as_str(), f.3, f.4),
            ("24 percent", false, Unit::Percent)
        );
        assert_eq!(
            first("a rise of 3 percentage points").unwrap().4,
            Unit::Points
        );
        assert_eq!(first("up 5% on the year").unwrap().4, Unit::Percent);
    }

    #[test]
    fn fractions_and_vague_numbers() {
        let f = first("a third of voters").unwrap();
        assert_eq!(f.0, "a third");
        assert!((f.1 - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(first("two-thirds of voters").unwrap().0, "two-thirds");
        let f = first("tens of thousands of people").unwrap();
        assert_eq!((f.1, f.3), (20000.0, true));
        assert!(first("a third term").is_none());
        assert!(first("the time 3:30").is_none());
    }
}
