//! What the Access page shows once the account is read: the principals
//! (filter by level and type, search by name; the table draws only the rows
//! in view, see `table.rs`), each row opening to its paths and
//! assumers; a who-can box; the findings with their fixes; what could not
//! be read; JSON and CSV downloads (ramp-core's report, as `ramp audit`).

use std::rc::Rc;

use ramp_core::audit::report::path_words;
use ramp_core::audit::survey::reader_policy;
use ramp_core::lang::Lang;
use yew::prelude::*;

use super::findings::Findings;
use super::table::Table;
use super::Audit;
use crate::browser;
use crate::engine;
use crate::i18n::tr;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub(super) struct ResultsProps {
    pub(super) lang: Lang,
    pub(super) audit: Rc<Audit>,
}

/// A level or a principal type (`full`, `user`…) in the user's language.
pub(super) fn word(lang: Lang, key: &str) -> &'static str {
    match key {
        "full" => tr(lang, "full", "完全访问"),
        "read-only" => tr(lang, "read-only", "只读"),
        "partial" => tr(lang, "partial", "部分"),
        "none" => tr(lang, "none", "无"),
        "user" => tr(lang, "user", "用户"),
        "group" => tr(lang, "group", "用户组"),
        "role" => tr(lang, "role", "角色"),
        _ => "",
    }
}

