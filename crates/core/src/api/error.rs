//! One error type for every service's answers, with a plain explanation and
//! what to do next for the common codes, in English and Chinese.

use crate::lang::{Lang, Localized};

/// An error answer (or a body that could not be read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status (0 when the body was not an error answer).
    pub status: u16,
    /// `Code`, e.g. `EntityAlreadyExists.User`.
    pub code: String,
    /// `Message`.
    pub message: String,
    /// `RequestId`, for support tickets.
    pub request_id: Option<String>,
    /// `HostId`.
    pub host_id: Option<String>,
    /// `Recommend`: the diagnosis page.
    pub recommend: Option<String>,
    /// `AccessDeniedDetail`, when the service explains a denial.
    pub access_denied_detail: Option<String>,
}

/// What an error means for a plan run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Try again later (`Throttling*`, `ServiceUnavailable`, `InternalError`).
    Retry,
    /// Not allowed — but RAM also says this for a few seconds after a fresh write.
    NoPermission,
    /// The entity is already there.
    AlreadyExists,
    /// The entity is not there.
    NotFound,
    /// Anything else: stop.
    Fatal,
}

fn text(v: &serde_json::Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| v.get(*k)).map(|x| match x {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn xml_tag(body: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&close)? + start;
    Some(body[start..end].to_owned())
}

impl ApiError {
    /// Reads an error answer: JSON (`Code`/`code`, `Message`/`message`, `RequestId`/`requestId`) or XML.
    pub fn parse(status: u16, body: &str) -> ApiError {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
            if let Some(code) = text(&v, &["Code", "code"]) {
                return ApiError {
                    status,
                    code,
                    message: text(&v, &["Message", "message"]).unwrap_or_default(),
                    request_id: text(&v, &["RequestId", "requestId"]),
                    host_id: text(&v, &["HostId", "hostId"]),
                    recommend: text(&v, &["Recommend", "recommend"]),
                    access_denied_detail: text(&v, &["AccessDeniedDetail", "accessDeniedDetail"]),
                };
            }
        }
        if let Some(code) = xml_tag(body, "Code") {
            return ApiError {
                status,
                code,
                message: xml_tag(body, "Message").unwrap_or_default(),
                request_id: xml_tag(body, "RequestId"),
                host_id: xml_tag(body, "HostId"),
                recommend: xml_tag(body, "Recommend"),
                access_denied_detail: None,
            };
        }
        ApiError::unreadable(body, &format!("HTTP {status} without an error code"))
    }

    /// An error raised on this side (no answer, no request ID): `code` and `message`.
    pub fn local(code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: 0,
            code: code.to_owned(),
            message: message.into(),
            request_id: None,
            host_id: None,
            recommend: None,
            access_denied_detail: None,
        }
    }

    /// A body that is neither the expected answer nor an error answer.
    pub fn unreadable(body: &str, why: &str) -> ApiError {
        let head: String = body.chars().take(200).collect();
        ApiError::local("Ramp.UnreadableResponse", format!("{why}: {head}"))
    }

    /// How a plan run should treat it.
    pub fn class(&self) -> ErrorClass {
        let c = self.code.as_str();
        if c.starts_with("Throttling")
            || matches!(c, "ServiceUnavailable" | "InternalError")
            || self.status >= 500
        {
            ErrorClass::Retry
        } else if c == "NoPermission" || c.starts_with("NoPermission.") {
            ErrorClass::NoPermission
        } else if c.starts_with("EntityAlreadyExists") {
            ErrorClass::AlreadyExists
        } else if c.starts_with("EntityNotExist") {
            ErrorClass::NotFound
        } else {
            ErrorClass::Fatal
        }
    }

    /// What it means and what to do, for the common codes.
    pub fn explain(&self, lang: Lang) -> Option<String> {
        let c = self.code.as_str();
        let (en, zh): (&str, &str) = if c == "NoPermission" || c.starts_with("NoPermission.") {
            (
                "The credentials are not allowed to do this. Ask an administrator to grant the action (the plan lists the policies it needs); right after a RAM change this can also be a delay of up to a minute — Ramp retries.",
                "当前凭证无权执行此操作。请管理员授予该操作（计划中列出了所需策略）；刚修改 RAM 后也可能是最多一分钟的生效延迟——Ramp 会重试。",
            )
        } else if c.starts_with("EntityAlreadyExists") {
            (
                "It already exists. Ramp treats it as done when it matches the plan; otherwise choose another name or remove the existing one.",
                "该实体已存在。若与计划一致，Ramp 视为已完成；否则请换个名称或删除已有的实体。",
            )
        } else if c.starts_with("EntityNotExist") {
            (
                "It does not exist (yet). Check the name and the account the step runs in; create it first if the plan skipped it.",
                "该实体不存在（或尚未创建）。请检查名称和步骤所在的账号；如计划跳过了创建，请先创建。",
            )
        } else if c == "SignatureDoesNotMatch" || c == "IncompleteSignature" {
            (
                "The signature does not match: the AccessKey secret is wrong, or the request changed after signing. Re-enter the secret; Ramp's signature workbench shows every signing step.",
                "签名不匹配：AccessKey Secret 有误，或请求在签名后被改动。请重新输入 Secret；Ramp 的签名工作台会展示每一步。",
            )
        } else if c.starts_with("InvalidTimeStamp") || c == "IllegalTimestamp" {
            (
                "The request time is too far from the service's clock (more than 15 minutes). Fix this computer's clock and try again.",
                "请求时间与服务端时钟相差过大（超过 15 分钟）。请校准本机时间后重试。",
            )
        } else if c == "SignatureNonceUsed" {
            (
                "This request was already sent once (its nonce was used). Sign it again with a new nonce; Ramp does so on retries.",
                "该请求已发送过（随机数已被使用）。请用新的随机数重新签名；Ramp 重试时会自动处理。",
            )
        } else if c.starts_with("InvalidAccessKeyId") {
            (
                "The AccessKey ID is unknown or disabled. Check it in the RAM console (it may have been deleted or deactivated).",
                "AccessKey ID 不存在或已禁用。请在 RAM 控制台中检查（可能已被删除或停用）。",
            )
        } else if c.starts_with("InvalidSecurityToken") || c == "MissingSecurityToken" {
            (
                "The STS token is missing, expired or does not belong to this AccessKey. Assume the role again for fresh temporary credentials.",
                "STS 令牌缺失、已过期或与该 AccessKey 不匹配。请重新扮演角色以获取新的临时凭证。",
            )
        } else if c.starts_with("Throttling") {
            (
                "Too many requests in a short time. Ramp waits and retries with growing delays.",
                "短时间内请求过多。Ramp 会等待并以递增的间隔重试。",
            )
        } else if c.starts_with("LimitExceeded") {
            (
                "An account limit is reached (users, roles, policies, versions, keys per user or policies per identity). Remove unused ones or ask Alibaba Cloud for a higher quota.",
                "已达到账号限额（用户、角色、策略、版本、每个用户的密钥或每个身份的策略数）。请删除不用的，或向阿里云申请提高配额。",
            )
        } else if c == "NetworkError" {
            (
                "Ramp's server did not answer: it is stopped, or this computer is offline. Nothing was sent for this step; your draft is kept. Start `ramp serve` again (or reconnect) and press Apply: steps already done count as done.",
                "Ramp 服务端没有响应：它已停止，或本机已离线。本步骤未发送任何请求；草稿已保留。请重新启动 `ramp serve`（或恢复网络）后再点“执行”：已完成的步骤会被识别为已完成。",
            )
        } else if c.starts_with("Upstream") || c == "BadUpstreamResponse" {
            (
                "Ramp's server could not reach Alibaba Cloud in time (or the answer was cut off). The step may or may not have happened: press Apply again — Ramp checks what already exists before creating anything.",
                "Ramp 服务端未能及时连上阿里云（或响应被中断）。该步骤可能已执行也可能未执行：请再次点击“执行”——Ramp 会先检查已存在的内容再创建。",
            )
        } else if c == "Ramp.NoAnswer" {
            (
                "No answer came for this step (Ramp's server stopped, or the network dropped), so Ramp cannot know whether it took effect; your draft is kept. When the server answers again, press Apply: Ramp checks the account for this step before anything else, and steps already done count as done.",
                "本步骤未收到应答（Ramp 服务端已停止或网络中断），因此无法确定它是否已生效；草稿已保留。服务端恢复后请再次点击“执行”：Ramp 会先检查账号中该步骤的结果，已完成的步骤会被识别为已完成。",
            )
        } else if c == "Ramp.SecretUnknown" {
            (
                "The step's earlier call took effect but its answer was lost, so its secret (a password or an AccessKey secret) was never shown and cannot be read back. Reset or delete it as the message says, then apply again.",
                "该步骤之前的调用已生效但应答丢失，因此其密钥（密码或 AccessKey Secret）从未显示，也无法再读取。请按提示重置或删除后再次执行。",
            )
        } else if c == "Ramp.Conflict" {
            (
                "Something with this name already exists and differs from the plan (the table below says where). Ramp never overwrites it: go back and change the plan, or change or delete the existing one in the console.",
                "已存在同名实体且与计划不一致（见下表）。Ramp 不会覆盖：请返回修改计划，或在控制台中修改、删除已有的实体。",
            )
        } else if c.starts_with("DeleteConflict") {
            (
                "It cannot be deleted while something still refers to it (members, keys, login profile or attached policies). Ramp's rollback detaches and removes those first.",
                "仍有关联（成员、密钥、登录配置或已授权的策略）时无法删除。Ramp 的回滚会先解除并删除这些关联。",
            )
        } else {
            return None;
        };
        Some(match lang {
            Lang::En => en.to_owned(),
            Lang::Zh => zh.to_owned(),
        })
    }
}

impl Localized for ApiError {
    fn message(&self, lang: Lang) -> String {
        let mut out = format!("{}: {}", self.code, self.message);
        if let Some(e) = self.explain(lang) {
            out.push_str(" — ");
            out.push_str(&e);
        }
        if let Some(id) = &self.request_id {
            out.push_str(&format!(" (RequestId {id})"));
        }
        out
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ApiError {}
