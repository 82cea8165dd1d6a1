//! Sharing ARMS with another account. The owner's form (account A) becomes
//! the role and its grants; its secret-free hand-off (the owner side of the
//! intent: role, trusted account, ExternalId, session limits) travels as a
//! link fragment or a file to account B, whose form adds the user who will
//! assume the role. Both drafts hold no secret.

use ramp_core::api::rules;
use ramp_core::encoding::{percent_decode, percent_encode};
use ramp_core::lang::Lang;
use ramp_core::plan::intent::{
    AccessingSide, Account, ArmsAccess, Intent, OwnerSide, ShareWithAccount, Trusted,
};
use serde::{Deserialize, Serialize};

use crate::pages::draft::{scope, DraftError};
use crate::pages::flow::StepDef;

/// Which side this browser is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Account A, which has the ARMS resources.
    #[default]
    Owner,
    /// Account B, continuing from a hand-off.
    Accessing,
}

const SIDE: StepDef = StepDef {
    en: "Your side",
    zh: "您是哪一方",
    fields: &[],
};

/// Account A's steps.
pub const OWNER_STEPS: &[StepDef] = &[
    SIDE,
    StepDef {
        en: "Role and trust",
        zh: "角色与信任",
        fields: &[
            "role",
            "trusted-account",
            "trusted-name",
            "external-id",
            "max-session",
        ],
    },
    StepDef {
        en: "ARMS permissions",
        zh: "ARMS 权限",
        fields: &["resource-group"],
    },
    StepDef {
        en: "Review, apply, hand off",
        zh: "确认、执行并交接",
        fields: &[],
    },
];

/// Account B's steps.
pub const ACCESSING_STEPS: &[StepDef] = &[
    SIDE,
    StepDef {
        en: "Hand-off and user",
        zh: "交接信息与用户",
        fields: &["handoff", "user"],
    },
    StepDef {
        en: "Review, apply, verify",
        zh: "确认、执行并验证",
        fields: &[],
    },
];

/// Both forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The side.
    pub side: Side,
    /// Role name.
    pub role: String,
    /// Account B's ID.
    pub trusted_account: String,
    /// `account`, `user` or `role`.
    pub trusted: String,
    /// The trusted user's or role's name.
    pub trusted_name: String,
    /// Required ExternalId (empty: none).
    pub external_id: String,
    /// Require MFA.
    pub require_mfa: bool,
    /// Seconds, as typed.
    pub max_session: String,
    /// ARMS read-only (`true`) or full.
    pub read_only: bool,
    /// Empty: the whole account.
    pub resource_group: String,
    /// The hand-off B received (link or file text).
    pub handoff: String,
    /// B's user who will assume the role.
    pub user: String,
    /// B grants `sts:AssumeRole` on this role only (`true`) or AliyunSTSAssumeRoleAccess.
    pub least_privilege: bool,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            side: Side::Owner,
            role: "arms-viewer".into(),
            trusted_account: String::new(),
            trusted: "account".into(),
            trusted_name: String::new(),
            external_id: String::new(),
            require_mfa: false,
            max_session: "3600".into(),
            read_only: true,
            resource_group: String::new(),
            handoff: String::new(),
            user: "arms-reader".into(),
            least_privilege: true,
        }
    }
}

fn bad(field: &'static str, lang: Lang, en: &str, zh: &str) -> DraftError {
    DraftError {
        field,
        message: if lang == Lang::Zh {
            zh.to_owned()
        } else {
            en.to_owned()
        },
    }
}

/// The hand-off of an owner side, as a link fragment: `#/share?handoff=…`.
pub fn handoff_fragment(owner: &OwnerSide) -> String {
    let json = serde_json::to_string(owner).unwrap_or_default();
    format!("#/share?handoff={}", percent_encode(&json))
}

/// The owner side from a hand-off: a link (or its fragment) or the file's JSON.
pub fn read_handoff(text: &str, lang: Lang) -> Result<OwnerSide, DraftError> {
    let text = text.trim();
    let json = match text.split_once("handoff=") {
        Some((_, encoded)) => percent_decode(encoded.split('&').next().unwrap_or_default(), false),
        None => text.to_owned(),
    };
    let owner: OwnerSide = serde_json::from_str(&json).map_err(|e| {
        bad(
            "handoff",
            lang,
            &format!("Hand-off: paste the link or the file account A gave you ({e})."),
            &format!("交接信息：请粘贴账号 A 提供的链接或文件内容（{e}）。"),
        )
    })?;
    // Checked like typed input: a crafted hand-off cannot slip values past the rules.
    ramp_core::plan::handoff::check(&owner).map_err(|e| bad("handoff", lang, &e.en, &e.zh))?;
    Ok(owner)
}

