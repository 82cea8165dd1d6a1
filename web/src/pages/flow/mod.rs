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

mod facts;
mod fields;
mod page;
mod planned;

pub use self::facts::*;
pub use self::fields::*;
pub use self::page::*;
pub use self::planned::*;

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
