//! Small view components, one per file.

pub mod copy;
pub mod countdown;
pub mod field;
pub mod header;
pub mod output;
#[cfg(feature = "flows")]
pub mod review;
