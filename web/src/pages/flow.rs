//! What every flow page shares: the draft kept locally (names only), the
//! facts about the signed-in account (alias, resource groups, users), the
//! form's edit callbacks, turning the draft into a reviewed plan, and the
//! scope picker.

use std::rc::Rc;

use ramp_core::api::ram::{GetAccountAlias, GetPasswordPolicy, ListUsers};
use ramp_core::api::responses::PasswordPolicy;
use ramp_core::api::rm::ListResourceGroups;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::{Account, ArmsAccess, Intent};
use ramp_core::plan::Plan;
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use crate::browser;
use crate::connection::Connected;
use crate::engine;
use crate::i18n::{route_name, tr};
use crate::nav::{use_nav, Nav};
use crate::pages::draft::DraftError;
use crate::route::Route;
use crate::transport::{self, use_server};

/// The properties every flow page takes.
#[derive(Debug, Properties, PartialEq)]
pub struct FlowProps {
    /// Language.
    pub lang: Lang,
    /// The step shown (0-based, from the fragment).
    #[prop_or_default]
    pub step: usize,
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
    /// The account's password policy (typed passwords are checked against it).
    pub password_policy: Option<PasswordPolicy>,
}

/// Reads the account's alias, resource groups and users once signed in.
#[hook]
pub fn use_account_facts(connection: Option<Connected>) -> AccountFacts {
    let facts = use_state(AccountFacts::default);
    let server = use_server();
    {
        let facts = facts.clone();
        use_effect_with(connection, move |connection| {
            if let Some(c) = connection.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let (server, creds) = (&server, &c.credentials);
                    let alias = transport::call(server, creds, &GetAccountAlias {})
                        .await
                        .ok()
                        .map(|a| a.account_alias);
                    let groups = transport::call(
                        server,
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
                        server,
                        creds,
                        &ListUsers {
                            max_items: Some(1000),
                            ..Default::default()
                        },
                    )
                    .await
                    .map(|r| r.users.0.into_iter().map(|u| u.user_name).collect())
                    .unwrap_or_default();
                    let password_policy = transport::call(server, creds, &GetPasswordPolicy {})
                        .await
                        .ok()
                        .map(|r| r.password_policy);
                    facts.set(AccountFacts {
                        alias,
                        groups,
                        users,
                        password_policy,
                    });
                });
            }
        });
    }
    (*facts).clone()
}

/// One step of a flow: its name and the draft fields it holds (the `field`
/// of a [`DraftError`] says which step to fix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepDef {
    /// English name.
    pub en: &'static str,
    /// Chinese name.
    pub zh: &'static str,
    /// The fields on this step.
    pub fields: &'static [&'static str],
}

/// The ARMS permissions step of teammate access and team group: the level,
/// the scope and the app-scoped policy.
pub const ARMS_STEP: StepDef = StepDef {
    en: "ARMS permissions",
    zh: "ARMS 权限",
    fields: &["resource-group", "apps-policy-name", "apps-trace"],
};

/// The last step of teammate access and team group.
pub const REVIEW_STEP: StepDef = StepDef {
    en: "Review and apply",
    zh: "确认并执行",
    fields: &[],
};

impl StepDef {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        tr(lang, self.en, self.zh)
    }
}

/// The form field of these `steps` that holds an API parameter or policy
/// field the engine named, so a "fix it" link goes to the field's step
/// (`plan`, the review, when no step holds it).
pub fn form_field(steps: &[StepDef], param: Option<&str>) -> &'static str {
    let candidates: &[&'static str] = match param.unwrap_or_default() {
        "UserName" | "DisplayName" | "Email" => &["users", "new-members", "user"],
        "GroupName" => &["group"],
        "Comments" => &["comments"],
        "RoleName" => &["role"],
        "ExternalId" | "external_id" => &["external-id"],
        "MaxSessionDuration" => &["max-session"],
        "account_id" => &["trusted-account", "handoff"],
        "name" => &["trusted-name", "user"],
        "ResourceGroupId" | "resource_group" => &["resource-group"],
        "PolicyName" => &["apps-policy-name"],
        "region" | "app" | "apps" => &["apps-trace"],
        _ => &[],
    };
    candidates
        .iter()
        .copied()
        .find(|f| steps.iter().any(|s| s.fields.contains(f)))
        .unwrap_or("plan")
}

