//! Text normalisation shared by deduplication and statement clustering.
//!
//! Two texts are the same after normalisation when they have the same **words** in the same
//! order: a word is a maximal run of letters and digits, lower-cased; apostrophes inside a
//! word are dropped ("won’t" → "wont"); everything else (spacing, punctuation, quotation
//! marks, dashes, markup remnants) separates words and is otherwise ignored. This is what
//! "the same normalised text" means for exact duplicates, and the word sequence is what
//! shingles are built from.

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// Calls `f` with each normalised word of `text`, in order.
///
/// The word is passed in a reused buffer, so this allocates only when a word is longer than
/// any before it.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if is_apostrophe(c)
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // inside a word: "won’t", "Lagarde's"
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The normalised words of `text`.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// The normalised words of `text` joined by single spaces.
pub fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_word(text, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

/// The 128-bit XXH3 hash of the normalised text: the identity of an article's content.
///
/// Equal to `xxh3_128(normalized(text))`, computed without building the string.
pub fn content_hash(text: &str) -> [u8; 16] {
    let mut h = Xxh3::new();
    let mut first = true;
    for_each_word(text, |w| {
        if !first {
            h.update(b" ");
        }
        first = false;
        h.update(w.as_bytes());
    });
    h.digest128().to_be_bytes()
}

/// A 64-bit hash of each normalised word.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(xxh3_64(w.as_bytes())));
    out
}

/// Hashes of the word `n`-grams (shingles) of a sequence of word hashes, in order, with
/// repeats. A sequence shorter than `n` gives one shingle of all its words; an empty one none.
pub fn shingles(words: &[u64], n: usize) -> Vec<u64> {
    if words.is_empty() {
        return Vec::new();
    }
    let n = n.clamp(1, words.len());
    words.windows(n).map(combine).collect()
}

/// Order-sensitive combination of word hashes into one shingle hash.
fn combine(ws: &[u64]) -> u64 {
    let mut h = 0x51_7cc1_b727_220a_u64 ^ ws.len() as u64;
    for &w in ws {
        h = (h.rotate_left(29) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h ^ (h >> 32)
}

/// A day `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`, as precise as the input) from a publication date
/// as sources give it: ISO 8601 / RFC 3339 (`2024-03-15T08:00:00Z`) or RFC 2822
/// (`Fri, 15 Mar 2024 08:00:00 GMT`). `None` when no date can be read.
pub fn day(published: &str) -> Option<String> {
    let s = published.trim();
    iso_day(s).or_else(|| rfc2822_day(s))
}

fn iso_day(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !digits(0..4) || b.get(4).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if b.get(4) == Some(&b'-') && digits(5..7) {
        let month: u32 = s[5..7].parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        if b.get(7) == Some(&b'-') && digits(8..10) && !b.get(10).is_some_and(u8::is_ascii_digit) {
            let d: u32 = s[8..10].parse().ok()?;
            return (1..=31).contains(&d).then(|| s[..10].to_string());
        }
        return Some(s[..7].to_string());
    }
    (b.len() == 4).then(|| s.to_string())
}

fn rfc2822_day(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut parts = s.split_whitespace();
    let d: u32 = parts.next()?.parse().ok()?;
    let m = parts.next()?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|&x| m.starts_with(x))? + 1;
    let y: u32 = parts.next()?.parse().ok()?;
    ((1..=31).contains(&d) && (1000..=9999).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Checks a date bound given to a query: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn is_date_bound(s: &str) -> bool {
    iso_day(s).is_some_and(|d| d == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_apostrophes_kept_inside() {
        assert_eq!(
            words("“We won’t go,” Lagarde's aide said — in Zürich, 2024!"),
            ["we", "wont", "go", "lagardes", "aide", "said", "in", "zürich", "2024"]
        );
        assert_eq!(words("'quoted' ''"), ["quoted"]);
        assert!(words("  —…  ").is_empty());
    }

    #[test]
    fn content_hash_ignores_spacing_punctuation_and_case() {
        let a = content_hash("“We will win,” Sokolov said.\n\nIt was late.");
        let b = content_hash("\"We  will WIN\" Sokolov said\nIt was late");
        assert_eq!(a, b);
        assert_ne!(a, content_hash("We will win, Sokolov said. It was early."));
        assert_eq!(
            content_hash("a b"),
            xxhash_rust::xxh3::xxh3_128(b"a b").to_be_bytes()
        );
    }

    #[test]
    fn shingles_of_short_sequences() {
        let w = word_hashes("one two three");
        assert_eq!(shingles(&w, 5).len(), 1);
        assert_eq!(shingles(&w, 2).len(), 2);
        assert!(shingles(&[], 2).is_empty());
        // order matters
        let v = word_hashes("three two one");
        assert_ne!(shingles(&w, 3), shingles(&v, 3));
    }

    #[test]
    fn days_from_common_date_forms() {
        assert_eq!(day("2024-03-15T08:00:00Z").as_deref(), Some("2024-03-15"));
        assert_eq!(day("2024-03-15").as_deref(), Some("2024-03-15"));
        assert_eq!(day("2024-03").as_deref(), Some("2024-03"));
        assert_eq!(day("2024").as_deref(), Some("2024"));
        assert_eq!(
            day("Fri, 15 Mar 2024 08:00:00 GMT").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(day("5 January 2023").as_deref(), Some("2023-01-05"));
        assert_eq!(day("yesterday"), None);
        assert_eq!(day("2024-13-01"), None);
        assert_eq!(day("20240315"), None);
        assert!(is_date_bound("2024-03"));
        assert!(!is_date_bound("2024-03-15T00:00"));
        assert!(!is_date_bound("March"));
    }
}
