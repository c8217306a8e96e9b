//! Server-rendered pages: extract, search, speakers, a speaker, an article. No JavaScript;
//! one small stylesheet; readable on a phone. Every piece of stored or pasted text goes
//! through [`esc`].

use std::fmt::Write as _;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::api::{self, form_input, run_extract, with_reader, QuoteParams};
use crate::db::{self, StoredSpans};
use crate::error::ApiError;
use crate::html::{esc, highlight, month_chart, url_param, Mark, Role};
use crate::AppState;

const STYLE: &str = include_str!("style.css");

/// The stylesheet.
pub(crate) async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · quotegraph</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><header><nav><a class=\"brand\" href=\"/\">quotegraph</a>\
         <a href=\"/\">Extract</a><a href=\"/search\">Search</a>\
         <a href=\"/speakers\">Speakers</a><a href=\"/openapi.json\">API</a></nav></header>\
         <main>{body}</main></body></html>\n",
        t = esc(title)
    )
}

/// An HTML error page with this status.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<h1>{} {}</h1><p class=\"error\">{}</p>",
        status.as_u16(),
        esc(status.canonical_reason().unwrap_or("")),
        esc(message)
    );
    (status, Html(layout("Error", &body))).into_response()
}

/// A failed page request, shown as an HTML page.
pub struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0.status, &self.0.message)
    }
}

type Page = Result<Html<String>, PageError>;

/// A link target only for web URLs: anything else (`javascript:`, `data:`) is not linked.
fn web_link(url: &str, label: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            esc(url.trim()),
            esc(label)
        )
    } else {
        esc(label)
    }
}

fn extract_form(text: &str, html: bool) -> String {
    format!(
        "<form method=\"post\" action=\"/\" class=\"extract\">\
         <label for=\"text\">Paste an article: plain text, or a whole HTML page</label>\
         <textarea id=\"text\" name=\"text\" rows=\"12\" required>\n{}</textarea>\
         <div class=\"row\"><label><input type=\"radio\" name=\"kind\" value=\"text\"{}> Text</label>\
         <label><input type=\"radio\" name=\"kind\" value=\"html\"{}> HTML</label>\
         <button type=\"submit\" id=\"extract\">Extract</button></div></form>",
        esc(text),
        if html { "" } else { " checked" },
        if html { " checked" } else { "" },
    )
}

const LEGEND: &str = "<p class=\"legend\"><span class=\"src\">source</span> \
    <span class=\"cue\">cue</span> <span class=\"con\">content</span> \
    <span class=\"dup\">repeated paragraph</span></p>";

/// `GET /`: the extract form.
pub(crate) async fn extract_form_page() -> Html<String> {
    Html(layout(
        "Extract",
        &format!(
            "<h1>Who said what</h1><p>Paste a news article to see its quotes: who is quoted \
             (<span class=\"src\">source</span>), the reporting verb (<span class=\"cue\">cue</span>) \
             and what was said (<span class=\"con\">content</span>).</p>{}",
            extract_form("", false)
        ),
    ))
}

fn span_marks(spans: &StoredSpans, ord: usize, anchor: Option<String>) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut anchor = anchor;
    for s in &spans.content {
        marks.push(Mark {
            start: s.start,
            end: s.end,
            role: Role::Content,
            attribution: ord,
            anchor: anchor.take(),
        });
    }
    for (list, role) in [
        (&spans.source, Role::Source),
        (&spans.source_description, Role::Source),
        (&spans.cue, Role::Cue),
    ] {
        for s in list {
            marks.push(Mark {
                start: s.start,
                end: s.end,
                role,
                attribution: ord,
                anchor: None,
            });
        }
    }
    marks
}