/// The step of `steps` that holds `field` (the last step when none does).
pub fn step_of(steps: &[StepDef], field: &str) -> usize {
    steps
        .iter()
        .position(|s| s.fields.contains(&field))
        .unwrap_or(steps.len().saturating_sub(1))
}

/// A flow's form state: the draft (kept in localStorage as `ramp.draft.<name>`
/// on every change — names and choices only), the step shown, the error.
#[derive(Debug)]
pub struct Flow<T: Clone + PartialEq + 'static> {
    /// The draft.
    pub draft: UseStateHandle<T>,
    /// The form's error: field and message.
    pub error: UseStateHandle<Option<(&'static str, String)>>,
    /// The page.
    pub route: Route,
    /// The step shown (0-based).
    pub step: usize,
    /// The draft was edited since this step was shown (live checks speak up).
    pub edited: UseStateHandle<bool>,
    /// The live check of the current step's fields (see [`Flow::checked`]).
    pub live: Option<(&'static str, String)>,
    /// Where step changes go (the URL fragment, or the embedding element).
    pub nav: Nav,
}

/// The flow state of the page `name` at `route`, showing `step`. Focus moves
/// to the step's heading whenever the step changes.
#[hook]
pub fn use_flow<T>(name: &'static str, route: Route, step: usize) -> Flow<T>
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
    let first = use_mut_ref(|| true);
    let edited = use_state(|| false);
    {
        let edited = edited.clone();
        use_effect_with(step, move |_| {
            edited.set(false);
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::focus(STEP_HEADING);
            }
        });
    }
    Flow {
        draft,
        error: use_state(|| None),
        route,
        step,
        edited,
        live: None,
        nav: use_nav(),
    }
}

/// The id of the current step's heading (focus lands there).
pub const STEP_HEADING: &str = "step-heading";

/// The intent a draft makes for an account, or the field in error.
pub type MakeIntent<T> = fn(&T, Account, Lang) -> Result<Intent, DraftError>;

/// Why the review step has no plan: the draft's field in error, or the engine's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoPlan {
    /// The engine is loading or planning.
    Pending,
    /// This field of the draft is wrong.
    Field(&'static str),
    /// The engine could not plan it (or could not be loaded): its message,
    /// and the API parameter or policy field it is about.
    Engine(String, Option<String>),
}

/// The plan of the draft, computed once per draft and account (so a language
/// switch keeps the run under review) by the engine, when `active`.
#[hook]
pub fn use_plan<T>(
    draft: &T,
    account: Option<Account>,
    active: bool,
    intent: MakeIntent<T>,
) -> Option<Result<Rc<Plan>, NoPlan>>
where
    T: Clone + PartialEq + 'static,
{
    let planned = use_state(|| None::<Result<Rc<Plan>, NoPlan>>);
    {
        let planned = planned.clone();
        use_effect_with(
            (draft.clone(), account, active),
            move |(draft, account, active)| {
                let made = account
                    .clone()
                    .filter(|_| *active)
                    .map(|a| intent(draft, a, Lang::En));
                match made {
                    None => planned.set(None),
                    Some(Err(e)) => planned.set(Some(Err(NoPlan::Field(e.field)))),
                    Some(Ok(i)) => {
                        planned.set(Some(Err(NoPlan::Pending)));
                        wasm_bindgen_futures::spawn_local(async move {
                            planned.set(Some(
                                engine::plan(&i)
                                    .await
                                    .map(Rc::new)
                                    .map_err(|e| NoPlan::Engine(e.message, e.field)),
                            ));
                        });
                    }
                }
            },
        );
    }
    (*planned).clone()
}

