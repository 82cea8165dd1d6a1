//! The Signature workbench: sign a request in the browser and see every step;
//! paste a server's string to sign and see where it differs.

pub mod model;

use ramp_core::lang::Lang;
use ramp_core::request::SignatureScheme;
use yew::prelude::*;

use self::model::{compare, compute, Field as F, Form, FormAction};
use crate::browser;
use crate::components::field::Field;
use crate::components::output::Output;
use crate::i18n::{self, route_name, t, Text};
use crate::route::Route;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct WorkbenchProps {
    /// Language.
    pub lang: Lang,
}

/// The workbench page.
#[component]
pub fn Workbench(props: &WorkbenchProps) -> Html {
    let lang = props.lang;
    let form = use_reducer(|| {
        Form::new(
            browser::now().to_string(),
            browser::random_nonce().unwrap_or_default(),
        )
    });
    let set = |field: F| {
        let form = form.clone();
        Callback::from(move |value: String| form.dispatch(FormAction::Set(field, value)))
    };
    let click = |action: Box<dyn Fn() -> FormAction>| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.dispatch(action()))
    };
    let result = compute(&form, lang);
    let error_for = |field: F| {
        result
            .as_ref()
            .err()
            .filter(|e| e.field == field)
            .map(|e| e.message.clone())
    };

    let scheme_button = |scheme: SignatureScheme| {
        let active = form.scheme == scheme;
        let onclick = set(F::Scheme).reform(move |_: MouseEvent| scheme.as_str().to_owned());
        html! {
            <button class={classes!("segment", active.then_some("active"))} aria-pressed={active.to_string()}
                data-testid={format!("scheme-{}", scheme.as_str())} {onclick}>{ scheme.as_str() }</button>
        }
    };
    let on_method = set(F::Method).reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });

    let outputs = match &result {
        Err(e) => {
            html! { <p class="error" role="alert" data-testid="form-error">{ &e.message }</p> }
        }
        Ok(signed) => {
            let canonical_title = if signed.trace.scheme == SignatureScheme::V1 {
                Text::CanonicalQuery
            } else {
                Text::CanonicalRequest
            };
            let headers: String = signed
                .request
                .headers
                .iter()
                .map(|(k, v)| format!("{k}: {v}\n"))
                .collect();
            let comparison = compare(signed, &form.server_text);
            html! {
                <>
                    <Output title={t(lang, canonical_title)} text={signed.trace.canonical.clone()} id="out-canonical" />
                    <Output title={t(lang, Text::StringToSign)} text={signed.trace.string_to_sign.clone()} id="out-string-to-sign" />
                    <Output title={t(lang, Text::Signature)} text={signed.trace.signature.clone()} id="out-signature" />
                    <Output title={t(lang, Text::RequestUrl)} text={format!("{} {}", signed.request.method, signed.request.url())} id="out-url" />
                    if !headers.is_empty() {
                        <Output title={t(lang, Text::RequestHeaders)} text={headers} id="out-headers" />
                    }
                    <section class="compare">
                        <h3>{ t(lang, Text::CompareTitle) }</h3>
                        <Field label={t(lang, Text::CompareHint)} id="server-text" multiline=true
                            value={form.server_text.clone()} on_input={set(F::ServerText)} />
                        if let Some(c) = comparison {
                            <ul class="differences" data-testid="differences">
                                if let Some(at) = c.first_difference_at {
                                    <li class="offset">{ i18n::first_difference(lang, at) }</li>
                                }
                                { for c.differences.iter().map(|d| html! { <li>{ i18n::difference(lang, d) }</li> }) }
                            </ul>
                        }
                    </section>
                </>
            }
        }
    };

    html! {
        <div class="workbench">
            <h1>{ route_name(lang, Route::Workbench) }</h1>
            <p class="intro">{ t(lang, Text::WorkbenchIntro) }</p>
            <div class="columns">
                <section class="card inputs">
                    <h2>{ t(lang, Text::Request) }</h2>
                    <div class="row">
                        <div class="segments" role="group" aria-label={t(lang, Text::Scheme)}>
                            { scheme_button(SignatureScheme::V1) }{ scheme_button(SignatureScheme::V3) }
                        </div>
                        <label class="inline">{ t(lang, Text::Method) }
                            <select data-testid="method" onchange={on_method}>
                                <option value="POST" selected={form.method == "POST"}>{ "POST" }</option>
                                <option value="GET" selected={form.method == "GET"}>{ "GET" }</option>
                            </select>
                        </label>
                        <button class="link" data-testid="load-example" onclick={click(Box::new(|| FormAction::LoadExample))}>
                            { t(lang, Text::LoadExample) }
                        </button>
                    </div>
                    <Field label={t(lang, Text::Host)} id="host" value={form.host.clone()} on_input={set(F::Host)} error={error_for(F::Host)} />
                    <Field label={t(lang, Text::Action)} id="action" value={form.action.clone()} on_input={set(F::Action)} error={error_for(F::Action)} />
                    <Field label={t(lang, Text::ApiVersion)} id="version" value={form.version.clone()} on_input={set(F::Version)} error={error_for(F::Version)} />
                    <Field label={t(lang, Text::Params)} id="params" multiline=true value={form.params.clone()} on_input={set(F::Params)} error={error_for(F::Params)} />
                    <Field label={t(lang, Text::AccessKeyId)} id="access-key-id" value={form.access_key_id.clone()} on_input={set(F::AccessKeyId)} error={error_for(F::AccessKeyId)} />
                    <Field label={t(lang, Text::AccessKeySecret)} id="access-key-secret" secret=true value={form.secret.clone()} on_input={set(F::Secret)} />
                    <Field label={t(lang, Text::SecurityToken)} id="security-token" secret=true value={form.token.clone()} on_input={set(F::Token)} />
                    <Field label={t(lang, Text::Timestamp)} id="timestamp" value={form.time.clone()} on_input={set(F::Time)} error={error_for(F::Time)}>
                        <button class="small" data-testid="now" onclick={click(Box::new(|| FormAction::Set(F::Time, browser::now().to_string())))}>{ t(lang, Text::Now) }</button>
                    </Field>
                    <Field label={t(lang, Text::Nonce)} id="nonce" value={form.nonce.clone()} on_input={set(F::Nonce)} error={error_for(F::Nonce)}>
                        <button class="small" data-testid="new-nonce" onclick={click(Box::new(|| FormAction::Set(F::Nonce, browser::random_nonce().unwrap_or_default())))}>{ t(lang, Text::NewNonce) }</button>
                    </Field>
                    <p class="note">{ t(lang, Text::SecretNote) }</p>
                </section>
                <section class="card results" aria-live="polite">
                    <h2>{ t(lang, Text::Result) }</h2>
                    { outputs }
                </section>
            </div>
        </div>
    }
}
