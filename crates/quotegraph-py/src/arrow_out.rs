//! Arrow in and out: articles from a record batch, attributions as the export's record
//! batch, and the one-row-per-article batches of the Spark job.

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use quotegraph_core::Article;
use quotegraph_store::arrow::{export_schema, ExportBatchBuilder};

use crate::read::BadRecord;
use crate::rows::{EntityRow, Processed};

/// A batch as an Arrow IPC stream.
pub fn to_ipc(batch: &RecordBatch) -> Result<Vec<u8>, ArrowError> {
    let mut w = StreamWriter::try_new(Vec::new(), batch.schema_ref())?;
    w.write(batch)?;
    w.into_inner()
}

/// A schema as an Arrow IPC stream without batches.
pub fn schema_ipc(schema: SchemaRef) -> Result<Vec<u8>, ArrowError> {
    StreamWriter::try_new(Vec::new(), &schema)?.into_inner()
}

/// The batches of an Arrow IPC stream.
pub fn from_ipc(data: &[u8]) -> Result<Vec<RecordBatch>, String> {
    let r = StreamReader::try_new(std::io::Cursor::new(data), None)
        .map_err(|e| format!("not an Arrow IPC stream: {e}"))?;
    r.collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot read the Arrow IPC stream: {e}"))
}

/// The metadata columns an articles batch may have besides `text`.
pub const META_COLUMNS: &[&str] = &[
    "id",
    "url",
    "title",
    "author",
    "published",
    "outlet",
    "language",
];

/// The values of a string column (Utf8, LargeUtf8 or Utf8View), or why it is not one.
fn strings(batch: &RecordBatch, name: &str) -> Result<Option<Vec<Option<String>>>, String> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let v: Vec<Option<String>> = match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().iter().map(|s| s.map(str::to_string)).collect(),
        DataType::LargeUtf8 => col.as_string::<i64>().iter().map(|s| s.map(str::to_string)).collect(),
        DataType::Utf8View => col.as_string_view().iter().map(|s| s.map(str::to_string)).collect(),
        DataType::Null => vec![None; col.len()],
        other => {
            return Err(format!(
                "column `{name}` is {other}, expected strings (cast it, e.g. with pyarrow.compute.cast)"
            ))
        }
    };
    Ok(Some(v))
}

/// The articles of a batch: `text` (required) and the [`META_COLUMNS`] present. A row whose
/// text is null is `None`.
pub fn articles(batch: &RecordBatch) -> Result<Vec<Option<Article>>, String> {
    let Some(texts) = strings(batch, "text")? else {
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        return Err(format!(
            "the articles have no `text` column (columns: {})",
            names.join(", ")
        ));
    };
    let mut meta: Vec<Option<Vec<Option<String>>>> = Vec::new();
    for name in META_COLUMNS {
        meta.push(strings(batch, name)?);
    }
    let get = |k: usize, i: usize| meta[k].as_ref().and_then(|v| v[i].clone());
    Ok(texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let mut a = Article {
                text: t?,
                ..Article::default()
            };
            a.meta.id = get(0, i);
            a.meta.url = get(1, i);
            a.meta.title = get(2, i);
            a.meta.author = get(3, i);
            a.meta.published = get(4, i);
            a.meta.outlet = get(5, i);
            a.meta.language = get(6, i);
            Some(a)
        })
        .collect())
}

/// The attributions of processed articles as one batch of the export's columns.
pub fn attributions_batch<'a>(
    done: impl Iterator<Item = &'a Processed>,
) -> Result<RecordBatch, ArrowError> {
    let mut b = ExportBatchBuilder::new();
    for p in done {
        for r in &p.attributions {
            b.push(r);
        }
    }
    b.finish()
}

fn entity_fields() -> Vec<Field> {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    let i = |n: &str, null: bool| Field::new(n, DataType::Int64, null);
    vec![
        s("doc_id", true),
        s("day", true),
        i("entity_id", false),
        s("type", false),
        s("name", false),
        i("mentions", false),
        i("first_start", true),
        i("first_end", true),
        s("descriptions", false),
        i("speaker_of", false),
    ]
}

fn entities_struct(rows: &[&EntityRow]) -> StructArray {
    let mut doc_id = StringBuilder::new();
    let mut day = StringBuilder::new();
    let mut id = Int64Builder::new();
    let mut kind = StringBuilder::new();
    let mut name = StringBuilder::new();
    let mut mentions = Int64Builder::new();
    let mut first_start = Int64Builder::new();
    let mut first_end = Int64Builder::new();
    let mut descriptions = StringBuilder::new();
    let mut speaker_of = Int64Builder::new();
    for e in rows {
        doc_id.append_option(e.doc_id.as_deref());
        day.append_option(e.day.as_deref());
        id.append_value(e.entity_id);
        kind.append_value(&e.kind);
        name.append_value(&e.name);
        mentions.append_value(e.mentions);
        first_start.append_option(e.first_start);
        first_end.append_option(e.first_end);
        descriptions.append_value(&e.descriptions);
        speaker_of.append_value(e.speaker_of);
    }
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(day.finish()),
        Arc::new(id.finish()),
        Arc::new(kind.finish()),
        Arc::new(name.finish()),
        Arc::new(mentions.finish()),
        Arc::new(first_start.finish()),
        Arc::new(first_end.finish()),
        Arc::new(descriptions.finish()),
        Arc::new(speaker_of.finish()),
    ];
    StructArray::new(entity_fields().into(), arrays, None)
}

