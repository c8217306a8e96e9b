//! The columns of an export: one list for every form of it.
//!
//! `quotegraph export` writes [`ExportRow`]s as JSONL, CSV or Parquet, and the Python
//! package's Arrow hand-off (`quotegraph.extract_arrow`, used by the Spark job) returns record
//! batches of the same rows. [`EXPORT_COLUMNS`] is the one definition of their columns —
//! names, order, types — that the CSV writer, the Arrow schema (feature `arrow`) and so the
//! Parquet files (feature `parquet`) all follow; [`ExportRow::cell`] gives a row's value in
//! each column.
//!
//! The speaker columns: `speaker_name`, `speaker_kind`, `speaker_entity`,
//! `speaker_description` and `speaker_anonymous` are the engine's speaker of the attribution
//! as it resolved it in the article (`OutSpeaker`: the name is null for an unnamed source
//! such as "a senior official", whose kind is `group`, `document`, `unnamed` or `unknown`
//! and whose description says who it is; `speaker_entity` is the 1-based id of the
//! speaker's entity in the article's `entities`). `speaker` and `speaker_id` are the corpus
//! entity the registry merged the name into ([`crate::speakers`]).
//!
//! Rows made outside a store ([`ExportRow::standalone`]: the Python package, Spark) have no
//! corpus: `attribution_id`, `article_id`, `statement_id`, `speaker_id` and
//! `near_duplicate_of` are null, `sources` is 1, and `speaker` is `speaker_name` (a store
//! gives the name of the entity it merged the speaker into). Every other column is what a
//! store would hold for the same article.

use std::borrow::Cow;

use quotegraph_core::schema::OutDocument;
use quotegraph_core::Article;

use crate::norm::day;
use crate::prepare::join;
use crate::query::ExportRow;
use crate::writer::{serde_name, Spans};

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// A 64-bit signed integer.
    Int64,
    /// A UTF-8 string.
    Utf8,
    /// A boolean.
    Bool,
}

/// One column of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportColumn {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnType,
    /// Whether it may be null.
    pub nullable: bool,
}

const fn col(name: &'static str, kind: ColumnType, nullable: bool) -> ExportColumn {
    ExportColumn {
        name,
        kind,
        nullable,
    }
}

use ColumnType::{Bool, Int64, Utf8};

/// The columns of an export, in order. `spans` holds all spans of the attribution as a JSON
/// object (`{"content": [{"end", "start", "text"}], "cue": […], "source": […]}`, code point
/// offsets into the article text); `content_start`/`content_end` are its first content span.
pub const EXPORT_COLUMNS: &[ExportColumn] = &[
    col("attribution_id", Int64, true),
    col("article_id", Int64, true),
    col("ord", Int64, false),
    col("statement_id", Int64, true),
    col("type", Utf8, false),
    col("cue_class", Utf8, true),
    col("speaker", Utf8, true),
    col("speaker_id", Int64, true),
    col("speaker_name", Utf8, true),
    col("speaker_kind", Utf8, true),
    col("speaker_entity", Int64, true),
    col("speaker_description", Utf8, true),
    col("speaker_anonymous", Bool, false),
    col("source", Utf8, false),
    col("cue", Utf8, false),
    col("content", Utf8, false),
    col("content_start", Int64, true),
    col("content_end", Int64, true),
    col("spans", Utf8, false),
    col("carried_from", Int64, true),
    col("duplicate_of", Int64, true),
    col("title", Utf8, true),
    col("url", Utf8, true),
    col("outlet", Utf8, true),
    col("author", Utf8, true),
    col("published", Utf8, true),
    col("day", Utf8, true),
    col("language", Utf8, true),
    col("sources", Int64, false),
    col("near_duplicate_of", Int64, true),
    col("doc_id", Utf8, true),
];

fn text(v: &Option<String>) -> Option<Cow<'_, str>> {
    v.as_deref().map(Cow::from)
}

/// A row's value in one column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell<'a> {
    /// An integer column's value.
    Int(Option<i64>),
    /// A string column's value.
    Text(Option<Cow<'a, str>>),
    /// A boolean column's value.
    Bool(Option<bool>),
}

