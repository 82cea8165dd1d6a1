//! The JSON editor: a text area with line numbers and a findings gutter that
//! scrolls with it (each marked line's marker names its findings).

use std::collections::BTreeMap;

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct EditorProps {
    /// Label text.
    pub label: AttrValue,
    /// The text.
    pub value: AttrValue,
    /// Every keystroke.
    pub on_input: Callback<String>,
    /// Findings by line: `(tier class, text)`.
    pub marks: BTreeMap<u32, (String, String)>,
}

/// The editor.
#[component]
pub fn JsonEditor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let lines = props.value.split('\n').count().max(1) as u32;
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            if let Some(g) = gutter.cast::<HtmlElement>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            on_input.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    html! {
        <div class="field">
            <label for="policy-text">{ props.label.clone() }</label>
            <div class="code-editor">
                <div class="gutter" ref={gutter} aria-hidden="true" data-testid="gutter">
                    { for (1..=lines).map(|n| match props.marks.get(&n) {
                        Some((tier, text)) => html! { <div class={classes!("gutter-line", "marked", format!("tier-{tier}"))} title={text.clone()} data-line={n.to_string()}>{ format!("● {n}") }</div> },
                        None => html! { <div class="gutter-line">{ n }</div> },
                    }) }
                </div>
                <textarea id="policy-text" data-testid="policy-text" spellcheck="false" wrap="off" rows="18"
                    value={props.value.clone()} {oninput} {onscroll} />
            </div>
        </div>
    }
}
