//! Speaker names reduced to keys: titles and honorifics stripped, case folded.
//!
//! A key is what the corpus compares names by: "Russian President Vladimir Putin",
//! "President Vladimir Putin" and "vladimir putin" all have the key `vladimir putin`;
//! "Mr. Sokolov" and "Sokolov" have `sokolov`. What is stripped:
//! - anything from an opening parenthesis on ("Sen. Warren (D-Mass.)");
//! - a possessive ending ("Putin's");
//! - a leading run of titles ("President", "Mr.", "Sen.", "Prime Minister", "spokeswoman")
//!   together with the words that qualify them ("Russian", "White House press", "U.S.",
//!   "former", "of State"): the run is cut after its last title word, and only when a name
//!   follows it, so "John Major" and "Martin Luther King Jr." keep all their words;
//! - for organisations, a leading "the".
//!
//! A person's key of two or more words has a **surname**: its last word, or the one before a
//! generational suffix ("Jr.", "III"). See [`crate::speakers`] for how keys are merged.

/// A name reduced for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameKey {
    /// Lower-case words without titles, joined by single spaces.
    pub key: String,
    /// The display form: the original words without the stripped titles.
    pub display: String,
    /// The surname of a person's name of two or more words.
    pub surname: Option<String>,
    /// Number of words in the key.
    pub words: usize,
}

/// Words that are titles or honorifics: they and everything before them in a leading run
/// are dropped.
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "adviser",
    "advisor",
    "ambassador",
    "analyst",
    "archbishop",
    "attorney",
    "bishop",
    "brig",
    "capt",
    "captain",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "cmdr",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilwoman",
    "cpl",
    "dame",
    "delegate",
    "deputy",
    "det",
    "detective",
    "director",
    "dr",
    "economist",
    "emir",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lady",
    "lawmaker",
    "lawyer",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "mx",
    "officer",
    "pastor",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "secretary",
    "sultan",
    "treasurer",
    "vice",
];

/// Words that may qualify a title inside a leading run without being names themselves.
const QUALIFIERS: &[&str] = &[
    "acting",
    "and",
    "national",
    "prime",
    "security",
    "assistant",
    "associate",
    "cabinet",
    "defence",
    "defense",
    "finance",
    "foreign",
    "former",
    "house",
    "interim",
    "interior",
    "justice",
    "of",
    "press",
    "senior",
    "the",
    "u.k",
    "u.n",
    "u.s",
    "uk",
    "un",
    "us",
    "white",
    "eu",
    "for",
    "health",
    "affairs",
];

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

fn fold(word: &str) -> String {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-');
    let w = w.trim_end_matches('.');
    w.chars().flat_map(char::to_lowercase).collect()
}

/// A nationality or place adjective ("Russian", "Ukrainian", "British", "Chinese", "Israeli"):
/// capitalised, and with one of the usual endings.
fn looks_like_demonym(original: &str) -> bool {
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let w = original.to_lowercase();
    starts_upper
        && w.len() > 4
        && ["an", "ish", "ese", "ian", "i", "ch"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// Reduces a speaker name to its key, or `None` when nothing name-like is left.
///
/// `organization` selects the organisation rules (a leading "the" dropped, no surname).
pub fn name_key(name: &str, organization: bool) -> Option<NameKey> {
    let name = name.split('(').next().unwrap_or("");
    let mut raw: Vec<&str> = name.split_whitespace().collect();
    if let Some(last) = raw.last_mut() {
        for poss in ["'s", "’s", "'", "’"] {
            if let Some(stripped) = last.strip_suffix(poss) {
                *last = stripped;
                break;
            }
        }
    }
    raw.retain(|w| w.chars().any(char::is_alphanumeric));
    let folded: Vec<String> = raw.iter().map(|w| fold(w)).collect();
    // the leading run of titles and their qualifiers, cut after its last title
    let mut cut = 0;
    for (i, (w, orig)) in folded.iter().zip(&raw).enumerate() {
        if i + 1 == folded.len() {
            break; // the last word is always kept
        }
        let lower_word = orig.chars().next().is_some_and(char::is_lowercase);
        if TITLES.contains(&w.as_str()) {
            cut = i + 1;
        } else if !(QUALIFIERS.contains(&w.as_str()) || lower_word || looks_like_demonym(orig)) {
            break;
        }
    }
    if organization && cut == 0 && folded.first().is_some_and(|w| w == "the") {
        cut = 1;
    }
    let (words, originals) = (&folded[cut..], &raw[cut..]);
    if words.is_empty() {
        return None;
    }
    let key = words.join(" ");
    let display = originals.join(" ");
    let display = display.trim_end_matches([',', ';', ':']).to_string();
    let surname = if organization || words.len() < 2 {
        None
    } else {
        let last = words.len() - 1;
        let i = if SUFFIXES.contains(&words[last].as_str()) && last >= 2 {
            last - 1
        } else {
            last
        };
        Some(words[i].clone())
    };
    Some(NameKey {
        key,
        display,
        surname,
        words: words.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        name_key(name, false).unwrap().key
    }

    #[test]
    fn titles_and_their_qualifiers_are_stripped() {
        assert_eq!(key("Russian President Vladimir Putin"), "vladimir putin");
        assert_eq!(key("President Vladimir Putin"), "vladimir putin");
        assert_eq!(key("Mr. Sokolov"), "sokolov");
        assert_eq!(key("Sen. Elizabeth Warren (D-Mass.)"), "elizabeth warren");
        assert_eq!(key("Secretary of State Mike Pompeo"), "mike pompeo");
        assert_eq!(
            key("White House press secretary Sarah Sanders"),
            "sarah sanders"
        );
        assert_eq!(key("former Prime Minister Boris Johnson"), "boris johnson");
        assert_eq!(key("U.S. Rep. Adam Schiff"), "adam schiff");
        assert_eq!(key("Putin's"), "putin");
        assert_eq!(key("Dr Anna Müller"), "anna müller");
    }

    #[test]
    fn names_that_contain_title_words_are_kept() {
        assert_eq!(key("John Major"), "john major");
        assert_eq!(key("Martin Luther King Jr."), "martin luther king jr");
        assert_eq!(key("President"), "president");
        assert_eq!(key("Vladimir V. Putin"), "vladimir v putin");
    }

    #[test]
    fn surnames() {
        let k = name_key("Russian President Vladimir Putin", false).unwrap();
        assert_eq!(k.surname.as_deref(), Some("putin"));
        assert_eq!(k.display, "Vladimir Putin");
        assert_eq!(k.words, 2);
        let k = name_key("Martin Luther King Jr.", false).unwrap();
        assert_eq!(k.surname.as_deref(), Some("king"));
        assert_eq!(name_key("Sokolov", false).unwrap().surname, None);
        assert_eq!(name_key("the Civic Council", true).unwrap().surname, None);
    }

    #[test]
    fn organisations_lose_a_leading_the() {
        assert_eq!(name_key("the Kremlin", true).unwrap().key, "kremlin");
        assert_eq!(
            name_key("The Civic Council", true).unwrap().display,
            "Civic Council"
        );
        assert!(name_key("  ,, ", false).is_none());
    }
}
