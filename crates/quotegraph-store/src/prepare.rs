//! The CPU-bound half of storing an article: everything that needs no database, so that it
//! can run on all cores while one thread writes.

use quotegraph_core::mentions::EntityKind;
use quotegraph_core::schema::{OutAttribution, OutDocument, OutSpan};
use quotegraph_core::{Article, Pipeline};

use crate::error::{Result, StoreErrorKind};
use crate::minhash::{article_signature, ARTICLE_SHINGLE};
use crate::names::{name_key, NameKey};
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
    /// The name as the engine resolved it in the document ("Russian President Vladimir Putin").
    pub surface: String,
    /// `person`, `organization`, `place` or `unknown`.
    pub kind: &'static str,
    /// The reduced name.
    pub key: NameKey,
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        _ => "unknown",
    }
}

/// The attribution's speaker as a name to register: `None` for an unresolved speaker and for
/// a description ("a transcript", "officials"), which is not a name.
pub(crate) fn speaker_name(a: &OutAttribution) -> Option<SpeakerName> {
    a.speaker
        .as_ref()
        .filter(|s| is_name(&s.name))
        .and_then(|s| {
            let organization = matches!(s.kind, EntityKind::Organization | EntityKind::Place);
            name_key(&s.name, organization).map(|key| SpeakerName {
                surface: s.name.clone(),
                kind: kind_name(s.kind),
                key,
            })
        })
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

/// Whether a resolved speaker is a name: some word of it, after a leading determiner
/// ("A spokesman", "The group"), starts with a capital letter.
fn is_name(s: &str) -> bool {
    const DETERMINERS: &[&str] = &["a", "an", "the", "this", "that", "these", "those", "one"];
    let mut words = s.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()))
    {
        words.next();
    }
    words.any(|w| w.chars().next().is_some_and(char::is_uppercase))
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
            let speaker = speaker_name(&a);
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
    fn descriptions_are_not_names() {
        assert!(is_name("Sokolov"));
        assert!(is_name("the Civic Council"));
        assert!(is_name("The Kremlin"));
        assert!(!is_name("a transcript"));
        assert!(!is_name("A spokesman"));
        assert!(!is_name("The group"));
        assert!(!is_name("officials"));
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
