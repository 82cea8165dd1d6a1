//! Team group: create a user group, attach the ARMS policy once (account or
//! resource-group scope), add members from the account's users; then review
//! and apply.

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
pub fn TeamGroupPage(props: &FlowProps) -> Html {
    let lang = props.lang;
    let flow = use_flow::<Draft>("team-group");
    let facts = use_account_facts(props.connection.clone());
    let draft = (*flow.draft).clone();
    let on_review = flow.on_review(
        lang,
        props.connection.clone(),
        facts.alias.clone(),
        Draft::intent,
    );
    let member = |name: String| {
        let (draft, reviewed) = (flow.draft.clone(), flow.reviewed.clone());
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
            reviewed.set(None);
        })
    };

    html! {
        <section class="team-group credentials" data-testid="team-group">
            <h1>{ route_name(lang, Route::TeamGroup) }</h1>
            { needs_connection(lang, &props.connection) }
            <form onsubmit={on_review}>
                <Field id="group" label={tr(lang, "Group name", "用户组名称")} value={draft.group.clone()} on_input={flow.edit(|d, v| d.group = v)} error={flow.error_for("group")} />
                <Field id="comments" label={tr(lang, "Comments (optional)", "备注（可选）")} value={draft.comments.clone()} on_input={flow.edit(|d, v| d.comments = v)} error={flow.error_for("comments")} />
                <ArmsLevel read_only={draft.read_only} on_change={flow.choose(|d, v| d.read_only = v)} />
                <ScopeSelect {lang} groups={facts.groups.clone()} value={draft.resource_group.clone()} on_change={flow.edit(|d, v| d.resource_group = v)} error={flow.error_for("resource-group")} />
                <fieldset data-testid="members">
                    <legend>{ tr(lang, "Members (existing users)", "成员（已有用户）") }</legend>
                    { for facts.users.iter().map(|u| html! {
                        <label key={u.clone()}><input type="checkbox" data-testid={format!("member-{u}")} checked={draft.members.contains(u)} onchange={member(u.clone())} />{ format!(" {u}") }</label>
                    }) }
                </fieldset>
                if let Some(m) = flow.error_for("connection").or_else(|| flow.error_for("plan")) { <p class="error" role="alert" data-testid="form-error">{ m }</p> }
                <button type="submit" data-testid="review-button">{ tr(lang, "Review the plan", "查看计划") }</button>
            </form>
            if let Some(p) = (*flow.reviewed).clone() {
                // A new review is a new run: fresh progress, a fresh runner.
                <Review key={format!("{:p}", std::rc::Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} />
            }
        </section>
    }
}
