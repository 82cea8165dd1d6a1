//! The principals' table of the Access page, virtualised: only the rows in
//! view (and a few either side) are in the page, so 20,000 principals scroll,
//! filter and search as quickly as 20. Rows have one height; an opened row
//! (its paths and assumers) is measured once it is drawn.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use ramp_core::audit::access::PrincipalAccess;
use ramp_core::audit::account::Principal;
use ramp_core::audit::report::path_words;
use ramp_core::lang::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::view::word;
use super::Audit;
use crate::i18n::tr;

/// A closed row's height in pixels (`.access-table tr.principal` in style.css).
const ROW: f64 = 34.0;
/// An opened row's height before it is measured.
const OPENED: f64 = 160.0;
/// Pixels drawn beyond the view on each side, so a quick scroll shows rows.
const MARGIN: f64 = 600.0;
/// The view's height before it is measured (`.access-scroll`'s max-height).
const VIEW: f64 = 560.0;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub(super) struct TableProps {
    pub(super) lang: Lang,
    pub(super) audit: Rc<Audit>,
    /// Indices into the model's principals: the ones the filters let through.
    pub(super) rows: Rc<Vec<usize>>,
}

fn user_facts(lang: Lang, audit: &Audit, p: &PrincipalAccess) -> String {
    let Principal::User(name) = &p.principal else {
        return String::new();
    };
    let Some(u) = audit.account.users.get(name) else {
        return String::new();
    };
    let mut facts = Vec::new();
    if u.console.is_some() {
        facts.push(if u.mfa_device.is_some() {
            tr(lang, "console, MFA", "控制台，MFA").to_owned()
        } else {
            tr(lang, "console, no MFA", "控制台，无 MFA").to_owned()
        });
    }
    if !u.keys.is_empty() {
        facts.push(format!("{} {}", u.keys.len(), tr(lang, "key(s)", "个密钥")));
    }
    let last = [u.last_login.as_deref()]
        .into_iter()
        .chain(u.keys.iter().map(|k| k.last_used.as_deref()))
        .flatten()
        .max();
    if let Some(last) = last {
        facts.push(format!(
            "{} {}",
            tr(lang, "last active", "最近活动"),
            &last[..10.min(last.len())]
        ));
    }
    facts.join(" · ")
}

fn scopes_text(lang: Lang, p: &PrincipalAccess) -> String {
    let scopes: Vec<String> = p
        .scopes
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s.resource_group
                    .as_deref()
                    .unwrap_or(tr(lang, "account", "账号")),
                word(lang, s.level.as_str())
            )
        })
        .collect();
    scopes.join("; ")
}

fn row(
    lang: Lang,
    audit: &Audit,
    p: &PrincipalAccess,
    open: bool,
    toggle: Callback<String>,
) -> Html {
    let scopes = scopes_text(lang, p);
    let facts = user_facts(lang, audit, p);
    let arn = p.arn.clone();
    let ontoggle = Callback::from(move |e: Event| {
        let now_open = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        if now_open != open {
            toggle.emit(arn.clone());
        }
    });
    html! {
        <tr class="principal" data-testid="access-row" data-arn={p.arn.clone()} data-type={p.principal.kind()} data-name={p.principal.name().to_owned()} data-arms={p.arms.as_str()} data-open={open.then_some("true")}>
            <td>{ word(lang, p.principal.kind()) }</td>
            <td>
                <details {open} {ontoggle}>
                    <summary><code>{ p.principal.name() }</code></summary>
                    if open {
                        <ul class="paths">
                            { for p.scopes.iter().map(|s| html! {
                                <li>
                                    <strong>{ format!("{} — {}", s.resource_group.as_deref().unwrap_or(tr(lang, "account", "账号")), word(lang, s.level.as_str())) }</strong>
                                    <ul>
                                        { for s.paths.iter().map(|x| html! { <li>{ path_words(lang, x) }</li> }) }
                                        { for s.denied_by.iter().map(|x| html! { <li class="denied">{ path_words(lang, x) }</li> }) }
                                    </ul>
                                </li>
                            }) }
                            if p.principal.kind() == "user" {
                                <li><a data-testid="change-link" href={format!("#/change?user={}", p.principal.name())}>{ tr(lang, "Change or remove this user's access…", "变更或移除该用户的权限…") }</a></li>
                            }
                            { for p.assumers.iter().map(|a| html! {
                                <li data-testid="assumer">{ tr(lang, "May be assumed by ", "可被扮演：") }{ a.who.describe() }
                                    { if a.external_id.is_empty() && !a.mfa { tr(lang, " (no ExternalId, no MFA)", "（无 ExternalId，无 MFA）") } else { "" } }
                                </li>
                            }) }
                        </ul>
                    }
                </details>
            </td>
            <td class={format!("level level-{}", p.arms.as_str())}>{ word(lang, p.arms.as_str()) }</td>
            <td title={scopes.clone()}>{ scopes }</td>
            <td title={facts.clone()}>{ facts }</td>
        </tr>
    }
}

