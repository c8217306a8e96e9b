//! Prints the articles read from the given paths as JSON Lines on stdout, errors on stderr,
//! and a count at the end: `cargo run -p quotegraph-ingest --example dump -- PATH...`.

use std::io::Write;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut articles, mut errors) = (0u64, 0u64);
    for item in quotegraph_ingest::read_paths(&paths, Default::default()) {
        match item {
            Ok(article) => {
                articles += 1;
                let line = serde_json::to_string(&article).expect("articles serialize");
                if writeln!(out, "{line}").is_err() {
                    return; // Broken pipe: stop quietly.
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    let _ = out.flush();
    eprintln!("{articles} articles, {errors} errors");
}
