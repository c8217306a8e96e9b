#!/usr/bin/env python3
"""PolNeAR texts as JSONL with their publication dates, titles and publishers.

    python3 scripts/polnear-jsonl.py ../shared/data/polnear OUT.jsonl [--splits train dev]

`quotegraph ingest` reads `.txt` files without dates; ingesting this JSONL instead gives each
article its day (from metadata.tsv), so that the speaker registry's roles carry first and
last days (`quotegraph speakers --explain NAME`).
"""
import argparse
import csv
import json
import pathlib


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", type=pathlib.Path, help="the PolNeAR folder (with metadata.tsv)")
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--splits", nargs="+", default=["train", "dev"])
    args = ap.parse_args()
    with open(args.polnear / "metadata.tsv", encoding="utf-8") as f:
        meta = {r["filename"]: r for r in csv.DictReader(f, delimiter="\t")}
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for split in args.splits:
            for p in sorted((args.polnear / split / "text").glob("*.txt")):
                m = meta.get(p.stem, {})
                row = {"id": p.stem, "text": p.read_text(encoding="utf-8"),
                       "title": m.get("title"), "published": m.get("publication_date"),
                       "outlet": m.get("publisher")}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} articles written to {args.out}")


if __name__ == "__main__":
    main()
