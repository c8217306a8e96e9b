#!/usr/bin/env bash
# Load test of `quotegraph serve` on loopback with wrk (run by hand; not part of CI):
# POST /api/extract with the seed article, and a search, against a store holding the
# PolNeAR train split. Bounded: each run lasts DURATION seconds (default 20).
#
#   bash scripts/load-serve.sh            # CONNECTIONS=4 THREADS=2 DURATION=20
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${QUOTEGRAPH_SHARED:-$root/../shared}
duration=${DURATION:-20}
conns=${CONNECTIONS:-4}
threads=${THREADS:-2}
query=${QUERY:-q=president}

if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --release -p quotegraph
bin=$root/target/release/quotegraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== store: PolNeAR train"
"$bin" ingest --db "$work/train.db" "$shared/data/polnear/train/text"

"$bin" serve --db "$work/train.db" --bind 127.0.0.1:0 --read-only 2>"$work/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
url=
for _ in $(seq 1 100); do
    url=$(grep -o 'serving on http://[0-9.:]*' "$work/server.log" | head -1 | cut -d' ' -f3 || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log"; exit 1; }

cat >"$work/extract.lua" <<LUA
local f = io.open("$root/examples/siberian-battalion.txt", "r")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain"
LUA

echo "== POST /api/extract (seed article, $(wc -c <examples/siberian-battalion.txt) bytes): ${duration}s, $conns connections, $threads threads"
wrk -t"$threads" -c"$conns" -d"${duration}s" --latency -s "$work/extract.lua" "$url/api/extract"
echo "== GET /api/quotes?$query: ${duration}s, $conns connections, $threads threads"
wrk -t"$threads" -c"$conns" -d"${duration}s" --latency "$url/api/quotes?$query"
echo "== GET /search?$query (the HTML page)"
wrk -t"$threads" -c"$conns" -d"${duration}s" --latency "$url/search?$query"
