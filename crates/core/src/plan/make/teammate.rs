//! Teammate access: new RAM users (console, programmatic or both) with one ARMS system policy at a scope, and optionally an app-scoped policy.

use super::*;

pub(super) fn teammate_access(p: &mut Planner, t: &TeammateAccess) -> Result<(), PlanError> {
    if t.users.is_empty() {
        return Err(intent_error(
            "users: name at least one user",
            "users：请至少填写一个用户",
        ));
    }
    let a = t.account.id.as_str();
    let apps = p.apps_policy(a, t.apps.as_ref())?;
    let read_trace = p.read_trace_policy(a, t.arms, &t.scope)?;
    let password_policy = p.password_policy(a, &t.access)?;
    for u in &t.users {
        let user = p.new_user(a, u, &t.access, password_policy)?;
        let grants = Grants {
            arms: t.arms,
            scope: &t.scope,
            apps: apps.as_ref(),
            read_trace: read_trace.as_ref(),
        };
        p.arms_grants(&t.account, &Principal::User(u.name.clone()), &grants, user)?;
    }
    Ok(())
}
