//! Golden test on the seed article (`examples/siberian-battalion.txt`)
//! against its hand-made key (`examples/siberian-battalion.expected.json`,
//! sections entities, figures, dates and relations). The expectations below
//! were written from the key and the article by hand, not from output.

use quotegraph_actors::{Actors, EntityKind, Options, OutActors};
use quotegraph_core::schema::OutSpan;
use quotegraph_core::Pipeline;

const TEXT: &str = include_str!("../../../examples/siberian-battalion.txt");

fn run(published: Option<&str>) -> OutActors {
    let doc = Pipeline::default().annotate(TEXT).unwrap();
    let options = match published {
        Some(p) => Options::published(p).unwrap(),
        None => Options::default(),
    };
    OutActors::from_actors(&doc, &Actors::analyze(&doc, &options))
}

fn norm(s: &str) -> String {
    let s = s.replace('\u{2019}', "'");
    s.strip_prefix("the ").unwrap_or(&s).to_string()
}

fn entity<'a>(out: &'a OutActors, name: &str) -> &'a quotegraph_actors::output::OutEntity {
    out.entities
        .iter()
        .find(|e| norm(&e.name) == norm(name))
        .unwrap_or_else(|| {
            panic!(
                "no entity {name:?}; have {:?}",
                out.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

fn chars(a: usize, b: usize) -> String {
    TEXT.chars().skip(a).take(b - a).collect()
}

fn check_span(s: &OutSpan) {
    assert_eq!(
        chars(s.start, s.end),
        s.text,
        "span {s:?} does not cover its text"
    );
}

#[test]
fn every_entity_of_the_key() {
    let out = run(None);
    let key: &[(EntityKind, &[&str])] = &[
        (
            EntityKind::Person,
            &["Johnny", "Vladimir Putin", "Siziy", "Sokolov"],
        ),
        (
            EntityKind::Organization,
            &[
                "Siberian Battalion",
                "Civic Council",
                "Ukraine's security services",
                "Ukraine's international legion",
                "the Kremlin",
            ],
        ),
        (
            EntityKind::Place,
            &[
                "St. Petersburg",
                "Ukraine",
                "Poland",
                "Russia",
                "Moscow",
                "Siberia",
                "Yakutia",
                "Chechnya",
                "Belgium",
                "North Caucasus",
                "Russian Federation",
            ],
        ),
    ];
    for (kind, names) in key {
        for name in *names {
            let e = entity(&out, name);
            assert_eq!(e.kind, *kind, "{name}");
            if *kind == EntityKind::Place {
                assert!(e.gazetteer.is_some(), "{name} is not in the gazetteer");
            }
        }
    }
    // one entity per actor: "Putin" twice and "Vladimir Putin", with its title
    let putin = entity(&out, "Vladimir Putin");
    let forms: Vec<&str> = putin.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(forms, ["Putin", "Vladimir Putin", "Putin"]);
    let d: Vec<&str> = putin.descriptions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(d, ["Russian President"]);
    let siziy = entity(&out, "Siziy");
    assert_eq!(
        siziy.descriptions[0].text,
        "a former customs official turned medic-in-training"
    );
    // "the group" (code points 1700..1709) is the Civic Council, "this unit" the battalion
    let council = entity(&out, "Civic Council");
    assert_eq!(
        council.descriptions[0].text,
        "a Russian opposition group based in Poland"
    );
    assert!(council
        .mentions
        .iter()
        .any(|m| (m.start, m.end, m.text.as_str()) == (1700, 1709, "the group")));
    let battalion = entity(&out, "Siberian Battalion");
    assert!(battalion.mentions.iter().any(|m| m.text == "this unit"));
    assert_eq!(battalion.mentions.len(), 4);
    // no entity is split in two
    let mut names: Vec<String> = out.entities.iter().map(|e| norm(&e.name)).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), out.entities.len());
    for e in &out.entities {
        e.mentions
            .iter()
            .chain(&e.descriptions)
            .for_each(check_span);
    }
}

#[test]
fn speakers_and_about() {
    let out = run(None);
    let id = |n: &str| entity(&out, n).id;
    // attributions in the order of the key: 1 Johnny, 2 Johnny, 3 Sokolov,
    // 4 the group, 5 its carried-over quote, 6-7 Sokolov, 8 Siziy (9: the repeat)
    let speakers: Vec<Option<usize>> = out.attributions.iter().map(|a| a.speaker_entity).collect();
    let j = Some(id("Johnny"));
    let s = Some(id("Sokolov"));
    let c = Some(id("Civic Council"));
    let z = Some(id("Siziy"));
    assert_eq!(speakers, [j, j, s, c, c, s, s, z, z]);
    // the Johnny quote names Russia, Belgium, Yakutia, Chechnya
    let about2 = &out.attributions[1].about;
    for p in ["Russia", "Belgium", "Yakutia", "Chechnya"] {
        assert!(about2.contains(&id(p)), "{p}");
    }
    // the group's second quote is about Putin and Ukraine
    assert!(out.attributions[4].about.contains(&id("Vladimir Putin")));
    assert!(out.attributions[4].about.contains(&id("Ukraine")));
    // Sokolov's quote: Moscow, Siberia, Russia
    for p in ["Moscow", "Siberia", "Russia"] {
        assert!(out.attributions[5].about.contains(&id(p)), "{p}");
    }
}

#[test]
fn the_two_figures_count_fighters() {
    let out = run(None);
    assert_eq!(out.figures.len(), 2, "{:?}", out.figures);
    let key = [
        (
            50.0,
            "50 fighters are in training or battling",
            "in training or battling",
        ),
        (
            40.0,
            "40 awaiting clearance from Ukraine’s security services",
            "awaiting clearance from Ukraine’s security services",
        ),
    ];
    for (f, (value, text, about)) in out.figures.iter().zip(key) {
        assert_eq!(f.value, value);
        assert_eq!(f.counts.as_deref(), Some("fighters"));
        assert!(!f.approximate);
        let ab = f.about.as_ref().unwrap();
        assert_eq!(ab.text, about);
        assert_eq!(chars(f.span.start, ab.end), text);
        assert_eq!(f.attribution, None, "narration, not a quote");
        check_span(&f.span);
        check_span(ab);
    }
    assert!(out.figures[1].counts_carried);
}

#[test]
fn the_two_dates() {
    let out = run(None);
    assert_eq!(out.dates.len(), 2, "{:?}", out.dates);
    let feb = &out.dates[0];
    assert_eq!(feb.span.text, "February 2022");
    assert_eq!(feb.value.as_deref(), Some("2022-02"));
    assert_eq!(
        (feb.start.as_deref(), feb.end.as_deref()),
        (Some("2022-02-01"), Some("2022-02-28"))
    );
    let oct = &out.dates[1];
    assert_eq!(oct.span.text, "October");
    assert_eq!(chars(oct.span.start - 3, oct.span.end), "in October");
    assert_eq!(oct.value, None);
    assert_eq!(
        oct.unresolved_reason.as_deref(),
        Some("year not stated and no publication date")
    );
    // with a publication date: October of that year
    let out = run(Some("2024-11-20"));
    assert_eq!(out.dates[1].value.as_deref(), Some("2024-10"));
    assert_eq!(out.dates[1].unresolved_reason, None);
    assert_eq!(out.dates[0].value.as_deref(), Some("2022-02"));
}

#[test]
fn every_relation_of_the_key_and_nothing_wrong() {
    let out = run(None);
    let name = |id: Option<usize>| id.and_then(|i| out.entity(i)).map(|e| norm(&e.name));
    let got: Vec<(String, &str, Option<String>)> = out
        .relations
        .iter()
        .map(|r| {
            (
                name(Some(r.subject)).unwrap(),
                r.predicate.as_str(),
                name(r.object),
            )
        })
        .collect();
    let key = [
        ("Johnny", "joined", "Siberian Battalion"),
        ("Johnny", "from", "St. Petersburg"),
        ("Civic Council", "formed", "Siberian Battalion"),
        ("Civic Council", "based in", "Poland"),
        (
            "Siberian Battalion",
            "part of",
            "Ukraine's international legion",
        ),
    ];
    for (s, p, o) in key {
        assert!(
            got.contains(&(s.to_string(), p, Some(o.to_string()))),
            "missing {s} {p} {o}; got {got:?}"
        );
    }
    // also right, checked by hand: "Johnny, now part of the Siberian Battalion", and two roles
    let also = [
        ("Johnny", "member of", Some("Siberian Battalion")),
        ("Siziy", "role", None),
        ("Vladimir Putin", "role", None),
    ];
    for g in &got {
        let known = key
            .iter()
            .any(|(s, p, o)| (g.0.as_str(), g.1, g.2.as_deref()) == (*s, *p, Some(*o)))
            || also
                .iter()
                .any(|(s, p, o)| (g.0.as_str(), g.1, g.2.as_deref()) == (*s, *p, *o));
        assert!(known, "unexpected relation {g:?}");
    }
    for r in &out.relations {
        check_span(&r.evidence);
        for s in &r.support {
            check_span(s);
            assert!(
                r.evidence.start <= s.start && s.end <= r.evidence.end,
                "support outside its sentence"
            );
        }
    }
    let based = out
        .relations
        .iter()
        .find(|r| r.predicate.as_str() == "based in")
        .unwrap();
    let support: Vec<&str> = based.support.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(support, ["Civic Council", "based in", "Poland"]);
}

/// The same key read from the key file itself (the copy in `examples/`,
/// identical to `../shared/data/seed/siberian-battalion.expected.json`,
/// which is compared when present), through the full document output that
/// `quotegraph extract` prints.
#[test]
fn the_key_file_through_the_document_output() {
    const KEY: &str = include_str!("../../../examples/siberian-battalion.expected.json");
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/seed/siberian-battalion.expected.json");
    if let Ok(s) = std::fs::read_to_string(&shared) {
        assert_eq!(s, KEY, "examples/ and the shared seed key differ");
    }
    let key: serde_json::Value = serde_json::from_str(KEY).unwrap();
    let doc = Pipeline::default().annotate(TEXT).unwrap();
    let out = quotegraph_actors::document("siberian-battalion", &doc, &Options::default());
    let find = |name: &str| {
        out.entities
            .iter()
            .find(|e| norm(&e.name) == norm(name))
            .unwrap_or_else(|| panic!("no entity {name:?}"))
    };
    for (ty, names) in key["entities"].as_object().unwrap() {
        for item in names.as_array().unwrap() {
            // "Putin / Vladimir Putin (Russian President)"
            let item = item.as_str().unwrap();
            let (names, description) = match item.split_once(" (") {
                Some((n, d)) => (n, Some(d.trim_end_matches(')'))),
                None => (item, None),
            };
            let name = names.rsplit(" / ").next().unwrap();
            let e = find(name);
            assert_eq!(e.kind.as_str(), ty, "{name}");
            for other in names.split(" / ") {
                assert!(
                    e.mentions.iter().any(|m| norm(&m.text) == norm(other)),
                    "{other} is not a mention of {name}"
                );
            }
            if let Some(d) = description {
                assert!(
                    e.descriptions.iter().any(|x| x.text.ends_with(d)),
                    "{name}: no description {d:?} in {:?}",
                    e.descriptions
                );
            }
        }
    }
    for f in key["figures"].as_array().unwrap() {
        let value = f["value"].as_f64().unwrap();
        let text = f["text"].as_str().unwrap();
        let got = out
            .figures
            .iter()
            .find(|g| g.value == value)
            .unwrap_or_else(|| panic!("no figure {value}"));
        assert_eq!(got.counts.as_deref(), f["unit"].as_str(), "{text}");
        assert!(
            text.starts_with(&got.span.text),
            "{text} / {}",
            got.span.text
        );
        let about = got.about.as_ref().expect("what the figure says about them");
        assert!(text.ends_with(&about.text), "{text} / {}", about.text);
    }
    for d in key["dates"].as_array().unwrap() {
        let text = d["text"].as_str().unwrap();
        assert!(
            out.dates.iter().any(|x| text.ends_with(&x.span.text)),
            "no date {text}"
        );
    }
    for r in key["relations"].as_array().unwrap() {
        let r: Vec<&str> = r
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        let (s, o) = (find(r[0]).id, find(r[2]).id);
        assert!(
            out.relations
                .iter()
                .any(|x| x.subject == s && x.predicate.as_str() == r[1] && x.object == Some(o)),
            "no relation {r:?}"
        );
    }
    // every attribution has its links; Sokolov's quotes have him as speaker
    let sokolov = find("Sokolov").id;
    assert!(out
        .attributions
        .iter()
        .any(|a| a.speaker_entity == Some(sokolov)));
}
