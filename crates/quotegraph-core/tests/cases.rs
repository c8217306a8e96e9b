//! Attribution cases, one small text each, checked by hand.

use quotegraph_core::schema::OutDocument;
use quotegraph_core::Pipeline;

/// (type, speaker, cue texts, content texts, source texts) of each attribution.
type Row = (
    String,
    Option<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
);

fn extract(text: &str) -> Vec<Row> {
    let doc = Pipeline::default().annotate(text).unwrap();
    let out = OutDocument::from_doc("t", &doc);
    out.attributions
        .iter()
        .map(|a| {
            (
                serde_json::to_value(a.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
                a.speaker.as_ref().and_then(|s| s.name.clone()),
                a.cue.iter().map(|s| s.text.clone()).collect(),
                a.content.iter().map(|s| s.text.clone()).collect(),
                a.source.iter().map(|s| s.text.clone()).collect(),
            )
        })
        .collect()
}

fn one(text: &str) -> Row {
    let v = extract(text);
    assert_eq!(v.len(), 1, "{text}\n{v:#?}");
    v.into_iter().next().unwrap()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn cue_after_quote() {
    let r = one("“We will win this war,” Sokolov said.");
    assert_eq!(r.0, "direct");
    assert_eq!(r.3, s(&["“We will win this war,”"]));
    assert_eq!(r.4, s(&["Sokolov"]));
    assert_eq!(r.2, s(&["said"]));
}

#[test]
fn inverted_cue_after_quote() {
    let r = one("\"The plan is dead,\" said Senator Jane Roe.");
    assert_eq!(r.3, s(&["\"The plan is dead,\""]));
    assert_eq!(r.4, s(&["Senator Jane Roe"]));
    assert_eq!(r.1.as_deref(), Some("Jane Roe"));
}

#[test]
fn quote_split_around_its_cue() {
    let r = one("“It is freedom,” Siziy said. “And Ukraine is fighting for existence.”");
    assert_eq!(
        r.3,
        s(&[
            "“It is freedom,”",
            "“And Ukraine is fighting for existence.”"
        ])
    );
}

#[test]
fn cue_before_quote_with_colon() {
    let r = one("The minister said: “We will not negotiate.”");
    assert_eq!(r.0, "direct");
    assert_eq!(r.3, s(&["“We will not negotiate.”"]));
    assert_eq!(r.4, s(&["The minister"]));
}

#[test]
fn cue_before_quote_with_comma_and_pp() {
    let r = one("Putin said in a statement, “Russia will respond.”");
    assert_eq!(r.3, s(&["“Russia will respond.”"]));
    assert_eq!(r.4, s(&["Putin"]));
}

#[test]
fn dash_attribution() {
    let r = one("“Never again.” — Vladimir Putin");
    assert_eq!(r.0, "direct");
    assert_eq!(r.3, s(&["“Never again.”"]));
    assert_eq!(r.4, s(&["Vladimir Putin"]));
}

#[test]
fn indirect_with_that() {
    let r = one("Johnson said that the economy was growing faster than expected.");
    assert_eq!(r.0, "indirect");
    assert_eq!(
        r.3,
        s(&["that the economy was growing faster than expected"])
    );
    assert_eq!(r.4, s(&["Johnson"]));
}

#[test]
fn indirect_without_that() {
    let r = one("The company denied it had broken any rules.");
    assert_eq!(r.3, s(&["it had broken any rules"]));
    assert_eq!(r.4, s(&["The company"]));
    let r = one("Johnny, now part of the Siberian Battalion, emphasizes the importance of reclaiming Siberian resources.");
    assert_eq!(r.3, s(&["the importance of reclaiming Siberian resources"]));
    assert_eq!(r.4, s(&["Johnny"]));
}

#[test]
fn told_with_addressee() {
    let r = one("Smith told reporters on Tuesday that the deal was off.");
    assert_eq!(r.3, s(&["that the deal was off"]));
    assert_eq!(r.2, s(&["told"]));
}

#[test]
fn content_before_cue() {
    let r = one("The economy is in trouble, the minister warned.");
    assert_eq!(r.3, s(&["The economy is in trouble"]));
    assert_eq!(r.4, s(&["the minister"]));
    assert_eq!(r.2, s(&["warned"]));
}

#[test]
fn parenthetical_cue() {
    let r = one("The plan, Smith said, is not dead yet.");
    assert_eq!(r.3, s(&["The plan", "is not dead yet"]));
}

#[test]
fn according_to_before_and_after() {
    let r = one("According to the ministry, 40 soldiers were killed.");
    assert_eq!(r.3, s(&["40 soldiers were killed"]));
    assert_eq!(r.4, s(&["the ministry"]));
    assert_eq!(r.2, s(&["According to"]));
    let r = one("Forty soldiers were killed, according to the ministry.");
    assert_eq!(r.3, s(&["Forty soldiers were killed"]));
    assert_eq!(r.4, s(&["the ministry"]));
}

#[test]
fn mixed_quote() {
    let r = one("Trump said the election was “rigged” by the media.");
    assert_eq!(r.0, "mixed");
    assert_eq!(r.3, s(&["the election was “rigged” by the media"]));
}

#[test]
fn cue_classes() {
    let doc = Pipeline::default()
        .annotate("The firm denied the report. She warned that prices would rise.")
        .unwrap();
    let out = OutDocument::from_doc("t", &doc);
    let classes: Vec<_> = out
        .attributions
        .iter()
        .map(|a| serde_json::to_value(a.cue_class).unwrap())
        .collect();
    assert_eq!(classes, ["deny", "warn"]);
}

#[test]
fn no_attribution_inside_a_quote() {
    let v = extract("“They said we would lose, and they claimed it was over,” Smith said.");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].4, s(&["Smith"]));
}

