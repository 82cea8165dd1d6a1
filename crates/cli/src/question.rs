//! One access question as `ramp simulate` and `ramp test` take it — the
//! caller, the action and resource, the policies by file or system name at
//! each scope, the context — turned into the evaluator's request and
//! policies in one place.

use std::path::Path;

use ramp_core::policy::eval::{Attachment, Context, Policies, Request};

use crate::policies::load_reference;
use crate::simulate::parse_caller;

/// The question, as written on the command line or in a decisions file.
#[derive(Debug, Default)]
pub(crate) struct Question<'a> {
    pub(crate) caller: &'a str,
    pub(crate) action: &'a str,
    pub(crate) resource: &'a str,
    pub(crate) resource_group: Option<&'a str>,
    /// Policies attached at account scope.
    pub(crate) policies: Vec<&'a str>,
    /// `(resource group, policy)` attachments.
    pub(crate) rg_policies: Vec<(&'a str, &'a str)>,
    pub(crate) session_policy: Option<&'a str>,
    pub(crate) trust_policy: Option<&'a str>,
    pub(crate) context: Vec<(String, String)>,
    /// The context is the request's whole context: keys not given are absent.
    pub(crate) complete: bool,
}

impl Question<'_> {
    /// The evaluator's request and policies; policy paths are read relative to `base`.
    pub(crate) fn build(&self, base: &Path) -> Result<(Request, Policies), String> {
        let mut context = if self.complete {
            Context::new().missing_is_absent()
        } else {
            Context::new()
        };
        for (k, v) in &self.context {
            context.insert(k, v);
        }
        let at = |rg: Option<&str>, p: &str| {
            Ok::<_, String>(Attachment {
                policy: load_reference(base, p)?,
                resource_group: rg.map(str::to_owned),
            })
        };
        let mut attachments = Vec::new();
        for p in &self.policies {
            attachments.push(at(None, p)?);
        }
        for (rg, p) in &self.rg_policies {
            attachments.push(at(Some(rg), p)?);
        }
        let load = |p: Option<&str>| p.map(|p| load_reference(base, p)).transpose();
        Ok((
            Request {
                caller: parse_caller(self.caller)?,
                action: self.action.to_owned(),
                resource: self.resource.to_owned(),
                resource_group: self.resource_group.map(str::to_owned),
                context,
            },
            Policies {
                attachments,
                session_policy: load(self.session_policy)?,
                trust_policy: load(self.trust_policy)?,
            },
        ))
    }
}