impl<T: Clone + PartialEq + 'static> Flow<T> {
    /// Changes the draft with a chosen value.
    pub fn choose<V: 'static>(&self, f: fn(&mut T, V)) -> Callback<V> {
        let (draft, error, edited) = (self.draft.clone(), self.error.clone(), self.edited.clone());
        Callback::from(move |v: V| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
            error.set(None);
            edited.set(true);
        })
    }

    /// The flow with its live check: once the user edits this step, the first
    /// rule a field *of this step* breaks is shown as they type (fields of
    /// later steps wait for their turn).
    pub fn checked(
        mut self,
        lang: Lang,
        steps: &[StepDef],
        account: Option<Account>,
        intent: MakeIntent<T>,
    ) -> Self {
        if *self.edited {
            let probe = account.unwrap_or(Account {
                id: String::new(),
                alias: None,
            });
            self.live = intent(&self.draft, probe, lang)
                .err()
                .filter(|e| step_of(steps, e.field) == self.step)
                .map(DraftError::pair);
        }
        self
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
            .or(self.live.as_ref())
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }

    /// A fresh draft at the first step ("Start another" after a successful apply).
    pub fn restart(&self) -> Callback<()>
    where
        T: Default,
    {
        let (draft, error, route, nav) = (
            self.draft.clone(),
            self.error.clone(),
            self.route,
            self.nav.clone(),
        );
        Callback::from(move |()| {
            draft.set(T::default());
            error.set(None);
            nav.go(route, 0);
        })
    }

    /// Shows step `step` (a history entry: back and forward move between steps).
    pub fn go(&self, step: usize) -> Callback<MouseEvent> {
        let (route, nav) = (self.route, self.nav.clone());
        Callback::from(move |_: MouseEvent| nav.go(route, step))
    }

    /// Submitting a step: checks the draft with the service's rules and moves
    /// on, or names the field of this step (or an earlier one) that is wrong.
    /// `extra` is an error the page found itself (a typed password). Entering
    /// the last step needs the signed-in account: the plan runs there.
    pub fn next(
        &self,
        lang: Lang,
        steps: &'static [StepDef],
        account: Option<Account>,
        intent: MakeIntent<T>,
        extra: Option<(&'static str, String)>,
    ) -> Callback<SubmitEvent> {
        let (draft, error, route, step, nav) = (
            self.draft.clone(),
            self.error.clone(),
            self.route,
            self.step,
            self.nav.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(x) = extra.clone() {
                error.set(Some(x));
                return;
            }
            let probe = account.clone().unwrap_or(Account {
                id: String::new(),
                alias: None,
            });
            if let Err(e) = intent(&draft, probe, lang) {
                if step_of(steps, e.field) <= step {
                    error.set(Some(e.pair()));
                    return;
                }
            }
            if step + 2 == steps.len() && account.is_none() {
                error.set(Some(("connection", sign_in_first(lang).to_owned())));
                return;
            }
            error.set(None);
            nav.go(route, step + 1);
        })
    }
}

fn sign_in_first(lang: Lang) -> &'static str {
    tr(
        lang,
        "Sign in first (Credentials page): the plan runs in your account.",
        "请先登录（凭证页面）：计划在您的账号中执行。",
    )
}

/// The signed-in account, with its alias when known.
pub fn account(connection: &Option<Connected>, facts: &AccountFacts) -> Option<Account> {
    connection.as_ref().map(|c| Account {
        id: c.identity.account_id.clone(),
        alias: facts.alias.clone(),
    })
}

/// Stepper properties.
#[derive(Debug, Properties, PartialEq)]
pub struct StepperProps {
    /// Language.
    pub lang: Lang,
    /// The page.
    pub route: Route,
    /// The steps.
    pub steps: &'static [StepDef],
    /// The current step.
    pub current: usize,
}

/// The visible stepper, and the current step's heading (focus lands there).
/// Earlier steps are links back; later ones are reached with "Next".
#[component]
pub fn Stepper(props: &StepperProps) -> Html {
    let lang = props.lang;
    let nav = use_nav();
    let n = props.steps.len();
    let items = props.steps.iter().enumerate().map(|(i, s)| {
        let label = format!("{}. {}", i + 1, s.name(lang));
        let state = match i.cmp(&props.current) {
            std::cmp::Ordering::Less => "done",
            std::cmp::Ordering::Equal => "current",
            std::cmp::Ordering::Greater => "later",
        };
        html! {
            <li key={i} class={classes!("stepper-item", state)} data-testid={format!("stepper-{i}")}>
                if i < props.current {
                    { nav.link(props.route, i, label, None) }
                } else if i == props.current {
                    <span aria-current="step">{ label }</span>
                } else {
                    <span>{ label }</span>
                }
            </li>
        }
    });
    let current = props.steps.get(props.current);
    html! {
        <>
            <nav class="stepper" aria-label={tr(lang, "Steps", "步骤")}>
                <ol>{ for items }</ol>
            </nav>
            <h2 id={STEP_HEADING} class="step-heading" tabindex="-1" data-testid="step-heading">
                { format!("{} {} / {n} · {}", tr(lang, "Step", "步骤"), props.current + 1, current.map(|s| s.name(lang)).unwrap_or_default()) }
            </h2>
        </>
    }
}