/// Which rows to draw: from the first whose bottom is past `top - MARGIN`
/// to the last whose top is before `top + view + MARGIN`; with the heights
/// above and below them, and the whole.
fn window(
    heights: impl Iterator<Item = f64>,
    top: f64,
    view: f64,
) -> (usize, usize, f64, f64, f64) {
    let (mut first, mut end) = (None, 0);
    let (mut above, mut y) = (0.0, 0.0);
    let mut drawn_to = 0.0;
    for (i, h) in heights.enumerate() {
        if first.is_none() && y + h >= top - MARGIN {
            first = Some(i);
            above = y;
        }
        if first.is_some() && y <= top + view + MARGIN {
            end = i + 1;
            drawn_to = y + h;
        }
        y += h;
    }
    let first = first.unwrap_or(0).min(end);
    (first, end, above, y - drawn_to.max(above), y)
}

/// The table.
#[component]
pub(super) fn Table(props: &TableProps) -> Html {
    let lang = props.lang;
    let audit = &props.audit;
    let scroll = use_state(|| (0.0, VIEW));
    let opened = use_state(HashSet::<String>::new);
    let measured: Rc<RefCell<HashMap<String, f64>>> = use_mut_ref(HashMap::new);
    let remeasured = use_state(|| 0u32);
    let body = use_node_ref();
    // Other rows (a filter, a search): back to the top.
    let scroller = use_node_ref();
    {
        let (scroller, scroll) = (scroller.clone(), scroll.clone());
        use_effect_with(props.rows.clone(), move |_| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
                scroll.set((0.0, f64::from(el.client_height()).max(1.0)));
            }
        });
    }
    let principals = &audit.model.principals;
    let height = |i: &usize| {
        let p = &principals[*i];
        if opened.is_empty() || !opened.contains(&p.arn) {
            ROW
        } else {
            measured.borrow().get(&p.arn).copied().unwrap_or(OPENED)
        }
    };
    let (top, view) = *scroll;
    let (first, end, above, below, _) = window(props.rows.iter().map(height), top, view);
    // Opened rows drawn: their real height, for the next layout.
    {
        let (body, measured, remeasured) = (body.clone(), measured.clone(), remeasured.clone());
        use_effect(move || {
            let Some(body) = body.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(rows) = body.query_selector_all("tr[data-open]") else {
                return;
            };
            let mut changed = false;
            for i in 0..rows.length() {
                let Some(tr) = rows
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
                else {
                    continue;
                };
                let (Some(arn), h) = (tr.get_attribute("data-arn"), f64::from(tr.offset_height()))
                else {
                    continue;
                };
                let mut m = measured.borrow_mut();
                if m.get(&arn).is_none_or(|old| (old - h).abs() > 1.0) {
                    m.insert(arn, h);
                    changed = true;
                }
            }
            if changed {
                remeasured.set(*remeasured + 1);
            }
        });
    }
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                scroll.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        })
    };
    let toggle = {
        let opened = opened.clone();
        Callback::from(move |arn: String| {
            let mut next = (*opened).clone();
            if !next.remove(&arn) {
                next.insert(arn);
            }
            opened.set(next);
        })
    };
    // The spacers' heights are set through the CSSOM: the page's CSP
    // (`style-src 'self'`) refuses style attributes.
    let (top_spacer, bottom_spacer) = (use_node_ref(), use_node_ref());
    {
        let (t, b) = (top_spacer.clone(), bottom_spacer.clone());
        use_effect(move || {
            for (node, h) in [(t, above), (b, below)] {
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.style().set_property("height", &format!("{h}px"));
                }
            }
        });
    }
    html! {
        <div class="access-scroll" data-testid="access-scroll" data-row-height={ROW.to_string()} ref={scroller} {onscroll}>
            <table class="access-table">
                <thead><tr>
                    <th>{ tr(lang, "Type", "类型") }</th><th>{ tr(lang, "Name", "名称") }</th><th>{ "ARMS" }</th>
                    <th>{ tr(lang, "Scopes", "范围") }</th><th>{ tr(lang, "Sign-in and keys", "登录与密钥") }</th>
                </tr></thead>
                <tbody ref={body}>
                    <tr class="spacer" aria-hidden="true" ref={top_spacer}></tr>
                    { for props.rows[first..end].iter().map(|i| {
                        let p = &principals[*i];
                        row(lang, audit, p, opened.contains(&p.arn), toggle.clone())
                    }) }
                    <tr class="spacer" aria-hidden="true" ref={bottom_spacer}></tr>
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_the_view_and_its_margins_and_the_spacers_fill_the_rest() {
        let heights = [ROW; 1_000];
        let (first, end, above, below, total) = window(heights.iter().copied(), 10_000.0, 500.0);
        assert_eq!(total, 34_000.0);
        assert!(
            above <= 10_000.0 - MARGIN && above + ROW > 10_000.0 - MARGIN - ROW,
            "{above}"
        );
        assert_eq!(above, first as f64 * ROW);
        assert!((end as f64) * ROW >= 10_000.0 + 500.0 + MARGIN);
        assert!(end - first < 60, "{first}..{end}: only rows near the view");
        assert_eq!(above + (end - first) as f64 * ROW + below, total);
        // At the top, and with an opened row taller than the others.
        let mut heights = [ROW; 10];
        heights[3] = 300.0;
        let (first, end, above, below, total) = window(heights.iter().copied(), 0.0, 500.0);
        assert_eq!((first, end, above, below), (0, 10, 0.0, 0.0));
        assert_eq!(total, 9.0 * ROW + 300.0);
        // Nothing to show.
        assert_eq!(
            window(std::iter::empty(), 0.0, 500.0),
            (0, 0, 0.0, 0.0, 0.0)
        );
    }
}
