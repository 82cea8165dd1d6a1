//! What the flows' drafts share: the error that names a field, and the scope
//! (the whole account or one resource group) checked with the service's rule.

use ramp_core::api::rules;
use ramp_core::lang::{Lang, Localized};
use ramp_core::plan::intent::Scope;

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
