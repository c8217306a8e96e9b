//! HTML: decoding and extraction never panic; extracted text has no empty paragraphs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(extracted) = quotegraph_ingest::html::extract_bytes(data, None, None) {
        assert!(!extracted.text.trim().is_empty());
        assert!(!extracted.text.contains("\n\n\n"));
    }
});