fn joined(spans: &[db::Span]) -> String {
    spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// `POST /`: the pasted article with its attributions.
pub(crate) async fn extract_result(
    State(st): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Page {
    let body = body.map_err(api::body_error)?;
    let (input, _) = form_input(&body)?;
    let (pasted, is_html) = match &input {
        api::Input::Text(t) => (t.clone(), false),
        api::Input::Html(h, _) => (h.clone(), true),
    };
    let ex = api::blocking(&st, move |sh| run_extract(sh, input, "pasted")).await?;
    let doc_json = serde_json::to_string_pretty(&ex.doc).map_err(ApiError::internal)?;
    let mut marks = Vec::new();
    for a in &ex.doc.attributions {
        let spans = StoredSpans {
            source: a.source.iter().map(out_span).collect(),
            source_description: a.source_description.iter().map(out_span).collect(),
            cue: a.cue.iter().map(out_span).collect(),
            content: a.content.iter().map(out_span).collect(),
        };
        marks.extend(span_marks(&spans, a.id, Some(format!("q{}", a.id))));
    }
    for d in &ex.doc.duplicates {
        marks.push(Mark {
            start: d.start,
            end: d.end,
            role: Role::Duplicate,
            attribution: 0,
            anchor: None,
        });
    }
    let mut list = String::new();
    for a in &ex.doc.attributions {
        let speaker = match &a.speaker {
            Some(s) if s.name.is_some() => format!(
                "<span class=\"speaker\">{}</span> <span class=\"muted\">{}</span>",
                esc(s.label()),
                esc(&serde_name(&s.kind))
            ),
            Some(s) => format!(
                "<span class=\"speaker unnamed\">{}</span> <span class=\"muted\">{}</span>",
                esc(s.label()),
                esc(&serde_name(&s.kind))
            ),
            None => "<span class=\"speaker unknown\">unknown</span>".into(),
        };
        let mut flags = String::new();
        if let Some(d) = a.duplicate_of {
            let _ = write!(flags, " <span class=\"flag\">repeats #{d}</span>");
        }
        if let Some(c) = a.carried_from {
            let _ = write!(flags, " <span class=\"flag\">continues #{c}</span>");
        }
        let cue = joined(&a.cue.iter().map(out_span).collect::<Vec<_>>());
        let _ = write!(
            list,
            "<li id=\"attr-{id}\" class=\"attribution{rep}\" data-type=\"{kind}\"><a href=\"#q{id}\">#{id}</a> \
             {speaker} <span class=\"cue\">{cue}</span> <span class=\"muted\">{kind}</span>{flags}\
             <blockquote>{content}</blockquote></li>",
            id = a.id,
            rep = if a.duplicate_of.is_some() { " repeat" } else { "" },
            kind = esc(&serde_name(&a.kind)),
            cue = esc(if cue.is_empty() { "(no cue)" } else { &cue }),
            content = esc(&joined(&a.content.iter().map(out_span).collect::<Vec<_>>())),
        );
    }
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Who said what</h1>{form}<section class=\"result\"><h2>The article</h2>{LEGEND}\
         <div class=\"article\" id=\"article\">{text}</div></section>\
         <section><h2 id=\"count\">{n} attribution{s}</h2><ol id=\"attributions\" class=\"attributions\">{list}</ol></section>\
         <section><h2>JSON</h2><form method=\"post\" action=\"/api/extract\">\
         <textarea name=\"{field}\" hidden>\n{pasted}</textarea>\
         <button type=\"submit\" id=\"json\">Open the JSON</button> \
         <span class=\"muted\">(the same as <code>POST /api/extract</code>)</span></form>\
         <details><summary>Show it here</summary><pre class=\"json\">{json}</pre></details></section>",
        form = extract_form(&pasted, is_html),
        text = highlight(&ex.text, &marks, None),
        n = ex.doc.attributions.len(),
        s = if ex.doc.attributions.len() == 1 { "" } else { "s" },
        field = if is_html { "html" } else { "text" },
        pasted = esc(&pasted),
        json = esc(&doc_json),
    );
    Ok(Html(layout("Extract", &body)))
}

fn out_span(s: &quotegraph_core::schema::OutSpan) -> db::Span {
    db::Span {
        start: s.start,
        end: s.end,
        text: s.text.clone(),
    }
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn input(name: &str, label: &str, value: Option<&str>, placeholder: &str) -> String {
    format!(
        "<label>{label}<input type=\"text\" name=\"{name}\" value=\"{}\" placeholder=\"{}\"></label>",
        esc(value.unwrap_or("")),
        esc(placeholder)
    )
}

/// `GET /search`: a query form and quote cards.
pub(crate) async fn search(
    State(st): State<AppState>,
    params: Result<Query<QuoteParams>, QueryRejection>,
) -> Page {
    let Query(p) =
        params.map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))?;
    let mut body = String::from("<h1>Search quotes</h1>");
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/search\" class=\"search\">{}{}{}{}\
         <button type=\"submit\" id=\"go\">Search</button></form>",
        input(
            "q",
            "Words",
            p.q.as_deref(),
            "e.g. resources, \"armed struggle\", democ*"
        ),
        input(
            "speaker",
            "Speaker",
            p.speaker.as_deref(),
            "name or surname"
        ),
        input("since", "Since", p.since.as_deref(), "YYYY[-MM[-DD]]"),
        input("until", "Until", p.until.as_deref(), "YYYY[-MM[-DD]]"),
    );
    let q = p.query();
    if q.text.is_none() && q.speaker.is_none() && q.since.is_none() && q.until.is_none() {
        return Ok(Html(layout("Search", &body)));
    }
    let offset = db::parse_cursor(p.cursor.as_deref())?;
    let limit = db::parse_limit(p.limit)?;
    let page = with_reader(&st, move |_, conn| db::quotes(conn, q, offset, limit)).await?;
    if page.items.is_empty() {
        body.push_str("<p id=\"results\" class=\"muted\">No quotes found.</p>");
    }
    body.push_str("<div id=\"results\" class=\"cards\">");
    for h in &page.items {
        // the registry's entity, else the unnamed source's description
        let speaker = match (&h.speaker, h.speaker_id) {
            (Some(name), Some(id)) => format!(
                "<a class=\"speaker\" href=\"/speakers/{id}\">{}</a>",
                esc(name)
            ),
            _ => match h
                .speaker_description
                .as_deref()
                .or(h.speaker_as_written.as_deref())
            {
                Some(label) => format!(
                    "<span class=\"speaker unnamed\">{}</span> <span class=\"muted\">{}</span>",
                    esc(label),
                    esc(h.speaker_kind.as_deref().unwrap_or(""))
                ),
                None => "<span class=\"speaker unknown\">unknown</span>".into(),
            },
        };
        let title = h
            .title
            .clone()
            .unwrap_or_else(|| format!("Article {}", h.article_id));
        let _ = write!(
            body,
            "<article class=\"card\"><blockquote>{content}</blockquote>\
             <p>{speaker} <span class=\"cue\">{cue}</span></p>\
             <p class=\"muted\">{outlet}{day}{apps}</p>\
             <p><a class=\"open\" href=\"/articles/{aid}?hl={atid}#q{atid}\">{title}</a></p></article>",
            content = esc(&h.content),
            cue = esc(&h.cue),
            outlet = h.outlet.as_deref().map(|o| format!("{} · ", esc(o))).unwrap_or_default(),
            day = esc(h.day.as_deref().unwrap_or("undated")),
            apps = if h.appearances > 1 {
                format!(" · in {} articles", h.appearances)
            } else {
                String::new()
            },
            aid = h.article_id,
            atid = h.attribution_id,
            title = esc(&title),
        );
    }
    body.push_str("</div>");
    if let Some(next) = &page.next_cursor {
        let mut link = String::from("/search?");
        for (k, v) in [
            ("q", &p.q),
            ("speaker", &p.speaker),
            ("since", &p.since),
            ("until", &p.until),
        ] {
            if let Some(v) = v {
                let _ = write!(link, "{k}={}&", url_param(v));
            }
        }
        let _ = write!(link, "cursor={}", url_param(next));
        let _ = write!(
            body,
            "<p><a id=\"next\" href=\"{}\">Next page</a></p>",
            esc(&link)
        );
    }
    Ok(Html(layout("Search", &body)))
}

