//! The text stage: paragraphs, tokens and sentences.
//!
//! Tokens follow the Penn Treebank conventions closely enough for taggers
//! trained on CoreNLP output: punctuation is split off, clitics ('s, n't,
//! 're, 'll, 've, 'm, 'd) are separate tokens, abbreviations keep their
//! periods ("U.S.", "Mr.", "p.m."), numbers keep their separators
//! ("1,000.50"), hyphenated words stay whole. Quotation marks are tokens of
//! their own, including the `''` pair some newswire uses for a double quote.

use crate::Span;

/// What kind of token a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or periods.
    Word,
    /// Digits, possibly with separators.
    Number,
    /// A quotation mark or apostrophe-like mark standing alone.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
}

/// A token: a span and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// A paragraph: a run of text between line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph without its surrounding whitespace.
    pub span: Span,
}

/// A sentence with the range of its tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Index of the first token.
    pub first_token: u32,
    /// Index one past the last token.
    pub end_token: u32,
    /// Index of the paragraph it lies in.
    pub paragraph: u32,
}

impl Sentence {
    /// The token indices of this sentence.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first_token as usize..self.end_token as usize
    }
}

/// The lowercase form of every token, with curly apostrophes made straight,
/// kept in one buffer (one allocation per document, not per token).
#[derive(Clone, Debug, Default)]
pub struct Lowercase {
    buf: String,
    ends: Vec<u32>,
}

impl Lowercase {
    /// Lowercases every token of `text`.
    pub fn new(text: &str, tokens: &[Token]) -> Lowercase {
        let mut buf = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(tokens.len());
        for t in tokens {
            let w = t.span.slice(text);
            if w.is_ascii() {
                let start = buf.len();
                buf.push_str(w);
                buf[start..].make_ascii_lowercase();
            } else {
                for c in w.chars() {
                    if c == '\u{2019}' {
                        buf.push('\'');
                    } else {
                        buf.extend(c.to_lowercase());
                    }
                }
            }
            ends.push(buf.len() as u32);
        }
        Lowercase { buf, ends }
    }

    /// The lowercase form of token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[start..self.ends[i] as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Splits `text` into paragraphs: maximal runs of non-blank lines are not
/// merged; every line break ends a paragraph (newswire text in the wild
/// uses both single and double line breaks between paragraphs).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' || b == b'\r' {
            push_paragraph(text, start, i, &mut out);
            start = i + 1;
        }
    }
    push_paragraph(text, start, text.len(), &mut out);
    out
}

fn push_paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Paragraph>) {
    let span = Span::new(start, end).trim(text);
    if !span.is_empty() {
        out.push(Paragraph { span });
    }
}

/// The token index range of each paragraph, in order. Tokens never cross
/// paragraphs (they are made paragraph by paragraph), so one forward scan serves.
pub fn paragraph_token_ranges(
    paragraphs: &[Paragraph],
    tokens: &[Token],
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut t = 0usize;
    for p in paragraphs {
        while t < tokens.len() && tokens[t].span.end() <= p.span.start() {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].span.start() < p.span.end() {
            t += 1;
        }
        out.push(first..t);
    }
    out
}

/// True for characters that can be quotation marks (or apostrophes).
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '`'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Tokenizes one paragraph (or any stretch of text) starting at byte `base`.
pub fn tokenize_into(text: &str, within: Span, out: &mut Vec<Token>) {
    tokenize_with(text, within, out, &mut Vec::new());
}

