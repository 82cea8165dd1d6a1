//! The state as rows, one per entity (an account's own settings, a user, a
//! group, a role, a custom policy, a resource group, one policy attachment,
//! an STS session), so `--state` writes only what a change touched: a
//! durable `CreateUser` costs the same with 20 users as with 20,000.
//!
//! Operations name what they change ([`Entity`]); the store turns each named
//! entity into its current [`Row`] — its JSON, or none once it is gone.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::world::{Account, Grant, Key, PasswordPolicy, World};

/// The kinds of row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// An account's own settings: alias, root keys, password policy, quota.
    Account,
    /// A RAM user, with its keys and login profile.
    User,
    /// A user group, with its members.
    Group,
    /// A RAM role.
    Role,
    /// A custom policy, with its versions.
    Policy,
    /// A resource group.
    ResourceGroup,
    /// One policy attachment; its name is [`grant_key`].
    Grant,
    /// An STS session, by its AccessKey ID (its account is empty).
    Session,
}

impl Table {
    /// Every kind, in the order rows are loaded (accounts before what they hold).
    pub const ALL: [Table; 8] = [
        Table::Account,
        Table::User,
        Table::Group,
        Table::Role,
        Table::Policy,
        Table::ResourceGroup,
        Table::Grant,
        Table::Session,
    ];

    /// The name stored in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Account => "account",
            Table::User => "user",
            Table::Group => "group",
            Table::Role => "role",
            Table::Policy => "policy",
            Table::ResourceGroup => "resource-group",
            Table::Grant => "grant",
            Table::Session => "session",
        }
    }

    /// From the `kind` column.
    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// One entity of the state: what a change names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    /// Its kind.
    pub table: Table,
    /// The account holding it (empty for sessions).
    pub account: String,
    /// Its name within the account (the account ID for [`Table::Account`]).
    pub name: String,
}

/// An entity and its current JSON, `None` when it no longer exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Which entity.
    pub entity: Entity,
    /// Its JSON.
    pub body: Option<String>,
}

/// A policy attachment's name among the rows: everything that makes it unique.
pub fn grant_key(g: &Grant) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        g.kind.rm_name(),
        g.principal,
        g.policy_type,
        g.policy_name,
        g.resource_group.as_deref().unwrap_or("")
    )
}

/// An account's own settings, without what it holds.
#[derive(Serialize)]
struct Head<'a> {
    id: &'a str,
    alias: &'a Option<String>,
    root_keys: &'a [Key],
    password_policy: &'a PasswordPolicy,
    users_quota: usize,
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("the state serialises")
}

/// The current row of `entity` in `world`.
pub fn current(world: &World, entity: &Entity) -> Row {
    let account = world.accounts.get(&entity.account);
    let name = entity.name.as_str();
    let body = match entity.table {
        Table::Account => account.map(head),
        Table::User => account.and_then(|a| a.users.get(name)).map(json),
        Table::Group => account.and_then(|a| a.groups.get(name)).map(json),
        Table::Role => account.and_then(|a| a.roles.get(name)).map(json),
        Table::Policy => account.and_then(|a| a.policies.get(name)).map(json),
        Table::ResourceGroup => account.and_then(|a| a.resource_groups.get(name)).map(json),
        Table::Grant => account
            .and_then(|a| a.grants.iter().find(|g| grant_key(g) == name))
            .map(json),
        Table::Session => world.sessions.get(name).map(json),
    };
    Row {
        entity: entity.clone(),
        body,
    }
}

fn head(a: &Account) -> String {
    json(&Head {
        id: &a.id,
        alias: &a.alias,
        root_keys: &a.root_keys,
        password_policy: &a.password_policy,
        users_quota: a.users_quota,
    })
}

/// Every row of `world`.
pub fn all(world: &World) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut push = |table, account: &str, name: &str, body: String| {
        rows.push(Row {
            entity: Entity {
                table,
                account: account.to_owned(),
                name: name.to_owned(),
            },
            body: Some(body),
        })
    };
    for (id, a) in &world.accounts {
        push(Table::Account, id, id, head(a));
        for (name, v) in &a.users {
            push(Table::User, id, name, json(v));
        }
        for (name, v) in &a.groups {
            push(Table::Group, id, name, json(v));
        }
        for (name, v) in &a.roles {
            push(Table::Role, id, name, json(v));
        }
        for (name, v) in &a.policies {
            push(Table::Policy, id, name, json(v));
        }
        for (name, v) in &a.resource_groups {
            push(Table::ResourceGroup, id, name, json(v));
        }
        for g in &a.grants {
            push(Table::Grant, id, &grant_key(g), json(g));
        }
    }
    for (id, s) in &world.sessions {
        push(Table::Session, "", id, json(s));
    }
    rows
}

/// Reads one entity into its map.
fn put<T: DeserializeOwned>(
    map: &mut BTreeMap<String, T>,
    name: String,
    body: &str,
) -> Result<(), serde_json::Error> {
    map.insert(name, serde_json::from_str(body)?);
    Ok(())
}

/// Rebuilds the world from its rows, given in the order they were first
/// written (so attachments keep their order); accounts come first.
pub fn load(rows: impl IntoIterator<Item = (Entity, String)>) -> Result<World, String> {
    let mut world = World::default();
    for (entity, body) in rows {
        let bad = |e: serde_json::Error| {
            format!(
                "the {} row `{}` of account {} is not valid: {e}",
                entity.table.as_str(),
                entity.name,
                entity.account
            )
        };
        if entity.table == Table::Session {
            world.sessions.insert(
                entity.name.clone(),
                serde_json::from_str(&body).map_err(bad)?,
            );
            continue;
        }
        if entity.table == Table::Account {
            let account: Account = serde_json::from_str(&body).map_err(bad)?;
            world.accounts.insert(entity.account.clone(), account);
            continue;
        }
        let Some(a) = world.accounts.get_mut(&entity.account) else {
            return Err(format!(
                "a {} row names account {}, which has no row",
                entity.table.as_str(),
                entity.account
            ));
        };
        let name = entity.name.clone();
        match entity.table {
            Table::User => put(&mut a.users, name, &body),
            Table::Group => put(&mut a.groups, name, &body),
            Table::Role => put(&mut a.roles, name, &body),
            Table::Policy => put(&mut a.policies, name, &body),
            Table::ResourceGroup => put(&mut a.resource_groups, name, &body),
            Table::Grant => serde_json::from_str(&body).map(|g| a.grants.push(g)),
            Table::Account | Table::Session => Ok(()), // read above
        }
        .map_err(bad)?;
    }
    Ok(world)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_demo_world_loads_back_to_the_same_world() {
        let world = crate::org::org(30, 1_800_000_000).world;
        let rows = all(&world);
        assert!(rows.iter().any(|r| r.entity.table == Table::Grant));
        let loaded = load(rows.into_iter().map(|r| (r.entity, r.body.unwrap()))).unwrap();
        assert_eq!(loaded, world);
    }

    #[test]
    fn a_row_of_something_gone_has_no_body() {
        let world = crate::org::org(30, 1_800_000_000).world;
        let id = world.accounts.keys().next().unwrap().clone();
        let gone = Entity {
            table: Table::User,
            account: id,
            name: "nobody-by-this-name".into(),
        };
        assert_eq!(current(&world, &gone).body, None);
    }
}