impl ExportRow {
    /// The value in column `i` of [`EXPORT_COLUMNS`].
    ///
    /// # Panics
    /// When `i` is not a column index (a programming error, not a matter of input).
    pub fn cell(&self, i: usize) -> Cell<'_> {
        let first = |key: &str| {
            self.spans
                .get("content")
                .and_then(|c| c.get(0))
                .and_then(|s| s.get(key))
                .and_then(|v| v.as_i64())
        };
        match EXPORT_COLUMNS[i].name {
            "attribution_id" => Cell::Int(self.attribution_id),
            "article_id" => Cell::Int(self.article_id),
            "ord" => Cell::Int(Some(self.ord)),
            "statement_id" => Cell::Int(self.statement_id),
            "type" => Cell::Text(Some(Cow::from(self.kind.as_str()))),
            "cue_class" => Cell::Text(text(&self.cue_class)),
            "speaker" => Cell::Text(text(&self.speaker)),
            "speaker_id" => Cell::Int(self.speaker_id),
            "speaker_name" => Cell::Text(text(&self.speaker_name)),
            "speaker_kind" => Cell::Text(text(&self.speaker_kind)),
            "speaker_entity" => Cell::Int(self.speaker_entity),
            "speaker_description" => Cell::Text(text(&self.speaker_description)),
            "speaker_anonymous" => Cell::Bool(Some(self.speaker_anonymous)),
            "source" => Cell::Text(Some(Cow::from(self.source.as_str()))),
            "cue" => Cell::Text(Some(Cow::from(self.cue.as_str()))),
            "content" => Cell::Text(Some(Cow::from(self.content.as_str()))),
            "content_start" => Cell::Int(first("start")),
            "content_end" => Cell::Int(first("end")),
            "spans" => Cell::Text(Some(Cow::from(self.spans.to_string()))),
            "carried_from" => Cell::Int(self.carried_from),
            "duplicate_of" => Cell::Int(self.duplicate_of),
            "title" => Cell::Text(text(&self.title)),
            "url" => Cell::Text(text(&self.url)),
            "outlet" => Cell::Text(text(&self.outlet)),
            "author" => Cell::Text(text(&self.author)),
            "published" => Cell::Text(text(&self.published)),
            "day" => Cell::Text(text(&self.day)),
            "language" => Cell::Text(text(&self.language)),
            "sources" => Cell::Int(Some(self.sources)),
            "near_duplicate_of" => Cell::Int(self.near_duplicate_of),
            "doc_id" => Cell::Text(text(&self.doc_id)),
            other => unreachable!("column {other} has no value"),
        }
    }

    /// The rows of one article outside any store: what [`crate::export`] would give for it
    /// after ingesting it alone, except for the corpus columns (see the [module docs](self)).
    /// `out` is the engine's output for `article.text`.
    pub fn standalone(article: &Article, out: &OutDocument) -> Vec<ExportRow> {
        let m = &article.meta;
        let day = m.published.as_deref().and_then(day);
        out.attributions
            .iter()
            .map(|a| {
                let sp = a.speaker.as_ref();
                let name = sp.and_then(|s| s.name.clone());
                let spans = serde_json::to_value(Spans {
                    source: &a.source,
                    source_description: &a.source_description,
                    cue: &a.cue,
                    content: &a.content,
                })
                .unwrap_or_default();
                ExportRow {
                    attribution_id: None,
                    article_id: None,
                    ord: a.id as i64,
                    statement_id: None,
                    kind: serde_name(&a.kind),
                    cue_class: a.cue_class.as_ref().map(serde_name),
                    speaker: name.clone(),
                    speaker_id: None,
                    speaker_name: name,
                    speaker_kind: sp.map(|s| s.kind.as_str().to_string()),
                    speaker_entity: sp.and_then(|s| s.entity).map(|e| e as i64),
                    speaker_description: sp.and_then(|s| s.description.clone()),
                    speaker_anonymous: sp.is_some_and(|s| s.anonymous),
                    source: join(&a.source),
                    cue: join(&a.cue),
                    content: join(&a.content),
                    spans,
                    carried_from: a.carried_from.map(|v| v as i64),
                    duplicate_of: a.duplicate_of.map(|v| v as i64),
                    title: m.title.clone(),
                    url: m.url.clone(),
                    outlet: m.outlet.clone(),
                    author: m.author.clone(),
                    published: m.published.clone(),
                    day: day.clone(),
                    language: m.language.clone(),
                    sources: 1,
                    near_duplicate_of: None,
                    doc_id: m.id.clone(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use quotegraph_core::Pipeline;

    use super::*;
    use crate::{export, prepare, Store};

    #[test]
    fn every_column_has_a_value_of_its_type() {
        let article = Article {
            text: "“We will win this war,” Russian President Vladimir Putin said on Monday.".into(),
            ..Article::default()
        };
        let out = OutDocument::from_doc("", &Pipeline::default().annotate(&article.text).unwrap());
        let rows = ExportRow::standalone(&article, &out);
        assert_eq!(rows.len(), 1);
        for (i, c) in EXPORT_COLUMNS.iter().enumerate() {
            match (rows[0].cell(i), c.kind) {
                (Cell::Int(v), Int64) => assert!(c.nullable || v.is_some(), "{}", c.name),
                (Cell::Text(v), Utf8) => assert!(c.nullable || v.is_some(), "{}", c.name),
                (Cell::Bool(v), Bool) => assert!(c.nullable || v.is_some(), "{}", c.name),
                (cell, kind) => panic!("{}: {cell:?} in a {kind:?} column", c.name),
            }
        }
    }

    #[test]
    fn standalone_rows_are_the_stored_rows_but_for_the_corpus_columns() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/siberian-battalion.txt"
        ))
        .unwrap();
        let mut article = Article {
            text,
            ..Article::default()
        };
        article.meta.id = Some("seed".into());
        article.meta.url = Some("https://example.com/seed".into());
        article.meta.published = Some("2024-11-02T10:00:00Z".into());
        let pipeline = Pipeline::default();
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(&[prepare(&pipeline, article.clone()).unwrap()])
            .unwrap();
        let mut stored = Vec::new();
        export(store.connection(), |r| {
            stored.push(r);
            Ok(())
        })
        .unwrap();
        let out = OutDocument::from_doc("seed", &pipeline.annotate(&article.text).unwrap());
        let alone = ExportRow::standalone(&article, &out);
        assert!(alone.len() > 5);
        assert_eq!(alone.len(), stored.len());
        for (mut s, a) in stored.into_iter().zip(alone) {
            assert!(s.attribution_id.is_some() && s.article_id.is_some());
            (s.attribution_id, s.article_id, s.statement_id) = (None, None, None);
            // a store names the speaker by the entity it merged it into
            assert_eq!(s.speaker.is_some(), s.speaker_id.is_some());
            s.speaker = a.speaker.clone();
            s.speaker_id = None;
            assert_eq!(s, a);
        }
    }
}
