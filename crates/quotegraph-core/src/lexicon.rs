//! Word lists: abbreviations, titles, pronouns, and the reporting-verb
//! lexicon with inflections and verb classes.
//!
//! The cue lexicon is our own. Lemmas were chosen by reading how reporting is
//! phrased in news text (the PolNeAR training split shows which verbs
//! annotators mark as cues); every lemma carries a class so that users can
//! tell "said" from "denied".

use crate::fasthash::{FastMap, WordSet};
use std::sync::OnceLock;

/// What a cue says about the statement it introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// Neutral reporting: say, tell, state, note, add, write.
    Say,
    /// Asserting with force or against doubt: claim, insist, argue, maintain.
    Claim,
    /// Denying or rejecting: deny, reject, dismiss.
    Deny,
    /// Warning or threatening: warn, caution, threaten.
    Warn,
    /// Belief, opinion, knowledge: think, believe, feel, know, expect.
    Think,
    /// Questions and requests: ask, wonder, question.
    Ask,
    /// Announcing and reporting news: announce, report, reveal, confirm.
    Announce,
    /// Admitting or conceding: admit, acknowledge, concede.
    Admit,
    /// Urging, demanding, proposing: urge, call for, demand, propose.
    Urge,
    /// Promising or pledging: promise, pledge, vow.
    Promise,
    /// Praising or criticising: praise, criticise, accuse, blame.
    Evaluate,
    /// Showing by evidence: show, find, suggest, indicate.
    Show,
    /// Attribution by source rather than verb: "according to".
    According,
    /// A cue found by the learned model outside the lexicon.
    Other,
}

impl CueClass {
    /// The lowercase label used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Say => "say",
            CueClass::Claim => "claim",
            CueClass::Deny => "deny",
            CueClass::Warn => "warn",
            CueClass::Think => "think",
            CueClass::Ask => "ask",
            CueClass::Announce => "announce",
            CueClass::Admit => "admit",
            CueClass::Urge => "urge",
            CueClass::Promise => "promise",
            CueClass::Evaluate => "evaluate",
            CueClass::Show => "show",
            CueClass::According => "according",
            CueClass::Other => "other",
        }
    }
}

/// How a reporting verb links to its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbInfo {
    /// The lemma.
    pub lemma: &'static str,
    /// The class.
    pub class: CueClass,
    /// True when the verb alone is a strong reporting signal (say, tell);
    /// false for verbs that report only with a clause or quote after them
    /// (show, find, call).
    pub strong: bool,
    /// True when the verb takes an addressee before its content ("told reporters that").
    pub addressee: bool,
}

