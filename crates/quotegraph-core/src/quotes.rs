//! The quotation-mark stage: tells quotation marks from apostrophes and
//! pairs opening with closing marks.
//!
//! Pairing is done paragraph by paragraph with a stack, so a stray or
//! unbalanced mark can never swallow more than the rest of its paragraph.
//! The newswire convention for quotes over several paragraphs — every
//! paragraph opens a mark, only the last one closes — is recognised: a
//! double quote still open at a paragraph's end continues when the next
//! paragraph starts with an opening mark, and the segments are chained.

use crate::text::{Paragraph, Token, TokenKind};
use crate::Span;

/// The role a quotation-mark token plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRole {
    /// Opens a quotation.
    Open,
    /// Closes a quotation.
    Close,
    /// An apostrophe (don’t, ’90s, the Joneses’) or a mark used as a prime.
    Apostrophe,
    /// A mark that pairs with nothing.
    Stray,
}

/// One quotation: from its opening mark to its closing mark (or to the end
/// of its paragraph when it is not closed there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark's start to the closing mark's end (or the
    /// paragraph's end).
    pub span: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark, if the quote is closed in its paragraph.
    pub close: Option<Span>,
    /// True for double quotation marks (“ ” " '' « » „), false for single.
    pub double: bool,
    /// Nesting depth: 0 for a top-level quote.
    pub depth: u8,
    /// Paragraph index.
    pub paragraph: u32,
    /// Index of the token of the opening mark.
    pub open_token: u32,
    /// Index one past the last token inside the quote, closing mark included.
    pub end_token: u32,
    /// Index of the previous segment when this quote continues one from the
    /// previous paragraph.
    pub continues: Option<u32>,
    /// True when the quote is left open at its paragraph's end and the next
    /// paragraph continues it.
    pub continued: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Open,
    Close,
    Either,
    Apostrophe,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    /// “ ” „ " '' ``
    Double,
    /// ‘ ’ ‚ ' `
    Single,
    /// « »
    Guillemet,
    /// ‹ ›
    SingleGuillemet,
}

fn classify(text: &str, t: Token, para: Span) -> (Family, Dir, char) {
    let s = t.span.slice(text);
    let first = s.chars().next().unwrap_or('"');
    let before = text[para.start()..t.span.start()].chars().next_back();
    let after = text[t.span.end()..para.end()].chars().next();
    let left_open = before.is_none_or(|c| {
        c.is_whitespace()
            || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
            || crate::text::is_quote_char(c)
    });
    let right_open = after.is_none_or(|c| {
        c.is_whitespace()
            || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–')
            || crate::text::is_quote_char(c)
    });
    let after_alnum = after.is_some_and(char::is_alphanumeric);
    let before_alnum = before.is_some_and(char::is_alphanumeric);
    let after_digit = after.is_some_and(|c| c.is_ascii_digit());
    match (first, s.chars().count()) {
        ('\u{201C}' | '\u{201E}' | '\u{201F}', _) => (Family::Double, Dir::Open, first),
        ('\u{201D}', _) => (
            Family::Double,
            if left_open && !right_open {
                Dir::Open
            } else {
                Dir::Close
            },
            first,
        ),
        ('`', 2) => (Family::Double, Dir::Open, first),
        ('`', _) => (Family::Single, Dir::Open, first),
        ('"', _) | ('\'', 2) => {
            let d = if left_open && !right_open {
                Dir::Open
            } else if !left_open && right_open {
                Dir::Close
            } else {
                Dir::Either
            };
            (Family::Double, d, first)
        }
        ('\u{00AB}', _) => (Family::Guillemet, Dir::Open, first),
        ('\u{00BB}', _) => (Family::Guillemet, Dir::Close, first),
        ('\u{2039}', _) => (Family::SingleGuillemet, Dir::Open, first),
        ('\u{203A}', _) => (Family::SingleGuillemet, Dir::Close, first),
        ('\u{2018}' | '\u{201A}' | '\u{201B}', _) => {
            if after_digit || (before_alnum && after_alnum) {
                (Family::Single, Dir::Apostrophe, first)
            } else {
                (Family::Single, Dir::Open, first)
            }
        }
        // ’ and '
        _ => {
            if before_alnum && after_alnum {
                (Family::Single, Dir::Apostrophe, first)
            } else if left_open && (after_digit || first == '\u{2019}') {
                // ’90s; and writers who use curly quotes open with ‘, so a ’ after a
                // space is an elision (’n’, ’em)
                (Family::Single, Dir::Apostrophe, first)
            } else if left_open && !right_open {
                (Family::Single, Dir::Open, first)
            } else if !left_open {
                (Family::Single, Dir::Close, first)
            } else {
                (Family::Single, Dir::Apostrophe, first)
            }
        }
    }
}

