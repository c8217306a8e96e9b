use quotegraph_ingest::text::{read_text_file, TextReader};
use quotegraph_ingest::{Location, ReadErrorKind, ReadOptions};

use crate::{fixture, scratch};

#[test]
fn directory_is_read_recursively_in_sorted_order_txt_only() {
    let articles: Vec<_> = TextReader::open(fixture("texts"), ReadOptions::default())
        .map(Result::unwrap)
        .collect();
    let ids: Vec<_> = articles
        .iter()
        .map(|a| a.meta.id.clone().unwrap())
        .collect();
    assert_eq!(ids, ["bom", "first", "second"]);
    assert_eq!(articles[0].text, "A file with a byte order mark.\n");
    assert!(articles[1]
        .text
        .contains("She called the repairs \"overdue\"."));
    assert!(articles[2].origin.file.ends_with("texts/nested/second.txt"));
}

#[test]
fn invalid_utf8_names_file_and_first_bad_byte() {
    let dir = scratch("utf8");
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"The caf\xE9 owner said no.").unwrap();
    let err = read_text_file(&path, ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::InvalidUtf8));
    assert_eq!(err.location(), Some(Location::Offset(7)));
    let msg = err.to_string();
    assert!(
        msg.contains("latin1.txt") && msg.contains("byte 7"),
        "{msg}"
    );
}

#[test]
fn empty_file_is_an_error() {
    let dir = scratch("empty");
    let path = dir.join("empty.txt");
    std::fs::write(&path, b"").unwrap();
    let err = read_text_file(&path, ReadOptions::default()).unwrap_err();
    assert!(matches!(err.kind(), ReadErrorKind::Empty));
    assert!(err.to_string().ends_with("empty.txt: empty file"), "{err}");
    std::fs::write(&path, b" \n\t\n").unwrap();
    assert!(matches!(
        read_text_file(&path, ReadOptions::default())
            .unwrap_err()
            .kind(),
        ReadErrorKind::Empty
    ));
}

#[test]
fn file_above_the_limit_is_refused_not_read() {
    let dir = scratch("big");
    let path = dir.join("big.txt");
    std::fs::write(&path, vec![b'a'; 4096]).unwrap();
    let opts = ReadOptions::default().max_file_size(1000);
    let err = read_text_file(&path, opts).unwrap_err();
    assert!(matches!(
        err.kind(),
        ReadErrorKind::FileTooLarge {
            size: 4096,
            limit: 1000
        }
    ));
    assert!(read_text_file(&path, ReadOptions::default()).is_ok());
}

#[cfg(unix)]
#[test]
fn unreadable_entry_is_an_error_and_the_others_are_read() {
    let dir = scratch("unreadable");
    std::fs::write(dir.join("a.txt"), "First.").unwrap();
    std::os::unix::fs::symlink(dir.join("missing-target"), dir.join("b.txt")).unwrap();
    std::fs::write(dir.join("c.txt"), "Third.").unwrap();
    std::fs::write(dir.join("d.txt"), b"").unwrap();
    let items: Vec<_> = TextReader::open(&dir, ReadOptions::default()).collect();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].as_ref().unwrap().text, "First.");
    let err = items[1].as_ref().unwrap_err();
    assert!(err.file().ends_with("b.txt"), "{err}");
    assert!(matches!(err.kind(), ReadErrorKind::Io(_)));
    assert_eq!(items[2].as_ref().unwrap().text, "Third.");
    assert!(matches!(
        items[3].as_ref().unwrap_err().kind(),
        ReadErrorKind::Empty
    ));
}

#[test]
fn missing_path_is_one_error() {
    let items: Vec<_> =
        TextReader::open(fixture("does-not-exist"), ReadOptions::default()).collect();
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("does-not-exist"));
}
