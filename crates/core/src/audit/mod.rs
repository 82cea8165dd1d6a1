//! The access review: read a live account ([`survey`], sans-IO), then say
//! who has ARMS access and why ([`access`]), who may assume each role
//! ([`assumers`]), who can do an action ([`who_can`]) and what is wrong
//! ([`findings`]). Everything here is pure: the CLI, the browser and the
//! tests drive the survey with their own transports.

pub mod access;
pub mod account;
pub mod assumers;
pub mod drift;
pub mod findings;
mod policies;
pub mod report;
pub mod survey;
pub mod who_can;

pub use access::{model, Level, Model, PrincipalAccess};
pub use account::Account;
pub use survey::Survey;
