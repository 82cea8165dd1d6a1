//! The RAM policy language: positioned JSON, the typed model, reading with
//! structural problems, the canonical printer and the normalised form.
//!
//! ```
//! use ramp_core::policy::{parse_policy, print, normalize};
//! let parsed = parse_policy(r#"{"Statement":{"Effect":"Allow","Action":"arms:Get*","Resource":"*"},"Version":"1"}"#).unwrap();
//! assert!(parsed.problems.is_empty());
//! let text = print(&parsed.policy);
//! assert!(text.starts_with("{\n  \"Version\": \"1\",\n  \"Statement\": {"));
//! assert!(normalize(&parsed.policy).statement_as_list);
//! ```

pub mod build;
pub mod catalogue;
pub mod compare;
pub mod eval;
pub mod json;
pub mod lint;
pub mod model;
pub mod normal;
pub mod print;
pub mod read;
pub mod simulate;
pub mod summary;

pub use model::{Effect, Loc, Located, Policy, Statement, Values};
pub use normal::{normalize, same_meaning, without_locations};
pub use print::print;
pub use read::{parse_policy, Parsed, Problem, ProblemKind};
