//! The CPU-bound half of storing an article: everything that needs no database, so that it
//! can run on all cores while one thread writes.

use quotegraph_core::entities::DescriptionKind;
use quotegraph_core::identity::SpeakerKind;
use quotegraph_core::schema::{OutAttribution, OutDocument, OutSpan};
use quotegraph_core::{Article, Doc, Pipeline};

use crate::error::{Result, StoreErrorKind};
use crate::minhash::{article_signature, ARTICLE_SHINGLE};
use crate::names::{name_key, role, NameKey};
use crate::norm::{content_hash, day, shingles, word_hashes};
use crate::statements::QuoteShape;

/// An article ready for [`Store::write`](crate::Store::write): its identity, signature and,
/// unless it was already known to be stored, its extracted attributions.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The article as read.
    pub article: Article,
    /// XXH3-128 of the normalised words ([`crate::norm::content_hash`]).
    pub hash: [u8; 16],
    /// `YYYY-MM-DD` (or coarser) of the publication date, when it can be read.
    pub day: Option<String>,
    /// The article's MinHash signature (empty when extraction was skipped).
    pub signature: Vec<u32>,
    /// The attributions, or `None` when the article was found already stored and extraction
    /// was skipped.
    pub attributions: Option<Vec<PreparedAttribution>>,
    /// Entities and relations, when asked for ([`prepare_with`]).
    pub actors: Option<crate::actors::PreparedActors>,
}

/// One attribution with what the writer needs to file it.
#[derive(Clone, Debug)]
pub struct PreparedAttribution {
    /// The attribution in the output schema (code point spans).
    pub out: OutAttribution,
    /// Source span texts joined by a space.
    pub source: String,
    /// Cue span texts joined by a space.
    pub cue: String,
    /// Content span texts joined by a space (what the full-text index sees).
    pub content: String,
    /// The normalised content and its statement lookup keys.
    pub quote: QuoteShape,
    /// The speaker's name key, when the speaker was resolved to a name.
    pub speaker: Option<SpeakerName>,
}

/// A speaker as one document names it.
#[derive(Clone, Debug)]
pub struct SpeakerName {
    /// The name as the engine resolved it in the document: its entity's name.
    pub surface: String,
    /// `person` or `organization` (the kind of a named speaker).
    pub kind: &'static str,
    /// The reduced name.
    pub key: NameKey,
    /// The roles the document describes the speaker by, `(key, text)`
    /// ([`crate::names::role`]): the speaker's description and its entity's titles.
    pub roles: Vec<(String, String)>,
}

/// The attribution's speaker as a name to register: `None` for an unresolved speaker and for
/// an unnamed one ("a transcript", "officials"): the identity layer gives those no name.
/// Its roles are those of its description; [`prepare`] adds its entity's titles.
pub(crate) fn speaker_name(a: &OutAttribution) -> Option<SpeakerName> {
    let s = a.speaker.as_ref()?;
    let name = s.name.as_deref()?;
    let person = s.kind != SpeakerKind::Organization;
    name_key(name, person).map(|key| SpeakerName {
        surface: name.to_string(),
        kind: s.kind.as_str(),
        key,
        roles: s
            .description
            .as_deref()
            .and_then(role)
            .into_iter()
            .collect(),
    })
}

/// The title descriptions of each entity of a document ("Republican presidential nominee"
/// before "Donald Trump"), by entity index.
fn entity_titles(doc: &Doc) -> Vec<Vec<String>> {
    let ents = &doc.entities;
    ents.entities
        .iter()
        .map(|e| {
            e.descriptions
                .iter()
                .map(|&d| &ents.descriptions[d])
                .filter(|d| d.kind == DescriptionKind::Title)
                .map(|d| d.span.slice(doc.text()).to_string())
                .collect()
        })
        .collect()
}

pub(crate) fn join(spans: &[OutSpan]) -> String {
    let mut out = String::new();
    for s in spans {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s.text);
    }
    out
}

/// Hashes an article without extracting anything, for an article that may already be stored.
pub fn identify(article: &Article) -> [u8; 16] {
    content_hash(&article.text)
}

