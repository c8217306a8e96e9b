//! Speaker and entity names reduced to the keys the corpus compares them by.
//!
//! The engine already gives each speaker its entity's canonical name ("Donald J. Trump",
//! "Justice Department"), with titles and roles kept apart as descriptions; what is left
//! to this module is to make the forms of one name comparable across documents. Every
//! comparison goes through the engine's name module (`quotegraph_core::entities::names`)
//! and its one role and title lexicon (`quotegraph_core::entities::lexicon`), so the corpus
//! and the document agree on what a name is.
//!
//! A [`NameKey`] has:
//! - `key`: the name in lower case without punctuation at word ends and without a leading
//!   "the", a possessive ending or anything from an opening parenthesis on; for a person,
//!   also without the titles and honorifics before the name ("President Vladimir Putin",
//!   "Mr. Putin"): every word up to the last title that a name follows, so "John Major"
//!   keeps its words (nothing follows "Major") and so does "Martin Luther King Jr." (only a
//!   generational suffix follows "King"). One key is one row of the registry.
//! - `fold`: the key's words folded for spelling (`names::fold`: "Zelenskyy", "Zelenskiy"
//!   and "Zelensky" give `zelensky`); two keys with one fold are spelling variants.
//! - `surname`: the folded last word of a person's surname as the engine's parser reads it
//!   (`PersonName::parse`, built on the `human_name` crate): the group in which the person
//!   rules of [`crate::merge`] compare names;
//! - `org_key`: an organisation's content words (`names::org_key`): "Justice Department"
//!   and "Department of Justice" share one.

use quotegraph_core::entities::lexicon::{self, Classes};
use quotegraph_core::entities::names::{fold, org_key, PersonName};

/// A name reduced for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameKey {
    /// Lower-case words (titles stripped for a person), joined by single spaces.
    pub key: String,
    /// The display form: the original words without the stripped ones.
    pub display: String,
    /// The folded last word of a person's surname (also set for a one-word name).
    pub surname: Option<String>,
    /// Number of words in the key.
    pub words: usize,
    /// The key's words folded for spelling variants.
    pub fold: String,
    /// An organisation's content words, sorted (empty when it has none).
    pub org_key: String,
}

/// Generational suffixes: a name with one and a name without are two people.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// A word in lower case without the punctuation around it (a final period dropped).
fn lower_word(word: &str) -> String {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-');
    let w = w.trim_end_matches('.');
    w.chars().flat_map(char::to_lowercase).collect()
}

/// True for a title or an honorific of the engine's lexicon ("President", "Sen.", "Mr.").
fn is_title(lower: &str) -> bool {
    lexicon::is(lower, Classes::TITLE) || lexicon::is(lower, Classes::HONORIFIC)
}

/// The generational suffix of a name's words ("jr", "iii"), when its last word is one.
pub fn suffix_of(words: &[String]) -> Option<&str> {
    let last = words.last()?;
    (words.len() >= 2 && SUFFIXES.contains(&last.as_str())).then_some(last.as_str())
}

/// Reduces a name to its key, or `None` when nothing name-like is left.
///
/// `person` selects the person rules: titles before the name are stripped and a surname is
/// read. For other kinds the words are kept (an organisation's "General" or "Justice" is
/// part of its name).
pub fn name_key(name: &str, person: bool) -> Option<NameKey> {
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
    let lower: Vec<String> = raw.iter().map(|w| lower_word(w)).collect();
    let mut cut = usize::from(lower.len() > 1 && lower[0] == "the");
    if person {
        for (i, w) in lower.iter().enumerate() {
            let rest = &lower[i + 1..];
            if is_title(w) && rest.iter().any(|r| !SUFFIXES.contains(&r.as_str())) {
                cut = i + 1;
            }
        }
    }
    let (words, originals) = (&lower[cut..], &raw[cut..]);
    if words.is_empty() {
        return None;
    }
    let key = words.join(" ");
    let display = originals.join(" ");
    let display = display.trim_end_matches([',', ';', ':']).to_string();
    let folded: Vec<String> = words
        .iter()
        .map(|w| fold(w))
        .filter(|w| !w.is_empty())
        .collect();
    let surname = PersonName::parse(&display)
        .and_then(|p| p.surname.split_whitespace().next_back().map(str::to_string));
    Some(NameKey {
        key,
        surname,
        words: words.len(),
        fold: folded.join(" "),
        org_key: org_key(&display),
        display,
    })
}

/// A person's name parsed for the merge rules: the engine's parse and the generational
/// suffix it leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedPerson {
    /// The engine's parse.
    pub name: PersonName,
    /// "jr", "iii", … when the name ends with one.
    pub suffix: Option<String>,
}

impl ParsedPerson {
    /// Parses a stored display name.
    pub fn parse(display: &str) -> Option<ParsedPerson> {
        let words: Vec<String> = display.split_whitespace().map(lower_word).collect();
        let suffix = suffix_of(&words).map(str::to_string);
        Some(ParsedPerson {
            name: PersonName::parse(display)?,
            suffix,
        })
    }

