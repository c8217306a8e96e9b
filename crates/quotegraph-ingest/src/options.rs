//! Limits shared by all readers.

/// Limits that keep a reader from running out of memory on hostile or broken input.
///
/// ```
/// use quotegraph_ingest::ReadOptions;
/// let opts = ReadOptions::default().max_file_size(1 << 20);
/// assert_eq!(opts.file_limit(), 1 << 20);
/// assert_eq!(opts.record_limit(), 16 << 20);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    max_file_size: u64,
    max_record_size: u64,
}

impl ReadOptions {
    /// Default limit on a whole file that is read at once (text, HTML, feed): 64 MiB.
    pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;
    /// Default limit on one record of a streamed file (a WARC record, a JSONL line): 16 MiB.
    pub const DEFAULT_MAX_RECORD_SIZE: u64 = 16 << 20;

    /// Sets the largest file that is read at once. Larger files yield
    /// [`ReadErrorKind::FileTooLarge`](crate::ReadErrorKind::FileTooLarge).
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// Sets the largest record of a streamed file (WARC record, JSONL line, decoded HTTP body).
    /// Larger records are skipped with
    /// [`ReadErrorKind::RecordTooLarge`](crate::ReadErrorKind::RecordTooLarge).
    pub fn max_record_size(mut self, bytes: u64) -> Self {
        self.max_record_size = bytes;
        self
    }

    /// The limit on a whole file.
    pub fn file_limit(&self) -> u64 {
        self.max_file_size
    }

    /// The limit on one record.
    pub fn record_limit(&self) -> u64 {
        self.max_record_size
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: Self::DEFAULT_MAX_FILE_SIZE,
            max_record_size: Self::DEFAULT_MAX_RECORD_SIZE,
        }
    }
}
