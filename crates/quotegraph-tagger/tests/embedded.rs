//! The embedded models on hand-written, hand-checked sentences, model
//! loading round trips and bad model bytes.

use quotegraph_tagger::ner::entities;
use quotegraph_tagger::{
    Entity, EntityType, Lemmatizer, MentionTagger, NerLabel, NerTagger, PosTag, PosTagger,
};

fn tags(words: &[&str]) -> Vec<&'static str> {
    PosTagger::embedded()
        .tag(words)
        .into_iter()
        .map(PosTag::as_str)
        .collect()
}

fn ents(words: &[&str]) -> Vec<(String, EntityType)> {
    let pos = PosTagger::embedded().tag(words);
    NerTagger::embedded()
        .entities(words, &pos)
        .into_iter()
        .map(|e| (words[e.start..e.end].join(" "), e.ty))
        .collect()
}

#[test]
fn embedded_models_load() {
    assert!(PosTagger::try_embedded().is_ok());
    assert!(NerTagger::try_embedded().is_ok());
    assert!(Lemmatizer::try_embedded().is_ok());
}

#[test]
fn pos_simple_sentence() {
    let w = ["Sokolov", "said", "the", "war", "must", "end", "."];
    assert_eq!(tags(&w), ["NNP", "VBD", "DT", "NN", "MD", "VB", "."]);
    let t = PosTagger::embedded().tag(&w);
    assert!(t[0].is_proper_noun() && t[1].is_verb() && t[3].is_noun());
}

#[test]
fn pos_quotes_brackets_and_clitics() {
    // Curly and straight quotes, as they appear in the original text.
    let w = ["“", "We", "will", "win", ",", "”", "she", "said", "."];
    assert_eq!(
        tags(&w),
        ["``", "PRP", "MD", "VB", ",", "''", "PRP", "VBD", "."]
    );
    let w = ["\"", "We", "will", "win", ",", "\"", "she", "said", "."];
    assert_eq!(
        tags(&w),
        ["``", "PRP", "MD", "VB", ",", "''", "PRP", "VBD", "."]
    );
    let w = ["He", "did", "n’t", "stop", "(", "yet", ")", "."];
    assert_eq!(
        tags(&w),
        ["PRP", "VBD", "RB", "VB", "-LRB-", "RB", "-RRB-", "."]
    );
    let w = ["Trump", "’s", "campaign", "says", "it", "’s", "over", "."];
    let t = tags(&w);
    assert_eq!((t[0], t[1], t[3], t[5]), ("NNP", "POS", "VBZ", "VBZ"));
}

#[test]
fn ner_sentences() {
    let w = ["Sokolov", "said", "the", "war", "must", "end", "."];
    assert_eq!(ents(&w), [("Sokolov".to_string(), EntityType::Person)]);
    let w = [
        "Hillary", "Clinton", "told", "CNN", "on", "Tuesday", "that", "she", "will", "campaign",
        "in", "New", "York", ".",
    ];
    assert_eq!(
        ents(&w),
        [
            ("Hillary Clinton".to_string(), EntityType::Person),
            ("CNN".to_string(), EntityType::Organization),
            ("New York".to_string(), EntityType::Location),
        ]
    );
    let w = ["Many", "Republicans", "oppose", "the", "plan", "."];
    assert_eq!(ents(&w), [("Republicans".to_string(), EntityType::Misc)]);
}

#[test]
fn ner_labels_are_well_formed_bilou() {
    let w = [
        "Donald",
        "J.",
        "Trump",
        "met",
        "Ryan",
        "in",
        "Washington",
        ".",
    ];
    let pos = PosTagger::embedded().tag(&w);
    let labels = NerTagger::embedded().tag(&w, &pos);
    assert_eq!(labels.len(), w.len());
    assert_eq!(labels[0], NerLabel::B(EntityType::Person));
    assert_eq!(labels[2], NerLabel::L(EntityType::Person));
    assert_eq!(labels[3], NerLabel::O);
    assert_eq!(
        entities(&labels)[0],
        Entity {
            start: 0,
            end: 3,
            ty: EntityType::Person
        }
    );
}

