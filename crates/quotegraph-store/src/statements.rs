//! Statements: the same quote across articles, clustered.
//!
//! # The rule
//!
//! A new attribution joins an existing statement when
//! 1. their contents have the same normalised words ([`crate::norm`]), or both have at least
//!    [`MIN_FUZZY_WORDS`] words and the **containment** of their word-bigram sets — shared
//!    bigrams divided by the bigrams of the shorter one — is at least [`MIN_CONTAINMENT`]; and
//! 2. their speakers are compatible: one of them is unknown, or their name keys are equal,
//!    or one key is the other's surname ("sokolov" and "ivan sokolov").
//!
//! Containment rather than similarity makes a truncated quote (an outlet printing the first
//! half) join the full one, and bigrams tolerate small edits: one changed word in a
//! ten-word quote removes 2 of 9 bigrams (containment 0.78), two changed words remove 4
//! (0.56, a different statement). Short quotes ("No comment", "We will win") join only on
//! identical words, and never across incompatible speakers. When several statements
//! qualify, the oldest with identical words wins; failing that, the one with the highest
//! containment, then the oldest.
//!
//! # Finding candidates
//!
//! A statement is filed under lookup keys: the hash of its normalised words, and for quotes of
//! [`MIN_FUZZY_WORDS`] words or more, [`QUOTE_KEYS`](crate::minhash::QUOTE_KEYS) MinHash
//! slots over word trigrams ([`crate::minhash::quote_keys`]). A pair whose trigram sets have
//! Jaccard similarity `j` shares at least one slot with probability `1 − (1 − j)⁶` (0.98 for
//! a quote cut to half its length). Each key lookup reads at most [`CANDIDATES_PER_KEY`]
//! statements, the newest first, so that a key shared by thousands of quotes costs no more
//! than a rare one. The statement's text compared is its first appearance's.

use rusqlite::{params, Transaction};

use crate::error::Result;
use crate::minhash::quote_keys;
use crate::norm::{normalized, shingles, word_hashes};

/// Quotes shorter than this (in words) cluster only on identical words.
pub const MIN_FUZZY_WORDS: usize = 6;
/// Bigram containment from which two quotes are the same statement.
pub const MIN_CONTAINMENT: f64 = 0.7;
/// Statements read per lookup key.
pub const CANDIDATES_PER_KEY: usize = 16;

/// A quote's content in the forms clustering compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteShape {
    /// The normalised words joined by spaces.
    pub norm: String,
    /// Number of words.
    pub words: usize,
    /// Sorted, distinct hashes of the word bigrams.
    pub bigrams: Vec<u64>,
    /// Lookup keys: the exact key first, then MinHash keys for long enough quotes.
    pub keys: Vec<i64>,
}

impl QuoteShape {
    /// The shape of a quote's content text.
    pub fn new(content: &str) -> QuoteShape {
        let norm = normalized(content);
        let words = word_hashes(&norm);
        let mut bigrams = shingles(&words, 2);
        bigrams.sort_unstable();
        bigrams.dedup();
        let mut keys = Vec::new();
        if !norm.is_empty() {
            keys.push(exact_key(&norm));
            if words.len() >= MIN_FUZZY_WORDS {
                keys.extend(quote_keys(&shingles(&words, 3)));
            }
        }
        QuoteShape {
            words: words.len(),
            norm,
            bigrams,
            keys,
        }
    }

    /// How well this quote matches another under the rule's first part: `Some(containment)`
    /// (1.0 for identical words) or `None`.
    pub fn matches(&self, other: &QuoteShape) -> Option<f64> {
        if self.norm.is_empty() {
            return None;
        }
        if self.norm == other.norm {
            return Some(1.0);
        }
        if self.words < MIN_FUZZY_WORDS || other.words < MIN_FUZZY_WORDS {
            return None;
        }
        let c = containment(&self.bigrams, &other.bigrams);
        (c >= MIN_CONTAINMENT).then_some(c)
    }
}

/// The exact-content key.
fn exact_key(norm: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(norm.as_bytes(), 0x0051_554f_5445) as i64
}

/// |a ∩ b| / min(|a|, |b|) of two sorted, distinct lists.
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / smaller as f64
}

/// The rule's second part, on name keys.
pub fn compatible_speakers(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let surname_of =
        |short: &str, long: &str| !short.contains(' ') && long.rsplit(' ').next() == Some(short);
    a == b || surname_of(a, b) || surname_of(b, a)
}

/// The two lookups of [`assign`], prepared once per batch.
///
/// Not from the connection's statement cache: the cache clears a statement's bindings when it
/// takes it back, and for the key lookup SQLite then re-compiles the statement at its next
/// use (its plan may depend on the bound key), which cost more than the lookup itself.
pub(crate) struct Queries<'c> {
    lookup: rusqlite::Statement<'c>,
    read: rusqlite::Statement<'c>,
}

impl<'c> Queries<'c> {
    pub(crate) fn new(tx: &'c Transaction<'_>) -> Result<Self> {
        Ok(Queries {
            lookup: tx.prepare(&format!(
                "SELECT statement_id FROM statement_keys WHERE key = ?1
                 ORDER BY statement_id DESC LIMIT {CANDIDATES_PER_KEY}"
            ))?,
            read: tx.prepare("SELECT norm, speaker_key FROM statements WHERE id = ?1")?,
        })
    }
}

