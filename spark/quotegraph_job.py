#!/usr/bin/env python3
"""quotegraph on Spark: WARC files in, Parquet tables of who said what out.

    spark-submit spark/quotegraph_job.py --input PATHS... --output DIR [options]

Each --input is a WARC file (``.warc``, ``.warc.gz``; Common Crawl's layout included) or a
text file listing WARC paths, one per line (``#`` comments allowed). Paths may be local or on
any file system the executors can reach: local paths are read by quotegraph's Rust reader
directly, others (``s3://``, ``s3a://``, ``gs://``, ``hdfs://``, ``abfs://``…) through
``pyarrow.fs`` (or fsspec when installed) as a stream.

Every WARC file is one Spark task: the executor's Python worker reads it with the engine's
WARC and HTML readers, extracts every article (``quotegraph.article_batches``: Rust, the
same engine as the ``quotegraph`` command) and hands Arrow batches to Spark (``mapInArrow``):
Spark only distributes the files and writes the results. Bad records never fail a task:
each becomes a row of the errors table with its file, record number and byte offset.

Output, one Parquet table per directory:
  DIR/articles/      doc_id (WARC-Record-ID), file, record, offset, url, title, author,
                     published, day, outlet, language, text, attributions, entities
  DIR/attributions/  the columns of `quotegraph export --format parquet`
                     (quotegraph.export_schema(); corpus ids null): among them the
                     speaker as the engine resolved it in the article, speaker_name (null
                     for an unnamed source such as "a senior official"), speaker_kind
                     (person, organization, group, document, unnamed, unknown),
                     speaker_entity (the entity_id of the entities table), speaker_description,
                     speaker_anonymous
  DIR/entities/      doc_id, day, entity_id, type, name, mentions, first_start, first_end,
                     descriptions (JSON), speaker_of
  DIR/errors/        file, record, offset, message
The first three are partitioned by publication day (``day=YYYY-MM-DD`` directories; change
with --partition-by, ``none`` for no partitioning). Join them on ``doc_id``.

How the tables are written: the extracted rows are shuffled once by the partition column
(Spark's ``rebalance``: each day's rows end up in one task, or in a few for a large day),
then materialized once (``--materialize``), then each table is written from that copy. So
the engine runs once per WARC file, and a table gets about one file per day instead of one
per (WARC file, day): with thousands of WARC files and hundreds of publication days each,
the latter is millions of tiny files, and every file has a fixed cost (on a local disk
without Hadoop's native library, each one forks ``chmod`` processes).
``--materialize checkpoint`` keeps the rows as a local checkpoint: the fastest, but if an
executor is lost during the writes the job fails instead of recomputing its part;
``--materialize cache`` persists them instead (Spark recomputes lost partitions; slower:
Spark's columnar cache is costly to build for the nested rows). The default, ``auto``, is
the checkpoint on a ``local[...]`` master (one JVM: there is no executor to lose alone) and
the cache on a cluster.

Settings (see the README's Spark section): the executors need the quotegraph wheel and
pyarrow installed in the Python that PYSPARK_PYTHON names; for a local run set
SPARK_LOCAL_IP=127.0.0.1. A summary (JSON) is printed at the end, with articles per second
counted from the moment the session was up.
"""

import argparse
import json
import os
import sys
import time


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", nargs="+", required=True,
                    help="WARC files, or text files listing WARC paths one per line")
    ap.add_argument("--output", required=True, help="output directory (any Hadoop path)")
    ap.add_argument("--batch-size", type=int, default=256,
                    help="records per Arrow batch handed to Spark (default 256)")
    ap.add_argument("--threads", type=int, default=1,
                    help="extraction threads per task (default 1: Spark runs one task per core)")
    ap.add_argument("--no-entities", action="store_true",
                    help="skip the actors' layers (entities table left empty; faster)")
    ap.add_argument("--partition-by", default="day",
                    help="column to partition articles/attributions/entities by, or none")
    ap.add_argument("--materialize", default="auto", choices=["auto", "checkpoint", "cache"],
                    help="how the extracted rows are kept while the tables are written: a local "
                         "checkpoint (fastest; a lost executor fails the job) or Spark's cache "
                         "(lost partitions are recomputed; slower); auto (default): the "
                         "checkpoint on a local[...] master, the cache on a cluster")
    ap.add_argument("--mode", default="errorifexists",
                    choices=["errorifexists", "overwrite", "append"],
                    help="what to do when the output exists (default: fail)")
    ap.add_argument("--master", default=None, help="Spark master when not set by spark-submit")
    return ap.parse_args(argv)


def is_warc(path):
    p = path.lower()
    return p.endswith(".warc") or p.endswith(".warc.gz") or p.endswith(".arc.gz")


def expand_inputs(spark, inputs):
    """WARC paths from the arguments: WARC files as given, list files read (any file system)."""
    paths = []
    for item in inputs:
        if is_warc(item):
            paths.append(item)
            continue
        for row in spark.read.text(item).collect():
            line = row.value.strip()
            if line and not line.startswith("#"):
                paths.append(line)
    return paths


