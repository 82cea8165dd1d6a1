//! Resource Manager `2020-03-31` and IMS `2019-08-15` operations.

use super::responses::*;
use super::rules::*;

macro_rules! rm_attach {
    ($($name:ident, $doc:literal;)*) => {$(
        call! {
            #[doc = $doc]
            $name in ResourceManager -> Empty {
                policy_name: String = "PolicyName", policy_name;
                /// `System` or `Custom`.
                policy_type: String = "PolicyType", policy_type;
                /// `IMSUser`, `IMSGroup` or `ServiceRole`.
                principal_type: String = "PrincipalType", principal_type;
                /// `user@<alias>.onaliyun.com`…
                principal_name: String = "PrincipalName", principal_name;
                /// `rg-…`, or the account ID for the whole account.
                resource_group_id: String = "ResourceGroupId", resource_group;
            }
        }
    )*};
}

rm_attach! {
    AttachPolicy, "Grants a policy at a resource group's (or the account's) scope.";
    DetachPolicy, "Revokes a policy at a resource group's (or the account's) scope.";
}

call! {
    /// Policy attachments, filtered.
    ListPolicyAttachments in ResourceManager -> PolicyAttachmentsResponse {
        resource_group_id: Option<String> = "ResourceGroupId", resource_group;
        /// `System` or `Custom`.
        policy_type: Option<String> = "PolicyType", policy_type;
        policy_name: Option<String> = "PolicyName", policy_name;
        /// `IMSUser`, `IMSGroup`, `ServiceRole`.
        principal_type: Option<String> = "PrincipalType", principal_type;
        principal_name: Option<String> = "PrincipalName", principal_name;
        /// From 1.
        page_number: Option<u32> = "PageNumber", page_number;
        /// 1-100.
        page_size: Option<u32> = "PageSize", page_size;
    }
}

call! {
    /// Resource groups, filtered.
    ListResourceGroups in ResourceManager -> ResourceGroupsResponse {
        resource_group_id: Option<String> = "ResourceGroupId", resource_group;
        /// Name (fuzzy).
        name: Option<String> = "Name";
        /// From 1.
        page_number: Option<u32> = "PageNumber", page_number;
        /// 1-100.
        page_size: Option<u32> = "PageSize", page_size;
    }
}

call! {
    /// The account's default domain, `<alias>.onaliyun.com` (IMS).
    GetDefaultDomain in Ims -> DefaultDomainResponse {}
}

call! {
    /// Turns a user's console logon on or off (IMS; `Inactive` keeps the
    /// password, so turning it back on restores the same logon).
    UpdateLoginProfile in Ims -> Empty {
        /// `<user>@<alias>.onaliyun.com`.
        user_principal_name: String = "UserPrincipalName", principal_name;
        /// `Active` or `Inactive`.
        status: String = "Status", key_status;
    }
}

call! {
    /// A user's console logon and whether it is on (IMS `GetLoginProfile`,
    /// which, unlike RAM's, answers its `Status`).
    GetImsLoginProfile as "GetLoginProfile" in Ims -> ImsLoginProfileResponse {
        /// `<user>@<alias>.onaliyun.com`.
        user_principal_name: String = "UserPrincipalName", principal_name;
    }
}