fn list_field(fields: Vec<Field>) -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(fields.into()), true))
}

fn export_fields() -> Vec<Field> {
    export_schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect()
}

/// The schema of the Spark job's batches: one row per article or bad record.
///
/// Article columns, then `attribution_list` (a list of the export's columns),
/// `entity_list` (a list of entity rows) and `error` (null for an article; for a bad record
/// its message, with `file`, `record` and `offset` saying where it is).
pub fn spark_schema() -> SchemaRef {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    let i = |n: &str, null: bool| Field::new(n, DataType::Int64, null);
    Arc::new(Schema::new(vec![
        s("doc_id", true),
        s("file", true),
        i("record", true),
        i("offset", true),
        s("url", true),
        s("title", true),
        s("author", true),
        s("published", true),
        s("day", true),
        s("outlet", true),
        s("language", true),
        s("text", true),
        i("attributions", true),
        i("entities", true),
        Field::new(
            "attribution_list",
            DataType::List(list_field(export_fields())),
            true,
        ),
        Field::new(
            "entity_list",
            DataType::List(list_field(entity_fields())),
            true,
        ),
        s("error", true),
    ]))
}

/// One Spark batch from processed articles and bad records, in reading order.
pub fn spark_batch(items: &[Result<Processed, BadRecord>]) -> Result<RecordBatch, ArrowError> {
    let mut str_cols: Vec<StringBuilder> = (0..9).map(|_| StringBuilder::new()).collect();
    let mut record = Int64Builder::new();
    let mut offset = Int64Builder::new();
    let mut n_att = Int64Builder::new();
    let mut n_ent = Int64Builder::new();
    let mut error = StringBuilder::new();
    let mut att_lengths = Vec::with_capacity(items.len());
    let mut ent_lengths = Vec::with_capacity(items.len());
    let mut ents: Vec<&EntityRow> = Vec::new();
    let mut atts = ExportBatchBuilder::new();
    for item in items {
        match item {
            Ok(p) => {
                let a = &p.article;
                let vals = [
                    a.doc_id.as_deref(),
                    a.file.as_deref(),
                    a.url.as_deref(),
                    a.title.as_deref(),
                    a.author.as_deref(),
                    a.published.as_deref(),
                    a.day.as_deref(),
                    a.outlet.as_deref(),
                    a.language.as_deref(),
                ];
                for (b, v) in str_cols.iter_mut().zip(vals) {
                    b.append_option(v);
                }
                record.append_option(a.record);
                offset.append_option(a.offset);
                n_att.append_value(a.attributions);
                n_ent.append_value(a.entities);
                error.append_null();
                att_lengths.push(p.attributions.len());
                ent_lengths.push(p.entities.len());
                for r in &p.attributions {
                    atts.push(r);
                }
                ents.extend(p.entities.iter());
            }
            Err(bad) => {
                for (k, b) in str_cols.iter_mut().enumerate() {
                    b.append_option((k == 1).then_some(bad.file.as_str()));
                }
                record.append_option(bad.record.map(|r| r as i64));
                offset.append_option(bad.offset.map(|r| r as i64));
                n_att.append_null();
                n_ent.append_null();
                error.append_value(&bad.message);
                att_lengths.push(0);
                ent_lengths.push(0);
            }
        }
    }
    // text is kept apart from the other strings: it is the big one
    let mut text = StringBuilder::new();
    for item in items {
        text.append_option(item.as_ref().ok().map(|p| p.article.text.as_str()));
    }
    let atts = StructArray::from(atts.finish()?);
    let att_list = ListArray::new(
        list_field(export_fields()),
        OffsetBuffer::from_lengths(att_lengths),
        Arc::new(atts),
        None,
    );
    let ent_list = ListArray::new(
        list_field(entity_fields()),
        OffsetBuffer::from_lengths(ent_lengths),
        Arc::new(entities_struct(&ents)),
        None,
    );
    let mut s = str_cols
        .into_iter()
        .map(|mut b| -> ArrayRef { Arc::new(b.finish()) });
    let mut next = || s.next().expect("nine string columns");
    let (doc_id, file) = (next(), next());
    let (url, title, author, published, day, outlet, language) =
        (next(), next(), next(), next(), next(), next(), next());
    RecordBatch::try_new(
        spark_schema(),
        vec![
            doc_id,
            file,
            Arc::new(record.finish()),
            Arc::new(offset.finish()),
            url,
            title,
            author,
            published,
            day,
            outlet,
            language,
            Arc::new(text.finish()),
            Arc::new(n_att.finish()),
            Arc::new(n_ent.finish()),
            Arc::new(att_list),
            Arc::new(ent_list),
            Arc::new(error.finish()),
        ],
    )
}
