//! A clock that re-renders its user every second.

use ramp_core::time::UtcTime;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;

/// Now, refreshed every second while the component is shown.
#[hook]
pub fn use_now() -> UtcTime {
    let now = use_state(browser::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Closure::<dyn Fn()>::new(move || now.set(browser::now()));
            let window = web_sys::window();
            let id = window.as_ref().and_then(|w| {
                w.set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    1000,
                )
                .ok()
            });
            move || {
                if let (Some(w), Some(id)) = (window, id) {
                    w.clear_interval_with_handle(id);
                }
                drop(tick);
            }
        });
    }
    *now
}

/// `1 h 02 min 03 s`, or `expired`.
pub fn remaining_text(seconds: i64, expired: &str) -> String {
    if seconds <= 0 {
        return expired.to_owned();
    }
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h} h {m:02} min {s:02} s")
    } else {
        format!("{m} min {s:02} s")
    }
}
