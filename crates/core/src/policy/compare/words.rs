//! A change in words, in English or Chinese: what the class of requests is
//! (its example and the patterns that bound it) and what it means — a gain
//! may be privilege escalation, a loss may break a running workload.

use super::{Change, Direction, Kind, Part, Value};
use crate::lang::Lang;
use crate::policy::eval::Caller;

fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .take(6)
        .map(|i| format!("`{i}`"))
        .chain((items.len() > 6).then(|| "…".to_owned()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `(matching `a`; not `b`)`, or nothing when the part names no pattern.
fn bounds(p: &Part, lang: Lang) -> String {
    let mut out = Vec::new();
    if !p.matching.is_empty() {
        out.push(pick(
            lang,
            format!("matching {}", list(&p.matching)),
            format!("符合 {}", list(&p.matching)),
        ));
    }
    if !p.not_matching.is_empty() {
        out.push(pick(
            lang,
            format!("not {}", list(&p.not_matching)),
            format!("不符合 {}", list(&p.not_matching)),
        ));
    }
    if out.is_empty() {
        String::new()
    } else {
        format!(" ({})", out.join("; "))
    }
}

/// Who a caller is.
pub fn caller(c: &Caller, lang: Lang) -> String {
    match c {
        Caller::RamUser { account_id, name } => pick(
            lang,
            format!("RAM user `{name}` of account {account_id}"),
            format!("账号 {account_id} 的 RAM 用户 `{name}`"),
        ),
        Caller::AssumedRole {
            account_id, role, ..
        } => pick(
            lang,
            format!("a session of role `{role}` of account {account_id}"),
            format!("账号 {account_id} 的角色 `{role}` 的会话"),
        ),
        Caller::Service { name } => pick(
            lang,
            format!("the cloud service `{name}`"),
            format!("云服务 `{name}`"),
        ),
        Caller::Federated { provider } => pick(
            lang,
            format!("users signed in through `{provider}`"),
            format!("通过 `{provider}` 登录的用户"),
        ),
        Caller::AccountRoot { account_id } => pick(
            lang,
            format!("the root of account {account_id}"),
            format!("账号 {account_id} 的主账号"),
        ),
    }
}

fn part(p: &Part, lang: Lang) -> String {
    let b = bounds(p, lang);
    match &p.value {
        Value::Action(a) => pick(lang, format!("`{a}`{b}"), format!("`{a}`{b}")),
        Value::Resource(r) => pick(lang, format!("on `{r}`{b}"), format!("作用于 `{r}`{b}")),
        Value::Caller(c) => format!("{}{b}", caller(c, lang)),
        Value::Key {
            key,
            value: Some(v),
        } => format!("{key} = {v}"),
        Value::Key { key, value: None } => {
            pick(lang, format!("without {key}"), format!("不带 {key}"))
        }
    }
}

/// The class of requests: "`arms:Delete` (matching `arms:*`; not `arms:Get*`) on `*`, when acs:SourceIp = 8.8.8.8".
pub fn class(change: &Change, kind: Kind, lang: Lang) -> String {
    let mut main = Vec::new();
    let mut when = Vec::new();
    for p in &change.parts {
        match (&p.value, kind) {
            (Value::Key { .. }, _) => when.push(part(p, lang)),
            // A trust policy's action is always sts:AssumeRole: name the caller only.
            (Value::Action(_), Kind::Trust) => {}
            _ => main.push(part(p, lang)),
        }
    }
    let mut s = main.join(" ");
    if !when.is_empty() {
        s += &pick(
            lang,
            format!(", when {}", when.join(", ")),
            format!("，条件 {}", when.join("，")),
        );
    }
    s
}

/// One line for a change: what moves and what it means.
pub fn line(change: &Change, kind: Kind, lang: Lang) -> String {
    let what = class(change, kind, lang);
    let statements = |v: &[usize]| {
        v.iter()
            .map(|i| format!("Statement[{i}]"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let by = statements(&change.allowed_by);
    let sure = if change.certain {
        String::new()
    } else {
        pick(
            lang,
            " — cannot decide: a condition uses an operator or value the evaluator cannot read"
                .into(),
            " —— 无法判定：条件使用了评估器无法解读的运算符或值".into(),
        )
    };
    match (change.direction, kind) {
        (Direction::Gained, Kind::Trust) => pick(
            lang,
            format!("+ can now assume the role: {what} (NEW {by}) — privilege escalation{sure}"),
            format!("+ 现在可以扮演该角色：{what}（新版 {by}）—— 权限提升{sure}"),
        ),
        (Direction::Lost, Kind::Trust) => pick(
            lang,
            format!("- can no longer assume the role: {what} (was OLD {by}) — running workloads may break{sure}"),
            format!("- 不能再扮演该角色：{what}（原为旧版 {by}）—— 运行中的工作负载可能中断{sure}"),
        ),
        (Direction::Gained, Kind::Permission) => pick(
            lang,
            format!("+ now allowed: {what} (NEW {by}) — new access{sure}"),
            format!("+ 现在被允许：{what}（新版 {by}）—— 新增权限{sure}"),
        ),
        (Direction::Lost, Kind::Permission) => pick(
            lang,
            format!("- no longer allowed: {what} (was OLD {by}) — callers relying on it will fail{sure}"),
            format!("- 不再被允许：{what}（原为旧版 {by}）—— 依赖它的调用将失败{sure}"),
        ),
    }
}

/// The verdict in one sentence.
pub fn verdict(changes: &[Change], lang: Lang) -> String {
    let gained = changes
        .iter()
        .filter(|c| c.direction == Direction::Gained)
        .count();
    let lost = changes.len() - gained;
    match (gained, lost) {
        (0, 0) => pick(
            lang,
            "Same access: NEW allows exactly what OLD allowed.".into(),
            "权限相同：新版允许的与旧版完全一致。".into(),
        ),
        (0, l) => pick(
            lang,
            format!("Nothing new: NEW grants nothing OLD did not; {l} class(es) of requests lose access."),
            format!("没有新增：新版未授予旧版之外的任何权限；{l} 类请求失去权限。"),
        ),
        (g, l) => pick(
            lang,
            format!("NEW grants access OLD did not: {g} class(es) of requests gain access, {l} lose it."),
            format!("新版授予了旧版没有的权限：{g} 类请求获得权限，{l} 类失去权限。"),
        ),
    }
}
