//! Training on the tiny hand-annotated fixture in `tests/fixtures/mini`:
//! determinism, and that the trained models work and round-trip.

use std::path::PathBuf;

use quotegraph_tagger::corpus::{read_split, sentences};
use quotegraph_tagger::lemma::{train_lemmatizer, Lemmatizer};
use quotegraph_tagger::{
    train_mention, train_ner, train_pos, EntityType, Error, MentionTagger, NerLabel, NerTagger,
    PosTag, PosTagger, TrainOptions,
};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

fn opts() -> TrainOptions {
    TrainOptions::default()
        .with_epochs(5)
        .with_min_weight(0.0)
        .with_seed(42)
}

#[test]
fn reads_fixture_surface_words() {
    let docs = read_split(&fixture()).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].name, "doc_a");
    let s = &docs[0].sentences[1];
    assert_eq!(s.words[0], "“");
    assert_eq!(s.pos[0], PosTag::OpenQuote);
    assert_eq!(s.ner[6], Some(EntityType::Person));
    let s = &docs[0].sentences[2];
    assert_eq!(s.words[3], "n’t");
    assert_eq!(s.words[5], "(");
    assert_eq!(s.pos[5], PosTag::LeftBracket);
    // MONEY is not one of the four CoNLL types.
    assert_eq!(docs[1].sentences[1].ner[9], None);
    assert_eq!(sentences(&docs).count(), 5);
}

#[test]
fn training_is_deterministic() {
    let dir = fixture();
    let a = train_pos(&dir, &opts()).unwrap();
    let b = train_pos(&dir, &opts()).unwrap();
    // Byte-identical model files.
    let tmp = std::env::temp_dir().join(format!("qg-tagger-det-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (fa, fb) = (tmp.join("a.bin"), tmp.join("b.bin"));
    a.save(&fa).unwrap();
    b.save(&fb).unwrap();
    assert_eq!(std::fs::read(&fa).unwrap(), std::fs::read(&fb).unwrap());
    let loaded = PosTagger::load(&fa).unwrap();
    assert_eq!(loaded.to_bytes(), a.to_bytes());
    std::fs::remove_dir_all(&tmp).unwrap();
    // A different seed shuffles differently but trains just as well.
    let c = train_pos(&dir, &opts().with_seed(7)).unwrap();
    assert_eq!(c.tag(&["the", "war"]).len(), 2);
    let na = train_ner(&dir, &a, &opts()).unwrap();
    let nb = train_ner(&dir, &b, &opts()).unwrap();
    assert_eq!(na.to_bytes(), nb.to_bytes());
    let la = train_lemmatizer(&dir, &opts()).unwrap();
    let lb = train_lemmatizer(&dir, &opts()).unwrap();
    assert_eq!(la.to_bytes(), lb.to_bytes());
    let ma = train_mention(&dir, &opts()).unwrap();
    let mb = train_mention(&dir, &opts()).unwrap();
    assert_eq!(ma.to_bytes(), mb.to_bytes());
}

#[test]
fn mention_tagger_fits_its_data_and_round_trips() {
    let dir = fixture();
    // A tiny corpus: keep every feature.
    let opts = || {
        opts()
            .with_epochs(10)
            .with_mention_min_count(1)
            .with_mention_min_weight(0.0)
    };
    let m = train_mention(&dir, &opts()).unwrap();
    let m2 = MentionTagger::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(m2.to_bytes(), m.to_bytes());
    let docs = read_split(&dir).unwrap();
    let mut out = Vec::new();
    for s in sentences(&docs) {
        m.tag(&s.words, None, &mut out);
        assert_eq!(out, NerLabel::from_types(&s.ner), "{:?}", s.words);
    }
    // A model that reads POS tags works with and without them.
    let templates = opts().mention_templates | 3 << 19;
    let p = train_mention(&dir, &opts().with_mention_templates(templates)).unwrap();
    assert!(p.uses_pos() && !m.uses_pos());
    for s in sentences(&docs) {
        p.tag(&s.words, Some(&s.pos), &mut out);
        assert_eq!(out.len(), s.len());
        p.tag(&s.words, None, &mut out);
        assert_eq!(out.len(), s.len());
    }
}

#[test]
fn trained_models_fit_their_data_and_round_trip() {
    let dir = fixture();
    let pos = train_pos(&dir, &opts().with_epochs(10)).unwrap();
    let ner = train_ner(&dir, &pos, &opts().with_epochs(10)).unwrap();
    let lem = train_lemmatizer(&dir, &opts()).unwrap();
    let pos2 = PosTagger::from_bytes(&pos.to_bytes()).unwrap();
    let ner2 = NerTagger::from_bytes(&ner.to_bytes()).unwrap();
    let lem2 = Lemmatizer::from_bytes(&lem.to_bytes()).unwrap();
    assert_eq!(pos2.to_bytes(), pos.to_bytes());
    assert_eq!(ner2.to_bytes(), ner.to_bytes());
    assert_eq!(lem2.to_bytes(), lem.to_bytes());
    let docs = read_split(&dir).unwrap();
    let (mut right, mut total) = (0, 0);
    for s in sentences(&docs) {
        let tags = pos.tag(&s.words);
        assert_eq!(tags, pos2.tag(&s.words));
        right += tags.iter().zip(&s.pos).filter(|(a, b)| a == b).count();
        total += s.len();
        let labels = ner.tag(&s.words, &tags);
        assert_eq!(labels, ner2.tag(&s.words, &tags));
        assert_eq!(labels, NerLabel::from_types(&s.ner));
        for ((w, l), &p) in s.words.iter().zip(&s.lemmas).zip(&s.pos) {
            assert_eq!(&lem.lemma(w, p), l, "{w}/{p}");
        }
    }
    assert!(right * 10 >= total * 9, "{right}/{total}");
}

#[test]
fn missing_or_empty_data_is_an_error() {
    let e = train_pos(&fixture().join("nope"), &opts()).unwrap_err();
    assert!(matches!(e, Error::Io { .. }));
    assert!(e.to_string().contains("nope"), "{e}");
    let empty = std::env::temp_dir().join(format!("qg-tagger-empty-{}", std::process::id()));
    std::fs::create_dir_all(empty.join("corenlp")).unwrap();
    let e = train_pos(&empty, &opts()).unwrap_err();
    assert!(matches!(e, Error::NoData { .. }), "{e}");
    std::fs::remove_dir_all(&empty).unwrap();
}
