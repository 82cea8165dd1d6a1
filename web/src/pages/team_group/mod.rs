//! Team group: create a user group, attach the ARMS policy once (account or
//! resource-group scope, optionally limited to some apps), add existing and
//! new members; then review and apply. Four steps, each in the URL.

pub mod model;

use yew::prelude::*;

use ramp_core::plan::intent::ArmsAccess;

use self::model::{Draft, STEPS};
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
pub fn TeamGroupPage(props: &FlowProps) -> Html {
    let lang = props.lang;
    let flow = use_flow::<Draft>(
        "team-group",
        Route::TeamGroup,
        props.step.min(STEPS.len() - 1),
    );
    let facts = use_account_facts(props.connection.clone());
    let draft = (*flow.draft).clone();
    let account = account(&props.connection, &facts);
    let flow = flow.checked(lang, STEPS, account.clone(), Draft::intent);
    let reviewing = flow.step == STEPS.len() - 1;
    let planned = use_plan(&draft, account.clone(), reviewing, Draft::intent);
    let next = flow.next(lang, STEPS, account.clone(), Draft::intent, None);
    let member = |name: String| {
        let draft = flow.draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            if e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked()
            {
                d.members.insert(name.clone());
            } else {
                d.members.remove(&name);
            }
            draft.set(d);
        })
    };

    let body = match flow.step {
        0 => html! {
            <>
                <Field id="group" label={tr(lang, "Group name", "用户组名称")} value={draft.group.clone()} on_input={flow.edit(|d, v| d.group = v)} error={flow.error_for("group")} />
                <Field id="comments" label={tr(lang, "Comments (optional)", "备注（可选）")} value={draft.comments.clone()} on_input={flow.edit(|d, v| d.comments = v)} error={flow.error_for("comments")} />
            </>
        },
        1 => html! {
            <>
                <ArmsLevel {lang} value={if draft.read_only { ArmsAccess::ReadOnly } else { ArmsAccess::Full }} on_change={flow.choose(|d, v: ArmsAccess| d.read_only = v == ArmsAccess::ReadOnly)} />
                <ScopeSelect {lang} groups={facts.groups.clone()} value={draft.resource_group.clone()} on_change={flow.edit(|d, v| d.resource_group = v)} error={flow.error_for("resource-group")} />
                <AppsFields {lang} value={draft.apps.clone()} on_change={flow.choose(|d, v| d.apps = v)} error={(*flow.error).clone()} />
            </>
        },
        2 => html! {
            <>
                <fieldset data-testid="members">
                    <legend>{ tr(lang, "Existing users", "已有用户") }</legend>
                    if facts.users.is_empty() {
                        <p class="note">{ tr(lang, "No users in this account yet (or not signed in).", "该账号还没有用户（或尚未登录）。") }</p>
                    }
                    { for facts.users.iter().map(|u| html! {
                        <label key={u.clone()} class="confirm"><input type="checkbox" data-testid={format!("member-{u}")} checked={draft.members.contains(u)} onchange={member(u.clone())} />{ format!(" {u}") }</label>
                    }) }
                </fieldset>
                <Field id="new-members" multiline=true label={tr(lang, "New users to create and add (one per line: name, or name, Display Name; each gets a console password, shown once)", "要创建并加入的新用户（每行一个：用户名，或 用户名, 显示名称；每人生成一个控制台密码，仅显示一次）")} value={draft.new_members.clone()} on_input={flow.edit(|d, v| d.new_members = v)} error={flow.error_for("new-members")} />
            </>
        },
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
                html! {
                    <Review key={format!("{:p}", std::rc::Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} resource_groups={facts.groups.clone()} on_start_over={flow.restart()} />
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
