//! Actions of the services the flows touch, with the resource each one is
//! authorised on (`*` when the action is not resource-level). `complete` says
//! whether the list is the service's whole API (RAM, STS and Resource Manager
//! from the official SDKs) or only the part the reference collected (ARMS, xtrace).

use crate::policy::eval::wildcard;

/// A service's RAM code and actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// RAM code, e.g. `arms`.
    pub code: &'static str,
    /// `true` when every action of the service is listed.
    pub complete: bool,
    /// Where the list comes from.
    pub source: &'static str,
    /// The actions, in groups that share a resource type.
    pub groups: &'static [&'static [Action]],
}

/// One action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Action {
    /// The action name without the service, e.g. `GetTraceApp`.
    pub name: &'static str,
    /// The resource ARN template it is authorised on, `*` for all resources.
    pub resource: &'static str,
}

/// Read or write, from the action's verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads (`Get`, `List`, `Describe`, `Search`, `Query`, `Check`, `Read`).
    Read,
    /// Changes something.
    Write,
}

impl Action {
    /// The resource ARN a request for this action is authorised on: the
    /// template with `{account}` filled in, `{region}` as `*`, and the one
    /// remaining placeholder (the user, group, role, policy…) as `name`.
    ///
    /// ```
    /// let a = ramp_core::policy::catalogue::find_action("ram:CreateUser").unwrap();
    /// assert_eq!(a.resource_arn("1234567890123456", "alice"), "acs:ram:*:1234567890123456:user/alice");
    /// let s = ramp_core::policy::catalogue::find_action("sts:AssumeRole").unwrap();
    /// assert_eq!(s.resource_arn("1234567890123456", "viewer"), "acs:ram::1234567890123456:role/viewer");
    /// ```
    pub fn resource_arn(&self, account: &str, name: &str) -> String {
        let mut out = String::with_capacity(self.resource.len() + name.len() + account.len());
        let mut rest = self.resource;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            match &rest[open + 1..open + close] {
                "account" => out.push_str(account),
                "region" => out.push('*'),
                _ => out.push_str(name),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Read or write.
    pub fn access(&self) -> Access {
        const READ: &[&str] = &[
            "Get", "List", "Describe", "Search", "Query", "Check", "Read", "Decode", "Lookup",
        ];
        if READ.iter().any(|v| self.name.starts_with(v)) {
            Access::Read
        } else {
            Access::Write
        }
    }
}

macro_rules! actions {
    ($res:expr => $($name:ident)*) => { &[$(Action { name: stringify!($name), resource: $res }),*] };
}

const ARMS_APP: &str = "acs:arms:{region}:*:armsapp/{app}";
const ARMS_RUM: &str = "acs:arms:{region}:*:armsweb/{app}";
const ARMS_TRACEAPP: &str = "acs:arms:{region}:{account}:traceapp/{pid}";
const ARMS_PROM: &str = "acs:arms:{region}:{account}:prometheus/{cluster}";
const ARMS_ENV: &str = "acs:arms:{region}:{account}:environment/{environment}";

static ARMS: &[&[Action]] = &[
    actions!(ARMS_APP => ReadTraceApp EditTraceApp DeleteTraceApp),
    actions!(ARMS_RUM => ReadRumApp SaveRumApp DeleteRumApp),
    actions!(ARMS_TRACEAPP => GetTraceApp),
    actions!(ARMS_PROM => AddGrafana AddAliClusterIdsToPrometheusGlobalView GetPrometheusInstance
        UpdatePrometheusInstance DeletePrometheusInstance),
    actions!(ARMS_ENV => CreateEnvServiceMonitor),
    actions!("*" => GetAppApiPageInfo CheckCommercialStatus GetAgentDownloadUrl ConfigApp
        SearchTraceAppByPage ListTraceApps CreateAlertRules DeleteAlertRules CreateContact
        CreateDispatchRule CreatePrometheusAlertRule DescribeDispatchRule GetAlarmHistories
        OpenArmsDefaultSLR DoInsightsAction ListPrometheusInstances CreateRetcodeApp
        ListRetcodeApps DeleteRetcodeApp SearchAlertRules ListDashboards),
];

static XTRACE: &[&[Action]] = &[actions!("*" => GetTrace SearchTraces ListServices
    ListSpansByTraceId QueryMetric GetTagKey GetTagVal ListIpOrHosts GetToken
    CheckServiceStatus OpenXtraceDefaultSLR)];

const RAM_USER: &str = "acs:ram:*:{account}:user/{user}";
const RAM_GROUP: &str = "acs:ram:*:{account}:group/{group}";
const RAM_ROLE: &str = "acs:ram:*:{account}:role/{role}";
const RAM_POLICY: &str = "acs:ram:*:{account}:policy/{policy}";

static RAM: &[&[Action]] = &[
    actions!(RAM_USER => CreateUser GetUser UpdateUser DeleteUser CreateLoginProfile
        GetLoginProfile UpdateLoginProfile DeleteLoginProfile CreateAccessKey ListAccessKeys
        UpdateAccessKey DeleteAccessKey GetAccessKeyLastUsed AttachPolicyToUser
        DetachPolicyFromUser ListPoliciesForUser ListGroupsForUser BindMFADevice
        UnbindMFADevice GetUserMFAInfo ChangePassword),
    actions!(RAM_GROUP => CreateGroup GetGroup UpdateGroup DeleteGroup AddUserToGroup
        RemoveUserFromGroup ListUsersForGroup AttachPolicyToGroup DetachPolicyFromGroup
        ListPoliciesForGroup),
    actions!(RAM_ROLE => CreateRole GetRole UpdateRole DeleteRole AttachPolicyToRole
        DetachPolicyFromRole ListPoliciesForRole CreateServiceLinkedRole
        DeleteServiceLinkedRole),
    actions!(RAM_POLICY => CreatePolicy GetPolicy DeletePolicy CreatePolicyVersion
        GetPolicyVersion DeletePolicyVersion ListPolicyVersions SetDefaultPolicyVersion
        UpdatePolicyDescription ListEntitiesForPolicy),
    actions!("*" => ListUsers ListGroups ListRoles ListPolicies GetAccountAlias SetAccountAlias
        ClearAccountAlias GetPasswordPolicy SetPasswordPolicy GetSecurityPreference
        SetSecurityPreference CreateVirtualMFADevice DeleteVirtualMFADevice
        ListVirtualMFADevices DecodeDiagnosticMessage GetServiceLinkedRoleTemplate
        ListTagResources TagResources UntagResources GenerateCredentialReport
        GetCredentialReport GetAccountSummary ListSAMLProviders CreateResourceGroup
        DeleteResourceGroup UpdateResourceGroup),
    // The IMS API (2019-08-15) is authorised under the `ram` code too: its
    // operations, by the official SDK's operation names. Which of them are
    // resource-level is not in the reference, so they are listed at `*`.
    actions!("*" => AddClientIdToOIDCProvider AddFingerprintToOIDCProvider CreateAppSecret
        CreateApplication CreateOIDCProvider CreateSAMLProvider CreateServiceCredential
        DeleteAccessKeyInRecycleBin DeleteAppSecret DeleteApplication DeleteOIDCProvider
        DeletePasskey DeleteSAMLProvider DeleteServiceCredential DeleteUserInRecycleBin
        DeprovisionApplication DeprovisionExternalApplication DisableVirtualMFA
        GenerateGovernanceReport GetAccessKeyInfoInRecycleBin GetAccessKeyPolicy
        GetAccessKeyPolicyForAccount GetAccountMFAInfo GetAccountSecurityPracticeReport
        GetAppSecret GetApplication GetApplicationProvisionInfo GetDefaultDomain
        GetExternalApplication GetGovernanceItemReport GetGovernanceReportStatus GetOIDCProvider
        GetSAMLProvider GetServiceCredential GetUserInRecycleBin GetUserSsoSettings
        GetVerificationInfo ListAccessKeysInRecycleBin ListAppSecretIds
        ListApplicationProvisionInfos ListApplications ListExternalApplications ListOIDCProviders
        ListPasskeys ListPredefinedScopes ListRecentGovernanceMetrics ListServiceCredentials
        ListUserBasicInfos ListUsersInRecycleBin ProvisionApplication ProvisionExternalApplication
        RemoveClientIdFromOIDCProvider RemoveFingerprintFromOIDCProvider
        RestoreAccessKeyFromRecycleBin RestoreUserFromRecycleBin SetAccessKeyPolicy
        SetAccessKeyPolicyForAccount SetDefaultDomain SetUserSsoSettings SetVerificationInfo
        UnbindVerification UpdateApplication UpdateOIDCProvider UpdatePasskey UpdateSAMLProvider
        UpdateServiceCredential),
];

static STS: &[&[Action]] = &[
    actions!("acs:ram::{account}:role/{role}" => AssumeRole AssumeRoleWithSAML AssumeRoleWithOIDC),
    actions!("*" => GetCallerIdentity),
];

static RESOURCEMANAGER: &[&[Action]] = &[
    actions!("acs:resourcemanager:*:{account}:resourcegroup/{resource_group}" => GetResourceGroup
        UpdateResourceGroup DeleteResourceGroup),
    actions!("*" => AttachPolicy DetachPolicy ListPolicyAttachments ListResourceGroups
        CreateResourceGroup ListResources MoveResources GetResourceDirectory ListAccounts
        GetAccount ListFoldersForParent),
];

/// The services, in the order the flows meet them.
pub static SERVICES: &[Service] = &[
    Service {
        code: "arms",
        complete: false,
        source: "ARMS RAM pages (application monitoring, Prometheus, browser monitoring), AliyunCSManagedArmsRolePolicy",
        groups: ARMS,
    },
    Service {
        code: "xtrace",
        complete: false,
        source: "Tracing Analysis API 2019-08-08 operation names",
        groups: XTRACE,
    },
    Service {
        code: "ram",
        // Every operation of the RAM and IMS SDKs is here, but that an action is
        // named as its operation is inferred, and services add actions: partial.
        complete: false,
        source: "alibabacloud-ram20150501 and alibabacloud-ims20190815 SDK operations (IMS is authorised under ram:); Resource Management's RAM authorisation page",
        groups: RAM,
    },
    Service {
        code: "sts",
        complete: true,
        source: "alibabacloud-sts20150401 SDK operations",
        groups: STS,
    },
    Service {
        code: "resourcemanager",
        complete: false,
        source: "alibabacloud-resourcemanager20200331 SDK operations the flows use; Resource Management's RAM page",
        groups: RESOURCEMANAGER,
    },
];

impl Service {
    /// Every action of the service.
    pub fn actions(&self) -> impl Iterator<Item = &'static Action> {
        self.groups.iter().flat_map(|g| g.iter())
    }
}

/// The service with this RAM code (ignoring case).
pub fn service(code: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.code.eq_ignore_ascii_case(code))
}

/// The catalogue entry for `service:Action` (actions are case-insensitive).
pub fn find_action(action: &str) -> Option<&'static Action> {
    let (svc, name) = action.split_once(':')?;
    service(svc)?
        .actions()
        .find(|a| a.name.eq_ignore_ascii_case(name))
}

/// Catalogue actions an action pattern such as `arms:Get*` matches.
pub fn matching_actions(
    pattern: &str,
) -> impl Iterator<Item = (&'static Service, &'static Action)> + '_ {
    let (svc, name) = pattern.split_once(':').unwrap_or(("", pattern));
    SERVICES
        .iter()
        .filter(move |s| wildcard::matches(svc, s.code, true))
        .flat_map(move |s| {
            s.actions()
                .filter(move |a| wildcard::matches(name, a.name, true))
                .map(move |a| (s, a))
        })
}
