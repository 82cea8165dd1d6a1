//! What every flow page shares: the draft kept locally (names only), the
//! facts about the signed-in account (alias, resource groups, users), the
//! form's edit callbacks, turning the draft into a reviewed plan, and the
//! scope picker.

use std::rc::Rc;

use ramp_core::api::ram::{GetAccountAlias, ListUsers};
use ramp_core::api::rm::ListResourceGroups;
use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::intent::{Account, Intent};
use ramp_core::plan::{plan, Plan};
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use crate::browser;
use crate::connection::Connected;
use crate::i18n::tr;
use crate::pages::draft::DraftError;
use crate::transport;

/// The properties every flow page takes.
#[derive(Debug, Properties, PartialEq)]
pub struct FlowProps {
    /// Language.
    pub lang: Lang,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

/// What the signed-in account holds that the forms offer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFacts {
    /// The account alias.
    pub alias: Option<String>,
    /// Resource groups: `(id, name)`.
    pub groups: Vec<(String, String)>,
    /// RAM user names.
    pub users: Vec<String>,
}

/// Reads the account's alias, resource groups and users once signed in.
#[hook]
pub fn use_account_facts(connection: Option<Connected>) -> AccountFacts {
    let facts = use_state(AccountFacts::default);
    {
        let facts = facts.clone();
        use_effect_with(connection, move |connection| {
            if let Some(c) = connection.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let creds = &c.credentials;
                    let alias = transport::call(creds, &GetAccountAlias {})
                        .await
                        .ok()
                        .map(|a| a.account_alias);
                    let groups = transport::call(
                        creds,
                        &ListResourceGroups {
                            page_size: Some(100),
                            ..Default::default()
                        },
                    )
                    .await
                    .map(|r| {
                        r.resource_groups
                            .0
                            .into_iter()
                            .map(|g| (g.id, g.name))
                            .collect()
                    })
                    .unwrap_or_default();
                    let users = transport::call(
                        creds,
                        &ListUsers {
                            max_items: Some(1000),
                            ..Default::default()
                        },
                    )
                    .await
                    .map(|r| r.users.0.into_iter().map(|u| u.user_name).collect())
                    .unwrap_or_default();
                    facts.set(AccountFacts {
                        alias,
                        groups,
                        users,
                    });
                });
            }
        });
    }
    (*facts).clone()
}

/// A flow's form state: the draft (kept in localStorage as `ramp.draft.<name>`
/// on every change — names and choices only), the reviewed plan, the error.
#[derive(Debug)]
pub struct Flow<T: Clone + PartialEq + 'static> {
    /// The draft.
    pub draft: UseStateHandle<T>,
    /// The plan under review.
    pub reviewed: UseStateHandle<Option<Rc<Plan>>>,
    /// The form's error: field and message.
    pub error: UseStateHandle<Option<(&'static str, String)>>,
}

