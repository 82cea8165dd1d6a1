//! The teammate-access form: names, sign-in mode, ARMS level, scope. Turns
//! into ramp-core's intent (checked with the service's rules, naming the
//! field) and survives a reload as a draft — it holds no secret.

use ramp_core::lang::Lang;
use ramp_core::plan::intent::{Access, Account, ArmsAccess, Intent, NewUser, TeammateAccess};
use serde::{Deserialize, Serialize};

use crate::i18n::tr;
use crate::pages::apps::AppsDraft;
use crate::pages::draft::{checked_users, scope, users_of, DraftError};
use crate::pages::flow::{StepDef, ARMS_STEP, REVIEW_STEP};

/// How the users sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// A console password.
    Console,
    /// An AccessKey.
    Programmatic,
    /// Both (needs an explicit confirmation).
    Both,
}

/// The steps of the flow and the fields each holds.
pub const STEPS: &[StepDef] = &[
    StepDef {
        en: "Who",
        zh: "用户",
        fields: &["users"],
    },
    StepDef {
        en: "Sign-in",
        zh: "登录方式",
        fields: &["both-confirmed", "password"],
    },
    ARMS_STEP,
    REVIEW_STEP,
];

/// The form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// One user per line: `name` or `name, Display Name`.
    pub users: String,
    /// How they sign in.
    pub mode: Mode,
    /// The user confirmed they want both a password and an AccessKey.
    pub both_confirmed: bool,
    /// Console: type the password instead of generating one (the password
    /// itself is never in the draft).
    pub typed_in: bool,
    /// Console: change the password at first logon.
    pub reset_required: bool,
    /// Console: bind MFA at first logon.
    pub mfa_required: bool,
    /// The ARMS level (one system policy).
    pub arms: ArmsAccess,
    /// Empty: the whole account; else a resource group ID.
    pub resource_group: String,
    /// The account's domain alias, if it set one (for the third logon name).
    pub domain_alias: String,
    /// The optional app-scoped policy.
    pub apps: AppsDraft,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            users: String::new(),
            mode: Mode::Console,
            both_confirmed: false,
            typed_in: false,
            reset_required: true,
            mfa_required: true,
            arms: ArmsAccess::ReadOnly,
            resource_group: String::new(),
            domain_alias: String::new(),
            apps: AppsDraft::default(),
        }
    }
}

impl Draft {
    /// The users the text lists.
    pub fn users(&self) -> Vec<NewUser> {
        users_of(&self.users)
    }

    /// Whether the users get a console password.
    pub fn console(&self) -> bool {
        self.mode != Mode::Programmatic
    }

    /// The intent for `account`, or the first problem.
    pub fn intent(&self, account: Account, lang: Lang) -> Result<Intent, DraftError> {
        let users = checked_users(&self.users, "users", lang)?;
        let (reset_required, mfa_required) = (self.reset_required, self.mfa_required);
        let access = match self.mode {
            Mode::Console => Access::Console {
                reset_required,
                mfa_required,
            },
            Mode::Programmatic => Access::Programmatic,
            Mode::Both if !self.both_confirmed => {
                return Err(DraftError {
                    field: "both-confirmed",
                    message: tr(
                        lang,
                        "Sign-in: a person signs in to the console and a program uses an AccessKey; giving one user both widens what a leaked key or password reaches. Confirm that you want both, or choose one.",
                        "登录方式：人员使用控制台登录，程序使用 AccessKey；同一用户同时拥有两者会扩大密钥或密码泄露后的影响范围。请确认确实需要两者，或只选择一种。",
                    )
                    .to_owned(),
                });
            }
            Mode::Both => Access::Both {
                reset_required,
                mfa_required,
            },
        };
        let scope = scope(&self.resource_group, lang)?;
        let apps = self.apps.scope(lang)?;
        Ok(Intent::TeammateAccess(TeammateAccess {
            account,
            users,
            access,
            arms: self.arms,
            scope,
            apps,
        }))
    }

    /// The console logon names of `user`: `<user>@<alias>.onaliyun.com`,
    /// `<user>@<alias>`, and `<user>@<domain alias>` when the account set one.
    pub fn logon_names(&self, user: &str, alias: &str) -> Vec<String> {
        let mut names = vec![
            format!("{user}@{alias}.onaliyun.com"),
            format!("{user}@{alias}"),
        ];
        let domain = self.domain_alias.trim();
        if !domain.is_empty() {
            names.push(format!("{user}@{domain}"));
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> Account {
        Account {
            id: "1680000000000001".into(),
            alias: Some("ramp-demo-a".into()),
        }
    }

    #[test]
    fn users_and_rules() {
        let d = Draft {
            users: "alice\n\n bob , Bob Builder \n".into(),
            ..Draft::default()
        };
        let users = d.users();
        assert_eq!(users.len(), 2);
        assert_eq!(users[1].display_name.as_deref(), Some("Bob Builder"));
        let Intent::TeammateAccess(t) = d.intent(account(), Lang::En).unwrap() else {
            panic!()
        };
        assert_eq!(t.arms, ArmsAccess::ReadOnly);
        assert_eq!(
            t.access,
            Access::Console {
                reset_required: true,
                mfa_required: true
            }
        );
        let bad = Draft {
            users: "bad name!".into(),
            ..Draft::default()
        };
        let e = bad.intent(account(), Lang::En).unwrap_err();
        assert_eq!(e.field, "users");
        assert!(e.message.contains("UserName"), "{}", e.message);
        let empty = Draft::default().intent(account(), Lang::Zh).unwrap_err();
        assert!(empty.message.contains("用户"));
        let both = Draft {
            users: "a".into(),
            mode: Mode::Both,
            ..Draft::default()
        };
        assert_eq!(
            both.intent(account(), Lang::En).unwrap_err().field,
            "both-confirmed"
        );
        let Intent::TeammateAccess(t) = Draft {
            both_confirmed: true,
            ..both
        }
        .intent(account(), Lang::En)
        .unwrap() else {
            panic!()
        };
        assert!(t.access.programmatic() && t.access.console().is_some());
        let rg = Draft {
            users: "a".into(),
            resource_group: "group-1".into(),
            ..Draft::default()
        };
        assert_eq!(
            rg.intent(account(), Lang::En).unwrap_err().field,
            "resource-group"
        );
    }

    #[test]
    fn three_logon_names_when_a_domain_alias_is_set() {
        let d = Draft::default();
        assert_eq!(
            d.logon_names("alice", "ramp-demo-a"),
            ["alice@ramp-demo-a.onaliyun.com", "alice@ramp-demo-a"]
        );
        let d = Draft {
            domain_alias: "example.com".into(),
            ..d
        };
        assert_eq!(d.logon_names("alice", "a")[2], "alice@example.com");
    }

    #[test]
    fn the_draft_round_trips_and_holds_no_secret() {
        let d = Draft {
            users: "alice".into(),
            mode: Mode::Programmatic,
            ..Draft::default()
        };
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&text).unwrap(), d);
        assert!(
            !text.to_lowercase().contains("password") && !text.to_lowercase().contains("secret")
        );
    }
}
