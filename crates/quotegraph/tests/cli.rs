//! Integration tests of `quotegraph extract`: the built binary on real files
//! made in a temporary directory.
//!
//! Topics:
//! - bad inputs, one kind per test: invalid UTF-8, binary, empty,
//!   whitespace-only, over `--max-bytes`, 100 MB under the default limit,
//!   a missing path; each is reported on stderr naming the file and the
//!   problem, and the run exits with status 1;
//! - directories: recursion into subdirectories, `.txt` files only, sorted,
//!   a dangling symlink reported and skipped, a symlink loop not followed;
//! - standard input through `-`, with and without a size limit;
//! - several inputs in one run where one is bad: the good ones are still
//!   printed;
//! - output formats: `json`, `jsonl`, `spans` and `text`;
//! - a reader that closes the pipe early (`| head`) is not an error.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const QUOTE: &str = "“We will win,” Sokolov said.\n\nThe plan is bad, Trump said.\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotegraph"))
}

/// Runs `quotegraph extract ARGS...` with `stdin` fed to it.
fn extract(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = bin();
    cmd.arg("extract").args(args);
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the quotegraph binary runs");
    if let Some(input) = stdin {
        let mut w = child.stdin.take().unwrap();
        let input = input.to_vec();
        // write from a thread so that a large input cannot deadlock against stdout
        let writer = std::thread::spawn(move || {
            let _ = w.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        return out;
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn tmp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("quotegraph-cli-")
        .tempdir()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// Asserts a failed run: exit status 1, one message naming `file` and containing `needle`.
fn assert_reported(o: &Output, file: &Path, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "exit status; stderr:\n{err}");
    let line = err
        .lines()
        .find(|l| l.contains(p(file)))
        .unwrap_or_else(|| panic!("no message names {}; stderr:\n{err}", file.display()));
    assert!(
        line.contains(needle),
        "message for {} lacks {needle:?}: {line}",
        file.display()
    );
    assert!(!err.contains("panicked"), "the binary panicked:\n{err}");
}

fn docs_of_jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

// ---------------------------------------------------------------------------
// Bad inputs

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let d = tmp();
    let f = write(d.path(), "latin1.txt", b"Caf\xe9 \xab ok \xbb, he said.\n");
    let o = extract(&[p(&f)], None);
    assert_reported(&o, &f, "not valid UTF-8");
    assert!(
        stderr(&o).contains("byte offset 3"),
        "offset of the first bad byte: {}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty(), "nothing printed for a bad input");
}

#[test]
fn binary_file_is_refused() {
    let d = tmp();
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes.extend((0..=255u8).cycle().take(4096));
    let f = write(d.path(), "program.txt", &bytes);
    let o = extract(&[p(&f)], None);
    assert_reported(&o, &f, "binary file");
    assert!(stderr(&o).contains("byte offset 7"), "{}", stderr(&o));
}

#[test]
fn empty_file_is_refused() {
    let d = tmp();
    let f = write(d.path(), "empty.txt", b"");
    let o = extract(&[p(&f)], None);
    assert_reported(&o, &f, "empty file");
}

#[test]
fn whitespace_only_file_is_refused() {
    let d = tmp();
    let f = write(d.path(), "blank.txt", b" \n\n\t\r\n  \n");
    let o = extract(&[p(&f)], None);
    assert_reported(&o, &f, "only whitespace");
}

#[test]
fn file_over_max_bytes_is_refused_and_at_the_limit_accepted() {
    let d = tmp();
    let f = write(d.path(), "article.txt", QUOTE.as_bytes());
    let n = QUOTE.len();
    let o = extract(&["--max-bytes", &(n - 1).to_string(), p(&f)], None);
    assert_reported(&o, &f, &format!("more than the limit of {} bytes", n - 1));
    assert!(stderr(&o).contains("--max-bytes"), "says how to raise it");

    let o = extract(&["--max-bytes", &n.to_string(), p(&f)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["doc"], "article");
}

#[test]
fn hundred_megabyte_file_is_refused_quickly_under_the_default_limit() {
    let d = tmp();
    let f = d.path().join("huge.txt");
    {
        let mut w = std::io::BufWriter::new(fs::File::create(&f).unwrap());
        let para = "“We will win,” Sokolov said. The plan is bad, Trump said.\n\n".repeat(1000);
        let mut written = 0;
        while written < 100_000_000 {
            w.write_all(para.as_bytes()).unwrap();
            written += para.len();
        }
        w.flush().unwrap();
    }
    let size = fs::metadata(&f).unwrap().len();
    assert!(size >= 100_000_000);
    let t = Instant::now();
    let o = extract(&[p(&f)], None);
    let took = t.elapsed();
    assert_reported(
        &o,
        &f,
        &format!("file is {size} bytes, more than the limit"),
    );
    assert!(stderr(&o).contains("--max-bytes"));
    assert!(
        took < Duration::from_secs(5),
        "refusing a large file should not read it ({took:?})"
    );
}

#[test]
fn missing_file_is_reported_and_others_still_processed() {
    let d = tmp();
    let good = write(d.path(), "good.txt", QUOTE.as_bytes());
    let missing = d.path().join("missing.txt");
    let o = extract(&["--format", "jsonl", p(&missing), p(&good)], None);
    assert_reported(&o, &missing, "cannot read");
    let docs = docs_of_jsonl(&stdout(&o));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["doc"], "good");
}

#[test]
fn one_bad_file_among_several() {
    let d = tmp();
    let a = write(d.path(), "a.txt", QUOTE.as_bytes());
    let bad = write(d.path(), "b.txt", b"\xff\xfe\x00bad");
    let c = write(d.path(), "c.txt", "“Later,” she said.\n".as_bytes());
    let o = extract(&[p(&a), p(&bad), p(&c)], None);
    assert_reported(&o, &bad, "binary file");
    assert!(
        stderr(&o).contains("1 input(s) failed"),
        "a summary: {}",
        stderr(&o)
    );
    // several inputs: JSON Lines by default, the good documents in order
    let docs = docs_of_jsonl(&stdout(&o));
    let names: Vec<&str> = docs.iter().map(|d| d["doc"].as_str().unwrap()).collect();
    assert_eq!(names, ["a", "c"]);
    assert_eq!(docs[0]["attributions"].as_array().unwrap().len(), 2);
    assert_eq!(docs[1]["attributions"][0]["content"][0]["text"], "“Later,”");
}

// ---------------------------------------------------------------------------
// Directories

#[cfg(unix)]
#[test]
fn directory_with_subdirectory_dangling_symlink_and_other_files() {
    let d = tmp();
    let root = d.path().join("corpus");
    write(&root, "b.txt", QUOTE.as_bytes());
    write(&root, "sub/a.txt", "“Yes,” he said.\n".as_bytes());
    write(&root, "notes.md", b"# not an article\n");
    write(&root, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    let dangling = root.join("gone.txt");
    std::os::unix::fs::symlink(root.join("no-such-target.txt"), &dangling).unwrap();
    let o = extract(&[p(&root)], None);
    assert_reported(&o, &dangling, "cannot read");
    let docs = docs_of_jsonl(&stdout(&o));
    let names: Vec<&str> = docs.iter().map(|d| d["doc"].as_str().unwrap()).collect();
    // sorted by path: corpus/b.txt, corpus/gone.txt (failed), corpus/sub/a.txt
    assert_eq!(names, ["b", "a"], "only .txt files, recursively, in order");
    assert_eq!(
        stderr(&o)
            .lines()
            .filter(|l| l.contains("notes.md"))
            .count(),
        0
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_a_directory_is_not_followed() {
    // corpus/again -> corpus: following it reads every article about forty
    // times (until the kernel's symlink limit stops the walk with ELOOP).
    let d = tmp();
    let root = d.path().join("corpus");
    write(&root, "a.txt", QUOTE.as_bytes());
    std::os::unix::fs::symlink(&root, root.join("again")).unwrap();
    let o = extract(&["--format", "spans", p(&root)], None);
    let docs = docs_of_jsonl(&stdout(&o));
    assert_eq!(
        docs.len(),
        1,
        "a.txt should be read once, not through every level of the loop; stderr:\n{}",
        stderr(&o)
    );
}

#[test]
fn directory_with_no_text_files_prints_nothing() {
    let d = tmp();
    write(d.path(), "readme.md", b"nothing here");
    let o = extract(&[p(d.path())], None);
    assert!(o.stdout.is_empty());
    assert!(!stderr(&o).contains("panicked"));
}

// ---------------------------------------------------------------------------
// Standard input

#[test]
fn stdin_via_dash() {
    let o = extract(&["-"], Some(QUOTE.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("one pretty JSON document");
    assert_eq!(doc["doc"], "stdin");
    let a = doc["attributions"].as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["content"][0]["text"], "“We will win,”");
    assert_eq!(a[0]["content"][0]["start"], 0);
    assert_eq!(a[0]["content"][0]["end"], 14, "code points, not bytes");
    assert_eq!(a[0]["speaker"]["name"], "Sokolov");
}

#[test]
fn stdin_errors_name_stdin() {
    let o = extract(&["-"], Some(b""));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: empty file"), "{}", stderr(&o));

    let o = extract(&["-"], Some(b"ok \xc3\x28 bad"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("<stdin>: not valid UTF-8: invalid byte sequence at byte offset 3"),
        "{}",
        stderr(&o)
    );

    let o = extract(&["--max-bytes", "10", "-"], Some(QUOTE.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("<stdin>: input is more than the limit of 10 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stdin_with_the_largest_max_bytes() {
    // `--max-bytes 18446744073709551615` means "no limit"; reading stdin
    // computes `max_bytes + 1`, which overflows.
    let o = extract(
        &["--max-bytes", &u64::MAX.to_string(), "-"],
        Some(QUOTE.as_bytes()),
    );
    assert!(
        o.status.success(),
        "status {:?}, stderr:\n{}",
        o.status,
        stderr(&o)
    );
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["attributions"].as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------
// Output formats

#[test]
fn spans_format_lines_are_json_with_the_expected_keys() {
    let d = tmp();
    let a = write(d.path(), "a.txt", QUOTE.as_bytes());
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/siberian-battalion.txt");
    let o = extract(&["--format", "spans", p(&a), p(&seed)], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = docs_of_jsonl(&stdout(&o));
    assert_eq!(docs.len(), 2);
    let seed_chars = fs::read_to_string(&seed).unwrap().chars().count() as u64;
    for doc in &docs {
        let obj = doc.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["attributions", "doc"]);
        let atts = obj["attributions"].as_array().unwrap();
        assert!(!atts.is_empty(), "{} has attributions", obj["doc"]);
        for att in atts {
            let mut keys: Vec<&str> = att
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort();
            assert_eq!(keys, ["content", "cue", "source"]);
            for key in ["content", "cue", "source"] {
                for r in att[key].as_array().unwrap() {
                    let r = r.as_array().unwrap();
                    assert_eq!(r.len(), 2, "a range is [start, end]");
                    let (s, e) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                    assert!(s <= e && e <= seed_chars.max(QUOTE.chars().count() as u64));
                }
            }
        }
    }
    assert_eq!(docs[0]["doc"], "a");
    assert_eq!(docs[0]["attributions"][0]["content"][0][0], 0);
    assert_eq!(docs[0]["attributions"][0]["content"][0][1], 14);
    assert_eq!(docs[1]["doc"], "siberian-battalion");
}

#[test]
fn text_format_is_readable() {
    let o = extract(&["--format", "text", "-"], Some(QUOTE.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "== stdin (2 attributions)");
    assert!(
        lines[1].starts_with("#1 Sokolov (person) — said [direct]"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "    “We will win,”");
    assert!(lines[3].starts_with("#2 Trump"), "{}", lines[3]);
    assert!(lines[3].contains("— said ["), "{}", lines[3]);
    assert_eq!(lines[4], "    The plan is bad");
    assert!(!out.contains('{'), "no JSON in the text view");
}

#[test]
fn json_is_the_default_for_one_input_and_jsonl_for_several() {
    let d = tmp();
    let a = write(d.path(), "a.txt", QUOTE.as_bytes());
    let o = extract(&[p(&a)], None);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.lines().count() > 1, "pretty JSON spans lines");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["attributions"][0]["id"], 1);

    let o = extract(&[p(&a), p(&a)], None);
    assert_eq!(docs_of_jsonl(&stdout(&o)).len(), 2);
}

// ---------------------------------------------------------------------------
// Broken pipe

#[test]
fn closed_pipe_is_not_an_error() {
    // enough output to fill the pipe's buffer many times over
    let d = tmp();
    let seed = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/siberian-battalion.txt"),
    )
    .unwrap();
    for i in 0..60 {
        write(d.path(), &format!("seed-{i:02}.txt"), &seed);
    }
    let mut child = bin()
        .args(["extract", "--format", "json", p(d.path())])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // read like `head -c 100`, then close the pipe
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(first.starts_with(b"{"), "the output had started");
    assert_eq!(err, "", "no message for a closed pipe");
    assert!(status.success(), "status {status:?}");
}
