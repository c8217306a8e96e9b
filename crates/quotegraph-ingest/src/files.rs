//! Walking directories and reading whole files under a size limit.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{ReadError, ReadErrorKind};

/// A lazy, recursive walk over files, each directory's entries in sorted order.
///
/// Roots are yielded as given when they are files; directories are descended into. Inside a
/// directory, names starting with `.` are skipped and symbolic links to directories are not
/// followed (so a link loop cannot trap the walk); links to files are yielded. An entry that
/// cannot be inspected (a dangling link, a permission problem) yields an error for that entry
/// and the walk goes on.
#[derive(Debug)]
pub struct Walk {
    roots: std::vec::IntoIter<PathBuf>,
    /// One iterator of sorted entries per open directory, innermost last.
    stack: Vec<std::vec::IntoIter<PathBuf>>,
}

impl Walk {
    /// A walk over `roots`, in the order given.
    pub fn new<I, P>(roots: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let roots: Vec<PathBuf> = roots
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        Walk {
            roots: roots.into_iter(),
            stack: Vec::new(),
        }
    }

    /// How many directories deep the last yielded path was: 0 for a root named by the caller.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// Lists a directory's visible entries, sorted by path.
    fn list(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(|e| ReadError::io(dir, e))? {
            // An entry that cannot even be listed is reported against the directory.
            let entry = entry.map_err(|e| ReadError::io(dir, e))?;
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            entries.push(entry.path());
        }
        entries.sort();
        Ok(entries)
    }

    /// Decides what to do with one path: `Ok(true)` descend, `Ok(false)` yield as a file.
    fn classify(path: &Path, is_root: bool) -> Result<bool, ReadError> {
        let link = fs::symlink_metadata(path).map_err(|e| ReadError::io(path, e))?;
        if link.is_dir() {
            return Ok(true);
        }
        let target = fs::metadata(path).map_err(|e| ReadError::io(path, e))?;
        // A link to a directory is followed only when the user named it.
        Ok(target.is_dir() && is_root)
    }

    fn visit(&mut self, path: PathBuf, is_root: bool) -> Option<Result<PathBuf, ReadError>> {
        match Self::classify(&path, is_root) {
            Ok(true) => match Self::list(&path) {
                Ok(entries) => {
                    self.stack.push(entries.into_iter());
                    None
                }
                Err(e) => Some(Err(e)),
            },
            Ok(false) if !is_root && path.is_dir() => None,
            Ok(false) => Some(Ok(path)),
            Err(e) => Some(Err(e)),
        }
    }
}

impl Iterator for Walk {
    type Item = Result<PathBuf, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(top) = self.stack.last_mut() {
                match top.next() {
                    Some(path) => {
                        if let Some(item) = self.visit(path, false) {
                            return Some(item);
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            let root = self.roots.next()?;
            if let Some(item) = self.visit(root, true) {
                return Some(item);
            }
        }
    }
}

/// Reads a whole file, refusing files above `limit` bytes without reading them.
pub(crate) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path).map_err(|e| ReadError::io(path, e))?;
    let size = file.metadata().map_err(|e| ReadError::io(path, e))?.len();
    if size > limit {
        return Err(ReadError::new(
            path,
            None,
            ReadErrorKind::FileTooLarge { size, limit },
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while we read it.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::new(
            path,
            None,
            ReadErrorKind::FileTooLarge {
                size: bytes.len() as u64,
                limit,
            },
        ));
    }
    Ok(bytes)
}

/// The file name without its last extension (`a.b.txt` -> `a.b`), lossily as UTF-8.
pub(crate) fn stem(path: &Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

/// The path as a string for [`quotegraph_core::Origin::file`].
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
