//! "Rehearse in the sandbox": the Ramp server tries the trust-policy change
//! in a sandbox of its own (`POST /api/rehearse`) — every caller whose
//! access changes assumes the role before and after — and the page shows
//! what that sandbox answered.

use gloo_net::http::Request;
use ramp_core::lang::Lang;
use serde::Deserialize;
use yew::prelude::*;

use crate::i18n::tr;
use crate::transport;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct RehearseProps {
    /// Language.
    pub lang: Lang,
    /// The role's account.
    pub account: String,
    /// The role.
    pub role: String,
    /// Its trust policy now.
    pub old: String,
    /// The one planned.
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct Outcome {
    allowed: bool,
    code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Trial {
    caller: String,
    #[serde(default)]
    external_id: Option<String>,
    before: Outcome,
    after: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct Rehearsed {
    trials: Vec<Trial>,
}

fn outcome(lang: Lang, o: &Outcome) -> String {
    if o.allowed {
        tr(lang, "assumed", "扮演成功").to_owned()
    } else {
        format!("{} ({})", tr(lang, "refused", "被拒绝"), o.code)
    }
}

/// The rehearsal button and its report.
#[component]
pub fn Rehearse(props: &RehearseProps) -> Html {
    let lang = props.lang;
    let server = transport::use_server();
    let result = use_state(|| None::<Result<Vec<Trial>, String>>);
    let busy = use_state(|| false);
    let onclick = {
        let (result, busy, server) = (result.clone(), busy.clone(), server.clone());
        let body = serde_json::json!({"role-account": props.account, "role": props.role, "old": props.old, "new": props.new}).to_string();
        Callback::from(move |_: MouseEvent| {
            let (result, busy, server, body) =
                (result.clone(), busy.clone(), server.clone(), body.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let sent = Request::post(&server.url("/api/rehearse"))
                    .header("content-type", "application/json")
                    .body(body);
                let answer = match sent {
                    Ok(r) => r.send().await.map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                let got = match answer {
                    Ok(r) => {
                        let ok = r.ok();
                        let text = r.text().await.unwrap_or_default();
                        if ok {
                            serde_json::from_str::<Rehearsed>(&text)
                                .map(|r| r.trials)
                                .map_err(|e| e.to_string())
                        } else {
                            Err(serde_json::from_str::<serde_json::Value>(&text)
                                .ok()
                                .and_then(|v| v["Message"].as_str().map(str::to_owned))
                                .unwrap_or(text))
                        }
                    }
                    Err(e) => Err(e),
                };
                result.set(Some(got));
                busy.set(false);
            });
        })
    };
    let report = match &*result {
        None => html! {},
        Some(Err(why)) => {
            html! { <p class="error" role="alert" data-testid="rehearsal-error">{ why }</p> }
        }
        Some(Ok(trials)) if trials.is_empty() => html! {
            <p class="note" data-testid="rehearsal-none">{ tr(lang, "Nobody's access changes: nothing to rehearse.", "没有人的权限发生变化：无需演练。") }</p>
        },
        Some(Ok(trials)) => html! {
            <table class="rehearsal" data-testid="rehearsal">
                <thead><tr><th>{ tr(lang, "Caller", "调用者") }</th><th>{ "ExternalId" }</th><th>{ tr(lang, "Now", "当前") }</th><th>{ tr(lang, "After the change", "变更后") }</th></tr></thead>
                <tbody>{ for trials.iter().enumerate().map(|(i, t)| html! {
                    <tr data-testid={format!("trial-{i}")} class={if t.before.allowed != t.after.allowed { "changed" } else { "" }}>
                        <td><code>{ &t.caller }</code></td>
                        <td>{ t.external_id.clone().unwrap_or_default() }</td>
                        <td data-testid={format!("trial-{i}-before")}>{ outcome(lang, &t.before) }</td>
                        <td data-testid={format!("trial-{i}-after")}>{ outcome(lang, &t.after) }</td>
                    </tr>
                }) }</tbody>
            </table>
        },
    };
    html! {
        <section class="rehearse" data-testid="rehearse">
            <h3>{ tr(lang, "Rehearse in the sandbox", "在沙箱中演练") }</h3>
            <p class="help">{ tr(lang, "The Ramp server copies the role and the callers whose access changes into a sandbox of its own, sets the new trust policy there, and has each caller call AssumeRole before and after. Nothing of your account is touched.", "Ramp 服务器将该角色及权限发生变化的调用者复制到一个独立沙箱中，在那里设置新的信任策略，并让每个调用者在变更前后分别调用 AssumeRole。不会触及您的账号。") }</p>
            <button type="button" data-testid="change-rehearse" disabled={*busy} {onclick}>{ tr(lang, "Rehearse", "演练") }</button>
            { report }
        </section>
    }
}
