//! The accessing side's hand-off: an aliyun CLI profile that assumes the role
//! (`ChainableRamRoleArn` on top of the user's own profile) and the same as
//! environment variables for the SDKs' credential chain. Secret-free.

use crate::plan::intent::{Intent, Trusted};
use crate::plan::Plan;

/// The role to assume and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// The role ARN.
    pub role_arn: String,
    /// Session name.
    pub session_name: String,
    /// ExternalId.
    pub external_id: Option<String>,
    /// Seconds.
    pub duration_seconds: u32,
}

/// The hand-off of a plan that creates or verifies a role.
pub fn profile(plan: &Plan) -> Result<Profile, String> {
    match &plan.intent {
        Intent::ShareWithAccount(s) => {
            let o = &s.owner;
            let session = match (&s.accessing, &o.trusted) {
                (Some(a), _) => a.user.clone(),
                (None, Trusted::User { name }) => name.clone(),
                _ => "ramp-session".into(),
            };
            Ok(Profile {
                name: o.role.clone(),
                role_arn: format!("acs:ram::{}:role/{}", o.account.id, o.role),
                session_name: session,
                external_id: o.external_id.clone(),
                duration_seconds: o.max_session_duration.min(3600),
            })
        }
        Intent::VerifyAccess(v) => Ok(Profile {
            name: v.role_arn.rsplit('/').next().unwrap_or("ramp-role").to_owned(),
            role_arn: v.role_arn.clone(),
            session_name: v.session_name.clone(),
            external_id: v.external_id.clone(),
            duration_seconds: v.duration_seconds.unwrap_or(3600),
        }),
        _ => Err("this plan creates no role to assume: the profile export is for share-with-account and verify-access plans".into()),
    }
}

impl Profile {
    /// The profile (for `~/.aliyun/config.json`'s `profiles` list) and the environment variables.
    pub fn render(&self) -> String {
        let mut p = serde_json::json!({
            "name": self.name,
            "mode": "ChainableRamRoleArn",
            "source_profile": "<your own profile in the accessing account>",
            "ram_role_arn": self.role_arn,
            "ram_session_name": self.session_name,
            "expired_seconds": self.duration_seconds,
        });
        if let Some(id) = &self.external_id {
            p["external_id"] = serde_json::json!(id);
        }
        let mut out = String::new();
        out.push_str("# aliyun CLI: add this object to \"profiles\" in ~/.aliyun/config.json, set source_profile\n");
        out.push_str(
            "# to your own AccessKey or SSO profile, then: aliyun sts GetCallerIdentity --profile ",
        );
        out.push_str(&self.name);
        out.push('\n');
        out.push_str(&serde_json::to_string_pretty(&p).expect("JSON"));
        out.push_str("\n\n# SDKs and tools that read the default credential chain: your own AccessKey pair\n");
        out.push_str(
            "# (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, from your secrets manager) plus:\n",
        );
        out.push_str(&format!(
            "export ALIBABA_CLOUD_ROLE_ARN='{}'\n",
            self.role_arn
        ));
        out.push_str(&format!(
            "export ALIBABA_CLOUD_ROLE_SESSION_NAME='{}'\n",
            self.session_name
        ));
        if let Some(id) = &self.external_id {
            out.push_str(&format!("export ALIBABA_CLOUD_EXTERNAL_ID='{id}'\n"));
        }
        out
    }
}
