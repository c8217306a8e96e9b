//! The document as a graph: entities as nodes (type, name, descriptions),
//! relations and "said about" links as edges, figures as nodes attached to
//! the speaker who claimed them or, when no one is quoted, to the first
//! entity named in the clause about them. Rendered as JSON, Graphviz DOT
//! or Mermaid.

use std::fmt::Write as _;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ActorsError;
use crate::output::OutActors;

/// An output format for [`Graph::render`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
    /// Graphviz DOT.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

impl FromStr for GraphFormat {
    type Err = ActorsError;
    fn from_str(s: &str) -> Result<GraphFormat, ActorsError> {
        match s {
            "json" => Ok(GraphFormat::Json),
            "dot" => Ok(GraphFormat::Dot),
            "mermaid" => Ok(GraphFormat::Mermaid),
            _ => Err(ActorsError::UnknownFormat(s.to_string())),
        }
    }
}

/// A node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// `e3` for entity 3, `f1` for figure 1.
    pub id: String,
    /// An entity type, or `figure`.
    pub kind: String,
    /// The canonical name, or the figure's text.
    pub label: String,
    /// Descriptions of an entity.
    pub descriptions: Vec<String>,
}

/// An edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// A relation predicate, `said about`, `claimed` or `about`.
    pub label: String,
    /// How many times the document supports it (attributions for `said about`).
    pub weight: usize,
}

/// The graph of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    /// The document's name.
    pub doc: String,
    /// Nodes: entities, then figures.
    pub nodes: Vec<Node>,
    /// Edges: relations, then "said about", then figure links.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// Builds the graph of a document's actors.
    pub fn new(doc: &str, a: &OutActors) -> Graph {
        let mut nodes: Vec<Node> = a
            .entities
            .iter()
            .map(|e| Node {
                id: format!("e{}", e.id),
                kind: e.kind.as_str().to_string(),
                label: e.name.clone(),
                descriptions: dedup(e.descriptions.iter().map(|d| d.text.clone())),
            })
            .collect();
        let mut edges: Vec<Edge> = Vec::new();
        let mut add = |from: String, to: String, label: &str| match edges
            .iter_mut()
            .find(|e| e.from == from && e.to == to && e.label == label)
        {
            Some(e) => e.weight += 1,
            None => edges.push(Edge {
                from,
                to,
                label: label.to_string(),
                weight: 1,
            }),
        };
        for r in &a.relations {
            if let Some(o) = r.object {
                add(
                    format!("e{}", r.subject),
                    format!("e{o}"),
                    r.predicate.as_str(),
                );
            }
        }
        for at in &a.attributions {
            let Some(s) = at.speaker_entity else { continue };
            for &e in at.about.iter().filter(|&&e| e != s) {
                add(format!("e{s}"), format!("e{e}"), "said about");
            }
        }
        for (i, f) in a.figures.iter().enumerate() {
            let id = format!("f{}", i + 1);
            let mut label = f.span.text.clone();
            if let Some(ab) = &f.about {
                label = format!("{label} {}", ab.text);
            }
            if f.counts_carried {
                if let Some(c) = &f.counts {
                    label = format!("{label} [{c}]");
                }
            }
            nodes.push(Node {
                id: id.clone(),
                kind: "figure".into(),
                label,
                descriptions: Vec::new(),
            });
            if let Some(s) = f.speaker {
                add(format!("e{s}"), id, "claimed");
            } else if let Some(ab) = &f.about {
                // the longest mention in the clause: "Ukraine's security
                // services", not the "Ukraine" inside it
                let named = a
                    .entities
                    .iter()
                    .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
                    .filter(|(_, m)| ab.start <= m.start && m.end <= ab.end)
                    .max_by_key(|(_, m)| (m.end - m.start, std::cmp::Reverse(m.start)))
                    .map(|(e, _)| e);
                if let Some(e) = named {
                    add(id, format!("e{}", e.id), "about");
                }
            }
        }
        Graph {
            doc: doc.to_string(),
            nodes,
            edges,
        }
    }

    /// Renders the graph.
    pub fn render(&self, format: GraphFormat) -> String {
        match format {
            GraphFormat::Json => serde_json::to_string_pretty(self).expect("a graph serialises"),
            GraphFormat::Dot => self.dot(),
            GraphFormat::Mermaid => self.mermaid(),
        }
    }

    fn dot(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "digraph \"{}\" {{", dot_escape(&self.doc));
        s.push_str("  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for n in &self.nodes {
            let (shape, color) = match n.kind.as_str() {
                "person" => ("ellipse", "#cfe2ff"),
                "organization" => ("box", "#d1e7dd"),
                "place" => ("house", "#fff3cd"),
                "figure" => ("note", "#f8d7da"),
                _ => ("ellipse", "#e2e3e5"),
            };
            let mut label = wrap(&n.label, 40);
            for d in &n.descriptions {
                label.push_str("\\n(");
                label.push_str(&wrap(&dot_escape(d), 40));
                label.push(')');
            }
            let _ = writeln!(
                s,
                "  {} [label=\"{}\", shape={shape}, style=filled, fillcolor=\"{color}\"];",
                n.id,
                dot_escape_keep_newlines(&label)
            );
        }
        for e in &self.edges {
            let style = if e.label == "said about" {
                ", style=dashed"
            } else {
                ""
            };
            let label = if e.weight > 1 {
                format!("{} ×{}", e.label, e.weight)
            } else {
                e.label.clone()
            };
            let _ = writeln!(
                s,
                "  {} -> {} [label=\"{}\"{style}];",
                e.from,
                e.to,
                dot_escape(&label)
            );
        }
        s.push_str("}\n");
        s
    }

    fn mermaid(&self) -> String {
        let mut s = String::from("flowchart LR\n");
        for n in &self.nodes {
            let mut label = mermaid_escape(&n.label);
            for d in &n.descriptions {
                label.push_str("<br/>(");
                label.push_str(&mermaid_escape(d));
                label.push(')');
            }
            let (open, close) = match n.kind.as_str() {
                "person" => ("([", "])"),
                "organization" => ("[", "]"),
                "place" => ("[/", "/]"),
                "figure" => ("{{", "}}"),
                _ => ("(", ")"),
            };
            let _ = writeln!(s, "  {}{open}\"{label}\"{close}", n.id);
        }
        for e in &self.edges {
            let arrow = if e.label == "said about" {
                "-.->"
            } else {
                "-->"
            };
            let _ = writeln!(
                s,
                "  {} {arrow}|\"{}\"| {}",
                e.from,
                mermaid_escape(&e.label),
                e.to
            );
        }
        s
    }
}

