//! JSON Lines: never more items than lines, every error names a line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotegraph_ingest::jsonl::JsonlReader;
use quotegraph_ingest::ReadOptions;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default().max_record_size(1 << 12);
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut n = 0;
    for item in JsonlReader::new(data, "f.jsonl", opts) {
        n += 1;
        if let Err(e) = item {
            assert!(e.location().is_some());
        }
    }
    assert!(n <= lines);
});
