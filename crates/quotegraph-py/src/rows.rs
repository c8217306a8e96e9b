//! The rows of the tables the Spark job writes: articles, attributions (the export's
//! columns, [`quotegraph_store::EXPORT_COLUMNS`]) and entities.

use quotegraph_actors::{Actors, Options, OutActors};
use quotegraph_core::schema::OutDocument;
use quotegraph_core::Article;
use quotegraph_store::norm::day;
use quotegraph_store::ExportRow;
use serde::Serialize;

use crate::engine::pipeline;

/// One row of the articles table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArticleRow {
    /// The article's identifier (WARC-Record-ID, JSONL `id`, else `file#record`).
    pub doc_id: Option<String>,
    /// The file it was read from.
    pub file: Option<String>,
    /// Its record number in the file.
    pub record: Option<i64>,
    /// The byte offset of its record.
    pub offset: Option<i64>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// `YYYY-MM-DD` (or coarser) of the publication date.
    pub day: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// The article text (the one spans point into).
    pub text: String,
    /// Its attributions.
    pub attributions: i64,
    /// Its entities.
    pub entities: i64,
}

/// One row of the entities table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    /// The article.
    pub doc_id: Option<String>,
    /// Its day.
    pub day: Option<String>,
    /// 1-based within the article, in order of first mention.
    pub entity_id: i64,
    /// person, organization, place or misc.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Number of mentions.
    pub mentions: i64,
    /// Code point start of the first mention.
    pub first_start: Option<i64>,
    /// Code point end of the first mention.
    pub first_end: Option<i64>,
    /// Descriptions (appositions, titles) as a JSON array of strings.
    pub descriptions: String,
    /// How many attributions it is the speaker of.
    pub speaker_of: i64,
}

/// An article with all its rows.
#[derive(Clone, Debug)]
pub struct Processed {
    /// Its row.
    pub article: ArticleRow,
    /// Its attributions.
    pub attributions: Vec<ExportRow>,
    /// Its entities (none unless the actors' layers ran).
    pub entities: Vec<EntityRow>,
}

fn kind_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Runs the engine (and, with `actors`, the actors' layers) on an article.
pub fn process(article: Article, actors: bool) -> Result<Processed, String> {
    let doc = pipeline()
        .annotate(&article.text)
        .map_err(|e| e.to_string())?;
    let out = OutDocument::from_doc(article.meta.id.as_deref().unwrap_or(""), &doc);
    let attributions = ExportRow::standalone(&article, &out);
    let the_day = article.meta.published.as_deref().and_then(day);
    let mut entities = Vec::new();
    if actors {
        // a publication date the actors can use: a whole day
        let options = the_day
            .as_deref()
            .filter(|d| d.len() == 10)
            .and_then(|d| Options::published(d).ok())
            .unwrap_or_default();
        let a = OutActors::from_actors(&doc, &Actors::analyze(&doc, &options));
        for e in &a.entities {
            let speaker_of = a
                .attributions
                .iter()
                .filter(|l| l.speaker_entity == Some(e.id))
                .count() as i64;
            let descriptions: Vec<&str> = e.descriptions.iter().map(|d| d.text.as_str()).collect();
            entities.push(EntityRow {
                doc_id: article.meta.id.clone(),
                day: the_day.clone(),
                entity_id: e.id as i64,
                kind: kind_name(&e.kind),
                name: e.name.clone(),
                mentions: e.mentions.len() as i64,
                first_start: e.mentions.first().map(|m| m.start as i64),
                first_end: e.mentions.first().map(|m| m.end as i64),
                descriptions: serde_json::to_string(&descriptions).unwrap_or_default(),
                speaker_of,
            });
        }
    }
    let m = article.meta;
    let o = article.origin;
    Ok(Processed {
        article: ArticleRow {
            doc_id: m.id,
            file: (!o.file.is_empty()).then_some(o.file),
            record: o.record.map(|r| r as i64),
            offset: o.offset.map(|r| r as i64),
            url: m.url,
            title: m.title,
            author: m.author,
            published: m.published,
            day: the_day,
            outlet: m.outlet,
            language: m.language,
            text: article.text,
            attributions: attributions.len() as i64,
            entities: entities.len() as i64,
        },
        attributions,
        entities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_article_has_rows_in_every_table() {
        let mut article = Article {
            text: include_str!("../../../examples/siberian-battalion.txt").to_string(),
            ..Article::default()
        };
        article.meta.id = Some("seed".into());
        article.meta.published = Some("2024-11-02T09:00:00Z".into());
        let p = process(article, true).unwrap();
        assert_eq!(p.article.day.as_deref(), Some("2024-11-02"));
        assert_eq!(p.article.attributions as usize, p.attributions.len());
        assert!(p
            .attributions
            .iter()
            .all(|r| r.doc_id.as_deref() == Some("seed")));
        assert!(p.attributions.iter().any(|r| r
            .speaker_name
            .as_deref()
            .is_some_and(|s| s.contains("Sokolov"))));
        // the speaker's entity is its row in the entities table
        for r in p.attributions.iter().filter(|r| r.speaker_name.is_some()) {
            let e = r.speaker_entity.expect("a named speaker has an entity");
            let row = p.entities.iter().find(|x| x.entity_id == e).unwrap();
            assert_eq!(Some(&row.name), r.speaker_name.as_ref());
        }
        assert!(p
            .entities
            .iter()
            .any(|e| e.name.contains("Sokolov") && e.speaker_of > 0));
    }
}
