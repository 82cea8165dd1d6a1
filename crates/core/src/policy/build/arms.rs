//! ARMS permission policies: app-scoped grants (Application and Browser
//! Monitoring), Prometheus instances, the ReadTraceApp grant resource-group
//! scope needs, and the one-role AssumeRole grant.

use super::*;

/// What an app-scoped ARMS policy allows on its apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppAccess {
    /// Open the app (read).
    pub read: bool,
    /// Change its settings.
    pub edit: bool,
    /// Delete it.
    pub delete: bool,
}

/// The kinds of ARMS resources a scoped policy can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArmsScope {
    /// Application Monitoring apps (`armsapp/<app>`, actions `*TraceApp`).
    TraceApps,
    /// Browser Monitoring (RUM) apps (`armsweb/<app>`, actions `*RumApp`).
    RumApps,
}

pub(super) fn region(r: &str) -> Result<(), BuildError> {
    check(
        r == "*"
            || (!r.is_empty()
                && r.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')),
        "region",
        r,
        "a region ID looks like cn-hangzhou; use * for every region",
        "地域 ID 形如 cn-hangzhou；所有地域请用 *",
    )
}

pub(super) fn resource_name(field: &'static str, name: &str) -> Result<(), BuildError> {
    check(
        !name.is_empty() && !name.contains(':') && !name.chars().any(char::is_whitespace),
        field,
        name,
        "give the name or ID without spaces or `:`; `*` for all, `prefix*` for a prefix",
        "请填写不含空格和 `:` 的名称或 ID；`*` 表示全部，`prefix*` 表示按前缀",
    )
}

/// An app-scoped ARMS policy: the chosen actions on the named apps (`*` all, `prefix*` by prefix).
pub fn arms_apps(
    scope: ArmsScope,
    region_id: &str,
    apps: &[&str],
    access: AppAccess,
) -> Result<Policy, BuildError> {
    Ok(document(vec![apps_statement(
        scope, region_id, apps, access,
    )?]))
}

/// One app-scoped ARMS policy for Application Monitoring apps and Browser
/// Monitoring apps together (either list may be empty, not both).
pub fn arms_apps_both(
    region_id: &str,
    trace_apps: &[&str],
    rum_apps: &[&str],
    access: AppAccess,
) -> Result<Policy, BuildError> {
    check(
        !(trace_apps.is_empty() && rum_apps.is_empty()),
        "apps",
        "",
        "name at least one Application Monitoring or Browser Monitoring app (or * for all)",
        "请至少指定一个应用监控或用户体验监控的应用（或 * 表示全部）",
    )?;
    let mut statements = Vec::new();
    for (scope, apps) in [
        (ArmsScope::TraceApps, trace_apps),
        (ArmsScope::RumApps, rum_apps),
    ] {
        if !apps.is_empty() {
            statements.push(apps_statement(scope, region_id, apps, access)?);
        }
    }
    Ok(document(statements))
}

pub(super) fn apps_statement(
    scope: ArmsScope,
    region_id: &str,
    apps: &[&str],
    access: AppAccess,
) -> Result<Value, BuildError> {
    region(region_id)?;
    check(
        !apps.is_empty(),
        "apps",
        "",
        "name at least one app (or * for all)",
        "请至少指定一个应用（或 * 表示全部）",
    )?;
    for app in apps {
        resource_name("apps", app)?;
    }
    check(
        access.read || access.edit || access.delete,
        "access",
        "",
        "choose at least one of read, edit and delete",
        "请至少选择读取、编辑、删除之一",
    )?;
    let (kind, verbs): (&str, [&str; 3]) = match scope {
        ArmsScope::TraceApps => (
            "armsapp",
            ["ReadTraceApp", "EditTraceApp", "DeleteTraceApp"],
        ),
        ArmsScope::RumApps => ("armsweb", ["ReadRumApp", "SaveRumApp", "DeleteRumApp"]),
    };
    let actions: Vec<String> = [access.read, access.edit, access.delete]
        .iter()
        .zip(verbs)
        .filter(|(on, _)| **on)
        .map(|(_, v)| format!("arms:{v}"))
        .collect();
    let resources: Vec<String> = apps
        .iter()
        .map(|a| format!("acs:arms:{region_id}:*:{kind}/{a}"))
        .collect();
    Ok(json!({"Effect": "Allow", "Action": actions, "Resource": resources}))
}

/// Managed Service for Prometheus instances: every ARMS action on the named clusters.
pub fn prometheus_instances(
    region_id: &str,
    account_id: &str,
    clusters: &[&str],
    read_only: bool,
) -> Result<Policy, BuildError> {
    region(region_id)?;
    account(account_id)?;
    check(
        !clusters.is_empty(),
        "clusters",
        "",
        "name at least one cluster ID (or * for all)",
        "请至少指定一个集群 ID（或 * 表示全部）",
    )?;
    for c in clusters {
        resource_name("clusters", c)?;
    }
    let resources: Vec<String> = clusters
        .iter()
        .map(|c| format!("acs:arms:{region_id}:{account_id}:prometheus/{c}"))
        .collect();
    let actions = if read_only {
        json!(["arms:Get*", "arms:List*", "arms:Describe*"])
    } else {
        json!("arms:*")
    };
    Ok(document(vec![
        json!({"Effect": "Allow", "Action": actions, "Resource": resources}),
    ]))
}

/// The `arms:ReadTraceApp` grant that read-only access at resource-group scope needs
/// next to `AliyunARMSReadOnlyAccess`.
pub fn read_trace_app_grant(region_id: &str) -> Result<Policy, BuildError> {
    region(region_id)?;
    Ok(document(vec![json!({
        "Effect": "Allow",
        "Action": "arms:ReadTraceApp",
        "Resource": format!("acs:arms:{region_id}:*:armsapp/*"),
    })]))
}

/// The least-privilege alternative to `AliyunSTSAssumeRoleAccess`: `sts:AssumeRole` on one role.
pub fn assume_one_role(account_id: &str, role_name: &str) -> Result<Policy, BuildError> {
    account(account_id)?;
    ram_name("role_name", role_name)?;
    Ok(document(vec![json!({
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Resource": format!("acs:ram::{account_id}:role/{role_name}"),
    })]))
}

/// The system policies of the ARMS presets.
pub const ARMS_FULL: &str = "AliyunARMSFullAccess";
/// Read-only ARMS.
pub const ARMS_READ_ONLY: &str = "AliyunARMSReadOnlyAccess";
