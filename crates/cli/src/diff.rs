//! `ramp diff OLD NEW`: does NEW grant access OLD did not? A semantic
//! comparison of two policies of one kind (see docs/policy-diff.md), as
//! text, JSON or SARIF; `--fail-on new-access` makes it a CI gate.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ramp_core::lang::Lang;
use ramp_core::policy::compare::{compare, words, Change, Comparison, Direction, Kind, Value};
use ramp_core::policy::eval::NamedPolicy;
use ramp_core::policy::lint::kind_of;
use serde_json::{json, Value as Json};

use crate::policies::load_reference;

use crate::policies::{sarif_location, sarif_log, KindArg, ReportFormat as Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// NEW allows a request OLD did not (or cannot be shown not to).
    NewAccess,
    /// Any difference, either way.
    AnyChange,
}

/// Options of `ramp diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The policy before: a .json file, or a system policy's name.
    #[arg(value_name = "OLD")]
    old: String,
    /// The policy after: a .json file, or a system policy's name.
    #[arg(value_name = "NEW")]
    new: String,
    /// The kind of both policies (default: detected; a Principal makes a trust policy).
    #[arg(long, value_enum, default_value = "auto")]
    kind: KindArg,
    /// Output: text for people, JSON for tools, SARIF 2.1.0 for code scanning.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when NEW grants new access (new-access) or when anything differs (any-change).
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
    /// Language of the text: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
}

fn bad(message: String) -> ExitCode {
    eprintln!("ramp diff: {message}");
    ExitCode::from(2)
}

pub(crate) fn run(args: DiffArgs) -> ExitCode {
    let lang = Lang::from_tag(&args.lang);
    let cwd = Path::new(".");
    let (old, new) = match (
        load_reference(cwd, &args.old),
        load_reference(cwd, &args.new),
    ) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return bad(e),
    };
    let kind = match args.kind {
        KindArg::Permission => Kind::Permission,
        KindArg::Trust => Kind::Trust,
        KindArg::Auto => {
            let (o, n) = (kind_of(&old.policy), kind_of(&new.policy));
            if o != n {
                return bad(format!(
                    "{} is a {} policy and {} a {} policy: compare two of one kind, or say which with --kind",
                    args.old,
                    o.as_str(),
                    args.new,
                    n.as_str()
                ));
            }
            n
        }
    };
    let diff = match compare(&old.policy, &new.policy, kind) {
        Ok(d) => d,
        Err(_) => {
            return bad(
                "the policies' patterns are too intricate to compare exactly here (over 50,000 automaton states or 200,000 request classes); split the comparison by statement".into(),
            )
        }
    };
    match args.format {
        Format::Text => text(&diff, &args, lang),
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&to_json(&diff, &args, lang)).unwrap_or_default()
        ),
        Format::Sarif => say!(
            "{}",
            serde_json::to_string_pretty(&to_sarif(&diff, &args, &new, &old, lang))
                .unwrap_or_default()
        ),
    }
    let fails = match args.fail_on {
        Some(FailOn::NewAccess) => diff.grants_new_access(),
        Some(FailOn::AnyChange) => !diff.same_access(),
        None => false,
    };
    if fails {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The most changes the text lists each way (JSON and SARIF hold them all).
const SHOWN: usize = 20;

fn text(diff: &Comparison, args: &DiffArgs, lang: Lang) {
    let (en, zh) = match diff.kind {
        Kind::Permission => ("permission policies", "权限策略"),
        Kind::Trust => ("trust policies", "信任策略"),
    };
    match lang {
        Lang::En => say!("OLD {}  →  NEW {}  ({en})", args.old, args.new),
        Lang::Zh => say!("旧版 {}  →  新版 {}（{zh}）", args.old, args.new),
    }
    say!("{}", words::verdict(&diff.changes, lang));
    for direction in [Direction::Gained, Direction::Lost] {
        let all: Vec<&Change> = diff.toward(direction).collect();
        for c in all.iter().take(SHOWN) {
            say!("  {}", words::line(c, diff.kind, lang));
        }
        if all.len() > SHOWN {
            match lang {
                Lang::En => say!(
                    "  … and {} more (--format json lists them all)",
                    all.len() - SHOWN
                ),
                Lang::Zh => say!(
                    "  ……另有 {} 项（--format json 列出全部）",
                    all.len() - SHOWN
                ),
            }
        }
    }
}

fn value_json(v: &Value) -> (&'static str, Json) {
    match v {
        Value::Action(a) => ("action", json!(a)),
        Value::Resource(r) => ("resource", json!(r)),
        Value::Caller(c) => ("caller", json!(c.arn())),
        Value::Key { key, value } => ("condition-key", json!({"key": key, "value": value})),
    }
}

fn change_json(c: &Change, kind: Kind, lang: Lang) -> Json {
    json!({
        "direction": match c.direction { Direction::Gained => "new-access", Direction::Lost => "lost-access" },
        "certain": c.certain,
        "parts": c.parts.iter().map(|p| {
            let (part, example) = value_json(&p.value);
            json!({"part": part, "example": example, "matching": p.matching, "not-matching": p.not_matching})
        }).collect::<Vec<_>>(),
        "allowed-by-statements": c.allowed_by,
        "denied-by-statements": c.denied_by,
        "description": words::class(c, kind, lang),
        "message": words::line(c, kind, lang),
    })
}

fn to_json(diff: &Comparison, args: &DiffArgs, lang: Lang) -> Json {
    json!({
        "old": args.old,
        "new": args.new,
        "kind": diff.kind.as_str(),
        "grants-new-access": diff.grants_new_access(),
        "same-access": diff.same_access(),
        "verdict": words::verdict(&diff.changes, lang),
        "changes": diff.changes.iter().map(|c| change_json(c, diff.kind, lang)).collect::<Vec<_>>(),
    })
}

fn to_sarif(
    diff: &Comparison,
    args: &DiffArgs,
    new: &NamedPolicy,
    old: &NamedPolicy,
    lang: Lang,
) -> Json {
    let rules = json!([
        {"id": "new-access", "shortDescription": {"text": "NEW allows requests OLD did not"},
         "defaultConfiguration": {"level": "error"}, "properties": {"tags": ["security"], "security-severity": "7.0"}},
        {"id": "lost-access", "shortDescription": {"text": "OLD allowed requests NEW does not"},
         "defaultConfiguration": {"level": "warning"}},
    ]);
    let results: Vec<Json> = diff
        .changes
        .iter()
        .map(|c| {
            let (rule, index, file, policy) = match c.direction {
                Direction::Gained => ("new-access", 0, &args.new, new),
                Direction::Lost => ("lost-access", 1, &args.old, old),
            };
            let at = c
                .allowed_by
                .first()
                .and_then(|i| policy.policy.statements.get(*i))
                .map_or((0, 0), |s| (s.loc.pos.line, s.loc.pos.column));
            let location = sarif_location(file, at.0, at.1);
            json!({
                "ruleId": rule,
                "ruleIndex": index,
                "level": match (c.direction, c.certain) {
                    (Direction::Gained, true) => "error",
                    (Direction::Gained, false) | (Direction::Lost, _) => "warning",
                },
                "message": {"text": words::line(c, diff.kind, lang)},
                "locations": [location],
            })
        })
        .collect();
    sarif_log("policy-diff.md", rules, results)
}