/// The flow state of the page `name`.
#[hook]
pub fn use_flow<T>(name: &'static str) -> Flow<T>
where
    T: Clone + PartialEq + Default + Serialize + DeserializeOwned + 'static,
{
    let draft = use_state(|| {
        browser::load_draft(name)
            .and_then(|t| serde_json::from_str::<T>(&t).ok())
            .unwrap_or_default()
    });
    use_effect_with((*draft).clone(), move |d| {
        if let Ok(text) = serde_json::to_string(d) {
            browser::save_draft(name, &text);
        }
    });
    Flow {
        draft,
        reviewed: use_state(|| None),
        error: use_state(|| None),
    }
}

impl<T: Clone + PartialEq + 'static> Flow<T> {
    /// Changes the draft with a chosen value (and drops the review).
    pub fn choose<V: 'static>(&self, f: fn(&mut T, V)) -> Callback<V> {
        let (draft, reviewed) = (self.draft.clone(), self.reviewed.clone());
        Callback::from(move |v: V| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            reviewed.set(None);
        })
    }

    /// Changes the draft with a text input's value.
    pub fn edit(&self, f: fn(&mut T, String)) -> Callback<String> {
        self.choose(f)
    }

    /// Changes the draft with a checkbox's or radio button's state.
    pub fn toggle(&self, f: fn(&mut T, bool)) -> Callback<Event> {
        self.choose(f).reform(|e: Event| {
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked()
        })
    }

    /// The error of `field`, if that is the field in error.
    pub fn error_for(&self, field: &str) -> Option<String> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }

    /// Submitting the form: the draft becomes an intent for the signed-in
    /// account, then a plan to review — or the error names the field.
    pub fn on_review(
        &self,
        lang: Lang,
        connection: Option<Connected>,
        alias: Option<String>,
        intent: fn(&T, Account, Lang) -> Result<Intent, DraftError>,
    ) -> Callback<SubmitEvent> {
        let (draft, reviewed, error) = (
            self.draft.clone(),
            self.reviewed.clone(),
            self.error.clone(),
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
                alias: alias.clone(),
            };
            match intent(&draft, account, lang)
                .map_err(DraftError::pair)
                .and_then(|i| plan(&i).map_err(|e| ("plan", e.message(lang))))
            {
                Ok(p) => {
                    error.set(None);
                    reviewed.set(Some(Rc::new(p)));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    }
}

/// Scope picker properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ScopeProps {
    /// Language.
    pub lang: Lang,
    /// Resource groups `(id, name)`.
    pub groups: Vec<(String, String)>,
    /// The chosen resource group ID (empty: the account).
    pub value: AttrValue,
    /// A choice.
    pub on_change: Callback<String>,
    /// The error.
    #[prop_or_default]
    pub error: Option<String>,
}

/// The whole account or one resource group.
#[component]
pub fn ScopeSelect(props: &ScopeProps) -> Html {
    let lang = props.lang;
    let onchange = props.on_change.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    html! {
        <div class="field">
            <label for="resource-group">{ tr(lang, "Scope", "授权范围") }</label>
            <select id="resource-group" data-testid="resource-group" {onchange}>
                <option value="" selected={props.value.is_empty()}>{ tr(lang, "The whole account", "整个账号") }</option>
                { for props.groups.iter().map(|(id, name)| html! { <option value={id.clone()} selected={props.value.as_str() == id}>{ format!("{name} ({id})") }</option> }) }
            </select>
            if let Some(m) = &props.error { <p class="error" role="alert">{ m }</p> }
        </div>
    }
}

/// The notice shown until the user signs in.
pub fn needs_connection(lang: Lang, connection: &Option<Connected>) -> Html {
    if connection.is_some() {
        return html! {};
    }
    html! {
        <p class="notice" data-testid="needs-connection">{ tr(lang, "Sign in on the Credentials page first; the draft below is kept meanwhile.", "请先在“凭证”页面登录；下方草稿会被保留。") }</p>
    }
}

/// ARMS level properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ArmsLevelProps {
    /// Read-only (`true`) or full.
    pub read_only: bool,
    /// The new choice (`true`: read-only).
    pub on_change: Callback<bool>,
}

/// AliyunARMSReadOnlyAccess or AliyunARMSFullAccess.
#[component]
pub fn ArmsLevel(props: &ArmsLevelProps) -> Html {
    let choose = |read_only: bool| props.on_change.reform(move |_: Event| read_only);
    html! {
        <fieldset>
            <legend>{ "ARMS" }</legend>
            <label><input type="radio" name="arms" data-testid="arms-read-only" checked={props.read_only} onchange={choose(true)} />{ " AliyunARMSReadOnlyAccess" }</label>
            <label><input type="radio" name="arms" data-testid="arms-full" checked={!props.read_only} onchange={choose(false)} />{ " AliyunARMSFullAccess" }</label>
        </fieldset>
    }
}
