//! The cheap per-word analysis of the mention tagger.
//!
//! Every word of a sentence gets a one-pass check (does it have an
//! upper-case letter, does it start with a letter); only the candidate
//! words and their neighbours get a [`Word`]: hashes of the lower-cased
//! form, the collapsed shape and short affixes, computed in one pass over
//! the chars with no allocation.

use crate::hash::mix;

/// Flag: the word has an upper-case letter (a candidate).
pub(crate) const UPPER: u8 = 1;
/// Flag: the word starts with a letter.
pub(crate) const ALPHA_START: u8 = 1 << 1;
/// Flag: the first char is upper case.
pub(crate) const UPPER_START: u8 = 1 << 2;
/// Flag: an opening bracket, quote, colon or dash: what follows starts a
/// clause, as after a sentence start.
pub(crate) const OPENER: u8 = 1 << 3;

const SEED: u64 = 0x6a09_e667_f3bc_c908;

/// The hashed analysis of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// Lower-cased form (digits as `0`, quotes and dashes normalised).
    pub lower: u64,
    /// Shape with runs collapsed: `Xx`, `X`, `X.`, `Xx-Xx`, `x`, `d`, ...
    pub shape: u64,
    /// Last three chars of the lower-cased form, packed (21 bits each).
    pub suf: u64,
    /// First three chars of the lower-cased form, packed.
    pub pre: u64,
}

/// Boundary pseudo-words: two before the sentence, two after.
pub(crate) const BEFORE: [Word; 2] = [boundary(0xb0), boundary(0xb1)];
/// See [`BEFORE`].
pub(crate) const AFTER: [Word; 2] = [boundary(0xe0), boundary(0xe1)];

const fn boundary(tag: u64) -> Word {
    let h = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(tag + 1);
    Word {
        lower: h,
        shape: h,
        suf: h,
        pre: h,
    }
}

/// The quick flags of a word (`UPPER`, `ALPHA_START`, ...), one pass over
/// its bytes, decoding chars only for non-ASCII words.
#[inline]
pub(crate) fn quick_flags(word: &str) -> u8 {
    let b = word.as_bytes();
    let Some(&first) = b.first() else {
        return 0;
    };
    if first.is_ascii() {
        let mut f = 0;
        if first.is_ascii_alphabetic() {
            f |= ALPHA_START;
            if first.is_ascii_uppercase() {
                return f | UPPER_START | UPPER;
            }
        } else if is_opener(b) {
            f |= OPENER;
        }
        for &c in &b[1..] {
            if c.is_ascii_uppercase() {
                return f | UPPER;
            }
            if !c.is_ascii() {
                return f | non_ascii_upper(word);
            }
        }
        return f;
    }
    let mut chars = word.chars();
    let c = chars.next().unwrap_or(' ');
    let mut f = 0;
    if c.is_alphabetic() {
        f |= ALPHA_START;
        if c.is_uppercase() {
            return f | UPPER_START | UPPER;
        }
    } else if matches!(c, '“' | '‘' | '—' | '–' | '«' | '„') {
        f |= OPENER;
    }
    if chars.any(char::is_uppercase) {
        f |= UPPER;
    }
    f
}

/// An ASCII opening bracket, quote, colon or dash token (`(`, `"`,
/// ```` `` ````, `--`, a lone `'`, but not the clitic `'s`).
#[inline]
fn is_opener(b: &[u8]) -> bool {
    matches!(
        b,
        b"(" | b"[" | b"{" | b"\"" | b"`" | b"``" | b"'" | b":" | b"-" | b"--"
    )
}

#[cold]
fn non_ascii_upper(word: &str) -> u8 {
    if word.chars().any(char::is_uppercase) {
        UPPER
    } else {
        0
    }
}

/// Lower-case words that may sit inside a name between two capitalised
/// words ("Bank of America", "Charles de Gaulle", "Ben & Jerry").
#[inline]
pub(crate) fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "and"
            | "for"
            | "the"
            | "de"
            | "da"
            | "du"
            | "des"
            | "del"
            | "della"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "&"
            | "v."
            | "y"
    )
}

#[inline]
fn normalise(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '`' | '´' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‐' | '‑' | '‒' | '−' | '–' | '—' | '―' => '-',
        _ => c,
    }
}

