//! The teammate-access form: names, sign-in mode, ARMS level, scope. Turns
//! into ramp-core's intent (checked with the service's rules, naming the
//! field) and survives a reload as a draft — it holds no secret.

use ramp_core::api::rules;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::{Access, Account, ArmsAccess, Intent, NewUser, TeammateAccess};
use serde::{Deserialize, Serialize};

use crate::pages::draft::{scope, DraftError};

/// The form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// One user per line: `name` or `name, Display Name`.
    pub users: String,
    /// Console (`true`) or programmatic (AccessKey).
    pub console: bool,
    /// Console: change the password at first logon.
    pub reset_required: bool,
    /// Console: bind MFA at first logon.
    pub mfa_required: bool,
    /// ARMS read-only (`true`) or full.
    pub read_only: bool,
    /// Empty: the whole account; else a resource group ID.
    pub resource_group: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            users: String::new(),
            console: true,
            reset_required: true,
            mfa_required: true,
            read_only: true,
            resource_group: String::new(),
        }
    }
}

impl Draft {
    /// The users the text lists.
    pub fn users(&self) -> Vec<NewUser> {
        self.users
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, display) = l.split_once(',').unwrap_or((l, ""));
                let display = display.trim();
                NewUser {
                    name: name.trim().to_owned(),
                    display_name: (!display.is_empty()).then(|| display.to_owned()),
                    email: None,
                }
            })
            .collect()
    }

    /// The intent for `account`, or the first problem.
    pub fn intent(&self, account: Account, lang: Lang) -> Result<Intent, DraftError> {
        let users = self.users();
        if users.is_empty() {
            let m = if lang == Lang::Zh {
                "用户：每行填写一个用户名（可加逗号和显示名称）。"
            } else {
                "Users: one user name per line (optionally a comma and a display name)."
            };
            return Err(DraftError {
                field: "users",
                message: m.to_owned(),
            });
        }
        for u in &users {
            rules::user_name("UserName", &u.name)
                .map_err(|e| DraftError::rule("users", e, lang))?;
        }
        let scope = scope(&self.resource_group, lang)?;
        Ok(Intent::TeammateAccess(TeammateAccess {
            account,
            users,
            access: if self.console {
                Access::Console {
                    reset_required: self.reset_required,
                    mfa_required: self.mfa_required,
                }
            } else {
                Access::Programmatic
            },
            arms: if self.read_only {
                ArmsAccess::ReadOnly
            } else {
                ArmsAccess::Full
            },
            scope,
            apps: None,
        }))
    }

    /// The console logon names of `user`.
    pub fn logon_names(user: &str, alias: &str) -> [String; 2] {
        [
            format!("{user}@{alias}.onaliyun.com"),
            format!("{user}@{alias}"),
        ]
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
    fn the_draft_round_trips_and_holds_no_secret() {
        let d = Draft {
            users: "alice".into(),
            console: false,
            ..Draft::default()
        };
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&text).unwrap(), d);
        assert!(
            !text.to_lowercase().contains("password") && !text.to_lowercase().contains("secret")
        );
    }
}
