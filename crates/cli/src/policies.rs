//! Loading policies for the commands: from files (named after the file stem) or
//! by system policy name from Ramp's catalogue.

use std::path::Path;

use ramp_core::lang::{Lang, Localized};
use ramp_core::policy::catalogue::{system_policy, system_policy_ignore_case};
use ramp_core::policy::eval::NamedPolicy;
use ramp_core::policy::parse_policy;

/// What policy documents are (`--kind`): detected, or said.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum KindArg {
    Auto,
    Permission,
    Trust,
}

/// How a report on policies is written (`--format`).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    Text,
    Json,
    Sarif,
}

/// Reads a policy file; its name is the file stem.
pub(crate) fn load_policy(path: &Path) -> Result<NamedPolicy, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let parsed = parse_policy(&text).map_err(|e| {
        format!(
            "{}:{}:{}: error: {}",
            path.display(),
            e.pos.line,
            e.pos.column,
            e.message(Lang::En)
        )
    })?;
    if let Some(p) = parsed.problems.first() {
        return Err(format!(
            "{}:{}:{}: error: {}",
            path.display(),
            p.loc.pos.line,
            p.loc.pos.column,
            p.message(Lang::En)
        ));
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(NamedPolicy {
        name,
        policy: parsed.policy,
    })
}

/// A document's text from a file, or from standard input for `-`.
pub(crate) fn read_source(path: &Path) -> Result<String, String> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    };
    text.map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

/// A policy by path (`….json`, relative to `base`) or, without `.json`, by system policy
/// name from Ramp's catalogue (its document as the catalogue holds it).
pub(crate) fn load_reference(base: &Path, reference: &str) -> Result<NamedPolicy, String> {
    if reference.ends_with(".json") {
        return load_policy(&base.join(reference));
    }
    let system = system_policy(reference).ok_or_else(|| match system_policy_ignore_case(reference) {
        Some(p) => format!("`{reference}`: system policy names are case-sensitive; did you mean `{}`?", p.name),
        None => format!("`{reference}` is neither a .json path nor a system policy Ramp knows (names are case-sensitive)"),
    })?;
    let policy = system.policy().ok_or_else(|| {
        format!("Ramp's catalogue has no document for `{reference}`; give a .json file instead")
    })?;
    Ok(NamedPolicy {
        name: reference.to_owned(),
        policy,
    })
}

/// A SARIF result's location: the file, and the line and column when known (line 0: unknown).
pub(crate) fn sarif_location(file: &str, line: u32, column: u32) -> serde_json::Value {
    let mut location = serde_json::json!({"physicalLocation": {"artifactLocation": {"uri": file}}});
    if line > 0 {
        location["physicalLocation"]["region"] =
            serde_json::json!({"startLine": line, "startColumn": column});
    }
    location
}

/// A SARIF 2.1.0 log of one run of ramp, whose rules are documented at `doc`
/// (a page of docs/).
pub(crate) fn sarif_log(
    doc: &str,
    rules: serde_json::Value,
    results: Vec<serde_json::Value>,
) -> serde_json::Value {
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ramp",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": format!("https://github.com/ramp/ramp/blob/main/docs/{doc}"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}
