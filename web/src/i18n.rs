//! Every string the app shows, in English and Simplified Chinese.

use ramp_core::diff::Difference;
use ramp_core::lang::Lang;

use crate::route::Route;

/// A fixed piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Text {
    Tagline,
    SwitchLanguage,
    WorkbenchIntro,
    SecretNote,
    Scheme,
    Method,
    Host,
    Action,
    ApiVersion,
    Params,
    AccessKeyId,
    AccessKeySecret,
    SecurityToken,
    Timestamp,
    Nonce,
    Now,
    NewNonce,
    LoadExample,
    CanonicalQuery,
    CanonicalRequest,
    StringToSign,
    Signature,
    RequestUrl,
    RequestHeaders,
    RequestBody,
    CompareTitle,
    CompareHint,
    Identical,
    TextDiffers,
    Request,
    Result,
    CredentialsIntro,
    SandboxBanner,
    DemoAccounts,
    UseDemo,
    PasteKeys,
    Connect,
    ConnectedAs,
    Forget,
    AssumeTitle,
    RoleArn,
    SessionName,
    DurationSeconds,
    ExternalIdLabel,
    SessionPolicy,
    AssumeButton,
    TemporaryTitle,
    ExpiresIn,
    Expired,
    Copy,
    DownloadEnv,
    DownloadProfile,
    UseTemporary,
    SavedConfirm,
    ErrorTitle,
    NotConnected,
    Working,
    IdentityTypeLabel,
    AccountIdLabel,
    ArnLabel,
    NoServer,
    ShownOnce,
    Show,
    Hide,
}

