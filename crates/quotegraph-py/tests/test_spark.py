"""The Spark job in local[2] on the dev WARC.gz, against the CLI (ingest + export).

Slow (a Spark session starts: ~15 s, and the job runs once for the whole module); skipped
when pyspark is not installed or no `quotegraph` binary is found. The CLI's Parquet export
is used when the binary was built with `--features parquet`, its JSONL export otherwise.
"""

import json
import os
import pathlib
import subprocess
import sys

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("pyspark")

import quotegraph  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[3]

# columns only a corpus store fills (ids, cross-article merges, duplicates)
CORPUS = {"attribution_id", "article_id", "statement_id", "speaker", "speaker_id",
          "sources", "near_duplicate_of"}


def spark_env():
    env = dict(os.environ)
    env.update(PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
               SPARK_LOCAL_IP="127.0.0.1")
    return env


@pytest.fixture(scope="module")
def job(tmp_path_factory, dev_warc):
    out = tmp_path_factory.mktemp("spark") / "out"
    listing = out.parent / "warcs.txt"
    listing.write_text(f"# the dev WARC\n{dev_warc}\n")
    submit = pathlib.Path(sys.executable).parent / "spark-submit"
    cmd = [str(submit) if submit.exists() else "spark-submit",
           "--master", "local[2]", "--conf", "spark.ui.enabled=false",
           "--conf", "spark.sql.shuffle.partitions=2",
           str(ROOT / "spark" / "quotegraph_job.py"), "--input", str(listing), "--output", str(out)]
    p = subprocess.run(cmd, env=spark_env(), capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-4000:]
    line = [l for l in p.stdout.splitlines() if l.startswith("quotegraph_job: ")][-1]
    return out, json.loads(line[len("quotegraph_job: "):])


@pytest.fixture(scope="module")
def cli_rows(tmp_path_factory, dev_warc, cli, cli_parquet):
    d = tmp_path_factory.mktemp("cli")
    db = d / "q.db"
    # exit status 1: the WARC's two bad records are reported as failed inputs
    p = subprocess.run([cli, "ingest", "--db", str(db), str(dev_warc)], capture_output=True, text=True)
    assert p.returncode in (0, 1) and "2 failed" in p.stdout + p.stderr, p.stderr
    pq_out = d / "attributions.parquet"
    p = subprocess.run([cli_parquet, "export", "--db", str(db), "--format", "parquet", str(pq_out)],
                       capture_output=True, text=True)
    if p.returncode == 0:
        table = pq.read_table(pq_out)
        assert table.schema.names == quotegraph.export_schema().names
        return table.to_pylist(), "parquet"
    assert "without Parquet support" in p.stderr, p.stderr
    j = d / "attributions.jsonl"
    subprocess.run([cli, "export", "--db", str(db), "--format", "jsonl", str(j)], check=True,
                   capture_output=True)
    rows = [json.loads(l) for l in j.read_text().splitlines()]
    for r in rows:
        first = r["spans"]["content"][0]
        r["content_start"], r["content_end"] = first["start"], first["end"]
        r["spans"] = json.dumps(r["spans"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return rows, "jsonl"


def key(r):
    return (r["doc_id"], r["ord"])


def comparable(r):
    return {k: (str(v) if k == "day" and v is not None else v)
            for k, v in r.items() if k not in CORPUS}


def test_row_counts(job, dev_texts):
    out, summary = job
    assert summary["articles"] == len(dev_texts)
    assert summary["errors"] == 2
    articles = pq.read_table(out / "articles")
    assert articles.num_rows == len(dev_texts)
    attributions = pq.read_table(out / "attributions")
    assert attributions.num_rows == summary["attributions"] == sum(articles.column("attributions").to_pylist())
    entities = pq.read_table(out / "entities")
    assert entities.num_rows == summary["entities"] > 0
    # partitioned by day
    assert any(p.name.startswith("day=") for p in (out / "attributions").iterdir())


def test_errors_table_names_file_and_offset(job, dev_warc):
    out, _ = job
    errors = pq.read_table(out / "errors").to_pylist()
    assert len(errors) == 2
    for e in errors:
        assert e["file"] == str(dev_warc) and e["offset"] is not None and e["message"]


def test_spark_cli_and_python_give_identical_attributions(job, cli_rows, dev_warc):
    out, _ = job
    spark = {key(r): comparable(r) for r in pq.read_table(out / "attributions").to_pylist()}
    rows, fmt = cli_rows
    cli = {key(r): comparable(r) for r in rows}
    assert len(cli) == len(rows) == len(spark), fmt
    assert cli.keys() == spark.keys()
    for k in sorted(cli):
        assert spark[k] == cli[k], (fmt, k)
    # the Python package on the same articles (read by the same reader)
    articles = [a for a in quotegraph.read(str(dev_warc)) if isinstance(a, quotegraph.Article)]
    table = pa.table({c: [getattr(a, c) for a in articles]
                      for c in ("text", "id", "url", "title", "author", "published", "outlet", "language")})
    mine = {key(r): comparable(r) for r in quotegraph.extract_arrow(table).to_pylist()}
    assert mine == spark
