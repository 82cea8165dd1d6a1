//! `docs/checks.md`, generated from the check catalogue so it cannot drift.

use super::{Scope, Tier, CHECKS};

fn tier_name(t: Tier) -> &'static str {
    match t {
        Tier::Error => "error",
        Tier::Security => "security warning",
        Tier::Warning => "warning",
        Tier::Suggestion => "suggestion",
    }
}

fn scope_name(s: Scope) -> &'static str {
    match s {
        Scope::Any => "any policy",
        Scope::Permission => "permission policies",
        Scope::Trust => "trust policies",
        Scope::Set => "one identity's attachments",
    }
}

/// Text outside code blocks: `<placeholders>` must not read as HTML.
fn md(s: &str) -> String {
    s.replace("{}", "…")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

fn example(text: &str, scope: Scope) -> String {
    let lang = if scope == Scope::Set { "text" } else { "json" };
    format!("```{lang}\n{}\n```\n", text.trim_end())
}

/// The Markdown catalogue of every check.
pub fn markdown() -> String {
    let count = |t: Tier| CHECKS.iter().filter(|c| c.tier == t).count();
    let mut out = String::new();
    out.push_str("# Policy checks\n\n");
    out.push_str(
        "<!-- Generated from crates/core/src/policy/lint/checks.rs; do not edit. \
Regenerate with `RAMP_BLESS=1 cargo test -p ramp-core --test checks_doc`. -->\n\n",
    );
    out.push_str(&format!(
        "`ramp lint`, the studio and the sandbox share these {} checks: {} errors, {} security warnings, {} warnings and {} suggestions \
(the RAM console's four tiers). Every finding has the code, the tier, a message and a fix in English and Chinese, and its \
location (line, column and JSON path). Set checks read everything attached to one identity: `ramp lint --set FILES…`, \
`--attach NAME`, `--attach-rg RG=NAME`, `--console`, `--access-key`.\n\n",
        CHECKS.len(),
        count(Tier::Error),
        count(Tier::Security),
        count(Tier::Warning),
        count(Tier::Suggestion)
    ));
    out.push_str("Set examples use the attachment-list notation: `identity [console] [accesskey]`, `attach NAME`, \
`attach-rg RG NAME`, `custom NAME JSON`, `custom-rg RG NAME JSON`. In examples, `⟦text×N⟧` stands for `text` repeated N times.\n\n");
    out.push_str("| Code | Name | Tier | Reads | What it catches |\n|---|---|---|---|---|\n");
    for c in CHECKS {
        out.push_str(&format!(
            "| [{code}](#{anchor}) | {} | {} | {} | {} |\n",
            c.name,
            tier_name(c.tier),
            scope_name(c.scope),
            md(c.message_en),
            code = c.code,
            anchor = format!("{}-{}", c.code, c.name).to_ascii_lowercase(),
        ));
    }
    for c in CHECKS {
        out.push_str(&format!("\n## {} {}\n\n", c.code, c.name));
        out.push_str(&format!(
            "Tier: **{}** · reads {}\n\n",
            tier_name(c.tier),
            scope_name(c.scope)
        ));
        out.push_str(&format!("- Catches: {}\n", md(c.message_en)));
        out.push_str(&format!("- 检查：{}\n", md(c.message_zh)));
        out.push_str(&format!("- Fix: {}\n", md(c.fix_en)));
        out.push_str(&format!("- 修复：{}\n\n", md(c.fix_zh)));
        out.push_str("Found:\n\n");
        out.push_str(&example(c.bad, c.scope));
        out.push_str("\nFixed:\n\n");
        out.push_str(&example(c.good, c.scope));
    }
    out
}
