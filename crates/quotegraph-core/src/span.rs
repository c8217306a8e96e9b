//! Byte spans into a document's original text.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into a document's original text.
///
/// Invariant: `start <= end`. It is checked once, in [`Span::new`]; every
/// other constructor goes through it. Spans are `Copy` and 8 bytes, so
/// layers can hold millions of them cheaply. A span does not know its text:
/// slice the text with [`Span::slice`] (which also checks char boundaries).
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Builds a span.
    ///
    /// # Panics
    /// When `start > end`. Documents longer than `u32::MAX` bytes are
    /// refused before any span is built (see [`crate::Doc::new`]).
    #[inline]
    #[track_caller]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} > end {end}");
        debug_assert!(end <= u32::MAX as usize);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The empty span at `at`.
    #[inline]
    pub fn empty(at: usize) -> Span {
        Span::new(at, at)
    }

    /// Start byte offset.
    #[inline]
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// End byte offset (exclusive).
    #[inline]
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`.
    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The text the span covers.
    ///
    /// # Panics
    /// When the span is out of bounds or not on char boundaries of `text`.
    #[inline]
    #[track_caller]
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside `self` (bounds included).
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the byte offset lies inside the span.
    #[inline]
    pub fn contains_offset(self, at: usize) -> bool {
        self.start() <= at && at < self.end()
    }

    /// The span with leading and trailing whitespace of `text` removed.
    pub fn trim(self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        Span::new(self.start() + lead, self.start() + lead + trimmed.len())
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert_eq!(s.slice("abcdefg"), "cde");
        assert!(s.overlaps(Span::new(4, 9)));
        assert!(!s.overlaps(Span::new(5, 9)));
        assert_eq!(s.cover(Span::new(7, 8)), Span::new(2, 8));
        assert_eq!(Span::new(0, 6).trim("  ab  "), Span::new(2, 4));
        assert_eq!(Span::new(0, 2).trim("  "), Span::new(2, 2));
    }

    #[test]
    #[should_panic]
    fn reversed_panics() {
        let _ = Span::new(3, 2);
    }
}
