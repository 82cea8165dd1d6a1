//! Change access: read the account, choose what to change — remove a
//! teammate's ARMS access or offboard them (two phases), rotate a
//! programmatic user's AccessKey, give a role a new trust policy (with who
//! gains and who loses, rehearsed in a sandbox of its own) or a policy a
//! new version — and review the plan, made from the account as read, in
//! the same review as every flow: apply, "already there", undo.

mod rehearsal;

use std::collections::BTreeSet;
use std::rc::Rc;

use ramp_core::api::ram::ListPolicyVersions;
use ramp_core::api::Operation;
use ramp_core::audit::Account;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::{
    Account as IntentAccount, ChangePolicy, ChangeTrust, OffboardPhase, Removal, RemoveAccess,
    RotateKey, RotatePhase,
};
use ramp_core::plan::{Intent, Plan};
use yew::prelude::*;

use crate::browser;
use crate::components::review::Review;
use crate::connection::Connected;
use crate::engine;
use crate::i18n::tr;
use crate::pages::access::reader;
use crate::transport;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ChangeProps {
    /// Language.
    pub lang: Lang,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

/// What to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    RevokeArms,
    Offboard,
    Rotate,
    Trust,
    Policy,
}

impl Task {
    const ALL: [Task; 5] = [
        Task::RevokeArms,
        Task::Offboard,
        Task::Rotate,
        Task::Trust,
        Task::Policy,
    ];

    fn id(self) -> &'static str {
        match self {
            Task::RevokeArms => "revoke",
            Task::Offboard => "offboard",
            Task::Rotate => "rotate",
            Task::Trust => "trust",
            Task::Policy => "policy",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Task::RevokeArms => tr(
                lang,
                "Revoke ARMS only (detach ARMS policies, leave groups that grant it)",
                "仅撤销 ARMS 权限（解除 ARMS 策略，退出授予它的用户组）",
            ),
            Task::Offboard => tr(
                lang,
                "Offboard (console logon, keys, MFA, groups, policies, the user)",
                "离职处理（控制台登录、AccessKey、MFA、用户组、策略、用户本身）",
            ),
            Task::Rotate => tr(lang, "Rotate an AccessKey", "轮换 AccessKey"),
            Task::Trust => tr(lang, "Change a role's trust policy", "修改角色的信任策略"),
            Task::Policy => tr(
                lang,
                "Change a custom policy (new version)",
                "修改自定义策略（新版本）",
            ),
        }
    }
}

/// The form.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    task: Task,
    users: BTreeSet<String>,
    phase: OffboardPhase,
    rotate_user: String,
    rotate_phase: RotatePhase,
    old_key: String,
    delete_unused: String,
    role: String,
    trust: String,
    policy: String,
    document: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            task: Task::RevokeArms,
            users: BTreeSet::new(),
            phase: OffboardPhase::Deactivate,
            rotate_user: String::new(),
            rotate_phase: RotatePhase::Create,
            old_key: String::new(),
            delete_unused: String::new(),
            role: String::new(),
            trust: String::new(),
            policy: String::new(),
            document: String::new(),
        }
    }
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Form {
    fn intent(&self, account: &Account) -> Intent {
        let a = IntentAccount {
            id: account.id.clone(),
            alias: None,
        };
        match self.task {
            Task::RevokeArms | Task::Offboard => Intent::RemoveAccess(RemoveAccess {
                account: a,
                users: self.users.iter().cloned().collect(),
                removal: if self.task == Task::Offboard {
                    Removal::Offboard
                } else {
                    Removal::RevokeArms
                },
                phase: self.phase,
            }),
            Task::Rotate => Intent::RotateKey(RotateKey {
                account: a,
                user: self.rotate_user.clone(),
                phase: self.rotate_phase,
                old_key: some(&self.old_key),
                delete_unused: some(&self.delete_unused),
            }),
            Task::Trust => Intent::ChangeTrust(ChangeTrust {
                account: a,
                role: self.role.clone(),
                trust_policy: self.trust.clone(),
            }),
            Task::Policy => Intent::ChangePolicy(ChangePolicy {
                account: a,
                policy: self.policy.clone(),
                document: self.document.clone(),
            }),
        }
    }
}

