//! Events to the page that embeds the wizard (`<ramp-wizard>`): composed
//! `CustomEvent`s from the element — `ramp-ready`, `ramp-step`,
//! `ramp-applied` (names and ARNs, never secrets), `ramp-export`,
//! `ramp-error`. Outside an element, nothing is sent.

use serde_json::Value;
use yew::prelude::*;

/// The embedding element, if any.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Host(pub Option<web_sys::HtmlElement>);

impl Host {
    /// Dispatches `name` with `detail` (bubbling, composed, so it leaves the shadow root).
    pub fn emit(&self, name: &str, detail: Value) {
        let Some(element) = &self.0 else { return };
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(detail) = js_sys::JSON::parse(&detail.to_string()) {
            init.set_detail(&detail);
        }
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = element.dispatch_event(&event);
        }
    }
}

/// The host of the page being rendered.
#[hook]
pub fn use_host() -> Host {
    use_context::<Host>().unwrap_or_default()
}
