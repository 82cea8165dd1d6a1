//! Where a flow's step changes go. In the app, to the URL fragment (so back
//! and forward move between steps); embedded in a host page, to the
//! element's own state — the host page's URL and history are never touched.

use yew::prelude::*;

use crate::browser;
use crate::route::{step_hash, Route};

/// How to show another step.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Nav {
    /// `#/page?step=N` in the URL (the app).
    #[default]
    Fragment,
    /// The embedding element's state (`<ramp-wizard>`).
    Inside(Callback<usize>),
}

impl Nav {
    /// Shows step `step` of `route`.
    pub fn go(&self, route: Route, step: usize) {
        match self {
            Nav::Fragment => browser::set_hash(&step_hash(route, step)),
            Nav::Inside(to) => to.emit(step),
        }
    }

    /// A link (or, inside an element, a link-styled button) to step `step`.
    pub fn link(
        &self,
        route: Route,
        step: usize,
        label: String,
        testid: Option<&'static str>,
    ) -> Html {
        match self {
            Nav::Fragment => {
                html! { <a href={step_hash(route, step)} data-testid={testid}>{ label }</a> }
            }
            Nav::Inside(to) => {
                let onclick = to.reform(move |_: MouseEvent| step);
                html! { <button type="button" class="link" data-testid={testid} {onclick}>{ label }</button> }
            }
        }
    }
}

/// The navigation of the page being rendered.
#[hook]
pub fn use_nav() -> Nav {
    use_context::<Nav>().unwrap_or_default()
}
