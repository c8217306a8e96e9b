#!/usr/bin/env python3
"""Samples relations from `quotegraph extract --format jsonl` output for judging by hand.

    quotegraph extract --format jsonl ../shared/data/polnear/dev/text > dev.jsonl
    python3 crates/quotegraph-actors/scripts/sample_relations.py dev.jsonl 100 > sample.tsv

Prints a TSV (doc, subject, predicate, value (a role's words), object, evidence) of N relations drawn with a fixed
seed (random.Random(6)), in the order drawn. A judged copy lives in
tests/data/relations_judged.tsv with a `judgement` column (ok / wrong) and a note.
"""
import json
import random
import sys


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2])
    rows = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        ents = {e["id"]: e for e in d["entities"]}
        for r in d["relations"]:
            subj = ents[r["subject"]]["name"]
            obj = ents[r["object"]]["name"] if r["object"] is not None else ""
            value = (r.get("value") or {}).get("text", "")
            ev = " ".join(r["evidence"]["text"].split())
            rows.append((d["doc"], subj, r["predicate"], value, obj, ev))
    sample = random.Random(6).sample(rows, min(n, len(rows)))
    print("doc\tsubject\tpredicate\tvalue\tobject\tevidence")
    for row in sample:
        print("\t".join(x.replace("\t", " ") for x in row))


if __name__ == "__main__":
    main()
