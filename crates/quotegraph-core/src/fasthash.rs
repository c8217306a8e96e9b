//! A small, fast, non-cryptographic hasher for the engine's word tables.
//!
//! The tables are keyed by short words from our own lexicons, so hash
//! flooding is not a concern; the standard SipHash costs more than the rest
//! of a lookup for keys of a few bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A HashMap with the FNV hasher.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A set of words built once from a static list, with fast lookups.
pub struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<FastMap<&'static str, ()>>,
}

impl WordSet {
    /// A set over `words` (built on first use).
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// True when `w` is in the set.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().map(|&w| (w, ())).collect())
            .contains_key(w)
    }
}
