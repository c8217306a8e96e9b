//! HTML building blocks: escaping and the highlighted article text.
//!
//! Article text is untrusted: it reaches a page only through [`esc`] (text and attribute
//! values alike), and the pages are built from fixed markup around it.

use quotegraph_core::schema::CharIndex;

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query string value.
pub fn url_param(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// What a highlighted range is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Who.
    Source,
    /// The verb or phrase that reports.
    Cue,
    /// What was said.
    Content,
    /// A repeated paragraph.
    Duplicate,
}

impl Role {
    fn class(self) -> &'static str {
        match self {
            Role::Source => "src",
            Role::Cue => "cue",
            Role::Content => "con",
            Role::Duplicate => "dup",
        }
    }
}

/// A range of the text to mark, in code points.
#[derive(Clone, Debug)]
pub struct Mark {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// What it is.
    pub role: Role,
    /// The attribution it belongs to (its number in the list below the text); 0 for none.
    pub attribution: usize,
    /// An element id to put on the first piece of this mark (an anchor to link to).
    pub anchor: Option<String>,
}

/// The text as HTML with every mark wrapped in `<span class="ROLE aN">`. Marks may overlap;
/// each piece of text between two boundaries carries the classes of every mark over it.
/// `highlight` adds the class `hl` to the marks of that attribution.
pub fn highlight(text: &str, marks: &[Mark], highlight: Option<usize>) -> String {
    let ix = CharIndex::new(text);
    let to_byte = |c: usize| {
        let mut b = ix.byte_of_char(c).min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    let spans: Vec<(usize, usize, &Mark)> = marks
        .iter()
        .map(|m| (to_byte(m.start), to_byte(m.end), m))
        .filter(|(s, e, _)| s < e)
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (s, e, _) in &spans {
        cuts.push(*s);
        cuts.push(*e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut anchored = vec![false; spans.len()];
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = esc(&text[a..b]);
        let over: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].0 <= a && b <= spans[i].1)
            .collect();
        if over.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let mut classes: Vec<String> = Vec::new();
        let mut title: Vec<String> = Vec::new();
        let mut id = None;
        for &i in &over {
            let m = spans[i].2;
            let c = m.role.class().to_string();
            if !classes.contains(&c) {
                classes.push(c);
            }
            if m.attribution > 0 {
                let c = format!("a{}", m.attribution);
                if !classes.contains(&c) {
                    classes.push(c);
                }
                if highlight == Some(m.attribution) && !classes.iter().any(|c| c == "hl") {
                    classes.push("hl".into());
                }
                let role = match m.role {
                    Role::Source => "source",
                    Role::Cue => "cue",
                    Role::Content => "content",
                    Role::Duplicate => "",
                };
                title.push(format!("#{} {role}", m.attribution));
            } else if m.role == Role::Duplicate {
                title.push("repeated paragraph".into());
            }
            if spans[i].0 == a && !anchored[i] {
                anchored[i] = true;
                if m.role == Role::Duplicate {
                    classes.push("dupstart".into());
                }
                if id.is_none() {
                    id = m.anchor.clone();
                }
            }
        }
        out.push_str("<span class=\"");
        out.push_str(&esc(&classes.join(" ")));
        out.push('"');
        if let Some(id) = id {
            out.push_str(" id=\"");
            out.push_str(&esc(&id));
            out.push('"');
        }
        out.push_str(" title=\"");
        out.push_str(&esc(&title.join(", ")));
        out.push_str("\">");
        out.push_str(&piece);
        out.push_str("</span>");
    }
    out
}

