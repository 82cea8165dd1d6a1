//! The evaluator: the same decision the studio shows, the sandbox enforces and
//! `ramp simulate` prints.
//!
//! ```
//! use ramp_core::policy::eval::*;
//! use ramp_core::policy::parse_policy;
//! let doc = parse_policy(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#).unwrap().policy;
//! let policies = Policies { attachments: vec![Attachment { policy: NamedPolicy { name: "ArmsRead".into(), policy: doc }, resource_group: None }], ..Policies::default() };
//! let req = Request {
//!     caller: Caller::RamUser { account_id: "1234567890123456".into(), name: "alice".into() },
//!     action: "arms:GetTraceApp".into(), resource: "acs:arms:cn-hangzhou:1234567890123456:armsapp/shop".into(),
//!     resource_group: None, context: Context::new(),
//! };
//! assert_eq!(evaluate(&req, &policies).decision, Decision::Allow);
//! ```

pub mod condition;
pub mod context;
pub mod decide;
pub mod question;
pub mod wildcard;

pub use context::Context;
pub use decide::evaluate;
pub use question::{
    Attachment, Caller, Decision, Evaluation, Layer, NamedPolicy, Policies, Request, StatementRef,
};

#[cfg(test)]
mod tests;
