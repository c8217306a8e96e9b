//! The document and the pipeline of stages that annotate it.
//!
//! A [`Doc`] owns the original text, never edited, and one field per
//! annotation layer. Each [`Stage`] reads the layers before it and fills
//! exactly one layer; [`Pipeline::new`] checks, when it is built, that
//! every stage's requirements come earlier in the list.

use std::fmt;

use crate::attribution::{self, Attribution};
use crate::cues::{self, Cue};
use crate::duplicates::{self, DuplicateParagraph};
use crate::entities::{self, Entities};
use crate::identity::{self, Speaker};
use crate::mentions::{self, Mention};
use crate::pos::{self, Tag};
use crate::quotes::{self, QuoteLayer};
use crate::text::{self, Lowercase, Paragraph, Sentence, Token};

/// The annotation layers of a document, in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// Paragraphs.
    Paragraphs,
    /// Tokens.
    Tokens,
    /// Quotation marks and quotes.
    Quotes,
    /// Sentences (they need quotes: a sentence may end inside a closing mark).
    Sentences,
    /// Part-of-speech tags.
    Pos,
    /// Reporting cues.
    Cues,
    /// Name mentions.
    Mentions,
    /// Attributions.
    Attributions,
    /// Entities: names, phrases and nominals grouped per actor.
    Entities,
    /// Speakers of attributions.
    Speakers,
    /// Repeated paragraphs and the attributions inside them.
    Duplicates,
}

/// A document: the original text and its annotation layers.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    text: String,
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Tokens, in order.
    pub tokens: Vec<Token>,
    /// The lowercase form of each token (part of the token layer).
    pub lower: Lowercase,
    /// Quotes and the role of every quotation-mark token.
    pub quotes: QuoteLayer,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// One tag per token.
    pub pos: Vec<Tag>,
    /// Cues, in order.
    pub cues: Vec<Cue>,
    /// Name mentions, in order.
    pub mentions: Vec<Mention>,
    /// Attributions, sorted by the start of their first content span.
    pub attributions: Vec<Attribution>,
    /// The entities the document names, with their mentions and descriptions.
    pub entities: Entities,
    /// One speaker per attribution.
    pub speakers: Vec<Option<Speaker>>,
    /// Repeated paragraphs.
    pub duplicates: Vec<DuplicateParagraph>,
    /// For each attribution inside a repeated paragraph, the attribution it repeats.
    pub attribution_duplicate_of: Vec<Option<usize>>,
    done: Vec<Layer>,
    /// Feature hashes of every token for the learned models, computed once
    /// on first use (after the tags exist) and shared by them.
    hashes: std::sync::OnceLock<crate::learn::TokenHashes>,
}

/// Why a document could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    /// The text is larger than spans can address.
    #[error("document of {0} bytes is larger than the 4 GiB a document may have")]
    TooLarge(usize),
}

impl Doc {
    /// A document with no layers yet.
    pub fn new(text: impl Into<String>) -> Result<Doc, DocError> {
        let text = text.into();
        if text.len() > u32::MAX as usize {
            return Err(DocError::TooLarge(text.len()));
        }
        Ok(Doc {
            text,
            ..Doc::default()
        })
    }

