//! Rehearsing a trust-policy change in a sandbox of its own: the role's
//! account and each caller's account are made, the role is created with
//! its current trust policy, every caller concerned (a RAM user, or a
//! session of a role, made in its own account with the right to call
//! AssumeRole) assumes it; then the new trust policy is set and each one
//! tries again. Every call is signed and checked like any other — the
//! report is what the sandbox did, not what Ramp expected.

use ramp_core::api::ram::{
    AttachPolicyToRole, AttachPolicyToUser, CreateAccessKey, CreateRole, CreateUser, UpdateRole,
};
use ramp_core::api::sts::AssumeRole;
use ramp_core::api::{ApiError, Operation};
use ramp_core::credentials::Credentials;
use ramp_core::policy::eval::Caller;
use ramp_core::request::SignatureScheme;
use ramp_core::sign::{self, SigningInput};
use ramp_core::time::UtcTime;
use serde::Serialize;

use crate::seed::{self, AccountConfig, Config};
use crate::{Incoming, Options, Sandbox};

/// What the service answered one AssumeRole: `allowed`, or the error code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Outcome {
    /// The role was assumed.
    pub allowed: bool,
    /// `OK`, or the service's error code (`NoPermission`…).
    pub code: String,
}

/// One caller's AssumeRole before and after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Trial {
    /// The caller's ARN (as a trust policy names it).
    pub caller: String,
    /// The ExternalId it passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// With the current trust policy.
    pub before: Outcome,
    /// With the new one.
    pub after: Outcome,
}

/// One caller to try, with the ExternalId it passes.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// A RAM user or a role session (services and federated sign-ins cannot be played here).
    pub caller: Caller,
    /// `sts:ExternalId`.
    pub external_id: Option<String>,
}

struct Rehearsal {
    sandbox: Sandbox,
    now: UtcTime,
    nonce: std::cell::Cell<u64>,
}

impl Rehearsal {
    #[allow(clippy::result_large_err)] // the whole answer is kept for the report
    fn call<C: Operation>(&self, creds: &Credentials, call: &C) -> Result<C::Response, ApiError> {
        let req = call.request().map_err(|e| {
            ApiError::parse(
                400,
                &format!(
                    "{{\"Code\":\"InvalidParameter\",\"Message\":\"{}\"}}",
                    e.param
                ),
            )
        })?;
        let n = self.nonce.get() + 1;
        self.nonce.set(n);
        let nonce = format!("rehearsal-{n}");
        let input = SigningInput {
            credentials: creds,
            time: self.now,
            nonce: &nonce,
        };
        let http = sign::sign(&req, SignatureScheme::V3, &input)
            .map_err(|e| {
                ApiError::parse(
                    400,
                    &format!("{{\"Code\":\"Ramp.Sign\",\"Message\":\"{e}\"}}"),
                )
            })?
            .request;
        let a = self.sandbox.handle(
            &Incoming::new(
                http.method.as_str(),
                "/",
                http.query_string(),
                &http.headers,
                &http.body,
            ),
            self.now,
        );
        if a.status == 200 {
            C::parse_response(&a.body)
        } else {
            Err(ApiError::parse(a.status, &a.body))
        }
    }

    fn assume(&self, creds: &Credentials, arn: &str, external_id: &Option<String>) -> Outcome {
        let r = self.call(
            creds,
            &AssumeRole {
                role_arn: arn.to_owned(),
                role_session_name: "ramp-rehearsal".into(),
                external_id: external_id.clone(),
                ..Default::default()
            },
        );
        match r {
            Ok(_) => Outcome {
                allowed: true,
                code: "OK".into(),
            },
            Err(e) => Outcome {
                allowed: false,
                code: e.code,
            },
        }
    }
}

fn admin_creds(seed: &seed::Seed, account: &str) -> Option<Credentials> {
    seed.accounts.iter().find(|a| a.id == account).map(|a| {
        Credentials::new(
            a.admin.access_key_id.clone(),
            a.admin.access_key_secret.clone(),
        )
    })
}

