//! NER features: word features (independent of the label history, computed
//! once per position) and label features (per history in the beam).

use crate::hash::{key, mix};
use crate::lex::{self, Lex};
use crate::pos::PosTag;

/// POS value for the padding around the sentence.
const NO_POS: u64 = 0xff;

/// Padded POS ids of a sentence of `n` words: two `NO_POS` on each side;
/// missing tags count as `NN`.
pub(crate) fn pad_pos(pos: &[PosTag], n: usize, out: &mut Vec<u64>) {
    out.clear();
    out.extend_from_slice(&[NO_POS, NO_POS]);
    out.extend(pos.iter().take(n).map(|p| p.id() as u64));
    out.resize(n + 2, PosTag::Nn.id() as u64);
    out.extend_from_slice(&[NO_POS, NO_POS]);
}

/// How capitalised the sentence is (headlines are title case): 0, 1 or 2
/// for under half, under 80% and at least 80% of its alphabetic words.
pub(crate) fn caps_profile(lex: &[Lex]) -> u64 {
    let (mut alpha, mut caps) = (0u32, 0u32);
    for l in lex {
        if l.flags & lex::HAS_ALPHA != 0 {
            alpha += 1;
            caps += (l.flags & (lex::TITLE | lex::ALL_UPPER) != 0) as u32;
        }
    }
    if caps * 2 < alpha {
        0
    } else if caps * 5 < alpha * 4 {
        1
    } else {
        2
    }
}

/// The features of the word at padded index `i` that do not depend on the
/// labels before it (written to `out`, cleared first).
pub(crate) fn word_features(lex: &[Lex], pos: &[u64], caps: u64, i: usize, out: &mut Vec<u32>) {
    let w = &lex[i];
    let (m2, m1, n1, n2) = (&lex[i - 2], &lex[i - 1], &lex[i + 1], &lex[i + 2]);
    let p = pos[i];
    out.clear();
    out.extend_from_slice(&[
        key(0, 0, 0),
        key(1, w.lower, 0),
        key(2, w.raw, 0),
        key(3, w.shape, 0),
        key(4, w.short_shape, 0),
        key(5, w.suf[0], 0),
        key(6, w.suf[1], 0),
        key(7, w.suf[2], 0),
        key(8, w.suf[3], 0),
        key(9, w.pre[0], 0),
        key(10, w.pre[1], 0),
        key(11, w.pre[2], 0),
        key(12, w.pre[3], 0),
        key(13, m1.lower, 0),
        key(14, n1.lower, 0),
        key(15, m2.lower, 0),
        key(16, n2.lower, 0),
        key(17, m1.raw, w.raw),
        key(18, w.raw, n1.raw),
        key(19, m1.shape, 0),
        key(20, n1.shape, 0),
        key(21, mix(m1.short_shape, w.short_shape), n1.short_shape),
        key(22, p, 0),
        key(23, pos[i - 1], 0),
        key(24, pos[i + 1], 0),
        key(25, pos[i - 2], 0),
        key(26, pos[i + 2], 0),
        key(27, pos[i - 1], p),
        key(28, p, pos[i + 1]),
        key(34, (i == 2) as u64, w.flags as u64),
        key(35, m1.suf[2], 0),
        key(36, n1.suf[2], 0),
        key(37, w.lower, p),
        key(38, w.lower, n1.lower),
        key(39, m1.lower, w.lower),
        key(40, caps, w.short_shape),
        key(42, w.raw, pos[i + 1]),
        key(43, m1.lower, n1.lower),
        key(44, m2.lower, m1.lower),
        key(45, n1.lower, n2.lower),
        key(48, w.suf[4], 0),
        key(49, w.suf[5], 0),
        key(50, w.pre[4], 0),
        key(51, w.pre[5], 0),
    ]);
    // Disjunctive context: words anywhere within four to the left or right.
    for j in 1..=4 {
        if let Some(l) = i.checked_sub(j).and_then(|k| lex.get(k)) {
            out.push(key(46, l.lower, 0));
        }
        if let Some(l) = lex.get(i + j) {
            out.push(key(47, l.lower, 0));
        }
    }
}

/// The features of the word at padded index `i` that depend on the two
/// labels before it (appended to `out`).
pub(crate) fn label_features(
    lex: &[Lex],
    pos: &[u64],
    i: usize,
    l1: u8,
    l2: u8,
    out: &mut Vec<u32>,
) {
    let w = &lex[i];
    let (m1, n1) = (&lex[i - 1], &lex[i + 1]);
    let (l1, l2) = (l1 as u64, l2 as u64);
    out.extend_from_slice(&[
        key(29, l1, 0),
        key(30, l2, l1),
        key(31, l1, w.raw),
        key(32, l1, w.shape),
        key(33, l1, pos[i]),
        key(41, l1, n1.raw),
        key(52, l1, mix(m1.short_shape, w.short_shape)),
    ]);
}
