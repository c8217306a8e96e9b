#!/usr/bin/env bash
# Check that the Rust scorer (quotegraph-eval, example `score`) agrees with the
# reference Python scorer on a gold directory and a prediction file.
#
#   scripts/check-scorer-agreement.sh GOLD_DIR PRED_JSONL [UNIT...]
#
# UNIT is token and/or char (default: both). For each unit both scorers run;
# the printed tables must be identical and every JSON value equal (numbers:
# exactly equal is reported, |diff| <= 1e-9 passes). Exit status 0 iff all agree.
#
# Environment: PYTHON (python3), REFERENCE (the reference scorer, default
# /work/shared/tools/score_attributions.py), CARGO_TARGET_DIR (target-eval in
# the workspace), PROFILE (dev or release; default dev, which is fast enough).
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
gold=$1
pred=$2
shift 2
units=("$@")
[[ ${#units[@]} -gt 0 ]] || units=(token char)

root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
reference=${REFERENCE:-/work/shared/tools/score_attributions.py}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target-eval}
profile=${PROFILE:-dev}

(cd "$root" && cargo build --quiet -p quotegraph-eval --example score --profile "$profile")
subdir=$([[ $profile == dev ]] && echo debug || echo "$profile")
rust_bin=$CARGO_TARGET_DIR/$subdir/examples/score

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
for unit in "${units[@]}"; do
    echo "== unit=$unit  gold=$gold  pred=$pred"
    if ! "$python" "$reference" --gold "$gold" --pred "$pred" --unit "$unit" \
        --json "$tmp/py.json" >"$tmp/py.txt" 2>"$tmp/py.err"; then
        echo "the reference scorer failed:" >&2
        cat "$tmp/py.err" >&2
        exit 1
    fi
    if ! "$rust_bin" --gold "$gold" --pred "$pred" --unit "$unit" \
        --json "$tmp/rs.json" >"$tmp/rs.txt" 2>"$tmp/rs.err"; then
        echo "the Rust scorer failed:" >&2
        cat "$tmp/rs.err" >&2
        exit 1
    fi
    if diff -u "$tmp/py.txt" "$tmp/rs.txt"; then
        echo "table: identical ($(wc -l <"$tmp/py.txt") lines)"
    else
        echo "table: DIFFERENT"
        status=1
    fi
    if diff -u "$tmp/py.err" "$tmp/rs.err" >/dev/null; then
        echo "warnings: identical ($(wc -l <"$tmp/py.err") lines)"
    else
        echo "warnings differ (python | rust):"
        cat "$tmp/py.err"
        cat "$tmp/rs.err"
    fi
    "$python" - "$tmp/py.json" "$tmp/rs.json" <<'PY' || status=1
import json, sys

py, rs = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
stats = {"values": 0, "exact": 0, "close": 0, "bad": 0}

def walk(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                print(f"  key {path}/{k}: only in {'python' if k in a else 'rust'}")
                stats["bad"] += 1
            else:
                walk(a[k], b[k], f"{path}/{k}")
        return
    stats["values"] += 1
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num) and not isinstance(a, bool):
        if a == b and type(a) is type(b):
            stats["exact"] += 1
        elif abs(a - b) <= 1e-9:
            stats["close"] += 1
            print(f"  {path}: python {a!r} rust {b!r} (within 1e-9)")
        else:
            stats["bad"] += 1
            print(f"  {path}: python {a!r} rust {b!r} DIFFERENT")
    elif a == b:
        stats["exact"] += 1
    else:
        stats["bad"] += 1
        print(f"  {path}: python {a!r} rust {b!r} DIFFERENT")

walk(py, rs, "")
print(f"json: {stats['values']} values, {stats['exact']} identical, "
      f"{stats['close']} within 1e-9, {stats['bad']} different")
sys.exit(1 if stats["bad"] else 0)
PY
done
if [[ $status -eq 0 ]]; then echo "AGREE"; else echo "DISAGREE"; fi
exit $status
