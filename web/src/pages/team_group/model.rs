//! The team-group form: a group, the ARMS policy attached once, members from
//! the account's users. Becomes ramp-core's intent; a draft without secrets.

use std::collections::BTreeSet;

use ramp_core::api::rules;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::{Access, Account, ArmsAccess, Intent, TeamGroup};

use serde::{Deserialize, Serialize};

use crate::pages::apps::AppsDraft;
use crate::pages::draft::{checked_users, scope, DraftError};
use crate::pages::flow::{StepDef, ARMS_STEP, REVIEW_STEP};

/// The steps of the flow and the fields each holds.
pub const STEPS: &[StepDef] = &[
    StepDef {
        en: "Group",
        zh: "用户组",
        fields: &["group", "comments"],
    },
    ARMS_STEP,
    StepDef {
        en: "Members",
        zh: "成员",
        fields: &["new-members"],
    },
    REVIEW_STEP,
];

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
    /// New users to create and add, one per line (`name` or `name, Display Name`);
    /// each gets a console password generated to the account's policy.
    pub new_members: String,
    /// The optional app-scoped policy.
    pub apps: AppsDraft,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            group: String::new(),
            comments: String::new(),
            read_only: true,
            resource_group: String::new(),
            members: BTreeSet::new(),
            new_members: String::new(),
            apps: AppsDraft::default(),
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
        let apps = self.apps.scope(lang)?;
        let new_members = if self.new_members.trim().is_empty() {
            Vec::new()
        } else {
            checked_users(&self.new_members, "new-members", lang)?
        };
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
            new_members,
            new_member_access: Access::Console {
                reset_required: true,
                mfa_required: true,
            },
            apps,
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
        let new = Draft {
            group: "arms-team".into(),
            new_members: "carol, Carol\nbad name".into(),
            ..Draft::default()
        };
        assert_eq!(
            new.intent(account.clone(), Lang::En).unwrap_err().field,
            "new-members"
        );
        let Intent::TeamGroup(g) = Draft {
            new_members: "carol, Carol".into(),
            ..new
        }
        .intent(account.clone(), Lang::En)
        .unwrap() else {
            panic!()
        };
        assert_eq!(g.new_members[0].display_name.as_deref(), Some("Carol"));
        let empty = Draft::default().intent(account, Lang::En).unwrap_err();
        assert_eq!(empty.field, "group");
    }
}
