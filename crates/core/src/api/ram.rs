//! RAM `2015-05-01` operations the flows use.

use super::responses::*;
use super::rules::*;
use crate::credentials::Secret;

call! {
    /// Creates a RAM user.
    CreateUser in Ram -> UserResponse {
        user_name: String = "UserName", user_name;
        display_name: Option<String> = "DisplayName", short_text;
        /// E-mail (China site).
        email: Option<String> = "Email", email;
        /// `<country code>-<number>` (China site).
        mobile_phone: Option<String> = "MobilePhone", mobile_phone;
        comments: Option<String> = "Comments", short_text;
    }
}

call! {
    /// Reads a RAM user.
    GetUser in Ram -> UserResponse {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Changes a RAM user.
    UpdateUser in Ram -> UserResponse {
        user_name: String = "UserName", user_name;
        new_user_name: Option<String> = "NewUserName", user_name;
        new_display_name: Option<String> = "NewDisplayName", short_text;
        new_email: Option<String> = "NewEmail", email;
        new_mobile_phone: Option<String> = "NewMobilePhone", mobile_phone;
        new_comments: Option<String> = "NewComments", short_text;
    }
}

call! {
    /// Deletes a RAM user.
    DeleteUser in Ram -> Empty {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Lists RAM users.
    ListUsers in Ram -> UsersResponse {
        /// Continue after this marker.
        marker: Option<String> = "Marker";
        /// 1-1,000.
        max_items: Option<u32> = "MaxItems", max_items;
    }
}

call! {
    /// Gives a user a console password.
    CreateLoginProfile in Ram -> LoginProfileResponse {
        user_name: String = "UserName", user_name;
        /// The password (secret; never printed).
        password: Secret = "Password", password;
        /// Must change it at next logon.
        password_reset_required: Option<bool> = "PasswordResetRequired";
        /// Must bind an MFA device.
        mfa_bind_required: Option<bool> = "MFABindRequired";
    }
}

call! {
    /// Reads a user's console login profile.
    GetLoginProfile in Ram -> LoginProfileResponse {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Removes a user's console password.
    DeleteLoginProfile in Ram -> Empty {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Creates an AccessKey pair (the secret is in the answer, once).
    CreateAccessKey in Ram -> AccessKeyResponse {
        /// The user (the caller when empty).
        user_name: Option<String> = "UserName", user_name;
    }
}

call! {
    /// Lists a user's AccessKeys.
    ListAccessKeys in Ram -> AccessKeysResponse {
        user_name: Option<String> = "UserName", user_name;
    }
}

call! {
    /// Deletes an AccessKey.
    DeleteAccessKey in Ram -> Empty {
        user_name: Option<String> = "UserName", user_name;
        user_access_key_id: String = "UserAccessKeyId", access_key_id;
    }
}

call! {
    /// Activates or deactivates an AccessKey (deactivating is reversible; deleting is not).
    UpdateAccessKey in Ram -> Empty {
        user_name: Option<String> = "UserName", user_name;
        user_access_key_id: String = "UserAccessKeyId", access_key_id;
        /// `Active` or `Inactive`.
        status: String = "Status", key_status;
    }
}

call! {
    /// Unbinds a user's MFA device (the device must be bound again to use it).
    UnbindMFADevice in Ram -> Empty {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Creates a user group.
    CreateGroup in Ram -> GroupResponse {
        group_name: String = "GroupName", group_name;
        comments: Option<String> = "Comments", short_text;
    }
}

call! {
    /// Reads a user group.
    GetGroup in Ram -> GroupResponse {
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Deletes a user group.
    DeleteGroup in Ram -> Empty {
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Adds a user to a group.
    AddUserToGroup in Ram -> Empty {
        user_name: String = "UserName", user_name;
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Removes a user from a group.
    RemoveUserFromGroup in Ram -> Empty {
        user_name: String = "UserName", user_name;
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Lists user groups.
    ListGroups in Ram -> GroupsResponse {
        /// Continue after this marker.
        marker: Option<String> = "Marker";
        /// 1-1,000.
        max_items: Option<u32> = "MaxItems", max_items;
    }
}

call! {
    /// When an AccessKey was last used.
    GetAccessKeyLastUsed in Ram -> AccessKeyLastUsedResponse {
        user_name: String = "UserName", user_name;
        user_access_key_id: String = "UserAccessKeyId", access_key_id;
    }
}

call! {
    /// Lists the account's virtual MFA devices and whom each is bound to.
    ListVirtualMFADevices in Ram -> VirtualMfaDevicesResponse {}
}

call! {
    /// The groups a user is in.
    ListGroupsForUser in Ram -> GroupsResponse {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// The users of a group.
    ListUsersForGroup in Ram -> UsersResponse {
        group_name: String = "GroupName", group_name;
        /// Continue after this marker.
        marker: Option<String> = "Marker";
        /// 1-1,000.
        max_items: Option<u32> = "MaxItems", max_items;
    }
}

call! {
    /// Creates a RAM role with its trust policy.
    CreateRole in Ram -> RoleResponse {
        role_name: String = "RoleName", role_name;
        assume_role_policy_document: String = "AssumeRolePolicyDocument", document;
        description: Option<String> = "Description", description;
        /// 3,600-43,200 seconds.
        max_session_duration: Option<u32> = "MaxSessionDuration", max_session_duration;
    }
}

call! {
    /// Reads a RAM role.
    GetRole in Ram -> RoleResponse {
        role_name: String = "RoleName", role_name;
    }
}

call! {
    /// Changes a role's trust policy, session limit or description.
    UpdateRole in Ram -> RoleResponse {
        role_name: String = "RoleName", role_name;
        new_assume_role_policy_document: Option<String> = "NewAssumeRolePolicyDocument", document;
        /// New longest session.
        new_max_session_duration: Option<u32> = "NewMaxSessionDuration", max_session_duration;
        new_description: Option<String> = "NewDescription", description;
    }
}

call! {
    /// Deletes a RAM role.
    DeleteRole in Ram -> Empty {
        role_name: String = "RoleName", role_name;
    }
}

call! {
    /// Lists RAM roles.
    ListRoles in Ram -> RolesResponse {
        /// Continue after this marker.
        marker: Option<String> = "Marker";
        /// 1-1,000.
        max_items: Option<u32> = "MaxItems", max_items;
    }
}

call! {
    /// Creates a custom policy.
    CreatePolicy in Ram -> PolicyResponse {
        policy_name: String = "PolicyName", policy_name;
        policy_document: String = "PolicyDocument", document;
        description: Option<String> = "Description", description;
    }
}

call! {
    /// Reads a policy and its default version.
    GetPolicy in Ram -> PolicyResponse {
        policy_name: String = "PolicyName", policy_name;
        /// `System` or `Custom`.
        policy_type: String = "PolicyType", policy_type;
    }
}

call! {
    /// Adds a version to a custom policy.
    CreatePolicyVersion in Ram -> PolicyVersionResponse {
        policy_name: String = "PolicyName", policy_name;
        policy_document: String = "PolicyDocument", document;
        /// Make it the default.
        set_as_default: Option<bool> = "SetAsDefault";
        /// `None` or `DeleteOldestNonDefaultVersionWhenLimitExceeded`.
        rotate_strategy: Option<String> = "RotateStrategy", rotate_strategy;
    }
}

call! {
    /// A policy's versions (at most five).
    ListPolicyVersions in Ram -> PolicyVersionsResponse {
        policy_name: String = "PolicyName", policy_name;
        /// `System` or `Custom`.
        policy_type: String = "PolicyType", policy_type;
    }
}

call! {
    /// Makes a version the one in force.
    SetDefaultPolicyVersion in Ram -> Empty {
        policy_name: String = "PolicyName", policy_name;
        version_id: String = "VersionId", version_id;
    }
}

call! {
    /// Deletes a version that is not the default.
    DeletePolicyVersion in Ram -> Empty {
        policy_name: String = "PolicyName", policy_name;
        version_id: String = "VersionId", version_id;
    }
}

call! {
    /// Deletes a custom policy.
    DeletePolicy in Ram -> Empty {
        policy_name: String = "PolicyName", policy_name;
        /// Detach and delete versions first.
        cascading_delete: Option<bool> = "CascadingDelete";
    }
}

call! {
    /// Lists policies.
    ListPolicies in Ram -> PoliciesResponse {
        /// `System` or `Custom`.
        policy_type: Option<String> = "PolicyType", policy_type;
        /// Continue after this marker.
        marker: Option<String> = "Marker";
        /// 1-1,000.
        max_items: Option<u32> = "MaxItems", max_items;
    }
}

macro_rules! attach {
    ($($name:ident, $who:ident, $param:literal, $rule:ident, $doc:literal;)*) => {$(
        call! {
            #[doc = $doc]
            $name in Ram -> Empty {
                /// `System` or `Custom`.
                policy_type: String = "PolicyType", policy_type;
                policy_name: String = "PolicyName", policy_name;
                $who: String = $param, $rule;
                /// A resource group's scope (or the account ID for the whole account).
                resource_group_id: Option<String> = "ResourceGroupId", resource_group;
            }
        }
    )*};
}

attach! {
    AttachPolicyToUser, user_name, "UserName", user_name, "Grants a policy to a user.";
    AttachPolicyToGroup, group_name, "GroupName", group_name, "Grants a policy to a group.";
    AttachPolicyToRole, role_name, "RoleName", role_name, "Grants a policy to a role.";
    DetachPolicyFromUser, user_name, "UserName", user_name, "Revokes a policy from a user.";
    DetachPolicyFromGroup, group_name, "GroupName", group_name, "Revokes a policy from a group.";
    DetachPolicyFromRole, role_name, "RoleName", role_name, "Revokes a policy from a role.";
}

call! {
    /// The policies attached to a user.
    ListPoliciesForUser in Ram -> PoliciesResponse {
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// The policies attached to a group.
    ListPoliciesForGroup in Ram -> PoliciesResponse {
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// The policies attached to a role.
    ListPoliciesForRole in Ram -> PoliciesResponse {
        role_name: String = "RoleName", role_name;
    }
}

call! {
    /// The account alias (the account ID when none is set).
    GetAccountAlias in Ram -> AccountAliasResponse {}
}

call! {
    /// The account's password policy (what a generated password must meet).
    GetPasswordPolicy in Ram -> PasswordPolicyResponse {}
}
