//! Extraction for the Python package: the engine's output schema plus the actors' layers,
//! one document or many in parallel.

use std::sync::OnceLock;

use quotegraph_actors::output::{OutAttributionLinks, OutDate, OutEntity, OutFigure, OutRelation};
use quotegraph_actors::{Actors, Options, OutActors};
use quotegraph_core::identity::SpeakerKind;
use quotegraph_core::schema::{OutAttribution, OutDocument, OutDuplicate};
use quotegraph_core::Pipeline;
use rayon::prelude::*;
use serde::Serialize;

/// The pipeline, built once per process (its models are embedded; building them is not free).
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::default)
}

/// Why a text could not be extracted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractError(pub String);

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExtractError {}

/// A distinct named speaker of a document: an entity that speaks, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutSpeaker {
    /// The entity's name.
    pub name: String,
    /// person or organization.
    pub kind: SpeakerKind,
    /// The ids of its attributions.
    pub attributions: Vec<usize>,
    /// Its entity (id in `entities`).
    pub entity: Option<usize>,
}

/// Everything the Python `Document` holds. `doc`, `attributions`, `duplicates` and
/// `entities` are exactly what `quotegraph extract --format json` prints.
#[derive(Clone, Debug, Serialize)]
pub struct DocOutput {
    /// The engine's output as the CLI prints it (its fields are written below).
    #[serde(skip)]
    pub out: OutDocument,
    /// The document's name.
    pub doc: String,
    /// Attributions.
    pub attributions: Vec<OutAttribution>,
    /// Repeated paragraphs.
    pub duplicates: Vec<OutDuplicate>,
    /// The document's entities (with the gazetteer entry of places when the actors'
    /// layers were asked for).
    pub entities: Vec<OutEntity>,
    /// Distinct named speakers, in order of first attribution.
    pub speakers: Vec<OutSpeaker>,
    /// Figures.
    pub figures: Vec<OutFigure>,
    /// Dates.
    pub dates: Vec<OutDate>,
    /// Relations between entities.
    pub relations: Vec<OutRelation>,
    /// For each attribution: the entities it is about and its speaker's entity.
    pub attribution_links: Vec<OutAttributionLinks>,
}

/// One text to extract.
#[derive(Clone, Debug, Default)]
pub struct Input<'a> {
    /// The article text.
    pub text: &'a str,
    /// The document's name (`doc` in the output).
    pub name: &'a str,
    /// Publication date (`YYYY-MM-DD`, a time may follow) for resolving relative dates.
    pub published: Option<&'a str>,
    /// Whether to run the actors' layers (entities, figures, dates, relations).
    pub actors: bool,
}

/// Extracts one text.
pub fn extract(input: &Input<'_>) -> Result<DocOutput, ExtractError> {
    let options = match input.published {
        Some(d) => Options::published(d).map_err(|e| {
            ExtractError(format!(
                "published: {e} (give a date as YYYY-MM-DD, or None)"
            ))
        })?,
        None => Options::default(),
    };
    let doc = pipeline()
        .annotate(input.text)
        .map_err(|e| ExtractError(e.to_string()))?;
    let out = OutDocument::from_doc(input.name, &doc);
    let actors = input
        .actors
        .then(|| OutActors::from_actors(&doc, &Actors::analyze(&doc, &options)));
    Ok(assemble(out, actors))
}

fn assemble(out: OutDocument, actors: Option<OutActors>) -> DocOutput {
    let links = actors
        .as_ref()
        .map(|a| a.attributions.clone())
        .unwrap_or_default();
    let mut speakers: Vec<OutSpeaker> = Vec::new();
    for a in &out.attributions {
        let Some(s) = &a.speaker else { continue };
        let (Some(name), Some(entity)) = (&s.name, s.entity) else {
            continue;
        };
        match speakers.iter_mut().find(|x| x.entity == Some(entity)) {
            Some(x) => x.attributions.push(a.id),
            None => speakers.push(OutSpeaker {
                name: name.clone(),
                kind: s.kind,
                attributions: vec![a.id],
                entity: Some(entity),
            }),
        }
    }
    let (entities, figures, dates, relations) = match actors {
        Some(a) => (a.entities, a.figures, a.dates, a.relations),
        None => (
            out.entities
                .iter()
                .map(|e| OutEntity {
                    entity: e.clone(),
                    gazetteer: None,
                })
                .collect(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ),
    };
    DocOutput {
        doc: out.doc.clone(),
        attributions: out.attributions.clone(),
        duplicates: out.duplicates.clone(),
        out,
        entities,
        speakers,
        figures,
        dates,
        relations,
        attribution_links: links,
    }
}

/// Runs `f` on a pool of `threads` threads, or on rayon's global pool (one thread per core)
/// when `threads` is `None` or 0.
pub fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> Result<T, ExtractError> {
    match threads {
        None | Some(0) => Ok(f()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| ExtractError(format!("cannot start {n} threads: {e}"))),
    }
}

/// Extracts many texts in parallel and serialises each result to JSON (the serialisation
/// runs in parallel too, so that the caller only parses). Results are in input order.
pub fn extract_many_json(
    inputs: &[Input<'_>],
    threads: Option<usize>,
) -> Result<Vec<Result<String, ExtractError>>, ExtractError> {
    with_threads(threads, || {
        inputs
            .par_iter()
            .map(|i| {
                extract(i).and_then(|d| {
                    serde_json::to_string(&d).map_err(|e| ExtractError(e.to_string()))
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../examples/siberian-battalion.txt");

    #[test]
    fn the_seed_article_gives_the_cli_attributions_and_actors() {
        let d = extract(&Input {
            text: SEED,
            name: "seed",
            published: Some("2024-11-02"),
            actors: true,
        })
        .unwrap();
        let cli = OutDocument::from_doc("seed", &pipeline().annotate(SEED).unwrap());
        assert_eq!(d.out, cli);
        assert!(d.speakers.iter().any(|s| s.name.contains("Sokolov")));
        assert_eq!(d.entities.len(), d.out.entities.len());
        assert!(!d.entities.is_empty());
        assert_eq!(d.attribution_links.len(), d.out.attributions.len());
        let json: serde_json::Value = serde_json::to_value(&d).unwrap();
        // the CLI's keys come first and unchanged
        assert_eq!(
            json["attributions"],
            serde_json::to_value(&cli.attributions).unwrap()
        );
    }

    #[test]
    fn a_bad_date_is_an_error_naming_the_argument() {
        let e = extract(&Input {
            text: SEED,
            published: Some("last tuesday"),
            actors: true,
            ..Input::default()
        })
        .unwrap_err();
        assert!(e.0.starts_with("published: "), "{e}");
        assert!(e.0.contains("last tuesday"), "{e}");
    }

    #[test]
    fn many_texts_come_back_in_order_on_any_number_of_threads() {
        let texts = ["“Yes,” Anna said.", SEED, "No quotes here at all."];
        let inputs: Vec<Input<'_>> = texts
            .iter()
            .map(|t| Input {
                text: t,
                actors: false,
                ..Input::default()
            })
            .collect();
        let a = extract_many_json(&inputs, Some(2)).unwrap();
        let b = extract_many_json(&inputs, None).unwrap();
        assert_eq!(a, b);
        let first: serde_json::Value = serde_json::from_str(a[0].as_ref().unwrap()).unwrap();
        assert_eq!(first["attributions"][0]["speaker"]["name"], "Anna");
        let last: serde_json::Value = serde_json::from_str(a[2].as_ref().unwrap()).unwrap();
        assert_eq!(last["attributions"].as_array().unwrap().len(), 0);
    }
}
