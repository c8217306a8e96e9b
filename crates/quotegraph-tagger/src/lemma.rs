//! Lemmatization learned from CoreNLP's lemma column.
//!
//! A lemma is produced by an edit *transform* of the (quote-normalised)
//! word: optionally lower-case it, strip `n` final chars, append a string
//! (`said` → lower, strip 3, append `ay`). Training learns:
//!
//! * suffix rules: for a POS tag and the longest known suffix of `^word`,
//!   the most frequent transform among training words (for unseen words);
//! * exceptions: (lower-cased word, POS) pairs whose majority transform the
//!   rules get wrong (`was`/VBD → `be`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::corpus::{read_split, sentences, Sentence};
use crate::error::{Error, Result};
use crate::format::{self, Kind, Reader, Writer};
use crate::hash::{hash_chars, key, U32Table};
use crate::lex::normalise_into;
use crate::perceptron::argmax;
use crate::pos::PosTag;
use crate::train::TrainOptions;

const FEATURES: u8 = 1;
/// Longest suffix (including the `^` word-start mark) used by rules.
const MAX_SUFFIX: usize = 7;
/// Longest appended string (bytes) of a transform.
const MAX_APPEND: usize = 32;
const T_RULE: u32 = 100;
const T_EXCEPTION: u32 = 101;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../models/lemma.bin");
static EMBEDDED: OnceLock<Result<Lemmatizer>> = OnceLock::new();

/// An edit from a word to its lemma.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Transform {
    strip: u8,
    append: String,
    lower: bool,
}

/// A trained lemmatizer.
#[derive(Clone, Debug)]
pub struct Lemmatizer {
    transforms: Vec<Transform>,
    /// Sorted (key, transform id).
    rules: Vec<(u32, u16)>,
    exceptions: Vec<(u32, u16)>,
    rule_table: U32Table,
    exception_table: U32Table,
}

#[derive(Default)]
struct Scratch {
    norm: Vec<char>,
    lower: Vec<char>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn lower_into(norm: &[char], out: &mut Vec<char>) {
    out.clear();
    out.push('^');
    for &c in norm {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn exception_key(lower: &[char], pos: PosTag) -> u32 {
    key(T_EXCEPTION, hash_chars(lower), pos.id() as u64)
}

fn rule_key(suffix: &[char], pos: PosTag) -> u32 {
    key(T_RULE, hash_chars(suffix), pos.id() as u64)
}

/// The cheapest transform from `norm` (case kept) to `lemma`, preferring
/// lower-casing on ties.
fn transform_of(norm: &[char], lower: &[char], lemma: &[char]) -> Transform {
    let mut best: Option<(usize, Transform)> = None;
    for (base, is_lower) in [(lower, true), (norm, false)] {
        let lcp = base.iter().zip(lemma).take_while(|(a, b)| a == b).count();
        let strip = (base.len() - lcp).min(255);
        let cost = strip + lemma.len() - lcp;
        if best.as_ref().is_none_or(|b| cost < b.0) {
            let t = Transform {
                strip: strip as u8,
                append: lemma[lcp..].iter().collect(),
                lower: is_lower,
            };
            best = Some((cost, t));
        }
    }
    // Long rewrites (markup, odd CoreNLP normalisations) are not lemmas
    // worth learning and must fit the model format: keep the word.
    match best {
        Some((_, t)) if t.append.len() <= MAX_APPEND => t,
        _ => Transform {
            strip: 0,
            append: String::new(),
            lower: false,
        },
    }
}

impl Lemmatizer {
    fn from_parts(
        transforms: Vec<Transform>,
        rules: Vec<(u32, u16)>,
        exceptions: Vec<(u32, u16)>,
    ) -> Lemmatizer {
        let rule_table = U32Table::new(rules.iter().map(|&(k, t)| (k, t as u32)));
        let exception_table = U32Table::new(exceptions.iter().map(|&(k, t)| (k, t as u32)));
        Lemmatizer {
            transforms,
            rules,
            exceptions,
            rule_table,
            exception_table,
        }
    }

    /// The model compiled into the library (`models/lemma.bin`).
    ///
    /// # Panics
    /// If the embedded model is invalid, which the crate's tests rule out.
    pub fn embedded() -> &'static Lemmatizer {
        match Lemmatizer::try_embedded() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    /// The embedded model, or the error met loading it.
    pub fn try_embedded() -> Result<&'static Lemmatizer, &'static Error> {
        EMBEDDED
            .get_or_init(|| {
                Lemmatizer::from_bytes_named(EMBEDDED_BYTES, "embedded models/lemma.bin")
            })
            .as_ref()
    }

    /// The transform id the rules give a `^`-prefixed lower-cased word.
    fn rule(&self, lower: &[char], pos: PosTag) -> Option<u16> {
        (0..=lower.len().min(MAX_SUFFIX))
            .rev()
            .find_map(|k| {
                self.rule_table
                    .get(rule_key(&lower[lower.len() - k..], pos))
            })
            .map(|t| t as u16)
    }

    /// Writes the lemma of `word` (tagged `pos`) into `out` (cleared first).
    pub fn lemma_into(&self, word: &str, pos: PosTag, out: &mut String) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.lemma_with(word, pos, &mut s, out),
            Err(_) => self.lemma_with(word, pos, &mut Scratch::default(), out),
        })
    }

