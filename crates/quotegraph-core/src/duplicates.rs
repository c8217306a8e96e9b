//! The duplicate stage: paragraphs that repeat an earlier paragraph.
//!
//! Two paragraphs are the same when they are equal after whitespace runs are
//! collapsed and curly quotation marks and apostrophes are made straight
//! (scrapers often repeat a paragraph, sometimes re-encoding its marks).

use crate::text::Paragraph;
use crate::Span;

/// A paragraph that repeats an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DuplicateParagraph {
    /// The repeating paragraph.
    pub span: Span,
    /// The first paragraph with the same text.
    pub duplicate_of: Span,
}

/// Paragraphs shorter than this (after normalisation) are never marked:
/// short lines such as "Advertisement" repeat by design.
pub const MIN_DUPLICATE_CHARS: usize = 24;

/// The normalised form used to compare paragraphs.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' => '\'',
            c => c,
        });
    }
    out
}

/// Writes the normalised form of `s` into `out` (cleared first) and returns
/// its length in chars. Runs of ASCII non-space bytes are copied whole.
fn normalise_into(s: &str, out: &mut Vec<u8>) -> usize {
    out.clear();
    let mut n = 0usize;
    let mut space = false;
    let mut buf = [0u8; 4];
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_whitespace() {
                space = true;
                i += 1;
                continue;
            }
            let run = bytes[i..]
                .iter()
                .position(|&x| x >= 0x80 || x.is_ascii_whitespace())
                .unwrap_or(bytes.len() - i);
            if space && n > 0 {
                out.push(b' ');
                n += 1;
            }
            space = false;
            out.extend_from_slice(&bytes[i..i + run]);
            n += run;
            i += run;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && n > 0 {
            out.push(b' ');
            n += 1;
        }
        space = false;
        match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push(b'"'),
            '\u{2018}' | '\u{2019}' | '\u{201A}' => out.push(b'\''),
            c => out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
        }
        n += 1;
    }
    n
}

/// Finds repeated paragraphs.
pub fn find_duplicates(text: &str, paragraphs: &[Paragraph]) -> Vec<DuplicateParagraph> {
    use std::hash::Hasher;
    let mut seen: crate::fasthash::FastMap<u64, Vec<Span>> = Default::default();
    let mut out = Vec::new();
    let (mut norm, mut other) = (Vec::new(), Vec::new());
    for p in paragraphs {
        let chars = normalise_into(p.span.slice(text), &mut norm);
        if chars < MIN_DUPLICATE_CHARS {
            continue;
        }
        let mut h = crate::fasthash::Fnv::default();
        h.write(&norm);
        let firsts = seen.entry(h.finish()).or_default();
        // a hash match is confirmed on the normalised text (collisions are possible)
        let same = firsts.iter().copied().find(|f| {
            normalise_into(f.slice(text), &mut other);
            other == norm
        });
        match same {
            Some(first) => out.push(DuplicateParagraph {
                span: p.span,
                duplicate_of: first,
            }),
            None => firsts.push(p.span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::paragraphs;

    #[test]
    fn repeated_paragraph_after_normalisation() {
        let t = "“A quote that is long enough,” she said.\n\nOther text here.\n\n\"A quote  that is long enough,\" she said.\n\nAdvertisement\n\nAdvertisement";
        let d = find_duplicates(t, &paragraphs(t));
        assert_eq!(d.len(), 1);
        assert!(d[0].span.slice(t).starts_with("\"A quote"));
        assert!(d[0].duplicate_of.slice(t).starts_with("“A quote"));
    }
}
