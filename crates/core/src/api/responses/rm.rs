//! Resource Manager answers (and IMS's default domain): policy attachments,
//! resource groups, page-number pagination.

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
    /// All entries.
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
    /// Policy.
    pub policy_name: String,
    /// `System` or `Custom`.
    pub policy_type: String,
    /// Description.
    pub description: Option<String>,
    /// `user@alias.onaliyun.com`…
    pub principal_name: String,
    /// `IMSUser`, `IMSGroup`, `ServiceRole`.
    pub principal_type: String,
    /// `rg-…` or the account ID.
    pub resource_group_id: String,
    /// When.
    pub attach_date: Option<String>,
}

/// `ListPolicyAttachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PolicyAttachmentsResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination.
    #[serde(flatten)]
    pub page: NumberedPage,
    /// The attachments.
    pub policy_attachments: List<PolicyAttachment>,
}

/// A resource group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ResourceGroup {
    /// `rg-…`.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Owner.
    pub account_id: Option<String>,
    /// `Creating`, `OK`, `PendingDelete`.
    pub status: Option<String>,
    /// Created.
    pub create_date: Option<String>,
}

/// `ListResourceGroups`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ResourceGroupsResponse {
    /// The request ID.
    pub request_id: String,
    /// Pagination.
    #[serde(flatten)]
    pub page: NumberedPage,
    /// The groups.
    pub resource_groups: List<ResourceGroup>,
}

/// `GetDefaultDomain` (IMS).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DefaultDomainResponse {
    /// The request ID.
    pub request_id: String,
    /// `<alias>.onaliyun.com`.
    pub default_domain_name: String,
}
