//! A copy button that says whether the copy happened: "Copied" once the
//! clipboard took the text, or that it failed (select and copy by hand).

use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::i18n::tr;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct CopyProps {
    /// Language.
    pub lang: Lang,
    /// What to copy.
    pub text: AttrValue,
    /// The button's label.
    pub label: AttrValue,
    /// The button's test id.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// A smaller button.
    #[prop_or_default]
    pub small: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

/// The button, and its result read out to screen readers.
#[component]
pub fn CopyButton(props: &CopyProps) -> Html {
    let lang = props.lang;
    let copied = use_state(|| Copied::Not);
    let onclick = {
        let (copied, text) = (copied.clone(), props.text.to_string());
        Callback::from(move |_: MouseEvent| {
            let (copied, text) = (copied.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = match web_sys::window() {
                    Some(w) => wasm_bindgen_futures::JsFuture::from(
                        w.navigator().clipboard().write_text(&text),
                    )
                    .await
                    .is_ok(),
                    None => false,
                };
                copied.set(if done { Copied::Yes } else { Copied::Failed });
                crate::browser::sleep(2_500).await;
                copied.set(Copied::Not);
            });
        })
    };
    let label = match *copied {
        Copied::Not => props.label.to_string(),
        Copied::Yes => tr(lang, "Copied ✓", "已复制 ✓").to_owned(),
        Copied::Failed => tr(
            lang,
            "Copy failed: select the text and copy it by hand",
            "复制失败：请选中文本后手动复制",
        )
        .to_owned(),
    };
    html! {
        <button type="button" class={classes!(props.small.then_some("small"), (*copied == Copied::Yes).then_some("copied"))} data-testid={props.testid.clone()} {onclick} aria-live="polite">{ label }</button>
    }
}
