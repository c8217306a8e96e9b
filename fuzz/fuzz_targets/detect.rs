//! Format sniffing and charset detection on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = quotegraph_ingest::sniff(data);
    let _ = quotegraph_ingest::charset::sniff_encoding(data, None, None);
});
