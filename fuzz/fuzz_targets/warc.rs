//! WARC: records and articles from any bytes, plain or gzip; the readers always end, and
//! stats add up.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use quotegraph_ingest::warc::{WarcReader, WarcRecords};
use quotegraph_ingest::ReadOptions;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default().max_record_size(1 << 16);
    let records = WarcRecords::new(Cursor::new(data), "f.warc", opts)
        .unwrap()
        .count();
    assert!(records <= data.len() + 1);
    let mut reader = WarcReader::new(Cursor::new(data), "f.warc", opts).unwrap();
    let items = reader.by_ref().count() as u64;
    assert_eq!(items, reader.stats().articles + reader.stats().errors);
});