#[test]
fn carry_over_to_next_quote_paragraph() {
    let v = extract(
        "“We will fight,” the group said.\n\n“We will never surrender.”\n\nThe war goes on.",
    );
    assert_eq!(v.len(), 2);
    assert!(v[1].2.is_empty());
    assert_eq!(v[1].3, s(&["“We will never surrender.”"]));
}

#[test]
fn no_carry_over_after_narration() {
    let v = extract("“We will fight,” Smith said.\n\nThe war goes on in the east.\n\n“We will never surrender.”");
    assert_eq!(v.len(), 1);
}

#[test]
fn pronoun_and_surname_resolve() {
    let v = extract(
        "Russian President Vladimir Putin spoke on Monday. “We are ready,” Putin said.\n\nHe added that talks were possible.",
    );
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].1.as_deref(), Some("Vladimir Putin"));
    assert_eq!(v[1].1.as_deref(), Some("Vladimir Putin"));
}

#[test]
fn nominal_resolves_to_described_organisation() {
    let v = extract(
        "The Civic Council, a Russian opposition group based in Poland, formed the unit. Later the Siberian Battalion grew.\n\n“We fight for democracy,” the group said.",
    );
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].1.as_deref(), Some("Civic Council"));
}

#[test]
fn colon_joins_its_cue_and_the_quote_may_open_the_next_paragraph() {
    let r = one(
        "Caddell continued:\n\n\"The health issue is very much a partisan issue.\"\n\nThe end.",
    );
    assert_eq!(r.2, s(&["continued:"]));
    assert_eq!(
        r.3,
        s(&["\"The health issue is very much a partisan issue.\""])
    );
    assert_eq!(r.4, s(&["Caddell"]));
}

#[test]
fn headline_colon_attribution() {
    let r = one("Gingrich: Trump Must Decide Soon\n\nThe race goes on without him.");
    assert_eq!(r.2, s(&[":"]));
    assert_eq!(r.4, s(&["Gingrich"]));
    assert_eq!(r.3, s(&["Trump Must Decide Soon"]));
}

#[test]
fn coordinated_verb_and_participle_subjects() {
    let v = extract("Bob said he heard gunfire and suspected that the post was under attack.");
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].4, s(&["Bob"]));
    assert_eq!(v[1].3, s(&["that the post was under attack"]));
    let r = one("By a wide margin, those surveyed say the country should act.");
    assert_eq!(r.4, s(&["those surveyed"]));
}