/// A policy document laid out for editing (the text as read when it does not parse).
fn pretty(text: &str) -> String {
    ramp_core::policy::parse_policy(text)
        .map(|p| ramp_core::policy::print(&p.policy))
        .unwrap_or_else(|_| text.to_owned())
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>()
        .value()
}

fn textarea_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value()
}

/// The page.
#[component]
pub fn ChangePage(props: &ChangeProps) -> Html {
    let lang = props.lang;
    let server = transport::use_server();
    let account = use_state(|| None::<Rc<Account>>);
    let reading = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // Users named by the link that opened the page (the Access page's table).
    let form = use_state(|| Form {
        users: crate::route::users_from_hash(&browser::hash())
            .into_iter()
            .collect(),
        ..Form::default()
    });
    let planned = use_state(|| None::<Result<Rc<Plan>, String>>);

    let Some(connection) = props.connection.clone() else {
        return html! {
            <section class="change" data-testid="change-page">
                <h2>{ tr(lang, "Change access", "变更访问权限") }</h2>
                <p class="help">{ tr(lang, "Sign in first (Credentials): the account is read, and changed, with your credentials.", "请先登录（凭证页）：将使用您的凭证读取并修改账号。") }</p>
            </section>
        };
    };

    let read = {
        let (account, reading, busy, server, creds) = (
            account.clone(),
            reading.clone(),
            busy.clone(),
            server.clone(),
            connection.credentials.clone(),
        );
        Callback::from(move |()| {
            busy.set(true);
            reading.set(None);
            let (account, reading, busy, server, creds) = (
                account.clone(),
                reading.clone(),
                busy.clone(),
                server.clone(),
                creds.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let cancel = Rc::new(std::cell::Cell::new(false));
                match reader::read(server, creds, lang, cancel, |_, _| {}).await {
                    Ok(a) => account.set(Some(Rc::new(a))),
                    Err(why) => reading.set(Some(why)),
                }
                busy.set(false);
            });
        })
    };

    let edit = |f: fn(&mut Form, String)| {
        let (form, planned) = (form.clone(), planned.clone());
        Callback::from(move |v: String| {
            let mut d = (*form).clone();
            f(&mut d, v);
            form.set(d);
            planned.set(None);
        })
    };

    let make_plan = {
        let (form, planned, account, server, creds) = (
            form.clone(),
            planned.clone(),
            account.clone(),
            server.clone(),
            connection.credentials.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(acct) = (*account).clone() else {
                return;
            };
            let f = (*form).clone();
            let (planned, server, creds) = (planned.clone(), server.clone(), creds.clone());
            planned.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                // A new policy version needs the policy's versions (at most five).
                let versions = if f.task == Task::Policy {
                    let call = ListPolicyVersions {
                        policy_name: f.policy.clone(),
                        policy_type: "Custom".into(),
                    };
                    let answer = match ramp_core::api::Call::from(call).request() {
                        Ok(r) => {
                            transport::send(&server, &creds, &r, ListPolicyVersions::SERVICE).await
                        }
                        Err(e) => {
                            planned.set(Some(Err(e.to_string())));
                            return;
                        }
                    };
                    match answer {
                        Ok((status, body)) if (200..300).contains(&status) => {
                            serde_json::from_str::<serde_json::Value>(&body)
                                .ok()
                                .and_then(|v| v.pointer("/PolicyVersions/PolicyVersion").cloned())
                                .unwrap_or(serde_json::Value::Array(Vec::new()))
                        }
                        Ok((status, body)) => {
                            let e = ramp_core::api::ApiError::parse(status, &body);
                            planned.set(Some(Err(format!(
                                "ListPolicyVersions: {} {}",
                                e.code, e.message
                            ))));
                            return;
                        }
                        Err(e) => {
                            planned.set(Some(Err(e.message)));
                            return;
                        }
                    }
                } else {
                    serde_json::Value::Array(Vec::new())
                };
                let intent = f.intent(&acct);
                planned.set(Some(
                    engine::plan_in(&intent, &acct, &versions, browser::now())
                        .await
                        .map(Rc::new)
                        .map_err(|e| e.message),
                ));
            });
        })
    };

    let Some(acct) = (*account).clone() else {
        return html! {
            <section class="change" data-testid="change-page">
                <h2>{ tr(lang, "Change access", "变更访问权限") }</h2>
                <p class="help">{ tr(lang, "The account is read first: each change is planned from what it holds now.", "先读取账号：每项变更都基于账号当前的内容来规划。") }</p>
                <button type="button" data-testid="change-read" disabled={*busy} onclick={read.reform(|_: MouseEvent| ())}>{ tr(lang, "Read the account", "读取账号") }</button>
                if *busy { <p class="busy" role="status" data-testid="change-reading">{ tr(lang, "Reading the account…", "正在读取账号…") }</p> }
                if let Some(r) = &*reading { <p class="error" role="alert" data-testid="change-read-error">{ r }</p> }
            </section>
        };
    };

    let f = (*form).clone();
    let tasks = Task::ALL.iter().map(|&t| {
        let (form, planned) = (form.clone(), planned.clone());
        let onchange = Callback::from(move |_: Event| {
            let mut d = (*form).clone();
            d.task = t;
            form.set(d);
            planned.set(None);
        });
        html! { <label key={t.id()} class="choice"><input type="radio" name="change-task" data-testid={format!("change-task-{}", t.id())} checked={f.task == t} {onchange} />{ " " }{ t.label(lang) }</label> }
    });

    let users: Vec<&String> = acct.users.keys().collect();
    let body = match f.task {
        Task::RevokeArms | Task::Offboard => {
            let pick = |name: String| {
                let (form, planned) = (form.clone(), planned.clone());
                Callback::from(move |e: Event| {
                    let mut d = (*form).clone();
                    if e.target_unchecked_into::<web_sys::HtmlInputElement>()
                        .checked()
                    {
                        d.users.insert(name.clone());
                    } else {
                        d.users.remove(&name);
                    }
                    form.set(d);
                    planned.set(None);
                })
            };
            html! {
                <>
                    <fieldset data-testid="change-users">
                        <legend>{ tr(lang, "Users", "用户") }</legend>
                        { for users.iter().map(|u| html! {
                            <label key={(*u).clone()} class="confirm"><input type="checkbox" data-testid={format!("change-user-{u}")} checked={f.users.contains(*u)} onchange={pick((*u).clone())} />{ format!(" {u}") }</label>
                        }) }
                    </fieldset>
                    if f.task == Task::Offboard {
                        <label>{ tr(lang, "Phase", "阶段") }
                            <select data-testid="change-phase" onchange={edit(|d, v| d.phase = match v.as_str() { "delete" => OffboardPhase::Delete, "at-once" => OffboardPhase::AtOnce, _ => OffboardPhase::Deactivate }).reform(|e: Event| select_value(&e))}>
                                <option value="deactivate" selected={f.phase == OffboardPhase::Deactivate}>{ tr(lang, "1. Deactivate (reversible): console logon off, keys inactive", "1. 停用（可撤销）：关闭控制台登录，停用 AccessKey") }</option>
                                <option value="delete" selected={f.phase == OffboardPhase::Delete}>{ tr(lang, "2. Delete, after the wait: keys, password, MFA, groups, policies, the user", "2. 等待期后删除：AccessKey、密码、MFA、用户组、策略、用户") }</option>
                                <option value="at-once" selected={f.phase == OffboardPhase::AtOnce}>{ tr(lang, "Both at once", "一次完成两个阶段") }</option>
                            </select>
                        </label>
                    }
                </>
            }
        }
        Task::Rotate => {
            let keys = acct
                .users
                .get(&f.rotate_user)
                .map(|u| u.keys.clone())
                .unwrap_or_default();
            html! {
                <>
                    <label>{ tr(lang, "User", "用户") }
                        <select data-testid="change-rotate-user" onchange={edit(|d, v| { d.rotate_user = v; d.old_key.clear(); d.delete_unused.clear(); }).reform(|e: Event| select_value(&e))}>
                            <option value="" selected={f.rotate_user.is_empty()}>{ tr(lang, "Choose a user", "选择用户") }</option>
                            { for users.iter().filter(|u| !acct.users[**u].keys.is_empty()).map(|u| html! { <option value={(*u).clone()} selected={&f.rotate_user == *u}>{ *u }</option> }) }
                        </select>
                    </label>
                    if !keys.is_empty() {
                        <table class="keys" data-testid="change-keys">
                            <thead><tr><th>{ "AccessKey" }</th><th>{ tr(lang, "Status", "状态") }</th><th>{ tr(lang, "Created", "创建时间") }</th><th>{ tr(lang, "Last used", "最后使用") }</th></tr></thead>
                            <tbody>{ for keys.iter().map(|k| html! {
                                <tr data-testid={format!("key-{}", k.id)}><td><code>{ &k.id }</code></td><td data-testid={format!("key-{}-status", k.id)}>{ &k.status }</td><td>{ k.created.clone().unwrap_or_default() }</td><td data-testid={format!("key-{}-last-used", k.id)}>{ k.last_used.clone().unwrap_or_else(|| tr(lang, "never", "从未").into()) }</td></tr>
                            }) }</tbody>
                        </table>
                        <button type="button" class="small" data-testid="change-refresh" onclick={read.reform(|_: MouseEvent| ())}>{ tr(lang, "Refresh last use", "刷新最后使用时间") }</button>
                    }
                    <label>{ tr(lang, "Phase", "阶段") }
                        <select data-testid="change-rotate-phase" onchange={edit(|d, v| d.rotate_phase = match v.as_str() { "deactivate" => RotatePhase::Deactivate, "delete" => RotatePhase::Delete, _ => RotatePhase::Create }).reform(|e: Event| select_value(&e))}>
                            <option value="create" selected={f.rotate_phase == RotatePhase::Create}>{ tr(lang, "1. Create the new key (shown once)", "1. 创建新 AccessKey（仅显示一次）") }</option>
                            <option value="deactivate" selected={f.rotate_phase == RotatePhase::Deactivate}>{ tr(lang, "2. The new key is deployed: deactivate the old one", "2. 新 AccessKey 已部署：停用旧的") }</option>
                            <option value="delete" selected={f.rotate_phase == RotatePhase::Delete}>{ tr(lang, "3. Nothing broke: delete the old key", "3. 一切正常：删除旧 AccessKey") }</option>
                        </select>
                    </label>
                    if f.rotate_phase != RotatePhase::Create {
                        <label>{ tr(lang, "The old key", "旧 AccessKey") }
                            <select data-testid="change-old-key" onchange={edit(|d, v| d.old_key = v).reform(|e: Event| select_value(&e))}>
                                <option value="" selected={f.old_key.is_empty()}>{ tr(lang, "The older of two", "两个中较早的那个") }</option>
                                { for keys.iter().map(|k| html! { <option value={k.id.clone()} selected={f.old_key == k.id}>{ &k.id }</option> }) }
                            </select>
                        </label>
                    } else if keys.len() >= 2 {
                        <label>{ tr(lang, "Two keys already: delete this unused one first (cannot be undone)", "已有两个 AccessKey：先删除这个未使用的（不可撤销）") }
                            <select data-testid="change-delete-unused" onchange={edit(|d, v| d.delete_unused = v).reform(|e: Event| select_value(&e))}>
                                <option value="" selected={f.delete_unused.is_empty()}>{ tr(lang, "None", "不删除") }</option>
                                { for keys.iter().map(|k| html! { <option value={k.id.clone()} selected={f.delete_unused == k.id}>{ format!("{} ({})", k.id, k.last_used.clone().unwrap_or_else(|| tr(lang, "never used", "从未使用").into())) }</option> }) }
                            </select>
                        </label>
                    }
                </>
            }
        }
        Task::Trust => {
            let on_role = {
                let (form, planned, acct) = (form.clone(), planned.clone(), acct.clone());
                Callback::from(move |e: Event| {
                    let mut d = (*form).clone();
                    d.role = select_value(&e);
                    d.trust = acct
                        .roles
                        .get(&d.role)
                        .map(|r| pretty(&r.trust_policy))
                        .unwrap_or_default();
                    form.set(d);
                    planned.set(None);
                })
            };
            html! {
                <>
                    <label>{ tr(lang, "Role", "角色") }
                        <select data-testid="change-role" onchange={on_role}>
                            <option value="" selected={f.role.is_empty()}>{ tr(lang, "Choose a role", "选择角色") }</option>
                            { for acct.roles.iter().filter(|(_, r)| !r.service_linked).map(|(n, _)| html! { <option value={n.clone()} selected={&f.role == n}>{ n }</option> }) }
                        </select>
                    </label>
                    if !f.role.is_empty() {
                        <label>{ tr(lang, "The new trust policy (edit the current one)", "新的信任策略（在当前策略上修改）") }
                            <textarea class="code" rows="14" spellcheck="false" data-testid="change-trust-text" value={f.trust.clone()} oninput={edit(|d, v| d.trust = v).reform(|e: InputEvent| textarea_value(&e))} />
                        </label>
                    }
                </>
            }
        }
        Task::Policy => {
            let on_policy = {
                let (form, planned, acct) = (form.clone(), planned.clone(), acct.clone());
                Callback::from(move |e: Event| {
                    let mut d = (*form).clone();
                    d.policy = select_value(&e);
                    d.document = acct
                        .document(ramp_core::audit::account::PolicyType::Custom, &d.policy)
                        .and_then(|p| p.document.as_deref())
                        .map(pretty)
                        .unwrap_or_default();
                    form.set(d);
                    planned.set(None);
                })
            };
            let customs: Vec<&String> = acct
                .policies
                .iter()
                .filter(|p| p.policy_type == ramp_core::audit::account::PolicyType::Custom)
                .map(|p| &p.name)
                .collect();
            html! {
                <>
                    <label>{ tr(lang, "Custom policy", "自定义策略") }
                        <select data-testid="change-policy" onchange={on_policy}>
                            <option value="" selected={f.policy.is_empty()}>{ tr(lang, "Choose a policy", "选择策略") }</option>
                            { for customs.iter().map(|n| html! { <option value={(*n).clone()} selected={&f.policy == *n}>{ *n }</option> }) }
                        </select>
                    </label>
                    if !f.policy.is_empty() {
                        <label>{ tr(lang, "The new version (edit the current one)", "新版本（在当前版本上修改）") }
                            <textarea class="code" rows="14" spellcheck="false" data-testid="change-policy-text" value={f.document.clone()} oninput={edit(|d, v| d.document = v).reform(|e: InputEvent| textarea_value(&e))} />
                        </label>
                    }
                </>
            }
        }
    };

    let review = match &*planned {
        None => html! {},
        Some(Err(why)) => {
            html! { <p class="error" role="alert" data-testid="change-error">{ why }</p> }
        }
        Some(Ok(p)) => {
            let reread = read.clone();
            html! {
                <>
                    if f.task == Task::Trust {
                        <rehearsal::Rehearse {lang} account={acct.id.clone()} role={f.role.clone()} old={acct.roles.get(&f.role).map(|r| r.trust_policy.clone()).unwrap_or_default()} new={f.trust.clone()} />
                    }
                    <Review key={format!("{:p}", Rc::as_ptr(p))} {lang} plan={p.clone()} connection={props.connection.clone()} undoable=true on_applied={reread.reform(|()| ())} />
                </>
            }
        }
    };

    html! {
        <section class="change" data-testid="change-page">
            <h2>{ tr(lang, "Change access", "变更访问权限") }</h2>
            <p class="help">{ format!("{} {} ", tr(lang, "Account", "账号"), acct.id) }
                <button type="button" class="small" data-testid="change-reread" onclick={read.reform(|_: MouseEvent| ())}>{ tr(lang, "Read again", "重新读取") }</button>
            </p>
            if *busy { <p class="busy" role="status" data-testid="change-reading">{ tr(lang, "Reading the account…", "正在读取账号…") }</p> }
            if let Some(r) = &*reading { <p class="error" role="alert" data-testid="change-read-error">{ r }</p> }
            <fieldset data-testid="change-tasks"><legend>{ tr(lang, "What to change", "变更内容") }</legend>{ for tasks }</fieldset>
            { body }
            <div class="actions"><button class="primary" data-testid="change-plan" onclick={make_plan}>{ tr(lang, "Plan the change", "生成变更计划") }</button></div>
            { review }
        </section>
    }
}