/// The result of the quotation-mark stage.
#[derive(Clone, Debug, Default)]
pub struct QuoteLayer {
    /// Quotes sorted by start.
    pub quotes: Vec<Quote>,
    /// The role of each quotation-mark token, by token index (None for other tokens).
    pub roles: Vec<Option<MarkRole>>,
}

/// Finds and pairs quotation marks.
pub fn pair_quotes(text: &str, paragraphs: &[Paragraph], tokens: &[Token]) -> QuoteLayer {
    let mut roles: Vec<Option<MarkRole>> = vec![None; tokens.len()];
    let mut quotes: Vec<Quote> = Vec::new();
    // index of a quote left open at the end of the previous paragraph
    let mut pending: Option<usize> = None;
    let ranges = crate::text::paragraph_token_ranges(paragraphs, tokens);
    for (pi, (p, range)) in paragraphs.iter().zip(ranges).enumerate() {
        let (first, end) = (range.start, range.end);
        // (family, token index) of open marks
        let mut stack: Vec<(Family, usize, char)> = Vec::new();
        let mut closed: Vec<(usize, usize, Family, u8)> = Vec::new(); // (open tok, close tok, fam, depth)
        for (k, tk) in tokens.iter().enumerate().take(end).skip(first) {
            if tk.kind != TokenKind::Quote {
                continue;
            }
            let (fam, dir, ch) = classify(text, *tk, p.span);
            let open_of_family = stack.iter().rposition(|&(f, _, _)| f == fam);
            let dir = match dir {
                Dir::Either => {
                    if open_of_family.is_some() {
                        Dir::Close
                    } else {
                        Dir::Open
                    }
                }
                Dir::Apostrophe if fam == Family::Single && ch == '\u{2019}' => {
                    // ’ after a space closes an open single quote that is directly before it? No:
                    // keep as apostrophe.
                    Dir::Apostrophe
                }
                // „ … “ : a “ closes a quote opened with „
                Dir::Open
                    if (ch == '\u{201C}' || ch == '\u{2018}')
                        && stack.last().is_some_and(|&(f, _, c)| {
                            f == fam && matches!(c, '\u{201E}' | '\u{201A}')
                        }) =>
                {
                    Dir::Close
                }
                d => d,
            };
            match dir {
                Dir::Open => {
                    roles[k] = Some(MarkRole::Open);
                    stack.push((fam, k, ch));
                }
                Dir::Close => {
                    if let Some(pos) = open_of_family {
                        // marks opened after the matching one and not closed are strays
                        for &(f, j, _) in &stack[pos + 1..] {
                            roles[j] = Some(if f == Family::Single {
                                MarkRole::Apostrophe
                            } else {
                                MarkRole::Stray
                            });
                        }
                        let (_, j, _) = stack[pos];
                        stack.truncate(pos);
                        roles[k] = Some(MarkRole::Close);
                        closed.push((j, k, fam, pos as u8));
                    } else if fam == Family::Single {
                        roles[k] = Some(MarkRole::Apostrophe); // the Joneses’
                    } else {
                        roles[k] = Some(MarkRole::Stray);
                    }
                }
                Dir::Apostrophe | Dir::Either => roles[k] = Some(MarkRole::Apostrophe),
            }
        }
        // Marks still open at the paragraph's end.
        let next_opens = next_paragraph_opens(text, paragraphs, pi, tokens, end);
        let mut still_open: Vec<(usize, Family, u8)> = Vec::new();
        for (depth, &(fam, j, _)) in stack.iter().enumerate() {
            if fam == Family::Single {
                roles[j] = Some(MarkRole::Apostrophe);
            } else {
                still_open.push((j, fam, depth as u8));
            }
        }
        // Build quotes of this paragraph in order of their opening marks.
        let mut segs: Vec<(usize, Option<usize>, Family, u8)> = closed
            .iter()
            .map(|&(j, k, f, d)| (j, Some(k), f, d))
            .collect();
        segs.extend(still_open.iter().map(|&(j, f, d)| (j, None, f, d)));
        segs.sort_by_key(|s| s.0);
        let carry = pending.take();
        let mut new_pending = None;
        for (j, k, fam, depth) in segs {
            let open = tokens[j].span;
            let (close, end_span, end_token) = match k {
                Some(k) => (Some(tokens[k].span), tokens[k].span.end(), k + 1),
                None => (None, p.span.end(), end),
            };
            let continues = if j == first && depth == 0 {
                carry.map(|c| c as u32)
            } else {
                None
            };
            let idx = quotes.len();
            let continued = k.is_none() && depth == 0 && next_opens;
            if continued {
                new_pending = Some(idx);
            }
            quotes.push(Quote {
                span: Span::new(open.start(), end_span),
                open,
                close,
                double: matches!(fam, Family::Double | Family::Guillemet),
                depth,
                paragraph: pi as u32,
                open_token: j as u32,
                end_token: end_token as u32,
                continues,
                continued,
            });
        }
        pending = new_pending;
    }
    quotes.sort_by_key(|q| (q.span.start(), std::cmp::Reverse(q.span.end())));
    QuoteLayer { quotes, roles }
}

