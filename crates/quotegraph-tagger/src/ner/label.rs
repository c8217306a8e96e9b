//! Entity types, BILOU labels and entity spans.

use std::fmt;

/// The four CoNLL entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    /// People (CoreNLP `PERSON`).
    Person,
    /// Organisations (CoreNLP `ORGANIZATION`).
    Organization,
    /// Locations (CoreNLP `LOCATION`).
    Location,
    /// Other names: nationalities, events, works (CoreNLP `MISC`).
    Misc,
}

impl EntityType {
    /// Every type, in id order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Location,
        EntityType::Misc,
    ];

    /// `"PER"`, `"ORG"`, `"LOC"` or `"MISC"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Location => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    fn id(self) -> u8 {
        self as u8
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BILOU label: outside, or the Begin, Inside, Last or Unit (single-token)
/// part of an entity of some type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NerLabel {
    /// Outside any entity.
    O,
    /// First token of a multi-token entity.
    B(EntityType),
    /// Inner token of a multi-token entity.
    I(EntityType),
    /// Last token of a multi-token entity.
    L(EntityType),
    /// A single-token entity.
    U(EntityType),
}

impl NerLabel {
    /// Number of distinct labels.
    pub const COUNT: usize = 17;

    /// The label's numeric id: 0 for `O`, then 4 per type (B, I, L, U).
    pub fn id(self) -> u8 {
        match self {
            NerLabel::O => 0,
            NerLabel::B(t) => 1 + 4 * t.id(),
            NerLabel::I(t) => 2 + 4 * t.id(),
            NerLabel::L(t) => 3 + 4 * t.id(),
            NerLabel::U(t) => 4 + 4 * t.id(),
        }
    }

    /// The label with numeric id `id`.
    pub fn from_id(id: u8) -> Option<NerLabel> {
        if id == 0 {
            return Some(NerLabel::O);
        }
        let t = *EntityType::ALL.get(((id - 1) / 4) as usize)?;
        Some(match (id - 1) % 4 {
            0 => NerLabel::B(t),
            1 => NerLabel::I(t),
            2 => NerLabel::L(t),
            _ => NerLabel::U(t),
        })
    }

    /// The entity type, `None` for `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            NerLabel::O => None,
            NerLabel::B(t) | NerLabel::I(t) | NerLabel::L(t) | NerLabel::U(t) => Some(t),
        }
    }

    /// True for B and U: the label starts an entity.
    pub fn starts_entity(self) -> bool {
        matches!(self, NerLabel::B(_) | NerLabel::U(_))
    }

    /// True for L and U: the label ends an entity.
    pub fn ends_entity(self) -> bool {
        matches!(self, NerLabel::L(_) | NerLabel::U(_))
    }

    /// `"O"`, `"B-PER"`, `"I-ORG"`, `"L-LOC"`, `"U-MISC"`, ...
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; NerLabel::COUNT] = [
            "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC",
            "I-LOC", "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
        ];
        NAMES[self.id() as usize]
    }

    /// BILOU labels from one type (or none) per token, where consecutive
    /// tokens of the same type form one entity (CoreNLP's convention).
    pub fn from_types(types: &[Option<EntityType>]) -> Vec<NerLabel> {
        let mut out = Vec::with_capacity(types.len());
        for (i, &t) in types.iter().enumerate() {
            let Some(t) = t else {
                out.push(NerLabel::O);
                continue;
            };
            let first = i == 0 || types[i - 1] != Some(t);
            let last = types.get(i + 1).copied() != Some(Some(t));
            out.push(match (first, last) {
                (true, true) => NerLabel::U(t),
                (true, false) => NerLabel::B(t),
                (false, false) => NerLabel::I(t),
                (false, true) => NerLabel::L(t),
            });
        }
        out
    }
}

impl fmt::Display for NerLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named entity over token indices `start..end` of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its type.
    pub ty: EntityType,
}

