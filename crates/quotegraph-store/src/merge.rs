//! When two names of the corpus are one entity, and why: the rules the speaker registry
//! ([`crate::speakers`]) and the actors' entity table ([`crate::actors`]) share.
//!
//! Both tables keep one row per name key ([`crate::names`]) and point each row at the row
//! of its entity (`canonical_id`) with the reason (`merge_reason`). The rules decide, for
//! one **group** of rows at a time, which rows are one entity:
//!
//! * **people** of one surname (the folded last word of the surname, so the spellings of
//!   a transliterated name are one group):
//!   1. two full names are one person when they are *consistent* (the engine's
//!      `PersonName::consistent_with`: surnames agree after folding, given names, initials
//!      and middle initials do not contradict; and the same generational suffix) **and
//!      neither is ambiguous**: a name is ambiguous when it is consistent with two names
//!      that are not consistent with each other ("Paul Ryan" with "Paul D. Ryan" and
//!      "Paul T. Ryan"). So "Donald J. Trump" and "Donald Trump" are one person while no
//!      other Donald Trump is known, "Bill Clinton" and "Hillary Clinton" never are, and
//!      the spellings "Volodymyr Zelensky" / "Volodymyr Zelenskyy" are one;
//!   2. a lone surname joins the person of that surname **when exactly one person** (and
//!      no ambiguous name) has it, or, when several have it, the one the corpus names at
//!      least five times as often as all the others together ("Obama": Barack Obama, not
//!      Michelle Obama); lone surnames of one fold ("Zelensky", "Zelenskiy") are one in
//!      any case;
//! * **organisations** with the same content words (`names::org_key`) are one:
//!   "Justice Department" and "Department of Justice".
//!
//! The entity's own row is its most used full name (then the most mentioned, the longest,
//! the first in alphabetical order): a choice that depends only on the rows, never on the
//! order they were stored in. Every other row of the entity gets a reason, and so does a
//! row kept apart by an ambiguity. The callers re-evaluate a group from its rows whenever a
//! batch touches it, so a merge is undone as soon as a new name makes it ambiguous.

use crate::names::ParsedPerson;

/// One row of a group, as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The name key.
    pub key: String,
    /// The display name.
    pub name: String,
    /// The spelling fold of the key.
    pub fold: String,
    /// Words in the key.
    pub words: usize,
    /// How much the corpus uses it (mentions or articles): the entity's own row is the
    /// most used.
    pub weight: i64,
}

/// What the rules decide for one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The index (into the group's rows) of the row of its entity; its own index when it is
    /// an entity's own row.
    pub canonical: usize,
    /// Why it was merged, or kept apart; `None` for an entity's own row with nothing to say.
    pub reason: Option<String>,
}

/// A lone surname shared by several people goes to the one named at least this many times
/// as often as all the others together.
const DOMINANT: i64 = 5;

/// How many names a reason lists before "and N more".
const LISTED: usize = 5;

/// Disjoint sets over row indices.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut j = i;
        while self.0[j] != r {
            let next = self.0[j];
            self.0[j] = r;
            j = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// The rows in the order an entity's own row is chosen by: full names first, then the most
/// used, the longest, the first in alphabetical order of key.
fn preference(rows: &[Row], a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&rows[a], &rows[b]);
    (y.words >= 2)
        .cmp(&(x.words >= 2))
        .then(y.weight.cmp(&x.weight))
        .then(y.words.cmp(&x.words))
        .then(x.key.cmp(&y.key))
}

fn best(rows: &[Row], members: &[usize]) -> usize {
    *members
        .iter()
        .min_by(|&&a, &&b| preference(rows, a, b))
        .expect("a cluster has members")
}