/// [`tokenize_into`] with a scratch buffer the caller keeps between calls.
pub fn tokenize_with(
    text: &str,
    within: Span,
    out: &mut Vec<Token>,
    chars: &mut Vec<(usize, char)>,
) {
    let s = within.slice(text);
    let base = within.start();
    chars.clear();
    chars.extend(s.char_indices());
    let chars = &chars[..];
    let n = chars.len();
    let at = |i: usize| -> usize {
        if i < n {
            chars[i].0
        } else {
            s.len()
        }
    };
    let ch = |i: usize| -> Option<char> { chars.get(i).map(|&(_, c)| c) };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if is_word_char(c) {
            // A run of word characters with inner joiners.
            let mut j = i + 1;
            loop {
                match ch(j) {
                    Some(d) if is_word_char(d) => j += 1,
                    // inner hyphen, slash or ampersand between word chars: "far-right", "AT&T"
                    Some('-' | '&' | '\u{2011}') if ch(j + 1).is_some_and(is_word_char) => j += 2,
                    // decimal or thousands separator between digits
                    Some('.' | ',' | ':')
                        if ch(j - 1).is_some_and(|p| p.is_ascii_digit())
                            && ch(j + 1).is_some_and(|p| p.is_ascii_digit()) =>
                    {
                        j += 2
                    }
                    // an abbreviation with inner periods: U.S., p.m., e.g.
                    Some('.')
                        if ch(j + 1).is_some_and(|p| p.is_alphabetic())
                            && ch(j + 2) == Some('.')
                            && j - word_start(chars, j) <= 2 =>
                    {
                        j += 2
                    }
                    _ => break,
                }
            }
            // Apostrophe handling: split clitics, keep inner apostrophes of names (O'Brien).
            if ch(j).is_some_and(is_apostrophe) {
                let next = ch(j + 1);
                if next.is_some_and(char::is_alphabetic) {
                    // word'xx: is xx a clitic?
                    let mut k = j + 1;
                    while ch(k).is_some_and(char::is_alphabetic) {
                        k += 1;
                    }
                    let clitic: String = chars[j + 1..k].iter().map(|&(_, c)| c).collect();
                    let cl = clitic.to_ascii_lowercase();
                    let word_end_ok = !ch(k).is_some_and(is_word_char);
                    if word_end_ok && matches!(cl.as_str(), "s" | "re" | "ll" | "ve" | "m" | "d") {
                        // emit word, then clitic
                        out.push(tok(base, at(start), at(j), TokenKind::Word));
                        out.push(tok(base, at(j), at(k), TokenKind::Word));
                        i = k;
                        continue;
                    }
                    if word_end_ok && cl == "t" && j > start && matches!(ch(j - 1), Some('n' | 'N'))
                    {
                        // don't -> do n't ; can't -> ca n't
                        if j - 1 > start {
                            out.push(tok(base, at(start), at(j - 1), TokenKind::Word));
                            out.push(tok(base, at(j - 1), at(k), TokenKind::Word));
                            i = k;
                            continue;
                        }
                    }
                    {
                        // O'Brien, rock'n: keep together as one word
                        let mut m = k;
                        while ch(m).is_some_and(is_word_char) {
                            m += 1;
                        }
                        out.push(tok(base, at(start), at(m), TokenKind::Word));
                        i = m;
                        continue;
                    }
                }
            }
            // Trailing period of a known abbreviation or an initial stays on the word.
            if ch(j) == Some('.') {
                let word: String = chars[start..j].iter().map(|&(_, c)| c).collect();
                let inner_period = word.contains('.');
                if inner_period || crate::lexicon::is_abbreviation(&word) || is_initial(&word) {
                    j += 1;
                }
            }
            let w = &s[at(start)..at(j)];
            kind = if w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':'))
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(tok(base, at(start), at(j), kind));
            i = j;
            continue;
        }
        if is_quote_char(c) {
            // '' and `` are one double quotation mark.
            let mut j = i + 1;
            if (c == '\'' || c == '`') && ch(j) == Some(c) {
                j += 1;
            }
            // An apostrophe that starts a clitic after a quote-less word is handled above;
            // here: 's after a closing quote or number ('90s) stays a quote token.
            out.push(tok(base, at(i), at(j), TokenKind::Quote));
            i = j;
            continue;
        }
        // Runs of the same punctuation: "--", "...", "?!"
        let mut j = i + 1;
        if matches!(c, '-' | '.' | '?' | '!') {
            while ch(j) == Some(c) {
                j += 1;
            }
        }
        out.push(tok(base, at(i), at(j), TokenKind::Punct));
        i = j;
    }
}

fn word_start(chars: &[(usize, char)], j: usize) -> usize {
    let mut k = j;
    while k > 0 && chars[k - 1].1.is_alphabetic() {
        k -= 1;
    }
    k
}

fn is_initial(word: &str) -> bool {
    let mut it = word.chars();
    matches!((it.next(), it.next()), (Some(c), None) if c.is_uppercase())
}

fn tok(base: usize, s: usize, e: usize, kind: TokenKind) -> Token {
    Token {
        span: Span::new(base + s, base + e),
        kind,
    }
}

