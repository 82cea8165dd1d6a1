//! The element's prefills (`account-id`, `role-name`, `user-name`,
//! `resource-group-id`, `app`) written into a flow's draft, so the page opens
//! with them filled in. Pure: draft JSON in, draft JSON out.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::route::Route;

/// What the host page fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct Prefill {
    /// The other account (share: the trusted account).
    pub account_id: Option<String>,
    /// The role's name (share).
    pub role_name: Option<String>,
    /// A user's name (teammate, share: account B's user).
    pub user_name: Option<String>,
    /// The scope's resource group.
    pub resource_group_id: Option<String>,
    /// An Application Monitoring app (limits the ARMS policy to it).
    pub app: Option<String>,
}

/// The draft of `route` (as stored, possibly empty) with `prefill` applied.
pub fn apply(route: Route, draft: &str, prefill: &Prefill) -> String {
    let mut d: Map<String, Value> = serde_json::from_str(draft).unwrap_or_default();
    let mut set = |key: &str, value: &Option<String>| {
        if let Some(v) = value.as_ref().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            d.insert(key.to_owned(), Value::String(v.to_owned()));
        }
    };
    match route {
        Route::Teammate => {
            set("users", &prefill.user_name);
            set("resource_group", &prefill.resource_group_id);
        }
        Route::TeamGroup => set("resource_group", &prefill.resource_group_id),
        Route::ShareAccount => {
            set("role", &prefill.role_name);
            set("trusted_account", &prefill.account_id);
            set("user", &prefill.user_name);
            set("resource_group", &prefill.resource_group_id);
        }
        _ => {}
    }
    if matches!(route, Route::Teammate | Route::TeamGroup) {
        if let Some(app) = prefill.app.as_ref().filter(|a| !a.trim().is_empty()) {
            d.insert(
                "apps".into(),
                json!({"enabled": true, "policy_name": "ramp-arms-apps", "region": "*", "trace_apps": app.trim()}),
            );
        }
    }
    Value::Object(d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::share::model::Draft as ShareDraft;
    use crate::pages::teammate::model::Draft as TeammateDraft;

    #[test]
    fn prefills_land_in_the_drafts_and_keep_the_rest() {
        let p = Prefill {
            account_id: Some("1680000000000002".into()),
            role_name: Some("arms-viewer".into()),
            user_name: Some("alice".into()),
            resource_group_id: Some("rg-1".into()),
            app: Some("shop-*".into()),
        };
        let share: ShareDraft =
            serde_json::from_str(&apply(Route::ShareAccount, r#"{"require_mfa":true}"#, &p))
                .unwrap();
        assert_eq!(
            (
                share.role.as_str(),
                share.trusted_account.as_str(),
                share.user.as_str(),
                share.require_mfa
            ),
            ("arms-viewer", "1680000000000002", "alice", true)
        );
        let t: TeammateDraft = serde_json::from_str(&apply(Route::Teammate, "", &p)).unwrap();
        assert_eq!(
            (t.users.as_str(), t.resource_group.as_str()),
            ("alice", "rg-1")
        );
        assert!(t.apps.enabled && t.apps.trace_apps == "shop-*");
        // Nothing to fill: the draft is unchanged in meaning.
        let none = apply(Route::Studio, r#"{"text":"x"}"#, &Prefill::default());
        assert_eq!(none, r#"{"text":"x"}"#);
    }
}
