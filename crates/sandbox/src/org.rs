//! A large, realistic organisation in the demo's account A, for load and
//! audit benchmarks (`ramp serve --seed org:N`): N users in teams, each team
//! a group with its ARMS grant (read-only at the account, or at a resource
//! group, or full for the SREs), custom application-scoped policies, roles
//! trusted by account B, and the problems an access review should find —
//! console users without MFA, people with keys, keys unused for months, an
//! unguarded cross-account role, a group with no members, a policy attached
//! to no one. Deterministic: the same N gives the same account.

use crate::seed::{self, Seed};
use crate::world::{
    CustomPolicy, Grant, Group, Key, LoginProfile, PolicyVersion, PrincipalKind, ResourceGroup,
    Role, User,
};

/// At most this many users (the sandbox keeps the whole state in memory).
pub const MAX_USERS: usize = 50_000;

const DAY: i64 = 86_400;

fn id16(kind: u64, i: usize) -> String {
    format!(
        "{:016}",
        2_000_000_000_000_000u64 + kind * 100_000_000 + i as u64
    )
}

fn grant(
    kind: PrincipalKind,
    principal: &str,
    policy: &str,
    policy_type: &str,
    rg: Option<&str>,
    at: i64,
) -> Grant {
    Grant {
        policy_type: policy_type.into(),
        policy_name: policy.into(),
        kind,
        principal: principal.into(),
        resource_group: rg.map(str::to_owned),
        attached: at,
    }
}

fn trust(account: &str, external_id: Option<&str>) -> String {
    let condition = external_id
        .map(|e| format!(r#","Condition":{{"StringEquals":{{"sts:ExternalId":"{e}"}}}}"#))
        .unwrap_or_default();
    format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{"RAM":["acs:ram::{account}:root"]}}{condition}}}]}}"#
    )
}

/// The demo seed with an organisation of `users` people in account A.
pub fn org(users: usize, now: i64) -> Seed {
    let mut s = seed::demo(now);
    let b = seed::DEMO_ACCOUNT_B.to_owned();
    let Some(a) = s.world.accounts.get_mut(seed::DEMO_ACCOUNT_A) else {
        return s;
    };
    let users = users.min(MAX_USERS);
    a.users_quota = a.users_quota.max(users + 100);
    let rg_id = format!("rg-{}", id16(9, 0));
    a.resource_groups.insert(
        rg_id.clone(),
        ResourceGroup {
            id: rg_id.clone(),
            name: "shop".into(),
            display_name: "shop".into(),
            created: now - 400 * DAY,
        },
    );
    let teams = users.div_ceil(25).max(1);
    for t in 0..teams {
        let name = format!("team-{t:04}");
        a.groups.insert(
            name.clone(),
            Group {
                id: id16(2, t),
                name: name.clone(),
                comments: Some(format!("Team {t}")),
                created: now - 500 * DAY,
                members: Default::default(),
            },
        );
        let (policy, rg) = match t % 10 {
            0 => ("AliyunARMSFullAccess", None),
            1..=3 => ("AliyunARMSReadOnlyAccess", Some(rg_id.as_str())),
            _ => ("AliyunARMSReadOnlyAccess", None),
        };
        a.grants.push(grant(
            PrincipalKind::Group,
            &name,
            policy,
            "System",
            rg,
            now - 300 * DAY,
        ));
    }
    a.groups.insert(
        "former-team".into(),
        Group {
            id: id16(2, teams),
            name: "former-team".into(),
            comments: None,
            created: now - 900 * DAY,
            members: Default::default(),
        },
    );
    for i in 0..users {
        let name = format!("user-{i:05}");
        let created = now - (30 + (i as i64 % 700)) * DAY;
        let console = i % 3 != 2;
        let keys = if console && i % 11 != 0 {
            Vec::new()
        } else {
            // Programs, and some people, have a key; every fifth is stale.
            let last_used = if i % 5 == 0 {
                now - 200 * DAY
            } else {
                now - (i as i64 % 20) * DAY
            };
            vec![Key {
                id: format!("LTAI5org{i:08}"),
                secret: format!("org-secret-{i:08}-sandbox"),
                status: "Active".into(),
                created,
                last_used: Some(last_used),
            }]
        };
        a.users.insert(
            name.clone(),
            User {
                id: id16(1, i),
                name: name.clone(),
                display_name: Some(format!("User {i}")),
                created,
                updated: created,
                login_profile: console.then(|| LoginProfile {
                    password: format!("Org-Pass-{i:05}-x!"),
                    reset_required: false,
                    mfa_bind_required: i % 7 != 0,
                    created,
                    inactive: false,
                }),
                keys,
                ..Default::default()
            },
        );
        if let Some(g) = a.groups.get_mut(&format!("team-{:04}", i % teams)) {
            g.members.insert(name.clone(), created);
        }
        if i % 40 == 0 {
            let policy = format!("apps-{i:05}");
            let document = format!(
                r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":["arms:ReadTraceApp","arms:EditTraceApp"],"Resource":"acs:arms:*:*:armsapp/app-{i:05}-*"}}]}}"#
            );
            a.policies.insert(
                policy.clone(),
                CustomPolicy {
                    name: policy.clone(),
                    description: None,
                    default_version: "v1".into(),
                    versions: vec![PolicyVersion {
                        id: "v1".into(),
                        document,
                        created,
                    }],
                    next_version: 2,
                    created,
                    updated: created,
                },
            );
            a.grants.push(grant(
                PrincipalKind::User,
                &name,
                &policy,
                "Custom",
                None,
                created,
            ));
        }
    }
    let unused = "unused-policy".to_owned();
    a.policies.insert(
        unused.clone(),
        CustomPolicy {
            name: unused,
            description: None,
            default_version: "v1".into(),
            versions: vec![PolicyVersion {
                id: "v1".into(),
                document: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ListTraceApps","Resource":"*"}]}"#.into(),
                created: now - 800 * DAY,
            }],
            next_version: 2,
            created: now - 800 * DAY,
            updated: now - 800 * DAY,
        },
    );
    for r in 0..(users / 50).max(2) {
        let name = format!("viewer-{r:03}");
        // Every fourth role trusts account B with no ExternalId.
        let external_id = (r % 4 != 0).then(|| format!("ext-{r:03}"));
        a.roles.insert(
            name.clone(),
            Role {
                id: id16(3, r),
                name: name.clone(),
                description: None,
                trust_policy: trust(&b, external_id.as_deref()),
                max_session_duration: 3600,
                created: now - 200 * DAY,
                updated: now - 200 * DAY,
            },
        );
        a.grants.push(grant(
            PrincipalKind::Role,
            &name,
            "AliyunARMSReadOnlyAccess",
            "System",
            None,
            now - 200 * DAY,
        ));
    }
    s.accounts = seed::describe(&s.world);
    s
}
