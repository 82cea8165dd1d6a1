//! How the app speaks both languages: each string a user sees is written
//! once, as an English–Chinese pair where it is used — `tr(lang, "…", "…")`
//! for fixed text, a `match lang` with both arms for text with values in it
//! (the compiler then refuses a missing language). `tests.rs` fails when a
//! pair's Chinese is missing, empty or the English copied over. What several
//! pages say the same way (page names, signature differences) lives here.

use ramp_core::diff::Difference;
use ramp_core::lang::Lang;

use crate::route::Route;

/// The English or the Chinese of a pair.
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
        Route::Access => ("Access review", "访问审查"),
        Route::Change => ("Change access", "变更访问权限"),
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
        (Lang::En, Difference::None) | (Lang::Zh, Difference::None) => tr(lang, "Identical: the server signs the same string. If it still rejects the request, check the AccessKey secret.", "完全一致：服务端签名的字符串相同。若仍被拒绝，请检查 AccessKey Secret。").to_owned(),
        (_, Difference::Text) => tr(lang, "The texts differ (see the first difference). For V3, paste the canonical request to see which part differs.", "文本不同（见首个差异位置）。V3 请粘贴规范化请求以查看具体差异部分。").to_owned(),
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
