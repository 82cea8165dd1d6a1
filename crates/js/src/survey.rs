//! The survey driver for portals (the `survey` feature, in the ramp-js
//! package, not in the app's engine: it carries every answer's parser): a
//! portal reads an account with the same survey `ramp audit` and the Access
//! page drive, signing each call with `sign()` and sending it itself, then
//! judges the snapshot with `audit()` and `whoCan()`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::to_js;

#[wasm_bindgen(typescript_custom_section)]
const SURVEY_STEP: &str = r#"
export type SurveyStep =
  | { kind: "send"; id: number; service: "ram" | "sts" | "resourcemanager" | "ims"; host: string; action: string; version: string; params: Record<string, string> }
  | { kind: "wait"; delayMs: number } | { kind: "answers" } | { kind: "finished" } | { kind: "stopped"; code: string; message: string };
"#;

/// Reads an account for a portal: the same survey `ramp audit` and the
/// Access page drive. `next()` says what to do — `{kind: "send", id,
/// service, host, action, version, params}` (sign it with `sign()` and post
/// it), `{kind: "wait", delayMs}`, `{kind: "answers"}` (feed an answer
/// first), `{kind: "finished"}` or `{kind: "stopped", code, message}`;
/// `feed(id, status, body)` takes each answer; `account()` is the snapshot
/// `audit()` takes. A throttled call (`Throttling*`, the relay's 429) asks
/// for one `wait` of a second per window and goes again.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Survey {
    inner: ramp_core::audit::Survey,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum Step {
    Send {
        id: u64,
        service: &'static str,
        host: String,
        action: String,
        version: String,
        params: std::collections::BTreeMap<String, String>,
    },
    Wait {
        #[serde(rename = "delayMs")]
        delay_ms: u64,
    },
    Answers,
    Finished,
    Stopped {
        code: String,
        message: String,
    },
}

#[wasm_bindgen]
impl Survey {
    /// A survey keeping at most `inFlight` requests out (default 8).
    #[wasm_bindgen(constructor)]
    pub fn new(in_flight: Option<u32>) -> Survey {
        let n = in_flight.map_or(ramp_core::audit::survey::DEFAULT_IN_FLIGHT, |n| n as usize);
        Survey {
            inner: ramp_core::audit::Survey::new(n),
        }
    }

    /// What to do next.
    #[wasm_bindgen(unchecked_return_type = "SurveyStep")]
    #[allow(clippy::should_implement_trait)] // not an iterator: answers are fed in between
    pub fn next(&mut self) -> Result<JsValue, JsValue> {
        use ramp_core::audit::survey::Next;
        let step = match self.inner.next() {
            Next::Send(o) => Step::Send {
                id: o.id,
                service: o.service.code(),
                host: o.request.host.clone(),
                action: o.request.action.clone(),
                version: o.request.version.clone(),
                params: o.request.params.iter().cloned().collect(),
            },
            Next::Wait { delay_ms } => Step::Wait { delay_ms },
            Next::Answers => Step::Answers,
            Next::Finished => Step::Finished,
            Next::Stopped(e) => Step::Stopped {
                code: e.code.clone(),
                message: e.message.clone(),
            },
        };
        to_js(&step)
    }

    /// The answer to request `id`.
    pub fn feed(&mut self, id: u32, status: u16, body: &str) {
        self.inner.feed(u64::from(id), status, body);
    }

    /// Request `id` got no answer (the network failed).
    #[wasm_bindgen(js_name = noAnswer)]
    pub fn no_answer(&mut self, id: u32, why: &str) {
        self.inner.no_answer(u64::from(id), why);
    }

    /// `{done, known}`: calls answered, and calls known so far.
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        let p = self.inner.progress();
        to_js(&serde_json::json!({"done": p.done, "known": p.known}))
    }

    /// What was read so far (all of it once finished): the snapshot `audit()` takes.
    #[wasm_bindgen(unchecked_return_type = "AccountSnapshot")]
    pub fn account(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.account())
    }
}
