//! Turning extracted article HTML into plain text: one paragraph per block element, a blank
//! line between paragraphs, runs of whitespace collapsed to one space.

use trafilatura::dom::{Document, NodeId};

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "figure",
    "figcaption",
    "header",
    "footer",
    "main",
    "aside",
    "address",
    "hr",
    "details",
    "summary",
    "body",
    "html",
];

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Paragraph text from an HTML fragment (such as trafilatura's `content_html`), joined with
/// blank lines.
pub(crate) fn html_to_paragraphs(html: &str) -> String {
    let doc = Document::parse(html);
    let mut out = Paragraphs::default();
    let root = doc.body().unwrap_or_else(|| doc.root());
    walk(&doc, root, &mut out);
    out.finish()
}

/// Collects paragraphs while walking the tree.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
    /// A space is owed before the next word.
    pending_space: bool,
    /// How many `<a>` elements enclose the current position.
    link_depth: usize,
    /// Non-space characters in the current paragraph, and how many of them are link text.
    chars: usize,
    link_chars: usize,
}

impl Paragraphs {
    fn push_text(&mut self, text: &str, preformatted: bool) {
        if text.is_empty() {
            return;
        }
        if preformatted {
            self.current.push_str(text);
            self.pending_space = false;
            self.chars += text.chars().filter(|c| !c.is_whitespace()).count();
            return;
        }
        let is_space = |c: char| c.is_ascii_whitespace();
        if text.starts_with(is_space) {
            self.pending_space = true;
        }
        for word in text.split_ascii_whitespace() {
            if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
                self.current.push(' ');
            }
            self.current.push_str(word);
            self.pending_space = true;
            let n = word.chars().count();
            self.chars += n;
            if self.link_depth > 0 {
                self.link_chars += n;
            }
        }
        self.pending_space = text.ends_with(is_space);
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
        self.pending_space = false;
    }

    /// Ends the current paragraph. A paragraph made only of link text is navigation (menus,
    /// "related" lists, "print this story") and is dropped.
    fn end_paragraph(&mut self) {
        let text = self.current.trim();
        let all_links = self.chars > 0 && self.link_chars == self.chars;
        if !text.is_empty() && !all_links {
            self.done.push(text.to_string());
        }
        self.current.clear();
        self.pending_space = false;
        self.chars = 0;
        self.link_chars = 0;
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        self.done.join("\n\n")
    }
}

/// One step of the walk; an explicit stack instead of recursion, so that hostile nesting
/// cannot overflow the call stack.
enum Step {
    Enter(NodeId, bool),
    Tail(NodeId, bool),
    Exit { block: bool, cell: bool, link: bool },
}

fn walk(doc: &Document, root: NodeId, out: &mut Paragraphs) {
    let mut stack = vec![Step::Enter(root, false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(id, pre) => {
                let tag = doc.tag_name(id).to_ascii_lowercase();
                if SKIPPED.contains(&tag.as_str()) {
                    continue;
                }
                let block = BLOCKS.contains(&tag.as_str());
                let cell = matches!(tag.as_str(), "td" | "th");
                let pre = pre || tag == "pre";
                if block {
                    out.end_paragraph();
                }
                if tag == "br" {
                    out.line_break();
                }
                if cell {
                    out.pending_space = true;
                }
                let link = tag == "a";
                if link {
                    out.link_depth += 1;
                }
                out.push_text(&doc.text(id), pre);
                stack.push(Step::Exit { block, cell, link });
                for child in doc.children(id).into_iter().rev() {
                    stack.push(Step::Tail(child, pre));
                    stack.push(Step::Enter(child, pre));
                }
            }
            Step::Tail(id, pre) => out.push_text(&doc.tail(id), pre),
            Step::Exit { block, cell, link } => {
                if link {
                    out.link_depth -= 1;
                }
                if block {
                    out.end_paragraph();
                } else if cell {
                    out.pending_space = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_paragraphs;

    #[test]
    fn one_paragraph_per_block() {
        let html = "<div><h2>Head</h2><p>First  <b>bold</b>\n word.</p><p>Second &amp; last.</p>\
                    <ul><li>one</li><li>two</li></ul></div>";
        assert_eq!(
            html_to_paragraphs(html),
            "Head\n\nFirst bold word.\n\nSecond & last.\n\none\n\ntwo"
        );
    }

    #[test]
    fn br_is_a_line_break_and_inline_spacing_is_kept() {
        let html = "<p>Line one<br>line <i>two</i>, <a href='#'>link</a>.</p>";
        assert_eq!(html_to_paragraphs(html), "Line one\nline two, link.");
    }

    #[test]
    fn link_only_paragraphs_are_dropped() {
        let html = "<p><a href='/'>Front page</a><br><a href='/s'>Sports</a></p>\
                    <p>Text with <a href='/x'>a link</a> inside.</p><p><a href='/p'>Print</a> </p>";
        assert_eq!(html_to_paragraphs(html), "Text with a link inside.");
    }

    #[test]
    fn table_cells_are_spaced() {
        let html = "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>";
        assert_eq!(html_to_paragraphs(html), "a b\n\nc d");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}deep{}", "<span>".repeat(5000), "</span>".repeat(5000));
        assert_eq!(html_to_paragraphs(&html), "deep");
    }
}
