//! Word lists shared by the rules (all lowercase).

/// Head nouns that make a place's possessive phrase an organisation
/// ("Ukraine's security services", "Russia's army").
pub const ORG_HEADS: &[&str] = &[
    "services",
    "service",
    "legion",
    "army",
    "military",
    "forces",
    "navy",
    "police",
    "ministry",
    "government",
    "parliament",
    "embassy",
    "intelligence",
    "guard",
    "militia",
    "administration",
    "cabinet",
    "senate",
    "congress",
    "court",
    "agency",
];

/// Head nouns of definite mentions that can refer back to an organisation.
pub const NOMINAL_HEADS: &[&str] = &[
    "group",
    "unit",
    "battalion",
    "brigade",
    "regiment",
    "legion",
    "militia",
    "council",
    "organization",
    "organisation",
    "company",
    "firm",
    "party",
    "committee",
    "agency",
    "movement",
    "coalition",
    "network",
    "association",
    "union",
    "campaign",
    "foundation",
    "institute",
    "newspaper",
    "outlet",
    "network",
    "commission",
    "board",
];

/// Hypernyms: a nominal head and the name words it can stand for.
pub const HYPERNYMS: &[(&str, &[&str])] = &[
    (
        "unit",
        &[
            "battalion",
            "brigade",
            "regiment",
            "legion",
            "division",
            "squad",
            "corps",
            "militia",
            "unit",
            "company",
        ],
    ),
    (
        "group",
        &[
            "group",
            "council",
            "committee",
            "coalition",
            "movement",
            "network",
            "association",
            "union",
            "alliance",
            "front",
            "organization",
            "organisation",
            "party",
            "battalion",
            "brigade",
            "legion",
            "militia",
        ],
    ),
    (
        "organization",
        &[
            "council",
            "committee",
            "coalition",
            "association",
            "union",
            "foundation",
            "institute",
            "organization",
            "organisation",
            "group",
        ],
    ),
    (
        "organisation",
        &[
            "council",
            "committee",
            "coalition",
            "association",
            "union",
            "foundation",
            "institute",
            "organization",
            "organisation",
            "group",
        ],
    ),
    (
        "company",
        &[
            "inc", "inc.", "corp", "corp.", "co.", "llc", "ltd", "group", "company",
        ],
    ),
    (
        "firm",
        &[
            "inc", "inc.", "corp", "corp.", "co.", "llc", "ltd", "group", "partners",
        ],
    ),
    (
        "newspaper",
        &[
            "times", "post", "journal", "news", "herald", "tribune", "guardian",
        ],
    ),
];

/// Name words that make an entity an organisation whatever the tagger said.
pub const ORG_NAME_WORDS: &[&str] = &[
    "council",
    "party",
    "committee",
    "ministry",
    "department",
    "battalion",
    "brigade",
    "legion",
    "army",
    "association",
    "union",
    "campaign",
    "foundation",
    "institute",
    "university",
    "agency",
    "bank",
    "corporation",
    "inc.",
    "corp.",
    "regiment",
    "militia",
    "commission",
    "coalition",
];

/// Place names used for the institution seated there.
pub const INSTITUTION_PLACES: &[&str] = &[
    "kremlin",
    "white house",
    "pentagon",
    "downing street",
    "elysee",
    "élysée",
    "capitol hill",
    "foggy bottom",
    "whitehall",
    "vatican",
];

/// Honorifics: titles that say nothing of a person's role.
pub const HONORIFICS: &[&str] = &[
    "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "messrs.", "mme.", "m.",
];

/// Title words that may stand before a person's name.
pub const TITLES: &[&str] = &[
    "president",
    "vice",
    "minister",
    "prime",
    "premier",
    "secretary",
    "senator",
    "sen.",
    "sens.",
    "rep.",
    "reps.",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "chancellor",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "speaker",
    "ceo",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "gen.",
    "judge",
    "justice",
    "attorney",
    "ambassador",
    "commander",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "candidate",
    "nominee",
    "chief",
    "founder",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "sheriff",
    "lt.",
    "col.",
    "sgt.",
    "capt.",
    "adm.",
    "gov",
    "sen",
    "rep",
    "strategist",
    "adviser",
    "advisor",
    "manager",
    "host",
    "anchor",
    "activist",
    "officer",
    "official",
    "analyst",
    "commentator",
    "economist",
    "professor",
    "author",
    "lawyer",
    "pastor",
    "reverend",
    "rev.",
    "emperor",
    "dictator",
    "colonel",
    "major",
    "captain",
    "lieutenant",
    "sergeant",
    "admiral",
    "marshal",
    "councilman",
    "councilwoman",
    "superintendent",
    "commissioner",
    "treasurer",
    "pollster",
    "columnist",
    "editor",
    "correspondent",
    "reporter",
    "executive",
    "businessman",
    "businesswoman",
    "billionaire",
    "mogul",
    "star",
    "actor",
    "actress",
    "singer",
    "rapper",
    "coach",
    "owner",
];

/// Forms of "be" (stripped from the front of a figure's clause).
pub const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "'s", "’s", "'re", "’re",
];

/// True when the token's text has no uppercase letter.
pub fn is_lower(lower: &str, text: &str) -> bool {
    lower == text
}

/// True when the word starts with an uppercase letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// True when a nominal head can name an entity whose last name word is `last`
/// (or whose description head is `last`).
pub fn compatible(head: &str, last: &str) -> bool {
    head == last
        || HYPERNYMS
            .iter()
            .any(|(h, under)| *h == head && under.contains(&last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypernyms() {
        assert!(compatible("unit", "battalion"));
        assert!(compatible("group", "council"));
        assert!(compatible("group", "group"));
        assert!(!compatible("unit", "council"));
        assert!(!compatible("company", "battalion"));
    }
}