/// Query of the speakers page.
#[derive(Debug, Deserialize)]
pub struct SpeakersQuery {
    q: Option<String>,
    cursor: Option<String>,
}

/// `GET /speakers`: speakers by statements.
pub(crate) async fn speakers(
    State(st): State<AppState>,
    params: Result<Query<SpeakersQuery>, QueryRejection>,
) -> Page {
    let Query(p) =
        params.map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))?;
    let offset = db::parse_cursor(p.cursor.as_deref())?;
    let q = p.q.clone();
    let page = with_reader(&st, move |_, conn| {
        db::speakers(conn, q.as_deref(), offset, 50)
    })
    .await?;
    let mut body = String::from("<h1>Speakers</h1>");
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/speakers\" class=\"search\">{}\
         <button type=\"submit\">Find</button></form><table class=\"speakers\">\
         <thead><tr><th>Speaker</th><th>Kind</th><th>Statements</th><th>Mentions</th></tr></thead><tbody>",
        input("q", "Name", p.q.as_deref(), "part of a name"),
    );
    for s in &page.items {
        let _ = write!(
            body,
            "<tr><td><a href=\"/speakers/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s.id,
            esc(&s.name),
            esc(&s.kind),
            s.statements,
            s.mentions
        );
    }
    body.push_str("</tbody></table>");
    if let Some(next) = page.next_cursor {
        let q = p.q.as_deref().map(|q| format!("q={}&", url_param(q)));
        let _ = write!(
            body,
            "<p><a id=\"next\" href=\"/speakers?{}cursor={}\">Next page</a></p>",
            esc(&q.unwrap_or_default()),
            esc(&url_param(&next))
        );
    }
    Ok(Html(layout("Speakers", &body)))
}