fn account_of(c: &Caller) -> Option<&str> {
    match c {
        Caller::RamUser { account_id, .. } | Caller::AssumedRole { account_id, .. } => {
            Some(account_id)
        }
        _ => None,
    }
}

fn ok_or_exists<T>(r: Result<T, ApiError>) -> Result<(), String> {
    match r {
        Ok(_) => Ok(()),
        Err(e) if e.code.starts_with("EntityAlreadyExists") => Ok(()),
        Err(e) => Err(format!("{}: {}", e.code, e.message)),
    }
}

/// Rehearses changing `role`'s trust policy in `role_account` from `old` to
/// `new` for each of `attempts`, at `now`. Callers that are services or
/// federated sign-ins are left out (the sandbox cannot act as them).
pub fn rehearse(
    role_account: &str,
    role: &str,
    old: &str,
    new: &str,
    attempts: &[Attempt],
    now: UtcTime,
) -> Result<Vec<Trial>, String> {
    let digits = |a: &str| a.len() == 16 && a.bytes().all(|b| b.is_ascii_digit());
    let mut ids = vec![role_account.to_owned()];
    for a in attempts {
        if let Some(acct) = account_of(&a.caller).filter(|a| digits(a)) {
            if !ids.iter().any(|i| i == acct) {
                ids.push(acct.to_owned());
            }
        }
    }
    if !digits(role_account) {
        return Err(format!("`{role_account}` is not an account ID (16 digits)"));
    }
    let config = Config {
        accounts: ids
            .iter()
            .enumerate()
            .map(|(n, id)| AccountConfig {
                id: id.clone(),
                alias: format!("rehearsal-{n}"),
                purpose: "rehearsal".into(),
                admin_user: "admin".into(),
                admin_access_key_id: Some(format!("LTAIrehearsal{n:04}")),
                admin_access_key_secret: Some(format!("rehearsal-secret-{n:04}-not-a-real-key")),
                root_access_key_id: None,
                root_access_key_secret: None,
                resource_groups: Vec::new(),
                password_policy: None,
                users_quota: None,
            })
            .collect(),
    };
    let seed = seed::from_config(&config, now.unix_seconds()).map_err(|e| e.to_string())?;
    let r = Rehearsal {
        sandbox: Sandbox::new(seed.world.clone(), Options::default()),
        now,
        nonce: std::cell::Cell::new(0),
    };
    let owner = admin_creds(&seed, role_account).ok_or("no role account")?;
    let created = r.call(
        &owner,
        &CreateRole {
            role_name: role.to_owned(),
            assume_role_policy_document: old.to_owned(),
            ..Default::default()
        },
    );
    let arn = match created {
        Ok(resp) => resp
            .role
            .arn
            .unwrap_or_else(|| format!("acs:ram::{role_account}:role/{role}")),
        Err(e) => {
            return Err(format!(
                "the current trust policy: {} {}",
                e.code, e.message
            ))
        }
    };

    // Each caller, made in its own account with the right to call AssumeRole.
    let assume_right = "AliyunSTSAssumeRoleAccess";
    let mut callers = Vec::new();
    for a in attempts {
        let Some(acct) = account_of(&a.caller) else {
            continue;
        };
        let Some(admin) = admin_creds(&seed, acct) else {
            continue;
        };
        let creds = match &a.caller {
            Caller::RamUser { name, .. } => {
                ok_or_exists(r.call(
                    &admin,
                    &CreateUser {
                        user_name: name.clone(),
                        ..Default::default()
                    },
                ))?;
                ok_or_exists(r.call(
                    &admin,
                    &AttachPolicyToUser {
                        policy_type: "System".into(),
                        policy_name: assume_right.into(),
                        user_name: name.clone(),
                        resource_group_id: None,
                    },
                ))?;
                let key = r
                    .call(
                        &admin,
                        &CreateAccessKey {
                            user_name: Some(name.clone()),
                        },
                    )
                    .map_err(|e| format!("{}: {}", e.code, e.message))?
                    .access_key;
                let secret = key.access_key_secret.ok_or("no secret")?;
                Credentials::new(key.access_key_id, secret.expose())
            }
            Caller::AssumedRole { role: own, .. } => {
                let trust = format!(
                    r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{acct}:root"]}}}}]}}"#
                );
                ok_or_exists(r.call(
                    &admin,
                    &CreateRole {
                        role_name: own.clone(),
                        assume_role_policy_document: trust,
                        ..Default::default()
                    },
                ))?;
                ok_or_exists(r.call(
                    &admin,
                    &AttachPolicyToRole {
                        policy_type: "System".into(),
                        policy_name: assume_right.into(),
                        role_name: own.clone(),
                        resource_group_id: None,
                    },
                ))?;
                let session = r
                    .call(
                        &admin,
                        &AssumeRole {
                            role_arn: format!("acs:ram::{acct}:role/{own}"),
                            role_session_name: "ramp-rehearsal".into(),
                            ..Default::default()
                        },
                    )
                    .map_err(|e| format!("{}: {}", e.code, e.message))?
                    .credentials;
                Credentials::new(
                    session.access_key_id,
                    session.access_key_secret.ok_or("no secret")?.expose(),
                )
                .with_security_token(session.security_token.ok_or("no token")?.expose())
            }
            _ => continue,
        };
        callers.push((a, creds));
    }
    let before: Vec<Outcome> = callers
        .iter()
        .map(|(a, c)| r.assume(c, &arn, &a.external_id))
        .collect();
    r.call(
        &owner,
        &UpdateRole {
            role_name: role.to_owned(),
            new_assume_role_policy_document: Some(new.to_owned()),
            ..Default::default()
        },
    )
    .map_err(|e| format!("the new trust policy: {} {}", e.code, e.message))?;
    Ok(callers
        .iter()
        .zip(before)
        .map(|((a, c), before)| Trial {
            caller: a.caller.arn(),
            external_id: a.external_id.clone(),
            before,
            after: r.assume(c, &arn, &a.external_id),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trust(account: &str, external_id: &str) -> String {
        format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{account}:root"]}},"Condition":{{"StringEquals":{{"sts:ExternalId":"{external_id}"}}}}}}]}}"#
        )
    }

    #[test]
    fn moving_trust_from_b_to_c_is_tried_by_both_and_the_sandbox_decides() {
        let (a, b, c) = ("1111111111111111", "2222222222222222", "3333333333333333");
        let attempts = [
            Attempt {
                caller: Caller::RamUser {
                    account_id: b.into(),
                    name: "ci".into(),
                },
                external_id: Some("x-1".into()),
            },
            Attempt {
                caller: Caller::AssumedRole {
                    account_id: c.into(),
                    role: "deployer".into(),
                    session: "s".into(),
                },
                external_id: Some("x-1".into()),
            },
            Attempt {
                caller: Caller::RamUser {
                    account_id: c.into(),
                    name: "nosy".into(),
                },
                external_id: Some("wrong".into()),
            },
        ];
        let now = UtcTime::parse("2026-12-04T00:00:00Z").unwrap();
        let trials = rehearse(
            a,
            "viewer",
            &trust(b, "x-1"),
            &trust(c, "x-1"),
            &attempts,
            now,
        )
        .unwrap();
        let got: Vec<(bool, bool)> = trials
            .iter()
            .map(|t| (t.before.allowed, t.after.allowed))
            .collect();
        assert_eq!(
            got,
            [(true, false), (false, true), (false, false)],
            "{trials:#?}"
        );
        assert_eq!(trials[0].caller, format!("acs:ram::{b}:user/ci"));
        assert!(!trials[0].after.code.is_empty() && trials[0].after.code != "OK");
    }
}
