//! Converting code point offsets (brat, Python) to byte offsets (Rust `str`).

use crate::span::CharSpan;
use std::ops::Range;

/// Maps the code point offsets of one text to byte offsets and back.
///
/// Built once per text in O(n); [`CharOffsets::byte_offset`] is O(1) and
/// [`CharOffsets::char_offset`] O(log n). An ASCII text needs no table.
#[derive(Clone, Debug)]
pub struct CharOffsets {
    n_chars: usize,
    n_bytes: usize,
    /// Byte offset of every code point, plus the text length at the end;
    /// empty when the text is ASCII (offsets are then equal).
    bytes: Vec<usize>,
}

impl CharOffsets {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> CharOffsets {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            v
        };
        CharOffsets {
            n_chars: if text.is_ascii() {
                text.len()
            } else {
                bytes.len() - 1
            },
            n_bytes: text.len(),
            bytes,
        }
    }

    /// The number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.n_chars
    }

    /// The byte offset of code point offset `cp`; `None` past the end of the
    /// text (`cp == char_len()` gives the text's byte length).
    #[inline]
    pub fn byte_offset(&self, cp: usize) -> Option<usize> {
        if cp > self.n_chars {
            None
        } else if self.bytes.is_empty() {
            Some(cp)
        } else {
            Some(self.bytes[cp])
        }
    }

    /// The code point offset of byte offset `byte`; `None` when it is not on
    /// a char boundary or past the end.
    pub fn char_offset(&self, byte: usize) -> Option<usize> {
        if byte > self.n_bytes {
            None
        } else if self.bytes.is_empty() {
            Some(byte)
        } else {
            self.bytes.binary_search(&byte).ok()
        }
    }

    /// The byte range of a code point span; `None` when it ends past the
    /// text or `end < start`.
    pub fn byte_range(&self, span: CharSpan) -> Option<Range<usize>> {
        if span.end < span.start {
            return None;
        }
        Some(self.byte_offset(span.start)?..self.byte_offset(span.end)?)
    }

    /// The code point span of a byte range (e.g. an engine's byte span);
    /// `None` unless both ends are char boundaries within the text.
    pub fn char_span(&self, bytes: Range<usize>) -> Option<CharSpan> {
        Some(CharSpan::new(
            self.char_offset(bytes.start)?,
            self.char_offset(bytes.end)?,
        ))
    }

    /// Clamps a code point offset to the text, like a Python slice bound.
    #[inline]
    pub fn clamp(&self, cp: usize) -> usize {
        cp.min(self.n_chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode() {
        let a = CharOffsets::new("abc");
        assert_eq!(a.byte_offset(3), Some(3));
        assert_eq!(a.byte_offset(4), None);
        assert_eq!(a.char_offset(2), Some(2));

        let t = "a“é”\u{1F600}b";
        let o = CharOffsets::new(t);
        assert_eq!(o.char_len(), 6);
        let want: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        for (cp, &b) in want.iter().enumerate() {
            assert_eq!(o.byte_offset(cp), Some(b));
            assert_eq!(o.char_offset(b), Some(cp));
        }
        assert_eq!(o.char_offset(2), None); // inside “
        assert_eq!(o.byte_offset(7), None);
        assert_eq!(&t[o.byte_range(CharSpan::new(1, 4)).unwrap()], "“é”");
        assert_eq!(o.byte_range(CharSpan::new(4, 3)), None);
        assert_eq!(o.char_span(1..9), Some(CharSpan::new(1, 4)));
        assert_eq!(o.char_span(1..8), None);
    }
}
