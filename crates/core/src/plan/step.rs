//! A plan's steps and the entities they create.

use serde::{Deserialize, Serialize};

use crate::api::{Call, Invalid, Service};

/// What a step creates (what a rollback deletes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Entity {
    /// A RAM user.
    User {
        /// Name.
        name: String,
    },
    /// A user's console password.
    LoginProfile {
        /// The user.
        user: String,
    },
    /// An AccessKey (its ID is only known from the answer).
    AccessKey {
        /// The user.
        user: String,
    },
    /// A user group.
    Group {
        /// Name.
        name: String,
    },
    /// A user's membership of a group.
    Membership {
        /// The user.
        user: String,
        /// The group.
        group: String,
    },
    /// A RAM role.
    Role {
        /// Name.
        name: String,
    },
    /// A custom policy.
    Policy {
        /// Name.
        name: String,
    },
    /// A policy attachment.
    Attachment {
        /// The policy.
        policy: String,
        /// `System` or `Custom`.
        policy_type: String,
        /// Who.
        principal: Principal,
        /// `None`: account scope (RAM); `Some(rg)`: Resource Manager at that scope.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resource_group: Option<String>,
    },
}

/// Who a policy is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "name")]
pub enum Principal {
    /// A RAM user.
    User(String),
    /// A user group.
    Group(String),
    /// A RAM role.
    Role(String),
}

/// A secret the runner asks the caller for when the step runs (never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretInput {
    /// A console password (generated to the password policy, or typed in).
    Password,
}

/// One API call of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Step {
    /// Position in the plan, from 0.
    pub id: usize,
    /// The account it runs in (ID).
    pub account: String,
    /// `ram`, `sts`, `resourcemanager`, `ims`.
    pub service: String,
    /// The action.
    pub action: String,
    /// The parameters, validated, in order (never a secret).
    pub params: Vec<(String, String)>,
    /// A secret parameter supplied when the step runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_input: Option<SecretInput>,
    /// The answer carries a secret (AccessKey secret, STS credentials).
    #[serde(default)]
    pub returns_secret: bool,
    /// Runs with the temporary credentials another step returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_from: Option<usize>,
    /// What it creates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creates: Option<Entity>,
    /// Steps that must be done first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<usize>,
    /// What it does, in English.
    pub summary: String,
}

impl Step {
    /// A step from a typed call, validated; secret parameters are left out.
    pub fn of<C: Call>(
        call: &C,
        account: &str,
        summary: impl Into<String>,
    ) -> Result<Step, Invalid> {
        call.validate()?;
        // The call's secret parameter (a console password) is supplied when the step runs.
        let all = call.params();
        let secret_input = all
            .iter()
            .any(|(k, _)| C::is_secret(k))
            .then_some(SecretInput::Password);
        let params = all
            .into_iter()
            .filter(|(k, _)| !C::is_secret(k))
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        Ok(Step {
            id: 0,
            account: account.to_owned(),
            service: C::SERVICE.code().to_owned(),
            action: C::ACTION.to_owned(),
            params,
            secret_input,
            returns_secret: matches!(C::ACTION, "CreateAccessKey" | "AssumeRole"),
            credentials_from: None,
            creates: None,
            depends_on: Vec::new(),
            summary: summary.into(),
        })
    }

    /// The service.
    pub fn service(&self) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.code() == self.service)
    }

    /// A parameter's value.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Marks what it creates.
    pub fn creating(mut self, entity: Entity) -> Step {
        self.creates = Some(entity);
        self
    }
}
