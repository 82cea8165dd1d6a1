//! Request context: condition keys and their values (`acs:SourceIp`,
//! `acs:CurrentTime`, `acs:MFAPresent`, `sts:ExternalId`, …). Keys are matched
//! case-insensitively.

/// The context keys of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    entries: Vec<(String, Vec<String>)>,
    /// A key not given is absent from the request (a real request), rather
    /// than unknown (a question the user did not finish).
    missing_is_absent: bool,
}

impl Context {
    /// An empty context.
    pub fn new() -> Self {
        Context::default()
    }

    /// The same context, where a key not given is absent from the request:
    /// its conditions do not match (a negated operator does), instead of
    /// leaving the decision unknown.
    pub fn missing_is_absent(mut self) -> Self {
        self.missing_is_absent = true;
        self
    }

    /// Whether a key not given counts as absent ([`Context::missing_is_absent`]).
    pub fn counts_missing_as_absent(&self) -> bool {
        self.missing_is_absent
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
