//! The full document output: the engine's document JSON with the actors'
//! layers added, as `quotegraph extract` prints it.
//!
//! The engine's fields (`doc`, `attributions`, `duplicates`) are kept as
//! they are; each attribution gains `about` (the ids of the entities its
//! content mentions) and `speaker_entity` (its speaker's entity id or
//! null), and the document gains `entities`, `figures`, `dates` and
//! `relations` (see [`crate::output`] for their fields).
//!
//! ```
//! use quotegraph_actors::{document, Options};
//! use quotegraph_core::Pipeline;
//! let text = "The Civic Council, a Russian opposition group based in Poland, \
//!             formed the Siberian Battalion. “We have 50 fighters,” the group said.";
//! let doc = Pipeline::default().annotate(text).unwrap();
//! let out = document("example", &doc, &Options::default());
//! let json = serde_json::to_value(&out).unwrap();
//! assert!(json["entities"].as_array().unwrap().len() >= 3);
//! assert!(json["attributions"][0]["speaker_entity"].is_u64());
//! assert_eq!(json["figures"][0]["counts"], "fighters");
//! // the engine's document is still there, unchanged
//! assert_eq!(out.core(), quotegraph_core::schema::OutDocument::from_doc("example", &doc));
//! ```

use quotegraph_core::schema::{OutAttribution, OutDocument, OutDuplicate};
use quotegraph_core::Doc;
use serde::{Deserialize, Serialize};

use crate::analyze::{Actors, Options};
use crate::output::{OutActors, OutDate, OutEntity, OutFigure, OutRelation};

/// One attribution of the full document: the engine's fields plus the
/// actors' links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutActorAttribution {
    /// The engine's attribution (its fields are inlined in JSON).
    #[serde(flatten)]
    pub attribution: OutAttribution,
    /// Ids of the entities its content mentions.
    pub about: Vec<usize>,
    /// The id of its speaker's entity.
    pub speaker_entity: Option<usize>,
}

/// One document with every layer: what `quotegraph extract` prints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutFullDocument {
    /// The document's name.
    pub doc: String,
    /// The publication date relative dates were resolved against, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Attributions, with `about` and `speaker_entity`.
    pub attributions: Vec<OutActorAttribution>,
    /// Repeated paragraphs.
    pub duplicates: Vec<OutDuplicate>,
    /// Entities.
    pub entities: Vec<OutEntity>,
    /// Figures.
    pub figures: Vec<OutFigure>,
    /// Dates.
    pub dates: Vec<OutDate>,
    /// Relations.
    pub relations: Vec<OutRelation>,
}

impl OutFullDocument {
    /// Joins the engine's output with the actors' output of the same document.
    pub fn join(core: OutDocument, actors: OutActors, options: &Options) -> OutFullDocument {
        let mut links = actors.attributions.into_iter();
        let attributions = core
            .attributions
            .into_iter()
            .map(|a| {
                let l = links.next().filter(|l| l.id == a.id);
                OutActorAttribution {
                    about: l.as_ref().map(|l| l.about.clone()).unwrap_or_default(),
                    // the identity layer's one answer: never apart from `speaker`
                    speaker_entity: a.speaker.as_ref().and_then(|s| s.entity),
                    attribution: a,
                }
            })
            .collect();
        OutFullDocument {
            doc: core.doc,
            published: options.published.map(|d| d.format("%Y-%m-%d").to_string()),
            attributions,
            duplicates: core.duplicates,
            entities: actors.entities,
            figures: actors.figures,
            dates: actors.dates,
            relations: actors.relations,
        }
    }

    /// The engine's part of the document, as `OutDocument::from_doc` gives it.
    pub fn core(&self) -> OutDocument {
        OutDocument {
            doc: self.doc.clone(),
            attributions: self
                .attributions
                .iter()
                .map(|a| a.attribution.clone())
                .collect(),
            duplicates: self.duplicates.clone(),
            entities: self.entities.iter().map(|e| e.entity.clone()).collect(),
        }
    }
}

/// Runs the actors' layers over an annotated document and returns the full
/// document output (the engine's fields and the actors' fields).
pub fn document(name: &str, doc: &Doc, options: &Options) -> OutFullDocument {
    let actors = Actors::analyze(doc, options);
    document_with(name, doc, &actors, options)
}

/// The full document output from layers already computed.
pub fn document_with(name: &str, doc: &Doc, actors: &Actors, options: &Options) -> OutFullDocument {
    OutFullDocument::join(
        OutDocument::from_doc(name, doc),
        OutActors::from_actors(doc, actors),
        options,
    )
}
