//! quotegraph-core: the attribution engine.
#![deny(missing_docs)]

pub mod article;
pub mod span;

pub use article::{Article, ArticleMeta, Origin};
pub use span::Span;
