//! Resource Manager answers (and IMS's default domain): policy attachments,
//! resource groups, page-number pagination.

// Fields are the service's own, named as its API reference names them; a
// field has a doc only where its meaning is not its name.
#![allow(missing_docs)]

use serde::Deserialize;

use super::*;

/// `PageNumber` pagination of Resource Manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct NumberedPage {
    /// From 1.
    pub page_number: u32,
    /// 1-100.
    pub page_size: u32,
    pub total_count: u32,
}

impl NumberedPage {
    /// More pages follow.
    pub fn has_more(&self) -> bool {
        self.page_number.saturating_mul(self.page_size) < self.total_count
    }
}

/// A policy attachment in Resource Manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyAttachment {
    pub policy_name: String,
    /// `System` or `Custom`.
    pub policy_type: String,
    pub description: Option<String>,
    /// `user@alias.onaliyun.com`…
    pub principal_name: String,
    /// `IMSUser`, `IMSGroup`, `ServiceRole`.
    pub principal_type: String,
    /// `rg-…` or the account ID.
    pub resource_group_id: String,
    pub attach_date: Option<String>,
}

/// `ListPolicyAttachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyAttachmentsResponse {
    pub request_id: String,
    #[serde(flatten)]
    pub page: NumberedPage,
    pub policy_attachments: List<PolicyAttachment>,
}

/// A resource group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ResourceGroup {
    /// `rg-…`.
    pub id: String,
    pub name: String,
    pub display_name: Option<String>,
    pub account_id: Option<String>,
    /// `Creating`, `OK`, `PendingDelete`.
    pub status: Option<String>,
    pub create_date: Option<String>,
}

/// `ListResourceGroups`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ResourceGroupsResponse {
    pub request_id: String,
    #[serde(flatten)]
    pub page: NumberedPage,
    pub resource_groups: List<ResourceGroup>,
}

/// `GetDefaultDomain` (IMS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DefaultDomainResponse {
    pub request_id: String,
    /// `<alias>.onaliyun.com`.
    pub default_domain_name: String,
}
