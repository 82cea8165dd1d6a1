//! The policy studio (works with no server at all): a visual editor and a
//! JSON editor (line numbers, findings gutter) kept in sync both ways, the
//! findings list (click one to put the cursor on it), a plain-language
//! summary, trust or permission mode, templates, the canonical layout, a
//! simulator, import from a file, export, a local draft and a share link
//! whose policy lives in the URL fragment only.

pub mod analysis;
pub mod compare;
pub mod editor;
pub mod model;
pub mod visual;
pub mod visual_view;

use std::cell::RefCell;
use std::rc::Rc;

use ramp_core::lang::Lang;
use ramp_core::policy::lint::Tier;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use self::analysis::use_analysis;
use self::editor::JsonEditor;
use self::model::{marks, template, Draft, Template, TEMPLATES};
use self::visual::apply;
use self::visual_view::VisualEditor;
use crate::browser;
use crate::components::copy::CopyButton;
use crate::components::field::Field;
use crate::engine;
use crate::i18n::{route_name, tr};
use crate::pages::flow::use_flow;
use crate::route::Route;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct StudioProps {
    /// Language.
    pub lang: Lang,
}

/// Puts the editor's cursor at byte `offset` (the finding's place).
fn jump_to(offset: usize, text: &str) {
    let chars = text
        .get(..offset.min(text.len()))
        .map_or(0, |t| t.encode_utf16().count()) as u32;
    if let Some(area) = browser::element_by_id("policy-text")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let _ = area.focus();
        let _ = area.set_selection_range(chars, chars);
    }
}

/// When a template replaces the document: `Always` (the user chose it), or
/// `IfEmpty` (a new draft's starting point, which must not overwrite what the
/// user typed while the engine was loading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    Always,
    IfEmpty,
}

/// Replaces the draft's document with the template `id`, built by the engine;
/// `latest` is the draft as of the latest render (the handle's is older).
fn load_template(d: UseStateHandle<Draft>, latest: Rc<RefCell<Draft>>, id: &str, replace: Replace) {
    let Some(t) = template(id) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let built = match &t {
            Template::Permission(preset, input) => engine::permission_policy(preset, input).await,
            Template::Trust(input) => engine::trust_policy(input).await,
        };
        let now = latest.borrow().clone();
        if replace == Replace::IfEmpty && !now.text.is_empty() {
            return;
        }
        if let Ok(text) = built {
            d.set(Draft { text, ..now });
        }
    });
}