    /// The learned models' per-token hashes (word, tag, shape), computed
    /// on first use from the token and tag layers.
    pub(crate) fn token_hashes(&self) -> &crate::learn::TokenHashes {
        self.hashes
            .get_or_init(|| crate::learn::TokenHashes::new(self))
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the layer has been computed.
    pub fn has(&self, layer: Layer) -> bool {
        self.done.contains(&layer)
    }

    /// For each token, whether it lies inside a top-level quotation (marks included).
    pub fn in_quote(&self) -> Vec<bool> {
        let mut v = vec![false; self.tokens.len()];
        for q in self.quotes.quotes.iter().filter(|q| q.depth == 0) {
            for slot in &mut v[q.open_token as usize..q.end_token as usize] {
                *slot = true;
            }
        }
        v
    }

    /// For each token, whether it starts a sentence.
    pub fn sentence_starts(&self) -> Vec<bool> {
        let mut v = vec![false; self.tokens.len()];
        for s in &self.sentences {
            if let Some(slot) = v.get_mut(s.first_token as usize) {
                *slot = true;
            }
        }
        v
    }
}

/// One step of the pipeline.
pub trait Stage: Send + Sync {
    /// A short name for messages.
    fn name(&self) -> &'static str;
    /// The layers it reads.
    fn requires(&self) -> &'static [Layer];
    /// The layer it fills.
    fn assigns(&self) -> Layer;
    /// Computes the layer and stores it in the document.
    fn run(&self, doc: &mut Doc);
}

/// A part-of-speech tagger usable by the [`PosStage`].
pub trait PosTagger: Send + Sync {
    /// Tags one sentence's words.
    fn tag(&self, words: &[&str], out: &mut Vec<Tag>);
}

macro_rules! stage {
    ($ty:ident, $name:literal, [$($req:ident),*], $assigns:ident, |$doc:ident| $body:block) => {
        #[doc = concat!("The ", $name, " stage.")]
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $ty;
        impl Stage for $ty {
            fn name(&self) -> &'static str { $name }
            fn requires(&self) -> &'static [Layer] { &[$(Layer::$req),*] }
            fn assigns(&self) -> Layer { Layer::$assigns }
            fn run(&self, $doc: &mut Doc) $body
        }
    };
}

stage!(ParagraphStage, "paragraphs", [], Paragraphs, |doc| {
    doc.paragraphs = text::paragraphs(&doc.text);
});

stage!(TokenStage, "tokens", [Paragraphs], Tokens, |doc| {
    let mut toks = Vec::with_capacity(doc.text.len() / 5);
    let mut scratch = Vec::new();
    for p in &doc.paragraphs {
        text::tokenize_with(&doc.text, p.span, &mut toks, &mut scratch);
    }
    doc.lower = Lowercase::new(&doc.text, &toks);
    doc.tokens = toks;
});

stage!(QuoteStage, "quotes", [Paragraphs, Tokens], Quotes, |doc| {
    doc.quotes = quotes::pair_quotes(&doc.text, &doc.paragraphs, &doc.tokens);
});

stage!(
    SentenceStage,
    "sentences",
    [Paragraphs, Tokens, Quotes],
    Sentences,
    |doc| {
        let q = &doc.quotes;
        doc.sentences =
            text::sentences(&doc.text, &doc.paragraphs, &doc.tokens, &|k| q.is_close(k));
    }
);

/// The part-of-speech stage, with the built-in heuristic tagger or a trained one.
#[derive(Default)]
pub struct PosStage {
    tagger: Option<Box<dyn PosTagger>>,
}

impl PosStage {
    /// A stage that uses `tagger` instead of the heuristic tags.
    pub fn with_tagger(tagger: Box<dyn PosTagger>) -> PosStage {
        PosStage {
            tagger: Some(tagger),
        }
    }
}

impl Stage for PosStage {
    fn name(&self) -> &'static str {
        "pos"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> Layer {
        Layer::Pos
    }
    fn run(&self, doc: &mut Doc) {
        let mut tags = Vec::with_capacity(doc.tokens.len());
        let mut words: Vec<&str> = Vec::new();
        for s in &doc.sentences {
            let toks = &doc.tokens[s.tokens()];
            match &self.tagger {
                Some(t) => {
                    words.clear();
                    words.extend(toks.iter().map(|t| t.span.slice(&doc.text)));
                    t.tag(&words, &mut tags);
                }
                None => pos::tag_heuristic(
                    &doc.text,
                    toks,
                    &doc.lower,
                    s.first_token as usize,
                    &mut tags,
                ),
            }
        }
        tags.resize(doc.tokens.len(), "NN");
        doc.pos = tags;
    }
}

/// The cue stage: lexicon and pattern cues, refined and extended by the
/// learned cue model when `learned` is set and a model is embedded.
#[derive(Clone, Copy, Debug)]
pub struct CueStage {
    /// Use the learned cue model.
    pub learned: bool,
}

impl Default for CueStage {
    fn default() -> CueStage {
        CueStage { learned: true }
    }
}

impl Stage for CueStage {
    fn name(&self) -> &'static str {
        "cues"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Quotes, Layer::Pos]
    }
    fn assigns(&self) -> Layer {
        Layer::Cues
    }
    fn run(&self, doc: &mut Doc) {
        let in_quote = doc.in_quote();
        let rules = cues::find_cues(&doc.text, &doc.tokens, &doc.lower, &doc.pos, &in_quote);
        let mut found = match crate::learn::CueModel::embedded().filter(|_| self.learned) {
            Some(model) => cues::refine_with_model(doc, &in_quote, rules, model),
            None => rules,
        };

        cues::attach_colons(&doc.text, &doc.tokens, &mut found);
        doc.cues = found;
    }
}

stage!(
    MentionStage,
    "mentions",
    [Tokens, Sentences, Pos],
    Mentions,
    |doc| {
        let starts = doc.sentence_starts();
        doc.mentions =
            mentions::find_mentions(&doc.text, &doc.tokens, &doc.lower, &doc.pos, &starts);
    }
);

/// Attributions: the rules; then, when `learned` is set and the models are
/// embedded, the learned content model gives the cues the rules could not
/// use a content, and the learned source model chooses every source (the
/// rules' source is one of its features).
pub struct AttributionStage {
    /// Use the learned source model.
    pub learned: bool,
}

impl Default for AttributionStage {
    fn default() -> AttributionStage {
        AttributionStage { learned: true }
    }
}

