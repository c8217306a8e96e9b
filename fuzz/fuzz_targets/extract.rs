//! The engine: any UTF-8 text annotates without panicking, every layer and
//! every output span is sound, and a second run gives the same output.
//!
//! The same invariants as `crates/quotegraph-core/tests/properties.rs`
//! (which runs on stable in CI); this target lets libFuzzer search for
//! inputs that break them:
//!   cargo +nightly fuzz run extract
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotegraph_core::schema::{OutDocument, OutSpan};
use quotegraph_core::{Doc, Pipeline, Span};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::default)
}

fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start() <= s.end()
            && s.end() <= text.len()
            && text.is_char_boundary(s.start())
            && text.is_char_boundary(s.end()),
        "{what} {s:?} is out of bounds or not on char boundaries ({} bytes)",
        text.len()
    );
}

fn check_sorted(spans: impl IntoIterator<Item = Span>, what: &str) {
    let mut prev: Option<Span> = None;
    for s in spans {
        if let Some(p) = prev {
            assert!(
                p.start() <= s.start(),
                "{what} not sorted: {p:?} then {s:?}"
            );
        }
        prev = Some(s);
    }
}

fn check_doc(text: &str, doc: &Doc) {
    assert_eq!(doc.text(), text);
    let n_tok = doc.tokens.len();
    for p in &doc.paragraphs {
        check_span(text, p.span, "paragraph");
        assert!(!p.span.is_empty());
    }
    for w in doc.paragraphs.windows(2) {
        assert!(w[0].span.end() <= w[1].span.start(), "paragraphs overlap");
    }
    let mut pi = 0;
    for t in &doc.tokens {
        check_span(text, t.span, "token");
        assert!(!t.span.is_empty(), "empty token");
        while pi < doc.paragraphs.len() && doc.paragraphs[pi].span.end() < t.span.end() {
            pi += 1;
        }
        assert!(
            pi < doc.paragraphs.len() && doc.paragraphs[pi].span.contains(t.span),
            "token {:?} in no paragraph",
            t.span
        );
    }
    for w in doc.tokens.windows(2) {
        assert!(w[0].span.end() <= w[1].span.start(), "tokens overlap");
    }
    let mut next = 0usize;
    for s in &doc.sentences {
        check_span(text, s.span, "sentence");
        assert_eq!(s.first_token as usize, next, "sentences leave a gap");
        assert!(s.first_token < s.end_token && s.end_token as usize <= n_tok);
        next = s.end_token as usize;
        let p = &doc.paragraphs[s.paragraph as usize];
        assert!(p.span.contains(s.span), "sentence outside its paragraph");
    }
    assert_eq!(next, n_tok, "sentences do not cover the tokens");
    assert_eq!(doc.quotes.roles.len(), n_tok);
    assert_eq!(doc.lower.len(), n_tok);
    assert_eq!(doc.pos.len(), n_tok);
    for q in &doc.quotes.quotes {
        check_span(text, q.span, "quote");
        check_span(text, q.open, "open mark");
        if let Some(c) = q.close {
            check_span(text, c, "close mark");
            assert!(q.span.contains(c));
        }
        assert!(q.span.contains(q.open));
        assert!(q.open_token < q.end_token && q.end_token as usize <= n_tok);
        assert!(doc.paragraphs[q.paragraph as usize].span.contains(q.span));
    }
    check_sorted(doc.quotes.quotes.iter().map(|q| q.span), "quotes");
    for c in &doc.cues {
        check_span(text, c.span, "cue");
        assert!(c.first_token < c.end_token && c.end_token as usize <= n_tok);
    }
    check_sorted(doc.cues.iter().map(|c| c.span), "cues");
    for m in &doc.mentions {
        check_span(text, m.span, "mention");
        for s in m.title.iter().chain(&m.description) {
            check_span(text, *s, "mention title or description");
        }
    }
    check_sorted(doc.mentions.iter().map(|m| m.span), "mentions");
    let n_att = doc.attributions.len();
    for (i, a) in doc.attributions.iter().enumerate() {
        let all = a
            .source
            .iter()
            .chain(&a.source_description)
            .chain(&a.cue)
            .chain(&a.content);
        for &s in all {
            check_span(text, s, "attribution span");
        }
        if let Some(c) = a.carried_from {
            assert!(c < n_att && c != i);
        }
    }
    let key = |a: &quotegraph_core::attribution::Attribution| {
        a.content.first().map(|s| s.start()).unwrap_or(0)
    };
    for w in doc.attributions.windows(2) {
        assert!(key(&w[0]) <= key(&w[1]), "attributions not sorted");
    }
    assert_eq!(doc.speakers.len(), n_att);
    assert_eq!(doc.attribution_duplicate_of.len(), n_att);
    for (i, d) in doc.attribution_duplicate_of.iter().enumerate() {
        if let Some(d) = *d {
            assert!(d < n_att && d != i);
        }
    }
    for d in &doc.duplicates {
        check_span(text, d.span, "duplicate");
        check_span(text, d.duplicate_of, "duplicated");
        assert!(d.duplicate_of.end() <= d.span.start());
    }
}

fn check_out(text: &str, out: &OutDocument) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let check = |s: &OutSpan| {
        assert!(
            s.start <= s.end && s.end <= n,
            "{}..{} of {n}",
            s.start,
            s.end
        );
        let slice: String = chars[s.start..s.end].iter().collect();
        assert_eq!(slice, s.text, "span text differs from its code point slice");
    };
    for (i, a) in out.attributions.iter().enumerate() {
        assert_eq!(a.id, i + 1);
        let all = a
            .source
            .iter()
            .chain(&a.source_description)
            .chain(&a.cue)
            .chain(&a.content);
        all.for_each(check);
        for r in [a.carried_from, a.duplicate_of].into_iter().flatten() {
            assert!(r >= 1 && r <= out.attributions.len() && r != a.id);
        }
    }
    let firsts: Vec<usize> = out
        .attributions
        .iter()
        .map(|a| a.content.first().map_or(0, |s| s.start))
        .collect();
    assert!(
        firsts.windows(2).all(|w| w[0] <= w[1]),
        "not sorted: {firsts:?}"
    );
    for a in &out.to_spans().attributions {
        for r in a.source.iter().chain(&a.cue).chain(&a.content) {
            assert!(r[0] <= r[1] && r[1] <= n);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = pipeline()
        .annotate(text)
        .expect("small inputs are never too large");
    check_doc(text, &doc);
    let out = OutDocument::from_doc("fuzz", &doc);
    check_out(text, &out);
    // round trip: the engine is deterministic
    let again = pipeline().annotate(text).unwrap();
    assert_eq!(
        OutDocument::from_doc("fuzz", &again),
        out,
        "a second run differs"
    );
});
