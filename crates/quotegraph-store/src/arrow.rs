//! Export rows as Arrow record batches, and (feature `parquet`) as a Parquet file.
//!
//! The schema is [`EXPORT_COLUMNS`], the same list the CSV export follows; the Python
//! package's Arrow hand-off builds its batches with [`ExportBatchBuilder`] too, so a Parquet
//! file written by `quotegraph export --format parquet` and one Spark writes from the Python
//! package's batches have exactly the same columns.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use crate::columns::{Cell, ColumnType, EXPORT_COLUMNS};
use crate::query::ExportRow;

/// The Arrow schema of [`EXPORT_COLUMNS`].
pub fn export_schema() -> SchemaRef {
    let fields: Vec<Field> = EXPORT_COLUMNS
        .iter()
        .map(|c| {
            let t = match c.kind {
                ColumnType::Int64 => DataType::Int64,
                ColumnType::Utf8 => DataType::Utf8,
                ColumnType::Bool => DataType::Boolean,
            };
            Field::new(c.name, t, c.nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

enum Column {
    Int(Int64Builder),
    Text(StringBuilder),
    Bool(BooleanBuilder),
}

/// Collects export rows into record batches of [`export_schema`].
pub struct ExportBatchBuilder {
    schema: SchemaRef,
    columns: Vec<Column>,
    rows: usize,
}

impl Default for ExportBatchBuilder {
    fn default() -> Self {
        ExportBatchBuilder::new()
    }
}

impl ExportBatchBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        let columns = EXPORT_COLUMNS
            .iter()
            .map(|c| match c.kind {
                ColumnType::Int64 => Column::Int(Int64Builder::new()),
                ColumnType::Utf8 => Column::Text(StringBuilder::new()),
                ColumnType::Bool => Column::Bool(BooleanBuilder::new()),
            })
            .collect();
        ExportBatchBuilder {
            schema: export_schema(),
            columns,
            rows: 0,
        }
    }

    /// Rows added since the last [`finish`](Self::finish).
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no row was added since the last [`finish`](Self::finish).
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Adds one row.
    pub fn push(&mut self, row: &ExportRow) {
        for (i, column) in self.columns.iter_mut().enumerate() {
            match (column, row.cell(i)) {
                (Column::Int(b), Cell::Int(v)) => b.append_option(v),
                (Column::Text(b), Cell::Text(v)) => b.append_option(v),
                (Column::Bool(b), Cell::Bool(v)) => b.append_option(v),
                // `cell` gives each column's own type (tested in `columns`)
                (Column::Int(b), _) => b.append_null(),
                (Column::Text(b), _) => b.append_null(),
                (Column::Bool(b), _) => b.append_null(),
            }
        }
        self.rows += 1;
    }

    /// The rows added so far as one batch; the builder is then empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self
            .columns
            .iter_mut()
            .map(|c| -> ArrayRef {
                match c {
                    Column::Int(b) => Arc::new(b.finish()),
                    Column::Text(b) => Arc::new(b.finish()),
                    Column::Bool(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), arrays)
    }
}

#[cfg(feature = "parquet")]
pub use self::parquet_file::ParquetExport;

#[cfg(feature = "parquet")]
mod parquet_file {
    use std::io::Write;

    use arrow_schema::ArrowError;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::errors::ParquetError;
    use parquet::file::properties::WriterProperties;

    use super::{export_schema, ExportBatchBuilder};
    use crate::query::ExportRow;

    /// Rows per record batch (and so at most per row group page flush).
    const BATCH: usize = 8192;

    /// Writes export rows to a Parquet file (zstd), batch by batch: memory stays bounded.
    pub struct ParquetExport<W: Write + Send> {
        writer: ArrowWriter<W>,
        builder: ExportBatchBuilder,
    }

    impl<W: Write + Send> ParquetExport<W> {
        /// Starts a file on `out`.
        pub fn new(out: W) -> Result<Self, ParquetError> {
            let props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(ZstdLevel::default()))
                .build();
            Ok(ParquetExport {
                writer: ArrowWriter::try_new(out, export_schema(), Some(props))?,
                builder: ExportBatchBuilder::new(),
            })
        }

        /// Adds a row.
        pub fn write(&mut self, row: &ExportRow) -> Result<(), ParquetError> {
            self.builder.push(row);
            if self.builder.len() >= BATCH {
                self.flush_batch()?;
            }
            Ok(())
        }

        fn flush_batch(&mut self) -> Result<(), ParquetError> {
            let batch = self
                .builder
                .finish()
                .map_err(|e: ArrowError| ParquetError::External(Box::new(e)))?;
            self.writer.write(&batch)
        }

        /// Writes what is left and the file's footer; returns the sink.
        pub fn finish(mut self) -> Result<W, ParquetError> {
            if !self.builder.is_empty() {
                self.flush_batch()?;
            }
            self.writer.into_inner()
        }
    }
}

#[cfg(test)]
mod tests {
    use quotegraph_core::schema::OutDocument;
    use quotegraph_core::{Article, Pipeline};

    use super::*;

    #[test]
    fn a_batch_has_the_export_columns() {
        let article = Article {
            text: "“We will win,” Sokolov said. “It is hard,” he added.".into(),
            ..Article::default()
        };
        let out = OutDocument::from_doc("", &Pipeline::default().annotate(&article.text).unwrap());
        let mut b = ExportBatchBuilder::new();
        for r in ExportRow::standalone(&article, &out) {
            b.push(&r);
        }
        let batch = b.finish().unwrap();
        assert_eq!(batch.num_rows(), 2);
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        let expected: Vec<&str> = EXPORT_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names, expected);
        assert!(b.is_empty());
    }
}

#[cfg(all(test, feature = "parquet"))]
mod parquet_tests {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use quotegraph_core::Pipeline;

    use super::*;
    use crate::{export, prepare, Store};

    #[test]
    fn a_store_exports_to_parquet_and_reads_back_the_same_rows() {
        let text = include_str!("../../../examples/siberian-battalion.txt");
        let mut article = quotegraph_core::Article {
            text: text.into(),
            ..Default::default()
        };
        article.meta.id = Some("seed".into());
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(&[prepare(&Pipeline::default(), article).unwrap()])
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.parquet");
        let mut w = ParquetExport::new(std::fs::File::create(&path).unwrap()).unwrap();
        let mut rows = Vec::new();
        export(store.connection(), |r| {
            w.write(&r).unwrap();
            rows.push(r);
            Ok(())
        })
        .unwrap();
        w.finish().unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        let mut b = ExportBatchBuilder::new();
        for r in &rows {
            b.push(r);
        }
        let expected = b.finish().unwrap();
        assert!(rows.len() > 5);
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0], expected);
    }
}