/// Query of the speaker page.
#[derive(Debug, Deserialize)]
pub struct CursorQuery {
    cursor: Option<String>,
}

fn path_id(id: Result<Path<i64>, PathRejection>) -> Result<i64, PageError> {
    id.map(|Path(id)| id).map_err(|e| {
        PageError(ApiError::bad_request(format!(
            "bad path: {}",
            e.body_text()
        )))
    })
}

/// `GET /speakers/{id}`: a speaker's statements over time.
pub(crate) async fn speaker(
    State(st): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    params: Result<Query<CursorQuery>, QueryRejection>,
) -> Page {
    let id = path_id(id)?;
    let Query(p) =
        params.map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))?;
    let offset = db::parse_cursor(p.cursor.as_deref())?;
    let s = with_reader(&st, move |_, conn| db::speaker(conn, id, offset, 20))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No speaker with id {id}.")))?;
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1 id=\"name\">{name}</h1><p class=\"muted\">{kind} · {st} statement{ss} · {m} mention{ms}{seen}</p>",
        name = esc(&s.name),
        kind = esc(&s.kind),
        st = s.statements,
        ss = if s.statements == 1 { "" } else { "s" },
        m = s.mentions,
        ms = if s.mentions == 1 { "" } else { "s" },
        seen = match (&s.first_seen, &s.last_seen) {
            (Some(a), Some(b)) if a == b => format!(" · seen {}", esc(a)),
            (Some(a), Some(b)) => format!(" · seen {} to {}", esc(a), esc(b)),
            _ => String::new(),
        },
    );
    let counts: Vec<(String, i64)> = s
        .per_month
        .iter()
        .map(|m| (m.month.clone(), m.statements))
        .collect();
    let _ = write!(
        body,
        "<section><h2>Statements per month</h2>{}{}</section>",
        month_chart(&counts),
        if s.undated > 0 {
            format!("<p class=\"muted\">and {} undated</p>", s.undated)
        } else {
            String::new()
        }
    );
    body.push_str("<section><h2>Also written as</h2><ul class=\"aliases\">");
    for a in &s.aliases {
        let _ = write!(
            body,
            "<li>{} <span class=\"muted\">×{}</span></li>",
            esc(&a.name),
            a.mentions
        );
    }
    body.push_str("</ul>");
    if !s.roles.is_empty() {
        body.push_str("<p class=\"muted\">Described as:</p><ul id=\"roles\" class=\"roles\">");
        for r in &s.roles {
            let when = match (&r.first_day, &r.last_day) {
                (Some(a), Some(b)) if a == b => esc(a),
                (Some(a), Some(b)) => format!("{} to {}", esc(a), esc(b)),
                _ => "undated".into(),
            };
            let _ = write!(
                body,
                "<li>{} <span class=\"muted\">{} article{} · {when}</span></li>",
                esc(&r.text),
                r.articles,
                if r.articles == 1 { "" } else { "s" }
            );
        }
        body.push_str("</ul>");
    }
    if s.names.len() > 1 {
        body.push_str("<p class=\"muted\">Merged names:</p><ul>");
        for n in s.names.iter().skip(1) {
            let _ = write!(
                body,
                "<li>{} <span class=\"muted\">{}</span></li>",
                esc(&n.name),
                esc(n.reason.as_deref().unwrap_or(""))
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</section><section><h2>Statements</h2><div class=\"cards\" id=\"statements\">");
    for q in &s.statement_page {
        let title = q
            .title
            .clone()
            .unwrap_or_else(|| format!("Article {}", q.article_id));
        let _ =
            write!(
            body,
            "<article class=\"card\"><blockquote>{}</blockquote><p class=\"muted\">{} · {}{}</p>\
             <p><a href=\"/articles/{}?hl={}#q{}\">{}</a></p></article>",
            esc(&q.content),
            esc(&q.speaker_as_written),
            esc(q.day.as_deref().unwrap_or("undated")),
            q.outlet.as_deref().map(|o| format!(" · {}", esc(o))).unwrap_or_default(),
            q.article_id,
            q.attribution_id,
            q.attribution_id,
            esc(&title)
        );
    }
    body.push_str("</div>");
    if let Some(next) = &s.next_cursor {
        let _ = write!(
            body,
            "<p><a id=\"next\" href=\"/speakers/{}?cursor={}\">More statements</a></p>",
            s.id,
            esc(&url_param(next))
        );
    }
    body.push_str("</section><section><h2>Articles</h2><ul class=\"articles\">");
    for a in &s.articles {
        let title = a
            .title
            .clone()
            .unwrap_or_else(|| format!("Article {}", a.article_id));
        let _ = write!(
            body,
            "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{}{} · {} quote{}</span></li>",
            a.article_id,
            esc(&title),
            esc(a.day.as_deref().unwrap_or("undated")),
            a.outlet.as_deref().map(|o| format!(" · {}", esc(o))).unwrap_or_default(),
            a.attributions,
            if a.attributions == 1 { "" } else { "s" }
        );
    }
    body.push_str("</ul></section>");
    Ok(Html(layout(&s.name, &body)))
}

/// Query of the article page.
#[derive(Debug, Deserialize)]
pub struct ArticleQuery {
    /// The attribution (corpus-wide id) to highlight.
    hl: Option<i64>,
}

/// `GET /articles/{id}`: the text with every attribution highlighted.
pub(crate) async fn article(
    State(st): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
    params: Result<Query<ArticleQuery>, QueryRejection>,
) -> Page {
    let id = path_id(id)?;
    let Query(p) =
        params.map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))?;
    let a = with_reader(&st, move |sh, conn| api::load_article(sh, conn, id))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("No article with id {id}.")))?;
    let mut marks = Vec::new();
    let mut hl = None;
    for at in &a.attributions {
        let ord = at.id.max(0) as usize;
        if p.hl == Some(at.attribution_id) {
            hl = Some(ord);
        }
        marks.extend(span_marks(
            &at.spans,
            ord,
            Some(format!("q{}", at.attribution_id)),
        ));
    }
    for d in &a.duplicates {
        marks.push(Mark {
            start: d.start,
            end: d.end,
            role: Role::Duplicate,
            attribution: 0,
            anchor: None,
        });
    }
    let title = a
        .title
        .clone()
        .unwrap_or_else(|| format!("Article {}", a.id));
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1 id=\"title\">{}</h1><p class=\"muted\">",
        esc(&title)
    );
    let mut meta = Vec::new();
    if let Some(o) = &a.outlet {
        meta.push(esc(o));
    }
    if let Some(au) = &a.author {
        meta.push(esc(au));
    }
    meta.push(esc(a.day.as_deref().unwrap_or("undated")));
    if let Some(u) = &a.url {
        meta.push(web_link(u, u));
    }
    if a.sources.len() > 1 {
        meta.push(format!("{} sources (exact copies)", a.sources.len()));
    }
    body.push_str(&meta.join(" · "));
    body.push_str("</p>");
    if let Some(d) = a.near_duplicate_of {
        let _ = write!(
            body,
            "<p class=\"notice\">A near-duplicate of <a href=\"/articles/{d}\">article {d}</a>.</p>"
        );
    }
    if !a.near_duplicates.is_empty() {
        let links: Vec<String> = a
            .near_duplicates
            .iter()
            .map(|d| format!("<a href=\"/articles/{d}\">{d}</a>"))
            .collect();
        let _ = write!(
            body,
            "<p class=\"notice\">Nearly duplicated by articles {}.</p>",
            links.join(", ")
        );
    }
    if !a.duplicates.is_empty() {
        let _ = write!(
            body,
            "<p class=\"notice\" id=\"dup-note\">{} paragraph{} repeat{} an earlier one (marked).</p>",
            a.duplicates.len(),
            if a.duplicates.len() == 1 { "" } else { "s" },
            if a.duplicates.len() == 1 { "s" } else { "" },
        );
    }
    let _ = write!(
        body,
        "{LEGEND}<div class=\"article\" id=\"article\">{}</div>",
        highlight(&a.text, &marks, hl)
    );
    let _ = write!(
        body,
        "<section><h2 id=\"count\">{} attribution{}</h2><ol id=\"attributions\" class=\"attributions\">",
        a.attributions.len(),
        if a.attributions.len() == 1 { "" } else { "s" }
    );
    for at in &a.attributions {
        let speaker = match (&at.speaker, &at.source_speaker) {
            (Some(s), _) => format!(
                "<a class=\"speaker\" href=\"/speakers/{}\">{}</a>",
                s.id,
                esc(&s.name)
            ),
            // an unnamed source: the words that describe it, and what it is
            (None, Some(s)) if s.kind != "unknown" || s.description.is_some() => format!(
                "<span class=\"speaker unnamed\">{}</span> <span class=\"muted\">{}</span>",
                esc(s.label()),
                esc(&s.kind)
            ),
            (None, _) => {
                let written = joined(&at.spans.source);
                if written.is_empty() {
                    "<span class=\"speaker unknown\">unknown</span>".into()
                } else {
                    format!("<span class=\"speaker\">{}</span>", esc(&written))
                }
            }
        };
        let mut flags = String::new();
        if let Some(d) = at.duplicate_of {
            let _ = write!(flags, " <span class=\"flag\">repeats #{d}</span>");
        }
        if let Some(c) = at.carried_from {
            let _ = write!(flags, " <span class=\"flag\">continues #{c}</span>");
        }
        let cue = joined(&at.spans.cue);
        let _ = write!(
            body,
            "<li id=\"attr-{ord}\" class=\"attribution{rep}{hl}\"><a href=\"#q{aid}\">#{ord}</a> {speaker} \
             <span class=\"cue\">{cue}</span> <span class=\"muted\">{kind}</span>{flags}\
             <blockquote>{content}</blockquote></li>",
            ord = at.id,
            rep = if at.duplicate_of.is_some() { " repeat" } else { "" },
            hl = if p.hl == Some(at.attribution_id) { " hl" } else { "" },
            aid = at.attribution_id,
            cue = esc(if cue.is_empty() { "(no cue)" } else { &cue }),
            kind = esc(&at.kind),
            content = esc(&joined(&at.spans.content)),
        );
    }
    body.push_str("</ol></section>");
    let _ = write!(
        body,
        "<p class=\"muted\"><a href=\"/api/articles/{}\">This article as JSON</a></p>",
        a.id
    );
    Ok(Html(layout(&title, &body)))
}
