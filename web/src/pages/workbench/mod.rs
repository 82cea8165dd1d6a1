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
use crate::i18n::{self, route_name, tr};
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
                tr(lang, "Canonicalized query string", "规范化查询字符串")
            } else {
                tr(lang, "Canonical request", "规范化请求")
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
                    <Output title={canonical_title} text={signed.trace.canonical.clone()} id="out-canonical" />
                    <Output title={tr(lang, "String to sign", "待签名字符串")} text={signed.trace.string_to_sign.clone()} id="out-string-to-sign" />
                    <Output title={tr(lang, "Signature", "签名")} text={signed.trace.signature.clone()} id="out-signature" />
                    <Output title={tr(lang, "Request URL", "请求 URL")} text={format!("{} {}", signed.request.method, signed.request.url())} id="out-url" />
                    if !headers.is_empty() {
                        <Output title={tr(lang, "Request headers", "请求头")} text={headers} id="out-headers" />
                    }
                    <section class="compare">
                        <h3>{ tr(lang, "Compare with the server's string to sign", "与服务端待签名字符串比对") }</h3>
                        <Field label={tr(lang, "Paste the string to sign from a SignatureDoesNotMatch message (or, for V3, the canonical request) to see exactly where it differs.", "粘贴 SignatureDoesNotMatch 错误信息中的待签名字符串（V3 可粘贴规范化请求），查看具体差异。")} id="server-text" multiline=true
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
            <p class="intro">{ tr(lang, "Sign an Alibaba Cloud API request in your browser and see every step: canonical form, string to sign, signature, and the request to send.", "在浏览器中为阿里云 API 请求签名并查看每一步：规范化请求、待签名字符串、签名以及最终发送的请求。") }</p>
            <div class="columns">
                <section class="card inputs">
                    <h2>{ tr(lang, "Request", "请求") }</h2>
                    <div class="row">
                        <div class="segments" role="group" aria-label={tr(lang, "Signature version", "签名版本")}>
                            { scheme_button(SignatureScheme::V1) }{ scheme_button(SignatureScheme::V3) }
                        </div>
                        <label class="inline">{ tr(lang, "HTTP method", "请求方法") }
                            <select data-testid="method" onchange={on_method}>
                                <option value="POST" selected={form.method == "POST"}>{ "POST" }</option>
                                <option value="GET" selected={form.method == "GET"}>{ "GET" }</option>
                            </select>
                        </label>
                        <button class="link" data-testid="load-example" onclick={click(Box::new(|| FormAction::LoadExample))}>
                            { tr(lang, "Load the documentation example", "载入文档示例") }
                        </button>
                    </div>
                    <Field label={tr(lang, "Endpoint", "接入地址")} id="host" value={form.host.clone()} on_input={set(F::Host)} error={error_for(F::Host)} />
                    <Field label={tr(lang, "Action", "接口名称（Action）")} id="action" value={form.action.clone()} on_input={set(F::Action)} error={error_for(F::Action)} />
                    <Field label={tr(lang, "API version", "API 版本")} id="version" value={form.version.clone()} on_input={set(F::Version)} error={error_for(F::Version)} />
                    <Field label={tr(lang, "Parameters (one Name=Value per line)", "请求参数（每行一个 名称=值）")} id="params" multiline=true value={form.params.clone()} on_input={set(F::Params)} error={error_for(F::Params)} />
                    <Field label={tr(lang, "AccessKey ID", "AccessKey ID")} id="access-key-id" value={form.access_key_id.clone()} on_input={set(F::AccessKeyId)} error={error_for(F::AccessKeyId)} />
                    <Field label={tr(lang, "AccessKey secret", "AccessKey Secret")} id="access-key-secret" secret=true value={form.secret.clone()} on_input={set(F::Secret)} />
                    <Field label={tr(lang, "Security token (STS, optional)", "安全令牌（STS，可选）")} id="security-token" secret=true value={form.token.clone()} on_input={set(F::Token)} />
                    <Field label={tr(lang, "Timestamp (UTC)", "时间戳（UTC）")} id="timestamp" value={form.time.clone()} on_input={set(F::Time)} error={error_for(F::Time)}>
                        <button class="small" data-testid="now" onclick={click(Box::new(|| FormAction::Set(F::Time, browser::now().to_string())))}>{ tr(lang, "Now", "当前时间") }</button>
                    </Field>
                    <Field label={tr(lang, "Signature nonce", "签名随机数")} id="nonce" value={form.nonce.clone()} on_input={set(F::Nonce)} error={error_for(F::Nonce)}>
                        <button class="small" data-testid="new-nonce" onclick={click(Box::new(|| FormAction::Set(F::Nonce, browser::random_nonce().unwrap_or_default())))}>{ tr(lang, "New nonce", "新随机数") }</button>
                    </Field>
                    <p class="note">{ tr(lang, "The secret and the token stay in this page's memory: never stored, never sent.", "密钥和令牌只保存在本页面内存中：不会存储，也不会发送。") }</p>
                </section>
                <section class="card results" aria-live="polite">
                    <h2>{ tr(lang, "Result", "结果") }</h2>
                    { outputs }
                </section>
            </div>
        </div>
    }
}