    /// The lemma of `word` tagged `pos`, e.g. `said`/VBD → `say`.
    pub fn lemma(&self, word: &str, pos: PosTag) -> String {
        let mut out = String::new();
        self.lemma_into(word, pos, &mut out);
        out
    }

    fn lemma_with(&self, word: &str, pos: PosTag, s: &mut Scratch, out: &mut String) {
        out.clear();
        normalise_into(word, &mut s.norm);
        lower_into(&s.norm, &mut s.lower);
        let id = self
            .exception_table
            .get(exception_key(&s.lower, pos))
            .map(|t| t as u16)
            .or_else(|| self.rule(&s.lower, pos));
        let Some(t) = id.and_then(|i| self.transforms.get(i as usize)) else {
            out.extend(s.norm.iter());
            return;
        };
        let base = if t.lower { &s.lower[1..] } else { &s.norm[..] };
        if t.strip as usize > base.len() {
            out.extend(base.iter());
            return;
        }
        out.extend(base[..base.len() - t.strip as usize].iter());
        out.push_str(&t.append);
    }

    /// Lemmas of a tagged sentence.
    pub fn lemmatize<S: AsRef<str>>(&self, words: &[S], pos: &[PosTag]) -> Vec<String> {
        words
            .iter()
            .zip(pos)
            .map(|(w, &p)| self.lemma(w.as_ref(), p))
            .collect()
    }

    /// Loads a model from bytes written by [`Lemmatizer::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer> {
        Lemmatizer::from_bytes_named(bytes, "lemma model bytes")
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Lemmatizer> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Lemmatizer::from_bytes_named(&bytes, &path.display().to_string())
    }

    fn from_bytes_named(bytes: &[u8], source: &str) -> Result<Lemmatizer> {
        let payload = format::unwrap(bytes, Kind::Lemma, FEATURES, source)?;
        let mut r = Reader::new(payload, source);
        let n = r.count(3, "transform count")?;
        let mut transforms = Vec::with_capacity(n);
        for _ in 0..n {
            let strip = r.u8("transform strip")?;
            let lower = match r.u8("transform case")? {
                0 => false,
                1 => true,
                c => return Err(r.error(format!("transform case flag {c}"))),
            };
            let append = r.str8("transform suffix")?.to_string();
            transforms.push(Transform {
                strip,
                append,
                lower,
            });
        }
        let mut table = |what: &str| -> Result<Vec<(u32, u16)>> {
            let m = r.count(6, what)?;
            let mut v = Vec::with_capacity(m);
            let mut prev = 0;
            for _ in 0..m {
                let k = r.u32(what)?;
                let t = r.u16(what)?;
                if k <= prev || t as usize >= n {
                    return Err(r.error(format!("bad {what} entry")));
                }
                prev = k;
                v.push((k, t));
            }
            Ok(v)
        };
        let rules = table("rule")?;
        let exceptions = table("exception")?;
        r.end()?;
        Ok(Lemmatizer::from_parts(transforms, rules, exceptions))
    }

    /// Serialises the model (deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u32(self.transforms.len() as u32);
        for t in &self.transforms {
            w.u8(t.strip);
            w.u8(t.lower as u8);
            w.str8(&t.append);
        }
        for table in [&self.rules, &self.exceptions] {
            w.u32(table.len() as u32);
            for &(k, t) in table {
                w.u32(k);
                w.u16(t);
            }
        }
        format::wrap(Kind::Lemma, FEATURES, &w.0)
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    /// Model statistics: (transforms, suffix rules, exceptions).
    pub fn stats(&self) -> (usize, usize, usize) {
        (
            self.transforms.len(),
            self.rules.len(),
            self.exceptions.len(),
        )
    }
}

