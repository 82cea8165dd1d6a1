//! The catalogue itself: every check's code, name, tier, scope, message and
//! fix in both languages, and its failing and passing examples — one table,
//! from which the checks, the [`Code`] names and `docs/checks.md` come.

use super::{Check, Scope, Tier};

checks! {
    E001 "json-syntax" Error Any
        ["The document is not valid JSON: {}", "文档不是合法的 JSON：{}"]
        ["Fix the JSON at the line and column shown; RAM rejects it with MalformedPolicyDocument.", "请修正所示行列处的 JSON；否则 RAM 会以 MalformedPolicyDocument 拒绝。"]
        bad: r#"{"Version":"1","Statement":[}"#
        good: r#"{"Version":"1","Statement":[]}"#;
    E002 "version" Error Any
        ["Version is {}; the only version of RAM's policy language is \"1\"", "Version 为 {}；RAM 策略语言唯一的版本是 \"1\""]
        ["Write \"Version\": \"1\".", "请写 \"Version\": \"1\"。"]
        bad: r#"{"Version":"2","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E003 "aws-version" Error Any
        ["Version {} is the AWS IAM language version, not RAM's", "Version {} 是 AWS IAM 的语言版本，不是 RAM 的"]
        ["RAM policies use \"Version\": \"1\"; check the rest of the document for other AWS-only elements too.", "RAM 策略使用 \"Version\": \"1\"；并检查文档中其他仅 AWS 支持的元素。"]
        bad: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E004 "no-statement" Error Any
        ["The document has no statements", "文档没有任何语句（Statement）"]
        ["Add a statement with Effect, Action and Resource (Principal instead of Resource in a trust policy).", "请添加包含 Effect、Action 和 Resource 的语句（信任策略用 Principal 代替 Resource）。"]
        bad: r#"{"Version":"1","Statement":[]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E005 "effect" Error Any
        ["Effect is {}; it must be Allow or Deny", "Effect 为 {}；必须是 Allow 或 Deny"]
        ["Write \"Effect\": \"Allow\" or \"Effect\": \"Deny\" (the case matters).", "请写 \"Effect\": \"Allow\" 或 \"Deny\"（区分大小写）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"arms:Get*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E006 "no-action" Error Any
        ["The statement has neither Action nor NotAction", "该语句既没有 Action 也没有 NotAction"]
        ["Add \"Action\" with the actions it allows or denies, e.g. \"arms:GetTraceApp\".", "请添加 \"Action\"，列出允许或拒绝的操作，例如 \"arms:GetTraceApp\"。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E007 "action-and-not-action" Error Any
        ["The statement has both Action and NotAction", "该语句同时有 Action 和 NotAction"]
        ["Keep one of them: split the statement in two if you need both.", "只保留其中之一；如都需要，请拆成两条语句。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","NotAction":"ram:*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E008 "action-format" Error Any
        ["Action `{}` is not of the form <service>:<action>", "操作 `{}` 不符合 <服务>:<操作> 的格式"]
        ["Write the service code, a colon and the action, e.g. arms:GetTraceApp (`*` alone means every action).", "请写服务代码、冒号和操作名，例如 arms:GetTraceApp（单独的 `*` 表示所有操作）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms-GetTraceApp","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"*"}]}"#;
    E009 "missing-resource" Error Permission
        ["The statement has no Resource", "该语句没有 Resource"]
        ["Add \"Resource\": an ARN such as acs:arms:*:*:armsapp/shop, or \"*\".", "请添加 \"Resource\"：例如 acs:arms:*:*:armsapp/shop 这样的 ARN，或 \"*\"。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E010 "resource-prefix" Error Any
        ["Resource `{}` is neither * nor an ARN starting with acs:", "资源 `{}` 既不是 * 也不是以 acs: 开头的 ARN"]
        ["Write acs:<service>:<region>:<account-id>:<relative-id>, e.g. acs:oss:*:*:mybucket/*.", "请写 acs:<服务>:<地域>:<账号ID>:<资源相对ID>，例如 acs:oss:*:*:mybucket/*。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"oss://mybucket/*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:mybucket/*"}]}"#;
    E011 "aws-arn" Error Any
        ["`{}` is an AWS ARN", "`{}` 是 AWS 的 ARN"]
        ["RAM names resources acs:<service>:<region>:<account-id>:<relative-id>, e.g. acs:oss:*:*:mybucket/*.", "RAM 的资源名为 acs:<服务>:<地域>:<账号ID>:<资源相对ID>，例如 acs:oss:*:*:mybucket/*。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"arn:aws:s3:::mybucket/*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:mybucket/*"}]}"#;
    E012 "arn-shape" Error Any
        ["Resource `{}` does not have the five parts acs:<service>:<region>:<account-id>:<relative-id>", "资源 `{}` 不是 acs:<服务>:<地域>:<账号ID>:<资源相对ID> 五段式"]
        ["Add the missing parts; use * for any region or account (RAM's resources: acs:ram:*:<account-id>:user/<name>).", "请补全缺少的部分；任意地域或账号用 *（RAM 资源写作 acs:ram:*:<账号ID>:user/<名称>）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"acs:arms:cn-hangzhou:armsapp/shop"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"acs:arms:cn-hangzhou:*:armsapp/shop"}]}"#;
    E013 "unknown-operator" Error Any
        ["Condition operator `{}` does not exist in RAM", "条件运算符 `{}` 在 RAM 中不存在"]
        ["Use a String*, Numeric*, Date*, Bool, IpAddress or NotIpAddress operator.", "请使用 String*、Numeric*、Date*、Bool、IpAddress 或 NotIpAddress 运算符。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"StringEqual":{"acs:UserAgent":"ramp"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"StringEquals":{"acs:UserAgent":"ramp"}}}]}"#;
    E014 "aws-operator" Error Any
        ["`{}` is an AWS IAM operator that RAM rejects", "`{}` 是 RAM 不支持的 AWS IAM 运算符"]
        ["Use the plain operator (RAM has no …IfExists, Null, ForAnyValue:, ForAllValues:, Arn* or Binary*); a missing key makes a condition false.", "请使用基本运算符（RAM 没有 …IfExists、Null、ForAnyValue:、ForAllValues:、Arn*、Binary*）；缺少的键会使条件不成立。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"acs:MFAPresent":"false"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}}]}"#;
    E015 "key-format" Error Any
        ["Condition key `{}` is not of the form <prefix>:<name>", "条件键 `{}` 不符合 <前缀>:<名称> 的格式"]
        ["Write acs:<Key> for global keys (acs:SourceIp) or <service>:<Key> for service keys (oss:Prefix).", "全局键请写 acs:<键>（如 acs:SourceIp），服务键写 <服务>:<键>（如 oss:Prefix）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"SourceIp":"203.0.113.0/24"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#;
    E016 "aws-key" Error Any
        ["Condition key `{}` is an AWS key", "条件键 `{}` 是 AWS 的键"]
        ["Use RAM's key: global keys start with acs: (acs:SourceIp, acs:MFAPresent, acs:SecureTransport, acs:CurrentTime).", "请使用 RAM 的键：全局键以 acs: 开头（acs:SourceIp、acs:MFAPresent、acs:SecureTransport、acs:CurrentTime）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#;
    E017 "bool-many" Error Any
        ["Bool key `{}` has more than one value", "Bool 条件键 `{}` 有多个值"]
        ["Give one value, \"true\" or \"false\".", "只给一个值：\"true\" 或 \"false\"。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":["true","false"]}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}"#;
    E018 "bool-value" Error Any
        ["Bool value `{}` is neither true nor false", "Bool 值 `{}` 既不是 true 也不是 false"]
        ["Write \"true\" or \"false\".", "请写 \"true\" 或 \"false\"。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"yes"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}"#;
    E019 "operator-value" Error Any
        ["`{}` cannot be read the way its operator compares", "`{}` 无法按其运算符的类型读取"]
        ["Numeric operators take numbers, Date operators ISO 8601 times (2026-12-31T23:59:59Z), IpAddress and NotIpAddress IPs or CIDR ranges.", "Numeric 运算符需要数字，Date 运算符需要 ISO 8601 时间（2026-12-31T23:59:59Z），IpAddress/NotIpAddress 需要 IP 或 CIDR 网段。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"next week"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"2099-12-31T23:59:59Z"}}}]}"#;
    E020 "not-resource" Error Any
        ["NotResource is not part of RAM's policy language", "RAM 策略语言没有 NotResource"]
        ["List the resources in Resource, or add a Deny statement for the ones to exclude.", "请在 Resource 中列出资源，或为要排除的资源另加一条 Deny 语句。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","NotResource":"acs:oss:*:*:secret/*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:*:public/*"}]}"#;
    E021 "not-principal" Error Trust
        ["NotPrincipal is not part of RAM's policy language", "RAM 策略语言没有 NotPrincipal"]
        ["Name who may assume the role in Principal.", "请在 Principal 中写明可扮演该角色的主体。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","NotPrincipal":{"RAM":"acs:ram::1111111111111111:root"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1111111111111111:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-42"}}}]}"#;
    E022 "principal-in-permission" Error Permission
        ["A permission policy statement has a Principal", "权限策略的语句中有 Principal"]
        ["Remove Principal: a permission policy applies to whoever it is attached to. Lint the file with --kind trust if it is a trust policy.", "请删除 Principal：权限策略作用于被授权的身份。如果这是信任策略，请用 --kind trust 检查。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Principal":{"RAM":"acs:ram::1111111111111111:root"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E023 "missing-principal" Error Trust
        ["The trust policy statement has no Principal", "信任策略的语句没有 Principal"]
        ["Add \"Principal\": {\"RAM\": \"acs:ram::<account-id>:root\"} (or a user, role, service, SAML or OIDC provider).", "请添加 \"Principal\": {\"RAM\": \"acs:ram::<账号ID>:root\"}（或用户、角色、服务、SAML 或 OIDC 身份提供商）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#;
    E024 "trust-action" Error Trust
        ["A trust policy statement names `{}`; trust policies only govern sts:AssumeRole", "信任策略的语句中有 `{}`；信任策略只管 sts:AssumeRole"]
        ["Write \"Action\": \"sts:AssumeRole\"; grant other actions in a permission policy attached to the role.", "请写 \"Action\": \"sts:AssumeRole\"；其他操作请在授予角色的权限策略中授权。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:*","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#;
    E025 "resource-in-trust" Error Trust
        ["A trust policy statement has a Resource", "信任策略的语句中有 Resource"]
        ["Remove Resource: the resource of a trust policy is the role itself.", "请删除 Resource：信任策略的资源就是角色本身。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#;
    E026 "too-long" Error Permission
        ["The document is {} characters long; a custom policy may have at most 6,144", "文档长度为 {} 个字符；自定义策略最多 6144 个字符"]
        ["Use wildcards (arms:Get*) or split it into several policies.", "请使用通配符（如 arms:Get*）或拆分为多个策略。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":[⟦"acs:arms:cn-hangzhou:*:armsapp/shop-frontend",×160⟧"*"]}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"acs:arms:cn-hangzhou:*:armsapp/shop-*"}]}"#;
    E027 "wrong-type" Error Any
        ["{}", "{}"]
        ["Write the element with the JSON type shown.", "请按所示的 JSON 类型书写该元素。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":["Allow"],"Action":"arms:Get*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E028 "unknown-element" Error Any
        ["`{}` is not an element of RAM's policy language", "`{}` 不是 RAM 策略语言的元素"]
        ["Remove it or correct its spelling (element names are case-sensitive).", "请删除或改正其拼写（元素名区分大小写）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E029 "empty-list" Error Any
        ["The list at {} is empty and matches nothing", "{} 处的列表为空，匹配不到任何内容"]
        ["Add at least one value, or remove the element.", "请至少添加一个值，或删除该元素。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":[]}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    E030 "principal-type" Error Trust
        ["Principal type `{}` does not exist in RAM", "RAM 中没有 `{}` 这种主体类型"]
        ["Use RAM (accounts, users, roles), Service (Alibaba Cloud services) or Federated (SAML or OIDC identity providers).", "请使用 RAM（账号、用户、角色）、Service（阿里云服务）或 Federated（SAML 或 OIDC 身份提供商）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"acs:ram::1111111111111111:root"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1111111111111111:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-42"}}}]}"#;
    E031 "principal-value" Error Trust
        ["Principal `{}` is not written the way RAM names principals", "主体 `{}` 的写法不符合 RAM 的命名方式"]
        ["RAM: acs:ram::<account-id>:root, :user/<name> or :role/<name>; Service: <service>.aliyuncs.com; Federated: acs:ram::<account-id>:saml-provider/<name> or :oidc-provider/<name>.", "RAM：acs:ram::<账号ID>:root、:user/<名称> 或 :role/<名称>；Service：<服务>.aliyuncs.com；Federated：acs:ram::<账号ID>:saml-provider/<名称> 或 :oidc-provider/<名称>。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"alice"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1111111111111111:user/alice"}}]}"#;
    E032 "external-id-format" Error Trust
        ["ExternalId `{}` cannot be sent: AssumeRole takes 2-1,224 letters, digits or _+=,.@:/-", "ExternalId `{}` 无法传入：AssumeRole 只接受 2-1224 个字母、数字或 _+=,.@:/-"]
        ["Agree on an ExternalId that AssumeRole accepts, e.g. a random 16-character string.", "请约定一个 AssumeRole 接受的 ExternalId，例如 16 位随机字符串。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"},"Condition":{"StringEquals":{"sts:ExternalId":"our id"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-42"}}}]}"#;
    S001 "full-admin" Security Permission
        ["The statement allows every action on every resource", "该语句允许对所有资源执行所有操作"]
        ["Name the service's actions (arms:*) and resources you mean; attach AdministratorAccess deliberately if that is the intent.", "请写明所需服务的操作（如 arms:*）和资源；如确需管理员权限，请有意识地授予 AdministratorAccess。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:*","Resource":"*"}]}"#;
    S002 "privilege-escalation" Security Permission
        ["Allows `{}`, with which the holder can grant itself more permissions", "允许 `{}`，持有者可借此为自己提升权限"]
        ["Grant only the RAM actions the job needs, on named users, groups or roles, or keep identity management with administrators.", "只授予工作所需的 RAM 操作并限定到具体的用户、组或角色，或把身份管理留给管理员。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Attach*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:List*","Resource":"*"}]}"#;
    S003 "broad-not-action" Security Permission
        ["Allow with NotAction grants every action of every service except those listed", "Allow 与 NotAction 连用会授予除所列之外所有服务的所有操作"]
        ["List the allowed actions in Action instead; NotAction is for Deny statements.", "请改为在 Action 中列出允许的操作；NotAction 适合用在 Deny 语句中。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ram:*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Deny","NotAction":"arms:*","Resource":"*"}]}"#;
    S004 "open-account-trust" Security Trust
        ["The role trusts every RAM user and role of `{}`, with neither an ExternalId nor an MFA condition", "该角色信任 `{}` 下的所有 RAM 用户和角色，且没有 ExternalId 或 MFA 条件"]
        ["Add \"StringEquals\": {\"sts:ExternalId\": \"<agreed id>\"} or \"Bool\": {\"acs:MFAPresent\": \"true\"}, or trust one user or role.", "请添加 \"StringEquals\": {\"sts:ExternalId\": \"<约定的ID>\"} 或 \"Bool\": {\"acs:MFAPresent\": \"true\"}，或只信任某个用户或角色。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-42"}}}]}"#;
    S005 "wildcard-principal" Security Trust
        ["Principal `{}` lets anyone assume the role", "主体 `{}` 允许任何人扮演该角色"]
        ["Name the accounts, users, roles or services that may assume it.", "请写明可扮演该角色的账号、用户、角色或服务。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"*"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:user/bob"}}]}"#;
    S006 "saml-without-recipient" Security Trust
        ["The SAML provider `{}` is trusted without a saml:recipient condition", "信任了 SAML 身份提供商 `{}`，但没有 saml:recipient 条件"]
        ["Add \"StringEquals\": {\"saml:recipient\": \"https://signin.aliyun.com/saml-role/sso\"} (signin.alibabacloud.com on the international site).", "请添加 \"StringEquals\": {\"saml:recipient\": \"https://signin.aliyun.com/saml-role/sso\"}（国际站为 signin.alibabacloud.com）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"acs:ram::1111111111111111:saml-provider/okta"}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"acs:ram::1111111111111111:saml-provider/okta"},"Condition":{"StringEquals":{"saml:recipient":"https://signin.aliyun.com/saml-role/sso"}}}]}"#;
    S007 "loose-external-id" Security Trust
        ["sts:ExternalId is compared with `{}`, which does not pin one agreed value", "sts:ExternalId 使用 `{}` 比较，无法限定为约定的唯一值"]
        ["Compare it with StringEquals and the exact ExternalId agreed with the other account.", "请用 StringEquals 与双方约定的确切 ExternalId 比较。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"},"Condition":{"StringLike":{"sts:ExternalId":"*"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::2222222222222222:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-42"}}}]}"#;
    S008 "assume-any-role" Security Permission
        ["Allows sts:AssumeRole on `{}`: every role that trusts this account", "允许对 `{}` 调用 sts:AssumeRole：即所有信任本账号的角色"]
        ["Name the one role: \"Resource\": \"acs:ram::<account-id>:role/<role-name>\" (Ramp's least-privilege alternative to AliyunSTSAssumeRoleAccess).", "请只写一个角色：\"Resource\": \"acs:ram::<账号ID>:role/<角色名>\"（AliyunSTSAssumeRoleAccess 的最小权限替代）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::1111111111111111:role/arms-viewer"}]}"#;
    S009 "high-risk-grant" Security Set
        ["`{}` is attached: it grants control of the whole account", "授予了 `{}`：它可控制整个账号"]
        ["Attach the service's own policies (AliyunARMSFullAccess, AliyunARMSReadOnlyAccess) or a scoped custom policy.", "请改为授予该服务自己的策略（AliyunARMSFullAccess、AliyunARMSReadOnlyAccess）或限定范围的自定义策略。"]
        bad: "attach AdministratorAccess"
        good: "attach AliyunARMSFullAccess";
    S010 "console-and-access-key" Security Set
        ["The user has both a console password and an AccessKey", "该用户同时有控制台密码和 AccessKey"]
        ["Give a person console access and a program an AccessKey, as two users.", "请让人使用控制台、程序使用 AccessKey，分为两个用户。"]
        bad: "identity console accesskey\nattach AliyunARMSReadOnlyAccess"
        good: "identity console\nattach AliyunARMSReadOnlyAccess";
    W001 "mfa-deny-misses-access-keys" Warning Permission
        ["This MFA deny does not stop AccessKey calls: they carry no acs:MFAPresent, so `{}` never matches them", "该 MFA 拒绝拦不住 AccessKey 调用：它们不带 acs:MFAPresent，`{}` 不会匹配"]
        ["Restrict AccessKey users another way (an acs:SourceIp condition, or separate users), and require MFA at console logon in the security settings.", "请用其他方式限制 AccessKey 用户（acs:SourceIp 条件或单独的用户），并在安全设置中要求控制台登录 MFA。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"arms:Delete*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"arms:Delete*","Resource":"*","Condition":{"NotIpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#;
    W002 "mfa-lockout" Warning Permission
        ["Denying `{}` without MFA also blocks binding an MFA device: users are locked out for good", "在无 MFA 时拒绝 `{}` 也会阻止绑定 MFA 设备：用户将被永久锁定"]
        ["Deny with NotAction and allow-list the MFA self-service actions: ram:CreateVirtualMFADevice, ram:BindMFADevice, ram:GetUserMFAInfo, ram:ListVirtualMFADevices, ram:ChangePassword.", "请用 Deny + NotAction，并放行 MFA 自助操作：ram:CreateVirtualMFADevice、ram:BindMFADevice、ram:GetUserMFAInfo、ram:ListVirtualMFADevices、ram:ChangePassword。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Deny","NotAction":["ram:CreateVirtualMFADevice","ram:BindMFADevice","ram:GetUserMFAInfo","ram:ListVirtualMFADevices","ram:ChangePassword"],"Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}}]}"#;
    W003 "policy-name-case" Warning Set
        ["System policy `{}` does not exist with this spelling: attaching it fails", "系统策略 `{}` 的拼写不存在：授权会失败"]
        ["System policy names are case-sensitive; use the exact spelling.", "系统策略名称区分大小写，请使用准确拼写。"]
        bad: "attach AliyunArmsReadOnlyAccess"
        good: "attach AliyunARMSReadOnlyAccess";
    W004 "arms-scope-shadowed" Warning Set
        ["`{}` scopes ARMS to some apps, but AliyunARMSFullAccess is attached too: the scope has no effect", "`{}` 将 ARMS 限定到部分应用，但同时授予了 AliyunARMSFullAccess：限定不起作用"]
        ["Detach AliyunARMSFullAccess and keep AliyunARMSReadOnlyAccess as the baseline.", "请解除 AliyunARMSFullAccess，保留 AliyunARMSReadOnlyAccess 作为基础权限。"]
        bad: "attach AliyunARMSFullAccess\nattach AliyunARMSReadOnlyAccess\ncustom shop-apps {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:EditTraceApp\",\"Resource\":\"acs:arms:*:*:armsapp/shop-*\"}]}"
        good: "attach AliyunARMSReadOnlyAccess\ncustom shop-apps {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:EditTraceApp\",\"Resource\":\"acs:arms:*:*:armsapp/shop-*\"}]}";
    W005 "arms-scope-without-baseline" Warning Set
        ["`{}` scopes ARMS to some apps, but without AliyunARMSReadOnlyAccess (or ReadOnlyAccess) the ARMS console does not open", "`{}` 将 ARMS 限定到部分应用，但没有 AliyunARMSReadOnlyAccess（或 ReadOnlyAccess），ARMS 控制台无法打开"]
        ["Also attach AliyunARMSReadOnlyAccess.", "请同时授予 AliyunARMSReadOnlyAccess。"]
        bad: "custom shop-apps {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:ReadTraceApp\",\"Resource\":\"acs:arms:*:*:armsapp/shop-*\"}]}"
        good: "attach AliyunARMSReadOnlyAccess\ncustom shop-apps {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:ReadTraceApp\",\"Resource\":\"acs:arms:*:*:armsapp/shop-*\"}]}";
    W006 "arms-full-and-read-only" Warning Set
        ["AliyunARMSReadOnlyAccess adds nothing next to AliyunARMSFullAccess (`{}`)", "在 AliyunARMSFullAccess 之外再授予 AliyunARMSReadOnlyAccess 没有作用（`{}`）"]
        ["Keep the one you mean: full access, or read-only.", "请只保留需要的一个：完全访问或只读。"]
        bad: "attach AliyunARMSFullAccess\nattach AliyunARMSReadOnlyAccess"
        good: "attach AliyunARMSReadOnlyAccess";
    W007 "rg-read-only-without-read-trace-app" Warning Set
        ["AliyunARMSReadOnlyAccess is attached at resource group `{}`, but nothing allows arms:ReadTraceApp: the group's apps stay hidden", "在资源组 `{}` 上授予了 AliyunARMSReadOnlyAccess，但没有允许 arms:ReadTraceApp：该组的应用不可见"]
        ["Also attach, at the same scope, a policy allowing arms:ReadTraceApp on acs:arms:*:*:armsapp/* (`ramp` builds it).", "请在同一范围再授予允许 arms:ReadTraceApp（资源 acs:arms:*:*:armsapp/*）的策略（Ramp 可生成）。"]
        bad: "attach-rg rg-aek2shop AliyunARMSReadOnlyAccess"
        good: "attach-rg rg-aek2shop AliyunARMSReadOnlyAccess\ncustom-rg rg-aek2shop read-trace-apps {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:ReadTraceApp\",\"Resource\":\"acs:arms:*:*:armsapp/*\"}]}";
    W008 "wildcard-with-equals" Warning Any
        ["`{}` contains * or ?, which this operator compares literally", "`{}` 含有 * 或 ?，但该运算符按字面比较"]
        ["Use StringLike (or StringNotLike) for patterns.", "模式匹配请使用 StringLike（或 StringNotLike）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"StringEquals":{"oss:Prefix":"logs/*"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"StringLike":{"oss:Prefix":"logs/*"}}}]}"#;
    W009 "expired-date" Warning Any
        ["The condition only holds before {}, which has passed: the statement never applies", "条件只在 {} 之前成立，该时间已过：该语句不再生效"]
        ["Move the date forward, or remove the statement.", "请推后该时间，或删除该语句。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"2020-01-01T00:00:00Z"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"2099-01-01T00:00:00Z"}}}]}"#;
    W010 "unknown-action" Warning Any
        ["`{}` is not an action of this service", "`{}` 不是该服务的操作"]
        ["Check the action name against the service's RAM authorisation page.", "请对照该服务的 RAM 授权文档核对操作名。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentty","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}"#;
    W011 "duplicate-element" Warning Any
        ["`{}` appears twice in one object: RAM may reject it, and only the first is read here", "`{}` 在同一对象中出现两次：RAM 可能拒绝，这里只读取第一个"]
        ["Merge the two into one.", "请合并为一个。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Action":"arms:List*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Get*","arms:List*"],"Resource":"*"}]}"#;
    W012 "mfa-relock" Warning Set
        ["`{}` denies MFA self-service actions that another policy's MFA allow-list keeps open: users are locked out again", "`{}` 拒绝了另一策略为 MFA 自助保留的操作：用户会再次被锁定"]
        ["Exclude the MFA self-service actions from this Deny as well (NotAction, or a narrower Action).", "请在该 Deny 中同样排除 MFA 自助操作（使用 NotAction 或更窄的 Action）。"]
        bad: "custom require-mfa {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":[\"ram:CreateVirtualMFADevice\",\"ram:BindMFADevice\",\"ram:GetUserMFAInfo\",\"ram:ListVirtualMFADevices\",\"ram:ChangePassword\"],\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"acs:MFAPresent\":\"false\"}}}]}\ncustom no-ram {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ram:*\",\"Resource\":\"*\"}]}"
        good: "custom require-mfa {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":[\"ram:CreateVirtualMFADevice\",\"ram:BindMFADevice\",\"ram:GetUserMFAInfo\",\"ram:ListVirtualMFADevices\",\"ram:ChangePassword\"],\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"acs:MFAPresent\":\"false\"}}}]}\ncustom no-ram {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"ram:CreateUser\",\"ram:Delete*\",\"ram:Attach*\"],\"Resource\":\"*\"}]}";
    W013 "deny-shadows-allow" Warning Set
        ["The Allow of `{}` never takes effect: an unconditional Deny covers it", "`{}` 的 Allow 永远不会生效：有无条件的 Deny 覆盖了它"]
        ["Remove the Allow, or narrow the Deny.", "请删除该 Allow，或缩小 Deny 的范围。"]
        bad: "custom arms-admin {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:DeleteTraceApp\",\"Resource\":\"*\"}]}\ncustom no-delete {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"arms:Delete*\",\"Resource\":\"*\"}]}"
        good: "custom arms-admin {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:EditTraceApp\",\"Resource\":\"*\"}]}\ncustom no-delete {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"arms:Delete*\",\"Resource\":\"*\"}]}";
    W021 "group-deny-overridden" Warning Set
        ["This resource-group Deny never applies to `{}`: an account-scope Allow covers it, and account-scope policies are decided first", "该资源组级 Deny 对 `{}` 永不生效：账号级 Allow 已覆盖它，而账号级策略先于资源组级策略判定"]
        ["Attach the Deny at account scope, or narrow the account-scope Allow (RAM: policy evaluation process).", "请在账号级挂载该 Deny，或缩小账号级 Allow 的范围（RAM：权限策略判定流程）。"]
        bad: "custom arms-admin {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:*\",\"Resource\":\"*\"}]}\ncustom-rg rg-shop no-delete {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"arms:Delete*\",\"Resource\":\"*\"}]}"
        good: "custom-rg rg-shop arms-admin {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"arms:*\",\"Resource\":\"*\"}]}\ncustom-rg rg-shop no-delete {\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"arms:Delete*\",\"Resource\":\"*\"}]}";
    W022 "ram-resource-region" Warning Permission
        ["`{}` leaves the region empty, but RAM's authorization tables write RAM resources with region * (acs:ram:*:<account-id>:…): the statement may match no RAM request", "`{}` 的地域为空，但 RAM 的授权信息表中 RAM 资源的地域写作 *（acs:ram:*:<账号ID>:…）：该语句可能匹配不到任何 RAM 请求"]
        ["Write acs:ram:*:<account-id>:<type>/<name>; the empty region is how a role's ARN reads for sts:AssumeRole.", "请写作 acs:ram:*:<账号ID>:<类型>/<名称>；地域为空是角色 ARN 的写法，用于 sts:AssumeRole。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram::1111111111111111:user/alice"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram:*:1111111111111111:user/alice"}]}"#;
    W014 "resource-service-mismatch" Warning Permission
        ["Resource `{}` belongs to a different service than the statement's actions: it never matches them", "资源 `{}` 与语句中操作属于不同服务：永远不会匹配"]
        ["Use the actions' service in the ARN (acs:<service>:…), or split the statement.", "请在 ARN 中使用操作所属的服务（acs:<服务>:…），或拆分语句。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ReadTraceApp","Resource":"acs:oss:*:*:armsapp/shop"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ReadTraceApp","Resource":"acs:arms:*:*:armsapp/shop"}]}"#;
    W015 "unknown-global-key" Warning Any
        ["`{}` is not one of RAM's global condition keys", "`{}` 不是 RAM 的全局条件键"]
        ["Use a documented key: acs:SourceIp, acs:CurrentTime, acs:MFAPresent, acs:SecureTransport, acs:UserAgent, acs:Referer, acs:SourceVpc.", "请使用文档中的键：acs:SourceIp、acs:CurrentTime、acs:MFAPresent、acs:SecureTransport、acs:UserAgent、acs:Referer、acs:SourceVpc。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIP":"203.0.113.0/24"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#;
    W016 "service-with-mfa" Warning Trust
        ["Services do not sign in with MFA: `{}` can never assume the role under this MFA condition", "云服务不使用 MFA 登录：在该 MFA 条件下 `{}` 永远无法扮演该角色"]
        ["Remove the MFA condition from statements that trust services.", "请从信任云服务的语句中删除 MFA 条件。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"},"Condition":{"Bool":{"acs:MFAPresent":"true"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs.aliyuncs.com"}}]}"#;
    W017 "empty-condition" Warning Any
        ["`{}` has no keys: it adds no condition", "`{}` 没有任何键：不构成条件"]
        ["Add the keys and values to compare, or remove it.", "请添加要比较的键和值，或删除它。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#;
    W018 "arn-account" Warning Any
        ["The account part of `{}` is neither an account ID nor *", "`{}` 中的账号部分既不是账号 ID 也不是 *"]
        ["Write the account ID (digits only) or *.", "请写账号 ID（纯数字）或 *。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"acs:arms:cn-hangzhou:my-account:traceapp/b590lhguqs"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"acs:arms:cn-hangzhou:1111111111111111:traceapp/b590lhguqs"}]}"#;
    W019 "assume-role-resource" Warning Permission
        ["sts:AssumeRole is allowed on `{}`, which is not a role ARN", "对 `{}` 允许 sts:AssumeRole，但它不是角色 ARN"]
        ["Write the role's ARN: acs:ram::<account-id>:role/<role-name>.", "请写角色 ARN：acs:ram::<账号ID>:role/<角色名>。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::1111111111111111:user/arms-viewer"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::1111111111111111:role/arms-viewer"}]}"#;
    W020 "principal-account-length" Warning Trust
        ["`{}` names an account ID that is not 16 digits; Alibaba Cloud account IDs are 16 digits, so no account will ever match", "`{}` 中的账号 ID 不是 16 位；阿里云账号 ID 为 16 位数字，因此不会匹配任何账号"]
        ["Copy the 16-digit account ID from the other account's console (account menu, or GetCallerIdentity).", "请从对方账号的控制台（账号菜单，或 GetCallerIdentity）复制 16 位账号 ID。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::16800000000002:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-ext-1"}}}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1680000000000002:root"},"Condition":{"StringEquals":{"sts:ExternalId":"ramp-ext-1"}}}]}"#;
    N001 "single-item-list" Suggestion Any
        ["The list at {} has one value; a plain string reads the same", "{} 处的列表只有一个值；写成字符串含义相同"]
        ["Write the value as a string (both forms mean the same; Ramp's exports normalise to lists).", "可写成字符串（两种写法含义相同；Ramp 导出时统一为列表）。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Get*"],"Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
    N002 "duplicate-value" Suggestion Any
        ["`{}` is listed twice", "`{}` 被列出两次"]
        ["Remove the repetition.", "请删除重复项。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:GetTraceApp","arms:gettraceapp"],"Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:GetTraceApp","Resource":"*"}]}"#;
    N003 "covered-by-wildcard" Suggestion Any
        ["`{}` is already covered by a wildcard in the same list", "`{}` 已被同一列表中的通配符覆盖"]
        ["Remove it: the wildcard grants it already.", "请删除它：通配符已经包含。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Get*","arms:GetTraceApp"],"Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Get*","arms:ListTraceApps"],"Resource":"*"}]}"#;
    N004 "not-canonical" Suggestion Any
        ["The layout differs from the canonical one from line {}", "从第 {} 行起，排版与规范格式不同"]
        ["Run `ramp fmt FILE` so documents never differ by layout alone.", "请运行 `ramp fmt 文件`，避免仅因排版产生差异。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#
        good: "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"arms:Get*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    N005 "action-case" Suggestion Any
        ["`{}` differs in case from the documented spelling", "`{}` 的大小写与文档拼写不同"]
        ["Actions match ignoring case, but the documented spelling is easier to search for.", "操作名匹配时不区分大小写，但使用文档拼写更便于检索。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:readtraceapp","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ReadTraceApp","Resource":"*"}]}"#;
    N006 "unlisted-action" Suggestion Any
        ["`{}` is not in Ramp's catalogue of this service, which is partial", "`{}` 不在 Ramp 对该服务的（部分）目录中"]
        ["Check the spelling against the service's RAM authorisation page.", "请对照该服务的 RAM 授权文档核对拼写。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ReadTraceAp","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:ReadTraceApp","Resource":"*"}]}"#;
    N007 "mergeable-statements" Suggestion Any
        ["Statement {} has the same effect, resources and conditions as an earlier one", "第 {} 条语句与前面某条的效果、资源和条件相同"]
        ["Merge their actions into one statement.", "可将它们的操作合并到一条语句中。"]
        bad: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"},{"Effect":"Allow","Action":"arms:List*","Resource":"*"}]}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:Get*","arms:List*"],"Resource":"*"}]}"#;
    N008 "statement-object" Suggestion Any
        ["Statement is a single object{}; a list is the usual form", "Statement 是单个对象{}；通常写成列表"]
        ["Wrap it in [ ] so more statements can be added without restructuring.", "请用 [ ] 包起来，便于日后添加语句。"]
        bad: r#"{"Version":"1","Statement":{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}}"#
        good: r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#;
}
