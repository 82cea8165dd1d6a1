//! One page per flow.

#[cfg(feature = "flows")]
pub mod access;
#[cfg(feature = "flows")]
pub mod apps;
#[cfg(feature = "flows")]
pub mod change;
pub mod credentials;
pub mod draft;
pub mod flow;
#[cfg(feature = "flows")]
pub mod share;
pub mod start;
#[cfg(feature = "flows")]
pub mod studio;
#[cfg(feature = "flows")]
pub mod team_group;
#[cfg(feature = "flows")]
pub mod teammate;
pub mod workbench;