fn next_paragraph_opens(
    text: &str,
    paragraphs: &[Paragraph],
    pi: usize,
    tokens: &[Token],
    end: usize,
) -> bool {
    let Some(next) = paragraphs.get(pi + 1) else {
        return false;
    };
    let Some(tk) = tokens.get(end) else {
        return false;
    };
    if tk.kind != TokenKind::Quote || tk.span.start() != next.span.start() {
        return false;
    }
    let (fam, dir, _) = classify(text, *tk, next.span);
    matches!(fam, Family::Double | Family::Guillemet) && matches!(dir, Dir::Open | Dir::Either)
}

impl QuoteLayer {
    /// True when token `k` is a closing quotation mark.
    pub fn is_close(&self, k: usize) -> bool {
        self.roles.get(k).copied().flatten() == Some(MarkRole::Close)
    }

    /// True when token `k` is an opening quotation mark.
    pub fn is_open(&self, k: usize) -> bool {
        self.roles.get(k).copied().flatten() == Some(MarkRole::Open)
    }

    /// The innermost double quote containing the byte range, if any.
    pub fn enclosing(&self, span: Span) -> Option<usize> {
        self.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.double && q.span.contains(span) && q.open.end() <= span.start())
            .max_by_key(|(_, q)| q.span.start())
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraphs, tokenize_into};

    fn layer(t: &str) -> (Vec<Token>, QuoteLayer) {
        let ps = paragraphs(t);
        let mut toks = Vec::new();
        for p in &ps {
            tokenize_into(t, p.span, &mut toks);
        }
        let q = pair_quotes(t, &ps, &toks);
        (toks, q)
    }

    fn quoted(t: &str) -> Vec<&str> {
        layer(t).1.quotes.iter().map(|q| q.span.slice(t)).collect()
    }

    #[test]
    fn curly_pairs_and_apostrophes() {
        let t = "“I don’t care if it’s small,” Johnny said. “Rock ’n’ roll in the ’90s.”";
        assert_eq!(
            quoted(t),
            [
                "“I don’t care if it’s small,”",
                "“Rock ’n’ roll in the ’90s.”"
            ]
        );
    }

    #[test]
    fn straight_and_double_apostrophe_quotes() {
        assert_eq!(
            quoted("He said \"yes,\" and \"no.\""),
            ["\"yes,\"", "\"no.\""]
        );
        assert_eq!(
            quoted("''I know,'' he said. ''They're here.''"),
            ["''I know,''", "''They're here.''"]
        );
    }

    #[test]
    fn nested_quotes() {
        let t = "“He told me ‘never again’ today,” she said.";
        let (_, q) = layer(t);
        let spans: Vec<(&str, u8)> = q
            .quotes
            .iter()
            .map(|q| (q.span.slice(t), q.depth))
            .collect();
        assert_eq!(
            spans,
            [
                ("“He told me ‘never again’ today,”", 0),
                ("‘never again’", 1)
            ]
        );
    }

    #[test]
    fn possessive_plural_is_not_a_quote() {
        assert!(quoted("The Joneses’ house and the players’ union.").is_empty());
        assert_eq!(
            quoted("It is the Joneses’ house, ‘they said’."),
            ["‘they said’"]
        );
    }

    #[test]
    fn guillemets_and_low_marks() {
        assert_eq!(quoted("Il a dit « non » hier."), ["« non »"]);
        assert_eq!(quoted("Er sagte „nein“ gestern."), ["„nein“"]);
        assert_eq!(quoted("Han sa ‚ja‘ igår."), ["‚ja‘"]);
    }

    #[test]
    fn unbalanced_mark_stays_in_its_paragraph() {
        let t = "He said “this never closes.\n\nA new paragraph with “a quote” here.";
        let qs = quoted(t);
        assert_eq!(qs, ["“this never closes.", "“a quote”"]);
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "“First part.\n\n“Second part.”\n\nAfter.";
        let (_, q) = layer(t);
        assert_eq!(q.quotes.len(), 2);
        assert!(q.quotes[0].continued);
        assert_eq!(q.quotes[1].continues, Some(0));
        assert_eq!(q.quotes[1].span.slice(t), "“Second part.”");
    }

    #[test]
    fn stray_closer_is_ignored() {
        let t = "He said” something “odd” here.";
        assert_eq!(quoted(t), ["“odd”"]);
    }
}
