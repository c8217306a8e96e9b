#!/usr/bin/env bash
# Whole-corpus throughput and peak memory of `quotegraph extract`.
#
#   scripts/throughput.sh [DIR]        (default: PolNeAR train texts, 840 articles)
#
# 1. builds the release binary (honours CARGO_TARGET_DIR);
# 2. times `quotegraph extract --format spans DIR > /dev/null` against the
#    floor of merely reading the same files, `cat DIR/*.txt | wc -w`, with
#    hyperfine when it is installed, otherwise with `date +%s%N` over REPS
#    runs (default 5; the median is reported); prints MB/s for both and the
#    ratio;
# 3. peak memory (maximum resident set size, from /usr/bin/time -v) on DIR,
#    on a directory of COPIES (default 4) copies of DIR's articles, and on
#    one document made of all of them: memory follows the largest document,
#    not the number of documents.
#
# MB is 10^6 bytes. Needs bash, coreutils and awk; hyperfine (apt-get install
# hyperfine) and /usr/bin/time (apt-get install time) are used when present.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/work/shared/data/polnear/train/text}
reps=${REPS:-5}
copies=${COPIES:-4}
target=${CARGO_TARGET_DIR:-$root/target}

if [ ! -d "$dir" ]; then
    echo "throughput.sh: $dir is not a directory" >&2
    exit 2
fi
shopt -s nullglob
files=("$dir"/*.txt)
if [ ${#files[@]} -eq 0 ]; then
    echo "throughput.sh: no .txt files in $dir" >&2
    exit 2
fi

echo "== build"
(cd "$root" && cargo build --release -p quotegraph --quiet)
bin="$target/release/quotegraph"
"$bin" --version

bytes=$(cat "${files[@]}" | wc -c)
words=$(cat "${files[@]}" | wc -w)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
echo "== corpus: $dir: ${#files[@]} files, $bytes bytes ($mb MB), $words words"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Median wall time in seconds of a shell command over $reps runs (after one warm-up).
time_plain() {
    local cmd=$1 i t0 t1
    bash -c "$cmd" >/dev/null
    for ((i = 0; i < reps; i++)); do
        t0=$(date +%s%N)
        bash -c "$cmd" >/dev/null
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6f", m / 1e6 }'
}

extract_cmd="'$bin' extract --format spans '$dir' > /dev/null"
baseline_cmd="cat '$dir'/*.txt | wc -w"

echo "== time ($reps runs each)"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs "$reps" --style basic \
        --export-csv "$tmp/h.csv" -n extract "$extract_cmd" -n "cat|wc" "$baseline_cmd"
    # CSV columns: command,mean,stddev,median,user,system,min,max
    t_extract=$(awk -F, '$1 == "extract" { print $4 }' "$tmp/h.csv")
    t_base=$(awk -F, '$1 == "cat|wc" { print $4 }' "$tmp/h.csv")
    timer="hyperfine, median of $reps"
else
    echo "(hyperfine not installed: plain timing with date +%s%N)"
    t_extract=$(time_plain "$extract_cmd")
    t_base=$(time_plain "$baseline_cmd")
    timer="date +%s%N, median of $reps"
fi
awk -v b="$bytes" -v te="$t_extract" -v tb="$t_base" -v how="$timer" 'BEGIN {
    printf "extract --format spans : %8.3f s  %8.2f MB/s\n", te, b / 1e6 / te
    printf "cat | wc -w            : %8.3f s  %8.2f MB/s\n", tb, b / 1e6 / tb
    printf "ratio (extract / cat|wc time): %.1fx   (%s)\n", te / tb, how
}'

# Peak memory of one extract run, in MB, or "n/a".
peak_rss() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$bin" extract --format spans --max-bytes 4000000000 "$@" 2>"$tmp/time.txt" >/dev/null || true
        awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$tmp/time.txt"
    else
        echo "n/a"
    fi
}

# Wall seconds of one extract run.
one_run() {
    local t0 t1
    t0=$(date +%s%N)
    "$bin" extract --format spans --max-bytes 4000000000 "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

echo "== peak memory (maximum resident set size)"
[ -x /usr/bin/time ] || echo "(/usr/bin/time not found: apt-get install time)"
many="$tmp/many"
mkdir -p "$many"
for ((c = 0; c < copies; c++)); do
    mkdir -p "$many/$c"
    cp "${files[@]}" "$many/$c/"
done
cat "${files[@]}" >"$tmp/one.txt"
for ((c = 0; c < copies; c++)); do cat "${files[@]}"; done >"$tmp/one-copies.txt"
largest=$(wc -c "${files[@]}" | sort -n | tail -2 | head -1 | awk '{ print $1 }')
n_many=$((${#files[@]} * copies))

row() { # label, documents, bytes, path
    printf "%-48s %10d %8.2f %8s %8s\n" "$1" "$2" "$(awk -v b="$3" 'BEGIN { print b / 1e6 }')" \
        "$(peak_rss "$4")" "$(one_run "$4")"
}
printf "%-48s %10s %8s %8s %8s\n" "input" "documents" "MB" "RSS MB" "time s"
row "DIR (largest document: $largest bytes)" "${#files[@]}" "$bytes" "$dir"
row "$copies copies of DIR, in subdirectories" "$n_many" $((bytes * copies)) "$many"
row "one document: DIR joined" 1 "$bytes" "$tmp/one.txt"
row "one document: $copies copies of DIR joined" 1 $((bytes * copies)) "$tmp/one-copies.txt"
echo "(the last document repeats every paragraph $copies times: it also shows the cost of the duplicate stage)"