fn listing(names: &[&str]) -> String {
    let shown = names
        .iter()
        .take(LISTED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > LISTED {
        format!("{shown} and {} more", names.len() - LISTED)
    } else {
        shown
    }
}

/// Decides the people of one surname group (`surname`: the folded surname word the rows
/// share). Rows whose name cannot be parsed stay on their own.
pub fn people(surname: &str, rows: &[Row]) -> Vec<Decision> {
    let parsed: Vec<Option<ParsedPerson>> =
        rows.iter().map(|r| ParsedPerson::parse(&r.name)).collect();
    let mut out: Vec<Decision> = (0..rows.len())
        .map(|i| Decision {
            canonical: i,
            reason: None,
        })
        .collect();
    let full: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].words >= 2 && parsed[i].is_some())
        .collect();
    let lone: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].words == 1 && parsed[i].is_some())
        .collect();
    let cons = |a: usize, b: usize| match (&parsed[a], &parsed[b]) {
        (Some(x), Some(y)) => x.consistent_with(y),
        _ => false,
    };
    // rule 1: consistent full names, unless one of them is ambiguous
    let neighbours: Vec<Vec<usize>> = full
        .iter()
        .map(|&i| {
            full.iter()
                .copied()
                .filter(|&j| j != i && cons(i, j))
                .collect()
        })
        .collect();
    // for an ambiguous name: two of its neighbours that are not one person
    let ambiguity: Vec<Option<(usize, usize)>> = neighbours
        .iter()
        .map(|ns| {
            let mut ns = ns.clone();
            ns.sort_by(|&a, &b| preference(rows, a, b));
            ns.iter()
                .enumerate()
                .find_map(|(k, &a)| ns[k + 1..].iter().find(|&&b| !cons(a, b)).map(|&b| (a, b)))
        })
        .collect();
    let mut sets = Sets::new(rows.len());
    for (fi, &i) in full.iter().enumerate() {
        if ambiguity[fi].is_some() {
            continue;
        }
        for &j in &neighbours[fi] {
            let fj = full.iter().position(|&x| x == j).expect("a full name");
            if ambiguity[fj].is_none() {
                sets.union(i, j);
            }
        }
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for &i in &full {
        let root = sets.find(i);
        match clusters.iter_mut().find(|c| sets.0[c[0]] == root) {
            Some(c) => c.push(i),
            None => clusters.push(vec![i]),
        }
    }
    let ambiguous = ambiguity.iter().any(Option::is_some);
    // the people of the surname: clusters without an ambiguous name
    let persons: Vec<usize> = (0..clusters.len())
        .filter(|&c| {
            clusters[c]
                .iter()
                .all(|&i| ambiguity[full.iter().position(|&x| x == i).unwrap()].is_none())
        })
        .collect();
    // rule 2: lone surnames
    let mut lone_joined = false;
    let mut dominant = None;
    if !lone.is_empty() {
        if let (&[person], false) = (persons.as_slice(), ambiguous) {
            let c = best(rows, &clusters[person]);
            if lone.iter().all(|&l| cons(l, c)) {
                clusters[person].extend(lone.iter().copied());
                lone_joined = true;
            }
        }
        // rule 2b: several people of the surname, one of them the corpus's
        // bearer of it ("Obama" with Barack Obama and Michelle Obama)
        if !lone_joined && persons.len() > 1 {
            let weight = |c: usize| clusters[c].iter().map(|&i| rows[i].weight).sum::<i64>();
            let mut by_weight: Vec<(i64, usize)> =
                persons.iter().map(|&c| (weight(c), c)).collect();
            by_weight.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let others: i64 = by_weight[1..].iter().map(|w| w.0).sum();
            let (top, c) = by_weight[0];
            let head = best(rows, &clusters[c]);
            if top >= DOMINANT * others.max(1) && lone.iter().all(|&l| cons(l, head)) {
                clusters[c].extend(lone.iter().copied());
                lone_joined = true;
                dominant = Some((head, top, others));
            }
        }
        if !lone_joined {
            clusters.push(lone.clone());
        }
    }
    // reasons
    let mut person_names: Vec<usize> = persons.iter().map(|&c| best(rows, &clusters[c])).collect();
    person_names.sort_by(|&a, &b| preference(rows, a, b));
    let person_names: Vec<&str> = person_names
        .iter()
        .map(|&i| rows[i].name.as_str())
        .collect();
    for cluster in &clusters {
        let c = best(rows, cluster);
        let cname = &rows[c].name;
        for &i in cluster {
            let reason = if i == c {
                if rows[i].words == 1 && !lone_joined && !full.is_empty() {
                    Some(format!(
                        "not merged: the surname {surname:?} is shared by {}",
                        listing(&person_names)
                    ))
                } else {
                    None
                }
            } else if rows[i].fold == rows[c].fold {
                Some(format!("spelling variant of {cname}"))
            } else if rows[i].words == 1 {
                match dominant {
                    Some((h, top, others)) if h == c => Some(format!(
                        "surname of {cname}, who is named {top} times against {others} for every other person with the surname {surname:?} together ({})",
                        listing(&person_names)
                    )),
                    _ => Some(format!(
                        "surname of {cname}, the only person with the surname {surname:?} in the corpus"
                    )),
                }
            } else {
                let form = match rows[i].words.cmp(&rows[c].words) {
                    std::cmp::Ordering::Greater => "fuller form of",
                    std::cmp::Ordering::Less => "shorter form of",
                    std::cmp::Ordering::Equal => "consistent with",
                };
                Some(format!(
                    "{form} {cname}; consistent with no other person in the corpus"
                ))
            };
            out[i] = Decision {
                canonical: c,
                reason,
            };
        }
    }
    // a name kept apart from another only by a generational suffix says so
    for &i in &full {
        if out[i].reason.is_some() || out[i].canonical != i {
            continue;
        }
        let other = full.iter().copied().find(|&j| {
            out[j].canonical != i
                && match (&parsed[i], &parsed[j]) {
                    (Some(x), Some(y)) => x.suffix != y.suffix && x.name.consistent_with(&y.name),
                    _ => false,
                }
        });
        if let Some(j) = other {
            out[i].reason = Some(format!(
                "not merged with {}: a generational suffix on one name only",
                rows[j].name
            ));
        }
    }
    // ambiguous full names stay apart, saying with whom
    for (fi, &i) in full.iter().enumerate() {
        if let Some((a, b)) = ambiguity[fi] {
            out[i] = Decision {
                canonical: i,
                reason: Some(format!(
                    "not merged: consistent with {} and {}, who are not one person",
                    rows[a].name, rows[b].name
                )),
            };
        }
    }
    out
}

