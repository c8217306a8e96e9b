//! A small, fast, non-cryptographic hasher for the engine's word tables.
//!
//! The tables are keyed by short words from our own lexicons, so hash
//! flooding is not a concern; the standard SipHash costs more than the rest
//! of a lookup for keys of a few bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher that takes eight bytes at a time (FNV-style
/// constants, not FNV itself).
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for Fnv {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0 ^ v).wrapping_mul(PRIME).rotate_left(23);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = (rest.len() as u64) << 59;
            for (k, &b) in rest.iter().enumerate() {
                v ^= u64::from(b) << (8 * k);
            }
            self.0 = (self.0 ^ v).wrapping_mul(PRIME).rotate_left(23);
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b) ^ (1 << 62))
            .wrapping_mul(PRIME)
            .rotate_left(23);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

/// A HashMap with the fast hasher.
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
