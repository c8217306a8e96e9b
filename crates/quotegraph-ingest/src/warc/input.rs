//! The bytes of a WARC file, decompressed when gzip, one gzip member ("segment") at a time.
//!
//! Common Crawl compresses each record as its own gzip member, and a member's offset in the
//! compressed file is how a record is found again. So the reader below never lets a buffer
//! span two members: when one member ends, the next is started explicitly, and the record
//! layer can ask whether it stands at the very start of a member. A plain WARC file is one
//! segment starting at byte 0; a gzip file written as one member is one segment too.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// A `BufRead` that counts the bytes consumed from it: the position in the file.
#[derive(Debug)]
pub(crate) struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

/// Where the source is.
enum State<R> {
    /// An uncompressed file: a single segment.
    Plain(Counting<R>),
    /// A gzip file between members (or before the first).
    Between(Counting<R>),
    /// Inside a gzip member.
    Member(Box<GzDecoder<Counting<R>>>),
    /// After the end, or after an error that leaves nothing to read.
    Done,
}

/// Decompressed bytes, segment by segment.
pub(crate) struct Source<R> {
    state: State<R>,
    gzip: bool,
}

impl<R: BufRead> Source<R> {
    /// Looks at the first bytes to tell gzip from plain data.
    pub(crate) fn new(mut inner: R) -> io::Result<Self> {
        let gzip = inner.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let inner = Counting { inner, pos: 0 };
        let state = if gzip {
            State::Between(inner)
        } else {
            State::Plain(inner)
        };
        Ok(Source { state, gzip })
    }

    /// True for gzip input.
    pub(crate) fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Reads decompressed bytes of the current segment; 0 means the segment has ended.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.state {
            State::Plain(r) => r.read(buf),
            State::Member(d) => match d.read(buf) {
                Ok(n) => Ok(n),
                Err(e) => {
                    self.state = State::Done;
                    Err(e)
                }
            },
            State::Between(_) | State::Done => Ok(0),
        }
    }

    /// Moves to the next segment. Returns its start offset in the file, or `None` at the end.
    /// The first call on gzip input starts the first member.
    fn next_segment(&mut self) -> io::Result<Option<u64>> {
        let mut inner = match std::mem::replace(&mut self.state, State::Done) {
            State::Plain(_) | State::Done => return Ok(None),
            State::Between(r) => r,
            State::Member(d) => d.into_inner(),
        };
        if inner.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let start = inner.pos;
        self.state = State::Member(Box::new(GzDecoder::new(inner)));
        Ok(Some(start))
    }
}

/// Size of the decompressed-data buffer.
const BUF_SIZE: usize = 1 << 16;

/// A buffer over a [`Source`] that tracks segments and offsets.
pub(crate) struct Input<R> {
    src: Source<R>,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    /// Offset in the file where the current segment starts.
    seg_start: u64,
    /// Counts segments started, so the record layer can notice a new one.
    seg_index: u64,
    /// Bytes consumed from the current segment.
    seg_consumed: u64,
    /// Decompressed bytes consumed in all.
    total: u64,
    /// The segment has no more data in the source (what is buffered is all that is left).
    seg_drained: bool,
    started: bool,
    eof: bool,
}

impl<R: BufRead> Input<R> {
    pub(crate) fn new(src: Source<R>) -> Self {
        Input {
            src,
            buf: vec![0; BUF_SIZE].into_boxed_slice(),
            pos: 0,
            end: 0,
            seg_start: 0,
            seg_index: 0,
            seg_consumed: 0,
            total: 0,
            seg_drained: false,
            started: false,
            eof: false,
        }
    }

    pub(crate) fn is_gzip(&self) -> bool {
        self.src.is_gzip()
    }

    /// Offset in the file of the current segment (a gzip member's first byte).
    pub(crate) fn segment_start(&self) -> u64 {
        self.seg_start
    }

    /// A number that changes whenever a new segment starts.
    pub(crate) fn segment_index(&self) -> u64 {
        self.seg_index
    }

    /// True when nothing of the current segment has been consumed yet.
    pub(crate) fn at_segment_start(&self) -> bool {
        self.seg_consumed == 0
    }

    /// Decompressed bytes consumed so far (for a plain file, the file offset).
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// Makes buffered data available, moving on to the next segment when the current one is
    /// used up. Returns the buffered bytes; empty only at the end of the input.
    pub(crate) fn fill(&mut self) -> io::Result<&[u8]> {
        while self.pos == self.end && !self.eof {
            if !self.started || self.seg_drained {
                self.started = true;
                self.seg_drained = false;
                if self.src.is_gzip() {
                    match self.src.next_segment()? {
                        Some(start) => {
                            self.seg_start = start;
                            self.seg_index += 1;
                            self.seg_consumed = 0;
                        }
                        None => self.eof = true,
                    }
                    continue;
                }
                // A plain file is one segment: draining it is the end.
                if self.seg_index > 0 {
                    self.eof = true;
                    continue;
                }
                self.seg_index = 1;
            }
            self.pos = 0;
            self.end = self.src.read(&mut self.buf)?;
            if self.end == 0 {
                self.seg_drained = true;
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }

    /// Up to `n` bytes ahead without consuming them, all from the current segment (fewer
    /// only when the segment or input ends first).
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        self.fill()?;
        if self.end - self.pos < n && !self.seg_drained {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n {
                let got = self.src.read(&mut self.buf[self.end..])?;
                if got == 0 {
                    self.seg_drained = true;
                    break;
                }
                self.end += got;
            }
        }
        let avail = (self.end - self.pos).min(n);
        Ok(&self.buf[self.pos..self.pos + avail])
    }

    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.end - self.pos);
        self.pos += n;
        self.seg_consumed += n as u64;
        self.total += n as u64;
    }

    /// Reads one line, without its `\n` (and `\r`), into `out`, keeping at most `max` bytes.
    /// Returns `None` at the end of input, else the line's full length (which may exceed
    /// `max`) and whether it ended with a newline (false: the input ended mid-line).
    pub(crate) fn read_line(
        &mut self,
        out: &mut Vec<u8>,
        max: usize,
    ) -> io::Result<Option<(usize, bool)>> {
        out.clear();
        let mut len = 0;
        loop {
            let chunk = self.fill()?;
            if chunk.is_empty() {
                return Ok((len > 0).then_some((len, false)));
            }
            let (take, newline) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            let room = max.saturating_sub(out.len());
            out.extend_from_slice(&chunk[..take.min(room)]);
            len += take;
            self.consume(take + usize::from(newline));
            if newline {
                if out.last() == Some(&b'\r') {
                    out.pop();
                }
                return Ok(Some((len, true)));
            }
        }
    }

    /// Appends exactly `n` bytes to `out`, or as many as there are before the end of input.
    /// Returns how many were read.
    pub(crate) fn read_into(&mut self, out: &mut Vec<u8>, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let chunk = self.fill()?;
            if chunk.is_empty() {
                break;
            }
            let take = chunk.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            out.extend_from_slice(&chunk[..take]);
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// Discards up to `n` bytes; returns how many were discarded.
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let avail = self.fill()?.len();
            if avail == 0 {
                break;
            }
            let take = avail.min(usize::try_from(left).unwrap_or(usize::MAX));
            self.consume(take);
            left -= take as u64;
        }
        Ok(n - left)
    }

    /// Discards the rest of the current line, including its `\n`.
    pub(crate) fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.fill()?;
            if chunk.is_empty() {
                return Ok(());
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let n = chunk.len();
                    self.consume(n);
                }
            }
        }
    }
}
