//! `ramp catalogue`: what Ramp knows of system policies and actions, with the
//! catalogue's version and each policy's version and date.

use std::process::ExitCode;

use clap::Args;
use ramp_core::policy::catalogue::{Access, CATALOGUE_VERSION, SERVICES, SYSTEM_POLICIES};
use serde_json::json;

/// Options of `ramp catalogue`.
#[derive(Debug, Args)]
pub(crate) struct CatalogueArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Also print a system policy's document: its exact name.
    #[arg(long, value_name = "NAME")]
    show: Option<String>,
}

pub(crate) fn run(args: CatalogueArgs) -> ExitCode {
    if let Some(name) = &args.show {
        let Some(p) = SYSTEM_POLICIES.iter().find(|p| p.name == name.as_str()) else {
            eprintln!("ramp catalogue: no system policy `{name}` in the catalogue (names are case-sensitive)");
            return ExitCode::from(2);
        };
        let Some(doc) = p.policy() else {
            eprintln!(
                "ramp catalogue: the catalogue has no document for `{name}`: {}",
                p.source
            );
            return ExitCode::from(2);
        };
        if !p.complete {
            eprintln!("note: partial document ({}): {}", p.version, p.source);
        }
        say_raw!("{}", ramp_core::policy::print(&doc));
        return ExitCode::SUCCESS;
    }
    if args.json {
        let policies: Vec<_> = SYSTEM_POLICIES
            .iter()
            .map(|p| {
                json!({
                    "name": p.name, "version": p.version, "updated": p.updated,
                    "document_known": p.document.is_some(), "complete": p.complete,
                    "high_risk": p.high_risk, "source": p.source, "summary": p.summary_en,
                })
            })
            .collect();
        let services: Vec<_> = SERVICES
            .iter()
            .map(|s| {
                json!({
                    "code": s.code, "complete": s.complete, "source": s.source,
                    "actions": s.actions().map(|a| json!({
                        "action": format!("{}:{}", s.code, a.name),
                        "resource": a.resource,
                        "access": if a.access() == Access::Read { "read" } else { "write" },
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let out = json!({"version": CATALOGUE_VERSION, "system_policies": policies, "services": services});
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    say!("Ramp policy catalogue, version {CATALOGUE_VERSION}\n");
    say!("System policies:");
    for p in SYSTEM_POLICIES {
        let doc = match (p.document.is_some(), p.complete) {
            (true, true) => "document",
            (true, false) => "partial document",
            (false, _) => "no document",
        };
        let risk = if p.high_risk { ", high risk" } else { "" };
        say!(
            "  {:<28} {} ({}), {doc}{risk}: {}",
            p.name,
            p.version,
            p.updated,
            p.summary_en
        );
    }
    say!("\nActions:");
    for s in SERVICES {
        let coverage = if s.complete { "complete" } else { "partial" };
        say!("  {} ({coverage}; {}):", s.code, s.source);
        for a in s.actions() {
            say!("    {}:{:<40} {}", s.code, a.name, a.resource);
        }
    }
    ExitCode::SUCCESS
}
