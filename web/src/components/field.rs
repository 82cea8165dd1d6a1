//! A labelled text input or text area that reports every keystroke.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Field properties.
#[derive(Debug, Properties, PartialEq)]
pub struct FieldProps {
    /// Visible label.
    pub label: AttrValue,
    /// Current value.
    pub value: AttrValue,
    /// Called with the new value on input.
    pub on_input: Callback<String>,
    /// `data-testid` and element id.
    pub id: AttrValue,
    /// Hide the text (secrets).
    #[prop_or_default]
    pub secret: bool,
    /// A multi-line text area.
    #[prop_or_default]
    pub multiline: bool,
    /// The error to show under the field.
    #[prop_or_default]
    pub error: Option<String>,
    /// Extra content after the input (buttons).
    #[prop_or_default]
    pub children: Html,
}

/// A form field.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let invalid = props.error.is_some();
    let error_id = format!("{}-error", props.id);
    let control = if props.multiline {
        let on_input = props.on_input.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_input.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        html! {
            <textarea id={props.id.clone()} data-testid={props.id.clone()} rows="5" spellcheck="false"
                value={props.value.clone()} {oninput} aria-invalid={invalid.to_string()} aria-describedby={error_id.clone()} />
        }
    } else {
        let on_input = props.on_input.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! {
            <input id={props.id.clone()} data-testid={props.id.clone()} type={if props.secret { "password" } else { "text" }}
                // A secret is for this tab only: never invite the browser or a
                // password manager to save it (new-password does).
                autocomplete="off" data-lpignore={props.secret.then_some("true")} data-form-type={props.secret.then_some("other")} spellcheck="false"
                value={props.value.clone()} {oninput} aria-invalid={invalid.to_string()} aria-describedby={error_id.clone()} />
        }
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="control">{ control }{ props.children.clone() }</div>
            if let Some(error) = &props.error {
                <p class="error" id={error_id} data-testid={format!("{}-error", props.id)} role="alert">{ error }</p>
            }
        </div>
    }
}
