//! STS `2015-04-01` operations.

use super::responses::*;
use super::rules::*;

call! {
    /// Temporary credentials for a role.
    AssumeRole in Sts -> AssumeRoleResponse {
        /// `acs:ram::<account-id>:role/<name>`.
        role_arn: String = "RoleArn", role_arn;
        /// 2-64 letters, digits, `.@-_`.
        role_session_name: String = "RoleSessionName", role_session_name;
        /// 900 seconds up to the role's maximum.
        duration_seconds: Option<u32> = "DurationSeconds", duration_seconds;
        /// A session policy that narrows the role (1-2,048 characters).
        policy: Option<String> = "Policy", session_policy;
        /// The ExternalId the trust policy expects.
        external_id: Option<String> = "ExternalId", external_id;
    }
}

call! {
    /// Who the credentials belong to.
    GetCallerIdentity in Sts -> CallerIdentityResponse {}
}