// lemma, class, strong, addressee, irregular forms (past, participle) or "" for regular
const VERBS: &[(&str, CueClass, bool, bool, &str)] = &[
    ("say", CueClass::Say, true, false, "said said"),
    ("tell", CueClass::Say, true, true, "told told"),
    ("add", CueClass::Say, true, false, ""),
    ("state", CueClass::Say, true, false, ""),
    ("note", CueClass::Say, true, false, ""),
    ("remark", CueClass::Say, true, false, ""),
    ("comment", CueClass::Say, true, false, ""),
    ("explain", CueClass::Say, true, false, ""),
    ("write", CueClass::Say, true, false, "wrote written"),
    ("tweet", CueClass::Say, true, false, ""),
    ("post", CueClass::Say, false, false, ""),
    ("reply", CueClass::Say, true, false, "replied replied"),
    ("respond", CueClass::Say, true, false, ""),
    ("answer", CueClass::Say, false, false, ""),
    ("continue", CueClass::Say, false, false, ""),
    ("recall", CueClass::Say, true, false, ""),
    ("observe", CueClass::Say, true, false, ""),
    ("describe", CueClass::Say, false, false, ""),
    ("mention", CueClass::Say, true, false, ""),
    ("recount", CueClass::Say, true, false, ""),
    ("quip", CueClass::Say, true, false, "quipped quipped"),
    ("joke", CueClass::Say, true, false, ""),
    ("shout", CueClass::Say, true, false, ""),
    ("yell", CueClass::Say, true, false, ""),
    ("exclaim", CueClass::Say, true, false, ""),
    ("declare", CueClass::Say, true, false, ""),
    ("emphasize", CueClass::Say, true, false, ""),
    ("emphasise", CueClass::Say, true, false, ""),
    ("stress", CueClass::Say, true, false, ""),
    ("underline", CueClass::Say, true, false, ""),
    ("point out", CueClass::Say, true, false, ""),
    ("testify", CueClass::Say, true, false, "testified testified"),
    ("inform", CueClass::Say, true, true, ""),
    ("assure", CueClass::Say, true, true, ""),
    ("remind", CueClass::Say, true, true, ""),
    ("claim", CueClass::Claim, true, false, ""),
    ("insist", CueClass::Claim, true, false, ""),
    ("argue", CueClass::Claim, true, false, ""),
    ("maintain", CueClass::Claim, true, false, ""),
    ("assert", CueClass::Claim, true, false, ""),
    ("contend", CueClass::Claim, true, false, ""),
    ("allege", CueClass::Claim, true, false, ""),
    ("charge", CueClass::Claim, false, false, ""),
    ("boast", CueClass::Claim, true, false, ""),
    ("brag", CueClass::Claim, true, false, "bragged bragged"),
    ("predict", CueClass::Claim, true, false, ""),
    ("conclude", CueClass::Claim, true, false, ""),
    ("estimate", CueClass::Claim, true, false, ""),
    ("deny", CueClass::Deny, true, false, "denied denied"),
    ("reject", CueClass::Deny, false, false, ""),
    ("dismiss", CueClass::Deny, false, false, ""),
    ("dispute", CueClass::Deny, true, false, ""),
    ("refute", CueClass::Deny, true, false, ""),
    ("warn", CueClass::Warn, true, false, ""),
    ("caution", CueClass::Warn, true, false, ""),
    ("threaten", CueClass::Warn, true, false, ""),
    ("fear", CueClass::Think, true, false, ""),
    ("worry", CueClass::Think, false, false, "worried worried"),
    ("think", CueClass::Think, true, false, "thought thought"),
    ("believe", CueClass::Think, true, false, ""),
    ("feel", CueClass::Think, false, false, "felt felt"),
    ("know", CueClass::Think, false, false, "knew known"),
    ("expect", CueClass::Think, false, false, ""),
    ("hope", CueClass::Think, true, false, ""),
    ("suspect", CueClass::Think, true, false, ""),
    ("doubt", CueClass::Think, true, false, ""),
    ("agree", CueClass::Think, true, false, "agreed agreed"),
    (
        "disagree",
        CueClass::Think,
        true,
        false,
        "disagreed disagreed",
    ),
    ("ask", CueClass::Ask, true, true, ""),
    ("wonder", CueClass::Ask, true, false, ""),
    ("question", CueClass::Ask, false, false, ""),
    ("announce", CueClass::Announce, true, false, ""),
    ("report", CueClass::Announce, true, false, ""),
    ("reveal", CueClass::Announce, true, false, ""),
    ("confirm", CueClass::Announce, true, false, ""),
    ("disclose", CueClass::Announce, true, false, ""),
    ("admit", CueClass::Admit, true, false, "admitted admitted"),
    ("acknowledge", CueClass::Admit, true, false, ""),
    ("concede", CueClass::Admit, true, false, ""),
    ("confess", CueClass::Admit, true, false, ""),
    ("urge", CueClass::Urge, true, false, ""),
    ("demand", CueClass::Urge, true, false, ""),
    ("propose", CueClass::Urge, true, false, ""),
    ("suggest", CueClass::Show, true, false, ""),
    ("recommend", CueClass::Urge, true, false, ""),
    ("insist", CueClass::Urge, true, false, ""),
    ("promise", CueClass::Promise, true, false, ""),
    ("pledge", CueClass::Promise, true, false, ""),
    ("vow", CueClass::Promise, true, false, ""),
    ("swear", CueClass::Promise, true, false, "swore sworn"),
    ("praise", CueClass::Evaluate, false, false, ""),
    ("criticize", CueClass::Evaluate, false, false, ""),
    ("criticise", CueClass::Evaluate, false, false, ""),
    ("accuse", CueClass::Evaluate, false, false, ""),
    ("blame", CueClass::Evaluate, false, false, ""),
    ("call", CueClass::Evaluate, false, false, ""),
    ("complain", CueClass::Claim, true, false, ""),
    ("show", CueClass::Show, false, false, "showed shown"),
    ("find", CueClass::Show, false, false, "found found"),
    ("indicate", CueClass::Show, true, false, ""),
    ("signal", CueClass::Show, false, false, "signaled signaled"),
    ("imply", CueClass::Show, true, false, "implied implied"),
];

/// The reporting-verb forms, with a cheap pre-filter: bit `len` of
/// `lengths[first byte]` is set when some form of that length starts with
/// that byte, so most words ("the", "of", names) are rejected without hashing.
struct VerbForms {
    map: FastMap<String, VerbInfo>,
    lengths: [u32; 256],
}