def open_source(path):
    """A local path as a str (read by Rust), anything else as a binary stream."""
    if "://" not in path:
        return path
    if path.startswith("file://"):
        return path[len("file://"):]
    uri = "s3://" + path.split("://", 1)[1] if path.startswith(("s3a://", "s3n://")) else path
    try:
        import fsspec  # noqa: F401
        return fsspec.open(uri, "rb").open()
    except ImportError:
        pass
    from pyarrow import fs
    filesystem, inner = fs.FileSystem.from_uri(uri)
    return filesystem.open_input_stream(inner)


def extract_partition(batch_size, threads, actors):
    """The function mapInArrow runs on each partition: paths in, article batches out."""

    def run(batches):
        import pyarrow as pa
        import quotegraph

        schema = quotegraph.spark_schema()
        for batch in batches:
            for path in batch.column(0).to_pylist():
                try:
                    source = open_source(path)
                    for b in quotegraph.article_batches(
                        source, name=path, batch_size=batch_size, actors=actors, threads=threads
                    ):
                        yield b
                except Exception as e:  # the file itself cannot be opened or read
                    row = {f.name: None for f in schema}
                    row.update(file=path, error=f"{path}: {type(e).__name__}: {e}")
                    yield pa.RecordBatch.from_pylist([row], schema=schema)

    return run


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("quotegraph")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    summary = run(spark, args)
    print("quotegraph_job: " + json.dumps(summary), flush=True)
    spark.stop()
    return summary


def run(spark, args):
    """The job on a running session; returns its summary (timed from the call)."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark import StorageLevel

    import quotegraph

    started = time.time()

    paths = expand_inputs(spark, args.input)
    if not paths:
        sys.exit("quotegraph_job: no WARC paths in --input")
    schema = from_arrow_schema(quotegraph.spark_schema())
    # one partition (one task) per WARC file
    files = spark.sparkContext.parallelize([(p,) for p in paths], numSlices=len(paths))
    df = spark.createDataFrame(files, "path string")
    out = df.mapInArrow(
        extract_partition(args.batch_size, args.threads, not args.no_entities), schema
    )
    part = [] if args.partition_by.lower() == "none" else [args.partition_by]
    if part:
        # one shuffle: each day's rows in one task (a large day split over a few), so each
        # table gets about one file per day rather than one per (WARC file, day)
        out = out.hint("rebalance", *part)
    # the engine runs once: the rows are kept while the four tables are written from them
    materialize = args.materialize
    if materialize == "auto":
        local = spark.sparkContext.master.startswith("local")
        materialize = "checkpoint" if local else "cache"
    if materialize == "checkpoint":
        out = out.localCheckpoint(eager=True)
    else:
        out = out.persist(StorageLevel.MEMORY_AND_DISK)

    ok = out.where(F.col("error").isNull())
    articles = ok.drop("attribution_list", "entity_list", "error")
    attributions = ok.select(F.explode("attribution_list").alias("a")).select("a.*")
    entities = ok.select(F.explode("entity_list").alias("e")).select("e.*")
    errors = out.where(F.col("error").isNotNull()).select(
        "file", "record", "offset", F.col("error").alias("message"))

    for name, table in (("articles", articles), ("attributions", attributions),
                        ("entities", entities)):
        w = table.write.mode(args.mode)
        if part:
            w = w.partitionBy(*part)
        w.parquet(f"{args.output.rstrip('/')}/{name}")
    errors.coalesce(1).write.mode(args.mode).parquet(f"{args.output.rstrip('/')}/errors")

    counts = out.agg(
        F.sum(F.when(F.col("error").isNull(), 1).otherwise(0)).alias("articles"),
        F.sum(F.when(F.col("error").isNotNull(), 1).otherwise(0)).alias("errors"),
        F.sum("attributions").alias("attributions"),
        F.sum("entities").alias("entities"),
    ).collect()[0]
    elapsed = time.time() - started
    summary = {
        "files": len(paths),
        "articles": int(counts["articles"] or 0),
        "attributions": int(counts["attributions"] or 0),
        "entities": int(counts["entities"] or 0),
        "errors": int(counts["errors"] or 0),
        "seconds_after_session_start": round(elapsed, 2),
        "articles_per_second": round((counts["articles"] or 0) / elapsed, 1) if elapsed else None,
        "output": args.output,
    }
    release(out)
    return summary


def release(df):
    """Frees the kept rows: unpersists a cached DataFrame, or the RDD behind a local
    checkpoint (which Spark would otherwise free only when the JVM collects it)."""
    df.unpersist()
    try:
        df._jdf.queryExecution().analyzed().rdd().unpersist(False)
    except Exception:  # not a checkpoint, or another Spark internals layout: leave it to Spark
        pass


if __name__ == "__main__":
    main()