/// Entity spans of a label sequence. Lenient with ill-formed sequences
/// (which the tagger does not produce): an `I` or `L` continues a
/// running entity of its type and otherwise starts one.
pub fn entities(labels: &[NerLabel]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let t = l.entity_type();
        let continues = matches!(l, NerLabel::I(_) | NerLabel::L(_)) && open.map(|o| o.1) == t;
        if !continues {
            if let Some((s, ty)) = open.take() {
                out.push(Entity {
                    start: s,
                    end: i,
                    ty,
                });
            }
            if let Some(ty) = t {
                open = Some((i, ty));
            }
        }
        if l.ends_entity() {
            if let Some((s, ty)) = open.take() {
                out.push(Entity {
                    start: s,
                    end: i + 1,
                    ty,
                });
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push(Entity {
            start: s,
            end: labels.len(),
            ty,
        });
    }
    out
}

/// Whether label `next` may follow label `prev` (`None`: sentence start),
/// and whether it may end the sentence when `last`.
pub(crate) fn allowed(prev: Option<NerLabel>, next: NerLabel, last: bool) -> bool {
    let open = match prev {
        Some(NerLabel::B(t)) | Some(NerLabel::I(t)) => Some(t),
        _ => None,
    };
    let ok = match (open, next) {
        (Some(t), NerLabel::I(u)) | (Some(t), NerLabel::L(u)) => t == u,
        (Some(_), _) => false,
        (None, NerLabel::I(_)) | (None, NerLabel::L(_)) => false,
        (None, _) => true,
    };
    ok && !(last && matches!(next, NerLabel::B(_) | NerLabel::I(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn ids_round_trip() {
        for id in 0..NerLabel::COUNT as u8 {
            let l = NerLabel::from_id(id).unwrap();
            assert_eq!(l.id(), id);
        }
        assert_eq!(NerLabel::from_id(17), None);
        assert_eq!(NerLabel::B(Location).as_str(), "B-LOC");
        assert_eq!(NerLabel::U(Misc).to_string(), "U-MISC");
    }

    #[test]
    fn types_to_labels_to_entities() {
        let types = [
            Some(Person),
            Some(Person),
            None,
            Some(Location),
            Some(Organization),
            Some(Organization),
            Some(Organization),
        ];
        let labels = NerLabel::from_types(&types);
        assert_eq!(
            labels,
            [
                NerLabel::B(Person),
                NerLabel::L(Person),
                NerLabel::O,
                NerLabel::U(Location),
                NerLabel::B(Organization),
                NerLabel::I(Organization),
                NerLabel::L(Organization),
            ]
        );
        let e = entities(&labels);
        assert_eq!(
            e,
            [
                Entity {
                    start: 0,
                    end: 2,
                    ty: Person
                },
                Entity {
                    start: 3,
                    end: 4,
                    ty: Location
                },
                Entity {
                    start: 4,
                    end: 7,
                    ty: Organization
                },
            ]
        );
        // Ill-formed: dangling B, I without B.
        let e = entities(&[NerLabel::B(Person), NerLabel::O, NerLabel::I(Misc)]);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[1],
            Entity {
                start: 2,
                end: 3,
                ty: Misc
            }
        );
    }

    #[test]
    fn transitions() {
        assert!(allowed(None, NerLabel::B(Person), false));
        assert!(!allowed(None, NerLabel::B(Person), true));
        assert!(!allowed(None, NerLabel::I(Person), false));
        assert!(allowed(
            Some(NerLabel::B(Person)),
            NerLabel::L(Person),
            true
        ));
        assert!(!allowed(
            Some(NerLabel::B(Person)),
            NerLabel::L(Misc),
            false
        ));
        assert!(!allowed(Some(NerLabel::I(Person)), NerLabel::O, false));
        assert!(allowed(
            Some(NerLabel::L(Person)),
            NerLabel::U(Person),
            false
        ));
    }
}
