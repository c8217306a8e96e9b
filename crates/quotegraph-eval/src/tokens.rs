//! The scoring unit: tokens (Python `\w+|[^\w\s]`) or non-space characters
//! (Python `\S`), and the token sets spans are compared as.

use crate::error::EvalError;
use crate::pychar::{is_space, is_word};
use crate::span::CharSpan;
use std::str::FromStr;

/// What a span is measured in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Runs of word characters; every other non-space character alone.
    #[default]
    Token,
    /// Every non-space character.
    Char,
}

impl Unit {
    /// `"token"` or `"char"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Token => "token",
            Unit::Char => "char",
        }
    }
}

impl FromStr for Unit {
    type Err = EvalError;

    fn from_str(s: &str) -> Result<Unit, EvalError> {
        match s {
            "token" => Ok(Unit::Token),
            "char" => Ok(Unit::Char),
            _ => Err(EvalError::UnknownUnit(s.to_string())),
        }
    }
}

/// The tokens of one text, as code point ranges in text order.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Tokens {
    /// Tokenises `text` like the reference scorer: for [`Unit::Token`] the
    /// matches of Python's `\w+|[^\w\s]`, for [`Unit::Char`] those of `\S`.
    pub fn new(text: &str, unit: Unit) -> Tokens {
        let mut t = Tokens::default();
        let mut in_word = false;
        for (i, c) in text.chars().enumerate() {
            let word = unit == Unit::Token && is_word(c);
            if word && in_word {
                *t.ends.last_mut().expect("inside a word") = i + 1;
            } else if word || !is_space(c) {
                t.starts.push(i);
                t.ends.push(i + 1);
            }
            in_word = word;
        }
        t
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when the text has no token.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The code point range of every token.
    pub fn spans(&self) -> impl Iterator<Item = CharSpan> + '_ {
        self.starts
            .iter()
            .zip(&self.ends)
            .map(|(&s, &e)| CharSpan::new(s, e))
    }

    /// The indices of the tokens a span touches: the first token ending after
    /// `start` up to the last starting before `end` (nothing when `end <= start`).
    pub fn cover_span(&self, span: CharSpan) -> std::ops::Range<usize> {
        if span.end <= span.start {
            return 0..0;
        }
        let i = self.ends.partition_point(|&e| e <= span.start);
        let j = self.starts.partition_point(|&s| s < span.end);
        i..j.max(i)
    }

    /// The union of the tokens the spans touch.
    pub fn cover(&self, spans: &[CharSpan]) -> TokenSet {
        let mut runs: Vec<(usize, usize)> = spans
            .iter()
            .map(|&s| self.cover_span(s))
            .filter(|r| !r.is_empty())
            .map(|r| (r.start, r.end))
            .collect();
        runs.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
        for (s, e) in runs {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        TokenSet { runs: merged }
    }
}

/// A set of token indices, stored as sorted, disjoint, non-adjacent
/// half-open runs, so that equal sets have equal representations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenSet {
    runs: Vec<(usize, usize)>,
}

impl TokenSet {
    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.runs.iter().map(|&(s, e)| e - s).sum()
    }

    /// True when there is no token.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The runs `(start, end)` of token indices.
    pub fn runs(&self) -> &[(usize, usize)] {
        &self.runs
    }

    /// `|self & other|`.
    pub fn intersection_len(&self, other: &TokenSet) -> usize {
        let (a, b) = (&self.runs, &other.runs);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            let lo = a[i].0.max(b[j].0);
            let hi = a[i].1.min(b[j].1);
            n += hi.saturating_sub(lo);
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str, unit: Unit) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let t = Tokens::new(text, unit);
        t.spans()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn tokenise_like_python() {
        // re.findall(r"\w+|[^\w\s]", ...) in Python 3.11
        let t = "He said: “It’s 2½ o'clock—fine.”\u{a0}Se\u{303}n x_y\u{1c}z";
        assert_eq!(
            toks(t, Unit::Token),
            [
                "He", "said", ":", "“", "It", "’", "s", "2½", "o", "'", "clock", "—", "fine", ".",
                "”", "Se", "\u{303}", "n", "x_y", "z"
            ]
        );
        assert_eq!(toks("a b\u{85}c", Unit::Char), ["a", "b", "c"]);
    }

    #[test]
    fn cover_and_sets() {
        let t = Tokens::new("aa bb, cc", Unit::Token); // aa 0-2, bb 3-5, "," 5-6, cc 7-9
        assert_eq!(t.cover_span(CharSpan::new(1, 4)), 0..2);
        assert_eq!(t.cover_span(CharSpan::new(2, 3)), 1..1); // only a space
        assert_eq!(t.cover_span(CharSpan::new(4, 4)), 0..0);
        assert_eq!(t.cover_span(CharSpan::new(9, 9000)), 4..4);
        let a = t.cover(&[CharSpan::new(0, 2), CharSpan::new(3, 6)]);
        let b = t.cover(&[CharSpan::new(0, 6)]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
        let c = t.cover(&[CharSpan::new(5, 9)]);
        assert_eq!(a.intersection_len(&c), 1);
        assert_eq!(c.intersection_len(&a), 1);
        assert_eq!(a.intersection_len(&TokenSet::default()), 0);
    }
}
