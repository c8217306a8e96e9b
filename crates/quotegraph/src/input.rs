//! Reading the documents named on the command line.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input document, or why it could not be read.
pub struct Input {
    /// The document's name: the file stem, or "stdin".
    pub name: String,
    /// Where it came from, for messages.
    pub origin: String,
    /// Its text, or the error that names the problem.
    pub text: Result<String, String>,
}

/// Default limit on one document's size.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Expands the paths: files as given, directories recursively (sorted, `.txt` files only),
/// `-` for standard input. Unreadable entries become inputs that carry their error.
pub fn collect(paths: &[PathBuf]) -> Vec<(PathBuf, Option<String>)> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push((p.clone(), None));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push((p.clone(), None));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<String>)>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push((
                dir.to_path_buf(),
                Some(format!("cannot read directory: {e}")),
            ));
            return;
        }
    };
    let mut items: Vec<PathBuf> = Vec::new();
    for e in entries {
        match e {
            Ok(e) => items.push(e.path()),
            Err(e) => out.push((
                dir.to_path_buf(),
                Some(format!("cannot read a directory entry: {e}")),
            )),
        }
    }
    items.sort();
    for p in items {
        // symlinked directories are not followed: a link back up would loop
        let link = fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if p.is_dir() && !link {
            walk(&p, out);
        } else if p.is_dir() {
            continue;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push((p, None));
        }
    }
}

/// Reads one document with all checks: size, binary content, UTF-8, emptiness.
pub fn read(path: &Path, max_bytes: u64) -> Input {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        let r = std::io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut buf);
        let text = match r {
            Err(e) => Err(format!("cannot read standard input: {e}")),
            Ok(_) => decode(buf, max_bytes),
        };
        return Input {
            name: "stdin".into(),
            origin: "<stdin>".into(),
            text,
        };
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let origin = path.display().to_string();
    let text = (|| {
        let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
        if meta.len() > max_bytes {
            return Err(format!(
                "file is {} bytes, more than the limit of {max_bytes} bytes (raise it with --max-bytes)",
                meta.len()
            ));
        }
        let buf = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
        decode(buf, max_bytes)
    })();
    Input { name, origin, text }
}

fn decode(buf: Vec<u8>, max_bytes: u64) -> Result<String, String> {
    if buf.len() as u64 > max_bytes {
        return Err(format!(
            "input is more than the limit of {max_bytes} bytes (raise it with --max-bytes)"
        ));
    }
    if buf.is_empty() {
        return Err("empty file: no text to read".into());
    }
    if let Some(i) = buf.iter().take(8192).position(|&b| b == 0) {
        return Err(format!(
            "binary file: NUL byte at byte offset {i}, not a text document"
        ));
    }
    let text = String::from_utf8(buf).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("not valid UTF-8: invalid byte sequence at byte offset {at}")
    })?;
    if text.trim().is_empty() {
        return Err("empty file: only whitespace".into());
    }
    Ok(text)
}
