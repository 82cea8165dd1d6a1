//! Teammate access: one or several RAM users with console or programmatic
//! access (or both, confirmed) and ARMS full or read-only, at account or
//! resource-group scope, optionally limited to some apps; then the review,
//! apply, and the logon names. Four steps, each in the URL.

pub mod model;

use ramp_core::credentials::Secret;
use ramp_core::plan::password::{self, Strength};
use yew::prelude::*;

use ramp_core::plan::intent::ArmsAccess;

use self::model::{Draft, Mode, STEPS};
use crate::components::field::Field;
use crate::components::review::Review;
use crate::i18n::tr;
use crate::pages::apps::AppsFields;
use crate::pages::flow::{
    account, flow_page, planned_review, use_account_facts, use_flow, use_plan, ArmsLevel,
    FlowProps, ScopeSelect, StepView,
};
use crate::route::Route;

/// The page.
#[component]
pub fn TeammatePage(props: &FlowProps) -> Html {
    let lang = props.lang;
    let flow = use_flow::<Draft>("teammate", Route::Teammate, props.step.min(STEPS.len() - 1));
    let facts = use_account_facts(props.connection.clone());
    // The typed password: this component's memory only, never the draft.
    let typed = use_state(String::new);
    let draft = (*flow.draft).clone();
    let account = account(&props.connection, &facts);
    let flow = flow.checked(lang, STEPS, account.clone(), Draft::intent);
    let reviewing = flow.step == STEPS.len() - 1;
    let planned = use_plan(&draft, account.clone(), reviewing, Draft::intent);

    let policy = facts.password_policy.clone().unwrap_or_default();
    let password_problem = (flow.step == 1 && draft.console() && draft.typed_in)
        .then(|| password::unmet_rule(&policy, &typed))
        .flatten()
        .map(|(en, zh)| {
            (
                "password",
                format!("{}: {}", tr(lang, "Password", "密码"), tr(lang, &en, &zh)),
            )
        });
    let next = flow.next(
        lang,
        STEPS,
        account.clone(),
        Draft::intent,
        password_problem,
    );
    let alias_text = account
        .as_ref()
        .map(|a| a.alias.clone().unwrap_or_else(|| a.id.clone()))
        .unwrap_or_default();

    let body = match flow.step {
        0 => {
            let existing: Vec<String> = draft
                .users()
                .into_iter()
                .filter(|u| facts.users.contains(&u.name))
                .map(|u| u.name)
                .collect();
            html! {
                <>
                    <Field id="users" multiline=true label={tr(lang, "Users (one per line: name, or name, Display Name)", "用户（每行一个：用户名，或 用户名, 显示名称）")} value={draft.users.clone()} on_input={flow.edit(|d, v| d.users = v)} error={flow.error_for("users")} />
                    if !existing.is_empty() {
                        <p class="notice" data-testid="existing-users">{ format!("{} {}", tr(lang, "Already in this account:", "账号中已存在："), existing.join(", ")) }<br />{ tr(lang, "Ramp reuses a user only when it matches this plan (same display name); otherwise applying stops and explains the conflict.", "仅当已有用户与计划一致（显示名称相同）时 Ramp 才会复用；否则执行会停止并说明冲突。") }</p>
                    }
                </>
            }
        }
        1 => {
            let mode = |m: Mode| {
                flow.choose(|d, m: Mode| {
                    d.mode = m;
                    d.both_confirmed = false;
                })
                .reform(move |_: Event| m)
            };
            // Always present (empty until something is typed): the password
            // input keeps its place, and its focus, as the text appears.
            let (strength_class, strength_text) = if typed.is_empty() {
                ("", String::new())
            } else {
                let (s, bits) = password::strength(&typed);
                let (class, en, zh) = match s {
                    Strength::Weak => ("weak", "weak", "弱"),
                    Strength::Fair => ("fair", "fair", "中"),
                    Strength::Strong => ("strong", "strong", "强"),
                };
                (
                    class,
                    format!(
                        "{} {} (~{bits} bits)",
                        tr(lang, "Strength:", "强度："),
                        tr(lang, en, zh)
                    ),
                )
            };
            let on_typed = {
                let typed = typed.clone();
                Callback::from(move |v: String| typed.set(v))
            };
            html! {
                <>
                    <fieldset>
                        <legend>{ tr(lang, "How they sign in", "登录方式") }</legend>
                        <label><input type="radio" name="access" data-testid="access-console" checked={draft.mode == Mode::Console} onchange={mode(Mode::Console)} />{ tr(lang, " Console (password) — for people", " 控制台（密码）——供人员使用") }</label>
                        <label><input type="radio" name="access" data-testid="access-programmatic" checked={draft.mode == Mode::Programmatic} onchange={mode(Mode::Programmatic)} />{ tr(lang, " Programmatic (AccessKey) — for programs", " 编程访问（AccessKey）——供程序使用") }</label>
                        <label><input type="radio" name="access" data-testid="access-both" checked={draft.mode == Mode::Both} onchange={mode(Mode::Both)} />{ tr(lang, " Both", " 两者都要") }</label>
                    </fieldset>
                    // Hidden rather than removed: the radio group above keeps its focus
                    // while the choices below change.
                    <div class="notice warning" data-testid="both-warning" hidden={draft.mode != Mode::Both}>
                            <p>{ tr(lang, "Alibaba Cloud recommends one kind per user: a person signs in to the console, a program uses an AccessKey. One user with both widens what a leaked key or password reaches.", "阿里云建议每个用户只使用一种方式：人员登录控制台，程序使用 AccessKey。同一用户同时拥有两者会扩大密钥或密码泄露后的影响范围。") }</p>
                            <label class="confirm"><input type="checkbox" data-testid="both-confirmed" checked={draft.both_confirmed} onchange={flow.toggle(|d, v| d.both_confirmed = v)} />{ tr(lang, " I understand; give each user both", " 我已了解；为每个用户同时开通两者") }</label>
                            if let Some(m) = flow.error_for("both-confirmed") { <p class="error" role="alert" data-testid="both-confirmed-error">{ m }</p> }
                    </div>
                        <fieldset hidden={!draft.console()}>
                            <legend>{ tr(lang, "Console password", "控制台密码") }</legend>
                            <label><input type="radio" name="password-mode" data-testid="password-generate" checked={!draft.typed_in} onchange={flow.toggle(|d, v| d.typed_in = !v)} />{ tr(lang, " Generate one per user to the account's password policy (shown once)", " 按账号密码策略为每个用户生成（仅显示一次）") }</label>
                            <label><input type="radio" name="password-mode" data-testid="password-type" checked={draft.typed_in} onchange={flow.toggle(|d, v| d.typed_in = v)} />{ tr(lang, " Type one (kept in this tab only)", " 自行输入（仅保存在本标签页）") }</label>
                            if draft.typed_in {
                                <Field id="password" secret=true label={tr(lang, "Password", "密码")} value={(*typed).clone()} on_input={on_typed} error={flow.error_for("password").or_else(|| password::unmet_rule(&policy, &typed).filter(|_| !typed.is_empty()).map(|(en, zh)| tr(lang, &en, &zh).to_owned()))} />
                                <p class={classes!("strength", strength_class)} data-testid="password-strength" aria-live="polite">{ strength_text }</p>
                            }
                            <label class="confirm"><input type="checkbox" data-testid="reset-required" checked={draft.reset_required} onchange={flow.toggle(|d, v| d.reset_required = v)} />{ tr(lang, " Change the password at first logon", " 首次登录时修改密码") }</label>
                            <label class="confirm"><input type="checkbox" data-testid="mfa-required" checked={draft.mfa_required} onchange={flow.toggle(|d, v| d.mfa_required = v)} />{ tr(lang, " Bind MFA at first logon", " 首次登录时绑定 MFA") }</label>
                        </fieldset>
                </>
            }
        }
        2 => {
            let rg_note = (draft.arms == ArmsAccess::ReadOnly && !draft.resource_group.trim().is_empty()).then(|| tr(lang,
                "Read-only at resource-group scope also needs arms:ReadTraceApp: the plan adds a custom policy granting it.",
                "资源组范围的只读权限还需要 arms:ReadTraceApp：计划会添加一个授予该权限的自定义策略。"));
            html! {
                <>
                    <ArmsLevel {lang} value={draft.arms} on_change={flow.choose(|d, v| d.arms = v)} prometheus={draft.mode == Mode::Programmatic || matches!(draft.arms, ArmsAccess::PrometheusWrite | ArmsAccess::PrometheusRead)} />
                    <ScopeSelect {lang} groups={facts.groups.clone()} value={draft.resource_group.clone()} on_change={flow.edit(|d, v| d.resource_group = v)} error={flow.error_for("resource-group")} />
                    if let Some(note) = rg_note { <p class="notice" data-testid="read-trace-app-note">{ note }</p> }
                    <AppsFields {lang} value={draft.apps.clone()} on_change={flow.choose(|d, v| d.apps = v)} error={(*flow.error).clone()} />
                    <Field id="domain-alias" label={tr(lang, "Your account's domain alias, if it set one (optional, for the logon names)", "账号的域别名（如已设置；可选，用于显示登录名）")} value={draft.domain_alias.clone()} on_input={flow.edit(|d, v| d.domain_alias = v)} />
                </>
            }
        }
        _ => html! {},
    };

    let view = if reviewing {
        StepView::Review(planned_review(
            lang,
            &flow,
            STEPS,
            account,
            Draft::intent,
            planned,
            |p| {
                let names = draft
                    .users()
                    .iter()
                    .flat_map(|u| draft.logon_names(&u.name, &alias_text))
                    .collect::<Vec<_>>();
                let password = (draft.console() && draft.typed_in && !typed.is_empty())
                    .then(|| Secret::new(typed.as_str()));
                html! {
                    <>
                        if draft.console() {
                            <section class="logon-names" data-testid="logon-names">
                                <h3>{ tr(lang, "Logon names", "登录名") }</h3>
                                <ul>{ for names.iter().map(|n| html! { <li><code>{ n }</code></li> }) }</ul>
                            </section>
                        }
                        <Review key={format!("{:p}", std::rc::Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} {password} resource_groups={facts.groups.clone()} on_start_over={flow.restart()} />
                    </>
                }
            },
        ))
    } else {
        StepView::Form {
            key: flow.step.to_string(),
            body,
            onsubmit: next,
        }
    };
    flow_page(lang, &flow, STEPS, flow.step, &props.connection, view)
}
