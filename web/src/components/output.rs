//! A titled block of computed text.

use yew::prelude::*;

/// Output properties.
#[derive(Debug, Properties, PartialEq)]
pub struct OutputProps {
    /// Title.
    pub title: AttrValue,
    /// The text.
    pub text: AttrValue,
    /// `data-testid`.
    pub id: AttrValue,
}

/// A read-only, selectable block.
#[component]
pub fn Output(props: &OutputProps) -> Html {
    html! {
        <section class="output">
            <h3>{ props.title.clone() }</h3>
            <pre data-testid={props.id.clone()}>{ props.text.clone() }</pre>
        </section>
    }
}
