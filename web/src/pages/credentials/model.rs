//! The credentials page's state: pasted keys, the assume-role form, the
//! temporary credentials it produced. A reducer; no DOM, no network.

use std::rc::Rc;

use ramp_core::api::responses::AssumeRoleResponse;
use ramp_core::api::sts::AssumeRole;
use ramp_core::api::{ApiError, Operation};
use ramp_core::credentials::Credentials;
use ramp_core::lang::{Lang, Localized};
use ramp_core::time::UtcTime;
use yew::Reducible;

/// An input of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Pasted AccessKey ID.
    KeyId,
    /// Pasted secret.
    Secret,
    /// Pasted STS token.
    Token,
    /// Role ARN.
    RoleArn,
    /// Session name.
    SessionName,
    /// Duration, seconds.
    Duration,
    /// ExternalId.
    ExternalId,
    /// Session policy.
    Policy,
}

/// Temporary credentials from AssumeRole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temporary {
    /// What signs with them.
    pub credentials: Credentials,
    /// When they stop working.
    pub expiration: UtcTime,
    /// As the service wrote it.
    pub expiration_text: String,
    /// `acs:ram::<id>:role/<role>/<session>`.
    pub arn: String,
}

/// The page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// Pasted AccessKey ID.
    pub key_id: String,
    /// Pasted secret (memory only).
    pub secret: String,
    /// Pasted token (memory only).
    pub token: String,
    /// Role ARN.
    pub role_arn: String,
    /// Session name.
    pub session_name: String,
    /// Seconds, as typed.
    pub duration: String,
    /// ExternalId.
    pub external_id: String,
    /// Session policy JSON.
    pub policy: String,
    /// A call is on its way.
    pub busy: bool,
    /// The last call's error.
    pub error: Option<ApiError>,
    /// The last AssumeRole's credentials.
    pub temporary: Option<Temporary>,
    /// The user confirmed they saved the temporary credentials.
    pub saved: bool,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            key_id: String::new(),
            secret: String::new(),
            token: String::new(),
            role_arn: String::new(),
            session_name: "ramp-session".into(),
            duration: "3600".into(),
            external_id: String::new(),
            policy: String::new(),
            busy: false,
            error: None,
            temporary: None,
            saved: false,
        }
    }
}

/// What can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// An input changed.
    Set(Field, String),
    /// A call started.
    Busy,
    /// A call failed.
    Failed(ApiError),
    /// A call succeeded with nothing to keep.
    Done,
    /// AssumeRole answered.
    Assumed(Box<AssumeRoleResponse>),
    /// The saved checkbox.
    ConfirmSaved(bool),
    /// Drop the pasted key (after connecting or on forget).
    ClearPaste,
    /// Drop the temporary credentials.
    ClearTemporary,
}

/// A field and the message for it, in the user's language.
pub type FieldError = (Field, String);

fn field_of(param: &str) -> Field {
    match param {
        "RoleArn" => Field::RoleArn,
        "RoleSessionName" => Field::SessionName,
        "DurationSeconds" => Field::Duration,
        "ExternalId" => Field::ExternalId,
        _ => Field::Policy,
    }
}

impl Model {
    /// The pasted credentials, checked.
    pub fn pasted(&self, lang: Lang) -> Result<Credentials, FieldError> {
        let id = self.key_id.trim();
        let msg = |en: &str, zh: &str| {
            if lang == Lang::Zh {
                zh.to_owned()
            } else {
                en.to_owned()
            }
        };
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err((Field::KeyId, msg("AccessKey ID: paste the ID (it starts with LTAI, or STS. for temporary credentials).", "AccessKey ID：请粘贴 ID（以 LTAI 开头，临时凭证以 STS. 开头）。")));
        }
        if self.secret.trim().is_empty() {
            return Err((
                Field::Secret,
                msg(
                    "AccessKey secret: paste the secret shown when the key was created.",
                    "AccessKey Secret：请粘贴创建该密钥时显示的 Secret。",
                ),
            ));
        }
        let creds = Credentials::new(id, self.secret.trim());
        match (id.starts_with("STS."), self.token.trim()) {
            (true, "") => Err((
                Field::Token,
                msg(
                    "Security token: an STS. key needs the token that came with it.",
                    "安全令牌：STS. 开头的密钥需要同时粘贴其安全令牌。",
                ),
            )),
            (_, "") => Ok(creds),
            (_, token) => Ok(creds.with_security_token(token)),
        }
    }

    /// The AssumeRole call the form describes, checked with the service's rules.
    pub fn assume_call(&self, lang: Lang) -> Result<AssumeRole, FieldError> {
        let duration = self.duration.trim().parse::<u32>().map_err(|_| {
            let m = if lang == Lang::Zh { "会话时长：请输入 900 到 43200 之间的秒数。" } else { "Duration: enter seconds, 900 to 43,200 (at most the role's maximum session duration)." };
            (Field::Duration, m.to_owned())
        })?;
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let call = AssumeRole {
            role_arn: self.role_arn.trim().to_owned(),
            role_session_name: self.session_name.trim().to_owned(),
            duration_seconds: Some(duration),
            policy: text(&self.policy),
            external_id: text(&self.external_id),
        };
        call.validate()
            .map_err(|e| (field_of(e.param), e.message(lang)))?;
        Ok(call)
    }

    /// Seconds until the temporary credentials expire (negative once they have).
    pub fn remaining(&self, now: UtcTime) -> Option<i64> {
        self.temporary
            .as_ref()
            .map(|t| t.expiration.unix_seconds() - now.unix_seconds())
    }
}