/// The page.
#[component]
pub fn StudioPage(props: &StudioProps) -> Html {
    let lang = props.lang;
    let flow = use_flow::<Draft>("studio", Route::Studio, 0);
    let draft = (*flow.draft).clone();
    let latest = use_mut_ref(Draft::default);
    *latest.borrow_mut() = draft.clone();
    // A shared link opens with its policy.
    {
        let d = flow.draft.clone();
        use_effect_with((), move |_| {
            if let Some(text) = Draft::from_fragment(&browser::hash()) {
                d.set(Draft {
                    text,
                    ..(*d).clone()
                });
            }
        });
    }
    // A new draft starts from the ARMS read-only template (built by the engine).
    {
        let (d, latest) = (flow.draft.clone(), latest.clone());
        use_effect_with((), move |_| {
            if d.text.is_empty() {
                load_template(d, latest, "arms-read-only", Replace::IfEmpty);
            }
        });
    }
    let analysis = use_analysis(&draft, lang);
    let (trust, findings, simulated, summary) = match &analysis {
        Some(Ok(a)) => (
            a.trust,
            a.findings.clone(),
            Some(a.simulated.clone()),
            a.summary.clone(),
        ),
        _ => (false, Vec::new(), None, Vec::new()),
    };
    // The default question follows the document's kind (a typed one is kept).
    {
        let d = flow.draft.clone();
        let known = matches!(&analysis, Some(Ok(_)));
        use_effect_with((trust, known), move |&(trust, known)| {
            if known {
                let mut fitted = (*d).clone();
                fitted.fit_question(trust);
                if fitted != *d {
                    d.set(fitted);
                }
            }
        });
    }
    let engine_state = match &analysis {
        None => Some(
            html! { <p class="busy" role="status" data-testid="engine-loading">{ tr(lang, "Loading the policy engine…", "正在加载策略引擎…") }</p> },
        ),
        Some(Err(e)) => Some(
            html! { <p class="error" role="alert" data-testid="engine-error">{ tr(lang, "The policy engine could not be loaded: ", "无法加载策略引擎：") }{ &e.message }</p> },
        ),
        Some(Ok(_)) => None,
    };
    let on_template = {
        let (d, latest) = (flow.draft.clone(), latest.clone());
        Callback::from(move |e: Event| {
            let id = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            load_template(d.clone(), latest.clone(), &id, Replace::Always);
        })
    };
    let on_kind = flow.edit(|d, v| d.kind = v).reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let on_format = {
        let formatted = draft.formatted();
        flow.edit(|d, v| d.text = v)
            .reform(move |_: MouseEvent| formatted.clone().unwrap_or_default())
    };
    let export = {
        let text = draft.formatted().unwrap_or_else(|| draft.text.clone());
        Callback::from(move |_: MouseEvent| browser::download("policy.json", &text))
    };
    let share_link = format!(
        "{}/{}",
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default(),
        draft.share_fragment()
    );
    let on_edit = {
        let d = flow.draft.clone();
        Callback::from(move |edit: visual::Edit| {
            if let Some(text) = apply(&d.text, &edit) {
                d.set(Draft {
                    text,
                    ..(*d).clone()
                });
            }
        })
    };
    let on_import = browser::on_file_text(flow.edit(|d, text| d.text = text));
    let marks = marks(&findings);
    let kind_name = if trust {
        tr(lang, "trust policy", "信任策略")
    } else {
        tr(lang, "permission policy", "权限策略")
    };
    let errors = findings.iter().filter(|f| f.tier == "error").count();

    html! {
        <section class="studio credentials" data-testid="studio">
            <h1>{ route_name(lang, Route::Studio) }</h1>
            <p class="summary">{ tr(lang, "Everything here runs in your browser; nothing is sent anywhere. The draft is kept on this computer.", "这里的一切都在浏览器中运行，不会发送到任何地方。草稿保存在本机。") }</p>
            <div class="row">
                <label for="template">{ tr(lang, "Start from", "模板") }</label>
                <select id="template" data-testid="template" onchange={on_template}>
                    <option value="" selected=true>{ tr(lang, "— a template —", "— 选择模板 —") }</option>
                    { for TEMPLATES.iter().map(|(id, en, zh)| html! { <option value={*id}>{ if lang == Lang::Zh { *zh } else { *en } }</option> }) }
                </select>
                <label for="kind">{ tr(lang, "Kind", "类型") }</label>
                <select id="kind" data-testid="kind" onchange={on_kind}>
                    { for [("auto", tr(lang, "Detect", "自动识别")), ("permission", tr(lang, "Permission", "权限策略")), ("trust", tr(lang, "Trust", "信任策略"))].into_iter().map(|(v, l)| html! { <option value={v} selected={draft.kind == v}>{ l }</option> }) }
                </select>
                <span class="note" data-testid="kind-detected">{ kind_name }</span>
            </div>
            <div class="studio-editors">
                <section class="visual-panel">
                    <h2>{ tr(lang, "Visual editor", "可视化编辑") }</h2>
                    <VisualEditor {lang} text={draft.text.clone()} {trust} {on_edit} />
                </section>
                <section class="json-panel">
                    <JsonEditor label={tr(lang, "Policy document (JSON)", "策略文档（JSON）")} value={draft.text.clone()} on_input={flow.edit(|d, v| d.text = v)} {marks} />
                </section>
            </div>
            <section class="summary-panel" data-testid="policy-summary">
                <h2>{ tr(lang, "In plain words", "通俗解读") }</h2>
                if summary.is_empty() {
                    <p class="note">{ tr(lang, "Nothing to say until the JSON parses.", "JSON 可解析后显示。") }</p>
                }
                <ul>{ for summary.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
            </section>
            <div class="actions">
                <label class="button-like" for="import-policy">{ tr(lang, "Import a file…", "导入文件…") }</label>
                <input id="import-policy" class="visually-hidden" data-testid="import-policy" type="file" accept=".json,application/json,text/plain" onchange={on_import} />
                <button data-testid="format" disabled={draft.formatted().is_none()} onclick={on_format}>{ tr(lang, "Format", "格式化") }</button>
                <button data-testid="export-policy" onclick={export}>{ tr(lang, "Export JSON", "导出 JSON") }</button>
                <CopyButton {lang} text={share_link} label={tr(lang, "Copy share link", "复制分享链接")} testid="share-link" />
            </div>
            <div class="engine-state">{ engine_state.unwrap_or_default() }</div>
            <section class="findings-panel">
                <h2 data-testid="findings-count">{ counted(lang, findings.len(), errors) }</h2>
                <ul class="findings" data-testid="findings">
                    { for findings.iter().map(|f| {
                        let (offset, text) = (f.offset, draft.text.clone());
                        let onclick = Callback::from(move |_: MouseEvent| jump_to(offset, &text));
                        html! {
                            <li class={format!("tier-{}", f.tier.as_str())}>
                                <button class="link" {onclick}>{ format!("{}:{}", f.line, f.column) }</button>
                                { format!(" {} {} — {}", Tier::parse(&f.tier).map_or("", |t| t.label(lang)), f.code, f.message) }
                            </li>
                        }
                    }) }
                </ul>
            </section>
            <compare::Compare {lang} text={draft.text.clone()} />
            <section class="simulator">
                <h2>{ tr(lang, "Simulate a request", "模拟请求") }</h2>
                <Field id="sim-caller" label={tr(lang, "Caller (user:ACCOUNT/NAME, role:ACCOUNT/ROLE/SESSION, root:ACCOUNT)", "调用者（user:账号/用户名、role:账号/角色/会话、root:账号）")} value={draft.caller.clone()} on_input={flow.edit(|d, v| d.caller = v)} />
                <Field id="sim-action" label={tr(lang, "Action", "操作")} value={draft.action.clone()} on_input={flow.edit(|d, v| d.action = v)} />
                <Field id="sim-resource" label={tr(lang, "Resource ARN", "资源 ARN")} value={draft.resource.clone()} on_input={flow.edit(|d, v| d.resource = v)} />
                <Field id="sim-resource-group" label={tr(lang, "Resource group (optional)", "资源组（可选）")} value={draft.resource_group.clone()} on_input={flow.edit(|d, v| d.resource_group = v)} />
                <Field id="sim-context" multiline=true label={tr(lang, "Context keys (key=value per line)", "条件键（每行 key=value）")} value={draft.context.clone()} on_input={flow.edit(|d, v| d.context = v)} />
                { match &simulated {
                    None => html! {},
                    Some(Ok(s)) => html! {
                        <div class={classes!("decision", (s.decision != "Allow").then_some("not-allowed"))} data-testid="decision">
                            <p><strong data-testid="decision-value">{ s.decision.clone() }</strong>{ decision_words(lang, &s.decision) }{ s.layer.as_ref().map(|l| format!(" · {}", layer_words(lang, l))).unwrap_or_default() }</p>
                            <p data-testid="decision-reason">{ &s.reason }</p>
                            if !s.matched.is_empty() { <p>{ tr(lang, "Matched: ", "命中语句：") }{ s.matched.join(", ") }</p> }
                            if !s.missing.is_empty() { <p data-testid="missing-keys">{ tr(lang, "Cannot decide without: ", "缺少以下条件键，无法判定：") }{ s.missing.join(", ") }</p> }
                            if let Some(d) = &s.if_absent {
                                <p data-testid="if-absent">{ match lang { Lang::Zh => format!("若请求不携带 {}：", s.missing.join("、")), _ => format!("If the request carries no {}: ", s.missing.join(", ")) } }<strong>{ d.clone() }</strong>{ decision_words(lang, d) }</p>
                            }
                            <p class="assumed" data-testid="assumed">{ tr(lang, "Assumed: the caller holds ", "假设：调用者持有") }{ s.assumed.join(tr(lang, "; and ", "；以及")) }{ tr(lang, ".", "。") }</p>
                        </div>
                    },
                    Some(Err(e)) => html! { <p class="error" role="alert" data-testid="simulate-error">{ e }</p> },
                } }
            </section>
        </section>
    }
}

/// "1 finding · 0 errors", with the singular where it is one.
fn counted(lang: Lang, findings: usize, errors: usize) -> String {
    match lang {
        Lang::Zh => format!("{findings} 条检查结果 · {errors} 个错误"),
        _ => format!(
            "{findings} {} · {errors} {}",
            if findings == 1 { "finding" } else { "findings" },
            if errors == 1 { "error" } else { "errors" }
        ),
    }
}

/// A decision in words, after its name (Chinese only: the name is the API's).
fn decision_words(lang: Lang, decision: &str) -> &'static str {
    match (lang, decision) {
        (Lang::Zh, "Allow") => "（允许）",
        (Lang::Zh, "ExplicitDeny") => "（显式拒绝）",
        (Lang::Zh, "ImplicitDeny") => "（隐式拒绝：没有任何允许）",
        (Lang::Zh, "Unknown") => "（无法判定）",
        _ => "",
    }
}

/// The deciding layer in words.
fn layer_words(lang: Lang, layer: &str) -> &str {
    match (lang, layer) {
        (Lang::Zh, "SessionPolicy") => "会话策略",
        (Lang::Zh, "AccountLevelIdentityBasedPolicy") => "账号级身份策略",
        (Lang::Zh, "ResourceGroupLevelIdentityBasedPolicy") => "资源组级身份策略",
        (Lang::Zh, "AssumeRolePolicy") => "角色信任策略",
        (_, "SessionPolicy") => "the session policy",
        (_, "AccountLevelIdentityBasedPolicy") => "identity policies at account scope",
        (_, "ResourceGroupLevelIdentityBasedPolicy") => "identity policies at resource-group scope",
        (_, "AssumeRolePolicy") => "the role's trust policy",
        (_, other) => other,
    }
}
