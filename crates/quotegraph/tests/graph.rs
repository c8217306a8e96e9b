//! `quotegraph graph` on the seed article: the relations of its key appear
//! as edges, in every format; `quotegraph extract` prints the actors' layers.

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

/// `quotegraph extract` prints the actors' layers in its document JSON.
fn extract(args: &[&str]) -> serde_json::Value {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/siberian-battalion.txt"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .arg("extract")
        .args(args)
        .arg(seed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn extract_json_has_the_actors_fields() {
    let doc = extract(&[]);
    for field in ["entities", "figures", "dates", "relations"] {
        assert!(doc[field].is_array(), "no {field} in {doc:#}");
    }
    let entity = |id: &serde_json::Value| {
        doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| &e["id"] == id)
            .unwrap_or_else(|| panic!("no entity {id}"))
            .clone()
    };
    let civic = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Civic Council")
        .unwrap();
    assert_eq!(civic["type"], "organization");
    for a in doc["attributions"].as_array().unwrap() {
        // every attribution keeps the engine's fields and gains the actors' two
        assert!(a["content"].is_array() && a["about"].is_array());
        assert!(a["speaker_entity"].is_null() || entity(&a["speaker_entity"])["id"].is_u64());
        for id in a["about"].as_array().unwrap() {
            entity(id);
        }
    }
    for r in doc["relations"].as_array().unwrap() {
        entity(&r["subject"]);
        assert!(r["evidence"]["text"].is_string());
    }
    let fighters: Vec<&serde_json::Value> = doc["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["counts"] == "fighters")
        .collect();
    assert_eq!(fighters.len(), 2, "{:#}", doc["figures"]);
    // without a publication date "in October" is left unresolved, with one it is resolved
    let october = |d: &serde_json::Value| {
        d["dates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["span"]["text"] == "October")
            .unwrap()
            .clone()
    };
    let o = october(&doc);
    assert!(o["value"].is_null() && o["unresolved_reason"].is_string());
    let dated = extract(&["--published", "2024-11-20"]);
    assert_eq!(dated["published"], "2024-11-20");
    assert_eq!(october(&dated)["value"], "2024-10");
    // the spans format stays the engine's evaluation format
    let spans = extract(&["--format", "spans"]);
    assert!(spans.get("entities").is_none());
}

#[test]
fn extract_refuses_a_bad_publication_date() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/siberian-battalion.txt"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_quotegraph"))
        .args(["extract", "--published", "20-11-2024", seed])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--published 20-11-2024"), "{err}");
}