impl Reducible for Model {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Set(field, value) => {
                let slot = match field {
                    Field::KeyId => &mut next.key_id,
                    Field::Secret => &mut next.secret,
                    Field::Token => &mut next.token,
                    Field::RoleArn => &mut next.role_arn,
                    Field::SessionName => &mut next.session_name,
                    Field::Duration => &mut next.duration,
                    Field::ExternalId => &mut next.external_id,
                    Field::Policy => &mut next.policy,
                };
                *slot = value;
            }
            Msg::Busy => {
                next.busy = true;
                next.error = None;
            }
            Msg::Failed(e) => {
                next.busy = false;
                next.error = Some(e);
            }
            Msg::Done => next.busy = false,
            Msg::Assumed(r) => {
                next.busy = false;
                let c = r.credentials;
                let mut creds = Credentials::new(
                    c.access_key_id,
                    c.access_key_secret
                        .map(|s| s.expose().to_owned())
                        .unwrap_or_default(),
                );
                if let Some(t) = c.security_token {
                    creds = creds.with_security_token(t.expose());
                }
                next.temporary = Some(Temporary {
                    credentials: creds,
                    expiration: UtcTime::parse(&c.expiration)
                        .unwrap_or(UtcTime::from_unix_seconds(0)),
                    expiration_text: c.expiration,
                    arn: r.assumed_role_user.arn,
                });
                next.saved = false;
            }
            Msg::ConfirmSaved(v) => next.saved = v,
            Msg::ClearPaste => {
                next.key_id.clear();
                next.secret.clear();
                next.token.clear();
            }
            Msg::ClearTemporary => {
                next.temporary = None;
                next.saved = false;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut Model)) -> Model {
        let mut m = Model::default();
        f(&mut m);
        m
    }

    #[test]
    fn pasted_keys_need_id_secret_and_for_sts_a_token() {
        assert_eq!(
            Model::default().pasted(Lang::En).unwrap_err().0,
            Field::KeyId
        );
        let m = with(|m| m.key_id = "LTAI5tX".into());
        assert_eq!(m.pasted(Lang::En).unwrap_err().0, Field::Secret);
        let m = with(|m| {
            m.key_id = "STS.abc".into();
            m.secret = "s".into();
        });
        let (field, message) = m.pasted(Lang::Zh).unwrap_err();
        assert_eq!(field, Field::Token);
        assert!(message.contains("安全令牌"));
        let m = with(|m| {
            m.key_id = " LTAI5tX ".into();
            m.secret = "s".into();
        });
        assert_eq!(m.pasted(Lang::En).unwrap().access_key_id, "LTAI5tX");
    }

    #[test]
    fn the_assume_form_uses_the_services_rules_and_names_the_field() {
        let m = with(|m| m.role_arn = "acs:ram::1680000000000001:role/arms-viewer".into());
        let call = m.assume_call(Lang::En).unwrap();
        assert_eq!(call.duration_seconds, Some(3600));
        assert_eq!(call.external_id, None);
        let bad = with(|m| m.role_arn = "arn:aws:iam::1:role/x".into());
        assert_eq!(bad.assume_call(Lang::En).unwrap_err().0, Field::RoleArn);
        let bad = with(|m| {
            m.role_arn = "acs:ram::1680000000000001:role/r".into();
            m.duration = "600".into();
        });
        assert_eq!(bad.assume_call(Lang::En).unwrap_err().0, Field::Duration);
        let bad = with(|m| {
            m.role_arn = "acs:ram::1680000000000001:role/r".into();
            m.session_name = "a b".into();
        });
        assert_eq!(bad.assume_call(Lang::En).unwrap_err().0, Field::SessionName);
        let bad = with(|m| {
            m.role_arn = "acs:ram::1680000000000001:role/r".into();
            m.duration = "soon".into();
        });
        assert_eq!(bad.assume_call(Lang::En).unwrap_err().0, Field::Duration);
    }

    #[test]
    fn assumed_credentials_count_down_and_can_be_dropped() {
        let response: AssumeRoleResponse = serde_json::from_str(
            r#"{"RequestId":"r","Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"sec","SecurityToken":"tok","Expiration":"2027-01-15T09:00:00Z"},"AssumedRoleUser":{"Arn":"acs:ram::1:role/r/s","AssumedRoleId":"1:s"}}"#,
        )
        .unwrap();
        let m = Rc::new(Model::default()).reduce(Msg::Assumed(Box::new(response)));
        let t = m.temporary.as_ref().unwrap();
        assert_eq!(
            t.credentials.security_token.as_ref().unwrap().expose(),
            "tok"
        );
        assert_eq!(
            m.remaining(UtcTime::parse("2027-01-15T08:59:00Z").unwrap()),
            Some(60)
        );
        let m = m
            .reduce(Msg::ConfirmSaved(true))
            .reduce(Msg::ClearTemporary);
        assert_eq!((m.temporary.is_none(), m.saved), (true, false));
    }
}
