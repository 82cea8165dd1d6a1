//! Teammate access: one or several RAM users with console or programmatic
//! access and ARMS full or read-only, at account or resource-group scope;
//! then the review, apply, and the logon names.

pub mod model;

use yew::prelude::*;

use self::model::Draft;
use crate::components::field::Field;
use crate::components::review::Review;
use crate::i18n::{route_name, tr};
use crate::pages::flow::{
    needs_connection, use_account_facts, use_flow, ArmsLevel, FlowProps, ScopeSelect,
};
use crate::route::Route;

/// The page.
#[component]
pub fn TeammatePage(props: &FlowProps) -> Html {
    let lang = props.lang;
    let flow = use_flow::<Draft>("teammate");
    let facts = use_account_facts(props.connection.clone());
    let draft = (*flow.draft).clone();
    let on_review = flow.on_review(
        lang,
        props.connection.clone(),
        facts.alias.clone(),
        Draft::intent,
    );
    let alias_text = facts
        .alias
        .clone()
        .or_else(|| {
            props
                .connection
                .as_ref()
                .map(|c| c.identity.account_id.clone())
        })
        .unwrap_or_default();
    let rg_note = (draft.read_only && !draft.resource_group.trim().is_empty()).then(|| tr(lang,
        "Read-only at resource-group scope also needs arms:ReadTraceApp: the plan adds a custom policy granting it.",
        "资源组范围的只读权限还需要 arms:ReadTraceApp：计划会添加一个授予该权限的自定义策略。"));

    html! {
        <section class="teammate credentials" data-testid="teammate">
            <h1>{ route_name(lang, Route::Teammate) }</h1>
            { needs_connection(lang, &props.connection) }
            <form onsubmit={on_review}>
                <Field id="users" multiline=true label={tr(lang, "Users (one per line: name, or name, Display Name)", "用户（每行一个：用户名，或 用户名, 显示名称）")} value={draft.users.clone()} on_input={flow.edit(|d, v| d.users = v)} error={flow.error_for("users")} />
                <fieldset>
                    <legend>{ tr(lang, "Access", "访问方式") }</legend>
                    <label><input type="radio" name="access" data-testid="access-console" checked={draft.console} onchange={flow.toggle(|d, v| d.console = v)} />{ tr(lang, " Console (password)", " 控制台（密码）") }</label>
                    <label><input type="radio" name="access" data-testid="access-programmatic" checked={!draft.console} onchange={flow.toggle(|d, v| d.console = !v)} />{ tr(lang, " Programmatic (AccessKey)", " 编程访问（AccessKey）") }</label>
                    if draft.console {
                        <label><input type="checkbox" data-testid="reset-required" checked={draft.reset_required} onchange={flow.toggle(|d, v| d.reset_required = v)} />{ tr(lang, " Change the password at first logon", " 首次登录时修改密码") }</label>
                        <label><input type="checkbox" data-testid="mfa-required" checked={draft.mfa_required} onchange={flow.toggle(|d, v| d.mfa_required = v)} />{ tr(lang, " Bind MFA at first logon", " 首次登录时绑定 MFA") }</label>
                    }
                </fieldset>
                <ArmsLevel read_only={draft.read_only} on_change={flow.choose(|d, v| d.read_only = v)} />
                <ScopeSelect {lang} groups={facts.groups.clone()} value={draft.resource_group.clone()} on_change={flow.edit(|d, v| d.resource_group = v)} error={flow.error_for("resource-group")} />
                if let Some(note) = rg_note { <p class="notice" data-testid="read-trace-app-note">{ note }</p> }
                if let Some(m) = flow.error_for("connection").or_else(|| flow.error_for("plan")) { <p class="error" role="alert" data-testid="form-error">{ m }</p> }
                <button type="submit" data-testid="review-button">{ tr(lang, "Review the plan", "查看计划") }</button>
            </form>
            if let Some(p) = (*flow.reviewed).clone() {
                <section class="logon-names" data-testid="logon-names">
                    <h3>{ tr(lang, "Logon names", "登录名") }</h3>
                    <ul>{ for draft.users().iter().flat_map(|u| Draft::logon_names(&u.name, &alias_text)).map(|n| html! { <li><code>{ n }</code></li> }) }</ul>
                </section>
                // A new review is a new run: fresh progress, a fresh runner.
                <Review key={format!("{:p}", std::rc::Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} />
            }
        </section>
    }
}
