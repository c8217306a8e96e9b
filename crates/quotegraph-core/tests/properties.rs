//! Property tests: the pipeline never panics, and every span it reports is
//! sound, whatever the input.
//!
//! Inputs come from four generators: arbitrary Unicode strings, news-like
//! text assembled from words, every kind of quotation mark, apostrophes,
//! abbreviations and line breaks (the material the rules actually branch
//! on), arbitrary bytes decoded with `String::from_utf8_lossy`, and
//! news-like text with random bytes spliced in. For each input:
//!
//! - internally, every layer of the [`Doc`] (paragraphs, tokens, sentences,
//!   quotes, cues, mentions, attributions, duplicates) is in bounds, on char
//!   boundaries, sorted by start; tokens lie inside their paragraph,
//!   sentences inside theirs and partition the tokens; per-token layers
//!   (mark roles, lowercase forms, tags) have one entry per token;
//!   indices point at existing items;
//! - in the output ([`OutDocument`]), every span has `start <= end <=`
//!   the text's length in code points and its `text` is the code point
//!   slice of the input; attributions are sorted by first content start,
//!   ids count 1..n, `carried_from` and `duplicate_of` name existing ids;
//!   the spans format stays in bounds too;
//! - a second run gives the same output (no dependence on hash order).
//!
//! `PROPTEST_CASES` raises the number of cases for a longer run; the
//! default is kept small enough for the file to run in a few seconds in a
//! debug build.

use proptest::prelude::*;
use quotegraph_core::schema::{OutDocument, OutSpan};
use quotegraph_core::{Doc, Pipeline, Span};

// ---------------------------------------------------------------------------
// Invariant checks

