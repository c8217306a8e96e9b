#!/usr/bin/env python3
"""Throughput of the CLI, the Python package and the Spark job on the same WARC.gz files.

    python scripts/bench-python.py [--texts DIR] [--files 4] [--articles 500] [--work DIR]

Run it with the Python of a venv that has the quotegraph wheel, pyarrow, pandas<3 and
pyspark (.ci/python.sh makes one: target/py/venv); QUOTEGRAPH_BIN names a release
`quotegraph` binary (default target/release/quotegraph).

1. makes FILES WARC.gz files of ARTICLES pages each with scripts/make-bench-warc.py, from
   disjoint parts of the texts (default: PolNeAR train), so that Spark has one task per file;
2. CLI: `quotegraph ingest` of all files into a fresh database (reading, HTML extraction,
   the engine, the store), all cores;
3. Python: quotegraph.read() of all files, then extract_many() of the texts, all cores
   (attributions only, as the CLI; and with the actors' layers);
4. Spark: the job in local[2] (attributions only with --no-entities; and with entities),
   articles/s counted from the moment the session was up (the job's own summary); then
   "once running": the job twice in one session, the second run timed (Python workers
   started, JVM code warm).
Prints one line per measurement and a JSON summary.

The default input (2,000 articles) is small enough that Spark's fixed costs weigh; for a
Common Crawl-like input (their WARC files hold ~40,000 records each) use e.g.
`--articles 5000 --skip-cold` (20,000 articles; the README gives both).
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

# the Spark job run twice in one local[2] session; prints "warm LABEL N SECONDS" lines
WARM = f"""
import shutil, sys
sys.path.insert(0, {str(ROOT / 'spark')!r})
import quotegraph_job as job
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
         .config("spark.executorEnv.PYTHONPATH", {str(ROOT / 'spark')!r}).getOrCreate())
for extra, label in (([ "--no-entities"], "spark local[2] warm"), ([], "spark local[2] warm +entities")):
    for run in (1, 2):
        shutil.rmtree("spark-warm", ignore_errors=True)
        s = job.run(spark, job.parse_args(["--input", *sys.argv[1:], "--output", "spark-warm", *extra]))
    print("warm", label, s["articles"], s["seconds_after_session_start"], flush=True)
spark.stop()
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default=str(ROOT.parent / "shared/data/polnear/train/text"))
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--articles", type=int, default=500, help="pages per file")
    ap.add_argument("--work", default=str(ROOT / "target/py/bench"))
    ap.add_argument("--skip-spark", action="store_true")
    ap.add_argument("--skip-cold", action="store_true", help="only the warm Spark runs")
    args = ap.parse_args()
    import quotegraph

    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cli = os.environ.get("QUOTEGRAPH_BIN", str(ROOT / "target/release/quotegraph"))
    texts = sorted(pathlib.Path(args.texts).glob("*.txt"))
    per = len(texts) // args.files
    warcs = []
    for i in range(args.files):
        w = work / f"bench-{i}-{args.articles}.warc.gz"
        if not w.exists():
            with tempfile.TemporaryDirectory() as d:
                for t in texts[i * per:(i + 1) * per]:
                    os.symlink(t, pathlib.Path(d) / t.name)
                subprocess.run([sys.executable, str(ROOT / "scripts/make-bench-warc.py"), d, str(w),
                                "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
        warcs.append(str(w))
    n_expected = args.files * args.articles
    results = {"files": args.files, "articles": n_expected, "cores": os.cpu_count()}

    def report(label, n, seconds):
        rate = n / seconds
        results[label] = {"articles": n, "seconds": round(seconds, 2), "articles_per_second": round(rate, 1)}
        print(f"{label:34s} {n:6d} articles in {seconds:7.2f} s = {rate:7.1f} articles/s", flush=True)

    # CLI
    db = work / "bench.db"
    for p in (db, pathlib.Path(f"{db}-wal"), pathlib.Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    t = time.perf_counter()
    subprocess.run([cli, "ingest", "--db", str(db), *warcs], check=True, stdout=subprocess.DEVNULL)
    report("cli ingest", n_expected, time.perf_counter() - t)

    # Python
    t = time.perf_counter()
    articles = [a for w in warcs for a in quotegraph.read(w) if isinstance(a, quotegraph.Article)]
    t_read = time.perf_counter() - t
    docs = quotegraph.extract_many([a.text for a in articles], actors=False)
    t_all = time.perf_counter() - t
    assert len(docs) == n_expected, len(docs)
    report("python read", len(articles), t_read)
    report("python read+extract_many", len(docs), t_all)
    report("python extract_many only", len(docs), t_all - t_read)
    texts_only = [a.text for a in articles]
    t = time.perf_counter()
    quotegraph.extract_many(texts_only, actors=True)
    report("python extract_many +actors", len(texts_only), time.perf_counter() - t)

    if not args.skip_spark:
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
                   SPARK_LOCAL_IP="127.0.0.1")
        submit = pathlib.Path(sys.executable).parent / "spark-submit"
        cold = () if args.skip_cold else (("spark local[2]", ["--no-entities"]),
                                          ("spark local[2] +entities", []))
        for label, extra in cold:
            out = work / "spark-out"
            shutil.rmtree(out, ignore_errors=True)
            p = subprocess.run([str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                                str(ROOT / "spark/quotegraph_job.py"), "--input", *warcs,
                                "--output", str(out), *extra],
                               env=env, capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(p.stderr[-3000:])
            line = [l for l in p.stdout.splitlines() if l.startswith("quotegraph_job: ")][-1]
            s = json.loads(line[len("quotegraph_job: "):])
            report(label, s["articles"], s["seconds_after_session_start"])
        # once running: the same job twice in one session (Python workers started, JVM
        # warm), the second run timed
        env["PYTHONPATH"] = str(ROOT / "spark")
        p = subprocess.run([sys.executable, "-c", WARM, *warcs], env=env, capture_output=True,
                           text=True, cwd=str(work))
        if p.returncode != 0:
            sys.exit(p.stderr[-3000:])
        for line in p.stdout.splitlines():
            if line.startswith("warm "):
                label, n, secs = line[5:].rsplit(" ", 2)
                report(label, int(n), float(secs))

    cli_rate = results["cli ingest"]["articles_per_second"]
    for k in list(results):
        if isinstance(results[k], dict):
            results[k]["vs_cli"] = round(cli_rate / results[k]["articles_per_second"], 2)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
