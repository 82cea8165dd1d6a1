//! Fields several flows share: the scope picker and the ARMS level.

use super::*;

/// Scope picker properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ScopeProps {
    /// Language.
    pub lang: Lang,
    /// Resource groups `(id, name)`.
    pub groups: Vec<(String, String)>,
    /// The chosen resource group ID (empty: the account).
    pub value: AttrValue,
    /// A choice.
    pub on_change: Callback<String>,
    /// The error.
    #[prop_or_default]
    pub error: Option<String>,
}

/// The whole account or one resource group.
#[component]
pub fn ScopeSelect(props: &ScopeProps) -> Html {
    let lang = props.lang;
    let onchange = props.on_change.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    html! {
        <div class="field">
            <label for="resource-group">{ tr(lang, "Scope", "授权范围") }</label>
            <select id="resource-group" data-testid="resource-group" {onchange}>
                <option value="" selected={props.value.is_empty()}>{ tr(lang, "The whole account", "整个账号") }</option>
                { for props.groups.iter().map(|(id, name)| html! { <option value={id.clone()} selected={props.value.as_str() == id}>{ format!("{name} ({id})") }</option> }) }
            </select>
            if let Some(m) = &props.error { <p class="error" role="alert">{ m }</p> }
        </div>
    }
}

/// ARMS level properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ArmsLevelProps {
    /// The language.
    pub lang: Lang,
    /// The level chosen.
    pub value: ArmsAccess,
    /// The new choice.
    pub on_change: Callback<ArmsAccess>,
    /// Also offer the Managed Service for Prometheus metric policies (for
    /// scripts and collectors).
    #[prop_or_default]
    pub prometheus: bool,
}

/// One ARMS system policy: read-only or full, or for a script a Prometheus
/// metric policy; each named with its policy.
#[component]
pub fn ArmsLevel(props: &ArmsLevelProps) -> Html {
    let offered = ArmsAccess::ALL
        .into_iter()
        .filter(|l| props.prometheus || matches!(l, ArmsAccess::Full | ArmsAccess::ReadOnly));
    html! {
        <fieldset>
            <legend>{ "ARMS" }</legend>
            { for offered.map(|level| {
                let id = match level {
                    ArmsAccess::Full => "arms-full",
                    ArmsAccess::ReadOnly => "arms-read-only",
                    ArmsAccess::PrometheusWrite => "arms-prometheus-write",
                    ArmsAccess::PrometheusRead => "arms-prometheus-read",
                };
                let onchange = props.on_change.reform(move |_: Event| level);
                html! { <label><input type="radio" name="arms" data-testid={id} checked={props.value == level} {onchange} />{ format!(" {}", level.words(props.lang)) }</label> }
            }) }
        </fieldset>
    }
}
