//! Integration tests of the corpus commands: `ingest`, `search`, `speakers`, `export`, run as
//! the built binary on fixtures in `tests/fixtures/corpus` and on a WARC.gz built here.
//!
//! Topics:
//! - every input format in one run: two HTML pages (navigation, cookie banner, scripts,
//!   comments, an embedded tweet, an old `<br>` layout), an RSS and an Atom feed, a JSONL
//!   dump with a malformed line, a WARC.gz with one gzip member per record and a truncated
//!   last record; what is stored, what is left out, what fails and how it is reported;
//! - idempotency: the same inputs again add nothing;
//! - the seed article: `search --speaker Sokolov` and a text search find Sokolov's quotes;
//! - `speakers` and `speakers --explain`, `export` as JSONL and CSV;
//! - a crash: `ingest` killed (SIGKILL) mid-run leaves a sound database, and a rerun ends
//!   with the same counts as an uninterrupted run.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use flate2::write::GzEncoder;
use flate2::Compression;
use quotegraph_store::{Counts, Store};
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotegraph"))
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .output()
        .expect("the quotegraph binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/siberian-battalion.txt")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn counts(db: &Path) -> Counts {
    Store::open_existing(db).unwrap().counts().unwrap()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn warc_record(kind: &str, n: u32, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2024-03-19T06:00:00Z\r\n"
    );
    for (name, value) in headers {
        head += &format!("{name}: {value}\r\n");
    }
    head += &format!("Content-Length: {}\r\n\r\n", block.len());
    [head.as_bytes(), block, b"\r\n\r\n"].concat()
}

fn response(n: u32, url: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let http = [
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").as_bytes(),
        body,
    ]
    .concat();
    warc_record(
        "response",
        n,
        &[
            ("WARC-Target-URI", url),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &http,
    )
}

/// A Common Crawl-style WARC.gz, one gzip member per record:
/// 1. warcinfo;
/// 2. the Northern Ledger page again, crawled at another URL (an exact duplicate);
/// 3. a wire copy of the port strike story: new first sentence, no advert (a near-duplicate);
/// 4. a PNG image (passed over);
/// 5. a page cut off in the middle of its gzip member (truncated).
fn write_warc(path: &Path) {
    let page = std::fs::read(fixtures().join("dam-repairs.html")).unwrap();
    let strike = "<html><head><title>Dock strike goes on</title></head><body><article>\
        <h1>Dock strike goes on</h1>\
        <p>Container traffic in the north remained at a standstill on Monday, the eighth day of a \
        strike by dock workers, as talks between the union and the port authority stalled again.</p>\
        <p>“We will not return until the contract is signed,” union leader Mara Quist said outside \
        the terminal gates.</p>\
        <p>The port authority said talks would resume on Wednesday with a state mediator present.</p>\
        <p>Quist added that members had voted 312 to 40 in favour of continuing the strike, and that \
        the strike fund could last another month.</p></article></body></html>";
    let cut_page = "<html><body><article><p>“This page never arrives whole,” said a reporter \
        whose story was cut.</p>"
        .repeat(20);
    let records = [
        warc_record(
            "warcinfo",
            1,
            &[("Content-Type", "application/warc-fields")],
            b"software: quotegraph-tests\r\n",
        ),
        response(
            2,
            "https://ledger.example.no/amp/dam-repairs",
            "text/html; charset=utf-8",
            &page,
        ),
        response(
            3,
            "https://wire.example.com/2024/03/18/dock-strike",
            "text/html",
            strike.as_bytes(),
        ),
        response(
            4,
            "https://ledger.example.no/logo.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n",
        ),
        response(
            5,
            "https://ledger.example.no/cut",
            "text/html",
            cut_page.as_bytes(),
        ),
    ];
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let member = gzip(r);
        if i == records.len() - 1 {
            out.extend_from_slice(&member[..member.len() / 2]); // truncated
        } else {
            out.extend(member);
        }
    }
    std::fs::write(path, out).unwrap();
}

/// Copies the fixtures into `dir` and adds the WARC.gz; returns the input directory.
fn corpus_inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    write_warc(&inputs.join("crawl.warc.gz"));
    inputs
}