fn check_span(text: &str, s: Span, what: &str) {
    assert!(s.start() <= s.end(), "{what} {s:?}: start > end");
    assert!(
        s.end() <= text.len(),
        "{what} {s:?}: past the end ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()),
        "{what} {s:?}: not on char boundaries"
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

/// Internal soundness of every layer of the document.
fn check_doc(text: &str, doc: &Doc) {
    assert_eq!(doc.text(), text, "the original text is kept unchanged");
    let n_tok = doc.tokens.len();

    // paragraphs: non-empty, trimmed, disjoint, in order
    for p in &doc.paragraphs {
        check_span(text, p.span, "paragraph");
        assert!(!p.span.is_empty(), "empty paragraph {:?}", p.span);
        let s = p.span.slice(text);
        assert_eq!(s, s.trim(), "paragraph {:?} is not trimmed", p.span);
    }
    for w in doc.paragraphs.windows(2) {
        assert!(
            w[0].span.end() <= w[1].span.start(),
            "paragraphs overlap or are out of order: {:?} {:?}",
            w[0].span,
            w[1].span
        );
    }

    // tokens: non-empty, disjoint, in order, each inside a paragraph
    let mut pi = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        check_span(text, t.span, "token");
        assert!(!t.span.is_empty(), "empty token {i} at {:?}", t.span);
        assert!(
            !t.span.slice(text).starts_with(char::is_whitespace),
            "token {i} {:?} starts with whitespace",
            t.span
        );
        while pi < doc.paragraphs.len() && doc.paragraphs[pi].span.end() < t.span.end() {
            pi += 1;
        }
        assert!(
            pi < doc.paragraphs.len() && doc.paragraphs[pi].span.contains(t.span),
            "token {i} {:?} lies in no paragraph",
            t.span
        );
    }
    for w in doc.tokens.windows(2) {
        assert!(
            w[0].span.end() <= w[1].span.start(),
            "tokens overlap or are out of order: {:?} {:?}",
            w[0].span,
            w[1].span
        );
    }

    // sentences: partition the tokens, inside their paragraph
    let mut next_token = 0usize;
    for (i, s) in doc.sentences.iter().enumerate() {
        check_span(text, s.span, "sentence");
        assert_eq!(
            s.first_token as usize, next_token,
            "sentence {i} does not start where the previous one ended"
        );
        assert!(
            s.first_token < s.end_token && s.end_token as usize <= n_tok,
            "sentence {i} has token range {}..{} of {n_tok}",
            s.first_token,
            s.end_token
        );
        next_token = s.end_token as usize;
        let first = doc.tokens[s.first_token as usize].span;
        let last = doc.tokens[s.end_token as usize - 1].span;
        assert_eq!(s.span, first.cover(last), "sentence {i} span vs its tokens");
        let p = doc
            .paragraphs
            .get(s.paragraph as usize)
            .unwrap_or_else(|| panic!("sentence {i} names paragraph {}", s.paragraph));
        assert!(
            p.span.contains(s.span),
            "sentence {i} {:?} is not inside its paragraph {:?}",
            s.span,
            p.span
        );
    }
    assert_eq!(next_token, n_tok, "sentences do not cover every token");
    check_sorted(doc.sentences.iter().map(|s| s.span), "sentences");

    // quotes
    assert_eq!(doc.quotes.roles.len(), n_tok, "one mark role per token");
    for (k, r) in doc.quotes.roles.iter().enumerate() {
        if r.is_some() {
            assert_eq!(
                doc.tokens[k].kind,
                quotegraph_core::text::TokenKind::Quote,
                "token {k} has a mark role but is not a quotation mark"
            );
        }
    }
    for (i, q) in doc.quotes.quotes.iter().enumerate() {
        check_span(text, q.span, "quote");
        check_span(text, q.open, "quote open mark");
        assert!(q.span.contains(q.open), "quote {i}: open mark outside");
        if let Some(c) = q.close {
            check_span(text, c, "quote close mark");
            assert!(q.span.contains(c), "quote {i}: close mark outside");
            assert!(q.open.end() <= c.start(), "quote {i}: close before open");
        }
        assert!(
            q.open_token < q.end_token && q.end_token as usize <= n_tok,
            "quote {i}: token range {}..{} of {n_tok}",
            q.open_token,
            q.end_token
        );
        assert_eq!(doc.tokens[q.open_token as usize].span, q.open, "quote {i}");
        let p = doc
            .paragraphs
            .get(q.paragraph as usize)
            .unwrap_or_else(|| panic!("quote {i} names paragraph {}", q.paragraph));
        assert!(p.span.contains(q.span), "quote {i} leaves its paragraph");
        if let Some(c) = q.continues {
            assert!(
                (c as usize) < doc.quotes.quotes.len(),
                "quote {i} continues {c}"
            );
        }
    }
    check_sorted(doc.quotes.quotes.iter().map(|q| q.span), "quotes");

    // lowercase forms: one per token, the token lowercased char by char
    // with ’ made straight (the ASCII fast path must agree with this)
    assert_eq!(doc.lower.len(), n_tok, "one lowercase form per token");
    for (i, t) in doc.tokens.iter().enumerate() {
        let mut expected = String::new();
        for c in t.span.slice(text).chars() {
            if c == '\u{2019}' {
                expected.push('\'');
            } else {
                expected.extend(c.to_lowercase());
            }
        }
        assert_eq!(doc.lower.get(i), expected, "lowercase form of token {i}");
    }

    // part-of-speech tags: one per token
    assert_eq!(doc.pos.len(), n_tok, "one tag per token");

    // cues
    for (i, c) in doc.cues.iter().enumerate() {
        check_span(text, c.span, "cue");
        assert!(
            c.first_token < c.end_token && c.end_token as usize <= n_tok,
            "cue {i}: token range {}..{} of {n_tok}",
            c.first_token,
            c.end_token
        );
    }
    check_sorted(doc.cues.iter().map(|c| c.span), "cues");

    // mentions
    for (i, m) in doc.mentions.iter().enumerate() {
        check_span(text, m.span, "mention");
        if let Some(t) = m.title {
            check_span(text, t, "mention title");
        }
        if let Some(d) = m.description {
            check_span(text, d, "mention description");
        }
        assert!(
            m.tokens.0 <= m.tokens.1 && m.tokens.1 as usize <= n_tok,
            "mention {i}: token range {:?} of {n_tok}",
            m.tokens
        );
    }
    check_sorted(doc.mentions.iter().map(|m| m.span), "mentions");

    // attributions
    let n_att = doc.attributions.len();
    for (i, a) in doc.attributions.iter().enumerate() {
        for &s in &a.source {
            check_span(text, s, "source");
        }
        for &s in &a.source_description {
            check_span(text, s, "source description");
        }
        for &s in &a.cue {
            check_span(text, s, "cue of an attribution");
        }
        for &s in &a.content {
            check_span(text, s, "content");
        }
        check_sorted(
            a.content.iter().copied(),
            "content spans of one attribution",
        );
        if let Some((s, e)) = a.source_tokens {
            assert!(
                s <= e && e as usize <= n_tok,
                "attribution {i}: source tokens {s}..{e} of {n_tok}"
            );
        }
        if let Some(c) = a.carried_from {
            assert!(c < n_att && c != i, "attribution {i} carried from {c}");
        }
    }
    let first_content = |a: &quotegraph_core::attribution::Attribution| {
        a.content.first().map(|s| s.start()).unwrap_or(0)
    };
    for w in doc.attributions.windows(2) {
        assert!(
            first_content(&w[0]) <= first_content(&w[1]),
            "attributions not sorted by first content start"
        );
    }
    assert_eq!(
        doc.speakers.len(),
        n_att,
        "one speaker slot per attribution"
    );

    // entities: mentions in order, each entity's mentions point back at it
    let ents = &doc.entities;
    assert_eq!(
        ents.entity_of.len(),
        ents.mentions.len(),
        "one entity slot per mention"
    );
    for (i, m) in ents.mentions.iter().enumerate() {
        check_span(text, m.span, "entity mention");
        assert!(
            m.tokens.0 < m.tokens.1 && m.tokens.1 as usize <= n_tok,
            "entity mention {i}: token range {:?} of {n_tok}",
            m.tokens
        );
        if let Some(e) = ents.entity_of[i] {
            assert!(e < ents.entities.len(), "mention {i} of entity {e}");
            assert!(
                ents.entities[e].mentions.contains(&i),
                "entity {e} lacks mention {i}"
            );
        }
    }
    for w in ents.mentions.windows(2) {
        assert!(
            w[0].span.start() <= w[1].span.start(),
            "entity mentions not sorted"
        );
    }
    for (e, ent) in ents.entities.iter().enumerate() {
        assert!(!ent.name.trim().is_empty(), "entity {e} has no name");
        for &m in &ent.mentions {
            assert_eq!(ents.entity_of[m], Some(e), "entity {e}: mention {m}");
        }
        for &d in &ent.descriptions {
            check_span(text, ents.descriptions[d].span, "entity description");
        }
    }
    // speakers: a named speaker is one of the entities, under its name and kind
    for (i, sp) in doc.speakers.iter().enumerate() {
        let Some(sp) = sp else { continue };
        if let Some(d) = sp.description {
            check_span(text, d, "speaker description");
        }
        if let Some(e) = sp.entity {
            assert!(
                e < ents.entities.len(),
                "attribution {i}: speaker entity {e}"
            );
            let kind = quotegraph_core::identity::speaker_kind(ents.entities[e].kind);
            assert_eq!(sp.kind, kind, "attribution {i}: speaker kind");
        }
    }
    assert_eq!(
        doc.attribution_duplicate_of.len(),
        n_att,
        "one duplicate slot per attribution"
    );
    for (i, d) in doc.attribution_duplicate_of.iter().enumerate() {
        if let Some(d) = *d {
            assert!(d < n_att && d != i, "attribution {i} duplicates {d}");
        }
    }

    // duplicates: both sides are paragraphs, the original comes first
    for d in &doc.duplicates {
        check_span(text, d.span, "duplicate paragraph");
        check_span(text, d.duplicate_of, "duplicated paragraph");
        assert!(
            d.duplicate_of.end() <= d.span.start(),
            "duplicate {:?} of a later paragraph {:?}",
            d.span,
            d.duplicate_of
        );
        for s in [d.span, d.duplicate_of] {
            assert!(
                doc.paragraphs.iter().any(|p| p.span == s),
                "duplicate {s:?} is not a paragraph"
            );
        }
    }
    check_sorted(doc.duplicates.iter().map(|d| d.span), "duplicates");
}

/// Soundness of the output schema: code point offsets and texts.
fn check_out(text: &str, doc: &Doc) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let out = OutDocument::from_doc("prop", doc);
    let check = |s: &OutSpan, what: &str| {
        assert!(
            s.start <= s.end && s.end <= n,
            "{what} {}..{} out of bounds ({n} code points)",
            s.start,
            s.end
        );
        let slice: String = chars[s.start..s.end].iter().collect();
        assert_eq!(
            slice, s.text,
            "{what} {}..{}: text differs from the slice",
            s.start, s.end
        );
    };
    let ids: Vec<usize> = out.attributions.iter().map(|a| a.id).collect();
    assert_eq!(ids, (1..=out.attributions.len()).collect::<Vec<_>>(), "ids");
    for a in &out.attributions {
        for s in &a.source {
            check(s, "source");
        }
        for s in &a.source_description {
            check(s, "source_description");
        }
        for s in &a.cue {
            check(s, "cue");
        }
        for s in &a.content {
            check(s, "content");
        }
        for r in [a.carried_from, a.duplicate_of].into_iter().flatten() {
            assert!(
                (1..=ids.len()).contains(&r) && r != a.id,
                "attribution {} refers to id {r}",
                a.id
            );
        }
    }
    let firsts: Vec<usize> = out
        .attributions
        .iter()
        .map(|a| a.content.first().map(|s| s.start).unwrap_or(0))
        .collect();
    assert!(
        firsts.windows(2).all(|w| w[0] <= w[1]),
        "attributions not sorted by first content start: {firsts:?}"
    );
    for d in &out.duplicates {
        assert!(d.start <= d.end && d.end <= n, "duplicate out of bounds");
        assert!(
            d.duplicate_of.start <= d.duplicate_of.end && d.duplicate_of.end <= n,
            "duplicate_of out of bounds"
        );
    }
    // the evaluation format
    let spans = out.to_spans();
    assert!(spans.attributions.len() <= out.attributions.len());
    for a in &spans.attributions {
        for r in a.source.iter().chain(&a.cue).chain(&a.content) {
            assert!(r[0] <= r[1] && r[1] <= n, "spans format range {r:?} ({n})");
        }
    }
}

