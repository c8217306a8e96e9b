//! Plain-text files (`.txt`), one article per file.
//!
//! The id is the file stem, the text is the file's content verbatim except for a leading
//! UTF-8 byte order mark. No encoding is guessed: a file that is not UTF-8 is an error that
//! names the byte offset of the first bad byte.

use std::path::{Path, PathBuf};

use quotegraph_core::{Article, ArticleMeta, Origin};

use crate::error::{Location, ReadError, ReadErrorKind};
use crate::files::{display, read_limited, stem, Walk};
use crate::ReadOptions;

/// Reads `.txt` files: a single file, or every `.txt` file under a directory (recursively,
/// in sorted path order), one [`Article`] per file.
#[derive(Debug)]
pub struct TextReader {
    walk: Walk,
    opts: ReadOptions,
}

impl TextReader {
    /// Reads `path`: a file (whatever its extension) or a directory of `.txt` files.
    pub fn open(path: impl AsRef<Path>, opts: ReadOptions) -> Self {
        TextReader {
            walk: Walk::new([path.as_ref()]),
            opts,
        }
    }
}

/// True when a path found inside a directory has the `.txt` extension (any case).
fn is_txt(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

impl Iterator for TextReader {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let path: PathBuf = match self.walk.next()? {
                Ok(path) => path,
                Err(e) => return Some(Err(e)),
            };
            // Explicit file roots are read whatever their name; directory entries only if .txt.
            if self.walk.depth() == 0 || is_txt(&path) {
                return Some(read_text_file(&path, self.opts));
            }
        }
    }
}

/// Reads one text file as an article.
pub fn read_text_file(path: &Path, opts: ReadOptions) -> Result<Article, ReadError> {
    let bytes = read_limited(path, opts.file_limit())?;
    text_from_bytes(path, bytes)
}

/// Turns a whole file's bytes into an article; `path` gives the id and names the file in
/// errors.
pub fn text_from_bytes(path: &Path, mut bytes: Vec<u8>) -> Result<Article, ReadError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    bytes.drain(..bom);
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = (e.utf8_error().valid_up_to() + bom) as u64;
        ReadError::new(
            path,
            Some(Location::Offset(offset)),
            ReadErrorKind::InvalidUtf8,
        )
    })?;
    if text.trim().is_empty() {
        return Err(ReadError::new(path, None, ReadErrorKind::Empty));
    }
    Ok(Article {
        text,
        meta: ArticleMeta {
            id: stem(path),
            ..ArticleMeta::default()
        },
        origin: Origin {
            file: display(path),
            record: None,
            offset: None,
        },
    })
}
