//! Teammate access: one or several RAM users with console or programmatic
//! access and ARMS full or read-only, at account or resource-group scope;
//! then the review, apply, and the logon names.

pub mod model;

use std::rc::Rc;

use ramp_core::api::ram::GetAccountAlias;
use ramp_core::api::rm::ListResourceGroups;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::Account;
use ramp_core::plan::{plan, Plan, PlanError};
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
pub struct TeammateProps {
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

fn plan_error(lang: Lang, e: &PlanError) -> String {
    use ramp_core::lang::Localized;
    e.message(lang)
}

/// The page.
#[component]
pub fn TeammatePage(props: &TeammateProps) -> Html {
    let lang = props.lang;
    let draft = use_state(|| {
        browser::load_draft("teammate")
            .and_then(|t| serde_json::from_str::<Draft>(&t).ok())
            .unwrap_or_default()
    });
    let alias = use_state(|| None::<String>);
    let groups = use_state(Vec::<(String, String)>::new);
    let reviewed = use_state(|| None::<Rc<Plan>>);
    let error = use_state(|| None::<(&'static str, String)>);

    // The account's alias and resource groups, once connected.
    {
        let (alias, groups) = (alias.clone(), groups.clone());
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
                });
            }
        });
    }
    // Every change is kept (names only; no secret in the draft).
    use_effect_with((*draft).clone(), |d| {
        if let Ok(text) = serde_json::to_string(d) {
            browser::save_draft("teammate", &text);
        }
    });

    let update = |f: fn(&mut Draft, String)| {
        let (draft, reviewed) = (draft.clone(), reviewed.clone());
        Callback::from(move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            reviewed.set(None);
        })
    };
    let toggle = |f: fn(&mut Draft, bool)| {
        let (draft, reviewed) = (draft.clone(), reviewed.clone());
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            f(
                &mut d,
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            );
            draft.set(d);
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
            match draft.intent(account, lang) {
                Ok(intent) => match plan(&intent) {
                    Ok(p) => {
                        error.set(None);
                        reviewed.set(Some(Rc::new(p)));
                    }
                    Err(e) => error.set(Some(("plan", plan_error(lang, &e)))),
                },
                Err(e) => error.set(Some((e.field, e.message))),
            }
        })
    };
    let error_for = |field: &str| {
        error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };
    let alias_text = (*alias)
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
            if props.connection.is_none() {
                <p class="notice" data-testid="needs-connection">{ tr(lang, "Sign in on the Credentials page first; the draft below is kept meanwhile.", "请先在“凭证”页面登录；下方草稿会被保留。") }</p>
            }
            <form onsubmit={on_review}>
                <Field id="users" multiline=true label={tr(lang, "Users (one per line: name, or name, Display Name)", "用户（每行一个：用户名，或 用户名, 显示名称）")} value={draft.users.clone()} on_input={update(|d, v| d.users = v)} error={error_for("users")} />
                <fieldset>
                    <legend>{ tr(lang, "Access", "访问方式") }</legend>
                    <label><input type="radio" name="access" data-testid="access-console" checked={draft.console} onchange={toggle(|d, v| d.console = v)} />{ tr(lang, " Console (password)", " 控制台（密码）") }</label>
                    <label><input type="radio" name="access" data-testid="access-programmatic" checked={!draft.console} onchange={toggle(|d, v| d.console = !v)} />{ tr(lang, " Programmatic (AccessKey)", " 编程访问（AccessKey）") }</label>
                    if draft.console {
                        <label><input type="checkbox" data-testid="reset-required" checked={draft.reset_required} onchange={toggle(|d, v| d.reset_required = v)} />{ tr(lang, " Change the password at first logon", " 首次登录时修改密码") }</label>
                        <label><input type="checkbox" data-testid="mfa-required" checked={draft.mfa_required} onchange={toggle(|d, v| d.mfa_required = v)} />{ tr(lang, " Bind MFA at first logon", " 首次登录时绑定 MFA") }</label>
                    }
                </fieldset>
                <fieldset>
                    <legend>{ "ARMS" }</legend>
                    <label><input type="radio" name="arms" data-testid="arms-read-only" checked={draft.read_only} onchange={toggle(|d, v| d.read_only = v)} />{ " AliyunARMSReadOnlyAccess" }</label>
                    <label><input type="radio" name="arms" data-testid="arms-full" checked={!draft.read_only} onchange={toggle(|d, v| d.read_only = !v)} />{ " AliyunARMSFullAccess" }</label>
                </fieldset>
                <div class="field">
                    <label for="resource-group">{ tr(lang, "Scope", "授权范围") }</label>
                    <select id="resource-group" data-testid="resource-group" onchange={update(|d, v| d.resource_group = v).reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())}>
                        <option value="" selected={draft.resource_group.is_empty()}>{ tr(lang, "The whole account", "整个账号") }</option>
                        { for groups.iter().map(|(id, name)| html! { <option value={id.clone()} selected={draft.resource_group == *id}>{ format!("{name} ({id})") }</option> }) }
                    </select>
                    if let Some(m) = error_for("resource-group") { <p class="error" role="alert">{ m }</p> }
                </div>
                if let Some(note) = rg_note { <p class="notice" data-testid="read-trace-app-note">{ note }</p> }
                if let Some(m) = error_for("connection").or_else(|| error_for("plan")) { <p class="error" role="alert" data-testid="form-error">{ m }</p> }
                <button type="submit" data-testid="review-button">{ tr(lang, "Review the plan", "查看计划") }</button>
            </form>
            if let Some(p) = (*reviewed).clone() {
                <section class="logon-names" data-testid="logon-names">
                    <h3>{ tr(lang, "Logon names", "登录名") }</h3>
                    <ul>{ for draft.users().iter().flat_map(|u| Draft::logon_names(&u.name, &alias_text)).map(|n| html! { <li><code>{ n }</code></li> }) }</ul>
                </section>
                // A new review is a new run: fresh progress, a fresh runner.
                <Review key={format!("{:p}", Rc::as_ptr(&p))} {lang} plan={p.clone()} connection={props.connection.clone()} />
            }
        </section>
    }
}