/// Analyses one word.
#[inline]
pub(crate) fn analyse(word: &str) -> Word {
    let mut a = Analysis::default();
    if word.is_ascii() {
        for &b in word.as_bytes() {
            a.push(ascii_class(b));
        }
    } else {
        for c in word.chars() {
            a.push(if c.is_ascii() {
                ascii_class(c as u8)
            } else {
                char_class(c)
            });
        }
    }
    a.finish()
}

/// The lower-cased char and shape class of an ASCII byte.
#[inline]
fn ascii_class(b: u8) -> (u32, u8) {
    if b.is_ascii_lowercase() {
        (b as u32, b'x')
    } else if b.is_ascii_uppercase() {
        (b.to_ascii_lowercase() as u32, b'X')
    } else if b.is_ascii_digit() {
        (b'0' as u32, b'd')
    } else {
        (b as u32, b)
    }
}

/// The lower-cased char and shape class of a non-ASCII char.
fn char_class(c: char) -> (u32, u8) {
    let c = normalise(c);
    if c.is_ascii() {
        (c as u32, c as u8)
    } else if c.is_uppercase() {
        (c.to_lowercase().next().unwrap_or(c) as u32, b'X')
    } else if c.is_lowercase() {
        (c as u32, b'x')
    } else if c.is_alphabetic() {
        (c as u32, b'a')
    } else {
        (c as u32, b'?')
    }
}

/// A word analysis in progress.
struct Analysis {
    lower: u64,
    shape: u64,
    last_class: u8,
    suf: u64,
    pre: u64,
    n: u32,
}

impl Default for Analysis {
    fn default() -> Analysis {
        Analysis {
            lower: SEED,
            shape: 0x5,
            last_class: 0,
            suf: 0,
            pre: 0,
            n: 0,
        }
    }
}

impl Analysis {
    #[inline]
    fn push(&mut self, (lc, class): (u32, u8)) {
        self.lower = mix(self.lower, lc as u64);
        if class != self.last_class {
            self.shape = mix(self.shape, class as u64);
            self.last_class = class;
        }
        self.suf = (self.suf << 21 | lc as u64) & ((1 << 63) - 1);
        if self.n < 3 {
            self.pre = self.pre << 21 | lc as u64;
        }
        self.n += 1;
    }

    #[inline]
    fn finish(self) -> Word {
        Word {
            lower: mix(self.lower, self.n as u64),
            shape: self.shape,
            suf: self.suf,
            pre: self.pre,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert_eq!(quick_flags("Trump"), UPPER | ALPHA_START | UPPER_START);
        assert_eq!(quick_flags("said"), ALPHA_START);
        assert_eq!(quick_flags("iPhone"), ALPHA_START | UPPER);
        assert_eq!(quick_flags("al-Assad"), ALPHA_START | UPPER);
        assert_eq!(quick_flags("Ébola"), ALPHA_START | UPPER_START | UPPER);
        assert_eq!(quick_flags("café"), ALPHA_START);
        assert_eq!(quick_flags("caféX"), ALPHA_START | UPPER);
        assert_eq!(quick_flags("“"), OPENER);
        assert_eq!(quick_flags("("), OPENER);
        assert_eq!(quick_flags("’s"), 0);
        assert_eq!(quick_flags("'s"), 0);
        assert_eq!(quick_flags("--"), OPENER);
        assert_eq!(quick_flags("``"), OPENER);
        assert_eq!(quick_flags("2016"), 0);
        assert_eq!(quick_flags(""), 0);
    }

    #[test]
    fn analysis() {
        let a = analyse("O’Malley");
        assert_eq!(a, analyse("O'Malley"));
        assert_eq!(a.lower, analyse("o'malley").lower);
        assert_ne!(a.shape, analyse("o'malley").shape);
        assert_eq!(analyse("Trump").shape, analyse("Sokolov").shape);
        assert_eq!(analyse("Trump").suf, analyse("rump").suf);
        assert_eq!(analyse("2016").lower, analyse("1999").lower);
        assert_ne!(analyse("US").lower, analyse("USA").lower);
        assert!(is_connector("of") && !is_connector("said"));
    }
}
