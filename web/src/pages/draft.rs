//! What the flows' drafts share: the error that names a field, and the scope
//! (the whole account or one resource group) checked with the service's rule.

use ramp_core::api::rules;
use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::intent::{NewUser, Scope};

use crate::i18n::tr;

/// The draft's field that is wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    /// The field's id, e.g. `users`, `group`, `resource-group`.
    pub field: &'static str,
    /// In the user's language.
    pub message: String,
}

impl DraftError {
    /// `field`'s value breaks a service rule.
    pub fn rule(field: &'static str, e: ramp_core::api::Invalid, lang: Lang) -> DraftError {
        DraftError {
            field,
            message: e.message(lang),
        }
    }

    /// As the flow pages take it.
    pub fn pair(self) -> (&'static str, String) {
        (self.field, self.message)
    }
}

/// The scope of a resource group ID (empty: the whole account).
pub fn scope(resource_group: &str, lang: Lang) -> Result<Scope, DraftError> {
    let rg = resource_group.trim();
    if rg.is_empty() {
        return Ok(Scope::default());
    }
    rules::resource_group("ResourceGroupId", rg)
        .map_err(|e| DraftError::rule("resource-group", e, lang))?;
    Ok(Scope {
        resource_group: Some(rg.to_owned()),
    })
}

/// The users a text lists: one per line, `name` or `name, Display Name`.
pub fn users_of(text: &str) -> Vec<NewUser> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (name, display) = l.split_once(',').unwrap_or((l, ""));
            let display = display.trim();
            NewUser {
                name: name.trim().to_owned(),
                display_name: (!display.is_empty()).then(|| display.to_owned()),
                email: None,
            }
        })
        .collect()
}

/// The users of `text`, at least one, each name and display name meeting the service's rules.
pub fn checked_users(
    text: &str,
    field: &'static str,
    lang: Lang,
) -> Result<Vec<NewUser>, DraftError> {
    let users = users_of(text);
    if users.is_empty() {
        return Err(DraftError {
            field,
            message: tr(
                lang,
                "Users: one user name per line (optionally a comma and a display name).",
                "用户：每行填写一个用户名（可加逗号和显示名称）。",
            )
            .to_owned(),
        });
    }
    for u in &users {
        rules::user_name("UserName", &u.name).map_err(|e| DraftError::rule(field, e, lang))?;
        if let Some(d) = &u.display_name {
            rules::short_text("DisplayName", d).map_err(|e| DraftError::rule(field, e, lang))?;
        }
    }
    Ok(users)
}