static VERB_FORMS: OnceLock<VerbForms> = OnceLock::new();

fn regular_forms(lemma: &str) -> [String; 3] {
    // -s, -ed, -ing
    let s = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
    {
        format!("{lemma}es")
    } else if let Some(stem) = lemma
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{lemma}s")
    };
    let ed = if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if let Some(stem) = lemma
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ied")
    } else {
        format!("{lemma}ed")
    };
    let ing = if lemma.ends_with("ee") {
        format!("{lemma}ing")
    } else if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if let Some(stem) = lemma.strip_suffix('e') {
        format!("{stem}ing")
    } else {
        format!("{lemma}ing")
    };
    [s, ed, ing]
}

fn verb_forms() -> &'static VerbForms {
    VERB_FORMS.get_or_init(|| {
        let mut m = FastMap::default();
        for &(lemma, class, strong, addressee, irregular) in VERBS {
            if lemma.contains(' ') {
                continue; // multiword: handled by MULTIWORD
            }
            let info = VerbInfo {
                lemma,
                class,
                strong,
                addressee,
            };
            let [s, ed, ing] = regular_forms(lemma);
            let mut forms = vec![lemma.to_string(), s, ing];
            if irregular.is_empty() {
                forms.push(ed);
            } else {
                forms.extend(irregular.split(' ').map(str::to_string));
            }
            // doubled consonants: "quipped", "bragging", "admitting"
            if let Some(past) = irregular.split(' ').next().filter(|p| p.ends_with("ed")) {
                let stem = &past[..past.len() - 2];
                if stem.len() > lemma.len() {
                    forms.push(format!("{stem}ing"));
                }
            }
            for f in forms {
                m.entry(f).or_insert(info);
            }
        }
        let mut lengths = [0u32; 256];
        for f in m.keys() {
            if let Some(&b) = f.as_bytes().first() {
                lengths[usize::from(b)] |= 1 << f.len().min(31);
            }
        }
        VerbForms { map: m, lengths }
    })
}

/// Looks a lowercase word form up in the reporting-verb lexicon.
#[inline]
pub fn reporting_verb(lower: &str) -> Option<VerbInfo> {
    let forms = verb_forms();
    let first = *lower.as_bytes().first()?;
    if forms.lengths[usize::from(first)] & (1 << lower.len().min(31)) == 0 {
        return None;
    }
    forms.map.get(lower).copied()
}

/// Multiword cues, as lowercase token sequences, with their class. The
/// first token must start the match; all must follow in order.
pub const MULTIWORD_CUES: &[(&[&str], CueClass)] = &[
    (&["according", "to"], CueClass::According),
    (&["point", "out"], CueClass::Say),
    (&["points", "out"], CueClass::Say),
    (&["pointed", "out"], CueClass::Say),
    (&["pointing", "out"], CueClass::Say),
    (&["call", "for"], CueClass::Urge),
    (&["calls", "for"], CueClass::Urge),
    (&["called", "for"], CueClass::Urge),
    (&["calling", "for"], CueClass::Urge),
    (&["made", "clear"], CueClass::Say),
    (&["make", "clear"], CueClass::Say),
    (&["makes", "clear"], CueClass::Say),
];
// "told reporters", "in a statement", "in an interview" are recognised by the
// attribution rules as the addressee or setting of a cue, not as part of it:
// PolNeAR's annotators mark the cue as "told" / "said" alone.

/// Titles and honorifics that precede a name and never end a sentence when
/// abbreviated. Lowercase, with the period.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "gov.", "sen.", "rep.", "lt.", "col.", "capt.",
    "sgt.", "maj.", "adm.", "prof.", "rev.", "hon.", "pres.", "supt.", "cmdr.", "messrs.", "mme.",
    "mssrs.", "ft.", "mt.", "no.", "vs.", "v.", "sr.", "jr.",
];

const OTHER_ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "etc", "al", "approx", "dept", "est", "fig", "govt", "assn", "bros", "ave",
    "blvd", "rd", "calif", "conn", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va",
    "vt", "wash", "wis", "wyo", "ariz", "ark", "colo", "del", "ida", "nm",
];

/// True when `word` (without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    static ABBREVIATIONS: OnceLock<FastMap<String, ()>> = OnceLock::new();
    let set = ABBREVIATIONS.get_or_init(|| {
        TITLE_ABBREVIATIONS
            .iter()
            .map(|w| w.trim_end_matches('.').to_string())
            .chain(OTHER_ABBREVIATIONS.iter().map(|w| w.to_string()))
            .map(|w| (w, ()))
            .collect()
    });
    if word.len() > 8 {
        return false;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return set.contains_key(word);
    }
    set.contains_key(&word.to_lowercase())
}

