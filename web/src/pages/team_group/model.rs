//! The team-group form: a group, the ARMS policy attached once, members from
//! the account's users. Becomes ramp-core's intent; a draft without secrets.

use std::collections::BTreeSet;

use ramp_core::api::rules;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::{Account, ArmsAccess, Intent, TeamGroup};

use serde::{Deserialize, Serialize};

use crate::pages::draft::{scope, DraftError};

/// The form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The group's name.
    pub group: String,
    /// Comments.
    pub comments: String,
    /// ARMS read-only (`true`) or full.
    pub read_only: bool,
    /// Empty: the whole account; else a resource group ID.
    pub resource_group: String,
    /// Existing users to add.
    pub members: BTreeSet<String>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            group: String::new(),
            comments: String::new(),
            read_only: true,
            resource_group: String::new(),
            members: BTreeSet::new(),
        }
    }
}

impl Draft {
    /// The intent for `account`, or the first problem.
    pub fn intent(&self, account: Account, lang: Lang) -> Result<Intent, DraftError> {
        let group = self.group.trim();
        rules::group_name("GroupName", group).map_err(|e| DraftError::rule("group", e, lang))?;
        let comments = self.comments.trim();
        if !comments.is_empty() {
            rules::short_text("Comments", comments)
                .map_err(|e| DraftError::rule("comments", e, lang))?;
        }
        let scope = scope(&self.resource_group, lang)?;
        Ok(Intent::TeamGroup(TeamGroup {
            account,
            group: group.to_owned(),
            comments: (!comments.is_empty()).then(|| comments.to_owned()),
            arms: if self.read_only {
                ArmsAccess::ReadOnly
            } else {
                ArmsAccess::Full
            },
            scope,
            members: self.members.iter().cloned().collect(),
            apps: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_rules_and_members() {
        let account = Account {
            id: "1680000000000001".into(),
            alias: None,
        };
        let mut d = Draft {
            group: "arms-team".into(),
            ..Draft::default()
        };
        d.members.insert("bob".into());
        d.members.insert("alice".into());
        let Intent::TeamGroup(g) = d.intent(account.clone(), Lang::En).unwrap() else {
            panic!()
        };
        assert_eq!(g.members, ["alice", "bob"]);
        assert_eq!(g.arms, ArmsAccess::ReadOnly);
        let bad = Draft {
            group: "arms team".into(),
            ..Draft::default()
        };
        let e = bad.intent(account.clone(), Lang::Zh).unwrap_err();
        assert_eq!(e.field, "group");
        assert!(e.message.contains("GroupName"));
        let empty = Draft::default().intent(account, Lang::En).unwrap_err();
        assert_eq!(empty.field, "group");
    }
}
