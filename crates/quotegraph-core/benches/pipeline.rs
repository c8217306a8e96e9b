//! Throughput of the pipeline, whole and stage by stage, in bytes of
//! article text per second, on committed sample articles: the seed article
//! (`examples/siberian-battalion.txt`) and three PolNeAR dev articles
//! (`benches/data/`, see its README).
//!
//! Run with `cargo bench -p quotegraph-core --bench pipeline`; add a filter
//! to run part of it (`-- stage`, `-- whole`, `-- nyt`).
//!
//! - `whole`: `Pipeline::default().annotate(text)`;
//! - `whole_with_output`: the same plus the output schema and the spans
//!   format, which is what `quotegraph extract` does per document;
//! - `stage::sNN_name`: one stage alone, run on a clone of the document that
//!   the stages before it produced (the clone is made outside the timing).
//!   The stage throughputs add up (as times) to about the whole pipeline.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use quotegraph_core::doc::{
    AttributionStage, CueStage, DuplicateStage, MentionStage, ParagraphStage, PosStage, QuoteStage,
    SentenceStage, SpeakerStage, TokenStage,
};
use quotegraph_core::schema::OutDocument;
use quotegraph_core::{Doc, Pipeline, Stage};

fn main() {
    // the per-stage benchmarks below must time the standard pipeline's stages
    let names: Vec<&str> = stages().iter().map(|s| s.name()).collect();
    assert_eq!(names, Pipeline::default().stage_names());
    divan::main();
}

/// The sample articles, by short name.
const ARTICLES: &[(&str, &str)] = &[
    (
        "seed-siberian-battalion",
        include_str!("../../../examples/siberian-battalion.txt"),
    ),
    (
        "polnear-wash-post-charlotte",
        include_str!("data/wash-post_2016-09-26_charlotte-struggles-to-return-to.txt"),
    ),
    (
        "polnear-nyt-clinton-taxes",
        include_str!("data/nyt_2016-09-16_clinton-plan-for-taxes-is-expans.txt"),
    ),
    (
        "polnear-breitbart-latest-trump",
        include_str!("data/breitbart_2016-09-30_the-latest-trump-urges-supporter.txt"),
    ),
];

const NAMES: &[&str] = &[
    "seed-siberian-battalion",
    "polnear-wash-post-charlotte",
    "polnear-nyt-clinton-taxes",
    "polnear-breitbart-latest-trump",
];

fn article(name: &str) -> &'static str {
    ARTICLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("a known article")
}

/// The standard stages, in order (a fresh list: `PosStage` is not `Clone`).
fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(ParagraphStage),
        Box::new(TokenStage),
        Box::new(QuoteStage),
        Box::new(SentenceStage),
        Box::new(PosStage::default()),
        Box::new(CueStage::default()),
        Box::new(MentionStage),
        Box::new(AttributionStage::default()),
        Box::new(SpeakerStage),
        Box::new(DuplicateStage),
    ]
}

#[divan::bench(args = NAMES)]
fn whole(bencher: Bencher, name: &str) {
    let text = article(name);
    let pipeline = Pipeline::default();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| pipeline.annotate(black_box(text)).unwrap());
}

#[divan::bench(args = NAMES)]
fn whole_with_output(bencher: Bencher, name: &str) {
    let text = article(name);
    let pipeline = Pipeline::default();
    bencher.counter(BytesCount::of_str(text)).bench(|| {
        let doc = pipeline.annotate(black_box(text)).unwrap();
        let out = OutDocument::from_doc(name, &doc);
        out.to_spans()
    });
}

/// Times stage `k` alone on the document the stages before it produced.
fn bench_stage(bencher: Bencher, k: usize, name: &str) {
    let text = article(name);
    let mut all = stages();
    let stage = all.remove(k);
    let before: Vec<Box<dyn Stage>> = all.into_iter().take(k).collect();
    let doc: Doc = Pipeline::new(before)
        .expect("a prefix of the standard pipeline is in order")
        .annotate(text)
        .unwrap();
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| doc.clone())
        .bench_local_values(|mut d: Doc| {
            stage.run(&mut d);
            d
        });
}

/// One benchmark per stage, named in pipeline order.
mod stage {
    use super::*;

    macro_rules! stage_bench {
        ($($fn:ident = $k:expr),* $(,)?) => {$(
            #[divan::bench(args = NAMES)]
            fn $fn(bencher: Bencher, name: &str) {
                bench_stage(bencher, $k, name);
            }
        )*};
    }

    stage_bench!(
        s00_paragraphs = 0,
        s01_tokens = 1,
        s02_quotes = 2,
        s03_sentences = 3,
        s04_pos = 4,
        s05_cues = 5,
        s06_mentions = 6,
        s07_attributions = 7,
        s08_speakers = 8,
        s09_duplicates = 9,
    );
}
