//! Per-token lexical analysis shared by the taggers.
//!
//! A word is analysed once per sentence into a [`Lex`]: hashes of its
//! normalised forms, affixes and shapes, plus a few flags. Normalisation
//! happens here, on the fly, never in the text: curly and straight quotes,
//! backticks and CoreNLP's ```` `` ```` / `''` all become `"` or `'`;
//! en and em dashes become `--`; the ellipsis `…` becomes `...`; digits become `0` in
//! the lower-cased form.

use crate::hash::{hash_chars, mix};

/// Flag: the word has an upper-case letter.
pub(crate) const HAS_UPPER: u32 = 1;
/// Flag: every letter is upper case (and there is at least one).
pub(crate) const ALL_UPPER: u32 = 1 << 1;
/// Flag: first char upper case, some later char lower case.
pub(crate) const TITLE: u32 = 1 << 2;
/// Flag: the word has a digit.
pub(crate) const HAS_DIGIT: u32 = 1 << 3;
/// Flag: the word has a hyphen (or dash) after its first char.
pub(crate) const HAS_HYPHEN: u32 = 1 << 4;
/// Flag: the word has a letter.
pub(crate) const HAS_ALPHA: u32 = 1 << 5;
/// Flag: the word is made of quote marks only.
pub(crate) const QUOTE: u32 = 1 << 6;
/// Flag (with `QUOTE`): an opening quote (`“`, `‘`, backtick).
pub(crate) const QUOTE_OPEN: u32 = 1 << 7;
/// Flag (with `QUOTE`): a closing quote (`”`, `’`).
pub(crate) const QUOTE_CLOSE: u32 = 1 << 8;
/// Flag (with `QUOTE`): it has a double quote mark.
pub(crate) const QUOTE_DOUBLE: u32 = 1 << 9;
/// Flag: the word has a period.
pub(crate) const HAS_PERIOD: u32 = 1 << 10;

/// Longest word prefix and suffix length used in features.
pub(crate) const AFFIXES: usize = 6;

/// The hashed analysis of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lex {
    /// Normalised form, case kept.
    pub raw: u64,
    /// Normalised form, lower-cased, digits as `0`.
    pub lower: u64,
    /// Suffixes of `lower` of 1..=6 chars (the whole word when shorter).
    pub suf: [u64; AFFIXES],
    /// Prefixes of the case-kept form of 1..=6 chars.
    pub pre: [u64; AFFIXES],
    /// Shape: `X` upper, `x` lower, `d` digit, others kept; runs cut at 4.
    pub shape: u64,
    /// Shape with every run collapsed to one char.
    pub short_shape: u64,
    /// `HAS_UPPER` etc.
    pub flags: u32,
    /// Length in chars (saturating at 255).
    pub len: u8,
}

/// Boundary pseudo-words before the first and after the last word.
pub(crate) const BEFORE: [Lex; 2] = [boundary(0xb0), boundary(0xb1)];
/// See [`BEFORE`].
pub(crate) const AFTER: [Lex; 2] = [boundary(0xe0), boundary(0xe1)];

const fn boundary(tag: u64) -> Lex {
    let h = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(tag + 1);
    Lex {
        raw: h,
        lower: h,
        suf: [h; AFFIXES],
        pre: [h; AFFIXES],
        shape: h,
        short_shape: h,
        flags: 0,
        len: 0,
    }
}

/// Reusable buffers for [`analyse`].
#[derive(Default, Debug)]
pub(crate) struct LexBuf {
    norm: Vec<char>,
    lower: Vec<char>,
    shape: Vec<char>,
}

