//! Names compared as a careful reader compares them.
//!
//! Person names are parsed into given name, middle names or initials,
//! surname and suffix with the `human_name` crate (made for exactly the
//! "Donald J. Trump" / "Donald Trump" question); surnames are also compared
//! through a transliteration fold, so that the spellings of one
//! transliterated name agree ("Zelensky", "Zelenskiy", "Zelenskyy").
//! Organisation names are compared by their content words, so that a
//! short and a long form agree ("Justice Department", "Department of
//! Justice").

/// Lowercase, straight apostrophes, no leading "the", no trailing possessive.
pub fn normalise(s: &str) -> String {
    let mut l = String::with_capacity(s.len());
    for c in s.trim().chars() {
        if c == '\u{2019}' {
            l.push('\'');
        } else if c.is_ascii() {
            l.push(c.to_ascii_lowercase());
        } else {
            l.extend(c.to_lowercase());
        }
    }
    let mut t: &str = &l;
    if let Some(rest) = t.strip_prefix("the ") {
        t = rest;
    }
    if let Some(rest) = t.strip_suffix("'s").or_else(|| t.strip_suffix('\'')) {
        t = rest;
    }
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    if t.len() == l.len() {
        l
    } else {
        t.to_string()
    }
}

/// A word folded for comparison across spellings: ASCII letters only,
/// lowercase, and the endings transliteration varies on made one
/// ("Zelenskyy", "Zelenskiy", "Zelensky" → "zelensky"; "François" →
/// "francois").
pub fn fold(word: &str) -> String {
    let ascii;
    let src: &str = if word.is_ascii() {
        word
    } else {
        ascii = deunicode::deunicode(word);
        &ascii
    };
    let mut w: String = src
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect();
    for (from, to) in [
        ("iy", "y"),
        ("yy", "y"),
        ("ij", "y"),
        ("ii", "y"),
        ("yi", "y"),
    ] {
        if w.len() > from.len() + 2 && w.ends_with(from) {
            w.truncate(w.len() - from.len());
            w.push_str(to);
            break;
        }
    }
    w
}

/// A person's name in parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    /// The given name, folded ("donald"), when the name has one.
    pub given: Option<String>,
    /// The initial of the given name.
    pub initial: Option<char>,
    /// Middle initials, in order (from middle names or initials).
    pub middle: String,
    /// The surname, folded ("trump").
    pub surname: String,
    /// Words in the name as written (without honorifics and suffixes).
    pub words: usize,
}

/// Parsed names by spelling, per thread: the names of a corpus repeat
/// ("Trump" in most articles), and parsing one is not free.
const PARSE_CACHE: usize = 1 << 16;

thread_local! {
    static PARSED: std::cell::RefCell<crate::fasthash::FastMap<String, Option<PersonName>>> =
        std::cell::RefCell::new(crate::fasthash::FastMap::default());
}

impl PersonName {
    /// Parses a person's name as written ("Donald J. Trump", "Trump",
    /// "TRUMP", "Martin Luther King Jr."). A one-word name is a surname.
    pub fn parse(name: &str) -> Option<PersonName> {
        PARSED.with(|c| {
            if let Some(p) = c.borrow().get(name) {
                return p.clone();
            }
            let p = PersonName::parse_uncached(name);
            let mut c = c.borrow_mut();
            if c.len() >= PARSE_CACHE {
                c.clear();
            }
            c.insert(name.to_string(), p.clone());
            p
        })
    }

    fn parse_uncached(name: &str) -> Option<PersonName> {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        match words.len() {
            0 => None,
            1 => {
                let surname = fold(words[0]);
                (!surname.is_empty()).then_some(PersonName {
                    given: None,
                    initial: None,
                    middle: String::new(),
                    surname,
                    words: 1,
                })
            }
            _ => {
                let parsed = human_name::Name::parse(name)?;
                // the last word of the surname ("San Suu Kyi" → "kyi" is not
                // what a reader calls her: keep the whole surname)
                let surname = parsed
                    .surname()
                    .split_whitespace()
                    .map(fold)
                    .collect::<Vec<_>>()
                    .join(" ");
                if surname.is_empty() {
                    return None;
                }
                let given = parsed.given_name().map(fold).filter(|g| !g.is_empty());
                let initial = given
                    .as_ref()
                    .and_then(|g| g.chars().next())
                    .or_else(|| parsed.first_initial().to_lowercase().next());
                let middle = parsed
                    .middle_initials()
                    .unwrap_or("")
                    .chars()
                    .flat_map(char::to_lowercase)
                    .collect();
                Some(PersonName {
                    given,
                    initial,
                    middle,
                    surname,
                    words: words.len(),
                })
            }
        }
    }

    /// Might the two names be the same person? The surnames must agree
    /// (after folding); given names, initials and middle initials must not
    /// contradict each other where both are known.
    pub fn consistent_with(&self, other: &PersonName) -> bool {
        if self.surname != other.surname {
            // "Suu Kyi" and "Aung San Suu Kyi": one surname ends the other
            let (a, b) = (self.surname.as_str(), other.surname.as_str());
            if !(ends_with_word(a, b) || ends_with_word(b, a)) {
                return false;
            }
        }
        if let (Some(a), Some(b)) = (&self.given, &other.given) {
            let prefix = a.len() >= 3 && b.starts_with(a.as_str())
                || b.len() >= 3 && a.starts_with(b.as_str());
            if a != b && !prefix && !nicknames(a, b) {
                return false;
            }
        } else if let (Some(a), Some(b)) = (self.initial, other.initial) {
            if a != b {
                return false;
            }
        }
        let (m1, m2) = (&self.middle, &other.middle);
        m1.is_empty() || m2.is_empty() || m1.starts_with(m2.as_str()) || m2.starts_with(m1.as_str())
    }
}