/// Decides the organisations of one group: rows with the same content words, which are
/// one organisation.
pub fn organisations(org_key: &str, rows: &[Row]) -> Vec<Decision> {
    if rows.is_empty() {
        return Vec::new();
    }
    let all: Vec<usize> = (0..rows.len()).collect();
    let c = *all
        .iter()
        .min_by(|&&a, &&b| {
            let (x, y) = (&rows[a], &rows[b]);
            y.weight
                .cmp(&x.weight)
                .then(y.words.cmp(&x.words))
                .then(x.key.cmp(&y.key))
        })
        .expect("rows");
    let cname = &rows[c].name;
    all.iter()
        .map(|&i| Decision {
            canonical: c,
            reason: if i == c {
                None
            } else if rows[i].fold == rows[c].fold {
                Some(format!("spelling variant of {cname}"))
            } else {
                Some(format!(
                    "another form of {cname}: the same words ({org_key:?})"
                ))
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::name_key;

    fn rows(names: &[(&str, i64)], person: bool) -> Vec<Row> {
        names
            .iter()
            .map(|(n, w)| {
                let k = name_key(n, person).unwrap();
                Row {
                    key: k.key,
                    name: k.display,
                    fold: k.fold,
                    words: k.words,
                    weight: *w,
                }
            })
            .collect()
    }

    /// Each row's entity name and reason.
    fn decide(surname: &str, names: &[(&str, i64)]) -> Vec<(String, Option<String>)> {
        let r = rows(names, true);
        people(surname, &r)
            .into_iter()
            .map(|d| (r[d.canonical].name.clone(), d.reason))
            .collect()
    }

    #[test]
    fn consistent_full_names_are_one_person() {
        let d = decide("trump", &[("Donald J. Trump", 254), ("Donald Trump", 1308)]);
        assert_eq!(d[0].0, "Donald Trump");
        assert_eq!(
            d[0].1.as_deref(),
            Some("fuller form of Donald Trump; consistent with no other person in the corpus")
        );
        assert_eq!(d[1], ("Donald Trump".into(), None));
        let d = decide("ryan", &[("Paul D. Ryan", 3), ("Paul Ryan", 5)]);
        assert!(d.iter().all(|x| x.0 == "Paul Ryan"), "{d:?}");
    }

    #[test]
    fn inconsistent_names_never_merge_and_a_lone_surname_waits_for_one_person() {
        let d = decide(
            "clinton",
            &[
                ("Hillary Clinton", 100),
                ("Bill Clinton", 30),
                ("Hillary Rodham Clinton", 10),
                ("Clinton", 50),
            ],
        );
        assert_eq!(d[0].0, "Hillary Clinton");
        assert_eq!(d[1], ("Bill Clinton".into(), None));
        assert_eq!(d[2].0, "Hillary Clinton");
        assert_eq!(d[3].0, "Clinton");
        assert_eq!(
            d[3].1.as_deref(),
            Some("not merged: the surname \"clinton\" is shared by Hillary Clinton, Bill Clinton")
        );
        let d = decide("sokolov", &[("Ivan Sokolov", 1), ("Sokolov", 1)]);
        assert_eq!(d[1].0, "Ivan Sokolov");
        assert!(d[1]
            .1
            .as_deref()
            .unwrap()
            .starts_with("surname of Ivan Sokolov"));
    }

    #[test]
    fn a_lone_surname_goes_to_the_dominant_bearer() {
        // Barack Obama named five times as often as Michelle Obama: "Obama" is his
        let d = decide(
            "obama",
            &[
                ("Barack Obama", 171),
                ("Michelle Obama", 30),
                ("Obama", 216),
            ],
        );
        assert_eq!(d[2].0, "Barack Obama");
        assert!(
            d[2].1
                .as_deref()
                .unwrap()
                .starts_with("surname of Barack Obama, who is named 171 times against 30"),
            "{d:?}"
        );
        assert_eq!(d[1], ("Michelle Obama".into(), None));
        // four times as often is not enough
        let d = decide(
            "obama",
            &[
                ("Barack Obama", 120),
                ("Michelle Obama", 30),
                ("Obama", 216),
            ],
        );
        assert_eq!(d[2].0, "Obama");
    }

    #[test]
    fn an_ambiguous_name_stays_apart_and_undoes_the_merge() {
        let d = decide(
            "ryan",
            &[("Paul D. Ryan", 3), ("Paul Ryan", 5), ("Paul T. Ryan", 1)],
        );
        assert_eq!(d[0], ("Paul D. Ryan".into(), None));
        assert_eq!(d[2], ("Paul T. Ryan".into(), None));
        assert_eq!(d[1].0, "Paul Ryan");
        assert_eq!(
            d[1].1.as_deref(),
            Some(
                "not merged: consistent with Paul D. Ryan and Paul T. Ryan, who are not one person"
            )
        );
        // a suffix is another person
        let d = decide(
            "trump",
            &[("Donald Trump", 9), ("Donald Trump Jr.", 2), ("Trump", 4)],
        );
        assert_eq!(d[0].0, "Donald Trump");
        assert_eq!(
            d[0].1.as_deref(),
            Some("not merged with Donald Trump Jr.: a generational suffix on one name only")
        );
        assert_eq!(d[1].0, "Donald Trump Jr.");
        assert_eq!(d[2].0, "Trump");
    }

    #[test]
    fn spellings_are_one_whatever_the_order() {
        let names = [
            ("Zelensky", 3),
            ("Zelenskiy", 2),
            ("Volodymyr Zelenskyy", 1),
            ("Volodymyr Zelensky", 4),
        ];
        let d = decide("zelensky", &names);
        assert!(d.iter().all(|x| x.0 == "Volodymyr Zelensky"), "{d:?}");
        assert_eq!(
            d[2].1.as_deref(),
            Some("spelling variant of Volodymyr Zelensky")
        );
        let mut reversed = names;
        reversed.reverse();
        let mut e = decide("zelensky", &reversed);
        e.reverse();
        assert_eq!(d, e);
        // lone spellings alone are one too
        let d = decide("zelensky", &[("Zelensky", 3), ("Zelenskiy", 2)]);
        assert_eq!(
            d[1],
            (
                "Zelensky".into(),
                Some("spelling variant of Zelensky".into())
            )
        );
    }

    #[test]
    fn organisations_short_and_long() {
        let r = rows(
            &[("Justice Department", 5), ("Department of Justice", 2)],
            false,
        );
        let d = organisations("department justice", &r);
        assert_eq!(d[0].canonical, 0);
        assert_eq!(d[1].canonical, 0);
        assert_eq!(
            d[1].reason.as_deref(),
            Some("another form of Justice Department: the same words (\"department justice\")")
        );
    }
}

/// A group of rows the rules compare with each other.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Group {
    /// People of one folded surname word.
    Person(String),
    /// Organisations of one set of content words.
    Organization(String),
}

impl Group {
    /// The groups a name may belong to: its surname group and its organisation group
    /// (which one applies depends on the row's kind, which a batch may change).
    pub(crate) fn of(key: &crate::names::NameKey) -> impl Iterator<Item = Group> {
        let person = key.surname.clone().map(Group::Person);
        let org = (!key.org_key.is_empty()).then(|| Group::Organization(key.org_key.clone()));
        person.into_iter().chain(org)
    }
}

/// A table the rules apply to: its name, the column that weighs a row, and which kinds
/// count as people and as organisations.
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) weight: &'static str,
    pub(crate) people: &'static str,
    pub(crate) organisations: &'static str,
}

