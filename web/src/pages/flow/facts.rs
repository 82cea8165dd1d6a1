//! The facts about the signed-in account a flow needs: alias, resource groups, users, password policy.

use super::*;

/// What the signed-in account holds that the forms offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFacts {
    /// The account alias.
    pub alias: Option<String>,
    /// Resource groups: `(id, name)`.
    pub groups: Vec<(String, String)>,
    /// RAM user names.
    pub users: Vec<String>,
    /// The account's password policy (typed passwords are checked against it).
    pub password_policy: Option<PasswordPolicy>,
}

/// Reads the account's alias, resource groups and users once signed in.
#[hook]
pub fn use_account_facts(connection: Option<Connected>) -> AccountFacts {
    let facts = use_state(AccountFacts::default);
    let server = use_server();
    {
        let facts = facts.clone();
        use_effect_with(connection, move |connection| {
            if let Some(c) = connection.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let (server, creds) = (&server, &c.credentials);
                    let alias = transport::call(server, creds, &GetAccountAlias {})
                        .await
                        .ok()
                        .map(|a| a.account_alias);
                    let groups = transport::call(
                        server,
                        creds,
                        &ListResourceGroups {
                            page_size: Some(100),
                            ..Default::default()
                        },
                    )
                    .await
                    .map(|r| {
                        r.resource_groups
                            .0
                            .into_iter()
                            .map(|g| (g.id, g.name))
                            .collect()
                    })
                    .unwrap_or_default();
                    let users = transport::call(
                        server,
                        creds,
                        &ListUsers {
                            max_items: Some(1000),
                            ..Default::default()
                        },
                    )
                    .await
                    .map(|r| r.users.0.into_iter().map(|u| u.user_name).collect())
                    .unwrap_or_default();
                    let password_policy = transport::call(server, creds, &GetPasswordPolicy {})
                        .await
                        .ok()
                        .map(|r| r.password_policy);
                    facts.set(AccountFacts {
                        alias,
                        groups,
                        users,
                        password_policy,
                    });
                });
            }
        });
    }
    (*facts).clone()
}
