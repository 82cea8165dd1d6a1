//! System policies the flows and the checks use. A document is given as far as
//! the reference knows it; `complete: false` says it is only the part that was
//! published in the excerpt Ramp was built from.

/// A system policy managed by Alibaba Cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemPolicy {
    /// The exact name (system policy names are case-sensitive on attach).
    pub name: &'static str,
    /// The policy version the document is from, e.g. `v13`.
    pub version: &'static str,
    /// When Alibaba Cloud last updated it (as published).
    pub updated: &'static str,
    /// The document (`None` when not known).
    pub document: Option<&'static str>,
    /// `false` when the document is only the known part.
    pub complete: bool,
    /// Grants control over identities or everything (flagged on grant).
    pub high_risk: bool,
    /// Where the document comes from.
    pub source: &'static str,
    /// What it grants, in English.
    pub summary_en: &'static str,
    /// What it grants, in Chinese.
    pub summary_zh: &'static str,
}

/// The system policies in the catalogue.
pub static SYSTEM_POLICIES: &[SystemPolicy] = &[
    SystemPolicy {
        name: "AliyunARMSFullAccess",
        version: "v16",
        updated: "2026-01-30",
        document: Some(r#"{"Version":"1","Statement":[
{"Action":"arms:*","Resource":"*","Effect":"Allow"},
{"Action":"cms:*","Resource":"*","Effect":"Allow"},
{"Action":["xtrace:Describe*","xtrace:Get*","xtrace:Read*"],"Resource":"*","Effect":"Allow"},
{"Action":"ram:CreateServiceLinkedRole","Resource":"*","Effect":"Allow","Condition":{"StringEquals":{"ram:ServiceName":["arms.aliyuncs.com","audit.log.aliyuncs.com","security.arms.aliyuncs.com"]}}},
{"Action":["log:GetLogStoreLogs","log:QueryPrometheusMetrics","log:QueryMetrics","log:PostLogStoreLogs","log:RemoteWritePrometheus","log:RemoteWrite"],"Resource":["acs:log:*:*:project/*/logstore/aliyun-prom-*","acs:log:*:*:project/*/storeview/aliyun_prom_*"],"Effect":"Allow"}]}"#),
        complete: false,
        high_risk: false,
        source: "https://help.aliyun.com/zh/ram/developer-reference/aliyunarmsfullaccess (excerpt ends after the fifth statement; later log: statements not known)",
        summary_en: "Full access to ARMS (arms:*), CloudMonitor, xtrace reads and the ARMS Prometheus logstores.",
        summary_zh: "ARMS 完全访问权限（arms:*），以及云监控、链路追踪只读和 ARMS Prometheus 日志库。",
    },
    SystemPolicy {
        name: "AliyunARMSReadOnlyAccess",
        version: "v13",
        updated: "2025-11-28",
        document: Some(r#"{"Version":"1","Statement":[
{"Action":["arms:DoInsightsAction","arms:Describe*","arms:List*","arms:Get*","arms:Search*","arms:Check*","arms:Query*","xtrace:Read*","xtrace:Get*","xtrace:Describe*"],"Resource":"*","Effect":"Allow"},
{"Action":["cms:Get*","cms:List*","cms:Query*","cms:BatchQuery*","cms:Describe*","cms:Cursor","cms:BatchGet","cms:BatchExport","cms:Check*","log:GetAgentInstanceConfig"],"Resource":"*","Effect":"Allow"},
{"Action":"log:GetMLServiceResults","Resource":"*","Effect":"Allow"},
{"Action":["log:GetLogStoreLogs","log:QueryPrometheusMetrics","log:QueryMetrics"],"Resource":"acs:log:*:*:project/*/logstore/aliyun-prom-*","Effect":"Allow"},
{"Action":["log:GetLogStoreLogs","log:GetIndex"],"Resource":"acs:log:*:*:project/proj-xtrace-*/logstore/*","Effect":"Allow"}]}"#),
        complete: true,
        high_risk: false,
        source: "https://help.aliyun.com/zh/ram/developer-reference/aliyunarmsreadonlyaccess",
        summary_en: "Read-only access to ARMS, xtrace and CloudMonitor reads, and the ARMS Prometheus and xtrace logstores.",
        summary_zh: "ARMS 只读访问权限，含链路追踪和云监控只读，以及 ARMS Prometheus 与链路追踪日志库。",
    },
    SystemPolicy {
        name: "AliyunPrometheusMetricWriteAccess",
        version: "v3",
        updated: "2025-10-29",
        document: Some(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["log:CreateMachineGroup","log:UpdateMachineGroupMachine","log:ListMachineGroup","log:GetMachineGroup","log:UpdateLogtailPipelineConfig","log:CreateLogtailPipelineConfig","log:GetLogtailPipelineConfig","log:GetProject","log:GetLogStore","log:TagResources","log:ListTagResources","log:UntagResources","log:GetAppliedMachineGroups","log:ApplyConfigToGroup","log:RemoteWritePrometheus","log:RemoteWrite","log:QueryMetrics","log:QueryPrometheusMetrics","log:PostLogStoreLogs","log:DeleteLogtailPipelineConfig","cms:GetPrometheusInstance","cms:SyncAlertRulesByGroup"],"Resource":"*"}]}"#),
        complete: true,
        high_risk: false,
        source: "https://help.aliyun.com/zh/ram/developer-reference/aliyunprometheusmetricwriteaccess",
        summary_en: "Write metrics to Managed Service for Prometheus instances (remote write, the collector's log: setup); no ARMS console access.",
        summary_zh: "向 Prometheus 实例写入指标（Remote Write 及采集器所需的日志服务配置）；不含 ARMS 控制台权限。",
    },
    SystemPolicy {
        name: "AliyunPrometheusMetricReadAccess",
        version: "v1",
        updated: "2025-04-14",
        document: Some(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["cms:ListPrometheusInstances","cms:GetPrometheusInstance","cms:GetPrometheusView","cms:ListPrometheusViews","cms:ListPrometheusMetrics","log:QueryMetrics","log:QueryPrometheusMetrics","log:GetLogStoreLogs"],"Resource":"*"}]}"#),
        complete: true,
        high_risk: false,
        source: "https://help.aliyun.com/zh/ram/developer-reference/aliyunprometheusmetricreadaccess",
        summary_en: "Read metrics from Managed Service for Prometheus instances (PromQL queries, remote read).",
        summary_zh: "从 Prometheus 实例读取指标（PromQL 查询、Remote Read）。",
    },
    SystemPolicy {
        name: "AliyunARMSPrometheusAccessAuth",
        version: "v1",
        updated: "2024-02-28",
        document: Some(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Describe","arms:GetCommercialStatusV2","arms:ListAddons","arms:ListGrafanaInstance","arms:QueryMetric","arms:GetOldPrometheusRuleCount","arms:ListPromAlertCluster","arms:GetSupport*","arms:GetIntegration*","arms:GetConsoleBaseInfo","arms:ListTagResources","arms:TagResources"],"Resource":"*"}]}"#),
        complete: true,
        high_risk: false,
        source: "https://help.aliyun.com/zh/ram/developer-reference/aliyunarmsprometheusaccessauth",
        summary_en: "Open the Managed Service for Prometheus console (its overview, integrations, Grafana and alert lists).",
        summary_zh: "访问 Prometheus 监控服务控制台（概览、集成、Grafana 与告警列表）。",
    },
    SystemPolicy {
        name: "AliyunSTSAssumeRoleAccess",
        version: "v1",
        updated: "2017-04-27",
        document: Some(r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*"}],"Version":"1"}"#),
        complete: true,
        high_risk: false,
        source: "https://alibabacloud.com/help/en/ram/developer-reference/aliyunstsassumeroleaccess",
        summary_en: "Call sts:AssumeRole on any role (the role's trust policy still decides).",
        summary_zh: "可对任意角色调用 sts:AssumeRole（是否成功仍由角色的信任策略决定）。",
    },
    SystemPolicy {
        name: "AliyunRAMReadOnlyAccess",
        version: "v3",
        updated: "2025-12-03",
        document: Some(r#"{"Version":"1","Statement":[
{"Action":["ram:Get*","ram:List*","ram:GenerateCredentialReport"],"Resource":"*","Effect":"Allow"},
{"Effect":"Allow","Action":["accessanalyzer:Get*","accessanalyzer:List*"],"Resource":"*"}]}"#),
        complete: true,
        high_risk: false,
        source: "https://alibabacloud.com/help/en/ram/developer-reference/aliyunramreadonlyaccess",
        summary_en: "Read-only access to RAM: users, groups, roles, policies and their attachments.",
        summary_zh: "访问控制（RAM）只读权限：用户、用户组、角色、策略及授权关系。",
    },
    SystemPolicy {
        name: "AliyunRAMFullAccess",
        version: "unknown",
        updated: "unknown",
        document: Some(r#"{"Version":"1","Statement":[{"Action":"ram:*","Resource":"*","Effect":"Allow"}]}"#),
        complete: false,
        high_risk: true,
        source: "not in the reference: the core statement ram:* on * only",
        summary_en: "Full control of RAM: whoever holds it can grant themselves anything.",
        summary_zh: "访问控制（RAM）完全权限：持有者可以给自己授予任何权限。",
    },
    SystemPolicy {
        name: "AdministratorAccess",
        version: "unknown",
        updated: "unknown",
        document: Some(r#"{"Version":"1","Statement":[{"Action":"*","Resource":"*","Effect":"Allow"}]}"#),
        complete: false,
        high_risk: true,
        source: "not in the reference: the core statement * on * only",
        summary_en: "Every action on every resource of the account.",
        summary_zh: "账号内所有资源的所有操作权限。",
    },
    SystemPolicy {
        name: "PowerUserAccess",
        version: "v2",
        updated: "2025-09-17",
        document: Some(r#"{"Version":"1","Statement":[
{"Effect":"Allow","NotAction":["ram:*","ims:*","resourcemanager:*","resourcesharing:*","cloudsso:*","bss:ModifyAccount","bss:ModifyBillingAccount","bss:ModifyPaymentRelationship","bssapi:ModifyAccountRelation"],"Resource":"*"}]}"#),
        complete: false,
        high_risk: true,
        source: "https://www.alibabacloud.com/help/en/ram/developer-reference/poweruseraccess (first statement; later ram:/resourcemanager: allow-lists not included)",
        summary_en: "Everything except managing identities, resource directories and billing accounts.",
        summary_zh: "除管理身份、资源目录和资金账户外的所有权限。",
    },
    SystemPolicy {
        name: "ReadOnlyAccess",
        version: "unknown",
        updated: "unknown",
        document: None,
        complete: false,
        high_risk: false,
        source: "not in the reference: read actions of every service; a baseline for app-scoped ARMS policies",
        summary_en: "Read-only access to all Alibaba Cloud services.",
        summary_zh: "所有阿里云服务的只读权限。",
    },
];

impl SystemPolicy {
    /// The document as a policy model (`None` when the catalogue has no document).
    pub fn policy(&self) -> Option<crate::policy::Policy> {
        self.document
            .and_then(|d| crate::policy::parse_policy(d).ok())
            .map(|p| p.policy)
    }
}

/// The system policy with exactly this name.
pub fn system_policy(name: &str) -> Option<&'static SystemPolicy> {
    SYSTEM_POLICIES.iter().find(|p| p.name == name)
}

/// The system policy whose name equals this one ignoring case (to offer the right spelling).
pub fn system_policy_ignore_case(name: &str) -> Option<&'static SystemPolicy> {
    SYSTEM_POLICIES
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}
