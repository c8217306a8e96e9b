#!/usr/bin/env bash
# quotegraph serve: browser tests (Debian's chromium driven by playwright-core) and
# schemathesis against a server started here on a random loopback port, on a store of the
# seed article and the PolNeAR dev articles. Called from .ci/run; takes about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${QUOTEGRAPH_SHARED:-$root/../shared}

echo "== serve: tools (chromium, playwright-core, schemathesis)"
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund)
venv=$root/target/st-venv
if [ ! -x "$venv/bin/st" ] || [ ! -x "$venv/bin/openapi-spec-validator" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==4.32.5" "openapi-spec-validator==0.9.0"
fi

cargo build -p quotegraph
bin=$root/target/debug/quotegraph
work=$(mktemp -d)

echo "== serve: a store of the seed and PolNeAR dev (dates and outlets from the file names)"
python3 - "$root" "$shared" >"$work/articles.jsonl" <<'PY'
import json, os, sys
root, shared = sys.argv[1:3]
seed = open(os.path.join(root, "examples/siberian-battalion.txt"), encoding="utf-8").read()
print(json.dumps({"id": "siberian-battalion", "text": seed, "title": "The Siberian Battalion",
                  "published": "2024-03-05", "outlet": "Seed News"}))
d = os.path.join(shared, "data/polnear/dev/text")
for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
    if f.endswith(".txt"):
        outlet, day, slug = (f[:-4].split("_", 2) + ["", ""])[:3]
        text = open(os.path.join(d, f), encoding="utf-8").read()
        print(json.dumps({"id": f[:-4], "text": text, "title": slug.replace("-", " "),
                          "published": day, "outlet": outlet}))
PY
"$bin" ingest --db "$work/serve.db" "$work/articles.jsonl"

token="ci-$RANDOM$RANDOM$RANDOM"
"$bin" serve --db "$work/serve.db" --bind 127.0.0.1:0 --write-token "$token" --log-json \
    2>"$work/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
url=
for _ in $(seq 1 300); do
    url=$(grep -o 'serving on http://[0-9.:]*' "$work/server.log" | head -1 | cut -d' ' -f3 || true)
    [ -n "$url" ] && break
    kill -0 $pid 2>/dev/null || { cat "$work/server.log"; echo "serve: the server died"; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log"; echo "serve: the server did not start"; exit 1; }
echo "server at $url"

echo "== serve: the OpenAPI document validates"
"$venv/bin/python" - "$url/openapi.json" <<'PY'
import json, sys, urllib.request
from openapi_spec_validator import validate
doc = json.load(urllib.request.urlopen(sys.argv[1]))
validate(doc)
print(f"OpenAPI {doc['openapi']}: valid, {len(doc['paths'])} paths")
PY

echo "== serve: browser tests"
(cd tests/browser && QG_URL=$url QG_TOKEN=$token npm test)

echo "== serve: schemathesis against $url/openapi.json (60 s, every check)"
# (from target/: schemathesis keeps a cache folder where it runs)
(cd target && "$venv/bin/st" --config-file ../tests/schemathesis.toml run "$url/openapi.json" \
    --max-time 60 -H "Authorization: Bearer $token" --seed 1 --no-color)

kill $pid
wait $pid 2>/dev/null || true
trap - EXIT
if grep -q '"level":"ERROR"' "$work/server.log"; then
    grep '"level":"ERROR"' "$work/server.log" | head -5
    echo "serve: the server logged errors"
    exit 1
fi
echo "serve: browser tests and schemathesis passed; screenshots in target/browser-artefacts/"
