//! Verifying a share as the new user: AssumeRole, then GetCallerIdentity with the temporary credentials.

use super::*;

pub(super) fn verify_access(p: &mut Planner, v: &VerifyAccess) -> Result<(), PlanError> {
    let a = v.account.id.as_str();
    let assume = sts::AssumeRole {
        role_arn: v.role_arn.clone(),
        role_session_name: v.session_name.clone(),
        duration_seconds: v.duration_seconds,
        policy: None,
        external_id: v.external_id.clone(),
    };
    let assumed = p.add(
        Step::of(
            &assume,
            a,
            format!("Assume {} (temporary credentials, shown once)", v.role_arn),
        )?,
        &[],
    );
    let mut who = Step::of(
        &sts::GetCallerIdentity {},
        a,
        "Ask who the temporary credentials belong to",
    )?;
    who.credentials_from = Some(assumed);
    p.add(who, &[assumed]);
    Ok(())
}
