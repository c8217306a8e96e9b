//! Date expressions, normalised to a day, week, month, year or decade and
//! resolved against the publication date when it is known.
//!
//! Absolute: "February 2022", "Nov. 8, 2016", "8 November 2016",
//! "2016-11-08", "11/8/2016", "in 2016", "the 1990s". Relative: "in
//! October", "Nov. 8" (no year), "on Tuesday", "last week", "yesterday",
//! "three days ago", "this year". A relative expression without a
//! publication date is kept with the reason it is unresolved.
//!
//! A month or weekday without a year is placed in the publication year;
//! when its sentence is in the past tense and the month would fall after
//! the publication month, it is placed in the year before ("in October",
//! said in a report of February 2023, is October 2022). A weekday goes to
//! the most recent such day on or before the publication date, or the
//! next one after it when the sentence speaks of the future ("will",
//! "next Tuesday").
//!
//! Spans cover the expression without a leading preposition ("October" in
//! "in October").

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use quotegraph_core::text::TokenKind;
use quotegraph_core::{Doc, Span};
use quotegraph_tagger::PosTag;
use serde::{Deserialize, Serialize};

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One day.
    Day,
    /// A week (Monday to Sunday).
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A decade.
    Decade,
}

/// A date expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// Where it is.
    pub span: Span,
    /// Token range.
    pub tokens: (u32, u32),
    /// The first and last day it covers, when resolved.
    pub interval: Option<(NaiveDate, NaiveDate)>,
    /// Its granularity.
    pub granularity: Granularity,
    /// Why it is unresolved.
    pub unresolved_reason: Option<String>,
    /// It needed the publication date (or it would have).
    pub relative: bool,
}

