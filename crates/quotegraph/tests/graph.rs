//! `quotegraph graph` on the seed article: the relations of its key appear
//! as edges, in every format.

use std::process::Command;

fn run(format: &str) -> String {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/siberian-battalion.txt"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args([
            "graph",
            "--format",
            format,
            "--published",
            "2024-11-20",
            seed,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn seed_relations_are_edges() {
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let name = |id: &serde_json::Value| {
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| &n["id"] == id)
            .unwrap()["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let edges: Vec<(String, String, String)> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                name(&e["from"]),
                e["label"].as_str().unwrap_or("").to_string(),
                name(&e["to"]),
            )
        })
        .collect();
    for (s, p, o) in [
        ("Johnny", "joined", "Siberian Battalion"),
        ("Civic Council", "formed", "Siberian Battalion"),
        ("Civic Council", "based in", "Poland"),
    ] {
        assert!(
            edges
                .iter()
                .any(|(a, b, c)| a.starts_with(s) && b == p && c.starts_with(o)),
            "missing {s} {p} {o} in {edges:#?}"
        );
    }
}

#[test]
fn dot_and_mermaid_render() {
    assert!(run("dot").starts_with("digraph"));
    assert!(run("mermaid").contains("-->|\"formed\"|"));
}
