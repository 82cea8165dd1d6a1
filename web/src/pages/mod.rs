//! One page per flow.

pub mod apps;
pub mod credentials;
pub mod draft;
pub mod flow;
pub mod share;
pub mod studio;
pub mod team_group;
pub mod teammate;
pub mod workbench;
