//! The Access page's findings, grouped by check (most severe first): each
//! group says how many it holds and opens to its findings with their fixes,
//! the first few hundred drawn — a large account has tens of thousands, and
//! the downloads hold them all.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use ramp_core::audit::findings::{Check, Finding};
use ramp_core::lang::Lang;
use ramp_core::policy::lint::Tier;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Audit;
use crate::i18n::tr;

/// Findings drawn in one opened group.
const SHOWN: usize = 200;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub(super) struct FindingsProps {
    pub(super) lang: Lang,
    pub(super) audit: Rc<Audit>,
}

fn item(lang: Lang, f: &Finding) -> Html {
    let (message, fix) = if lang == Lang::Zh {
        (&f.message_zh, &f.fix_zh)
    } else {
        (&f.message, &f.fix)
    };
    html! { <li class={format!("tier-{}", f.tier.as_str())}>{ format!("{message} — {fix}") }</li> }
}

/// The findings.
#[component]
pub(super) fn Findings(props: &FindingsProps) -> Html {
    let lang = props.lang;
    let opened = use_state(HashSet::<Check>::new);
    let groups = {
        let audit = props.audit.clone();
        use_memo((), move |_| {
            // Tier's order is its severity.
            let mut groups: BTreeMap<(Tier, &'static str), (Check, Vec<usize>)> = BTreeMap::new();
            for (i, f) in audit.findings.iter().enumerate() {
                groups
                    .entry((f.tier, f.code.name()))
                    .or_insert((f.code, Vec::new()))
                    .1
                    .push(i);
            }
            groups.into_values().collect::<Vec<_>>()
        })
    };
    let findings = &props.audit.findings;
    html! {
        <>
            <h3>{ format!("{} ({})", tr(lang, "Findings", "发现的问题"), findings.len()) }</h3>
            <ul class="findings" data-testid="access-findings">
                { for groups.iter().map(|(check, items)| {
                    let code = format!("{check:?}");
                    let open = opened.contains(check);
                    let ontoggle = {
                        let (opened, check) = (opened.clone(), *check);
                        Callback::from(move |e: Event| {
                            let now = e
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                                .is_some_and(|d| d.open());
                            let mut next = (*opened).clone();
                            if now { next.insert(check); } else { next.remove(&check); }
                            if next != *opened { opened.set(next); }
                        })
                    };
                    let first = &findings[items[0]];
                    html! {
                        <li class={format!("tier-{}", first.tier.as_str())} data-code={code.clone()} data-count={items.len().to_string()}>
                            <details {open} {ontoggle}>
                                <summary>{ format!("{code} {} ({})", check.name(), items.len()) }</summary>
                                if open {
                                    <ul>{ for items.iter().take(SHOWN).map(|i| item(lang, &findings[*i])) }</ul>
                                    if items.len() > SHOWN {
                                        <p class="help">{ match lang {
                                            Lang::En => format!("{} more in the JSON and CSV downloads.", items.len() - SHOWN),
                                            Lang::Zh => format!("另有 {} 条，见 JSON 和 CSV 下载。", items.len() - SHOWN),
                                        } }</p>
                                    }
                                }
                            </details>
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