fn dedup(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for d in it {
        if !v.iter().any(|x| x.eq_ignore_ascii_case(&d)) {
            v.push(d);
        }
    }
    v
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

fn dot_escape_keep_newlines(s: &str) -> String {
    s.replace('"', "\\\"")
}

/// Breaks a label into lines of about `width` characters for DOT.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in s.split_whitespace() {
        if line > 0 && line + w.chars().count() > width {
            out.push_str("\\n");
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(&w.replace('\\', "\\\\"));
        line += w.chars().count();
    }
    out
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;").replace(['\n', '|'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actors, Options};
    use quotegraph_core::Pipeline;

    fn graph(text: &str) -> Graph {
        let doc = Pipeline::default().annotate(text).unwrap();
        let a = Actors::analyze(&doc, &Options::default());
        Graph::new("t", &OutActors::from_actors(&doc, &a))
    }

    #[test]
    fn renders_every_format() {
        let g = graph("The Civic Council, a group based in Poland, formed the Siberian Battalion. “We have 50 fighters in \"Poland\",” the group said.");
        let dot = g.render(GraphFormat::Dot);
        assert!(dot.starts_with("digraph \"t\" {"), "{dot}");
        assert!(dot.contains("label=\"based in\""), "{dot}");
        assert!(dot.contains("label=\"formed\""), "{dot}");
        assert!(dot.contains("claimed"), "{dot}");
        let m = g.render(GraphFormat::Mermaid);
        assert!(m.starts_with("flowchart LR"));
        assert!(!m.contains("\"Poland\""[..1].repeat(2).as_str()));
        let j: serde_json::Value = serde_json::from_str(&g.render(GraphFormat::Json)).unwrap();
        assert!(j["nodes"].as_array().unwrap().len() >= 4);
        assert_eq!("dot".parse::<GraphFormat>().unwrap(), GraphFormat::Dot);
        assert!("svg".parse::<GraphFormat>().is_err());
    }
}
