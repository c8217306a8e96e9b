#!/usr/bin/env bash
# Corpus ingestion throughput and peak memory of `quotegraph ingest`.
#
#   scripts/bench-ingest.sh [TEXT_DIR] [ARTICLES]
#
# 1. builds the release binary (honours CARGO_TARGET_DIR), unless QUOTEGRAPH_BIN names one
#    (to compare two builds on the same machine state: run the script once per binary);
# 2. builds (once, cached in $BENCH_DIR, default target/bench-ingest) a synthetic Common
#    Crawl-style WARC.gz of ARTICLES (default 20000) HTML pages from the texts in TEXT_DIR
#    (default: PolNeAR train, 840 texts) with scripts/make-bench-warc.py, one gzip member
#    per record;
# 3. ingests it into a fresh database under /usr/bin/time -v and reports articles/s (wall
#    time of the whole run: reading, HTML extraction, the engine, the store), the CPU time
#    (user + system) and articles per CPU-second (on a machine shared with other work the
#    wall-time rate says more about the neighbours than about quotegraph: with 2 cores the
#    best wall rate is about twice the CPU rate), and the peak resident memory;
# 4. ingests it again (everything is then a duplicate: hashing and lookups only);
# 5. times a few queries on the result (the pages' dates come from their URLs, which carry
#    PolNeAR's 2015-2016 dates).
#
# Needs python3 and /usr/bin/time (apt-get install time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/../shared/data/polnear/train/text}
articles=${2:-20000}
target=${CARGO_TARGET_DIR:-$root/target}
bench=${BENCH_DIR:-$target/bench-ingest}
mkdir -p "$bench"

if [ -n "${QUOTEGRAPH_BIN:-}" ]; then
    bin=$QUOTEGRAPH_BIN
else
    echo "== build"
    (cd "$root" && cargo build --release -p quotegraph --quiet)
    bin="$target/release/quotegraph"
fi

warc="$bench/polnear-$articles.warc.gz"
if [ ! -f "$warc" ]; then
    echo "== generate $warc"
    python3 "$root/scripts/make-bench-warc.py" "$dir" "$warc" --articles "$articles"
fi
ls -l "$warc"

db="$bench/bench.db"
rm -f "$db" "$db-wal" "$db-shm"

# runs `quotegraph ingest` under /usr/bin/time -v; prints the summary, wall time, rate, peak RSS
ingest() {
    local label=$1 log="$bench/time-$1.txt" load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -v "$bin" ingest --db "$db" "$warc" >"$bench/out-$label.txt" 2>"$log" || true
    cat "$bench/out-$label.txt"
    local wall rss cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
    awk -v w="$wall" -v c="$cpu" -v n="$articles" -v r="$rss" -v l="$label" 'BEGIN {
        printf "== %s: %d articles in %.1f s = %.0f articles/s; CPU %.1f s = %.0f articles per CPU-second; peak memory %.0f MB\n", l, n, w, n / w, c, n / c, r / 1024 }'
    echo "   (load average before the run: $load)"
}

echo "== first ingest (all new)"
ingest first
echo "== second ingest (all duplicates)"
ingest second
ls -l "$db"

echo "== queries"
q() {
    local t0 t1
    t0=$(date +%s%N)
    "$bin" "$@" >/dev/null
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000000)) ms: quotegraph $*"
}
q search --db "$db" Trump
q search --db "$db" --limit 100 "\"the American people\""
q search --db "$db" --speaker Clinton --since 2016-01 --until 2016-06
q speakers --db "$db" --top 20
q speakers --db "$db" --explain Trump