impl DateExpr {
    /// The normalised value: `2016-11-08`, `2016-W45`, `2016-11`, `2016`
    /// or `199X`; `None` when unresolved.
    pub fn value(&self) -> Option<String> {
        let (s, _) = self.interval?;
        Some(match self.granularity {
            Granularity::Day => s.format("%Y-%m-%d").to_string(),
            Granularity::Week => {
                let w = s.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Granularity::Month => s.format("%Y-%m").to_string(),
            Granularity::Year => s.format("%Y").to_string(),
            Granularity::Decade => format!("{}X", s.year() / 10),
        })
    }
}

/// Why a relative date stays unresolved.
pub const NO_PUBLICATION_DATE: &str = "relative to the publication date, which is not given";
/// Why a month or day without a year stays unresolved.
pub const NO_YEAR: &str = "year not stated and no publication date";

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan.", 1),
    ("jan", 1),
    ("february", 2),
    ("feb.", 2),
    ("feb", 2),
    ("march", 3),
    ("mar.", 3),
    ("april", 4),
    ("apr.", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("aug.", 8),
    ("aug", 8),
    ("september", 9),
    ("sept.", 9),
    ("sep.", 9),
    ("sept", 9),
    ("october", 10),
    ("oct.", 10),
    ("oct", 10),
    ("november", 11),
    ("nov.", 11),
    ("nov", 11),
    ("december", 12),
    ("dec.", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// What an expression means before resolution.
#[derive(Clone, Copy, Debug)]
enum Raw {
    Day(i32, u32, u32),
    MonthDay(u32, u32),
    Month(i32, u32),
    MonthOnly(u32),
    Year(i32),
    Decade(i32),
    Weekday(Weekday, Dir),
    /// Offset in days from the publication date, at day granularity.
    DayOffset(i64),
    /// This (0), last (-1) or next (+1) unit.
    This(Granularity, i64),
    /// N units ago.
    Ago(Granularity, i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Past,
    Future,
    Either,
}

/// A token a date expression is built around: a digit, a month or
/// weekday, a relative day, or the unit of "last week", "a year ago".
fn datey(doc: &Doc, k: usize) -> bool {
    let w = doc.lower.get(k);
    w.bytes().any(|b| b.is_ascii_digit())
        || matches!(
            w,
            "today"
                | "tonight"
                | "yesterday"
                | "tomorrow"
                | "ago"
                | "week"
                | "month"
                | "year"
                | "night"
        )
        || month_of(w).is_some()
        || WEEKDAYS.iter().any(|d| d.0 == w)
}

fn month_of(w: &str) -> Option<u32> {
    MONTHS.iter().find(|m| m.0 == w).map(|m| m.1)
}

fn year_of(w: &str, kind: TokenKind) -> Option<i32> {
    if kind != TokenKind::Number || w.len() != 4 {
        return None;
    }
    w.parse::<i32>().ok().filter(|y| (1800..=2100).contains(y))
}

fn day_of(w: &str, kind: TokenKind) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if kind != TokenKind::Number
        && !(d.len() < w.len() && matches!(&w[d.len()..], "st" | "nd" | "rd" | "th"))
    {
        return None;
    }
    d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

/// Finds and resolves the date expressions of `doc`.
pub fn find(doc: &Doc, pos: &[PosTag], published: Option<NaiveDate>) -> Vec<DateExpr> {
    let text = doc.text();
    let mut out = Vec::new();
    // every date expression has a digit or a date word within its first
    // three tokens (see `datey`): the others need not be read
    let datey: Vec<bool> = (0..doc.tokens.len()).map(|k| datey(doc, k)).collect();
    for s in &doc.sentences {
        let (first, end) = (s.first_token as usize, s.end_token as usize);
        let future_s =
            (first..end).any(|k| matches!(doc.lower.get(k), "will" | "'ll" | "tomorrow"));
        let past_s = (first..end).any(|k| pos[k] == PosTag::Vbd);
        let mut i = first;
        let tense_at =
            |i: usize| tense(doc, pos, first, i).unwrap_or((past_s && !future_s, future_s));
        while i < end {
            if !(i..(i + 3).min(end)).any(|k| datey[k]) {
                i += 1;
                continue;
            }
            // the tense only matters to a weekday's reading, and to what is found
            let weekday = WEEKDAYS.iter().any(|d| d.0 == doc.lower.get(i));
            let future = weekday && tense_at(i).1;
            match read(doc, i, end, future) {
                Some((e, raw)) => {
                    let (past, future) = tense_at(i);
                    let span = doc.tokens[i].span.cover(doc.tokens[e - 1].span);
                    out.push(resolve(
                        span,
                        (i as u32, e as u32),
                        raw,
                        published,
                        past && !future,
                    ));
                    i = e;
                }
                None => i += 1,
            }
        }
    }
    let _ = text;
    out
}

/// The tense of the clause a date at token `i` belongs to, from the
/// nearest verb before it: (past, future), or `None` when there is none.
fn tense(doc: &Doc, pos: &[PosTag], first: usize, i: usize) -> Option<(bool, bool)> {
    let mut k = i;
    while k > first && i - k < 8 {
        k -= 1;
        let w = doc.lower.get(k);
        if matches!(w, "," | ";" | "—" | "“" | "\"" | "”") {
            return None;
        }
        if matches!(
            w,
            "will" | "'ll" | "would" | "likely" | "expected" | "plans" | "shall"
        ) {
            return Some((false, true));
        }
        match pos[k] {
            PosTag::Vbd | PosTag::Vbn => return Some((true, false)),
            PosTag::Vb => {
                let to = k > first
                    && matches!(
                        doc.lower.get(k - 1),
                        "to" | "will" | "'ll" | "would" | "could" | "might" | "can"
                    );
                return Some((false, to));
            }
            PosTag::Vbz | PosTag::Vbp | PosTag::Vbg => return Some((false, false)),
            _ => {}
        }
    }
    None
}

/// Reads a date expression starting at token `i`.
fn read(doc: &Doc, i: usize, end: usize, future: bool) -> Option<(usize, Raw)> {
    let low = |k: usize| if k < end { doc.lower.get(k) } else { "" };
    let surface = |k: usize| doc.tokens[k].span.slice(doc.text());
    let kind = |k: usize| {
        if k < end {
            doc.tokens[k].kind
        } else {
            TokenKind::Punct
        }
    };
    let w = low(i);
    let cap = surface(i).chars().next().is_some_and(char::is_uppercase);
    // a weekday before an absolute date is part of it: "Tuesday, Nov. 8, 2016"
    if cap {
        if let Some(&(_, wd)) = WEEKDAYS.iter().find(|d| d.0 == w) {
            let j = if low(i + 1) == "," { i + 2 } else { i + 1 };
            if let Some((e, raw @ (Raw::Day(..) | Raw::MonthDay(..)))) = read(doc, j, end, future) {
                return Some((e, raw));
            }
            let prev = if i > 0 { doc.lower.get(i - 1) } else { "" };
            let dir = match prev {
                "last" | "past" => Dir::Past,
                "next" | "coming" => Dir::Future,
                _ if future => Dir::Future,
                _ => Dir::Either,
            };
            let _ = dir;
            return Some((i + 1, Raw::Weekday(wd, dir)));
        }
    }
    // last/next/this Tuesday: the modifier belongs to the expression
    if matches!(w, "last" | "next" | "this" | "past" | "coming") {
        let n = low(i + 1);
        if let Some(&(_, wd)) = WEEKDAYS.iter().find(|d| d.0 == n) {
            let dir = if matches!(w, "last" | "past") {
                Dir::Past
            } else if w == "next" || w == "coming" {
                Dir::Future
            } else {
                Dir::Either
            };
            return Some((i + 2, Raw::Weekday(wd, dir)));
        }
        let g = match n {
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            "year" => Some(Granularity::Year),
            _ => None,
        };
        if let Some(g) = g {
            let off = match w {
                "last" | "past" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            // "the past year" is a duration, not a calendar year
            if w == "past" || (i > 0 && doc.lower.get(i - 1) == "the") {
                return None;
            }
            return Some((i + 2, Raw::This(g, off)));
        }
        if w == "last" && n == "night" {
            return Some((i + 2, Raw::DayOffset(-1)));
        }
    }
    // earlier this month, later this year
    if matches!(w, "earlier" | "later") && low(i + 1) == "this" {
        if let Some(g) = match low(i + 2) {
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            "year" => Some(Granularity::Year),
            _ => None,
        } {
            return Some((i + 3, Raw::This(g, 0)));
        }
    }
    match w {
        "today" | "tonight" => return Some((i + 1, Raw::DayOffset(0))),
        "yesterday" => return Some((i + 1, Raw::DayOffset(-1))),
        "tomorrow" => return Some((i + 1, Raw::DayOffset(1))),
        _ => {}
    }
    // N days/weeks/months/years ago
    if let Some(n) = crate::numbers::word_value(w).or_else(|| {
        (kind(i) == TokenKind::Number)
            .then(|| w.parse::<f64>().ok())
            .flatten()
    }) {
        let g = match low(i + 1).trim_end_matches('s') {
            "day" => Some(Granularity::Day),
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            "year" => Some(Granularity::Year),
            _ => None,
        };
        if let (Some(g), "ago") = (g, low(i + 2)) {
            return Some((i + 3, Raw::Ago(g, n as i64)));
        }
    }
    if w == "a" && low(i + 2) == "ago" {
        let g = match low(i + 1) {
            "day" => Some(Granularity::Day),
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            "year" => Some(Granularity::Year),
            _ => None,
        };
        if let Some(g) = g {
            return Some((i + 3, Raw::Ago(g, 1)));
        }
    }
    // early/mid/late October: the modifier is kept in the span
    if matches!(w, "early" | "mid" | "late" | "mid-") {
        if let Some((e, raw)) = read(doc, i + 1, end, future) {
            if matches!(raw, Raw::Month(..) | Raw::MonthOnly(_) | Raw::Year(_)) {
                return Some((e, raw));
            }
        }
        return None;
    }
    // months
    if let Some(m) = month_of(w).filter(|_| cap) {
        // "Sept, 26, 2014": a stray comma after the month
        let dk = if low(i + 1) == "," && day_of(low(i + 2), kind(i + 2)).is_some() {
            i + 2
        } else {
            i + 1
        };
        if let Some(d) = day_of(low(dk), kind(dk)) {
            let j = if low(dk + 1) == "," { dk + 2 } else { dk + 1 };
            if let Some(y) = year_of(low(j), kind(j)) {
                return Some((j + 1, Raw::Day(y, m, d)));
            }
            // "May 5" but not "May 2016" read as a day
            return Some((dk + 1, Raw::MonthDay(m, d)));
        }
        let j = if low(i + 1) == "of" || low(i + 1) == "," {
            i + 2
        } else {
            i + 1
        };
        if let Some(y) = year_of(low(j), kind(j)) {
            return Some((j + 1, Raw::Month(y, m)));
        }
        // a bare month: not the modal "may", not "March" the verb, after a
        // preposition or modifier that introduces a time
        let prev = if i > 0 { doc.lower.get(i - 1) } else { "" };
        let timey = matches!(
            prev,
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "through"
                | "during"
                | "early"
                | "late"
                | "mid"
                | "mid-"
                | "last"
                | "next"
                | "this"
                | "of"
                | "from"
                | "to"
                | "before"
                | "after"
                | "between"
                | "and"
        );
        if timey && !(m == 5 && w == "may" && prev != "in" && prev != "since") {
            let off_raw = match prev {
                "last" => Raw::MonthOnly(m),
                _ => Raw::MonthOnly(m),
            };
            return Some((i + 1, off_raw));
        }
        return None;
    }
    // 8 November 2016
    if let Some(d) = day_of(w, kind(i)) {
        if let Some(m) = month_of(low(i + 1)).filter(|_| {
            surface(i + 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        }) {
            let j = if low(i + 2) == "," { i + 3 } else { i + 2 };
            if let Some(y) = year_of(low(j), kind(j)) {
                return Some((j + 1, Raw::Day(y, m, d)));
            }
            return Some((i + 2, Raw::MonthDay(m, d)));
        }
        // 11/8/2016, 11/8/16
        if low(i + 1) == "/" && low(i + 3) == "/" {
            if let (Some(dd), Some(yy)) = (
                day_of(low(i + 2), kind(i + 2)),
                low(i + 4).parse::<i32>().ok(),
            ) {
                let y = if yy < 100 { 2000 + yy } else { yy };
                if d <= 12 && (1800..=2100).contains(&y) {
                    return Some((i + 5, Raw::Day(y, d, dd)));
                }
            }
        }
    }
    // 2016-11-08
    let sw = surface(i);
    if sw.len() == 10 && sw.as_bytes()[4] == b'-' && sw.as_bytes()[7] == b'-' {
        if let Ok(d) = NaiveDate::parse_from_str(sw, "%Y-%m-%d") {
            return Some((i + 1, Raw::Day(d.year(), d.month(), d.day())));
        }
    }
    // the 1990s
    if w == "the" && low(i + 1).len() == 5 && low(i + 1).ends_with('s') {
        if let Ok(y) = low(i + 1)[..4].parse::<i32>() {
            if y % 10 == 0 && (1800..=2090).contains(&y) {
                return Some((i + 2, Raw::Decade(y)));
            }
        }
    }
    if kind(i) == TokenKind::Word && w.len() == 5 && w.ends_with('s') {
        if let Ok(y) = w[..4].parse::<i32>() {
            if y % 10 == 0 && (1800..=2090).contains(&y) {
                return Some((i + 1, Raw::Decade(y)));
            }
        }
    }
    // a year on its own
    if let Some(y) = year_of(w, kind(i)) {
        let prev = if i > 0 { doc.lower.get(i - 1) } else { "" };
        if matches!(prev, "$" | "£" | "€" | "#" | "no." | "number") {
            return None;
        }
        let next = low(i + 1);
        if matches!(
            next,
            "%" | "percent" | "people" | "votes" | "voters" | "troops" | "jobs" | "members"
        ) {
            return None;
        }
        return Some((i + 1, Raw::Year(y)));
    }
    None
}

fn resolve(
    span: Span,
    tokens: (u32, u32),
    raw: Raw,
    pubd: Option<NaiveDate>,
    past: bool,
) -> DateExpr {
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month = |y: i32, m: u32| {
        let s = ymd(y, m, 1)?;
        Some((s, s.checked_add_months(Months::new(1))?.pred_opt()?))
    };
    let year = |y: i32| Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?));
    let week = |d: NaiveDate| {
        let s = d - Days::new(d.weekday().num_days_from_monday() as u64);
        Some((s, s + Days::new(6)))
    };
    let day = |d: NaiveDate| Some((d, d));
    // the year of a month named without one
    let year_for = |p: NaiveDate, m: u32| {
        if past && m > p.month() {
            p.year() - 1
        } else {
            p.year()
        }
    };
    use Granularity as G;
    let (g, relative, interval, reason): (G, bool, Option<(NaiveDate, NaiveDate)>, Option<&str>) =
        match raw {
            Raw::Day(y, m, d) => (G::Day, false, ymd(y, m, d).and_then(day), None),
            Raw::Month(y, m) => (G::Month, false, month(y, m), None),
            Raw::Year(y) => (G::Year, false, year(y), None),
            Raw::Decade(y) => (
                G::Decade,
                false,
                Some((
                    ymd(y, 1, 1).unwrap_or_default(),
                    ymd(y + 9, 12, 31).unwrap_or_default(),
                )),
                None,
            ),
            Raw::MonthDay(m, d) => match pubd {
                Some(p) => (G::Day, true, ymd(year_for(p, m), m, d).and_then(day), None),
                None => (G::Day, true, None, Some(NO_YEAR)),
            },
            Raw::MonthOnly(m) => match pubd {
                Some(p) => (G::Month, true, month(year_for(p, m), m), None),
                None => (G::Month, true, None, Some(NO_YEAR)),
            },
            Raw::Weekday(wd, dir) => match pubd {
                Some(p) => {
                    let back =
                        (7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                    let fwd =
                        (7 + wd.num_days_from_monday() - p.weekday().num_days_from_monday()) % 7;
                    let d = match dir {
                        Dir::Future => p + Days::new(if fwd == 0 { 7 } else { fwd } as u64),
                        Dir::Past => p - Days::new(if back == 0 { 7 } else { back } as u64),
                        Dir::Either => p - Days::new(back as u64),
                    };
                    (G::Day, true, day(d), None)
                }
                None => (G::Day, true, None, Some(NO_PUBLICATION_DATE)),
            },
            Raw::DayOffset(n) => (
                G::Day,
                true,
                pubd.and_then(|p| p.checked_add_signed(chrono::Duration::days(n)))
                    .and_then(day),
                pubd.is_none().then_some(NO_PUBLICATION_DATE),
            ),
            Raw::This(g, n) | Raw::Ago(g, n) => {
                let n = if matches!(raw, Raw::Ago(..)) { -n } else { n };
                let iv = pubd.and_then(|p| match g {
                    G::Day => p
                        .checked_add_signed(chrono::Duration::days(n))
                        .and_then(day),
                    G::Week => p
                        .checked_add_signed(chrono::Duration::weeks(n))
                        .and_then(week),
                    G::Month => {
                        let d = if n < 0 {
                            p.checked_sub_months(Months::new(n.unsigned_abs() as u32))
                        } else {
                            p.checked_add_months(Months::new(n as u32))
                        };
                        d.and_then(|d| month(d.year(), d.month()))
                    }
                    _ => year(p.year() + n as i32),
                });
                (g, true, iv, pubd.is_none().then_some(NO_PUBLICATION_DATE))
            }
        };
    DateExpr {
        span,
        tokens,
        interval,
        granularity: g,
        unresolved_reason: if interval.is_none() {
            Some(reason.unwrap_or("not a valid calendar date").to_string())
        } else {
            None
        },
        relative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    fn dates(text: &str, published: Option<&str>) -> Vec<(String, Option<String>, Granularity)> {
        let doc = Pipeline::default().annotate(text).unwrap();
        let pos = crate::ner::pos_tags(&doc);
        let p = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap());
        find(&doc, &pos, p)
            .into_iter()
            .map(|d| (d.span.slice(text).to_string(), d.value(), d.granularity))
            .collect()
    }

    #[test]
    fn absolute_dates() {
        let d = dates(
            "In February 2022, he left. On Nov. 8, 2016, voters chose. It was 8 November 2016.",
            None,
        );
        assert_eq!(
            d[0],
            (
                "February 2022".into(),
                Some("2022-02".into()),
                Granularity::Month
            )
        );
        assert_eq!(
            d[1],
            (
                "Nov. 8, 2016".into(),
                Some("2016-11-08".into()),
                Granularity::Day
            )
        );
        assert_eq!(
            d[2],
            (
                "8 November 2016".into(),
                Some("2016-11-08".into()),
                Granularity::Day
            )
        );
        let d = dates(
            "Polls in 2016 and the 1990s, on 11/8/2016 and 2016-11-09.",
            None,
        );
        let v: Vec<Option<String>> = d.into_iter().map(|x| x.1).collect();
        assert_eq!(
            v,
            [
                Some("2016".into()),
                Some("199X".into()),
                Some("2016-11-08".into()),
                Some("2016-11-09".into())
            ]
        );
    }

    #[test]
    fn relative_dates() {
        let text = "The group said in October that it met on Tuesday and last week.";
        let d = dates(text, None);
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|x| x.1.is_none()));
        let d = dates(text, Some("2016-11-10"));
        assert_eq!(d[0].1.as_deref(), Some("2016-10"));
        assert_eq!(d[1].1.as_deref(), Some("2016-11-08"));
        assert_eq!(d[2].1.as_deref(), Some("2016-W44"));
        // a later month in a past-tense sentence is last year's
        let d = dates(
            "The group said in October that it would try.",
            Some("2017-02-01"),
        );
        assert_eq!(d[0].1.as_deref(), Some("2016-10"));
        let d = dates(
            "He will speak on Tuesday. Three days ago, yesterday, this year.",
            Some("2016-11-10"),
        );
        let v: Vec<&str> = d.iter().map(|x| x.1.as_deref().unwrap()).collect();
        assert_eq!(v, ["2016-11-15", "2016-11-07", "2016-11-09", "2016"]);
    }

    #[test]
    fn not_dates() {
        assert!(dates(
            "You may go. They march to the sea. It cost $2016.",
            Some("2016-11-10")
        )
        .is_empty());
    }
}