impl Stage for AttributionStage {
    fn name(&self) -> &'static str {
        "attributions"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Paragraphs,
            Layer::Tokens,
            Layer::Quotes,
            Layer::Sentences,
            Layer::Pos,
            Layer::Cues,
            Layer::Mentions,
        ]
    }
    fn assigns(&self) -> Layer {
        Layer::Attributions
    }
    fn run(&self, doc: &mut Doc) {
        let mut found = attribution::find_attributions(doc);
        if self.learned {
            let cx = crate::learn::SpanContext::new(doc);
            if let Some(model) = crate::learn::SpanModel::embedded_content() {
                attribution::learned_contents(doc, &mut found, &cx, model);
            }
            if let Some(model) = crate::learn::SpanModel::embedded_source() {
                // on an 80/20 split of PolNeAR train, letting the model choose
                // every source beat filling only the empty ones (source overlap
                // F1 0.693 against 0.668) and sparing quoted attributions (0.692)
                attribution::learned_sources(
                    doc,
                    &mut found,
                    &cx,
                    model,
                    attribution::SourcePolicy::All,
                );
            }
            if let Some(model) = crate::learn::AttributionFilter::embedded() {
                attribution::filter_attributions(doc, &mut found, model);
            }
            if let Some(model) = crate::learn::CueSpanModel::embedded() {
                attribution::refine_cue_boundaries(doc, &mut found, &cx, model);
            }
        }
        crate::transcript::add_turns(doc, &mut found);
        doc.attributions = found;
    }
}

stage!(
    EntityStage,
    "entities",
    [Tokens, Quotes, Sentences, Pos, Attributions],
    Entities,
    |doc| {
        doc.entities = entities::build(doc);
    }
);

stage!(
    SpeakerStage,
    "speakers",
    [Tokens, Pos, Quotes, Attributions, Entities],
    Speakers,
    |doc| {
        doc.speakers = identity::resolve(doc);
    }
);

stage!(
    DuplicateStage,
    "duplicates",
    [Paragraphs, Attributions],
    Duplicates,
    |doc| {
        doc.duplicates = duplicates::find_duplicates(&doc.text, &doc.paragraphs);
        let mut of = vec![None; doc.attributions.len()];
        let firsts: Vec<usize> = doc
            .attributions
            .iter()
            .map(|a| a.content.first().map_or(0, |c| c.start()))
            .collect();
        for (i, a) in doc.attributions.iter().enumerate() {
            let Some(first) = a.content.first() else {
                continue;
            };
            let k = doc
                .duplicates
                .partition_point(|d| d.span.end() <= first.start());
            let Some(d) = doc.duplicates.get(k).filter(|d| d.span.contains(*first)) else {
                continue;
            };
            // the same place in the original paragraph, or the same normalised words there
            let orig_start = d.duplicate_of.start() + (first.start() - d.span.start());
            let lo = firsts.partition_point(|&f| f < d.duplicate_of.start());
            let hi = firsts.partition_point(|&f| f < d.duplicate_of.end());
            let norm = duplicates::normalise(first.slice(&doc.text));
            of[i] = (lo..hi).find(|&j| firsts[j] == orig_start).or_else(|| {
                (lo..hi).find(|&j| {
                    let c = doc.attributions[j].content[0];
                    d.duplicate_of.contains(c) && duplicates::normalise(c.slice(&doc.text)) == norm
                })
            });
        }
        doc.attribution_duplicate_of = of;
    }
);

/// An ordered list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

/// A pipeline whose stages are out of order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineError {
    /// The stage that came too early.
    pub stage: &'static str,
    /// The layer it needs.
    pub missing: Layer,
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stage '{}' needs the {:?} layer, which no earlier stage assigns",
            self.stage, self.missing
        )
    }
}

impl std::error::Error for PipelineError {}

impl Pipeline {
    /// A pipeline of the given stages, checked for order.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        let mut have = Vec::new();
        for s in &stages {
            for &r in s.requires() {
                if !have.contains(&r) {
                    return Err(PipelineError {
                        stage: s.name(),
                        missing: r,
                    });
                }
            }
            have.push(s.assigns());
        }
        Ok(Pipeline { stages })
    }

    /// The standard pipeline with the given part-of-speech stage.
    pub fn standard_with(pos: PosStage) -> Pipeline {
        Pipeline::standard_with_cues(pos, CueStage::default())
    }

    /// The standard pipeline with the given part-of-speech and cue stages.
    pub fn standard_with_cues(pos: PosStage, cues: CueStage) -> Pipeline {
        let learned = cues.learned;
        Pipeline::new(vec![
            Box::new(ParagraphStage),
            Box::new(TokenStage),
            Box::new(QuoteStage),
            Box::new(SentenceStage),
            Box::new(pos),
            Box::new(cues),
            Box::new(MentionStage),
            Box::new(AttributionStage { learned }),
            Box::new(EntityStage),
            Box::new(SpeakerStage),
            Box::new(DuplicateStage),
        ])
        .expect("the standard pipeline is in order")
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage on `text`.
    pub fn annotate(&self, text: &str) -> Result<Doc, DocError> {
        let mut doc = Doc::new(text)?;
        for s in &self.stages {
            s.run(&mut doc);
            doc.done.push(s.assigns());
        }
        Ok(doc)
    }
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        Pipeline::standard_with(PosStage::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_order_pipeline_is_refused() {
        let err = Pipeline::new(vec![Box::new(ParagraphStage), Box::new(QuoteStage)])
            .err()
            .unwrap();
        assert_eq!(err.missing, Layer::Tokens);
        assert_eq!(err.stage, "quotes");
    }
}
