//! Speaker names reduced to keys: titles and honorifics stripped, case folded.
//!
//! A key is what the corpus compares names by: "Russian President Vladimir Putin",
//! "President Vladimir Putin" and "vladimir putin" all have the key `vladimir putin`;
//! "Mr. Sokolov" and "Sokolov" have `sokolov`. What is stripped:
//! - anything from an opening parenthesis on ("Sen. Warren (D-Mass.)");
//! - a possessive ending ("Putin's");
//! - for people, every word up to the last title or honorific that a name follows
//!   ("Russian President", "Mr.", "Sen.", "Water Minister", "White House press secretary"),
//!   so "John Major" keeps its words (nothing follows "Major") and so does
//!   "Martin Luther King Jr." (only a generational suffix follows "King");
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
    // descriptions news puts before a name
    "activist",
    "aide",
    "anchor",
    "billionaire",
    "businessman",
    "businesswoman",
    "candidate",
    "challenger",
    "columnist",
    "correspondent",
    "democrat",
    "frontrunner",
    "front-runner",
    "hopeful",
    "incumbent",
    "nominee",
    "pundit",
    "republican",
    "reporter",
    "rival",
    "strategist",
];

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

fn fold(word: &str) -> String {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-');
    let w = w.trim_end_matches('.');
    w.chars().flat_map(char::to_lowercase).collect()
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
    // cut after the last title that a name follows: "Water Minister Helena Marsh", but not
    // the "King" of "Martin Luther King Jr." (only a suffix follows it)
    let mut cut = 0;
    if !organization {
        for (i, w) in folded.iter().enumerate() {
            let rest = &folded[i + 1..];
            if TITLES.contains(&w.as_str()) && rest.iter().any(|r| !SUFFIXES.contains(&r.as_str()))
            {
                cut = i + 1;
            }
        }
    } else if folded.first().is_some_and(|w| w == "the") {
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
        assert_eq!(key("Water Minister Helena Marsh"), "helena marsh");
        assert_eq!(key("Kremlin spokesman Dmitry Peskov"), "dmitry peskov");
        assert_eq!(key("Rev. Martin Luther King Jr."), "martin luther king jr");
        assert_eq!(key("Rival Hillary Clinton"), "hillary clinton");
        assert_eq!(key("Republican front-runner Donald Trump"), "donald trump");
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
    fn organisations_lose_a_leading_the_and_keep_title_words() {
        assert_eq!(
            name_key("Justice Department", true).unwrap().key,
            "justice department"
        );
        assert_eq!(name_key("the Kremlin", true).unwrap().key, "kremlin");
        assert_eq!(
            name_key("The Civic Council", true).unwrap().display,
            "Civic Council"
        );
        assert!(name_key("  ,, ", false).is_none());
    }
}
