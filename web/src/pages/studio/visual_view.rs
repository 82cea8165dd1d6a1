//! The visual editor's view: one card per statement — effect; actions with
//! autocomplete from the catalogue; resources with an ARN builder; principals
//! (trust policies); conditions with operator and key pickers. Every change
//! is a [`Edit`] applied to the JSON (see `visual.rs`).

use ramp_core::lang::Lang;
use ramp_core::policy::catalogue::SERVICES;
use ramp_core::policy::eval::condition::operator_names;
use ramp_core::policy::lint::GLOBAL_KEYS;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::visual::{arn, read, Edit, List, Shown};
use crate::i18n::tr;

/// Keys a trust policy's conditions use, besides the global ones.
const TRUST_KEYS: &[&str] = &[
    "sts:ExternalId",
    "saml:recipient",
    "oidc:aud",
    "oidc:iss",
    "oidc:sub",
];

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct VisualProps {
    /// Language.
    pub lang: Lang,
    /// The document's text.
    pub text: AttrValue,
    /// A trust policy (principals instead of resources).
    pub trust: bool,
    /// An edit to apply to the text.
    pub on_edit: Callback<Edit>,
}

/// The visual editor.
#[component]
pub fn VisualEditor(props: &VisualProps) -> Html {
    let lang = props.lang;
    let shown = match read(&props.text) {
        Ok(s) => s,
        Err(e) => {
            return html! {
                <p class="notice" data-testid="visual-unavailable">{ tr(lang, "Fix the JSON to edit visually: ", "请先修正 JSON 才能可视化编辑：") }{ e }</p>
            }
        }
    };
    let add = props.on_edit.reform({
        let trust = props.trust;
        move |_: MouseEvent| Edit::AddStatement { trust }
    });
    html! {
        <div class="visual" data-testid="visual">
            <datalist id="catalogue-actions">
                { for SERVICES.iter().flat_map(|s| std::iter::once(html! { <option value={format!("{}:*", s.code)} /> })
                    .chain(s.actions().map(move |a| html! { <option value={format!("{}:{}", s.code, a.name)} /> }))) }
            </datalist>
            <datalist id="condition-keys">
                { for GLOBAL_KEYS.iter().chain(TRUST_KEYS).map(|k| html! { <option value={*k} /> }) }
            </datalist>
            { for shown.into_iter().enumerate().map(|(i, s)| html! {
                <StatementCard key={i} {lang} index={i} shown={s} trust={props.trust} on_edit={props.on_edit.clone()} />
            }) }
            <button type="button" data-testid="visual-add-statement" onclick={add}>{ tr(lang, "Add a statement", "添加语句") }</button>
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct CardProps {
    lang: Lang,
    index: usize,
    shown: Shown,
    trust: bool,
    on_edit: Callback<Edit>,
}

fn value_of_input(e: InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn value_of_select(e: Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A text input bound to a state handle.
fn bound(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e| state.set(value_of_input(e)))
}

#[component]
fn StatementCard(props: &CardProps) -> Html {
    let (lang, n, s) = (props.lang, props.index, &props.shown);
    let id = |what: &str| format!("visual-{n}-{what}");
    let action = use_state(String::new);
    let (service, region, account, resource) = (
        use_state(|| "arms".to_owned()),
        use_state(|| "*".to_owned()),
        use_state(String::new),
        use_state(String::new),
    );
    let (principal_kind, principal) = (use_state(|| "RAM".to_owned()), use_state(String::new));
    let (operator, key, values) = (
        use_state(|| "StringEquals".to_owned()),
        use_state(String::new),
        use_state(String::new),
    );
    let edit = |make: Box<dyn Fn() -> Option<Edit>>| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(e) = make() {
                on_edit.emit(e)
            }
        })
    };
    let add_action = {
        let action = action.clone();
        edit(Box::new(move || {
            let v = (*action).clone();
            action.set(String::new());
            Some(Edit::Add(n, List::Action, v))
        }))
    };
    let built = arn(&service, &region, &account, &resource);
    let add_resource = {
        let (built, resource) = (built.clone(), resource.clone());
        edit(Box::new(move || {
            resource.set(String::new());
            Some(Edit::Add(n, List::Resource, built.clone()))
        }))
    };
    let add_any = edit(Box::new(move || {
        Some(Edit::Add(n, List::Resource, "*".into()))
    }));
    let add_principal = {
        let (kind, principal) = (principal_kind.clone(), principal.clone());
        edit(Box::new(move || {
            let v = (*principal).clone();
            principal.set(String::new());
            Some(Edit::AddPrincipal(n, (*kind).clone(), v))
        }))
    };
    let add_condition = {
        let (operator, key, values) = (operator.clone(), key.clone(), values.clone());
        edit(Box::new(move || {
            let list = values.split(',').map(str::to_owned).collect();
            values.set(String::new());
            Some(Edit::AddCondition(
                n,
                (*operator).clone(),
                (*key).clone(),
                list,
            ))
        }))
    };
    let chips = |list: &[String], which: List| {
        let on_edit = props.on_edit.clone();
        html! {
            <ul class="chips">
                { for list.iter().enumerate().map(|(i, v)| {
                    let remove = on_edit.reform(move |_: MouseEvent| Edit::Remove(n, which, i));
                    html! { <li><code>{ v }</code><button type="button" class="small" aria-label={format!("{} {v}", tr(lang, "Remove", "删除"))} onclick={remove}>{ "×" }</button></li> }
                }) }
            </ul>
        }
    };
    let on_effect = props
        .on_edit
        .reform(move |e: Event| Edit::Effect(n, value_of_select(e)));
    let remove_statement = props
        .on_edit
        .reform(move |_: MouseEvent| Edit::RemoveStatement(n));
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(value_of_select(e)))
    };

    html! {
        <fieldset class="statement-card" data-testid={format!("visual-statement-{n}")}>
            <legend>{ format!("{} {}", tr(lang, "Statement", "语句"), n + 1) }</legend>
            <div class="row">
                <label for={id("effect")}>{ tr(lang, "Effect", "效果") }</label>
                <select id={id("effect")} data-testid={id("effect")} onchange={on_effect}>
                    { for ["Allow", "Deny"].into_iter().map(|e| html! { <option value={e} selected={s.effect == e}>{ e }</option> }) }
                </select>
                if !s.other.is_empty() {
                    <span class="note">{ format!("{} {}", tr(lang, "Also (edit in JSON):", "其他（在 JSON 中编辑）："), s.other.join(", ")) }</span>
                }
                <button type="button" class="small" data-testid={id("remove")} onclick={remove_statement}>{ tr(lang, "Remove statement", "删除语句") }</button>
            </div>
            <div class="visual-part">
                <label for={id("action")}>{ tr(lang, "Actions", "操作") }</label>
                { chips(&s.actions, List::Action) }
                <div class="control">
                    <input id={id("action")} data-testid={id("action")} list="catalogue-actions" placeholder="arms:GetTraceApp" value={(*action).clone()} oninput={bound(&action)} />
                    <button type="button" class="small" data-testid={id("add-action")} onclick={add_action}>{ tr(lang, "Add", "添加") }</button>
                </div>
            </div>
            if props.trust {
                <div class="visual-part">
                    <label for={id("principal")}>{ tr(lang, "Who may assume the role", "可扮演该角色的主体") }</label>
                    <ul class="chips">
                        { for s.principals.iter().enumerate().map(|(i, (k, v))| {
                            let remove = props.on_edit.reform(move |_: MouseEvent| Edit::RemovePrincipal(n, i));
                            html! { <li><code>{ format!("{k}: {v}") }</code><button type="button" class="small" aria-label={format!("{} {v}", tr(lang, "Remove", "删除"))} onclick={remove}>{ "×" }</button></li> }
                        }) }
                    </ul>
                    <div class="control">
                        <select aria-label={tr(lang, "Principal type", "主体类型")} data-testid={id("principal-kind")} onchange={set(&principal_kind)}>
                            { for ["RAM", "Service", "Federated"].into_iter().map(|k| html! { <option value={k} selected={*principal_kind == k}>{ k }</option> }) }
                        </select>
                        <input id={id("principal")} data-testid={id("principal")} placeholder="acs:ram::1234567890123456:root" value={(*principal).clone()} oninput={bound(&principal)} />
                        <button type="button" class="small" data-testid={id("add-principal")} onclick={add_principal}>{ tr(lang, "Add", "添加") }</button>
                    </div>
                </div>
            } else {
                <div class="visual-part">
                    <span class="part-label">{ tr(lang, "Resources", "资源") }</span>
                    { chips(&s.resources, List::Resource) }
                    <div class="arn-builder control">
                        <select aria-label={tr(lang, "Service", "服务")} data-testid={id("arn-service")} onchange={set(&service)}>
                            { for SERVICES.iter().map(|svc| html! { <option value={svc.code} selected={*service == svc.code}>{ svc.code }</option> }) }
                        </select>
                        <input aria-label={tr(lang, "Region", "地域")} data-testid={id("arn-region")} value={(*region).clone()} oninput={bound(&region)} size="12" />
                        <input aria-label={tr(lang, "Account ID", "账号 ID")} data-testid={id("arn-account")} placeholder="*" value={(*account).clone()} oninput={bound(&account)} size="18" />
                        <input aria-label={tr(lang, "Resource (type/name)", "资源（类型/名称）")} data-testid={id("arn-resource")} placeholder="armsapp/shop-*" value={(*resource).clone()} oninput={bound(&resource)} />
                    </div>
                    <div class="control">
                        <code class="arn-preview" data-testid={id("arn-preview")}>{ built }</code>
                        <button type="button" class="small" data-testid={id("add-resource")} onclick={add_resource}>{ tr(lang, "Add ARN", "添加 ARN") }</button>
                        <button type="button" class="small" onclick={add_any}>{ tr(lang, "Add * (every resource)", "添加 *（所有资源）") }</button>
                    </div>
                </div>
            }
            <div class="visual-part">
                <span class="part-label">{ tr(lang, "Conditions", "条件") }</span>
                <ul class="chips">
                    { for s.conditions.iter().enumerate().map(|(i, (op, k, v))| {
                        let remove = props.on_edit.reform(move |_: MouseEvent| Edit::RemoveCondition(n, i));
                        html! { <li><code>{ format!("{op} {k} = {}", v.join(", ")) }</code><button type="button" class="small" aria-label={format!("{} {k}", tr(lang, "Remove", "删除"))} onclick={remove}>{ "×" }</button></li> }
                    }) }
                </ul>
                <div class="control">
                    <select aria-label={tr(lang, "Operator", "运算符")} data-testid={id("condition-operator")} onchange={set(&operator)}>
                        { for operator_names().map(|o| html! { <option value={o} selected={*operator == o}>{ o }</option> }) }
                    </select>
                    <input aria-label={tr(lang, "Condition key", "条件键")} data-testid={id("condition-key")} list="condition-keys" placeholder="acs:SourceIp" value={(*key).clone()} oninput={bound(&key)} />
                    <input aria-label={tr(lang, "Values (comma-separated)", "值（逗号分隔）")} data-testid={id("condition-values")} placeholder="10.0.0.0/8" value={(*values).clone()} oninput={bound(&values)} />
                    <button type="button" class="small" data-testid={id("add-condition")} onclick={add_condition}>{ tr(lang, "Add", "添加") }</button>
                </div>
            </div>
        </fieldset>
    }
}
