#!/usr/bin/env bash
# CI for the Python package and the Spark job (issue 7) and the CLI's Parquet export:
#   1. lint the feature-gated code (pyo3 layer, Arrow/Parquet) that the workspace-wide
#      clippy does not build;
#   2. the CLI with `--features parquet` (debug build: arrow/parquet are slow to build in
#      release) and the store's Parquet round-trip test;
#   3. a build venv with maturin (from PyPI) builds the abi3 wheel (release);
#   4. a fresh venv gets the wheel, pytest, pyarrow, pandas<3 and pyspark; pytest runs the
#      Python tests, including the Spark job in local[2] on a WARC.gz made from the PolNeAR
#      dev texts, checked with pyarrow against the CLI (ingest + export --format parquet).
# Called from .ci/run after the release build of the CLI. Needs python3 (3.9+) with venv,
# Java 17 for Spark; QUOTEGRAPH_SHARED as in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${QUOTEGRAPH_SHARED:-$root/../shared}
work=$root/target/py
mkdir -p "$work"
py=${PYTHON:-python3}

echo "== python: lints of the feature-gated code"
cargo clippy -p quotegraph -p quotegraph-store -p quotegraph-py --all-targets \
    --features quotegraph/parquet,quotegraph-py/python -- -D warnings

echo "== python: the CLI's Parquet export"
cargo build -p quotegraph --features parquet
cargo test -p quotegraph-store --features parquet --lib -- arrow
parquet_bin=$work/quotegraph-parquet
cp target/debug/quotegraph "$parquet_bin"

echo "== python: build the wheel (maturin from PyPI)"
rm -rf "$work/build-venv" "$work/wheels"
"$py" -m venv "$work/build-venv"
"$work/build-venv/bin/pip" install -q --disable-pip-version-check "maturin>=1.16,<2"
"$work/build-venv/bin/maturin" build --release -m crates/quotegraph-py/Cargo.toml \
    --out "$work/wheels" 2>&1 | grep -v '^ *Compiling ' || true
wheel=$(ls "$work"/wheels/quotegraph-*.whl)
echo "built $wheel"

echo "== python: a fresh venv with the wheel"
rm -rf "$work/venv"
"$py" -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "$wheel" pytest pyarrow "pandas<3" pyspark

if ! command -v java >/dev/null 2>&1; then
    echo "no java: installing Debian's openjdk for Spark"
    apt-get update -q && apt-get install -y -q openjdk-17-jre-headless
fi

echo "== python: pytest (Python API, Arrow hand-off, Spark job in local[2])"
warc=$work/dev.warc.gz
if [ -d "$shared/data/polnear/dev/text" ]; then
    python3 scripts/make-bench-warc.py "$shared/data/polnear/dev/text" "$warc" \
        --articles "$(ls "$shared"/data/polnear/dev/text/*.txt | wc -l)" --plain --bad
fi
# run from outside the source tree, so that the installed wheel is what is imported
(cd "$work" && QUOTEGRAPH_SHARED=$shared QUOTEGRAPH_DEV_WARC=$warc \
    QUOTEGRAPH_BIN=$root/target/release/quotegraph QUOTEGRAPH_PARQUET_BIN=$parquet_bin \
    SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$work/venv/bin/python \
    PYSPARK_DRIVER_PYTHON=$work/venv/bin/python \
    "$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/crates/quotegraph-py/tests")
