//! quotegraph-server: `quotegraph serve` — the engine and the corpus store over HTTP.
//!
//! - a JSON API, documented by an OpenAPI 3 document generated from this code and served at
//!   `/openapi.json` ([`api`]);
//! - server-rendered pages, no JavaScript: an extract page, search, speaker and article pages
//!   ([`pages`]).
//!
//! The store is SQLite in WAL mode: reads go through a small pool of read-only connections
//! ([`db::Readers`]), the one write connection sits behind a mutex, and both are used from
//! `spawn_blocking` so no async worker ever waits on the disk or the engine.
//!
//! Limits: request bodies above [`Config::body_limit`] get 413, requests running longer than
//! [`Config::timeout`] get 408; every piece of article text is HTML-escaped ([`html::esc`]) and
//! pages are served with a Content-Security-Policy that allows no script at all.
//!
//! ```no_run
//! use quotegraph_server::{Config, Server};
//! let config = Config { db: "quotegraph.db".into(), ..Config::default() };
//! let server = Server::open(config).unwrap();
//! let rt = tokio::runtime::Runtime::new().unwrap();
//! rt.block_on(async {
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.unwrap();
//!     server.serve(listener, std::future::pending()).await.unwrap();
//! });
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod db;
mod error;
pub mod html;
pub mod pages;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use quotegraph_core::Pipeline;
use quotegraph_store::Store;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Level;

pub use error::{ApiError, ServerError};

/// Default request body limit: 5 MB.
pub const DEFAULT_BODY_LIMIT: usize = 5 * 1024 * 1024;
/// Default time limit of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The database file.
    pub db: PathBuf,
    /// Refuse every write (and open the database read-only).
    pub read_only: bool,
    /// The token `POST /api/articles` must carry (`Authorization: Bearer TOKEN`); without
    /// one, writes are refused.
    pub write_token: Option<String>,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// Longest time one request may take.
    pub timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: PathBuf::from("quotegraph.db"),
            read_only: false,
            write_token: None,
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// What every handler shares.
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) pipeline: Pipeline,
    pub(crate) readers: db::Readers,
    /// The write connection; `None` in read-only mode.
    pub(crate) writer: Option<Mutex<Store>>,
    pub(crate) openapi: String,
}

pub(crate) type AppState = Arc<Shared>;

/// A server ready to accept connections: the database opened, the engine loaded.
pub struct Server {
    shared: AppState,
}

impl Server {
    /// Opens the database (creating it unless read-only) and loads the engine.
    pub fn open(config: Config) -> Result<Server, ServerError> {
        if config.body_limit == 0 {
            return Err(ServerError::Config(
                "the body limit must be above 0 bytes".into(),
            ));
        }
        if config.timeout.is_zero() {
            return Err(ServerError::Config("the time limit must be above 0".into()));
        }
        if config
            .write_token
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            return Err(ServerError::Config("the write token is empty".into()));
        }
        let writer = if config.read_only {
            if !config.db.is_file() {
                return Err(ServerError::Config(format!(
                    "{}: no such database (a read-only server needs an existing one)",
                    config.db.display()
                )));
            }
            // check that it is a quotegraph database, then let it go
            db::Readers::open_one(&config.db)?;
            None
        } else {
            Some(Mutex::new(Store::open(&config.db)?))
        };
        let readers = db::Readers::new(&config.db);
        // one connection up front: a file that is not a database fails here, not per request
        let conn = readers.take()?;
        readers.put(conn);
        let openapi = api::openapi_json();
        Ok(Server {
            shared: Arc::new(Shared {
                config,
                pipeline: Pipeline::default(),
                readers,
                writer,
                openapi,
            }),
        })
    }

    /// The router: API, pages, limits and request logs.
    pub fn router(&self) -> Router {
        let st = self.shared.clone();
        let api = Router::new()
            .route("/api/extract", post(api::extract))
            .route("/api/quotes", get(api::quotes))
            .route("/api/speakers", get(api::speakers))
            .route("/api/speakers/{id}", get(api::speaker))
            .route("/api/articles", post(api::add_article))
            .route("/api/articles/{id}", get(api::article))
            .route("/healthz", get(api::healthz))
            .route("/openapi.json", get(api::openapi));
        let pages = Router::new()
            .route(
                "/",
                get(pages::extract_form_page).post(pages::extract_result),
            )
            .route("/search", get(pages::search))
            .route("/speakers", get(pages::speakers))
            .route("/speakers/{id}", get(pages::speaker))
            .route("/articles/{id}", get(pages::article))
            .route("/style.css", get(pages::style));
        api.merge(pages)
            .fallback(not_found)
            .method_not_allowed_fallback(method_not_allowed)
            .layer(middleware::from_fn_with_state(st.clone(), time_limit))
            .layer(DefaultBodyLimit::max(st.config.body_limit))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                     frame-ancestors 'none'; base-uri 'none'",
                ),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|req: &Request| {
                        tracing::info_span!(
                            "request",
                            method = %req.method(),
                            path = %req.uri().path(),
                        )
                    })
                    .on_request(())
                    .on_response(|res: &Response, latency: Duration, _span: &tracing::Span| {
                        tracing::info!(
                            status = res.status().as_u16(),
                            latency_us = latency.as_micros() as u64,
                            "response"
                        );
                    })
                    .on_failure(DefaultOnFailure::new().level(Level::WARN)),
            )
            .with_state(st)
    }

    /// Serves on `listener` until `shutdown` completes.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Sends request logs (one event per response: method, path, status, latency) and errors to
/// standard error, as JSON lines with `json`, else as text; `RUST_LOG` filters (default info).
pub fn init_logs(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Opens the server, binds `bind` and serves until Ctrl-C or SIGTERM (the whole `quotegraph serve`).
/// Prints `serving on http://ADDR` to standard error once it listens, with the real port
/// when `bind` asked for port 0.
pub fn run(config: Config, bind: &str) -> Result<(), ServerError> {
    let addr: SocketAddr = bind
        .parse()
        .map_err(|e| ServerError::Config(format!("--bind {bind}: not an address: {e}")))?;
    let server = Server::open(config)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServerError::Bind(addr.to_string(), e))?;
        let local = listener.local_addr()?;
        eprintln!("quotegraph: serving on http://{local}");
        tracing::info!(addr = %local, "listening");
        server.serve(listener, shutdown_signal()).await?;
        Ok(())
    })
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("shutting down");
}

/// Requests that run past the time limit get 408 and a message.
async fn time_limit(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let limit = st.config.timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request took longer than the time limit of {} ms",
                limit.as_millis()
            ),
        )
        .into_response(),
    }
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/api/") {
        ApiError::new(StatusCode::NOT_FOUND, format!("no such endpoint: {path}")).into_response()
    } else {
        pages::error_page(StatusCode::NOT_FOUND, &format!("No page at {path}."))
    }
}

async fn method_not_allowed(req: Request) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} is not allowed on {}", req.method(), req.uri().path()),
    )
    .into_response()
}
