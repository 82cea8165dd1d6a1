//! Response bodies as typed values. Lists arrive wrapped the XML way
//! (`Users: {User: [...]}`); [`List`] reads that shape (and a bare array).
//! Every field but the identifying ones is optional, so older and newer
//! service versions both parse.

use serde::Deserialize;

use crate::credentials::Secret;

/// A list in the services' `Plural: {Singular: [...]}` wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape<T> {
            Bare(Vec<T>),
            Wrapped(std::collections::BTreeMap<String, Vec<T>>),
        }
        Ok(match Shape::deserialize(d)? {
            Shape::Bare(items) => List(items),
            Shape::Wrapped(map) => List(map.into_values().next().unwrap_or_default()),
        })
    }
}

/// A body with nothing but the request ID (deletes, attaches).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Empty {
    /// The request ID.
    #[serde(default)]
    pub request_id: String,
}

mod ram;
mod rm;
mod sts;

pub use self::ram::*;
pub use self::rm::*;
pub use self::sts::*;
