//! Prints every cue the cue stage finds, one JSON line per document, in
//! code points: `{"doc": NAME, "cues": [[start, end], ...]}`. A debugging aid
//! for the attribution rules (which cues found no source or content).
//!
//! `cargo run --release -p quotegraph-core --example dump_cues -- FILE.txt...`

use quotegraph_core::schema::CharIndex;
use quotegraph_core::Pipeline;

fn main() {
    let pipeline = Pipeline::default();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("dump_cues: cannot read {path}");
            continue;
        };
        let doc = pipeline.annotate(&text).expect("document too large");
        let ix = CharIndex::new(&text);
        let cues: Vec<[usize; 2]> = doc
            .cues
            .iter()
            .map(|c| {
                [
                    ix.char_of_byte(c.span.start()),
                    ix.char_of_byte(c.span.end()),
                ]
            })
            .collect();
        let name = std::path::Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy();
        println!("{}", serde_json::json!({"doc": name, "cues": cues}));
    }
}