impl Draft {
    /// The owner side, checked.
    pub fn owner(&self, account: Account, lang: Lang) -> Result<OwnerSide, DraftError> {
        rules::role_name("RoleName", self.role.trim())
            .map_err(|e| DraftError::rule("role", e, lang))?;
        let b = self.trusted_account.trim();
        if b.len() != 16 || !b.bytes().all(|c| c.is_ascii_digit()) || b == account.id {
            return Err(bad(
                "trusted-account",
                lang,
                "Trusted account: the other account's ID, 16 digits (not this account); copy it from that account's console menu.",
                "受信任账号：填写另一个账号的 ID，16 位数字（不能是本账号）；请从该账号的控制台菜单复制。",
            ));
        }
        let name = self.trusted_name.trim().to_owned();
        let trusted = match self.trusted.as_str() {
            "user" | "role" if name.is_empty() => {
                return Err(bad(
                    "trusted-name",
                    lang,
                    "Name the user or role of the other account that may assume the role.",
                    "请填写对方账号中可扮演该角色的用户或角色名称。",
                ))
            }
            "user" => Trusted::User { name },
            "role" => Trusted::Role { name },
            _ => Trusted::Account,
        };
        let external_id = self.external_id.trim();
        if !external_id.is_empty() {
            rules::external_id("ExternalId", external_id)
                .map_err(|e| DraftError::rule("external-id", e, lang))?;
        }
        let max: u32 = self.max_session.trim().parse().unwrap_or(0);
        rules::max_session_duration("MaxSessionDuration", &max.to_string())
            .map_err(|e| DraftError::rule("max-session", e, lang))?;
        Ok(OwnerSide {
            account,
            role: self.role.trim().to_owned(),
            description: Some("ARMS access for another account (Ramp)".into()),
            max_session_duration: max,
            trusted_account: b.to_owned(),
            trusted,
            external_id: (!external_id.is_empty()).then(|| external_id.to_owned()),
            require_mfa: self.require_mfa,
            source_ips: Vec::new(),
            arms: if self.read_only {
                ArmsAccess::ReadOnly
            } else {
                ArmsAccess::Full
            },
            scope: scope(&self.resource_group, lang)?,
        })
    }

    /// The intent of this browser's side.
    pub fn intent(&self, account: Account, lang: Lang) -> Result<Intent, DraftError> {
        match self.side {
            Side::Owner => self.owner_intent(account, lang),
            Side::Accessing => self.accessing_intent(account, lang),
        }
    }

    /// The steps of this browser's side.
    pub fn steps(&self) -> &'static [StepDef] {
        match self.side {
            Side::Owner => OWNER_STEPS,
            Side::Accessing => ACCESSING_STEPS,
        }
    }

    /// The owner's intent (account A's steps only).
    pub fn owner_intent(&self, account: Account, lang: Lang) -> Result<Intent, DraftError> {
        Ok(Intent::ShareWithAccount(ShareWithAccount {
            owner: self.owner(account, lang)?,
            accessing: None,
        }))
    }

    /// The accessing side's intent: the hand-off's owner side plus B's user.
    pub fn accessing_intent(&self, account: Account, lang: Lang) -> Result<Intent, DraftError> {
        let owner = read_handoff(&self.handoff, lang)?;
        // (Not signed in yet: the account is checked when planning.)
        if !account.id.is_empty() && owner.trusted_account != account.id {
            return Err(bad(
                "handoff",
                lang,
                &format!(
                    "This hand-off is for account {}; you are signed in to {}.",
                    owner.trusted_account, account.id
                ),
                &format!(
                    "该交接信息面向账号 {}；您当前登录的是 {}。",
                    owner.trusted_account, account.id
                ),
            ));
        }
        rules::user_name("UserName", self.user.trim())
            .map_err(|e| DraftError::rule("user", e, lang))?;
        Ok(Intent::ShareWithAccount(ShareWithAccount {
            owner,
            accessing: Some(AccessingSide {
                account,
                user: self.user.trim().to_owned(),
                least_privilege: self.least_privilege,
                policy_name: None,
            }),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a() -> Account {
        Account {
            id: "1680000000000001".into(),
            alias: None,
        }
    }
    fn b() -> Account {
        Account {
            id: "1680000000000002".into(),
            alias: None,
        }
    }

    #[test]
    fn the_hand_off_round_trips_through_a_link_and_a_file() {
        let d = Draft {
            trusted_account: "1680000000000002".into(),
            external_id: "ramp-ext-1a2b3c".into(),
            ..Draft::default()
        };
        let owner = d.owner(a(), Lang::En).unwrap();
        let link = format!("http://127.0.0.1:8080/{}", handoff_fragment(&owner));
        assert_eq!(read_handoff(&link, Lang::En).unwrap(), owner);
        let file = serde_json::to_string_pretty(&owner).unwrap();
        assert_eq!(read_handoff(&file, Lang::En).unwrap(), owner);
        assert!(!file.to_lowercase().contains("secret"));
        assert_eq!(
            read_handoff("nonsense", Lang::En).unwrap_err().field,
            "handoff"
        );
    }

    #[test]
    fn each_field_is_checked() {
        let ok = Draft {
            trusted_account: "1680000000000002".into(),
            ..Draft::default()
        };
        assert!(ok.owner_intent(a(), Lang::En).is_ok());
        let self_trust = Draft {
            trusted_account: "1680000000000001".into(),
            ..Draft::default()
        };
        assert_eq!(
            self_trust.owner(a(), Lang::En).unwrap_err().field,
            "trusted-account"
        );
        let user_without_name = Draft {
            trusted: "user".into(),
            ..ok.clone()
        };
        assert_eq!(
            user_without_name.owner(a(), Lang::En).unwrap_err().field,
            "trusted-name"
        );
        let short = Draft {
            max_session: "600".into(),
            ..ok.clone()
        };
        assert_eq!(short.owner(a(), Lang::En).unwrap_err().field, "max-session");
        let bad_ext = Draft {
            external_id: "x".into(),
            ..ok.clone()
        };
        assert_eq!(
            bad_ext.owner(a(), Lang::En).unwrap_err().field,
            "external-id"
        );
        // B continues from the hand-off; it must be meant for B.
        let owner = ok.owner(a(), Lang::En).unwrap();
        let accessing = Draft {
            side: Side::Accessing,
            handoff: handoff_fragment(&owner),
            ..Draft::default()
        };
        let Intent::ShareWithAccount(s) = accessing.accessing_intent(b(), Lang::En).unwrap() else {
            panic!()
        };
        assert_eq!(s.accessing.unwrap().user, "arms-reader");
        assert_eq!(
            accessing.accessing_intent(a(), Lang::En).unwrap_err().field,
            "handoff"
        );
    }
}
