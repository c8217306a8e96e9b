//! The binary model container.
//!
//! ```text
//! magic     8 bytes  "QGTAGGER"
//! version   u16      FORMAT_VERSION
//! kind      u8       1 = POS, 2 = NER, 3 = lemmatizer, 4 = mentions
//! features  u8       feature-set version of that kind
//! length    u64      payload length in bytes
//! payload   ...      kind-specific
//! checksum  u64      hash of every byte before it
//! ```
//!
//! All integers are little-endian. Readers check every length against the
//! bytes left and never panic on bad input.

use crate::error::{Error, Result};
use crate::hash::{finish, mix};

const MAGIC: &[u8; 8] = b"QGTAGGER";
/// Version of the container layout.
pub(crate) const FORMAT_VERSION: u16 = 1;

/// The kind of model in a container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Pos = 1,
    Ner = 2,
    Lemma = 3,
    Mention = 4,
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0x1234_5678_9abc_def0u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    for &b in chunks.remainder() {
        h = mix(h, b as u64);
    }
    finish(mix(h, bytes.len() as u64))
}

/// Wraps a payload into a container.
pub(crate) fn wrap(kind: Kind, features: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 28);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(kind as u8);
    out.push(features);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Checks a container and returns its payload.
pub(crate) fn unwrap<'a>(
    bytes: &'a [u8],
    kind: Kind,
    features: u8,
    source: &str,
) -> Result<&'a [u8]> {
    let bad = |m: String| Error::bad_model(source, m);
    if bytes.len() < 28 || &bytes[..8] != MAGIC {
        return Err(bad("not a quotegraph-tagger model (bad magic)".into()));
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(bad(format!(
            "format version {version}, this library reads {FORMAT_VERSION}"
        )));
    }
    if bytes[10] != kind as u8 {
        return Err(bad(format!(
            "model kind {}, expected {} ({kind:?})",
            bytes[10], kind as u8
        )));
    }
    if bytes[11] != features {
        return Err(bad(format!(
            "feature-set version {}, this library computes {features}",
            bytes[11]
        )));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[12..20]);
    let len = u64::from_le_bytes(len);
    if len != (bytes.len() - 28) as u64 {
        return Err(bad(format!(
            "payload length {len} does not match file size {}",
            bytes.len()
        )));
    }
    let body = bytes.len() - 8;
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&bytes[body..]);
    if u64::from_le_bytes(sum) != checksum(&bytes[..body]) {
        return Err(bad("checksum mismatch (corrupted file)".into()));
    }
    Ok(&bytes[20..body])
}

/// A little-endian byte writer.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i16(&mut self, v: i16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// A string of at most 255 bytes (longer ones are cut at a char
    /// boundary; callers keep their strings short).
    pub(crate) fn str8(&mut self, s: &str) {
        let mut n = s.len().min(255);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        self.0.push(n as u8);
        self.0.extend_from_slice(&s.as_bytes()[..n]);
    }
}

/// A checked little-endian byte reader.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    source: &'a str,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], source: &'a str) -> Reader<'a> {
        Reader {
            bytes,
            pos: 0,
            source,
        }
    }

    /// An error about these bytes.
    pub(crate) fn error(&self, message: impl Into<String>) -> Error {
        Error::bad_model(self.source, message)
    }

    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        if self.bytes.len() - self.pos < n {
            return Err(self.error(format!(
                "truncated {what}: need {n} bytes at offset {}, {} left",
                self.pos,
                self.bytes.len() - self.pos
            )));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub(crate) fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }
    pub(crate) fn u16(&mut self, what: &str) -> Result<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    pub(crate) fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn f32(&mut self, what: &str) -> Result<f32> {
        let b = self.take(4, what)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn str8(&mut self, what: &str) -> Result<&'a str> {
        let n = self.u8(what)? as usize;
        let b = self.take(n, what)?;
        std::str::from_utf8(b).map_err(|_| self.error(format!("{what} is not UTF-8")))
    }

    /// A count of items of `item_size` bytes each, checked against the
    /// bytes left so that a corrupt count cannot cause a huge allocation.
    pub(crate) fn count(&mut self, item_size: usize, what: &str) -> Result<usize> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(item_size) > self.bytes.len() - self.pos {
            return Err(self.error(format!("{what} {n} exceeds the bytes left")));
        }
        Ok(n)
    }

    /// Fails unless every byte was read.
    pub(crate) fn end(&self) -> Result<()> {
        if self.pos != self.bytes.len() {
            return Err(self.error(format!(
                "{} trailing bytes after the model",
                self.bytes.len() - self.pos
            )));
        }
        Ok(())
    }
}

/// Test helper: calls `check` on many corrupted variants of a model whose
/// checksums are recomputed, so that the payload validation itself is
/// exercised (not just the checksum).
#[cfg(test)]
pub(crate) fn corrupted_variants(model: &[u8], kind: Kind, features: u8, check: impl Fn(&[u8])) {
    let payload = unwrap(model, kind, features, "t").expect("valid model");
    let step = (payload.len() / 1000).max(1);
    for i in (0..payload.len()).step_by(step) {
        check(&wrap(kind, features, &payload[..i]));
        for x in [0x01u8, 0x80, 0xff] {
            let mut p = payload.to_vec();
            p[i] ^= x;
            check(&wrap(kind, features, &p));
        }
    }
    let mut longer = payload.to_vec();
    longer.push(0);
    check(&wrap(kind, features, &longer));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_unwrap() {
        let c = wrap(Kind::Pos, 3, b"hello");
        assert_eq!(unwrap(&c, Kind::Pos, 3, "t").unwrap(), b"hello");
        assert!(unwrap(&c, Kind::Ner, 3, "t").is_err());
        assert!(unwrap(&c, Kind::Pos, 4, "t").is_err());
        for i in 0..c.len() {
            let mut d = c.clone();
            d[i] ^= 0x40;
            assert!(unwrap(&d, Kind::Pos, 3, "t").is_err(), "flip at {i}");
            assert!(unwrap(&c[..i], Kind::Pos, 3, "t").is_err());
        }
    }

    #[test]
    fn reader_checks_lengths() {
        let mut r = Reader::new(&[5, 0, 0, 0, 1], "t");
        assert!(r.count(1, "n").is_err());
        let mut r = Reader::new(&[1, 0], "t");
        assert!(r.u32("x").is_err());
    }
}
