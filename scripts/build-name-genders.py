#!/usr/bin/env python3
"""Builds crates/quotegraph-core/data/name_genders.tsv: the gender news text gives a name,
read off Stanford CoreNLP's coreference chains of PolNeAR train (silver, distributed with the
corpus: ../shared/data/polnear/train/corenlp/*.coref.json and *.tokens.tsv).

For every chain, the personal pronouns in it vote: he/him/his/himself for M, she/her/hers/herself
for F. Each proper-name mention of the chain (a mention with an NNP token, tagged PERSON) gives
its votes to its first word (a given name) and to its last word (a surname). A word is written
when it has at least MIN_VOTES votes and at least SHARE of them agree. The last column says
"person" when CoreNLP's entity tagger calls the word a person in at least PERSON_SHARE of the
(at least MIN_NAMED) times it tags it as any kind of name: such a word names a person even
when the engine's tagger calls it an organisation ("Trump"), while "America", "Breitbart" or
"Gawker", which the coreference chains sometimes join to "he", are not. The census first-name list
(first_names.tsv) comes first for given names; this table fills in names it lacks ("kofi",
"vladimir") and surnames met alone ("trump", "merkel").

    python3 scripts/build-name-genders.py [POLNEAR_TRAIN_DIR] > crates/quotegraph-core/data/name_genders.tsv
"""
import collections
import glob
import json
import os
import sys

MIN_VOTES = 4
SHARE = 0.9
PERSON_SHARE = 0.6
MIN_NAMED = 10
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}


def main():
    train = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "data", "polnear", "train")
    votes = collections.defaultdict(lambda: [0, 0])
    # how often CoreNLP tags each word as a person, and as any name
    tagged = collections.defaultdict(lambda: [0, 0])
    for cp in sorted(glob.glob(os.path.join(train, "corenlp", "*.coref.json"))):
        tp = cp[: -len(".coref.json")] + ".tokens.tsv"
        if not os.path.exists(tp):
            continue
        tok = {}
        with open(tp, encoding="utf-8") as f:
            next(f)
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) >= 8:
                    tok[(int(p[0]), int(p[1]))] = (p[4], p[6], p[7])
                    if p[7] in ("PERSON", "ORGANIZATION", "LOCATION", "MISC"):
                        t = tagged[p[4].lower()]
                        t[0] += p[7] == "PERSON"
                        t[1] += 1
        with open(cp, encoding="utf-8") as f:
            chains = json.load(f)
        for chain in chains:
            m = f_ = 0
            names = []
            for sent, a, b, _head, text, _rep in chain:
                words = [tok.get((sent, k)) for k in range(a, b)]
                if any(w is None for w in words):
                    continue
                if len(words) == 1 and words[0][0].lower() in MALE:
                    m += 1
                elif len(words) == 1 and words[0][0].lower() in FEMALE:
                    f_ += 1
                else:
                    person = [w for w in words if w[1].startswith("NNP") and w[2] == "PERSON"]
                    if person:
                        names.append(person)
            if m == f_ or not names:
                continue
            for person in names:
                keys = {person[-1][0].lower()}
                if len(person) > 1:
                    keys.add(person[0][0].lower())
                for k in keys:
                    if k.isalpha():
                        votes[k][0] += m
                        votes[k][1] += f_
    print("# The gender news text gives a name: built by scripts/build-name-genders.py from Stanford")
    print("# CoreNLP's coreference chains of PolNeAR train (silver; Newell, Margolin and Ruths, LREC")
    print(f"# 2018). A word is listed with at least {MIN_VOTES} pronoun votes, {int(SHARE * 100)}% of them agreeing.")
    print("# Columns: lowercase word, M or F, male votes, female votes, and \"person\" when CoreNLP")
    print(f"# tags the word PERSON in at least {int(PERSON_SHARE * 100)}% of the (at least {MIN_NAMED}) times it tags it as a name.")
    for k in sorted(votes):
        mv, fv = votes[k]
        n = mv + fv
        person, named = tagged[k]
        if n < MIN_VOTES:
            continue
        names_person = "person" if named >= MIN_NAMED and person >= PERSON_SHARE * named else "-"
        if mv >= SHARE * n:
            print(f"{k}\tM\t{mv}\t{fv}\t{names_person}")
        elif fv >= SHARE * n:
            print(f"{k}\tF\t{mv}\t{fv}\t{names_person}")


if __name__ == "__main__":
    main()