/// Trains a lemmatizer on every document of a split directory.
pub fn train_lemmatizer(data_dir: &Path, opts: &TrainOptions) -> Result<Lemmatizer> {
    let docs = read_split(data_dir)?;
    let sents: Vec<Sentence> = sentences(&docs).cloned().collect();
    train_lemmatizer_sentences(&sents, opts).ok_or_else(|| Error::NoData {
        path: data_dir.to_path_buf(),
    })
}

/// Trains a lemmatizer on sentences (CoreNLP's POS tags and lemmas);
/// `None` when there is no token.
pub fn train_lemmatizer_sentences(sents: &[Sentence], opts: &TrainOptions) -> Option<Lemmatizer> {
    // (lower word, pos) -> transform -> count; transforms kept sorted.
    let mut types: BTreeMap<(Vec<char>, u8), BTreeMap<Transform, u32>> = BTreeMap::new();
    let (mut norm, mut lower) = (Vec::new(), Vec::new());
    for s in sents {
        for ((w, l), p) in s.words.iter().zip(&s.lemmas).zip(&s.pos) {
            normalise_into(w, &mut norm);
            lower_into(&norm, &mut lower);
            let lemma: Vec<char> = l.chars().collect();
            let t = transform_of(&norm, &lower[1..], &lemma);
            *types
                .entry((lower.clone(), p.id()))
                .or_default()
                .entry(t)
                .or_default() += 1;
        }
    }
    if types.is_empty() {
        return None;
    }
    let ids: BTreeMap<Transform, u16> = types
        .values()
        .flat_map(|m| m.keys())
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(i, t)| (t, i.min(u16::MAX as usize) as u16))
        .collect();
    let majority = |m: &BTreeMap<Transform, u32>| -> (u16, u32) {
        let mut best = (0u16, 0u32);
        for (t, &c) in m {
            if c > best.1 {
                best = (ids[t], c);
            }
        }
        best
    };
    // Suffix statistics over word types: (suffix, pos) -> transform counts.
    let mut suffixes: BTreeMap<(Vec<char>, u8), Vec<u32>> = BTreeMap::new();
    for ((lw, p), m) in &types {
        let (t, _) = majority(m);
        for k in 0..=lw.len().min(MAX_SUFFIX) {
            let counts = suffixes
                .entry((lw[lw.len() - k..].to_vec(), *p))
                .or_insert_with(|| vec![0; ids.len()]);
            counts[t as usize] += 1;
        }
    }
    let best = |c: &[u32]| argmax(c, &[]) as u16;
    let mut rules = Vec::new();
    for ((suf, p), counts) in &suffixes {
        let t = best(counts);
        let keep = suf.is_empty() || {
            let parent = &suffixes[&(suf[1..].to_vec(), *p)];
            best(parent) != t
        };
        if keep {
            let pos = PosTag::from_id(*p).unwrap_or(PosTag::Nn);
            rules.push((rule_key(suf, pos), t));
        }
    }
    rules.sort_unstable();
    rules.dedup_by_key(|r| r.0);
    let transforms: Vec<Transform> = ids.keys().cloned().collect();
    let rules_only = Lemmatizer::from_parts(transforms.clone(), rules.clone(), Vec::new());
    let mut exceptions = Vec::new();
    for ((lw, p), m) in &types {
        let (t, n) = majority(m);
        let pos = PosTag::from_id(*p).unwrap_or(PosTag::Nn);
        if n >= opts.lemma_min_count && rules_only.rule(lw, pos) != Some(t) {
            exceptions.push((exception_key(lw, pos), t));
        }
    }
    exceptions.sort_unstable();
    exceptions.dedup_by_key(|r| r.0);
    Some(Lemmatizer::from_parts(transforms, rules, exceptions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupted_models_never_panic() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let model = train_lemmatizer(&dir, &TrainOptions::default()).unwrap();
        format::corrupted_variants(&model.to_bytes(), Kind::Lemma, FEATURES, |b| {
            if let Ok(m) = Lemmatizer::from_bytes(b) {
                let _ = m.lemma("claimed", PosTag::Vbd);
                let _ = m.lemma("", PosTag::Nn);
            }
        });
    }

    #[test]
    fn transforms() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let t = transform_of(&c("Said"), &c("said"), &c("say"));
        assert_eq!((t.strip, t.append.as_str(), t.lower), (2, "y", true));
        let t = transform_of(&c("Trump"), &c("trump"), &c("Trump"));
        assert_eq!((t.strip, t.append.as_str(), t.lower), (0, "", false));
    }
}