/// Splits the tokens of each paragraph into sentences.
///
/// A sentence ends at `.`, `?`, `!` or `…` (with any closing quotation marks
/// and brackets after it) when the next token can start a sentence. Titles
/// and other abbreviations that precede names ("Mr.", "St.", "Gen.") never
/// end a sentence; other abbreviations ("U.S.", "Inc.") end one only when
/// the next word is a typical sentence opener ("He", "The").
pub fn sentences(
    text: &str,
    paragraphs: &[Paragraph],
    tokens: &[Token],
    quote_close: &dyn Fn(usize) -> bool,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, range) in paragraph_token_ranges(paragraphs, tokens)
        .into_iter()
        .enumerate()
    {
        let (first, end) = (range.start, range.end);
        let mut s = first;
        let mut k = first;
        while k < end {
            if let Some(after) = sentence_end_after(text, tokens, k, end, quote_close) {
                push_sentence(tokens, s, after, pi, &mut out);
                s = after;
                k = after;
            } else {
                k += 1;
            }
        }
        if s < end {
            push_sentence(tokens, s, end, pi, &mut out);
        }
    }
    out
}

fn push_sentence(tokens: &[Token], a: usize, b: usize, p: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        span: tokens[a].span.cover(tokens[b - 1].span),
        first_token: a as u32,
        end_token: b as u32,
        paragraph: p as u32,
    });
}

/// If token `k` ends a sentence, the index of the first token of the next one.
fn sentence_end_after(
    text: &str,
    tokens: &[Token],
    k: usize,
    end: usize,
    quote_close: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let w = tokens[k].span.slice(text);
    let terminal = match tokens[k].kind {
        TokenKind::Punct => {
            w.starts_with('.') || w.starts_with('?') || w.starts_with('!') || w == "…"
        }
        TokenKind::Word => {
            // an abbreviation token carrying a final period
            w.ends_with('.') && w.len() > 1
        }
        _ => false,
    };
    if !terminal {
        return None;
    }
    let abbrev = tokens[k].kind == TokenKind::Word;
    // absorb closing quotes and brackets
    let mut j = k + 1;
    while j < end {
        let tj = tokens[j];
        let s = tj.span.slice(text);
        if (tj.kind == TokenKind::Quote && quote_close(j)) || matches!(s, ")" | "]" | "}") {
            j += 1;
        } else {
            break;
        }
    }
    if j >= end {
        return None; // the paragraph end closes it anyway
    }
    let next = tokens[j];
    let ns = next.span.slice(text);
    let first = ns.chars().next().unwrap_or(' ');
    let starts_ok = first.is_uppercase()
        || first.is_ascii_digit()
        || (next.kind == TokenKind::Quote && !quote_close(j))
        || matches!(first, '(' | '[' | '—' | '-');
    if !starts_ok {
        return None;
    }
    if abbrev {
        let lower = w.to_lowercase();
        if crate::lexicon::is_title_abbreviation(&lower) || is_initial(w.trim_end_matches('.')) {
            return None;
        }
        // "U.S. The" ends; "U.S. Senate" does not.
        if !crate::lexicon::is_sentence_opener(ns) {
            return None;
        }
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize_into(s, Span::new(0, s.len()), &mut v);
        v.iter().map(|t| t.span.slice(s)).collect()
    }

    #[test]
    fn clitics_and_abbreviations() {
        assert_eq!(
            toks("I don’t care if it’s Mr. Putin’s."),
            ["I", "do", "n’t", "care", "if", "it", "’s", "Mr.", "Putin", "’s", "."]
        );
        assert_eq!(
            toks("The U.S. paid $1,000.50 at 6:00 p.m."),
            ["The", "U.S.", "paid", "$", "1,000.50", "at", "6:00", "p.m."]
        );
        assert_eq!(
            toks("far-right O'Brien can't"),
            ["far-right", "O'Brien", "ca", "n't"]
        );
        assert_eq!(
            toks("''Yes,'' he said -- loudly..."),
            ["''", "Yes", ",", "''", "he", "said", "--", "loudly", "..."]
        );
    }

    #[test]
    fn paragraphs_split_on_line_breaks() {
        let t = "A b.\n\n  C d.\nE f.\n";
        let ps: Vec<&str> = paragraphs(t).iter().map(|p| p.span.slice(t)).collect();
        assert_eq!(ps, ["A b.", "C d.", "E f."]);
    }
}