/// What a flow page shows under its stepper.
#[derive(Debug)]
pub enum StepView {
    /// The review step.
    Review(Html),
    /// A form step: its fields, submitted by "Next" (`onsubmit`); a new
    /// `key` gives each step a fresh form.
    Form {
        /// Re-creates the form when it changes.
        key: String,
        /// The step's fields.
        body: Html,
        /// "Next".
        onsubmit: Callback<SubmitEvent>,
    },
}

/// A flow page: its title, the sign-in notice, the stepper at `current`,
/// then the review or the current step's form with Back and Next. The page's
/// class and test id are its route's path (`teammate`, `team-group`, `share`).
pub fn flow_page<T: Clone + PartialEq + 'static>(
    lang: Lang,
    flow: &Flow<T>,
    steps: &'static [StepDef],
    current: usize,
    connection: &Option<Connected>,
    view: StepView,
) -> Html {
    let route = flow.route;
    let name = route.path().trim_start_matches('/');
    html! {
        <section class={classes!(name, "credentials")} data-testid={name}>
            <h1>{ route_name(lang, route) }</h1>
            { needs_connection(lang, connection, &flow.nav) }
            <Stepper {lang} {route} {steps} {current} />
            {
                match view {
                    StepView::Review(review) => review,
                    StepView::Form { key, body, onsubmit } => html! {
                        <form {onsubmit} {key}>
                            { body }
                            { step_buttons(lang, flow, steps) }
                        </form>
                    },
                }
            }
        </section>
    }
}

/// The button back to step `to`.
pub fn back_button<T: Clone + PartialEq + 'static>(lang: Lang, flow: &Flow<T>, to: usize) -> Html {
    html! { <button type="button" data-testid="back" onclick={flow.go(to)}>{ tr(lang, "Back", "上一步") }</button> }
}

/// Back and Next (or the last form step's "Review the plan").
pub fn step_buttons<T: Clone + PartialEq + 'static>(
    lang: Lang,
    flow: &Flow<T>,
    steps: &[StepDef],
) -> Html {
    let last_form = flow.step + 2 >= steps.len();
    let form_error = flow
        .error_for("connection")
        .or_else(|| flow.error_for("plan"));
    html! {
        <>
            if let Some(m) = form_error { <p class="error" role="alert" data-testid="form-error">{ m }</p> }
            <div class="actions step-actions">
                if flow.step > 0 {
                    { back_button(lang, flow, flow.step - 1) }
                }
                if last_form {
                    <button type="submit" class="primary" data-testid="review-button">{ tr(lang, "Review the plan", "查看计划") }</button>
                } else {
                    <button type="submit" class="primary" data-testid="next">{ tr(lang, "Next", "下一步") }</button>
                }
            </div>
        </>
    }
}

/// The review step without a plan: "planning…", or what is wrong and a link
/// to the step that holds it.
pub fn plan_problem<T: Clone + PartialEq + 'static>(
    lang: Lang,
    flow: &Flow<T>,
    steps: &[StepDef],
    account: Option<Account>,
    intent: MakeIntent<T>,
    problem: Option<NoPlan>,
) -> Html {
    let Some(account) = account else {
        return html! { <p class="error" role="alert" data-testid="form-error">{ sign_in_first(lang) }</p> };
    };
    let (field, message) = match (problem, intent(&flow.draft, account, lang)) {
        (Some(NoPlan::Pending), _) | (None, Ok(_)) => {
            return html! { <p class="busy" role="status" data-testid="planning">{ tr(lang, "Planning…", "正在生成计划…") }</p> }
        }
        (_, Err(e)) => (e.field, e.message),
        (Some(NoPlan::Engine(m, param)), Ok(_)) => (form_field(steps, param.as_deref()), m),
        (Some(NoPlan::Field(f)), Ok(_)) => (f, String::new()),
    };
    let at = step_of(steps, field);
    html! {
        <div class="api-error" role="alert" data-testid="plan-error">
            <p>{ message }</p>
            { flow.nav.link(flow.route, at, format!("{} {}", tr(lang, "Fix it in step", "前往修改：步骤"), at + 1), Some("fix-link")) }
        </div>
    }
}