/// Files one appearance: finds the statement it belongs to or starts a new one, and counts
/// the appearance. Returns the statement id (`None` for a content without words).
pub(crate) fn assign(
    tx: &Transaction<'_>,
    queries: &mut Queries<'_>,
    quote: &QuoteShape,
    content: &str,
    speaker: Option<&str>,
    day: Option<&str>,
) -> Result<Option<i64>> {
    if quote.keys.is_empty() {
        return Ok(None);
    }
    // the common case first: the same words, under the exact key (the oldest such statement)
    let Queries { lookup, read } = queries;
    let mut exact: Vec<i64> = lookup
        .query_map([quote.keys[0]], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    exact.sort_unstable();
    for &id in &exact {
        let (norm, their_speaker): (String, Option<String>) =
            read.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if norm == quote.norm && compatible_speakers(speaker, their_speaker.as_deref()) {
            count_appearance(tx, id, speaker, day)?;
            return Ok(Some(id));
        }
    }
    let mut candidates: Vec<i64> = Vec::new();
    {
        for &key in &quote.keys[1..] {
            let rows = lookup.query_map([key], |r| r.get(0))?;
            for id in rows {
                let id: i64 = id?;
                if !candidates.contains(&id) {
                    candidates.push(id);
                }
            }
        }
    }
    let mut best: Option<(f64, i64, bool)> = None; // (containment, id, identical)
    if !candidates.is_empty() {
        for id in candidates {
            let (norm, their_speaker): (String, Option<String>) =
                read.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if !compatible_speakers(speaker, their_speaker.as_deref()) {
                continue;
            }
            let identical = norm == quote.norm;
            let score = if identical {
                Some(1.0)
            } else {
                quote.matches(&QuoteShape::new(&norm))
            };
            if let Some(score) = score {
                let better = best.is_none_or(|(s, b, _)| score > s || (score == s && id < b));
                if better {
                    best = Some((score, id, identical));
                }
            }
        }
    }
    let id = match best {
        Some((_, id, identical)) => {
            count_appearance(tx, id, speaker, day)?;
            if !identical {
                add_keys(tx, id, &quote.keys)?;
            }
            id
        }
        None => {
            let id: i64 = tx
                .prepare_cached(
                    "INSERT INTO statements (norm, content, speaker_key, appearances, first_day)
                     VALUES (?1, ?2, ?3, 1, ?4) RETURNING id",
                )?
                .query_row(params![quote.norm, content, speaker, day], |r| r.get(0))?;
            add_keys(tx, id, &quote.keys)?;
            id
        }
    };
    Ok(Some(id))
}

fn count_appearance(
    tx: &Transaction<'_>,
    id: i64,
    speaker: Option<&str>,
    day: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE statements SET appearances = appearances + 1,
             speaker_key = COALESCE(speaker_key, ?2),
             first_day = CASE WHEN ?3 IS NOT NULL AND (first_day IS NULL OR ?3 < first_day)
                         THEN ?3 ELSE first_day END
         WHERE id = ?1",
    )?
    .execute(params![id, speaker, day])?;
    Ok(())
}

fn add_keys(tx: &Transaction<'_>, id: i64, keys: &[i64]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO statement_keys (key, statement_id) VALUES (?1, ?2)",
    )?;
    for &key in keys {
        insert.execute(params![key, id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = "“We want to democratise Russia. And it won’t be possible in the current \
                        situation without an armed struggle,”";

    #[test]
    fn identical_words_match_whatever_the_punctuation() {
        let a = QuoteShape::new("“We will win,”");
        let b = QuoteShape::new("\"we will WIN\"");
        assert_eq!(a.matches(&b), Some(1.0));
        assert_eq!(a.keys[0], b.keys[0]);
        assert_eq!(a.keys.len(), 1, "short quotes have only the exact key");
    }

    #[test]
    fn truncation_and_a_small_edit_match_a_different_quote_does_not() {
        let full = QuoteShape::new(FULL);
        let cut = QuoteShape::new("“We want to democratise Russia. And it won’t be possible");
        assert_eq!(
            cut.matches(&full),
            Some(1.0),
            "a prefix is contained entirely"
        );
        let edited = QuoteShape::new(
            "We want to democratize Russia. And it won’t be possible in the current situation \
             without an armed struggle",
        );
        let c = edited.matches(&full).expect("one changed word");
        assert!(c > 0.85 && c < 1.0, "{c}");
        let other = QuoteShape::new("We want to rebuild Ukraine, and it will be possible soon");
        assert_eq!(other.matches(&full), None);
        // short quotes never match fuzzily
        assert_eq!(
            QuoteShape::new("we will win").matches(&QuoteShape::new("we will")),
            None
        );
    }

    #[test]
    fn two_edits_in_ten_words_is_a_different_statement() {
        let a = QuoteShape::new("one two three four five six seven eight nine ten");
        let b = QuoteShape::new("one two three XX five six seven YY nine ten");
        assert_eq!(containment(&a.bigrams, &b.bigrams), 5.0 / 9.0);
        assert_eq!(a.matches(&b), None);
        let c = QuoteShape::new("one two three four five six seven eight nine TEN2");
        assert_eq!(a.matches(&c), Some(8.0 / 9.0));
    }

    #[test]
    fn speaker_compatibility() {
        assert!(compatible_speakers(None, Some("ivan sokolov")));
        assert!(compatible_speakers(Some("sokolov"), Some("ivan sokolov")));
        assert!(compatible_speakers(Some("ivan sokolov"), Some("sokolov")));
        assert!(!compatible_speakers(
            Some("ivan sokolov"),
            Some("dmitry sokolov")
        ));
        assert!(!compatible_speakers(Some("johnny"), Some("sokolov")));
    }
}