#[test]
fn lemmas() {
    let l = Lemmatizer::embedded();
    for (w, p, want) in [
        ("said", PosTag::Vbd, "say"),
        ("Said", PosTag::Vbd, "say"),
        ("told", PosTag::Vbd, "tell"),
        ("was", PosTag::Vbd, "be"),
        ("claims", PosTag::Vbz, "claim"),
        ("argued", PosTag::Vbd, "argue"),
        ("denies", PosTag::Vbz, "deny"),
        ("senators", PosTag::Nns, "senator"),
        ("Trump", PosTag::Nnp, "Trump"),
        ("n’t", PosTag::Rb, "not"),
        // Unseen words go through the suffix rules.
        ("blorfed", PosTag::Vbd, "blorf"),
        ("zabbles", PosTag::Nns, "zabble"),
    ] {
        assert_eq!(l.lemma(w, p), want, "{w}/{p}");
    }
}

#[test]
fn empty_and_reused_buffers() {
    let pos = PosTagger::embedded();
    let ner = NerTagger::embedded();
    let empty: [&str; 0] = [];
    assert!(pos.tag(&empty).is_empty());
    assert!(ner.tag(&empty, &[]).is_empty());
    let mut out = vec![PosTag::Nn; 10];
    pos.tag_into(&["Hello", "."], &mut out);
    assert_eq!(out.len(), 2);
    let mut labels = Vec::new();
    // Missing POS tags are tolerated.
    ner.tag_into(&["Obama", "spoke", "."], &[], &mut labels);
    assert_eq!(labels.len(), 3);
    // Owned strings work too.
    let owned = vec!["Obama".to_string(), "spoke".to_string()];
    assert_eq!(pos.tag(&owned).len(), 2);
}

#[test]
fn round_trip_gives_identical_predictions() {
    let pos = PosTagger::embedded();
    let pos2 = PosTagger::from_bytes(&pos.to_bytes()).unwrap();
    let ner = NerTagger::embedded();
    let ner2 = NerTagger::from_bytes(&ner.to_bytes()).unwrap();
    let lem = Lemmatizer::embedded();
    let lem2 = Lemmatizer::from_bytes(&lem.to_bytes()).unwrap();
    assert_eq!(pos.to_bytes(), pos2.to_bytes());
    let w = [
        "“",
        "It",
        "’s",
        "over",
        ",",
        "”",
        "Senator",
        "Elizabeth",
        "Warren",
        "told",
        "reporters",
        "in",
        "Boston",
        "on",
        "Friday",
        ".",
    ];
    let t = pos.tag(&w);
    assert_eq!(t, pos2.tag(&w));
    assert_eq!(ner.tag(&w, &t), ner2.tag(&w, &t));
    for (x, &p) in w.iter().zip(&t) {
        assert_eq!(lem.lemma(x, p), lem2.lemma(x, p));
    }
}

#[test]
fn bad_bytes_are_errors() {
    let good = PosTagger::embedded().to_bytes();
    assert!(PosTagger::from_bytes(&[]).is_err());
    assert!(PosTagger::from_bytes(b"not a model at all, definitely not").is_err());
    assert!(PosTagger::from_bytes(&good[..good.len() / 2]).is_err());
    let mut flipped = good.clone();
    flipped[good.len() / 3] ^= 1;
    assert!(PosTagger::from_bytes(&flipped).is_err());
    // A valid model of another kind.
    let e = NerTagger::from_bytes(&good).unwrap_err();
    assert!(e.to_string().contains("NER model bytes"), "{e}");
    assert!(Lemmatizer::from_bytes(&good).is_err());
    let ner = NerTagger::embedded().to_bytes();
    assert!(PosTagger::from_bytes(&ner).is_err());
    let mut ner_cut = ner.clone();
    ner_cut.truncate(40);
    assert!(NerTagger::from_bytes(&ner_cut).is_err());
    let e = PosTagger::load(std::path::Path::new("/nonexistent/pos.bin")).unwrap_err();
    assert!(e.to_string().contains("/nonexistent/pos.bin"), "{e}");
}