    /// Might the two names be one person? The engine's test (surnames agree after folding,
    /// given names, initials and middle initials do not contradict), and no generational
    /// suffix against them: two different suffixes never agree, and a name with a suffix
    /// agrees with one without it only when their given names are written differently
    /// ("Joe Biden", "Joseph R. Biden Jr."): a son shares his father's given name
    /// ("Donald J. Trump" is not "Donald Trump Jr.").
    pub fn consistent_with(&self, other: &ParsedPerson) -> bool {
        let suffixes_agree = match (&self.suffix, &other.suffix) {
            (a, b) if a == b => true,
            (Some(_), Some(_)) => false,
            _ => matches!((&self.name.given, &other.name.given), (Some(a), Some(b)) if a != b),
        };
        suffixes_agree && self.name.consistent_with(&other.name)
    }
}

/// Words a role may start with that are not part of it.
const ARTICLES: &[&str] = &["the", "a", "an"];

/// The most words a role has: longer descriptions are clauses, not roles.
const ROLE_WORDS: usize = 8;

/// A description of a person as a role to record: `(key, text)`, the key in lower case
/// without a leading article, the text as written without it. `None` when it is no role:
/// no title word of the engine's lexicon in it (an honorific alone, "Mr.", is none), or
/// longer than eight words.
pub fn role(description: &str) -> Option<(String, String)> {
    let cleaned = description.replace('\u{a0}', " ");
    let mut words: Vec<&str> = cleaned
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”'))
        })
        .filter(|w| !w.is_empty())
        .collect();
    while words
        .first()
        .is_some_and(|w| ARTICLES.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    if words.is_empty() || words.len() > ROLE_WORDS {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| lower_word(w)).collect();
    if !lower.iter().any(|w| lexicon::is(w, Classes::TITLE)) {
        return None;
    }
    Some((lower.join(" "), words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        name_key(name, true).unwrap().key
    }

    #[test]
    fn titles_and_their_qualifiers_are_stripped() {
        assert_eq!(key("Russian President Vladimir Putin"), "vladimir putin");
        assert_eq!(key("President Vladimir Putin"), "vladimir putin");
        assert_eq!(key("Mr. Sokolov"), "sokolov");
        assert_eq!(key("Sen. Elizabeth Warren (D-Mass.)"), "elizabeth warren");
        assert_eq!(
            key("White House press secretary Sarah Sanders"),
            "sarah sanders"
        );
        assert_eq!(key("former Prime Minister Boris Johnson"), "boris johnson");
        assert_eq!(key("U.S. Rep. Adam Schiff"), "adam schiff");
        assert_eq!(key("Putin's"), "putin");
        assert_eq!(key("Dr Anna Müller"), "anna müller");
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
    fn surnames_and_spellings() {
        let k = name_key("Russian President Vladimir Putin", true).unwrap();
        assert_eq!(k.surname.as_deref(), Some("putin"));
        assert_eq!(k.display, "Vladimir Putin");
        assert_eq!(k.words, 2);
        let k = name_key("Martin Luther King Jr.", true).unwrap();
        assert_eq!(k.surname.as_deref(), Some("king"));
        assert_eq!(
            name_key("Sokolov", true).unwrap().surname.as_deref(),
            Some("sokolov")
        );
        let folds: Vec<String> = ["Zelensky", "Zelenskiy", "Zelenskyy"]
            .iter()
            .map(|n| name_key(n, true).unwrap().fold)
            .collect();
        assert_eq!(folds, ["zelensky"; 3]);
        assert_ne!(key("Zelensky"), key("Zelenskyy"));
    }

    #[test]
    fn organisations_keep_title_words_and_share_an_org_key() {
        let a = name_key("Justice Department", false).unwrap();
        let b = name_key("the Department of Justice", false).unwrap();
        assert_eq!(a.key, "justice department");
        assert_eq!(b.key, "department of justice");
        assert_eq!(a.org_key, b.org_key);
        assert_eq!(name_key("the Kremlin", false).unwrap().key, "kremlin");
        assert_eq!(
            name_key("General Motors", false).unwrap().key,
            "general motors"
        );
        assert_eq!(
            name_key("The Civic Council", false).unwrap().display,
            "Civic Council"
        );
        assert!(name_key("  ,, ", true).is_none());
    }

    #[test]
    fn roles_are_titled_descriptions() {
        assert_eq!(
            role("the Republican presidential nominee,"),
            Some((
                "republican presidential nominee".into(),
                "Republican presidential nominee".into()
            ))
        );
        assert_eq!(role("Sen."), Some(("sen".into(), "Sen.".into())));
        assert_eq!(role("Mr."), None);
        assert_eq!(role("The"), None);
        assert_eq!(
            role("Vermont\u{a0}Sen."),
            Some(("vermont sen".into(), "Vermont Sen.".into()))
        );
        assert_eq!(
            role("director of the centrist Urban-Brookings Tax Policy Center and a professor"),
            None
        );
    }

    #[test]
    fn suffixes_keep_people_apart() {
        let p = |s: &str| ParsedPerson::parse(s).unwrap();
        assert!(p("Donald J. Trump").consistent_with(&p("Donald Trump")));
        assert!(!p("Donald Trump Jr.").consistent_with(&p("Donald Trump")));
        assert!(p("Donald Trump Jr.").consistent_with(&p("Donald J. Trump Jr.")));
        assert!(!p("Bill Clinton").consistent_with(&p("Hillary Clinton")));
        assert!(!p("Donald J. Trump").consistent_with(&p("Donald Trump Jr.")));
        assert!(p("Joseph R. Biden Jr.").consistent_with(&p("Joe Biden")));
    }
}
