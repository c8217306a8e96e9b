//! RSS/Atom: any bytes give entries or one error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotegraph_ingest::feed::FeedReader;

fuzz_target!(|data: &[u8]| {
    for item in FeedReader::from_bytes(data, "f.xml") {
        if let Ok(article) = item {
            assert!(!article.text.trim().is_empty());
        }
    }
});
