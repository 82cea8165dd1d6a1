//! Authentication: who signed the request, checked the way the gateway checks
//! it — the claim, the clock, the key, the STS token, the signature (with
//! ramp-core's verifier), then the nonce.

use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::eval::Caller;
use ramp_core::request::SignatureScheme;
use ramp_core::time::UtcTime;
use ramp_core::verify::{ReceivedRequest, SignedClaim};

use crate::ids;
use crate::reply::Fault;
use crate::rows::{Entity, Table};
use crate::world::World;

/// The authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// The account itself (root AccessKey).
    Root {
        /// Account ID.
        account: String,
    },
    /// A RAM user.
    User {
        /// Account ID.
        account: String,
        /// User name.
        name: String,
    },
    /// An assumed-role session.
    Session {
        /// The role's account.
        account: String,
        /// Role name.
        role: String,
        /// Role ID.
        role_id: String,
        /// Session name.
        session: String,
        /// The session policy.
        policy: Option<String>,
    },
}

impl Identity {
    /// The account the caller acts in.
    pub fn account(&self) -> &str {
        match self {
            Identity::Root { account }
            | Identity::User { account, .. }
            | Identity::Session { account, .. } => account,
        }
    }

    /// The evaluator's view of the caller.
    pub fn caller(&self) -> Caller {
        match self {
            Identity::Root { account } => Caller::AccountRoot {
                account_id: account.clone(),
            },
            Identity::User { account, name } => Caller::RamUser {
                account_id: account.clone(),
                name: name.clone(),
            },
            Identity::Session {
                account,
                role,
                session,
                ..
            } => Caller::AssumedRole {
                account_id: account.clone(),
                role: role.clone(),
                session: session.clone(),
            },
        }
    }
}

/// Who owns an AccessKey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOwner {
    /// The account root.
    Root(String),
    /// A user: account and name.
    User(String, String),
}

/// What the key lookup found: the secret to verify with and who it proves.
pub(crate) struct Found {
    pub(crate) secret: String,
    pub(crate) identity: Identity,
}

/// Reads the claim and checks everything that does not need the key.
pub(crate) fn claim(
    req: &ReceivedRequest<'_>,
    now: UtcTime,
    max_skew: i64,
) -> Result<SignedClaim, Fault> {
    let claim =
        SignedClaim::from_request(req).map_err(|e| Fault::bad(e.code(), e.message(Lang::En)))?;
    let (date_name, nonce_name) = match claim.scheme {
        SignatureScheme::V1 => ("Timestamp", "SignatureNonce"),
        SignatureScheme::V3 => ("x-acs-date", "x-acs-signature-nonce"),
    };
    let date = claim.date.as_deref().ok_or_else(|| {
        Fault::bad(
            "MissingTimestamp",
            format!("The input parameter \"{date_name}\" that is mandatory for processing this request is not supplied."),
        )
    })?;
    let when = UtcTime::parse(date).map_err(|_| {
        Fault::bad(
            "InvalidTimeStamp.Format",
            format!("Specified time stamp or date value is not well formatted: {date_name} must look like 2026-01-02T03:04:05Z (UTC)."),
        )
    })?;
    let skew = (now.unix_seconds() - when.unix_seconds()).abs();
    if skew > max_skew {
        return Err(Fault::bad(
            "InvalidTimeStamp.Expired",
            format!("Specified time stamp or date value is expired: {date_name} is {date}, the server's time is {now}; the difference may not exceed {} minutes.", max_skew / 60),
        ));
    }
    if claim.nonce.as_deref().is_none_or(str::is_empty) {
        return Err(Fault::bad(
            "MissingSignatureNonce",
            format!("The input parameter \"{nonce_name}\" that is mandatory for processing this request is not supplied."),
        ));
    }
    Ok(claim)
}

/// Records that a user's key signed a call the sandbox accepted (what
/// `GetAccessKeyLastUsed` answers). Kept in memory: it is written with the
/// next change, so a read does not cost a durable write. Gives the user
/// whose key it was, to save.
pub(crate) fn note_use(
    world: &mut World,
    who: &Identity,
    key_id: &str,
    now: UtcTime,
) -> Option<Entity> {
    let Identity::User { account, name } = who else {
        return None;
    };
    let key = world
        .accounts
        .get_mut(account)
        .and_then(|a| a.users.get_mut(name))
        .and_then(|u| u.keys.iter_mut().find(|k| k.id == key_id))?;
    key.last_used = Some(now.unix_seconds());
    Some(Entity {
        table: Table::User,
        account: account.clone(),
        name: name.clone(),
    })
}

/// Finds the key's secret and owner; checks its status and, for STS keys, the token.
pub(crate) fn find_key(
    world: &World,
    owner: Option<&KeyOwner>,
    claim: &SignedClaim,
    now: UtcTime,
) -> Result<Found, Fault> {
    let not_found = || {
        Fault::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        )
    };
    let id = &claim.access_key_id;
    if id.starts_with("STS.") {
        let session = world.sessions.get(id).ok_or_else(not_found)?;
        let token = claim.security_token.as_deref().ok_or_else(|| {
            Fault::bad(
                "MissingSecurityToken",
                "SecurityToken is mandatory for this action.",
            )
        })?;
        if token != session.token {
            return Err(match ids::token_key_id(token) {
                None => Fault::bad(
                    "InvalidSecurityToken.Malformed",
                    "Specified SecurityToken is malformed.",
                ),
                Some(_) => Fault::bad(
                    "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.",
                ),
            });
        }
        if now.unix_seconds() >= session.expires {
            return Err(Fault::bad(
                "InvalidSecurityToken.Expired",
                format!(
                    "Specified SecurityToken is expired (it expired at {}).",
                    UtcTime::from_unix_seconds(session.expires)
                ),
            ));
        }
        return Ok(Found {
            secret: session.secret.clone(),
            identity: Identity::Session {
                account: session.account.clone(),
                role: session.role.clone(),
                role_id: session.role_id.clone(),
                session: session.session_name.clone(),
                policy: session.policy.clone(),
            },
        });
    }
    let (key, identity) = match owner.ok_or_else(not_found)? {
        KeyOwner::Root(account) => {
            let acct = world.accounts.get(account).ok_or_else(not_found)?;
            let key = acct.root_keys.iter().find(|k| &k.id == id);
            (
                key,
                Identity::Root {
                    account: account.clone(),
                },
            )
        }
        KeyOwner::User(account, name) => {
            let user = world
                .accounts
                .get(account)
                .and_then(|a| a.users.get(name))
                .ok_or_else(not_found)?;
            let key = user.keys.iter().find(|k| &k.id == id);
            (
                key,
                Identity::User {
                    account: account.clone(),
                    name: name.clone(),
                },
            )
        }
    };
    let key = key.ok_or_else(not_found)?;
    if key.status != "Active" {
        return Err(Fault::bad(
            "InvalidAccessKeyId.Inactive",
            "Specified access key is disabled.",
        ));
    }
    Ok(Found {
        secret: key.secret.clone(),
        identity,
    })
}

/// Recomputes the signature.
pub(crate) fn verify(
    claim: &SignedClaim,
    req: &ReceivedRequest<'_>,
    secret: &str,
) -> Result<(), Fault> {
    claim
        .verify(req, secret)
        .map_err(|e| Fault::bad(e.code(), e.message(Lang::En)))
}