fn check_text(text: &str) {
    let doc = Pipeline::default()
        .annotate(text)
        .expect("a small text is never too large");
    check_doc(text, &doc);
    check_out(text, &doc);
    // deterministic: a second run (fresh hash maps) gives the same output
    let again = Pipeline::default().annotate(text).unwrap();
    assert_eq!(
        OutDocument::from_doc("prop", &again),
        OutDocument::from_doc("prop", &doc),
        "a second run gives a different output"
    );
}

// ---------------------------------------------------------------------------
// Generators

const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "reporters",
    "according",
    "to",
    "added",
    "claimed",
    "warned",
    "stated",
    "insisted",
    "believes",
    "that",
    "the",
    "a",
    "he",
    "she",
    "they",
    "we",
    "it",
    "Clinton",
    "Trump",
    "Sokolov",
    "Johnny",
    "Vladimir",
    "Putin",
    "O'Brien",
    "O’Neill",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Gen.",
    "St.",
    "U.S.",
    "U.N.",
    "p.m.",
    "a.m.",
    "Inc.",
    "Corp.",
    "e.g.",
    "J.",
    "don't",
    "can’t",
    "it’s",
    "Putin’s",
    "Joneses’",
    "’90s",
    "'90s",
    "rock'n'roll",
    "1,000.50",
    "6:00",
    "2016",
    "far-right",
    "AT&T",
    "Council",
    "Party",
    "Ministry",
    "Battalion",
    "spokesman",
    "group",
    "official",
    "in",
    "a",
    "statement",
    "on",
    "Tuesday",
    "He",
    "The",
    "Advertisement",
    "Ukrainian",
    "Siberian",
    "é",
    "Ünïcödé",
    "東京",
    "Привет",
    "مرحبا",
];

