//! [`Call`]: any one typed request, as a value — what a plan step sends.
//!
//! Every operation is listed once, below; the enum, its reading back from an
//! action name and parameters, and its accessors are generated from that
//! list. Code that must treat each request differently (the exporters, the
//! runner's checks, the Chinese summaries) matches on `Call` without a
//! catch-all arm, so a new operation does not compile until each of them
//! says what it does with it. Calls that only read share one pattern,
//! [`reads!`](crate::reads), and calls that change what exists another,
//! [`changes!`](crate::changes).

use super::{ram, rm, sts, Invalid, Operation, Service};
use crate::request::ApiRequest;

macro_rules! calls {
    ($($module:ident :: $name:ident,)*) => {
        /// One typed request of any operation Ramp knows.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[allow(missing_docs)] // each variant is the operation of the same name
        pub enum Call {
            $( $name($module::$name), )*
        }

        $(
            impl From<$module::$name> for Call {
                fn from(call: $module::$name) -> Call {
                    Call::$name(call)
                }
            }
        )*

        impl Call {
            /// The action name, e.g. `CreateUser`.
            pub fn action(&self) -> &'static str {
                match self {
                    $( Call::$name(_) => <$module::$name as Operation>::ACTION, )*
                }
            }

            /// The service it belongs to.
            pub fn service(&self) -> Service {
                match self {
                    $( Call::$name(_) => <$module::$name as Operation>::SERVICE, )*
                }
            }

            /// Every parameter, secrets included (see [`Operation::params`]).
            pub fn params(&self) -> Vec<(&'static str, String)> {
                match self {
                    $( Call::$name(c) => c.params(), )*
                }
            }

            /// Whether `param` holds a secret (see [`Operation::is_secret`]).
            pub fn is_secret(&self, param: &str) -> bool {
                match self {
                    $( Call::$name(_) => <$module::$name as Operation>::is_secret(param), )*
                }
            }

            /// Checks every parameter against the service's rules.
            pub fn validate(&self) -> Result<(), Invalid> {
                match self {
                    $( Call::$name(c) => c.validate(), )*
                }
            }

            /// The validated request, ready to sign (secrets in the form body).
            pub fn request(&self) -> Result<ApiRequest, Invalid> {
                self.validate()?;
                Ok(self.build(true))
            }

            /// The request of a call already validated, with its secrets in
            /// the form body or, without `secrets`, left out.
            pub fn build(&self, secrets: bool) -> ApiRequest {
                let service = self.service();
                let mut req = ApiRequest::rpc(service.host(), self.action(), service.version());
                for (k, v) in self.params() {
                    if !self.is_secret(k) {
                        req = req.param(k, v);
                    } else if secrets {
                        req.form.push((k.to_owned(), v));
                    }
                }
                req
            }

            /// Reads a call back from its action name and parameters (not yet
            /// validated); `None` for an action Ramp does not know in `service`.
            pub fn read(
                service: Service,
                action: &str,
                params: &[(String, String)],
            ) -> Option<Result<Call, Invalid>> {
                $(
                    if action == <$module::$name as Operation>::ACTION
                        && service == <$module::$name as Operation>::SERVICE
                    {
                        return Some(<$module::$name as Operation>::from_params(params).map(Call::$name));
                    }
                )*
                None
            }
        }
    };
}

calls! {
    ram::CreateUser,
    ram::GetUser,
    ram::UpdateUser,
    ram::DeleteUser,
    ram::ListUsers,
    ram::CreateLoginProfile,
    ram::GetLoginProfile,
    ram::DeleteLoginProfile,
    ram::CreateAccessKey,
    ram::ListAccessKeys,
    ram::DeleteAccessKey,
    ram::UpdateAccessKey,
    ram::UnbindMFADevice,
    ram::CreateGroup,
    ram::GetGroup,
    ram::DeleteGroup,
    ram::AddUserToGroup,
    ram::RemoveUserFromGroup,
    ram::ListGroups,
    ram::GetAccessKeyLastUsed,
    ram::ListVirtualMFADevices,
    ram::ListGroupsForUser,
    ram::ListUsersForGroup,
    ram::CreateRole,
    ram::GetRole,
    ram::UpdateRole,
    ram::DeleteRole,
    ram::ListRoles,
    ram::CreatePolicy,
    ram::GetPolicy,
    ram::CreatePolicyVersion,
    ram::ListPolicyVersions,
    ram::SetDefaultPolicyVersion,
    ram::DeletePolicyVersion,
    ram::DeletePolicy,
    ram::ListPolicies,
    ram::ListPoliciesForUser,
    ram::ListPoliciesForGroup,
    ram::ListPoliciesForRole,
    ram::AttachPolicyToUser,
    ram::AttachPolicyToGroup,
    ram::AttachPolicyToRole,
    ram::DetachPolicyFromUser,
    ram::DetachPolicyFromGroup,
    ram::DetachPolicyFromRole,
    ram::GetAccountAlias,
    ram::GetPasswordPolicy,
    sts::AssumeRole,
    sts::GetCallerIdentity,
    rm::AttachPolicy,
    rm::DetachPolicy,
    rm::ListPolicyAttachments,
    rm::ListResourceGroups,
    rm::GetDefaultDomain,
    rm::UpdateLoginProfile,
    rm::GetImsLoginProfile,
}

