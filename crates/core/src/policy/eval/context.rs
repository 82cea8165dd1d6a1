//! Request context: condition keys and their values (`acs:SourceIp`,
//! `acs:CurrentTime`, `acs:MFAPresent`, `sts:ExternalId`, …). Keys are matched
//! case-insensitively.

/// The context keys of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<(String, Vec<String>)>,
}

impl Context {
    /// An empty context.
    pub fn new() -> Self {
        Context::default()
    }

    /// Adds `key = value` (a key may hold several values).
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.insert(key, value);
        self
    }

    /// Adds `key = value`.
    pub fn insert(&mut self, key: &str, value: &str) {
        match self
            .entries
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
        {
            Some((_, values)) => values.push(value.to_owned()),
            None => self.entries.push((key.to_owned(), vec![value.to_owned()])),
        }
    }

    /// The values of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_slice())
    }
}
