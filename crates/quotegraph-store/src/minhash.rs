//! MinHash signatures and LSH bands, for near-duplicate articles and for finding candidate
//! statements.
//!
//! A signature holds, for each of `k` hash functions, the smallest hash value over a set of
//! shingles; two sets agree in one slot with probability equal to their Jaccard similarity,
//! so the share of agreeing slots estimates it. The `k` functions are one 64-bit shingle hash
//! re-mixed with `k` fixed seeds (a SplitMix64 finaliser), which is as good as independent
//! functions for this purpose and costs one multiply chain per slot. Signatures and bands are
//! stored, so the seeds and the mixing are part of the file format: changing them needs a
//! schema migration.
//!
//! **Articles** ([`ARTICLE_HASHES`] = 128 slots over word 5-shingles) are banded as
//! [`ARTICLE_BANDS`] = 32 bands of [`ARTICLE_ROWS`] = 4 slots: two articles become candidates
//! when all four slots of some band agree, which happens with probability `1 − (1 − s⁴)³²`
//! for Jaccard similarity `s`: 0.87 at s = 0.5, 0.98 at 0.6, 0.56 at 0.4, 0.10 at 0.25 (the
//! curve's midpoint is near 0.42). A candidate is linked as a near-duplicate when its
//! estimated similarity (agreeing slots / 128) is at least [`NEAR_DUPLICATE_THRESHOLD`] =
//! 0.5. Wire copy with a new lede and byline, a few edited words and a cut last paragraph
//! scores 0.5–0.7 on 5-shingles; two different articles on the same event score below 0.1.

/// Slots of an article signature.
pub const ARTICLE_HASHES: usize = 128;
/// Bands of an article signature.
pub const ARTICLE_BANDS: usize = 32;
/// Slots per band.
pub const ARTICLE_ROWS: usize = ARTICLE_HASHES / ARTICLE_BANDS;
/// Words per shingle for articles.
pub const ARTICLE_SHINGLE: usize = 5;
/// Estimated Jaccard similarity from which two articles are near-duplicates.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.5;

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const fn seeds<const K: usize>() -> [u64; K] {
    let mut out = [0u64; K];
    let mut i = 0;
    while i < K {
        out[i] = splitmix(0x7175_6f74_6567_7261 ^ (i as u64)); // "quotegra"
        i += 1;
    }
    out
}

static ARTICLE_SEEDS: [u64; ARTICLE_HASHES] = seeds::<ARTICLE_HASHES>();

