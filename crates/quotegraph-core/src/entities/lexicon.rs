//! The role and title lexicon and the first-name genders of the identity
//! layer, read once from the data files shipped in `data/` (each file says
//! where its words come from).

use std::sync::OnceLock;

use crate::fasthash::FastMap;

/// A gender a word or a name says of a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// He.
    Male,
    /// She.
    Female,
}

/// The classes a word of `data/roles.tsv` may have (several at once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(u8);

impl Classes {
    /// Written before a name, says nothing of the role ("Mr.", "Dr.").
    pub const HONORIFIC: Classes = Classes(1);
    /// A role or title of one person ("Sen.", "spokesman", "nominee").
    pub const TITLE: Classes = Classes(2);
    /// The head noun of an organisation ("campaign", "ministry").
    pub const ORG: Classes = Classes(4);
    /// A plural noun for unnamed people ("officials", "analysts").
    pub const GROUP: Classes = Classes(8);
    /// The head noun of a text, poll or recording ("poll", "report", "ad").
    pub const DOCUMENT: Classes = Classes(16);
    /// A word that qualifies a title ("former", "presidential").
    pub const MODIFIER: Classes = Classes(32);

    /// True when every class of `other` is in `self`.
    pub fn has(self, other: Classes) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// True when no class is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

struct Lexicon {
    roles: FastMap<&'static str, (Classes, Option<Gender>)>,
    /// Bit `len` of entry `first byte`: some role word starts with that
    /// byte and has that length (up to 63): most words are ruled out
    /// without hashing them.
    shapes: [u64; 256],
    first: FastMap<&'static str, Option<Gender>>,
    genders: FastMap<&'static str, Gender>,
    /// Words news text uses as people's names (the "person" column of `name_genders.tsv`).
    person_words: FastMap<&'static str, ()>,
}

static ROLES: &str = include_str!("../../data/roles.tsv");
static FIRST_NAMES: &str = include_str!("../../data/first_names.tsv");
static NAME_GENDERS: &str = include_str!("../../data/name_genders.tsv");

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut roles: FastMap<&'static str, (Classes, Option<Gender>)> = FastMap::default();
        for line in ROLES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut f = line.split('\t');
            let (Some(word), Some(class)) = (f.next(), f.next()) else {
                continue;
            };
            let c = match class {
                "honorific" => Classes::HONORIFIC,
                "title" => Classes::TITLE,
                "org" => Classes::ORG,
                "group" => Classes::GROUP,
                "document" => Classes::DOCUMENT,
                "modifier" => Classes::MODIFIER,
                _ => continue,
            };
            let g = gender_of(f.next());
            let e = roles.entry(word).or_insert((Classes::default(), None));
            e.0 = Classes(e.0 .0 | c.0);
            e.1 = e.1.or(g);
        }
        let mut first = FastMap::default();
        for line in FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut f = line.split('\t');
            if let Some(name) = f.next() {
                first.insert(name, gender_of(f.next()));
            }
        }
        let mut genders = FastMap::default();
        let mut person_words = FastMap::default();
        for line in NAME_GENDERS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&'static str> = line.split('\t').collect();
            if let (Some(&name), Some(g)) = (f.first(), gender_of(f.get(1).copied())) {
                genders.insert(name, g);
                if f.get(4) == Some(&"person") {
                    person_words.insert(name, ());
                }
            }
        }
        let mut shapes = [0u64; 256];
        for w in roles.keys() {
            shapes[w.as_bytes()[0] as usize] |= 1 << w.len().min(63);
        }
        Lexicon {
            shapes,
            roles,
            first,
            genders,
            person_words,
        }
    })
}

fn gender_of(s: Option<&str>) -> Option<Gender> {
    match s.map(str::trim) {
        Some("M") => Some(Gender::Male),
        Some("F") => Some(Gender::Female),
        _ => None,
    }
}

/// Lowercase without a trailing period ("Sen." → "sen").
fn key(lower: &str) -> &str {
    lower.strip_suffix('.').unwrap_or(lower)
}

/// The classes of a lowercase word (empty when it is not in the lexicon).
pub fn classes(lower: &str) -> Classes {
    let l = lexicon();
    let k = key(lower);
    match k.as_bytes().first() {
        Some(&b) if l.shapes[b as usize] & (1 << k.len().min(63)) != 0 => {
            l.roles.get(k).map_or(Classes::default(), |e| e.0)
        }
        _ => Classes::default(),
    }
}

/// True when the word has class `c`.
pub fn is(lower: &str, c: Classes) -> bool {
    classes(lower).has(c)
}

/// The lexicon's own copy of a lowercase word, when it is in the lexicon.
pub fn static_key(lower: &str) -> Option<&'static str> {
    lexicon().roles.get_key_value(key(lower)).map(|(k, _)| *k)
}

/// The gender a role word says of a person ("spokeswoman", "Mr.").
pub fn role_gender(lower: &str) -> Option<Gender> {
    lexicon().roles.get(key(lower)).and_then(|e| e.1)
}

/// Whether a lowercase word is a known first name, and its usual gender
/// (`Some(None)`: used for both).
pub fn first_name(lower: &str) -> Option<Option<Gender>> {
    lexicon().first.get(lower).copied()
}

/// The gender of a name word (a given name or a surname met alone): the
/// census list for given names first, then the genders news text gives
/// names (`data/name_genders.tsv`).
pub fn name_gender(lower: &str, given: bool) -> Option<Gender> {
    let l = lexicon();
    let census = given
        .then(|| l.first.get(lower).copied().flatten())
        .flatten();
    census.or_else(|| l.genders.get(lower).copied())
}

/// True when news text uses the lowercase word as a person's name even where a
/// tagger calls it an organisation ("trump"): `data/name_genders.tsv`'s "person" words.
pub fn names_person(lower: &str) -> bool {
    lexicon().person_words.contains_key(lower)
}

/// A role noun in its singular form when it is a plural of a title
/// ("spokesmen" → "spokesman", "senators" → "senator").
pub fn singular_title(lower: &str) -> Option<&'static str> {
    let l = lexicon();
    let cands = [
        lower.strip_suffix("men").map(|s| format!("{s}man")),
        lower.strip_suffix("women").map(|s| format!("{s}woman")),
        lower.strip_suffix("ies").map(|s| format!("{s}y")),
        lower.strip_suffix("es").map(str::to_string),
        lower.strip_suffix('s').map(str::to_string),
    ];
    cands.into_iter().flatten().find_map(|c| {
        l.roles
            .get_key_value(c.as_str())
            .filter(|(_, e)| e.0.has(Classes::TITLE))
            .map(|(k, _)| *k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_their_classes() {
        assert!(is("sen.", Classes::TITLE));
        assert!(is("campaign", Classes::ORG));
        assert!(is("officials", Classes::GROUP));
        assert!(is("poll", Classes::DOCUMENT));
        assert!(is("mr.", Classes::HONORIFIC));
        assert!(is("chief", Classes::TITLE) && is("chief", Classes::MODIFIER));
        assert!(classes("table").is_empty());
        assert_eq!(role_gender("spokeswoman"), Some(Gender::Female));
        assert_eq!(first_name("hillary"), Some(Some(Gender::Female)));
        assert_eq!(first_name("donald"), Some(Some(Gender::Male)));
        assert_eq!(first_name("trump"), None);
        assert_eq!(singular_title("spokesmen"), Some("spokesman"));
        assert_eq!(singular_title("senators"), Some("senator"));
        assert_eq!(singular_title("attorneys"), Some("attorney"));
    }
}