fn search_json(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--db", p(db), "--json"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert!(o.status.success(), "search failed: {}", text(&o.stderr));
    text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// ---------------------------------------------------------------------------
// Every format, then the same again

#[test]
fn every_format_in_one_run_then_again_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = corpus_inputs(dir.path());
    let db = dir.path().join("corpus.db");
    let o = run(&["ingest", "--db", p(&db), p(&inputs)]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(
        o.status.code(),
        Some(1),
        "failures make exit status 1\n{out}\n{err}"
    );
    // read: 1 + 1 HTML pages, 2 RSS items, 2 Atom entries, 3 JSONL articles + 1 bad line,
    // 2 WARC pages + 1 truncated record = 13; of the 11 articles, the JSONL mirror and the
    // WARC copy of the Ledger page are exact duplicates
    assert!(
        out.contains("read 13 articles")
            && out
                .contains("9 new, 2 duplicate (2 new sources), 2 failed; 1 near-duplicates linked"),
        "{out}"
    );
    assert!(err.contains("2 input(s) failed"), "{err}");
    assert!(err.contains("dump.jsonl: line 2: invalid JSON"), "{err}");
    // the truncated record is named by the offset of its gzip member
    assert!(
        err.contains("crawl.warc.gz: byte ") && err.contains("file is truncated"),
        "{err}"
    );
    let c = counts(&db);
    assert_eq!((c.articles, c.sources, c.near_duplicates), (9, 11, 1));

    // the Ledger page: boilerplate, comments and scripts left out; the tweet kept as text
    let conn = Store::open_existing(&db).unwrap();
    let page: String = conn
        .connection()
        .query_row(
            "SELECT text FROM articles WHERE id = (SELECT article_id FROM article_sources
             WHERE source_key = 'https://ledger.example.no/2024/03/14/dam-repairs')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for gone in [
        "cookies",
        "Subscribe",
        "scandal",
        "Troll123",
        "Related",
        "dataLayer",
        "©",
    ] {
        assert!(
            !page.contains(gone),
            "{gone:?} leaked into the article text:\n{page}"
        );
    }
    assert!(page.contains("Residents downstream will be kept informed."));
    let sources: Vec<String> = conn
        .connection()
        .prepare(
            "SELECT source_key FROM article_sources s JOIN articles a ON a.id = s.article_id
             WHERE a.id = (SELECT article_id FROM article_sources WHERE source_key LIKE '%amp%')
             ORDER BY s.id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // directories are read in sorted order: crawl.warc.gz before dam-repairs.html
    assert_eq!(
        sources,
        [
            "https://ledger.example.no/amp/dam-repairs",
            "https://ledger.example.no/2024/03/14/dam-repairs"
        ]
    );
    // the near-duplicate: the Harbour Times page, linked to the wire copy read before it
    let (copy, of): (String, String) = conn
        .connection()
        .query_row(
            "SELECT c.title, o.title FROM article_duplicates d JOIN articles c ON c.id = d.article_id
             JOIN articles o ON o.id = d.duplicate_of",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (copy.as_str(), of.as_str()),
        ("Port strike enters second week", "Dock strike goes on")
    );
    drop(conn);

    // Helena Marsh's warning: one statement in four articles (the Ledger page, the JSONL
    // copy, the shorter Atom version), earliest first: Atom's March 12
    let hits = search_json(&db, &["dam", "safe"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["speaker"], "Helena Marsh");
    assert_eq!(hits[0]["appearances"], 3);
    // "Marsh" alone (RSS) merged into Helena Marsh: her quotes by surname, earliest first
    // (the paraphrase in the Ledger page names her "Marsh" too, resolved there by the engine;
    // "…, Helena Marsh said, repeating her warning from Thursday" is a statement of its own,
    // found by the learned content model, as PolNeAR's annotators mark such participles)
    let marsh = search_json(&db, &["--speaker", "Marsh"]);
    let quotes: Vec<&str> = marsh
        .iter()
        .map(|h| h["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        quotes,
        [
            "“The dam is safe today, but it will not stay safe,”",
            "the repairs would cost about 40 million kroner and take two summers to finish",
            "her warning from Thursday",
            "“Nobody should swim near the spillway this summer,”",
        ],
        "{marsh:?}"
    );
    assert_eq!(marsh[0]["day"], "2024-03-12");
    // dates filter
    let late = search_json(&db, &["--speaker", "Marsh", "--since", "2024-03-15"]);
    assert_eq!(
        late.len(),
        3,
        "the statement's later appearances still match, with the warning of March 16: {late:?}"
    );
    let early = search_json(&db, &["--speaker", "Helena Marsh", "--until", "2024-03-13"]);
    assert_eq!(early.len(), 1);
    // nothing from comments or scripts
    assert!(search_json(&db, &["scandal"]).is_empty());
    assert!(search_json(&db, &["subscribe"]).is_empty());
    // Tomas Lind in RSS, "Lind" in JSONL: one speaker, and one statement with two appearances
    let lind = search_json(&db, &["--speaker", "Lind"]);
    assert_eq!(lind.len(), 1);
    assert_eq!(lind[0]["appearances"], 2);

    let o = run(&["speakers", "--db", p(&db), "--explain", "Marsh"]);
    let out = text(&o.stdout);
    assert!(out.starts_with("Helena Marsh (person"), "{out}");
    assert!(
        out.contains("name \"Marsh\" (key \"marsh\"): surname of Helena Marsh, the only person"),
        "{out}"
    );

    // the same inputs again: nothing new
    let before = counts(&db);
    let o = run(&["ingest", "--db", p(&db), p(&inputs)]);
    let out = text(&o.stdout);
    assert!(
        out.contains("read 13 articles")
            && out.contains("0 new, 11 duplicate (0 new sources), 2 failed"),
        "{out}"
    );
    assert!(out.contains("0 attributions stored"), "{out}");
    assert_eq!(counts(&db), before);
}

// ---------------------------------------------------------------------------
// The seed article

#[test]
fn the_seed_article_finds_sokolov_by_speaker_and_by_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seed.db");
    let o = run(&["ingest", "--db", p(&db), p(&seed())]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("1 new"), "{}", text(&o.stdout));

    let hits = search_json(&db, &["--speaker", "Sokolov"]);
    let quotes: Vec<&str> = hits
        .iter()
        .map(|h| h["content"].as_str().unwrap())
        .collect();
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    assert!(quotes[0].starts_with("“Ukrainians do not trust Russians"));
    assert!(quotes[1].starts_with("“We understand that all of Moscow’s wealth comes from Siberia"));
    assert!(quotes[2].starts_with("“Taking these resources away from the regime"));
    assert!(hits.iter().all(|h| h["speaker"] == "Sokolov"));

    let by_text = search_json(&db, &["Moscow", "wealth"]);
    assert_eq!(by_text.len(), 1);
    assert_eq!(by_text[0]["speaker"], "Sokolov");
    let phrase = search_json(&db, &["\"right to manage their resources\""]);
    assert_eq!(phrase.len(), 1);
    assert_eq!(phrase[0]["speaker"], "Sokolov");
    // the text output names speaker, cue and quote
    let o = run(&[
        "search",
        "--db",
        p(&db),
        "--speaker",
        "Sokolov",
        "--limit",
        "1",
    ]);
    let out = text(&o.stdout);
    assert!(
        out.starts_with("1. Sokolov — “Ukrainians do not trust Russians"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");

    let o = run(&["speakers", "--db", p(&db), "--top", "3"]);
    let out = text(&o.stdout);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[0].ends_with("Sokolov (person)"), "{out}");

    // export: JSONL and CSV with one row per attribution
    let jsonl = dir.path().join("out.jsonl");
    let csv = dir.path().join("out.csv");
    assert!(
        run(&["export", "--db", p(&db), "--format", "jsonl", p(&jsonl)])
            .status
            .success()
    );
    assert!(run(&["export", "--db", p(&db), "--format", "csv", p(&csv)])
        .status
        .success());
    let rows: Vec<Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let n = counts(&db).attributions as usize;
    assert_eq!(rows.len(), n);
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    for r in &rows {
        let span = &r["spans"]["content"][0];
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        let covered: String = seed_text.chars().skip(s).take(e - s).collect();
        assert_eq!(covered, span["text"].as_str().unwrap());
    }
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("attribution_id,article_id,ord,statement_id,type,"));
    // one header line plus one record per attribution (quoted fields may hold no newline here)
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), n + 1);

    // a missing database is an error, not a new empty file
    let missing = dir.path().join("missing.db");
    let o = run(&["search", "--db", p(&missing), "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no database here"),
        "{}",
        text(&o.stderr)
    );
    assert!(!missing.exists());
}

// ---------------------------------------------------------------------------
// Crash safety

/// A JSONL file of `n` short distinct articles with quotes by fifty speakers.
fn many_articles(path: &Path, n: usize) {
    let mut out = String::new();
    for i in 0..n {
        let text = format!(
            "Report {i} from district {d}.\n\n“Turnout in district {d} was {t} percent and the count \
             went smoothly,” said election officer Karin Voss{s}.\n\nObservers counted {c} ballots \
             by hand on day {i}.",
            d = i % 37,
            t = 40 + i % 50,
            s = i % 50,
            c = 1000 + 7 * i
        );
        let line = serde_json::json!({"id": format!("a{i}"), "text": text,
            "published": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)});
        out += &line.to_string();
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_killed_ingest_leaves_a_sound_database_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    many_articles(&input, 1500);

    // the reference: one uninterrupted run
    let full_db = dir.path().join("full.db");
    let started = Instant::now();
    let o = run(&["ingest", "--db", p(&full_db), "--batch", "16", p(&input)]);
    let full_time = started.elapsed();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let full = counts(&full_db);
    assert_eq!(full.articles, 1500);

    // killed about half way
    let db = dir.path().join("killed.db");
    let mut child = bin()
        .args(["ingest", "--db", p(&db), "--batch", "16", p(&input)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep((full_time / 2).max(Duration::from_millis(200)));
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let store = Store::open_existing(&db).expect("the database opens after the kill");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let partial = store.counts().unwrap();
    assert!(partial.articles <= full.articles);
    eprintln!(
        "killed after {} of {} articles",
        partial.articles, full.articles
    );
    drop(store);

    let o = run(&["ingest", "--db", p(&db), "--batch", "16", p(&input)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("read 1500 articles"), "{out}");
    assert_eq!(
        counts(&db),
        full,
        "the rerun ends where an uninterrupted run ends"
    );
    let store = Store::open_existing(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
