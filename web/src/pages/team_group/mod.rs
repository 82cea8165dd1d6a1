//! Team group: create a user group, attach the ARMS policy once (account or
//! resource-group scope), add members from the account's users; then review
//! and apply.

pub mod model;

use std::rc::Rc;

use ramp_core::api::ram::{GetAccountAlias, ListUsers};
use ramp_core::api::rm::ListResourceGroups;
use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::intent::Account;
use ramp_core::plan::{plan, Plan};
use yew::prelude::*;

use self::model::Draft;
use crate::browser;
use crate::components::field::Field;
use crate::components::review::Review;
use crate::connection::Connected;
use crate::i18n::route_name;
use crate::route::Route;
use crate::transport;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct TeamGroupProps {
    /// Language.
    pub lang: Lang,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// The page.
#[component]
pub fn TeamGroupPage(props: &TeamGroupProps) -> Html {
    let lang = props.lang;
    let draft = use_state(|| {
        browser::load_draft("team-group")
            .and_then(|t| serde_json::from_str::<Draft>(&t).ok())
            .unwrap_or_default()
    });
    let alias = use_state(|| None::<String>);
    let groups = use_state(Vec::<(String, String)>::new);
    let users = use_state(Vec::<String>::new);
    let reviewed = use_state(|| None::<Rc<Plan>>);
    let error = use_state(|| None::<(&'static str, String)>);

    {
        let (alias, groups, users) = (alias.clone(), groups.clone(), users.clone());
        use_effect_with(props.connection.clone(), move |connection| {
            if let Some(c) = connection.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(a) = transport::call(&c.credentials, &GetAccountAlias {}).await {
                        alias.set(Some(a.account_alias));
                    }
                    if let Ok(r) = transport::call(
                        &c.credentials,
                        &ListResourceGroups {
                            page_size: Some(100),
                            ..Default::default()
                        },
                    )
                    .await
                    {
                        groups.set(
                            r.resource_groups
                                .0
                                .into_iter()
                                .map(|g| (g.id, g.name))
                                .collect(),
                        );
                    }
                    if let Ok(r) = transport::call(
                        &c.credentials,
                        &ListUsers {
                            max_items: Some(1000),
                            ..Default::default()
                        },
                    )
                    .await
                    {
                        users.set(r.users.0.into_iter().map(|u| u.user_name).collect());
                    }
                });
            }
        });
    }
    use_effect_with((*draft).clone(), |d| {
        if let Ok(text) = serde_json::to_string(d) {
            browser::save_draft("team-group", &text);
        }
    });

    let edit = |f: fn(&mut Draft, String)| {
        let (draft, reviewed) = (draft.clone(), reviewed.clone());
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            reviewed.set(None);
        })
    };
    let member = |name: String| {
        let (draft, reviewed) = (draft.clone(), reviewed.clone());
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
    let level = |read_only: bool| {
        let (draft, reviewed) = (draft.clone(), reviewed.clone());
        Callback::from(move |_: Event| {
            draft.set(Draft {
                read_only,
                ..(*draft).clone()
            });
            reviewed.set(None);
        })
    };
    let on_review = {
        let (draft, reviewed, error, connection, alias) = (
            draft.clone(),
            reviewed.clone(),
            error.clone(),
            props.connection.clone(),
            alias.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(c) = &connection else {
                error.set(Some((
                    "connection",
                    tr(
                        lang,
                        "Sign in first (Credentials page): the plan runs in your account.",
                        "请先登录（凭证页面）：计划在您的账号中执行。",
                    )
                    .to_owned(),
                )));
                return;
            };
            let account = Account {
                id: c.identity.account_id.clone(),
                alias: (*alias).clone(),
            };
            match draft
                .intent(account, lang)
                .map_err(|e| (e.field, e.message))
                .and_then(|i| plan(&i).map_err(|e| ("plan", e.message(lang))))
            {
                Ok(p) => {
                    error.set(None);
                    reviewed.set(Some(Rc::new(p)));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let error_for = |field: &str| {
        error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };

    html! {
        <section class="team-group credentials" data-testid="team-group">
            <h1>{ route_name(lang, Route::TeamGroup) }</h1>
            if props.connection.is_none() {
                <p class="notice" data-testid="needs-connection">{ tr(lang, "Sign in on the Credentials page first; the draft below is kept meanwhile.", "请先在“凭证”页面登录；下方草稿会被保留。") }</p>
            }
            <form onsubmit={on_review}>
                <Field id="group" label={tr(lang, "Group name", "用户组名称")} value={draft.group.clone()} on_input={edit(|d, v| d.group = v)} error={error_for("group")} />
                <Field id="comments" label={tr(lang, "Comments (optional)", "备注（可选）")} value={draft.comments.clone()} on_input={edit(|d, v| d.comments = v)} error={error_for("comments")} />
                <fieldset>
                    <legend>{ "ARMS" }</legend>
                    <label><input type="radio" name="arms" data-testid="arms-read-only" checked={draft.read_only} onchange={level(true)} />{ " AliyunARMSReadOnlyAccess" }</label>
                    <label><input type="radio" name="arms" data-testid="arms-full" checked={!draft.read_only} onchange={level(false)} />{ " AliyunARMSFullAccess" }</label>
                </fieldset>
                <div class="field">
                    <label for="resource-group">{ tr(lang, "Scope", "授权范围") }</label>
                    <select id="resource-group" data-testid="resource-group" onchange={edit(|d, v| d.resource_group = v).reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())}>
                        <option value="" selected={draft.resource_group.is_empty()}>{ tr(lang, "The whole account", "整个账号") }</option>
                        { for groups.iter().map(|(id, name)| html! { <option value={id.clone()} selected={draft.resource_group == *id}>{ format!("{name} ({id})") }</option> }) }
                    </select>
                    if let Some(m) = error_for("resource-group") { <p class="error" role="alert">{ m }</p> }
                </div>
                <fieldset data-testid="members">
                    <legend>{ tr(lang, "Members (existing users)", "成员（已有用户）") }</legend>
                    { for users.iter().map(|u| html! {
                        <label key={u.clone()}><input type="checkbox" data-testid={format!("member-{u}")} checked={draft.members.contains(u)} onchange={member(u.clone())} />{ format!(" {u}") }</label>
                    }) }
                </fieldset>
                if let Some(m) = error_for("connection").or_else(|| error_for("plan")) { <p class="error" role="alert" data-testid="form-error">{ m }</p> }
                <button type="submit" data-testid="review-button">{ tr(lang, "Review the plan", "查看计划") }</button>
            </form>
            if let Some(p) = (*reviewed).clone() {
                // A new review is a new run: fresh progress, a fresh runner.
                <Review key={format!("{:p}", Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} />
            }
        </section>
    }
}
