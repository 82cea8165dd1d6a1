//! A flow page's frame: the stepper, the step's form or review, the buttons, the sign-in notice.

use super::*;

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
