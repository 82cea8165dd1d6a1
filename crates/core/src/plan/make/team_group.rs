//! A team group: a RAM group holding the ARMS policy, its existing and new members.

use super::*;

pub(super) fn team_group(p: &mut Planner, g: &TeamGroup) -> Result<(), PlanError> {
    let a = g.account.id.as_str();
    let apps = p.apps_policy(a, g.apps.as_ref())?;
    let read_trace = p.read_trace_policy(a, g.arms, &g.scope)?;
    let group = p.add(
        Step::of(
            &ram::CreateGroup {
                group_name: g.group.clone(),
                comments: g.comments.clone(),
            },
            a,
            format!("Create the user group {}", g.group),
        )?
        .creating(Entity::Group {
            name: g.group.clone(),
        }),
        &[],
    );
    let grants = Grants {
        arms: g.arms,
        scope: &g.scope,
        apps: apps.as_ref(),
        read_trace: read_trace.as_ref(),
    };
    p.arms_grants(
        &g.account,
        &Principal::Group(g.group.clone()),
        &grants,
        group,
    )?;
    let password_policy = if g.new_members.is_empty() {
        None
    } else {
        p.password_policy(a, &g.new_member_access)?
    };
    let new: Vec<(String, usize)> = g
        .new_members
        .iter()
        .map(|u| {
            Ok((
                u.name.clone(),
                p.new_user(a, u, &g.new_member_access, password_policy)?,
            ))
        })
        .collect::<Result<_, PlanError>>()?;
    let existing = g.members.iter().map(|m| (m.clone(), None));
    for (m, created) in existing.chain(new.into_iter().map(|(m, i)| (m, Some(i)))) {
        let add = ram::AddUserToGroup {
            user_name: m.clone(),
            group_name: g.group.clone(),
        };
        let deps: Vec<usize> = std::iter::once(group).chain(created).collect();
        p.add(
            Step::of(&add, a, format!("Add {m} to {}", g.group))?.creating(Entity::Membership {
                user: m.clone(),
                group: g.group.clone(),
            }),
            &deps,
        );
    }
    Ok(())
}
