//! Plain text: any bytes give an article or an error naming the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    match quotegraph_ingest::text::text_from_bytes(Path::new("f.txt"), data.to_vec()) {
        Ok(article) => assert!(!article.text.trim().is_empty()),
        Err(e) => assert!(e.to_string().starts_with("f.txt")),
    }
});