/// Re-evaluates each group from its rows, and sets back to themselves the rows of `rows`
/// that no group covers (a row whose kind is neither, or that left its group).
pub(crate) fn apply(
    tx: &rusqlite::Transaction<'_>,
    table: &Table,
    groups: &std::collections::BTreeSet<Group>,
    rows: &std::collections::BTreeSet<i64>,
) -> crate::Result<()> {
    use rusqlite::params;
    let select = |filter: &str| {
        format!(
            "SELECT id, key, name, COALESCE(fold, key), words, {w} FROM {t}
             WHERE {filter} ORDER BY key",
            w = table.weight,
            t = table.name
        )
    };
    let mut people_rows = tx.prepare_cached(&select(&format!(
        "surname = ?1 AND kind IN ({})",
        table.people
    )))?;
    let mut org_rows = tx.prepare_cached(&select(&format!(
        "org_key = ?1 AND kind IN ({})",
        table.organisations
    )))?;
    let mut set = tx.prepare_cached(&format!(
        "UPDATE {} SET canonical_id = ?2, merge_reason = ?3
         WHERE id = ?1 AND (canonical_id != ?2 OR merge_reason IS NOT ?3)",
        table.name
    ))?;
    let mut covered = std::collections::BTreeSet::new();
    for group in groups {
        let (stmt, arg) = match group {
            Group::Person(s) => (&mut people_rows, s),
            Group::Organization(k) => (&mut org_rows, k),
        };
        let found: Vec<(i64, Row)> = stmt
            .query_map([arg], |r| {
                Ok((
                    r.get(0)?,
                    Row {
                        key: r.get(1)?,
                        name: r.get(2)?,
                        fold: r.get(3)?,
                        words: r.get::<_, i64>(4)? as usize,
                        weight: r.get(5)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        let group_rows: Vec<Row> = found.iter().map(|(_, r)| r.clone()).collect();
        let decisions = match group {
            Group::Person(s) => people(s, &group_rows),
            Group::Organization(k) => organisations(k, &group_rows),
        };
        for ((id, _), d) in found.iter().zip(decisions) {
            set.execute(params![id, found[d.canonical].0, d.reason])?;
            covered.insert(*id);
        }
    }
    for id in rows.difference(&covered) {
        set.execute(params![id, id, Option::<String>::None])?;
    }
    Ok(())
}