fn input_value(e: InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

fn select_value(e: Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>()
        .value()
}

/// The results.
#[component]
pub(super) fn Results(props: &ResultsProps) -> Html {
    let lang = props.lang;
    let audit = props.audit.clone();
    let level = use_state(String::new);
    let kind = use_state(String::new);
    let search = use_state(String::new);
    let action = use_state(|| "arms:UpdatePrometheusInstance".to_owned());
    let resource = use_state(|| "*".to_owned());
    let able = use_state(|| None::<Vec<(String, String)>>);
    let filters = ((*level).clone(), (*kind).clone(), search.to_lowercase());
    // Every name in lower case once, not on every keystroke.
    let names = {
        let audit = audit.clone();
        use_memo((), move |_| {
            audit
                .model
                .principals
                .iter()
                .map(|p| p.principal.name().to_lowercase())
                .collect::<Vec<String>>()
        })
    };
    let matching = {
        let audit = audit.clone();
        use_memo(filters.clone(), move |(level, kind, needle)| {
            let rows: Vec<usize> = audit
                .model
                .principals
                .iter()
                .enumerate()
                .filter(|(_, p)| level.is_empty() || p.arms.as_str() == level.as_str())
                .filter(|(_, p)| kind.is_empty() || p.principal.kind() == kind.as_str())
                .filter(|(i, _)| needle.is_empty() || names[*i].contains(needle.as_str()))
                .map(|(i, _)| i)
                .collect();
            Rc::new(rows)
        })
    };
    let download_json = {
        let audit = audit.clone();
        Callback::from(move |_: MouseEvent| browser::download("ramp-access.json", &audit.json))
    };
    let download_csv = {
        let audit = audit.clone();
        Callback::from(move |_: MouseEvent| browser::download("ramp-access.csv", &audit.csv))
    };
    let ask = {
        let (audit, action, resource, able) = (
            audit.clone(),
            action.clone(),
            resource.clone(),
            able.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (audit, able) = (audit.clone(), able.clone());
            let (action, resource) = (action.trim().to_owned(), resource.trim().to_owned());
            wasm_bindgen_futures::spawn_local(async move {
                let list = match engine::who_can(&audit.account, &action, &resource).await {
                    Ok(found) => found
                        .into_iter()
                        .map(|a| {
                            let why: Vec<String> =
                                a.paths.iter().map(|p| path_words(lang, p)).collect();
                            (
                                format!("{} {}", a.principal.kind(), a.principal.name()),
                                format!("{}: {}", a.decision, why.join("; ")),
                            )
                        })
                        .collect(),
                    Err(e) => vec![(e.code, e.message)],
                };
                able.set(Some(list));
            });
        })
    };
    let drift = use_state(|| None::<Result<ramp_core::audit::drift::Drift, String>>);
    let on_plan = {
        let (audit, drift) = (audit.clone(), drift.clone());
        browser::on_file_text(Callback::from(move |text: String| {
            let (audit, drift) = (audit.clone(), drift.clone());
            wasm_bindgen_futures::spawn_local(async move {
                drift.set(Some(
                    engine::drift(&text, &audit.account)
                        .await
                        .map_err(|e| e.message),
                ));
            });
        }))
    };
    html! {
        <div class="access-results" data-testid="access-results">
            <p>
                { format!("{} {} · {} ", tr(lang, "Account", "账号"), audit.account.id, tr(lang, "read by", "读取者")) }<code>{ &audit.account.read_by }</code>
                { " " }
                <button type="button" class="small" data-testid="access-json" onclick={download_json}>{ tr(lang, "Download JSON", "下载 JSON") }</button>
                <button type="button" class="small" data-testid="access-csv" onclick={download_csv}>{ tr(lang, "Download CSV", "下载 CSV") }</button>
            </p>
            if !audit.account.gaps.is_empty() {
                <div class="warning" role="alert" data-testid="access-gaps">
                    <p>{ tr(lang, "Incomplete: these reads were refused, so the table may miss access.", "不完整：以下读取被拒绝，表格可能遗漏部分权限。") }</p>
                    <ul>{ for audit.account.gaps.iter().map(|g| html! { <li>{ format!("{} {} — {} ({} {})", g.action, g.subject, g.code, tr(lang, "needs", "需要"), g.needs) }</li> }) }</ul>
                    <button type="button" class="small" data-testid="access-reader-policy" onclick={Callback::from(|_: MouseEvent| browser::download("ramp-auditor-policy.json", &reader_policy()))}>
                        { tr(lang, "Download the auditor's policy", "下载审计所需的策略") }
                    </button>
                </div>
            }
            <div class="filters">
                <label>{ tr(lang, "ARMS ", "ARMS ") }
                    <select data-testid="access-level" onchange={let level = level.clone(); Callback::from(move |e| level.set(select_value(e)))}>
                        <option value="" selected={level.is_empty()}>{ tr(lang, "any", "全部") }</option>
                        { for ["full", "read-only", "partial", "none"].iter().map(|l| html! { <option value={*l} selected={level.as_str() == *l}>{ word(lang, l) }</option> }) }
                    </select>
                </label>
                <label>{ tr(lang, " Type ", " 类型 ") }
                    <select data-testid="access-type" onchange={let kind = kind.clone(); Callback::from(move |e| kind.set(select_value(e)))}>
                        <option value="" selected={kind.is_empty()}>{ tr(lang, "any", "全部") }</option>
                        { for ["user", "group", "role"].iter().map(|k| html! { <option value={*k} selected={kind.as_str() == *k}>{ word(lang, k) }</option> }) }
                    </select>
                </label>
                <label>{ tr(lang, " Search ", " 搜索 ") }
                    <input type="search" data-testid="access-search" value={(*search).clone()} oninput={let search = search.clone(); Callback::from(move |e| search.set(input_value(e)))} />
                </label>
                <span data-testid="access-count">{ format!(" {} / {}", matching.len(), audit.model.principals.len()) }</span>
            </div>
            <Table {lang} audit={audit.clone()} rows={(*matching).clone()} />
            <h3>{ tr(lang, "Who can…", "谁可以……") }</h3>
            <div class="who-can">
                <label>{ tr(lang, "Action ", "操作 ") }
                    <input data-testid="who-can-action" value={(*action).clone()} oninput={let action = action.clone(); Callback::from(move |e| action.set(input_value(e)))} />
                </label>
                <label>{ tr(lang, "Resource ", "资源 ") }
                    <input data-testid="who-can-resource" value={(*resource).clone()} oninput={let resource = resource.clone(); Callback::from(move |e| resource.set(input_value(e)))} />
                </label>
                <button type="button" class="small" data-testid="who-can-ask" onclick={ask}>{ tr(lang, "Ask", "查询") }</button>
                if let Some(list) = &*able {
                    <ul data-testid="who-can-answer">{ for list.iter().map(|(who, why)| html! { <li><code>{ who }</code>{ " — " }{ why }</li> }) }</ul>
                }
            </div>
            <h3>{ tr(lang, "Against a plan", "与计划对比") }</h3>
            <label class="file">{ tr(lang, "Open a plan Ramp exported (JSON) ", "打开 Ramp 导出的计划（JSON） ") }
                <input type="file" accept=".json,application/json" data-testid="drift-file" onchange={on_plan} />
            </label>
            { match &*drift {
                None => html! {},
                Some(Err(why)) => html! { <p class="error" role="alert" data-testid="drift-error">{ why }</p> },
                Some(Ok(d)) => html! {
                    <ul class="drift" data-testid="drift">
                        { for d.planned.iter().map(|p| {
                            let state = serde_json::to_string(&p.state).unwrap_or_default().trim_matches('"').to_owned();
                            html! { <li data-state={state.clone()}>{ format!("{} {} — {state}", tr(lang, "step", "步骤"), p.step) }{ " " }{ &p.what }{ for p.differences.iter().map(|x| html! { <div class="help">{ x }</div> }) }</li> }
                        }) }
                        { for d.extra.iter().map(|e| html! { <li data-state="extra">{ format!("{} {} {} ", tr(lang, "extra:", "额外："), e.principal.kind(), e.principal.name()) }{ &e.grant }</li> }) }
                    </ul>
                },
            } }
            <Findings {lang} audit={audit.clone()} />
        </div>
    }
}