/// The pattern of every [`Call`] that only reads: `match call { …, reads!() => … }`.
/// A new read joins here once; a new write must be handled by each `match`.
#[macro_export]
macro_rules! reads {
    () => {
        $crate::api::Call::GetUser(_)
            | $crate::api::Call::ListUsers(_)
            | $crate::api::Call::GetLoginProfile(_)
            | $crate::api::Call::ListAccessKeys(_)
            | $crate::api::Call::GetGroup(_)
            | $crate::api::Call::ListGroups(_)
            | $crate::api::Call::GetAccessKeyLastUsed(_)
            | $crate::api::Call::ListVirtualMFADevices(_)
            | $crate::api::Call::ListGroupsForUser(_)
            | $crate::api::Call::ListUsersForGroup(_)
            | $crate::api::Call::GetRole(_)
            | $crate::api::Call::ListRoles(_)
            | $crate::api::Call::GetPolicy(_)
            | $crate::api::Call::ListPolicies(_)
            | $crate::api::Call::ListPoliciesForUser(_)
            | $crate::api::Call::ListPoliciesForGroup(_)
            | $crate::api::Call::ListPoliciesForRole(_)
            | $crate::api::Call::GetAccountAlias(_)
            | $crate::api::Call::GetPasswordPolicy(_)
            | $crate::api::Call::GetCallerIdentity(_)
            | $crate::api::Call::ListPolicyAttachments(_)
            | $crate::api::Call::ListResourceGroups(_)
            | $crate::api::Call::GetDefaultDomain(_)
            | $crate::api::Call::ListPolicyVersions(_)
            | $crate::api::Call::GetImsLoginProfile(_)
    };
}

/// The pattern of every [`Call`] that changes, removes or uses what already
/// exists — none declares a resource, so exporters of configurations (which
/// say what should exist) skip them alike. A call that creates is handled
/// by each `match` on its own.
#[macro_export]
macro_rules! changes {
    () => {
        $crate::api::Call::UpdateUser(_)
            | $crate::api::Call::UpdateRole(_)
            | $crate::api::Call::CreatePolicyVersion(_)
            | $crate::api::Call::DeleteUser(_)
            | $crate::api::Call::DeleteLoginProfile(_)
            | $crate::api::Call::DeleteAccessKey(_)
            | $crate::api::Call::DeleteGroup(_)
            | $crate::api::Call::RemoveUserFromGroup(_)
            | $crate::api::Call::DeleteRole(_)
            | $crate::api::Call::DeletePolicy(_)
            | $crate::api::Call::DetachPolicyFromUser(_)
            | $crate::api::Call::DetachPolicyFromGroup(_)
            | $crate::api::Call::DetachPolicyFromRole(_)
            | $crate::api::Call::DetachPolicy(_)
            | $crate::api::Call::AssumeRole(_)
            | $crate::api::Call::UpdateAccessKey(_)
            | $crate::api::Call::UnbindMFADevice(_)
            | $crate::api::Call::SetDefaultPolicyVersion(_)
            | $crate::api::Call::DeletePolicyVersion(_)
            | $crate::api::Call::UpdateLoginProfile(_)
    };
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn a_call_reads_back_from_its_action_and_parameters() {
        let call = Call::from(ram::AttachPolicyToGroup {
            policy_type: "System".into(),
            policy_name: "AliyunARMSReadOnlyAccess".into(),
            group_name: "shop".into(),
            ..Default::default()
        });
        let params: Vec<(String, String)> = call
            .params()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let back = Call::read(Service::Ram, "AttachPolicyToGroup", &params);
        assert_eq!(back, Some(Ok(call)));
        // The same action name in another service is not the same call.
        assert_eq!(
            Call::read(Service::Sts, "AttachPolicyToGroup", &params),
            None
        );
        assert_eq!(
            Call::read(Service::Ram, "AttachPolicyToTeam", &params),
            None
        );
    }

    #[test]
    fn an_ims_call_names_its_own_service() {
        let call = Call::from(rm::GetDefaultDomain {});
        assert_eq!(
            (call.action(), call.service()),
            ("GetDefaultDomain", Service::Ims)
        );
    }
}
