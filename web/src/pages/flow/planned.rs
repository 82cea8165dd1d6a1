//! Turning the draft into a reviewed plan: the intent, the engine, why there is no plan, the review.

use super::*;

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