/// Given names and their usual short forms (English hypocorisms news
/// writes: "Joe Biden", "Joseph R. Biden Jr."), written by hand.
const NICKNAMES: &[(&str, &[&str])] = &[
    ("joseph", &["joe", "joey"]),
    ("william", &["bill", "billy", "will", "willie"]),
    ("robert", &["bob", "bobby", "rob", "robbie"]),
    ("richard", &["dick", "rick", "rich", "richie"]),
    ("james", &["jim", "jimmy", "jamie"]),
    ("thomas", &["tom", "tommy"]),
    ("michael", &["mike", "mikey"]),
    ("charles", &["chuck", "charlie"]),
    ("edward", &["ed", "eddie", "ted", "teddy", "ned"]),
    ("theodore", &["ted", "teddy"]),
    ("anthony", &["tony"]),
    ("daniel", &["dan", "danny"]),
    ("david", &["dave"]),
    ("stephen", &["steve"]),
    ("steven", &["steve"]),
    ("christopher", &["chris"]),
    ("kenneth", &["ken", "kenny"]),
    ("ronald", &["ron", "ronnie"]),
    ("donald", &["don", "donnie"]),
    ("lawrence", &["larry"]),
    ("gerald", &["jerry"]),
    ("jeffrey", &["jeff"]),
    ("timothy", &["tim"]),
    ("patrick", &["pat"]),
    ("peter", &["pete"]),
    ("samuel", &["sam"]),
    ("benjamin", &["ben"]),
    ("nicholas", &["nick"]),
    ("matthew", &["matt"]),
    ("andrew", &["andy", "drew"]),
    ("alexander", &["alex"]),
    ("gregory", &["greg"]),
    ("frederick", &["fred"]),
    ("elizabeth", &["liz", "beth", "betsy", "lisa"]),
    ("katherine", &["kate", "katie", "kathy"]),
    ("catherine", &["kate", "cathy"]),
    ("margaret", &["peggy", "maggie", "meg"]),
    ("patricia", &["pat", "patty", "tricia"]),
    ("jennifer", &["jen", "jenny"]),
    ("susan", &["sue"]),
    ("deborah", &["debbie", "deb"]),
    ("rebecca", &["becky"]),
    ("hillary", &["hill"]),
    ("mitchell", &["mitch"]),
    ("randal", &["rand"]),
    ("willard", &["mitt"]),
];

/// True when one given name is a usual short form of the other.
fn nicknames(a: &str, b: &str) -> bool {
    NICKNAMES.iter().any(|(full, short)| {
        (a == *full && short.contains(&b)) || (b == *full && short.contains(&a))
    })
}

/// True when `name` ends with the whole word(s) `last`, after a space
/// ("san suu kyi" ends with "suu kyi").
pub fn ends_with_word(name: &str, last: &str) -> bool {
    name.strip_suffix(last)
        .is_some_and(|rest| rest.ends_with(' '))
}

/// Words that carry no identity in an organisation's name.
const ORG_STOP: &[&str] = &[
    "the", "of", "for", "and", "&", "on", "u.s", "us", "united", "states",
];

/// The key an organisation's short and long forms share: its content words,
/// folded and sorted ("Justice Department", "the Department of Justice",
/// "U.S. Department of Justice" → "department justice").
pub fn org_key(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| fold(w.trim_end_matches(['.', ','])))
        .filter(|w| !w.is_empty() && !ORG_STOP.contains(&w.as_str()))
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PersonName {
        PersonName::parse(s).unwrap()
    }

    #[test]
    fn consistent_names_are_one_person() {
        assert!(p("Donald J. Trump").consistent_with(&p("Donald Trump")));
        assert!(p("Trump").consistent_with(&p("Donald Trump")));
        assert!(p("TRUMP").consistent_with(&p("Donald J. Trump")));
        assert!(p("Hillary Rodham Clinton").consistent_with(&p("Hillary Clinton")));
        assert!(!p("Bill Clinton").consistent_with(&p("Hillary Clinton")));
        assert!(p("Paul D. Ryan").consistent_with(&p("Paul Ryan")));
        assert!(p("Joseph R. Biden").consistent_with(&p("Joe Biden")));
        assert!(!p("Joe Biden").consistent_with(&p("Jill Biden")));
        assert!(p("Volodymyr Zelensky").consistent_with(&p("Volodymyr Zelenskyy")));
        assert!(p("Zelenskiy").consistent_with(&p("Volodymyr Zelensky")));
        assert!(p("François Hollande").consistent_with(&p("Francois Hollande")));
        assert!(!p("John M. Doe").consistent_with(&p("John L. Doe")));
    }

    #[test]
    fn organisations_short_and_long() {
        assert_eq!(
            org_key("Justice Department"),
            org_key("the Department of Justice")
        );
        assert_eq!(
            org_key("U.S. Department of Justice"),
            org_key("Justice Department")
        );
        assert_ne!(org_key("Defense Department"), org_key("Justice Department"));
        assert_eq!(normalise("The Kremlin’s"), "kremlin");
    }
}