#[test]
fn tagging_with_pos_in_one_pass_gives_the_same_tags() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/siberian-battalion.txt"
    ))
    .unwrap();
    let (pos_tagger, ner) = (PosTagger::embedded(), NerTagger::embedded());
    let (mut pos, mut labels) = (Vec::new(), Vec::new());
    let mut sentences = 0;
    for line in seed.lines().filter(|l| !l.trim().is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        ner.tag_with_pos(pos_tagger, &words, &mut pos, &mut labels);
        let separate = pos_tagger.tag(&words);
        assert_eq!(pos, separate, "{line}");
        assert_eq!(labels, ner.tag(&words, &separate), "{line}");
        sentences += 1;
    }
    assert!(sentences > 10);
    // the buffers are cleared between calls
    ner.tag_with_pos(pos_tagger, &["Ann", "left", "."], &mut pos, &mut labels);
    assert_eq!((pos.len(), labels.len()), (3, 3));
}

fn mentions(words: &[&str]) -> Vec<(String, EntityType)> {
    MentionTagger::embedded()
        .entities(words, None)
        .into_iter()
        .map(|e| (words[e.start..e.end].join(" "), e.ty))
        .collect()
}

#[test]
fn mention_model_loads() {
    let m = MentionTagger::try_embedded().expect("embedded mention model");
    assert!(!m.uses_pos());
    let (features, weights, lexicon, outside) = m.stats();
    assert!(features > 1000 && weights >= features && lexicon > 1000 && outside > 10);
    assert_eq!(
        MentionTagger::from_bytes(&m.to_bytes()).unwrap().to_bytes(),
        m.to_bytes()
    );
}

#[test]
fn mention_sentences() {
    let w = [
        "Republican",
        "presidential",
        "nominee",
        "Donald",
        "Trump",
        "said",
        "on",
        "Tuesday",
        "that",
        "he",
        "would",
        "win",
        ".",
    ];
    let found = mentions(&w);
    assert!(
        found.contains(&("Donald Trump".to_string(), EntityType::Person)),
        "{found:?}"
    );
    let w = [
        "The",
        "Justice",
        "Department",
        "said",
        "it",
        "would",
        "appeal",
        ".",
    ];
    assert_eq!(
        mentions(&w),
        [("Justice Department".to_string(), EntityType::Organization)]
    );
    let w = ["Scholars", "say", "the", "rule", "is", "old", "."];
    assert_eq!(mentions(&w), []);
    let w = [
        "Hillary", "Clinton", "told", "CNN", "on", "Tuesday", "that", "she", "will", "campaign",
        "in", "New", "York", ".",
    ];
    assert_eq!(
        mentions(&w),
        [
            ("Hillary Clinton".to_string(), EntityType::Person),
            ("CNN".to_string(), EntityType::Organization),
            ("New York".to_string(), EntityType::Location),
        ]
    );
    let w = [
        "He",
        "met",
        "officials",
        "of",
        "the",
        "Bank",
        "of",
        "America",
        ".",
    ];
    assert_eq!(
        mentions(&w),
        [("Bank of America".to_string(), EntityType::Organization)]
    );
    // Non-candidates are never part of an entity; no words, no labels.
    let mut out = vec![NerLabel::U(EntityType::Misc)];
    MentionTagger::embedded().tag(&[] as &[&str], None, &mut out);
    assert!(out.is_empty());
    let w = ["the", "war", "must", "end", "now", "."];
    MentionTagger::embedded().tag(&w, None, &mut out);
    assert!(out.iter().all(|&l| l == NerLabel::O));
}