const MARKS: &[&str] = &[
    "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\"", "'", "\u{00AB}", "\u{00BB}", "\u{2039}",
    "\u{203A}", "\u{201E}", "\u{201A}", "\u{201B}", "\u{201F}", "''", "``", "`",
];

const PUNCT: &[&str] = &[
    ".", ",", ":", ";", "?", "!", "...", "…", "—", "–", "-", "--", "(", ")", "[", "]", "$", "?!",
    "/", "&",
];

const SPACE: &[&str] = &[
    " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u{00A0}", "\u{2028}", " \n \n",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        3 => prop::sample::select(MARKS).prop_map(str::to_string),
        2 => prop::sample::select(PUNCT).prop_map(str::to_string),
        4 => prop::sample::select(SPACE).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[A-Za-z]{1,3}\\.".prop_map(|s: String| s),
    ]
}

/// Text assembled from news-like pieces.
fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

/// A sentence of the shapes the attribution rules look for, with random marks.
fn attribution_sentence() -> impl Strategy<Value = String> {
    let mark = || prop::sample::select(MARKS);
    let word = || prop::sample::select(WORDS);
    (mark(), word(), word(), mark(), word(), word(), 0..6usize).prop_map(
        |(o, w1, w2, c, src, cue, shape)| match shape {
            0 => format!("{o}{w1} {w2},{c} {src} {cue}."),
            1 => format!("{src} {cue}: {o}{w1} {w2}.{c}"),
            2 => format!("{w1} {w2}, {src} {cue}."),
            3 => format!("{src} {cue} that {w1} {w2}."),
            4 => format!("According to {src}, {w1} {w2}."),
            _ => format!("{o}{w1} {w2}.\n\n{o}{w2} {w1}.{c} {src} {cue}."),
        },
    )
}