pub(crate) fn normalise_into(word: &str, out: &mut Vec<char>) {
    out.clear();
    for c in word.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '`' | '´' | '′' => out.push('\''),
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => out.push('"'),
            '‐' | '‑' | '‒' | '−' => out.push('-'),
            // Dashes are `--` in Penn Treebank text.
            '–' | '—' | '―' => out.extend(['-', '-']),
            '…' => out.extend(['.', '.', '.']),
            '\u{a0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    // CoreNLP-style and LaTeX-style double quotes written with two singles.
    if out.len() == 2 && out[0] == '\'' && out[1] == '\'' {
        out.truncate(1);
        out[0] = '"';
    }
    // A run of dashes is one dash token, whatever its length.
    if out.len() > 1 && out.iter().all(|&c| c == '-') {
        out.truncate(2);
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Analyses one word.
pub(crate) fn analyse(word: &str, buf: &mut LexBuf) -> Lex {
    normalise_into(word, &mut buf.norm);
    let norm = &buf.norm;
    let mut flags = 0u32;
    let mut n_upper = 0usize;
    let mut n_lower = 0usize;
    buf.lower.clear();
    buf.shape.clear();
    let mut short_shape = 0x5u64;
    let mut last_class = '\0';
    let mut run = 0usize;
    for (i, &c) in norm.iter().enumerate() {
        if c.is_uppercase() {
            n_upper += 1;
        } else if c.is_lowercase() {
            n_lower += 1;
        }
        if c.is_alphabetic() {
            flags |= HAS_ALPHA;
        }
        if c.is_ascii_digit() {
            flags |= HAS_DIGIT;
        }
        if c == '-' && i > 0 {
            flags |= HAS_HYPHEN;
        }
        if c == '.' {
            flags |= HAS_PERIOD;
        }
        if c.is_ascii_digit() {
            buf.lower.push('0');
        } else if c.is_ascii() {
            buf.lower.push(c.to_ascii_lowercase());
        } else {
            buf.lower.extend(c.to_lowercase());
        }
        let class = shape_class(c);
        if class == last_class {
            run += 1;
        } else {
            run = 1;
            short_shape = mix(short_shape, class as u64);
            last_class = class;
        }
        if run <= 4 {
            buf.shape.push(class);
        }
    }
    if n_upper > 0 {
        flags |= HAS_UPPER;
        if n_lower == 0 {
            flags |= ALL_UPPER;
        } else if norm[0].is_uppercase() {
            flags |= TITLE;
        }
    }
    if !norm.is_empty() && norm.iter().all(|&c| c == '"' || c == '\'') {
        flags |= QUOTE;
        if norm.contains(&'"') {
            flags |= QUOTE_DOUBLE;
        }
        let first = word.chars().next().unwrap_or(' ');
        if matches!(first, '“' | '‘' | '`' | '„' | '«') {
            flags |= QUOTE_OPEN;
        } else if matches!(first, '”' | '’' | '»') {
            flags |= QUOTE_CLOSE;
        }
    }
    let lower = &buf.lower;
    let mut suf = [0u64; AFFIXES];
    let mut pre = [0u64; AFFIXES];
    for k in 1..=AFFIXES {
        let s = lower.len().saturating_sub(k);
        suf[k - 1] = hash_chars(&lower[s..]);
        let p = norm.len().min(k);
        pre[k - 1] = hash_chars(&norm[..p]);
    }
    Lex {
        raw: hash_chars(norm),
        lower: hash_chars(lower),
        suf,
        pre,
        shape: hash_chars(&buf.shape),
        short_shape,
        flags,
        len: norm.len().min(255) as u8,
    }
}

/// Analyses a sentence into `out`, with two boundary pseudo-words on each
/// side, so that word `i` is at `out[i + 2]`.
pub(crate) fn analyse_sentence<S: AsRef<str>>(words: &[S], buf: &mut LexBuf, out: &mut Vec<Lex>) {
    out.clear();
    out.extend_from_slice(&BEFORE);
    for w in words {
        out.push(analyse(w.as_ref(), buf));
    }
    out.extend_from_slice(&AFTER);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(w: &str) -> Lex {
        analyse(w, &mut LexBuf::default())
    }

    #[test]
    fn quotes_are_normalised() {
        assert_eq!(lex("“").raw, lex("\"").raw);
        assert_eq!(lex("”").raw, lex("``").raw);
        assert_eq!(lex("’s").raw, lex("'s").raw);
        assert_eq!(lex("n’t").lower, lex("N'T").lower);
        assert_eq!(lex("—").raw, lex("--").raw);
        assert_eq!(lex("…").raw, lex("...").raw);
        assert!(lex("“").flags & QUOTE_OPEN != 0);
        assert!(lex("”").flags & QUOTE_CLOSE != 0);
        assert!(lex("\"").flags & (QUOTE_OPEN | QUOTE_CLOSE) == 0);
        assert!(lex("\"").flags & QUOTE_DOUBLE != 0);
    }

    #[test]
    fn shapes_and_flags() {
        assert_eq!(lex("Sokolov").shape, lex("Abcdefghij").shape);
        assert_ne!(lex("Sokolov").shape, lex("Abc").shape);
        assert_eq!(lex("U.S.").short_shape, lex("X.X.").short_shape);
        assert_eq!(lex("2016").lower, lex("1999").lower);
        let f = lex("Sokolov").flags;
        assert!(f & TITLE != 0 && f & ALL_UPPER == 0);
        assert!(lex("NATO").flags & ALL_UPPER != 0);
        assert!(lex("well-known").flags & HAS_HYPHEN != 0);
        assert_eq!(lex("said").suf[1], lex("paid").suf[1]);
        assert_eq!(lex("").len, 0);
    }
}
