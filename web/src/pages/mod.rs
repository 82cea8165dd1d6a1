//! One page per flow.

pub mod not_built;
pub mod workbench;