/// Runs the engine on an article and computes everything the writer needs.
///
/// Fails when the text has no words, or the engine refuses it (see `quotegraph_core::DocError`).
pub fn prepare(pipeline: &Pipeline, article: Article) -> Result<Prepared> {
    prepare_with(pipeline, article, false)
}

/// [`prepare`], and with `actors` also the article's entities and relations
/// ([`crate::actors::prepare_actors`]).
pub fn prepare_with(pipeline: &Pipeline, article: Article, actors: bool) -> Result<Prepared> {
    let hash = content_hash(&article.text);
    prepare_hashed(pipeline, article, hash, actors)
}

/// [`prepare`] for an article whose [`identify`] hash is already known.
pub(crate) fn prepare_hashed(
    pipeline: &Pipeline,
    article: Article,
    hash: [u8; 16],
    actors: bool,
) -> Result<Prepared> {
    let words = word_hashes(&article.text);
    if words.is_empty() {
        return Err(StoreErrorKind::EmptyArticle.into());
    }
    let signature = article_signature(&shingles(&words, ARTICLE_SHINGLE));
    drop(words);
    let doc = pipeline
        .annotate(&article.text)
        .map_err(|e| StoreErrorKind::Extract(e.to_string()))?;
    let name = article.meta.id.as_deref().unwrap_or("");
    let out = OutDocument::from_doc(name, &doc);
    let titles = entity_titles(&doc);
    let actors = actors.then(|| {
        let published = article.meta.published.as_deref();
        let options = quotegraph_actors::Options {
            published: published.and_then(|d| quotegraph_actors::parse_date(d).ok()),
        };
        crate::actors::prepare_actors(&doc, &options)
    });
    drop(doc);
    let attributions = out
        .attributions
        .into_iter()
        .map(|a| {
            let mut speaker = speaker_name(&a);
            if let Some(s) = &mut speaker {
                let entity = a.speaker.as_ref().and_then(|s| s.entity);
                let titles = entity.and_then(|e| titles.get(e - 1)).into_iter().flatten();
                for (key, text) in titles.filter_map(|t| role(t)) {
                    if !s.roles.iter().any(|(k, _)| *k == key) {
                        s.roles.push((key, text));
                    }
                }
            }
            let content = join(&a.content);
            PreparedAttribution {
                source: join(&a.source),
                cue: join(&a.cue),
                quote: QuoteShape::new(&content),
                content,
                speaker,
                out: a,
            }
        })
        .collect();
    Ok(Prepared {
        day: article.meta.published.as_deref().and_then(day),
        article,
        hash,
        signature,
        attributions: Some(attributions),
        actors,
    })
}

/// An article found already stored: only its identity and date, no extraction.
pub fn known(article: Article, hash: [u8; 16]) -> Prepared {
    Prepared {
        day: article.meta.published.as_deref().and_then(day),
        article,
        hash,
        signature: Vec::new(),
        attributions: None,
        actors: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_sources_are_not_registered() {
        use quotegraph_core::Pipeline;
        let doc = Pipeline::default()
            .annotate("“We will not comment,” a senior official said. Analysts said it was late.")
            .unwrap();
        let out = OutDocument::from_doc("t", &doc);
        assert!(!out.attributions.is_empty());
        for a in &out.attributions {
            assert!(speaker_name(a).is_none(), "{:?}", a.speaker);
        }
    }

    #[test]
    fn prepares_the_engine_output_with_keys() {
        let article = Article {
            text: "“We will win this war,” Russian President Vladimir Putin said.".into(),
            ..Article::default()
        };
        let p = prepare(&Pipeline::default(), article).unwrap();
        let attributions = p.attributions.unwrap();
        assert_eq!(attributions.len(), 1);
        let a = &attributions[0];
        assert_eq!(a.content, "“We will win this war,”");
        assert_eq!(a.quote.norm, "we will win this war");
        let speaker = a.speaker.as_ref().expect("a speaker");
        assert_eq!(speaker.key.key, "vladimir putin");
        assert_eq!(p.signature.len(), crate::minhash::ARTICLE_HASHES);
        assert_eq!(
            p.hash,
            identify(&Article {
                text: "We will win this war Russian President Vladimir Putin said".into(),
                ..Article::default()
            })
        );
    }
}
