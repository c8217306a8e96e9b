//! Feature hashing and small deterministic hash tables.
//!
//! Features are never built as strings: each one is a template id plus one
//! or two 64-bit values (hashes of word parts, tag ids, flags), mixed into a
//! 32-bit key. Key 0 is reserved (it marks empty slots), so keys are never 0.

use std::hash::{BuildHasher, Hasher};

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const MUL: u64 = 0x517c_c1b7_2722_0a95;

/// One mixing round (rotate, xor, multiply).
#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(MUL)
}

/// A strong finaliser (the MurmurHash3 64-bit one), so that every output bit
/// depends on every input bit.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash of a sequence of chars.
#[inline]
pub(crate) fn hash_chars(cs: &[char]) -> u64 {
    let mut h = SEED;
    for &c in cs {
        h = mix(h, c as u64);
    }
    finish(mix(h, cs.len() as u64))
}

/// Hash of a string's chars (equal to [`hash_chars`] of the same chars).
#[cfg(test)]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = SEED;
    let mut n = 0u64;
    for c in s.chars() {
        h = mix(h, c as u64);
        n += 1;
    }
    finish(mix(h, n))
}

/// Folds a 64-bit hash into a non-zero 32-bit key.
#[inline]
pub(crate) fn fold(h: u64) -> u32 {
    let k = (h ^ (h >> 32)) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

/// The key of feature `template` with values `a` and `b`.
#[inline]
pub(crate) fn key(template: u32, a: u64, b: u64) -> u32 {
    fold(finish(mix(mix(mix(SEED, template as u64), a), b)))
}

/// A deterministic hasher for `HashMap`s used while training. Keys are
/// already hashes, so a single multiply is enough.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }

    fn write_u32(&mut self, i: u32) {
        self.0 = mix(self.0, i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = mix(self.0, i);
    }

    fn write_usize(&mut self, i: usize) {
        self.0 = mix(self.0, i as u64);
    }
}

/// Builds [`KeyHasher`]s.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyBuild;

impl BuildHasher for KeyBuild {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(SEED)
    }
}

/// A training-time map keyed by feature keys.
pub(crate) type KeyMap<V> = std::collections::HashMap<u32, V, KeyBuild>;

/// A read-only open-addressing table from non-zero `u32` keys to `u32`
/// values, built once from sorted, distinct keys. Lookups cost one probe
/// sequence in a single array of `u64` slots (key in the high half).
#[derive(Clone, Debug, Default)]
pub(crate) struct U32Table {
    slots: Vec<u64>,
    mask: usize,
}

impl U32Table {
    /// Builds the table. `keys` must be non-zero and distinct.
    pub(crate) fn new(pairs: impl ExactSizeIterator<Item = (u32, u32)>) -> U32Table {
        // Load factor between 1/3 and 2/3.
        let cap = (pairs.len() * 3 / 2).next_power_of_two().max(8);
        let mut slots = vec![0u64; cap];
        let mask = cap - 1;
        for (k, v) in pairs {
            debug_assert!(k != 0);
            let mut i = k as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (k as u64) << 32 | v as u64;
        }
        U32Table { slots, mask }
    }

    /// The first slot `key` would be probed at (a plain load, so that many
    /// of them can be in flight at once).
    #[inline]
    pub(crate) fn first_slot(&self, key: u32) -> u64 {
        self.slots[key as usize & self.mask]
    }

    /// The value stored for `key`, given its [`U32Table::first_slot`].
    #[inline]
    pub(crate) fn get_from(&self, key: u32, first: u64) -> Option<u32> {
        if first == 0 {
            return None;
        }
        if (first >> 32) as u32 == key {
            return Some(first as u32);
        }
        self.get(key)
    }

    /// The value stored for `key`.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<u32> {
        let mut i = key as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if (s >> 32) as u32 == key {
                return Some(s as u32);
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_str_agree() {
        let cs: Vec<char> = "Sokolov’s".chars().collect();
        assert_eq!(hash_chars(&cs), hash_str("Sokolov’s"));
        assert_ne!(hash_str("said"), hash_str("says"));
    }

    #[test]
    fn keys_are_non_zero_and_distinct_by_template() {
        assert_ne!(key(1, 5, 0), key(2, 5, 0));
        assert_ne!(key(1, 5, 0), 0);
        assert_eq!(fold(0), 1);
    }

    #[test]
    fn table_lookup() {
        let pairs: Vec<(u32, u32)> = (1..1000u32).map(|k| (k * 7919, k)).collect();
        let t = U32Table::new(pairs.iter().copied());
        for &(k, v) in &pairs {
            assert_eq!(t.get(k), Some(v));
        }
        assert_eq!(t.get(3), None);
    }
}