/// Paragraphs of attribution-shaped sentences, sometimes repeated.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(attribution_sentence(), 1..8),
        any::<bool>(),
    )
        .prop_map(|(v, repeat)| {
            let mut t = v.join("\n\n");
            if repeat {
                let first = v[0].clone();
                t.push_str("\n\n");
                t.push_str(&first);
            }
            t
        })
}

/// News-like text with random bytes spliced in, decoded lossily.
fn spliced_bytes() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => piece().prop_map(String::into_bytes),
            1 => prop::collection::vec(any::<u8>(), 1..6),
        ],
        0..80,
    )
    .prop_map(|v| String::from_utf8_lossy(&v.concat()).into_owned())
}

fn config() -> ProptestConfig {
    // PROPTEST_CASES overrides this for longer runs
    ProptestConfig {
        cases: 160,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check_text(&text);
    }

    #[test]
    fn news_like_text(text in news_text()) {
        check_text(&text);
    }

    #[test]
    fn attribution_shaped_articles(text in article()) {
        check_text(&text);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn news_with_random_bytes(text in spliced_bytes()) {
        check_text(&text);
    }
}

// ---------------------------------------------------------------------------
// Fixed awkward inputs (each once, so they are always covered)

#[test]
fn awkward_inputs() {
    let deep_quotes = "\u{201C}".repeat(300) + "deep,” he said.";
    let long_line = "word ".repeat(5000);
    let many_paras = "“Yes,” he said.\n\n".repeat(200);
    let cases: Vec<&str> = vec![
        "",
        " ",
        "\n\n\n",
        "\r\n\r\n",
        "\u{FEFF}",
        "\u{FEFF}“Hi,” he said.",
        "\u{FFFD}\u{FFFD}",
        "\"",
        "''",
        "``",
        "'",
        "’",
        "“",
        "”",
        "“”",
        "“ ”",
        "„",
        "«»",
        "‹›",
        ".",
        "...",
        "Mr.",
        "U.S.",
        "a.",
        "“",
        "“A\n\n“B\n\n“C",
        "\u{201C}\n\u{201C}\n\u{201C}\n",
        "he said",
        "said",
        "According to",
        "according to him",
        "“Yes.” “No.” “Maybe,” she said, “later.”",
        "Ünïcödé “straße,” said Müller. 東京 «да», сказал он.",
        "e\u{301}“x,” said Ze\u{301}.",
        "👨‍👩‍👧 “🙂,” said 🐍.",
        "\u{0000}“nul,” he said\u{0000}.",
        "“Test paragraph that is long enough,” he said.\n\n“Test paragraph that is long enough,” he said.",
        &deep_quotes,
        &long_line,
        &many_paras,
    ];
    for c in cases {
        check_text(c);
    }
}

#[test]
fn seed_and_dev_sample_are_sound() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seed = std::fs::read_to_string(root.join("examples/siberian-battalion.txt")).unwrap();
    check_text(&seed);
    // the committed benchmark texts (PolNeAR dev articles)
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    if let Ok(dir) = std::fs::read_dir(data) {
        for e in dir.flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                check_text(&std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
}
