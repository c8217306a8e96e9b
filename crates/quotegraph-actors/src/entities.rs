//! Entities: the engine's entity layer (`quotegraph_core::entities`: names,
//! phrases and nominals grouped per actor, with their descriptions), which
//! this crate reads, and the gazetteer entry of each place.

pub use quotegraph_core::entities::names::normalise;
pub use quotegraph_core::entities::{Description, DescriptionKind, Entities, Entity};

use quotegraph_core::entities::EntityKind;

use crate::gazetteer::{Gazetteer, Place};

/// For each entity, the gazetteer entry of a place when its name is in the
/// gazetteer.
pub fn places(ents: &Entities) -> Vec<Option<Place>> {
    let gaz = Gazetteer::embedded();
    ents.entities
        .iter()
        .map(|e| {
            (e.kind == EntityKind::Place)
                .then(|| gaz.lookup(&e.name).cloned())
                .flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_core::Pipeline;

    #[test]
    fn places_are_checked_against_the_gazetteer() {
        let doc = Pipeline::default()
            .annotate("The Kremlin offers citizenship to fighters from Poland.")
            .unwrap();
        let e = &doc.entities;
        assert_eq!(
            e.entities[e.by_name("Kremlin").unwrap()].kind,
            EntityKind::Organization
        );
        let p = e.by_name("Poland").unwrap();
        assert_eq!(e.entities[p].kind, EntityKind::Place);
        assert_eq!(
            places(e)[p].as_ref().unwrap().kind,
            crate::gazetteer::PlaceKind::Country
        );
    }
}
