//! The Penn Treebank tag set.

use std::fmt;

macro_rules! pos_tags {
    ($($(#[$doc:meta])* $name:ident = $s:literal,)*) => {
        /// A Penn Treebank part-of-speech tag, as produced by Stanford
        /// CoreNLP (brackets are `-LRB-`/`-RRB-`, quotes ```` `` ````/`''`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum PosTag {
            $($(#[$doc])* $name,)*
        }

        impl PosTag {
            /// Every tag, in the order of their numeric ids.
            pub const ALL: &'static [PosTag] = &[$(PosTag::$name,)*];

            /// The PTB spelling of the tag, e.g. `"VBD"`, `"PRP$"`, `"-LRB-"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(PosTag::$name => $s,)*
                }
            }

            /// Parses a PTB tag as spelled by [`PosTag::as_str`].
            pub fn parse(s: &str) -> Option<PosTag> {
                match s {
                    $($s => Some(PosTag::$name),)*
                    _ => None,
                }
            }
        }
    };
}

pos_tags! {
    /// Coordinating conjunction.
    Cc = "CC",
    /// Cardinal number.
    Cd = "CD",
    /// Determiner.
    Dt = "DT",
    /// Existential *there*.
    Ex = "EX",
    /// Foreign word.
    Fw = "FW",
    /// Preposition or subordinating conjunction.
    In = "IN",
    /// Adjective.
    Jj = "JJ",
    /// Adjective, comparative.
    Jjr = "JJR",
    /// Adjective, superlative.
    Jjs = "JJS",
    /// List item marker.
    Ls = "LS",
    /// Modal.
    Md = "MD",
    /// Noun, singular or mass.
    Nn = "NN",
    /// Noun, plural.
    Nns = "NNS",
    /// Proper noun, singular.
    Nnp = "NNP",
    /// Proper noun, plural.
    Nnps = "NNPS",
    /// Predeterminer.
    Pdt = "PDT",
    /// Possessive ending.
    Pos = "POS",
    /// Personal pronoun.
    Prp = "PRP",
    /// Possessive pronoun.
    PrpS = "PRP$",
    /// Adverb.
    Rb = "RB",
    /// Adverb, comparative.
    Rbr = "RBR",
    /// Adverb, superlative.
    Rbs = "RBS",
    /// Particle.
    Rp = "RP",
    /// Symbol.
    Sym = "SYM",
    /// *to*.
    To = "TO",
    /// Interjection.
    Uh = "UH",
    /// Verb, base form.
    Vb = "VB",
    /// Verb, past tense.
    Vbd = "VBD",
    /// Verb, gerund or present participle.
    Vbg = "VBG",
    /// Verb, past participle.
    Vbn = "VBN",
    /// Verb, non-3rd person singular present.
    Vbp = "VBP",
    /// Verb, 3rd person singular present.
    Vbz = "VBZ",
    /// Wh-determiner.
    Wdt = "WDT",
    /// Wh-pronoun.
    Wp = "WP",
    /// Possessive wh-pronoun.
    WpS = "WP$",
    /// Wh-adverb.
    Wrb = "WRB",
    /// Dollar sign (and other currency signs).
    Dollar = "$",
    /// Pound sign `#`.
    Hash = "#",
    /// Comma.
    Comma = ",",
    /// Sentence-final punctuation.
    Period = ".",
    /// Colon, semicolon, dash, ellipsis.
    Colon = ":",
    /// Opening bracket.
    LeftBracket = "-LRB-",
    /// Closing bracket.
    RightBracket = "-RRB-",
    /// Opening quote.
    OpenQuote = "``",
    /// Closing quote.
    CloseQuote = "''",
}

impl PosTag {
    /// Number of tags.
    pub const COUNT: usize = PosTag::ALL.len();

    /// The tag's numeric id (its index in [`PosTag::ALL`]).
    #[inline]
    pub fn id(self) -> u8 {
        self as u8
    }

    /// The tag with numeric id `id`.
    #[inline]
    pub fn from_id(id: u8) -> Option<PosTag> {
        PosTag::ALL.get(id as usize).copied()
    }

    /// Any verb tag (VB, VBD, VBG, VBN, VBP, VBZ); modals excluded.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            PosTag::Vb | PosTag::Vbd | PosTag::Vbg | PosTag::Vbn | PosTag::Vbp | PosTag::Vbz
        )
    }

    /// Any noun tag (NN, NNS, NNP, NNPS).
    pub fn is_noun(self) -> bool {
        matches!(self, PosTag::Nn | PosTag::Nns | PosTag::Nnp | PosTag::Nnps)
    }

    /// NNP or NNPS.
    pub fn is_proper_noun(self) -> bool {
        matches!(self, PosTag::Nnp | PosTag::Nnps)
    }

    /// PRP, PRP$, WP or WP$.
    pub fn is_pronoun(self) -> bool {
        matches!(self, PosTag::Prp | PosTag::PrpS | PosTag::Wp | PosTag::WpS)
    }

    /// JJ, JJR or JJS.
    pub fn is_adjective(self) -> bool {
        matches!(self, PosTag::Jj | PosTag::Jjr | PosTag::Jjs)
    }

    /// RB, RBR, RBS or WRB.
    pub fn is_adverb(self) -> bool {
        matches!(self, PosTag::Rb | PosTag::Rbr | PosTag::Rbs | PosTag::Wrb)
    }

    /// Punctuation: `, . : -LRB- -RRB- `` ''` and `#`.
    pub fn is_punctuation(self) -> bool {
        matches!(
            self,
            PosTag::Comma
                | PosTag::Period
                | PosTag::Colon
                | PosTag::LeftBracket
                | PosTag::RightBracket
                | PosTag::OpenQuote
                | PosTag::CloseQuote
                | PosTag::Hash
        )
    }
}

impl fmt::Display for PosTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_round_trip() {
        assert_eq!(PosTag::COUNT, 45);
        for (i, &t) in PosTag::ALL.iter().enumerate() {
            assert_eq!(t.id() as usize, i);
            assert_eq!(PosTag::from_id(i as u8), Some(t));
            assert_eq!(PosTag::parse(t.as_str()), Some(t));
        }
        assert_eq!(PosTag::from_id(45), None);
        assert_eq!(PosTag::parse("XYZ"), None);
        assert!(PosTag::Vbd.is_verb() && !PosTag::Md.is_verb());
        assert!(PosTag::Nnps.is_proper_noun() && PosTag::Nnps.is_noun());
        assert_eq!(PosTag::PrpS.to_string(), "PRP$");
    }
}
