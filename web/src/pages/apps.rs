//! The optional app-scoped ARMS policy the teammate and team-group flows
//! offer: a custom policy limited to named Application Monitoring and Browser
//! Monitoring apps in a region, read with optional edit and delete.

use ramp_core::api::rules;
use ramp_core::lang::Lang;
use ramp_core::plan::intent::AppScope;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::components::field::Field;
use crate::i18n::tr;
use crate::pages::draft::DraftError;

/// The form's part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppsDraft {
    /// Add the policy at all.
    pub enabled: bool,
    /// The custom policy's name.
    pub policy_name: String,
    /// Region ID or `*`.
    pub region: String,
    /// Application Monitoring apps, comma-separated (`*`, `prefix*`, names).
    pub trace_apps: String,
    /// Browser Monitoring apps, comma-separated.
    pub rum_apps: String,
    /// Allow editing.
    pub edit: bool,
}

impl Default for AppsDraft {
    fn default() -> Self {
        AppsDraft {
            enabled: false,
            policy_name: "ramp-arms-apps".into(),
            region: "*".into(),
            trace_apps: String::new(),
            rum_apps: String::new(),
            edit: false,
        }
    }
}

fn list(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl AppsDraft {
    /// The app scope, `None` when not wanted, or the field in error.
    pub fn scope(&self, lang: Lang) -> Result<Option<AppScope>, DraftError> {
        if !self.enabled {
            return Ok(None);
        }
        let name = self.policy_name.trim();
        rules::policy_name("PolicyName", name)
            .map_err(|e| DraftError::rule("apps-policy-name", e, lang))?;
        let (trace_apps, rum_apps) = (list(&self.trace_apps), list(&self.rum_apps));
        if trace_apps.is_empty() && rum_apps.is_empty() {
            return Err(DraftError {
                field: "apps-trace",
                message: tr(
                    lang,
                    "Apps: name at least one Application Monitoring or Browser Monitoring app (or * for all).",
                    "应用：请至少填写一个应用监控或用户体验监控的应用（或 * 表示全部）。",
                )
                .to_owned(),
            });
        }
        let region = self.region.trim();
        Ok(Some(AppScope {
            policy_name: name.to_owned(),
            region: if region.is_empty() {
                "*".into()
            } else {
                region.to_owned()
            },
            trace_apps,
            rum_apps,
            edit: self.edit,
            delete: false,
        }))
    }
}

/// The fields of the app scope, on the step that holds them.
pub const FIELDS: [&str; 2] = ["apps-policy-name", "apps-trace"];

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct AppsProps {
    /// Language.
    pub lang: Lang,
    /// The value.
    pub value: AppsDraft,
    /// The new value.
    pub on_change: Callback<AppsDraft>,
    /// The error: field and message.
    #[prop_or_default]
    pub error: Option<(&'static str, String)>,
}

/// The app-scope fieldset.
#[component]
pub fn AppsFields(props: &AppsProps) -> Html {
    let lang = props.lang;
    let v = props.value.clone();
    let set = |f: fn(&mut AppsDraft, String)| {
        let (v, on_change) = (v.clone(), props.on_change.clone());
        Callback::from(move |s: String| {
            let mut next = v.clone();
            f(&mut next, s);
            on_change.emit(next)
        })
    };
    let flag = |f: fn(&mut AppsDraft, bool)| {
        let (v, on_change) = (v.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = v.clone();
            f(
                &mut next,
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            );
            on_change.emit(next)
        })
    };
    let error = |field: &str| {
        props
            .error
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };
    html! {
        <fieldset class="apps" data-testid="apps">
            <legend>{ tr(lang, "Only some apps (optional)", "仅限部分应用（可选）") }</legend>
            <label class="confirm"><input type="checkbox" data-testid="apps-enabled" checked={v.enabled} onchange={flag(|d, b| d.enabled = b)} />{ tr(lang, " Add a custom policy limited to these ARMS apps", " 添加仅限以下 ARMS 应用的自定义策略") }</label>
            if v.enabled {
                <Field id="apps-policy-name" label={tr(lang, "Policy name", "策略名称")} value={v.policy_name.clone()} on_input={set(|d, s| d.policy_name = s)} error={error("apps-policy-name")} />
                <Field id="apps-region" label={tr(lang, "Region (e.g. cn-hangzhou, or * for all)", "地域（如 cn-hangzhou，* 表示全部）")} value={v.region.clone()} on_input={set(|d, s| d.region = s)} />
                <Field id="apps-trace" label={tr(lang, "Application Monitoring apps (comma-separated; prefix* allowed)", "应用监控应用（逗号分隔；可用 前缀*）")} value={v.trace_apps.clone()} on_input={set(|d, s| d.trace_apps = s)} error={error("apps-trace")} />
                <Field id="apps-rum" label={tr(lang, "Browser Monitoring apps (comma-separated)", "用户体验监控应用（逗号分隔）")} value={v.rum_apps.clone()} on_input={set(|d, s| d.rum_apps = s)} />
                <label class="confirm"><input type="checkbox" data-testid="apps-edit" checked={v.edit} onchange={flag(|d, b| d.edit = b)} />{ tr(lang, " Also allow editing these apps", " 同时允许编辑这些应用") }</label>
            }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_by_default_and_checked_when_on() {
        assert_eq!(AppsDraft::default().scope(Lang::En), Ok(None));
        let on = AppsDraft {
            enabled: true,
            ..AppsDraft::default()
        };
        assert_eq!(on.scope(Lang::En).unwrap_err().field, "apps-trace");
        let named = AppsDraft {
            trace_apps: "shop-*, cart".into(),
            region: " ".into(),
            ..on.clone()
        };
        let s = named.scope(Lang::En).unwrap().unwrap();
        assert_eq!(
            (s.trace_apps, s.region),
            (vec!["shop-*".into(), "cart".into()], "*".into())
        );
        let bad = AppsDraft {
            policy_name: "no spaces allowed".into(),
            ..named
        };
        assert_eq!(bad.scope(Lang::Zh).unwrap_err().field, "apps-policy-name");
    }
}
