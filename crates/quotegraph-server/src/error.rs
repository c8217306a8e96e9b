//! Errors: of starting the server, and of one request.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use quotegraph_store::{StoreError, StoreErrorKind};
use serde::Serialize;
use utoipa::ToSchema;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A setting is wrong.
    #[error("{0}")]
    Config(String),
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
    /// Another I/O failure.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A request that failed: an HTTP status and a message saying what was wrong. Answered as
/// `{"error": MESSAGE, "status": CODE}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The status.
    pub status: StatusCode,
    /// What was wrong, for the client.
    pub message: String,
}

/// The body of every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// What was wrong.
    pub error: String,
    /// The HTTP status code.
    pub status: u16,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500, logged; the client learns only that it was the server's fault.
    pub fn internal(what: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %what, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (logged on the server)",
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e.kind() {
            StoreErrorKind::InvalidDate(d) => {
                ApiError::bad_request(format!("date {d:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"))
            }
            StoreErrorKind::EmptyArticle => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "the article has no words")
            }
            StoreErrorKind::Extract(m) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the engine refused the text: {m}"),
            ),
            _ => ApiError::internal(e),
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::internal(format!("database: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.message,
            status: self.status.as_u16(),
        };
        (self.status, Json(body)).into_response()
    }
}
