//! The typed model of a RAM policy document — permission policies and role
//! trust policies alike. It keeps what the author wrote (a string or a list,
//! the order, every element's position and JSON path); [`crate::policy::normal`]
//! gives the normalised form for comparison and export.

use super::json::Pos;

/// Where an element is: position in the text and JSON path
/// (`Statement[2].Condition.IpAddress["acs:SourceIp"]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loc {
    /// Line, column, offset.
    pub pos: Pos,
    /// JSON path from the document root.
    pub path: String,
}

/// A value with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is.
    pub loc: Loc,
}

/// One or many strings: `"a"` or `["a", "b"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values {
    /// The items, in the author's order.
    pub items: Vec<Located<String>>,
    /// `true` when written as a list (even of one element).
    pub as_list: bool,
    /// Where the value (string or list) is.
    pub loc: Loc,
}

impl Values {
    /// The item texts.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|i| i.value.as_str())
    }
}

/// A whole policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// `Version` (must be `"1"`).
    pub version: Option<Located<String>>,
    /// The statements.
    pub statements: Vec<Statement>,
    /// `true` when `Statement` was written as a list.
    pub statement_as_list: bool,
    /// The document's location (the root).
    pub loc: Loc,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its index in `Statement` (0-based).
    pub index: usize,
    /// Where it is.
    pub loc: Loc,
    /// `Sid`, a label.
    pub sid: Option<Located<String>>,
    /// `Effect` as written (`Allow` / `Deny` when valid).
    pub effect: Option<Located<String>>,
    /// `Action`.
    pub action: Option<Values>,
    /// `NotAction`.
    pub not_action: Option<Values>,
    /// `Resource`.
    pub resource: Option<Values>,
    /// `NotResource` (not part of RAM's language; kept so the linter can say so).
    pub not_resource: Option<Values>,
    /// `Principal` (trust policies).
    pub principal: Option<Principal>,
    /// `NotPrincipal` (not part of RAM's language), where it is.
    pub not_principal: Option<Loc>,
    /// `Condition`.
    pub condition: Option<Condition>,
}

/// The effect of a valid statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `Allow`
    Allow,
    /// `Deny`
    Deny,
}

impl Effect {
    /// `Allow` or `Deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

impl Statement {
    /// The effect, when it is exactly `Allow` or `Deny`.
    pub fn effect(&self) -> Option<Effect> {
        match self.effect.as_ref().map(|e| e.value.as_str()) {
            Some("Allow") => Some(Effect::Allow),
            Some("Deny") => Some(Effect::Deny),
            _ => None,
        }
    }
}

/// `Principal`: `"*"`, or a map of principal types (`RAM`, `Service`, `Federated`) to values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// Where it is.
    pub loc: Loc,
    /// Written as the string `"*"` (anyone).
    pub wildcard: bool,
    /// Principal type → values, in order.
    pub entries: Vec<PrincipalEntry>,
}

/// One principal type and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalEntry {
    /// `RAM`, `Service` or `Federated` (as written).
    pub kind: Located<String>,
    /// The principals.
    pub values: Values,
}

/// `Condition`: operator → key → values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Where it is.
    pub loc: Loc,
    /// The operator blocks, in order.
    pub blocks: Vec<ConditionBlock>,
}

/// One operator and its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionBlock {
    /// The operator as written, e.g. `IpAddress`.
    pub operator: Located<String>,
    /// Its keys.
    pub keys: Vec<ConditionKey>,
}

/// One condition key and its values (booleans and numbers kept as their text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionKey {
    /// The key, e.g. `acs:SourceIp`.
    pub key: Located<String>,
    /// Its values.
    pub values: Values,
}