/// The MinHash signature of a set of shingle hashes, with `seeds.len()` slots.
/// An empty set gives all `u32::MAX`.
fn signature_with(shingles: &[u64], seeds: &[u64]) -> Vec<u32> {
    let mut sig = vec![u32::MAX; seeds.len()];
    for &x in shingles {
        for (slot, &seed) in sig.iter_mut().zip(seeds) {
            let v = (splitmix(x ^ seed) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// The article signature of a set of shingle hashes ([`ARTICLE_HASHES`] slots).
pub fn article_signature(shingles: &[u64]) -> Vec<u32> {
    signature_with(shingles, &ARTICLE_SEEDS)
}

/// Band hashes of an article signature, one per band, as SQLite integers.
pub fn article_bands(sig: &[u32]) -> Vec<i64> {
    sig.chunks(ARTICLE_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut bytes = Vec::with_capacity(4 * rows.len() + 1);
            bytes.push(band as u8);
            for r in rows {
                bytes.extend_from_slice(&r.to_le_bytes());
            }
            xxhash_rust::xxh3::xxh3_64(&bytes) as i64
        })
        .collect()
}

/// The estimated Jaccard similarity of two signatures of the same length: the share of
/// agreeing slots.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// A signature as stored: little-endian `u32`s.
pub fn to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored signature read back; `None` when the blob's length is not a multiple of four.
pub fn from_blob(blob: &[u8]) -> Option<Vec<u32>> {
    if blob.len() % 4 != 0 {
        return None;
    }
    Some(
        blob.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// Seeds of the statement keys.
static QUOTE_SEEDS: [u64; QUOTE_KEYS] = {
    let all = seeds::<{ QUOTE_KEYS + 1 }>();
    let mut out = [0u64; QUOTE_KEYS];
    let mut i = 0;
    while i < QUOTE_KEYS {
        out[i] = splitmix(all[i + 1] ^ 0x0051_554f_5445);
        i += 1;
    }
    out
};

/// MinHash slots used as lookup keys for a quote (see [`crate::statements`]).
pub const QUOTE_KEYS: usize = 6;

/// Lookup keys of a quote's shingle set: one key per MinHash slot (a band of one row), the
/// slot number mixed in so that keys of different slots never meet.
pub fn quote_keys(shingles: &[u64]) -> Vec<i64> {
    if shingles.is_empty() {
        return Vec::new();
    }
    signature_with(shingles, &QUOTE_SEEDS)
        .into_iter()
        .enumerate()
        .map(|(slot, v)| splitmix(((slot as u64) << 32) | u64::from(v)) as i64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::norm::{shingles, word_hashes};

    fn sig(text: &str) -> Vec<u32> {
        article_signature(&shingles(&word_hashes(text), ARTICLE_SHINGLE))
    }

    /// A deterministic pseudo-random text of `n` words from a vocabulary of 5,000.
    fn text(seed: u64, n: usize) -> Vec<String> {
        (0..n as u64)
            .map(|i| format!("w{}", splitmix(seed * 1_000_003 + i) % 5000))
            .collect()
    }

    #[test]
    fn identical_sets_agree_everywhere_disjoint_nowhere() {
        let a = text(1, 400).join(" ");
        let b = text(2, 400).join(" ");
        assert_eq!(similarity(&sig(&a), &sig(&a)), 1.0);
        assert!(similarity(&sig(&a), &sig(&b)) < 0.05);
        assert_eq!(article_bands(&sig(&a)).len(), ARTICLE_BANDS);
    }

    #[test]
    fn estimate_tracks_true_jaccard() {
        // a copy with every 25th word changed and the last 10% cut: the syndicated-copy case
        let a = text(3, 600);
        let mut b = a[..540].to_vec();
        for (i, w) in b.iter_mut().enumerate() {
            if i % 25 == 0 {
                *w = format!("edit{i}");
            }
        }
        let set = |v: &[String]| {
            shingles(&word_hashes(&v.join(" ")), ARTICLE_SHINGLE)
                .into_iter()
                .collect::<std::collections::HashSet<_>>()
        };
        let (sa, sb) = (set(&a), set(&b));
        let truth = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
        let est = similarity(&sig(&a.join(" ")), &sig(&b.join(" ")));
        assert!(
            (truth - est).abs() < 0.12,
            "truth {truth:.3} estimate {est:.3}"
        );
        assert!(est >= NEAR_DUPLICATE_THRESHOLD, "estimate {est:.3}");
        // and they share at least one band
        let (ba, bb) = (
            article_bands(&sig(&a.join(" "))),
            article_bands(&sig(&b.join(" "))),
        );
        assert!(ba.iter().zip(&bb).any(|(x, y)| x == y));
    }

    #[test]
    fn blobs_round_trip() {
        let s = sig("a b c d e f g h");
        assert_eq!(from_blob(&to_blob(&s)).unwrap(), s);
        assert!(from_blob(&[1, 2, 3]).is_none());
    }

    #[test]
    fn quote_keys_are_stable_and_shared_by_truncations() {
        let full = word_hashes("we want to democratise russia and it will not be possible");
        let cut = &full[..7];
        let (kf, kc) = (
            quote_keys(&shingles(&full, 3)),
            quote_keys(&shingles(cut, 3)),
        );
        assert_eq!(kf.len(), QUOTE_KEYS);
        assert!(kf.iter().zip(&kc).any(|(a, b)| a == b));
        assert!(quote_keys(&[]).is_empty());
    }
}
