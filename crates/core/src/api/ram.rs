//! RAM `2015-05-01` operations the flows use.

use super::responses::*;
use super::rules::*;
use crate::credentials::Secret;

call! {
    /// Creates a RAM user.
    CreateUser in Ram -> UserResponse {
        /// Logon name.
        user_name: String = "UserName", user_name;
        /// Display name.
        display_name: Option<String> = "DisplayName", short_text;
        /// E-mail (China site).
        email: Option<String> = "Email", email;
        /// `<country code>-<number>` (China site).
        mobile_phone: Option<String> = "MobilePhone", mobile_phone;
        /// Comments.
        comments: Option<String> = "Comments", short_text;
    }
}

call! {
    /// Reads a RAM user.
    GetUser in Ram -> UserResponse {
        /// The user.
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Changes a RAM user.
    UpdateUser in Ram -> UserResponse {
        /// The user.
        user_name: String = "UserName", user_name;
        /// New logon name.
        new_user_name: Option<String> = "NewUserName", user_name;
        /// New display name.
        new_display_name: Option<String> = "NewDisplayName", short_text;
        /// New e-mail.
        new_email: Option<String> = "NewEmail", email;
        /// New phone.
        new_mobile_phone: Option<String> = "NewMobilePhone", mobile_phone;
        /// New comments.
        new_comments: Option<String> = "NewComments", short_text;
    }
}

call! {
    /// Deletes a RAM user.
    DeleteUser in Ram -> Empty {
        /// The user.
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
        /// The user.
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
        /// The user.
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// Removes a user's console password.
    DeleteLoginProfile in Ram -> Empty {
        /// The user.
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
        /// The user.
        user_name: Option<String> = "UserName", user_name;
    }
}

call! {
    /// Deletes an AccessKey.
    DeleteAccessKey in Ram -> Empty {
        /// The user.
        user_name: Option<String> = "UserName", user_name;
        /// The key.
        user_access_key_id: String = "UserAccessKeyId", access_key_id;
    }
}

call! {
    /// Creates a user group.
    CreateGroup in Ram -> GroupResponse {
        /// Name.
        group_name: String = "GroupName", group_name;
        /// Comments.
        comments: Option<String> = "Comments", short_text;
    }
}

call! {
    /// Reads a user group.
    GetGroup in Ram -> GroupResponse {
        /// Name.
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Deletes a user group.
    DeleteGroup in Ram -> Empty {
        /// Name.
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Adds a user to a group.
    AddUserToGroup in Ram -> Empty {
        /// The user.
        user_name: String = "UserName", user_name;
        /// The group.
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// Removes a user from a group.
    RemoveUserFromGroup in Ram -> Empty {
        /// The user.
        user_name: String = "UserName", user_name;
        /// The group.
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// The groups a user is in.
    ListGroupsForUser in Ram -> GroupsResponse {
        /// The user.
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// The users of a group.
    ListUsersForGroup in Ram -> UsersResponse {
        /// The group.
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
        /// Name.
        role_name: String = "RoleName", role_name;
        /// The trust policy document.
        assume_role_policy_document: String = "AssumeRolePolicyDocument", document;
        /// Description.
        description: Option<String> = "Description", description;
        /// 3,600-43,200 seconds.
        max_session_duration: Option<u32> = "MaxSessionDuration", max_session_duration;
    }
}

call! {
    /// Reads a RAM role.
    GetRole in Ram -> RoleResponse {
        /// Name.
        role_name: String = "RoleName", role_name;
    }
}

call! {
    /// Changes a role's trust policy, session limit or description.
    UpdateRole in Ram -> RoleResponse {
        /// Name.
        role_name: String = "RoleName", role_name;
        /// New trust policy.
        new_assume_role_policy_document: Option<String> = "NewAssumeRolePolicyDocument", document;
        /// New longest session.
        new_max_session_duration: Option<u32> = "NewMaxSessionDuration", max_session_duration;
        /// New description.
        new_description: Option<String> = "NewDescription", description;
    }
}

call! {
    /// Deletes a RAM role.
    DeleteRole in Ram -> Empty {
        /// Name.
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
        /// Name.
        policy_name: String = "PolicyName", policy_name;
        /// The document.
        policy_document: String = "PolicyDocument", document;
        /// Description.
        description: Option<String> = "Description", description;
    }
}

call! {
    /// Reads a policy and its default version.
    GetPolicy in Ram -> PolicyResponse {
        /// Name.
        policy_name: String = "PolicyName", policy_name;
        /// `System` or `Custom`.
        policy_type: String = "PolicyType", policy_type;
    }
}

call! {
    /// Adds a version to a custom policy.
    CreatePolicyVersion in Ram -> PolicyVersionResponse {
        /// Name.
        policy_name: String = "PolicyName", policy_name;
        /// The document.
        policy_document: String = "PolicyDocument", document;
        /// Make it the default.
        set_as_default: Option<bool> = "SetAsDefault";
        /// `None` or `DeleteOldestNonDefaultVersionWhenLimitExceeded`.
        rotate_strategy: Option<String> = "RotateStrategy", rotate_strategy;
    }
}

call! {
    /// Deletes a custom policy.
    DeletePolicy in Ram -> Empty {
        /// Name.
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
                /// The policy.
                policy_name: String = "PolicyName", policy_name;
                /// The principal.
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
        /// The user.
        user_name: String = "UserName", user_name;
    }
}

call! {
    /// The policies attached to a group.
    ListPoliciesForGroup in Ram -> PoliciesResponse {
        /// The group.
        group_name: String = "GroupName", group_name;
    }
}

call! {
    /// The policies attached to a role.
    ListPoliciesForRole in Ram -> PoliciesResponse {
        /// The role.
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