/// The review step of a flow planned by [`use_plan`]: `show(plan)` and Back
/// once the plan is in, otherwise why there is none yet ([`plan_problem`]).
pub fn planned_review<T: Clone + PartialEq + 'static>(
    lang: Lang,
    flow: &Flow<T>,
    steps: &[StepDef],
    account: Option<Account>,
    intent: MakeIntent<T>,
    planned: Option<Result<Rc<Plan>, NoPlan>>,
    show: impl FnOnce(Rc<Plan>) -> Html,
) -> Html {
    match planned {
        Some(Ok(plan)) => html! {
            <>
                { show(plan) }
                <div class="actions">{ back_button(lang, flow, flow.step - 1) }</div>
            </>
        },
        other => plan_problem(
            lang,
            flow,
            steps,
            account,
            intent,
            other.and_then(Result::err),
        ),
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

/// The notice shown until the user signs in, with a link to the Credentials
/// page (an embedded wizard signs in in its own panel instead).
pub fn needs_connection(lang: Lang, connection: &Option<Connected>, nav: &Nav) -> Html {
    if connection.is_some() {
        return html! {};
    }
    let page = route_name(lang, Route::Credentials);
    html! {
        <p class="notice" data-testid="needs-connection">
            if *nav == Nav::Fragment {
                { tr(lang, "Sign in first on the ", "请先在") }
                <a href={format!("#{}", Route::Credentials.path())} data-testid="sign-in-link">{ page }</a>
                { tr(lang, " page; the draft below is kept meanwhile.", "页面登录；下方草稿会被保留。") }
            } else {
                { tr(lang, "Sign in first; the draft below is kept meanwhile.", "请先登录；下方草稿会被保留。") }
            }
        </p>
    }
}

/// ARMS level properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ArmsLevelProps {
    /// The language.
    pub lang: Lang,
    /// The level chosen.
    pub value: ArmsAccess,
    /// The new choice.
    pub on_change: Callback<ArmsAccess>,
    /// Also offer the Managed Service for Prometheus metric policies (for
    /// scripts and collectors).
    #[prop_or_default]
    pub prometheus: bool,
}

/// One ARMS system policy: read-only or full, or for a script a Prometheus
/// metric policy; each named with its policy.
#[component]
pub fn ArmsLevel(props: &ArmsLevelProps) -> Html {
    let offered = ArmsAccess::ALL
        .into_iter()
        .filter(|l| props.prometheus || matches!(l, ArmsAccess::Full | ArmsAccess::ReadOnly));
    html! {
        <fieldset>
            <legend>{ "ARMS" }</legend>
            { for offered.map(|level| {
                let id = match level {
                    ArmsAccess::Full => "arms-full",
                    ArmsAccess::ReadOnly => "arms-read-only",
                    ArmsAccess::PrometheusWrite => "arms-prometheus-write",
                    ArmsAccess::PrometheusRead => "arms-prometheus-read",
                };
                let onchange = props.on_change.reform(move |_: Event| level);
                html! { <label><input type="radio" name="arms" data-testid={id} checked={props.value == level} {onchange} />{ format!(" {}", level.words(props.lang)) }</label> }
            }) }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: &[StepDef] = &[
        StepDef {
            en: "Role",
            zh: "角色",
            fields: &["role", "trusted-account"],
        },
        StepDef {
            en: "Scope",
            zh: "范围",
            fields: &["resource-group"],
        },
        REVIEW_STEP,
    ];

    #[test]
    fn an_engine_error_links_to_the_step_of_its_field() {
        assert_eq!(step_of(STEPS, form_field(STEPS, Some("account_id"))), 0);
        assert_eq!(step_of(STEPS, form_field(STEPS, Some("RoleName"))), 0);
        assert_eq!(
            step_of(STEPS, form_field(STEPS, Some("ResourceGroupId"))),
            1
        );
        // Nothing holds it: the review step itself.
        assert_eq!(step_of(STEPS, form_field(STEPS, Some("Password"))), 2);
        assert_eq!(step_of(STEPS, form_field(STEPS, None)), 2);
    }
}
