//! The API over real HTTP: a server on a random loopback port, a store built from the seed
//! article and PolNeAR dev articles (from `QUOTEGRAPH_SHARED` or `../shared`, when present).

use std::path::{Path, PathBuf};
use std::time::Duration;

use quotegraph_core::{Article, ArticleMeta, Origin, Pipeline};
use quotegraph_server::api::ExtractResult;
use quotegraph_server::{Config, Server};
use quotegraph_store::{prepare, Store};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

const SEED: &str = include_str!("../../../examples/siberian-battalion.txt");
const SEED_KEY: &str = include_str!("../../../examples/siberian-battalion.expected.json");
/// PolNeAR dev articles put in the test store.
const POLNEAR_ARTICLES: usize = 12;

fn shared() -> PathBuf {
    std::env::var_os("QUOTEGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// PolNeAR dev articles with metadata from their file names (`outlet_YYYY-MM-DD_slug.txt`).
fn polnear_articles(n: usize) -> Vec<Article> {
    let dir = shared().join("data/polnear/dev/text");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "{}: not found, the store holds the seed only",
            dir.display()
        );
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .take(n)
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let mut parts = stem.splitn(3, '_');
            let outlet = parts.next().map(str::to_string);
            let published = parts.next().map(str::to_string);
            let title = parts.next().map(|s| s.replace('-', " "));
            Article {
                text: std::fs::read_to_string(&p).unwrap(),
                meta: ArticleMeta {
                    id: Some(stem.clone()),
                    title,
                    published,
                    outlet,
                    ..ArticleMeta::default()
                },
                origin: Origin {
                    file: p.display().to_string(),
                    ..Origin::default()
                },
            }
        })
        .collect()
}

fn seed_article() -> Article {
    Article {
        text: SEED.to_string(),
        meta: ArticleMeta {
            id: Some("siberian-battalion".into()),
            title: Some("The Siberian Battalion".into()),
            published: Some("2024-03-05".into()),
            outlet: Some("Seed News".into()),
            url: Some("https://example.org/siberian-battalion".into()),
            ..ArticleMeta::default()
        },
        origin: Origin {
            file: "siberian-battalion.txt".into(),
            ..Origin::default()
        },
    }
}

fn build_store(path: &Path, polnear: usize, extra: Vec<Article>) {
    let mut store = Store::open(path).unwrap();
    let pipeline = Pipeline::default();
    let mut batch = vec![prepare(&pipeline, seed_article()).unwrap()];
    for a in polnear_articles(polnear).into_iter().chain(extra) {
        batch.push(prepare(&pipeline, a).unwrap());
    }
    store.write(&batch).unwrap();
}

struct Running {
    base: String,
    client: Client,
    _dir: tempfile::TempDir,
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = self.client.get(self.url(path)).send().await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        let v = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("GET {path}: {status}: not JSON ({e}): {text}"));
        (status, v)
    }

    async fn post(
        &self,
        path: &str,
        ct: &str,
        body: impl Into<reqwest::Body>,
    ) -> (StatusCode, Value) {
        let r = self
            .client
            .post(self.url(path))
            .header("content-type", ct)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        let text = r.text().await.unwrap();
        let v = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("POST {path}: {status}: not JSON ({e}): {text}"));
        (status, v)
    }
}

async fn start(polnear: usize, edit: impl FnOnce(&mut Config)) -> Running {
    start_with(polnear, Vec::new(), edit).await
}

/// A server over a store of the seed, `polnear` PolNeAR articles and `extra` articles.
async fn start_with(
    polnear: usize,
    extra: Vec<Article>,
    edit: impl FnOnce(&mut Config),
) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let db2 = db.clone();
    tokio::task::spawn_blocking(move || build_store(&db2, polnear, extra))
        .await
        .unwrap();
    let mut config = Config {
        db,
        ..Config::default()
    };
    edit(&mut config);
    let server = Server::open(config).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server.serve(listener, std::future::pending()));
    Running {
        base: format!("http://{addr}"),
        client: Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap(),
        _dir: dir,
    }
}

