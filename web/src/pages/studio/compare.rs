//! "Compare with…": the policy being edited (NEW) against another version
//! pasted here (OLD), by meaning — what NEW allows that OLD did not, and
//! what it no longer allows — with the engine's comparison (`ramp diff`'s).

use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::engine::{self, Comparison};
use crate::i18n::tr;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CompareProps {
    /// Language.
    pub lang: Lang,
    /// The document being edited (NEW).
    pub text: AttrValue,
}

/// The panel.
#[component]
pub fn Compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let old = use_state(String::new);
    let result = use_state(|| None::<Result<Comparison, String>>);
    let on_old = {
        let (old, result) = (old.clone(), result.clone());
        Callback::from(move |e: InputEvent| {
            old.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            );
            result.set(None);
        })
    };
    let on_compare = {
        let (old, result, new) = (old.clone(), result.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            let (old, result, new) = ((*old).clone(), result.clone(), new.clone());
            wasm_bindgen_futures::spawn_local(async move {
                result.set(Some(
                    engine::compare(&old, &new, lang)
                        .await
                        .map_err(|e| e.message),
                ));
            });
        })
    };
    let shown = match &*result {
        None => html! {},
        Some(Err(e)) => {
            html! { <p class="error" role="alert" data-testid="compare-error">{ e }</p> }
        }
        Some(Ok(c)) => html! {
            <>
                <p class={if c.grants_new_access { "notice warning" } else { "notice" }} data-testid="compare-verdict">{ &c.verdict }</p>
                <ul class="notes">{ for c.changes.iter().map(|x| html! {
                    <li class={if x.direction == "new-access" { "note-gain" } else { "note-loss" }} data-testid="compare-change">{ &x.message }</li>
                }) }</ul>
            </>
        },
    };
    html! {
        <details class="compare" data-testid="compare">
            <summary>{ tr(lang, "Compare with another version…", "与另一个版本比较…") }</summary>
            <p class="help">{ tr(lang, "Paste the earlier version: the comparison is by meaning (what each allows), not by text — reordering, splitting statements or the case of actions changes nothing.", "粘贴较早的版本：按含义（各自允许什么）而非文本比较——调整顺序、拆分语句或操作名大小写都不算变化。") }</p>
            <label for="compare-old">{ tr(lang, "The earlier version (OLD)", "较早的版本（旧版）") }</label>
            <textarea id="compare-old" class="code" rows="8" spellcheck="false" data-testid="compare-old" value={(*old).clone()} oninput={on_old} />
            <div class="actions"><button data-testid="compare-run" onclick={on_compare}>{ tr(lang, "Compare", "比较") }</button></div>
            { shown }
        </details>
    }
}
