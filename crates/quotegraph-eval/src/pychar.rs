//! Python's character classes, so that tokenising and parsing agree with the
//! reference scorer on every code point.
//!
//! Python's `re` str patterns define `\w` as `str.isalnum()` (letters of
//! categories L*, and every character with a numeric value) plus `_`; `\s` as
//! `str.isspace()`; `\d` as `str.isdecimal()` (category Nd). Rust's
//! `char::is_alphanumeric` and the `regex` crate's `\w` differ from that
//! (they include combining marks such as U+0303, which occur in PolNeAR, and
//! the `regex` `\w` excludes `½`, which occurs too), so this module looks the
//! classes up in tables generated from Python's own Unicode database
//! (`tools/gen_unicode_tables.py`; currently Python 3.11, Unicode 14.0).
//!
//! Checked: on all 924 train and dev texts of PolNeAR, [`crate::Tokens`]
//! gives the same token boundaries as Python's `re.finditer` for both units
//! (4,383,566 tokens). The tables themselves are exact for every code point.
//!
//! Remaining theoretical difference: a Python with a newer Unicode database
//! classifies code points assigned after Unicode 14.0 (none occur in PolNeAR)
//! as letters or digits, which these tables do not; regenerate them then.

use crate::pytables::{DECIMAL, SPACE, WORD};

fn lookup(table: &[(u32, u32)], c: char) -> Option<(u32, u32)> {
    let cp = c as u32;
    let i = table.partition_point(|&(_, hi)| hi < cp);
    table.get(i).copied().filter(|&(lo, _)| lo <= cp)
}

/// Python's `\w` for str patterns: `c.isalnum() or c == "_"`.
#[inline]
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        lookup(WORD, c).is_some()
    }
}

/// Python's `\s` for str patterns, i.e. `str.isspace()`: also `\x1c`..`\x1f`,
/// which Rust's `char::is_whitespace` leaves out.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ')
    } else {
        lookup(SPACE, c).is_some()
    }
}

/// The value of a Python `\d` character (category Nd, e.g. `'٣'` is 3), as
/// Python's `int()` reads it; `None` for anything else.
#[inline]
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    // Decimal digits come in whole runs of 0..9 blocks (checked by the generator).
    lookup(DECIMAL, c).map(|(lo, _)| (c as u32 - lo) % 10)
}

/// Python's `str.strip()` with no argument.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.split()` with no argument: runs of `str.isspace()` characters
/// separate the words; no empty words.
pub fn split_whitespace(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_python() {
        for c in ['a', 'Z', '0', '_', 'é', 'ß', '½', '²', 'Ⅻ', '一', 'ª'] {
            assert!(is_word(c), "{c:?}");
        }
        // Marks, connector punctuation other than '_', symbols, quotes.
        for c in [
            '\u{303}', '\u{308}', '‿', '-', '’', '“', '€', '\u{ad}', '\u{200b}', '\u{feff}',
        ] {
            assert!(!is_word(c), "{c:?}");
        }
        for c in [
            '\x1c', '\x1f', '\u{85}', '\u{a0}', '\u{2028}', '\u{3000}', '\x0b',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', '\u{180e}', 'a', '\u{202a}'] {
            assert!(!is_space(c), "{c:?}");
        }
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('𝟗'), Some(9)); // U+1D7D7 MATHEMATICAL BOLD DIGIT NINE
        assert_eq!(decimal_value('²'), None); // digit, but not decimal
        assert_eq!(decimal_value('x'), None);
    }

    #[test]
    fn ascii_fast_paths_agree_with_the_tables() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(is_word(c), lookup(WORD, c).is_some(), "{c:?}");
            assert_eq!(is_space(c), lookup(SPACE, c).is_some(), "{c:?}");
            assert_eq!(
                decimal_value(c).is_some(),
                lookup(DECIMAL, c).is_some(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn split_and_strip() {
        let words: Vec<_> = split_whitespace("\u{1f} a\u{a0}b\t\tc \u{85}").collect();
        assert_eq!(words, ["a", "b", "c"]);
        assert_eq!(strip("\u{3000} x y\x1c"), "x y");
    }
}