/// A bar chart of counts per month as inline SVG: every month from the first to the last,
/// empty months as gaps, each bar with a tooltip.
pub fn month_chart(counts: &[(String, i64)]) -> String {
    let months = fill_months(counts);
    if months.is_empty() {
        return "<p class=\"muted\">No dated statements.</p>".into();
    }
    let max = months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    let (w, h, pad_l, pad_b, pad_t) = (600.0f64, 160.0f64, 28.0, 22.0, 8.0);
    let n = months.len() as f64;
    let bw = (w - pad_l) / n;
    let mut svg = format!(
        "<svg id=\"chart\" class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-label=\"Statements per month\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let base = h - pad_b;
    svg.push_str(&format!(
        "<line x1=\"{pad_l}\" y1=\"{base}\" x2=\"{w}\" y2=\"{base}\" stroke=\"#888\"/>\
         <text x=\"{x}\" y=\"{y}\" font-size=\"10\" text-anchor=\"end\">{max}</text>\
         <text x=\"{x}\" y=\"{base}\" font-size=\"10\" text-anchor=\"end\">0</text>",
        x = pad_l - 4.0,
        y = pad_t + 8.0,
    ));
    for (i, (month, n)) in months.iter().enumerate() {
        let bh = (base - pad_t) * (*n as f64) / (max as f64);
        let x = pad_l + i as f64 * bw + bw * 0.1;
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bwid:.1}\" height=\"{bh:.1}\" \
             fill=\"#3b6ea5\"><title>{m}: {n} statement{s}</title></rect>",
            y = base - bh,
            bwid = bw * 0.8,
            m = esc(month),
            s = if *n == 1 { "" } else { "s" },
        ));
    }
    let label = |i: usize, anchor: &str| {
        format!(
            "<text x=\"{x:.1}\" y=\"{y}\" font-size=\"10\" text-anchor=\"{anchor}\">{m}</text>",
            x = pad_l + i as f64 * bw + bw / 2.0,
            y = h - 6.0,
            m = esc(&months[i].0),
        )
    };
    svg.push_str(&label(
        0,
        if months.len() == 1 { "middle" } else { "start" },
    ));
    if months.len() > 1 {
        svg.push_str(&label(months.len() - 1, "end"));
    }
    svg.push_str("</svg>");
    svg
}

/// Every month from the first to the last given (`YYYY-MM`), with 0 for missing ones; at
/// most 240 months (the latest), so a stray date cannot make the chart unreadable.
fn fill_months(counts: &[(String, i64)]) -> Vec<(String, i64)> {
    let parse = |m: &str| -> Option<i64> {
        let (y, mo) = m.split_once('-')?;
        let (y, mo): (i64, i64) = (y.parse().ok()?, mo.parse().ok()?);
        (1..=12).contains(&mo).then_some(y * 12 + mo - 1)
    };
    let known: Vec<(i64, i64)> = counts
        .iter()
        .filter_map(|(m, n)| parse(m).map(|k| (k, *n)))
        .collect();
    let (Some(first), Some(last)) = (
        known.iter().map(|k| k.0).min(),
        known.iter().map(|k| k.0).max(),
    ) else {
        return Vec::new();
    };
    let first = first.max(last - 239);
    (first..=last)
        .map(|k| {
            let n = known.iter().filter(|x| x.0 == k).map(|x| x.1).sum();
            (format!("{:04}-{:02}", k / 12, k % 12 + 1), n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(1)</script>\"'&"),
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        );
    }

    #[test]
    fn highlight_wraps_overlapping_marks_by_code_points() {
        let text = "«Ça va», a dit Zoé <b>.";
        let marks = [
            Mark {
                start: 0,
                end: 7,
                role: Role::Content,
                attribution: 1,
                anchor: Some("q7".into()),
            },
            Mark {
                start: 9,
                end: 14,
                role: Role::Cue,
                attribution: 1,
                anchor: None,
            },
            Mark {
                start: 15,
                end: 18,
                role: Role::Source,
                attribution: 1,
                anchor: None,
            },
        ];
        let html = highlight(text, &marks, Some(1));
        assert!(
            html.starts_with("<span class=\"con a1 hl\" id=\"q7\""),
            "{html}"
        );
        assert!(html.contains(">«Ça va»</span>"), "{html}");
        assert!(html.contains(">a dit</span>"), "{html}");
        assert!(html.contains(">Zoé</span>"), "{html}");
        assert!(html.ends_with(" &lt;b&gt;."), "{html}");
    }

    #[test]
    fn months_are_filled_between_first_and_last() {
        let m = fill_months(&[("2015-11".into(), 2), ("2016-02".into(), 1)]);
        let names: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["2015-11", "2015-12", "2016-01", "2016-02"]);
        assert_eq!(m[1].1, 0);
        assert!(month_chart(&m).contains("2016-02: 1 statement<"));
    }
}