/// True when a lowercase abbreviation with its period precedes names.
pub fn is_title_abbreviation(lower_with_dot: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(&lower_with_dot)
}

/// Words that often open a sentence after an abbreviation ended the previous one.
pub fn is_sentence_opener(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "In",
        "On",
        "At",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "As",
        "There",
        "His",
        "Her",
        "Their",
        "Our",
        "Its",
        "Some",
        "Many",
        "Most",
        "So",
        "Yet",
        "Still",
        "Now",
        "Then",
        "However",
        "Meanwhile",
        "Also",
        "For",
        "What",
        "Why",
        "How",
        "Who",
    ];
    OPENERS.contains(&word)
}

/// Personal pronouns that can stand for a speaker, with their kind.
pub fn pronoun_kind(lower: &str) -> Option<PronounKind> {
    Some(match lower {
        "he" | "him" | "his" => PronounKind::Male,
        "she" | "her" | "hers" => PronounKind::Female,
        "they" | "them" | "their" => PronounKind::Plural,
        "we" | "us" | "our" => PronounKind::FirstPlural,
        "i" | "me" | "my" => PronounKind::FirstSingular,
        "it" | "its" => PronounKind::Neuter,
        "you" => PronounKind::Second,
        _ => return None,
    })
}

/// The reference class of a pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounKind {
    /// he
    Male,
    /// she
    Female,
    /// they
    Plural,
    /// we
    FirstPlural,
    /// I
    FirstSingular,
    /// it
    Neuter,
    /// you
    Second,
}

/// Nouns that name an organisation when used with "the" ("the group", "the ministry").
pub fn is_org_noun(lower: &str) -> bool {
    const ORG: &[&str] = &[
        "group",
        "ministry",
        "company",
        "firm",
        "organization",
        "organisation",
        "agency",
        "department",
        "government",
        "campaign",
        "committee",
        "council",
        "party",
        "administration",
        "office",
        "commission",
        "union",
        "association",
        "movement",
        "network",
        "newspaper",
        "paper",
        "magazine",
        "station",
        "court",
        "board",
        "bank",
        "fund",
        "institute",
        "center",
        "centre",
        "foundation",
        "team",
        "club",
        "coalition",
        "alliance",
        "army",
        "military",
        "police",
        "battalion",
        "unit",
        "regime",
        "kremlin",
        "embassy",
        "senate",
        "house",
        "congress",
        "parliament",
        "cabinet",
        "service",
        "services",
        "corporation",
        "bureau",
        "study",
        "report",
        "survey",
        "poll",
        "statement",
        "website",
        "outlet",
        "channel",
    ];
    ORG.contains(&lower)
}

/// Nouns that name a person by role ("the spokesman", "the official").
pub fn is_person_noun(lower: &str) -> bool {
    const PERSON: &[&str] = &[
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "minister",
        "president",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "candidate",
        "senator",
        "governor",
        "mayor",
        "lawmaker",
        "lawmakers",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "source",
        "sources",
        "aide",
        "aides",
        "adviser",
        "advisers",
        "advisor",
        "strategist",
        "pollster",
        "economist",
        "researcher",
        "researchers",
        "professor",
        "author",
        "writer",
        "reporter",
        "editor",
        "host",
        "commander",
        "fighter",
        "fighters",
        "soldier",
        "soldiers",
        "officer",
        "officers",
        "witness",
        "witnesses",
        "voter",
        "voters",
        "resident",
        "residents",
        "man",
        "woman",
        "people",
        "critics",
        "critic",
        "supporters",
        "supporter",
        "democrats",
        "republicans",
        "activist",
        "activists",
        "chief",
        "secretary",
        "ambassador",
        "diplomat",
        "diplomats",
        "judge",
        "lawyer",
        "attorney",
        "prosecutor",
        "prosecutors",
        "founder",
        "ceo",
        "executive",
        "executives",
        "member",
        "members",
        "representative",
        "congressman",
        "congresswoman",
        "nominee",
        "manager",
        "medic",
        "doctor",
        "scientist",
        "scientists",
        "investigators",
        "investigator",
    ];
    PERSON.contains(&lower)
}