fn error_message(v: &Value) -> &str {
    v["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message in {v}"))
}

/// The seed's attributions (not counting repeats) and their speakers, as the answer key has them.
fn expected_speakers() -> Vec<String> {
    let key: Value = serde_json::from_str(SEED_KEY).unwrap();
    key["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["speaker"].as_str().unwrap().to_string())
        .collect()
}

fn speakers_of(doc: &Value) -> Vec<String> {
    doc["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["duplicate_of"].is_null())
        .map(|a| a["speaker"]["name"].as_str().unwrap_or("?").to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_openapi() {
    let s = start(0, |_| {}).await;
    let (st, v) = s.get("/healthz").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v, json!({"status": "ok", "read_only": false}));
    let (st, doc) = s.get("/openapi.json").await;
    assert_eq!(st, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for p in [
        "/api/extract",
        "/api/quotes",
        "/api/speakers",
        "/api/speakers/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/healthz",
    ] {
        assert!(
            doc["paths"][p].is_object(),
            "{p} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["securitySchemes"]["write_token"].is_object());
    // unknown endpoints: JSON 404 for the API, 405 for a wrong method
    let (st, v) = s.get("/api/nothing").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(error_message(&v).contains("/api/nothing"));
    let (st, _) = s.post("/api/quotes", "text/plain", "x").await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extract_in_every_body_form() {
    let s = start(0, |c| c.body_limit = 64 * 1024).await;
    // plain text: the engine's JSON, as `quotegraph extract` prints it
    let (st, doc) = s.post("/api/extract", "text/plain", SEED).await;
    assert_eq!(st, StatusCode::OK, "{doc}");
    assert_eq!(speakers_of(&doc), expected_speakers());
    assert_eq!(doc["doc"], "request");
    assert_eq!(doc["duplicates"].as_array().unwrap().len(), 1);
    // spans carry their text, in code points
    let chars: Vec<char> = SEED.chars().collect();
    for a in doc["attributions"].as_array().unwrap() {
        for sp in a["content"].as_array().unwrap() {
            let (b, e) = (
                sp["start"].as_u64().unwrap() as usize,
                sp["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[b..e].iter().collect::<String>(),
                sp["text"].as_str().unwrap()
            );
        }
    }
    // the schema in the OpenAPI document describes this answer exactly
    let _: ExtractResult = serde_json::from_value(doc.clone()).unwrap();
    let pipeline = Pipeline::default();
    let expected = quotegraph_core::schema::OutDocument::from_doc(
        "request",
        &pipeline.annotate(SEED).unwrap(),
    );
    assert_eq!(doc, serde_json::to_value(&expected).unwrap());

    // JSON text, with a name
    let (st, v) = s
        .post(
            "/api/extract",
            "application/json",
            json!({"text": SEED, "doc": "seed"}).to_string(),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["doc"], "seed");
    assert_eq!(speakers_of(&v), expected_speakers());

    // JSON html: main content extracted, the text read returned with the offsets
    let paras: String = SEED
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>\n", quotegraph_server::html::esc(p.trim())))
        .collect();
    let page = format!(
        "<html><head><title>The Siberian Battalion</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>The Siberian Battalion</h1>{paras}</article>\
         <footer>Copyright 2024 Seed News. All rights reserved.</footer></body></html>"
    );
    let (st, v) = s
        .post(
            "/api/extract",
            "application/json",
            json!({"html": page}).to_string(),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("We want to democratise Russia"));
    assert!(!text.contains("All rights reserved"));
    let got = speakers_of(&v);
    assert!(got.len() >= 7, "{got:?}");
    assert!(got.contains(&"Sokolov".to_string()) && got.contains(&"Siziy".to_string()));
    let _: ExtractResult = serde_json::from_value(v.clone()).unwrap();
    // text/html body
    let (st, v2) = s
        .post("/api/extract", "text/html; charset=utf-8", page.clone())
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v2["attributions"], v["attributions"]);
    // a form, as the extract page sends it (CRLF line ends read as LF)
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("text", &SEED.replace('\n', "\r\n"))
        .finish();
    let (st, v) = s
        .post("/api/extract", "application/x-www-form-urlencoded", form)
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["attributions"], doc["attributions"]);

    // errors, each with a message
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "application/json",
            br#"{"text": "a", "html": "b"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "not both",
        ),
        (
            "application/json",
            br#"{"url": "x"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "\"text\" or an \"html\"",
        ),
        (
            "application/json",
            b"{not json".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid JSON",
        ),
        (
            "text/plain",
            b"   \n ".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
        ),
        (
            "text/plain",
            b"caf\xff".to_vec(),
            StatusCode::BAD_REQUEST,
            "UTF-8",
        ),
        (
            "image/png",
            b"x".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content type",
        ),
        (
            "text/html",
            b"<html><body></body></html>".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no article text",
        ),
        (
            "text/plain",
            SEED.repeat(30).into_bytes(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "body limit",
        ),
    ];
    for (ct, body, want, msg) in cases {
        let (st, v) = s.post("/api/extract", ct, body).await;
        assert_eq!(st, want, "{ct}: {v}");
        assert!(error_message(&v).contains(msg), "{ct}: {v}");
        assert_eq!(v["status"], want.as_u16());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_requests_get_408() {
    let s = start(0, |c| c.timeout = Duration::from_millis(1)).await;
    let (st, v) = s.post("/api/extract", "text/plain", SEED.repeat(20)).await;
    assert_eq!(st, StatusCode::REQUEST_TIMEOUT, "{v}");
    assert!(error_message(&v).contains("time limit of 1 ms"));
}

/// Every page of `path` (which has no `cursor`) at `limit` per page.
async fn all_pages(s: &Running, path: &str, limit: usize, items: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    let sep = if path.contains('?') { '&' } else { '?' };
    for _ in 0..1000 {
        let url = match &cursor {
            Some(c) => format!("{path}{sep}limit={limit}&cursor={c}"),
            None => format!("{path}{sep}limit={limit}"),
        };
        let (st, v) = s.get(&url).await;
        assert_eq!(st, StatusCode::OK, "{url}: {v}");
        let page = v[items].as_array().unwrap();
        assert!(page.len() <= limit);
        out.extend(page.iter().cloned());
        match v["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(page.len(), limit, "a page before the last is full");
                cursor = Some(c.to_string());
            }
            None => return out,
        }
    }
    panic!("pagination of {path} did not end");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotes_search_filters_and_pages() {
    let s = start(POLNEAR_ARTICLES, |_| {}).await;
    let (st, v) = s.get("/api/quotes?q=resources").await;
    assert_eq!(st, StatusCode::OK);
    let items = v["items"].as_array().unwrap();
    assert!(items.iter().any(|h| h["speaker"] == "Sokolov"
        && h["content"]
            .as_str()
            .unwrap()
            .contains("Taking these resources away")));
    for h in items {
        assert!(h["content"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("resource"));
    }
    // a speaker filter, with the entity id to follow
    let (_, v) = s.get("/api/quotes?speaker=Sokolov").await;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{v}");
    assert!(items
        .iter()
        .all(|h| h["speaker"] == "Sokolov" && h["speaker_id"].is_i64()));
    assert!(items
        .iter()
        .all(|h| h["day"] == "2024-03-05" && h["outlet"] == "Seed News"));
    // date filters
    let (_, v) = s.get("/api/quotes?speaker=Sokolov&since=2024-04").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
    let (_, v) = s.get("/api/quotes?speaker=Sokolov&until=2024-03").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    // pages of a query that matches many quotes: the same results as one big page, in order
    if !polnear_articles(1).is_empty() {
        let (_, big) = s.get("/api/quotes?since=2016&limit=100").await;
        let big = big["items"].as_array().unwrap().clone();
        assert!(big.len() > 30, "{}", big.len());
        let paged = all_pages(&s, "/api/quotes?since=2016", 7, "items").await;
        let ids = |v: &[Value]| {
            v.iter()
                .map(|h| h["attribution_id"].as_i64().unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&paged)[..big.len().min(paged.len())], ids(&big)[..]);
        let mut unique = ids(&paged);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), paged.len(), "no result on two pages");
        let paged_text = all_pages(&s, "/api/quotes?q=the", 5, "items").await;
        assert!(paged_text.len() > 5);
    }
    // bad parameters: 400 with a message
    for (q, msg) in [
        ("since=yesterday", "YYYY"),
        ("until=2016-13-45", "YYYY"),
        ("limit=0", "between 1 and 100"),
        ("limit=101", "between 1 and 100"),
        ("limit=ten", "bad query"),
        ("cursor=xyz", "cursor"),
        ("cursor=o999999999", "cursor"),
    ] {
        let (st, v) = s.get(&format!("/api/quotes?{q}")).await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "{q}: {v}");
        assert!(error_message(&v).contains(msg), "{q}: {v}");
    }
    // FTS syntax is taken literally
    let (st, _) = s.get("/api/quotes?q=%22AND%20OR%20NEAR(%20*%20-").await;
    assert_eq!(st, StatusCode::OK);
    // a NUL would cut the FTS query short in SQLite
    let (st, _) = s.get("/api/quotes?q=%00%22a%00b&speaker=%00").await;
    assert_eq!(st, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speakers_list_and_detail() {
    let s = start(POLNEAR_ARTICLES, |_| {}).await;
    let (st, v) = s.get("/api/speakers?q=sokolov").await;
    assert_eq!(st, StatusCode::OK);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{v}");
    assert_eq!(items[0]["name"], "Sokolov");
    assert_eq!(items[0]["statements"], 3);
    let id = items[0]["id"].as_i64().unwrap();

    let (st, d) = s.get(&format!("/api/speakers/{id}")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(d["name"], "Sokolov");
    assert_eq!(d["kind"], "person");
    assert_eq!(d["statements"], 3);
    assert_eq!(d["first_seen"], "2024-03-05");
    assert_eq!(d["last_seen"], "2024-03-05");
    assert_eq!(
        d["per_month"],
        json!([{"month": "2024-03", "statements": 3}])
    );
    assert_eq!(d["aliases"][0]["name"], "Sokolov");
    assert_eq!(d["articles"].as_array().unwrap().len(), 1);
    assert_eq!(d["statement_page"].as_array().unwrap().len(), 3);
    // statements page by cursor
    let (_, p1) = s.get(&format!("/api/speakers/{id}?limit=2")).await;
    assert_eq!(p1["statement_page"].as_array().unwrap().len(), 2);
    let c = p1["next_cursor"].as_str().unwrap();
    let (_, p2) = s
        .get(&format!("/api/speakers/{id}?limit=2&cursor={c}"))
        .await;
    assert_eq!(p2["statement_page"].as_array().unwrap().len(), 1);
    assert!(p2["next_cursor"].is_null());
    assert_eq!(p2["statement_page"][0], d["statement_page"][2]);

    // the whole list, page by page, equals one big page
    let (_, big) = s.get("/api/speakers?limit=100").await;
    let big = big["items"].as_array().unwrap().clone();
    let paged = all_pages(&s, "/api/speakers", 3, "items").await;
    assert_eq!(paged[..big.len().min(paged.len())], big[..]);
    // most statements first
    let counts: Vec<i64> = paged
        .iter()
        .map(|x| x["statements"].as_i64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    if !polnear_articles(1).is_empty() {
        assert!(paged.len() > 10);
        // a PolNeAR speaker with dated statements
        let top = &paged[0];
        let (_, d) = s.get(&format!("/api/speakers/{}", top["id"])).await;
        assert!(d["first_seen"].as_str().unwrap().starts_with("2016"));
        assert!(!d["per_month"].as_array().unwrap().is_empty());
    }

    let (st, v) = s.get("/api/speakers/999999").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(error_message(&v).contains("999999"));
    let (st, _) = s.get("/api/speakers/abc").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = s.get("/api/speakers?cursor=o-1").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_with_all_layers() {
    let s = start(0, |_| {}).await;
    let (_, hits) = s.get("/api/quotes?speaker=Siziy").await;
    let id = hits["items"][0]["article_id"].as_i64().unwrap();
    let (st, a) = s.get(&format!("/api/articles/{id}")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(a["text"], SEED);
    assert_eq!(a["title"], "The Siberian Battalion");
    assert_eq!(a["day"], "2024-03-05");
    assert_eq!(a["sources"].as_array().unwrap().len(), 1);
    let attrs = a["attributions"].as_array().unwrap();
    assert_eq!(attrs.len(), 9);
    let names: Vec<&str> = attrs
        .iter()
        .filter(|x| x["duplicate_of"].is_null())
        .map(|x| x["speaker"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, expected_speakers());
    assert_eq!(attrs[8]["duplicate_of"], 8);
    assert_eq!(attrs[8]["spans"]["content"][0]["start"], 2791);
    assert_eq!(
        a["duplicates"],
        json!([{"start": 2791, "end": 3019, "duplicate_of": {"start": 2561, "end": 2789}}])
    );
    let (st, v) = s.get("/api/articles/424242").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(error_message(&v).contains("424242"));
    let (st, _) = s.get("/api/articles/1.5").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

const XSS: &str = "<script>alert(1)</script> opened the meeting.\n\n\
    \"We will not be silenced,\" said Ivan Sokolov, \"\"><img src=x onerror=alert(1)>\".\n\n\
    \"'><svg onload=alert(1)>,\" Maria Petrova told reporters.\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_need_the_token() {
    let article = json!({"text": XSS, "title": "<b>XSS</b> test", "url": "javascript:alert(1)",
                         "published": "2024-05-01", "outlet": "Test"});
    // no token configured: every write refused
    let s = start(0, |_| {}).await;
    let (st, v) = s
        .post("/api/articles", "application/json", article.to_string())
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(error_message(&v).contains("without a write token"));

    let s = start(0, |c| c.write_token = Some("s3cret".into())).await;
    let post = |token: Option<&'static str>, body: String| {
        let mut r = s
            .client
            .post(s.url("/api/articles"))
            .header("content-type", "application/json")
            .body(body);
        if let Some(t) = token {
            r = r.header("authorization", format!("Bearer {t}"));
        }
        r.send()
    };
    let r = post(None, article.to_string()).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = post(Some("wrong"), article.to_string()).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("wrong"));
    let r = post(Some("s3cret"), article.to_string()).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let stored: Value = r.json().await.unwrap();
    assert_eq!(stored["new"], true);
    assert!(stored["attributions"].as_u64().unwrap() >= 2, "{stored}");
    let id = stored["article_id"].as_i64().unwrap();
    // the same text again: already stored
    let r = post(Some("s3cret"), article.to_string()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let again: Value = r.json().await.unwrap();
    assert_eq!(
        (again["new"].clone(), again["article_id"].as_i64()),
        (json!(false), Some(id))
    );
    // searchable at once
    let (_, v) = s.get("/api/quotes?q=silenced").await;
    assert_eq!(v["items"][0]["article_id"], id);
    let (_, a) = s.get(&format!("/api/articles/{id}")).await;
    assert_eq!(a["text"], XSS);
    // bad articles
    for (body, want) in [
        ("{\"title\": \"no text\"}", "text"),
        ("[1, 2]", "JSON object"),
        ("{\"text\": ", "invalid JSON"),
        ("{\"text\": \"   \"}", "text"),
    ] {
        let r = post(Some("s3cret"), body.to_string()).await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
        let v: Value = r.json().await.unwrap();
        assert!(error_message(&v).contains(want), "{body}: {v}");
    }

    // the article page shows the hostile text as text
    let html = s
        .client
        .get(s.url(&format!("/articles/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(html.status(), StatusCode::OK);
    let csp = html.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"));
    let html = html.text().await.unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("<svg onload"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;XSS&lt;/b&gt; test"));

    // read-only: refused even with the token
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    build_store(&db, 0, Vec::new());
    let ro = Server::open(Config {
        db,
        read_only: true,
        write_token: Some("s3cret".into()),
        ..Config::default()
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(ro.serve(listener, std::future::pending()));
    let r = s
        .client
        .post(format!("{base}/api/articles"))
        .header("authorization", "Bearer s3cret")
        .header("content-type", "application/json")
        .body(article.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("read-only"));
    let h: Value = s
        .client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(h["read_only"], true);
    let (st, _) = (
        s.client
            .get(format!("{base}/api/quotes?q=resources"))
            .send()
            .await
            .unwrap()
            .status(),
        (),
    );
    assert_eq!(st, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render() {
    let s = start(0, |_| {}).await;
    let get = |p: &'static str| s.client.get(s.url(p)).send();
    let r = get("/").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // the extract page's form post
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("text", SEED)
        .append_pair("kind", "text")
        .finish();
    let r = s
        .client
        .post(s.url("/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("9 attributions"));
    assert!(html.contains("class=\"speaker\">Siziy<"));
    let r = get("/search?q=resources").await.unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("class=\"card\""));
    let r = get("/search?since=never").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = get("/speakers").await.unwrap();
    assert!(r.text().await.unwrap().contains("Sokolov"));
    let (_, v) = s.get("/api/speakers?q=Sokolov").await;
    let id = v["items"][0]["id"].as_i64().unwrap();
    let html = s
        .client
        .get(s.url(&format!("/speakers/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg id=\"chart\""));
    assert!(html.contains("2024-03: 3 statements"));
    let r = get("/articles/99999").await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = get("/nowhere").await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("No page at /nowhere"));
    let r = get("/style.css").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// Unnamed sources keep their description: the article page and the search results show
/// "a senior official" (escaped), never an invented name, and link no speaker page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unnamed_sources_show_their_description() {
    let text = "The ministry was silent on Friday.\n\n\
        “We will not comment on <b>rumours</b>,” a senior official said.";
    let article = Article {
        text: text.to_string(),
        meta: ArticleMeta {
            title: Some("Silence".into()),
            published: Some("2024-05-03".into()),
            url: Some("https://example.org/silence".into()),
            ..ArticleMeta::default()
        },
        origin: Origin {
            file: "silence.txt".into(),
            ..Origin::default()
        },
    };
    let s = start_with(0, vec![article], |_| {}).await;
    let (st, v) = s.get("/api/quotes?q=rumours").await;
    assert_eq!(st, StatusCode::OK);
    let hit = &v["items"][0];
    assert!(
        hit["speaker"].is_null() && hit["speaker_id"].is_null(),
        "{hit}"
    );
    assert_eq!(hit["speaker_description"], "a senior official");
    assert_eq!(hit["speaker_kind"], "unnamed");
    let article_id = hit["article_id"].as_i64().unwrap();
    let (_, a) = s.get(&format!("/api/articles/{article_id}")).await;
    let at = &a["attributions"][0];
    assert!(at["speaker"].is_null());
    assert!(at["source_speaker"]["name"].is_null());
    assert_eq!(at["source_speaker"]["description"], "a senior official");
    let page = |p: String| {
        let client = s.client.clone();
        let url = s.url(&p);
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let html = page(format!("/articles/{article_id}")).await;
    assert!(
        html.contains("<span class=\"speaker unnamed\">a senior official</span>"),
        "{html}"
    );
    assert!(html.contains("&lt;b&gt;rumours&lt;/b&gt;"));
    assert!(!html.contains("<b>rumours"));
    let html = page("/search?q=rumours".into()).await;
    assert!(html.contains("<span class=\"speaker unnamed\">a senior official</span>"));
    // no speaker page lists it
    let (_, v) = s.get("/api/speakers?q=official").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 0);
}
