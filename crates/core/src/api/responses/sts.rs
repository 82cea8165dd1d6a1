//! STS answers: temporary credentials and who is calling.

// Fields are the service's own, named as its API reference names them; a
// field has a doc only where its meaning is not its name.
#![allow(missing_docs)]

use serde::Deserialize;

use super::*;

/// Temporary credentials from `AssumeRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct StsCredentials {
    /// `STS.…`
    pub access_key_id: String,
    pub access_key_secret: Option<Secret>,
    pub security_token: Option<Secret>,
    /// `2015-04-09T11:52:19Z`.
    pub expiration: String,
}

/// The session `AssumeRole` created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssumedRoleUser {
    /// `acs:ram::<account>:role/<role>/<session>`.
    pub arn: String,
    /// `<role-id>:<session>`.
    pub assumed_role_id: String,
}

/// `AssumeRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AssumeRoleResponse {
    pub request_id: String,
    /// The credentials (secret).
    pub credentials: StsCredentials,
    pub assumed_role_user: AssumedRoleUser,
    pub source_identity: Option<String>,
}

/// `GetCallerIdentity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CallerIdentityResponse {
    pub request_id: String,
    pub account_id: String,
    /// For a RAM user.
    pub user_id: Option<String>,
    /// For a role session.
    pub role_id: Option<String>,
    pub principal_id: Option<String>,
    /// `RAMUser`, `AssumedRoleUser`, `Account`.
    pub identity_type: Option<String>,
    /// The caller's ARN.
    pub arn: String,
}