/// `text` in `lang`.
pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    let (en, zh) = match text {
        Tagline => ("Alibaba Cloud RAM onboarding for ARMS", "面向 ARMS 的阿里云 RAM 自助开通"),
        SwitchLanguage => ("中文", "English"),
        WorkbenchIntro => (
            "Sign an Alibaba Cloud API request in your browser and see every step: canonical form, string to sign, signature, and the request to send.",
            "在浏览器中为阿里云 API 请求签名并查看每一步：规范化请求、待签名字符串、签名以及最终发送的请求。",
        ),
        SecretNote => (
            "The secret and the token stay in this page's memory: never stored, never sent.",
            "密钥和令牌只保存在本页面内存中：不会存储，也不会发送。",
        ),
        Scheme => ("Signature version", "签名版本"),
        Method => ("HTTP method", "请求方法"),
        Host => ("Endpoint", "接入地址"),
        Action => ("Action", "接口名称（Action）"),
        ApiVersion => ("API version", "API 版本"),
        Params => ("Parameters (one Name=Value per line)", "请求参数（每行一个 名称=值）"),
        AccessKeyId => ("AccessKey ID", "AccessKey ID"),
        AccessKeySecret => ("AccessKey secret", "AccessKey Secret"),
        SecurityToken => ("Security token (STS, optional)", "安全令牌（STS，可选）"),
        Timestamp => ("Timestamp (UTC)", "时间戳（UTC）"),
        Nonce => ("Signature nonce", "签名随机数"),
        Now => ("Now", "当前时间"),
        NewNonce => ("New nonce", "新随机数"),
        LoadExample => ("Load the documentation example", "载入文档示例"),
        CanonicalQuery => ("Canonicalized query string", "规范化查询字符串"),
        CanonicalRequest => ("Canonical request", "规范化请求"),
        StringToSign => ("String to sign", "待签名字符串"),
        Signature => ("Signature", "签名"),
        RequestUrl => ("Request URL", "请求 URL"),
        RequestHeaders => ("Request headers", "请求头"),
        RequestBody => ("Request body", "请求体"),
        CompareTitle => ("Compare with the server's string to sign", "与服务端待签名字符串比对"),
        CompareHint => (
            "Paste the string to sign from a SignatureDoesNotMatch message (or, for V3, the canonical request) to see exactly where it differs.",
            "粘贴 SignatureDoesNotMatch 错误信息中的待签名字符串（V3 可粘贴规范化请求），查看具体差异。",
        ),
        Identical => (
            "Identical: the server signs the same string. If it still rejects the request, check the AccessKey secret.",
            "完全一致：服务端签名的字符串相同。若仍被拒绝，请检查 AccessKey Secret。",
        ),
        TextDiffers => (
            "The texts differ (see the first difference). For V3, paste the canonical request to see which part differs.",
            "文本不同（见首个差异位置）。V3 请粘贴规范化请求以查看具体差异部分。",
        ),
        Request => ("Request", "请求"),
        Result => ("Result", "结果"),
        CredentialsIntro => (
            "Check who your credentials belong to, assume a RAM role, and take the temporary credentials with you. Keys stay in this tab's memory and are forgotten when it closes.",
            "查看凭证所属身份、扮演 RAM 角色并带走临时凭证。密钥只保存在本标签页内存中，关闭即清除。",
        ),
        SandboxBanner => (
            "Sandbox: this Ramp runs a local emulator of RAM and STS. Nothing real is touched; the demo keys only work here.",
            "沙箱模式：此 Ramp 运行本地 RAM/STS 模拟服务，不会触及真实资源；演示密钥仅在此处有效。",
        ),
        DemoAccounts => ("Demo accounts", "演示账号"),
        UseDemo => ("Sign in as", "登录为"),
        PasteKeys => ("Or paste an AccessKey pair or STS credentials", "或粘贴 AccessKey 或 STS 临时凭证"),
        Connect => ("Check who I am", "确认我的身份"),
        ConnectedAs => ("Signed in with these credentials as", "当前凭证的身份"),
        Forget => ("Forget these credentials", "清除这些凭证"),
        AssumeTitle => ("Assume a role", "扮演角色"),
        RoleArn => ("Role ARN", "角色 ARN"),
        SessionName => ("Session name", "会话名称"),
        DurationSeconds => ("Duration (seconds, 900 up to the role's maximum)", "会话时长（秒，900 至角色最大会话时长）"),
        ExternalIdLabel => ("ExternalId (if the role's trust policy asks for one)", "ExternalId（信任策略要求时填写）"),
        SessionPolicy => ("Session policy (optional JSON; narrows the role)", "会话策略（可选 JSON，用于收窄角色权限）"),
        AssumeButton => ("Assume the role", "扮演角色"),
        TemporaryTitle => ("Temporary credentials", "临时凭证"),
        ExpiresIn => ("Expires in", "剩余有效期"),
        Expired => ("expired", "已过期"),
        Copy => ("Copy", "复制"),
        DownloadEnv => ("Download .env", "下载 .env"),
        DownloadProfile => ("Download aliyun CLI profile", "下载 aliyun CLI 配置"),
        UseTemporary => ("Use these credentials in Ramp", "在 Ramp 中使用这些凭证"),
        SavedConfirm => ("I have saved them; they will not be shown again after I leave", "我已保存；离开后不会再次显示"),
        ErrorTitle => ("The call failed", "调用失败"),
        NotConnected => ("Connect first: choose a demo account or paste credentials above.", "请先连接：选择演示账号或在上方粘贴凭证。"),
        Working => ("Working…", "处理中…"),
        IdentityTypeLabel => ("Identity type", "身份类型"),
        AccountIdLabel => ("Account ID", "账号 ID"),
        ArnLabel => ("ARN", "ARN"),
        NoServer => (
            "No Ramp server answers: the studio works offline, but calls need `ramp serve`.",
            "没有可用的 Ramp 服务：策略工作室可离线使用，但 API 调用需要运行 `ramp serve`。",
        ),
        Show => ("Show the secret and token", "显示密钥和令牌"),
        Hide => ("Hide them", "隐藏"),
        ShownOnce => (
            "Available once: copy or download them now (the secret and token are hidden until you choose to show them). They are not stored anywhere.",
            "仅提供一次：请立即复制或下载（密钥和令牌默认隐藏，可选择显示）。它们不会被存储在任何地方。",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `en` or `zh`: for the flows' own sentences, written where they are used.
pub fn tr<'a>(lang: Lang, en: &'a str, zh: &'a str) -> &'a str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// A page's name.
pub fn route_name(lang: Lang, route: Route) -> &'static str {
    let (en, zh) = match route {
        Route::Start => ("Start", "开始"),
        Route::Teammate => ("Teammate access", "成员访问"),
        Route::TeamGroup => ("Team group", "团队用户组"),
        Route::ShareAccount => ("Share with another account", "跨账号共享"),
        Route::Studio => ("Policy studio", "策略工作室"),
        Route::Credentials => ("Credentials", "凭证"),
        Route::Workbench => ("Signature workbench", "签名工作台"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// "First difference at character N".
pub fn first_difference(lang: Lang, at: usize) -> String {
    match lang {
        Lang::En => format!("First difference at character {}.", at + 1),
        Lang::Zh => format!("首个差异位于第 {} 个字符。", at + 1),
    }
}

/// One difference, explained.
pub fn difference(lang: Lang, d: &Difference) -> String {
    match (lang, d) {
        (Lang::En, Difference::None) | (Lang::Zh, Difference::None) => t(lang, Text::Identical).to_owned(),
        (_, Difference::Text) => t(lang, Text::TextDiffers).to_owned(),
        (Lang::En, Difference::Method { ours, theirs }) => format!("HTTP method: we signed {ours}, the server received {theirs}. Send with the method you sign with."),
        (Lang::Zh, Difference::Method { ours, theirs }) => format!("请求方法：签名用的是 {ours}，服务端收到的是 {theirs}。请用签名时的方法发送。"),
        (Lang::En, Difference::MissingParam { name, value }) => format!("{name}={value}: we signed it, the server did not receive it. Send every signed parameter."),
        (Lang::Zh, Difference::MissingParam { name, value }) => format!("{name}={value}：已参与签名，但服务端没有收到。请发送所有参与签名的参数。"),
        (Lang::En, Difference::ExtraParam { name, value }) => format!("{name}={value}: the server received it, we did not sign it. Sign every parameter you send."),
        (Lang::Zh, Difference::ExtraParam { name, value }) => format!("{name}={value}：服务端收到了该参数，但它未参与签名。请对发送的所有参数签名。"),
        (Lang::En, Difference::ParamValue { name, ours, theirs }) => format!("{name}: we signed “{ours}”, the server saw “{theirs}”. Check the URL encoding of this value."),
        (Lang::Zh, Difference::ParamValue { name, ours, theirs }) => format!("{name}：签名值为“{ours}”，服务端收到“{theirs}”。请检查该值的 URL 编码。"),
        (Lang::En, Difference::Line { part, ours, theirs }) => format!("{part}: ours “{ours}”, the server's “{theirs}”."),
        (Lang::Zh, Difference::Line { part, ours, theirs }) => format!("{part}：本地为“{ours}”，服务端为“{theirs}”。"),
    }
}

// Reads the sources from disk: native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
