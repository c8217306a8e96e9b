//! Prints the engine's document JSON (with speakers and entities), one line
//! per `.txt` file of a directory, for the speaker scorer:
//!
//! `cargo run --release -p quotegraph-core --example speakers_jsonl -- DIR > pred.jsonl`
use quotegraph_core::schema::OutDocument;
use quotegraph_core::Pipeline;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: speakers_jsonl DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let pipeline = Pipeline::default();
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("UTF-8 text");
        let doc = pipeline.annotate(&text).expect("a document");
        let name = p.file_stem().unwrap().to_string_lossy();
        let out = OutDocument::from_doc(&name, &doc);
        println!("{}", serde_json::to_string(&out).unwrap());
    }
}