/// Common first names of either gender, and names used for both (lowercase).
pub fn is_first_name(w: &str) -> bool {
    static EITHER: WordSet = WordSet::new(&[
        "pat", "sam", "chris", "alex", "jordan", "taylor", "kim", "lee", "jamie",
    ]);
    is_male_first_name(w) || is_female_first_name(w) || EITHER.contains(w)
}

/// Common female first names (lowercase), to keep "he" from resolving to them.
pub fn is_female_first_name(w: &str) -> bool {
    static F: WordSet = WordSet::new(&[
        "hillary",
        "nancy",
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "elizabeth",
        "susan",
        "jessica",
        "sarah",
        "karen",
        "lisa",
        "michelle",
        "melania",
        "ivanka",
        "chelsea",
        "kellyanne",
        "nikki",
        "debbie",
        "huma",
        "carly",
        "sarah",
        "elena",
        "olga",
        "anna",
        "maria",
        "emily",
        "laura",
        "barbara",
        "margaret",
        "amy",
        "kelly",
        "donna",
        "angela",
        "theresa",
        "marine",
        "megyn",
        "rachel",
        "andrea",
        "katie",
        "kate",
        "jane",
        "janet",
        "loretta",
        "condoleezza",
        "madeleine",
        "samantha",
        "elise",
        "kirsten",
        "claire",
        "tammy",
        "dianne",
        "kamala",
        "amy",
        "heidi",
        "jeanne",
        "lisa",
        "ann",
        "anne",
        "susana",
        "hope",
        "sharon",
        "julia",
        "christine",
        "catherine",
        "deborah",
        "ruth",
        "sonia",
        "tulsi",
    ]);
    F.contains(w)
}

/// Common male first names (lowercase), to keep "she" from resolving to them.
pub fn is_male_first_name(w: &str) -> bool {
    static M: WordSet = WordSet::new(&[
        "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
        "charles", "donald", "bill", "barack", "joe", "bernie", "ted", "marco", "jeb", "mike",
        "paul", "vladimir", "chris", "george", "mitt", "tim", "ben", "rand", "newt", "sean",
        "steve", "kevin", "peter", "mark", "alex", "jim", "tom", "dan", "bob", "ivan", "sergei",
        "dmitry", "alexei", "andrew", "daniel", "matthew", "anthony", "jason", "brian", "eric",
        "jeff", "scott", "ryan", "gary", "larry", "frank", "jack", "henry", "sam", "nick",
        "reince", "rudy", "chuck", "harry", "lindsey", "jared", "eric", "corey", "stephen", "rush",
        "mitch", "john", "harry", "martin", "jimmy", "ronald", "gerald", "franklin", "abraham",
        "benjamin", "xi", "recep", "emmanuel", "justin", "boris", "rex", "jeff",
    ]);
    M.contains(w)
}

/// Honorifics and titles written before a name (lowercase, without period).
pub fn is_title_word(lower: &str) -> bool {
    static T: WordSet = WordSet::new(&[
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "gen",
        "general",
        "secretary",
        "minister",
        "prime",
        "mayor",
        "judge",
        "justice",
        "prof",
        "professor",
        "rev",
        "reverend",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "chancellor",
        "ambassador",
        "chairman",
        "speaker",
        "lt",
        "col",
        "capt",
        "sgt",
        "sir",
        "lord",
        "lady",
        "attorney",
        "candidate",
        "nominee",
        "former",
        "vice",
    ]);
    T.contains(lower.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        for (form, lemma) in [
            ("said", "say"),
            ("says", "say"),
            ("saying", "say"),
            ("told", "tell"),
            ("added", "add"),
            ("warned", "warn"),
            ("emphasizes", "emphasize"),
            ("insisted", "insist"),
            ("denied", "deny"),
            ("denies", "deny"),
            ("claimed", "claim"),
            ("wrote", "write"),
            ("written", "write"),
            ("tweeted", "tweet"),
            ("tweeting", "tweet"),
            ("quipped", "quip"),
            ("argues", "argue"),
            ("arguing", "argue"),
            ("replied", "reply"),
            ("testified", "testify"),
        ] {
            assert_eq!(reporting_verb(form).map(|v| v.lemma), Some(lemma), "{form}");
        }
        assert_eq!(reporting_verb("denied").unwrap().class, CueClass::Deny);
        assert_eq!(reporting_verb("said").unwrap().class, CueClass::Say);
        assert!(reporting_verb("table").is_none());
    }

    #[test]
    fn abbreviations() {
        assert!(is_abbreviation("Mr"));
        assert!(is_abbreviation("Inc"));
        assert!(!is_abbreviation("Putin"));
    }
}
