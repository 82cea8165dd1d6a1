//! The parts of a request a statement looks at — its action, its resource
//! or caller, and each condition key — each split into the few classes of
//! values that every statement of both policies treats alike, with one
//! example value per class. A request is one class of each part; what a
//! statement does with it is the AND of what it does with each part.

use super::strings::{regions, Pattern, TooIntricate};
use super::Bits;
use crate::policy::eval::condition::{self, cidr_bounds, Family, Truth};
use crate::policy::eval::{wildcard, Caller, Context};
use crate::policy::model::{Condition, ConditionBlock, Statement};
use crate::time::UtcTime;

/// A value of one part of a request, as an example of its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `service:Action`.
    Action(String),
    /// A resource ARN.
    Resource(String),
    /// Who calls `sts:AssumeRole`.
    Caller(Caller),
    /// A condition key's value; `None`: the request does not carry it.
    Key {
        /// The key, as the policies spell it.
        key: String,
        /// The value.
        value: Option<String>,
    },
}

/// One class of values of a part: which statements it satisfies for
/// certain (`yes`) and which it may satisfy (`maybe`, a superset: a
/// comparison the evaluator cannot decide).
#[derive(Debug, Clone)]
pub(crate) struct Class {
    pub yes: Bits,
    pub maybe: Bits,
    pub value: Value,
    /// The patterns of this part the example matches, and those it does not.
    pub matching: Vec<String>,
    pub not_matching: Vec<String>,
}

/// A part of the request and its classes.
pub(crate) type Dimension = Vec<Class>;

/// The account callers are invented in, when a trust policy names none.
pub(crate) const ACCOUNT: &str = "1234567890123456";

/// Keys every request carries, so "absent" is not one of their values.
const ALWAYS_PRESENT: &[&str] = &[
    "acs:CurrentTime",
    "acs:SourceIp",
    "acs:SecureTransport",
    "acs:MFAPresent",
];

/// Classes of a part whose values are strings matched by patterns: each
/// statement's `patterns` (indices into `texts`), `negated` for
/// `NotAction`; a statement with `None` never matches.
fn string_dimension(
    per_statement: &[Option<(Vec<usize>, bool)>],
    texts: &[String],
    patterns: &[Pattern],
    shapes: &[Vec<Pattern>],
    seeds: &[String],
    value: impl Fn(&str) -> Value,
    extra: impl Fn(&[bool], usize) -> bool,
) -> Result<Dimension, TooIntricate> {
    let mut out = Vec::new();
    for shape in shapes {
        for r in regions(patterns, shape, seeds)? {
            let mut bits = Bits::none(per_statement.len());
            for (s, p) in per_statement.iter().enumerate() {
                let hit = match p {
                    Some((pats, negated)) => pats.iter().any(|&i| r.matches[i]) != *negated,
                    None => false,
                };
                if hit || extra(&r.matches, s) {
                    bits.set(s);
                }
            }
            let (matching, not_matching) = split(texts, &r.matches);
            out.push(Class {
                yes: bits.clone(),
                maybe: bits,
                value: value(&r.example),
                matching,
                not_matching,
            });
        }
    }
    Ok(out)
}

fn split(texts: &[String], matches: &[bool]) -> (Vec<String>, Vec<String>) {
    // A text may stand for several patterns (an account's root): it matches when one does.
    let mut yes: Vec<String> = Vec::new();
    for (t, _) in texts.iter().zip(matches).filter(|(_, m)| **m) {
        if !yes.contains(t) {
            yes.push(t.clone());
        }
    }
    let mut no: Vec<String> = Vec::new();
    for t in texts {
        if !yes.contains(t) && !no.contains(t) {
            no.push(t.clone());
        }
    }
    (yes, no)
}

/// Interns pattern texts: the index of `text` (compared by `same`).
fn intern(texts: &mut Vec<String>, text: &str, same: impl Fn(&str, &str) -> bool) -> usize {
    match texts.iter().position(|t| same(t, text)) {
        Some(i) => i,
        None => {
            texts.push(text.to_owned());
            texts.len() - 1
        }
    }
}

/// Readable examples to try first: the patterns themselves, then `generic`.
fn seeds(texts: &[String], generic: &[&str]) -> Vec<String> {
    // A bare `*` would give the example `Example`: the generic ones read better.
    texts
        .iter()
        .filter(|t| *t != "*")
        .cloned()
        .chain(generic.iter().map(|g| (*g).to_owned()))
        .collect()
}

/// Readable caller ARNs: the patterns, and each account they name (and a
/// made-up one) with each of `forms` (`user/*`, `role/*`…).
fn arn_seeds(texts: &[String], forms: &[&str]) -> Vec<String> {
    let mut accounts: Vec<&str> = texts
        .iter()
        .filter_map(|t| {
            let rest = t.strip_prefix("acs:ram::").unwrap_or(t);
            let digits = rest.split(':').next()?;
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
        })
        .collect();
    accounts.push("9999999999999999");
    let mut out = texts.to_vec();
    for a in accounts {
        out.extend(forms.iter().map(|f| format!("acs:ram::{a}:{f}")));
    }
    out
}

/// The action part of a permission policy (actions compare without case).
pub(crate) fn actions(statements: &[&Statement]) -> Result<Dimension, TooIntricate> {
    let mut texts = Vec::new();
    let per: Vec<Option<(Vec<usize>, bool)>> = statements
        .iter()
        .map(|s| {
            let (values, negated) = match (&s.action, &s.not_action) {
                (Some(v), _) => (v, false),
                (None, Some(v)) => (v, true),
                (None, None) => return None,
            };
            let idx = values
                .texts()
                .map(|t| intern(&mut texts, t, |a, b| a.eq_ignore_ascii_case(b)))
                .collect();
            Some((idx, negated))
        })
        .collect();
    let patterns: Vec<Pattern> = texts.iter().map(|t| Pattern::glob(t, true)).collect();
    string_dimension(
        &per,
        &texts,
        &patterns,
        &[Vec::new()],
        &seeds(&texts, &["ecs:DescribeInstances"]),
        |e| Value::Action(e.to_owned()),
        |_, _| false,
    )
}

/// The action part of a trust policy: only `sts:AssumeRole` asks it.
pub(crate) fn assume_role(statements: &[&Statement]) -> Dimension {
    let action = "sts:AssumeRole";
    let matches =
        |v: &crate::policy::model::Values| v.texts().any(|p| wildcard::matches(p, action, true));
    let mut bits = Bits::none(statements.len());
    for (i, s) in statements.iter().enumerate() {
        let hit = match (&s.action, &s.not_action) {
            (Some(v), _) => matches(v),
            (None, Some(v)) => !matches(v),
            (None, None) => false,
        };
        if hit {
            bits.set(i);
        }
    }
    vec![Class {
        yes: bits.clone(),
        maybe: bits,
        value: Value::Action(action.into()),
        matching: Vec::new(),
        not_matching: Vec::new(),
    }]
}

/// The resource part of a permission policy (ARNs compare with case).
pub(crate) fn resources(statements: &[&Statement]) -> Result<Dimension, TooIntricate> {
    let mut texts = Vec::new();
    let per: Vec<Option<(Vec<usize>, bool)>> = statements
        .iter()
        .map(|s| {
            let v = s.resource.as_ref()?;
            Some((
                v.texts()
                    .map(|t| intern(&mut texts, t, |a, b| a == b))
                    .collect(),
                false,
            ))
        })
        .collect();
    let patterns: Vec<Pattern> = texts.iter().map(|t| Pattern::glob(t, false)).collect();
    string_dimension(
        &per,
        &texts,
        &patterns,
        &[Vec::new()],
        &seeds(
            &texts,
            &["acs:ecs:cn-hangzhou:1234567890123456:instance/i-example"],
        ),
        |e| Value::Resource(e.to_owned()),
        |_, _| false,
    )
}

/// The values of one principal type in a statement (`RAM`, `Service`, `Federated`).
fn principal_values<'s>(s: &'s Statement, kind: &str) -> Vec<&'s str> {
    s.principal
        .iter()
        .flat_map(|p| &p.entries)
        .filter(|e| e.kind.value == kind)
        .flat_map(|e| e.values.texts())
        .collect()
}

fn wildcard_principal(s: &Statement) -> bool {
    s.principal.as_ref().is_some_and(|p| p.wildcard)
}

/// The caller part of a trust policy: RAM users and role sessions (by ARN),
/// services (by name) and federated providers (by ARN).
pub(crate) fn callers(statements: &[&Statement]) -> Result<Dimension, TooIntricate> {
    let n = statements.len();
    let mut out = Vec::new();

    // RAM: a value matches the caller's ARN as a glob; an account's root
    // (or its bare ID) names every user and role of that account.
    let mut texts = Vec::new();
    let mut patterns = Vec::new();
    let mut named_by: Vec<usize> = Vec::new(); // pattern → the text it stands for
    let per: Vec<Option<(Vec<usize>, bool)>> = statements
        .iter()
        .map(|s| {
            let mut idx = Vec::new();
            for v in principal_values(s, "RAM") {
                let t = intern(&mut texts, v, |a, b| a == b);
                let mut forms = vec![v.to_owned()];
                let account = v
                    .strip_prefix("acs:ram::")
                    .and_then(|r| r.strip_suffix(":root"))
                    .unwrap_or(v);
                if !account.is_empty() && account.bytes().all(|b| b.is_ascii_digit()) {
                    forms.push(format!("acs:ram::{account}:*"));
                }
                for f in forms {
                    patterns.push(Pattern::glob(&f, false));
                    named_by.push(t);
                    idx.push(patterns.len() - 1);
                }
            }
            Some((idx, false))
        })
        .collect();
    let names: Vec<String> = named_by.iter().map(|&t| texts[t].clone()).collect();
    let ram = string_dimension(
        &per,
        &names,
        &patterns,
        &[vec![Pattern::arn("user/")], vec![Pattern::arn("role/")]],
        &arn_seeds(&texts, &["user/*", "role/*"]),
        |arn| Value::Caller(caller_of_arn(arn)),
        |_, s| wildcard_principal(statements[s]),
    )?;
    out.extend(ram);

    // Services: by name, without case, or `*`.
    let mut services: Vec<String> = Vec::new();
    for s in statements {
        for v in principal_values(s, "Service") {
            if v != "*" {
                intern(&mut services, &v.to_ascii_lowercase(), |a, b| a == b);
            }
        }
    }
    let mut other = "other.aliyuncs.com".to_owned();
    while services.contains(&other) {
        other.insert(0, 'x');
    }
    for name in services.iter().cloned().chain([other]) {
        let mut bits = Bits::none(n);
        for (i, s) in statements.iter().enumerate() {
            let hit = wildcard_principal(s)
                || principal_values(s, "Service")
                    .iter()
                    .any(|v| *v == "*" || v.eq_ignore_ascii_case(&name));
            if hit {
                bits.set(i);
            }
        }
        let (matching, not_matching): (Vec<String>, Vec<String>) = (
            services.iter().filter(|s| **s == name).cloned().collect(),
            services.iter().filter(|s| **s != name).cloned().collect(),
        );
        out.push(Class {
            yes: bits.clone(),
            maybe: bits,
            value: Value::Caller(Caller::Service { name }),
            matching,
            not_matching,
        });
    }

    // Federated: a provider's ARN, matched as a glob.
    let mut texts = Vec::new();
    let per: Vec<Option<(Vec<usize>, bool)>> = statements
        .iter()
        .map(|s| {
            let idx = principal_values(s, "Federated")
                .into_iter()
                .map(|v| intern(&mut texts, v, |a, b| a == b))
                .collect();
            Some((idx, false))
        })
        .collect();
    let patterns: Vec<Pattern> = texts.iter().map(|t| Pattern::glob(t, false)).collect();
    out.extend(string_dimension(
        &per,
        &texts,
        &patterns,
        &[
            vec![Pattern::arn("saml-provider/")],
            vec![Pattern::arn("oidc-provider/")],
        ],
        &arn_seeds(&texts, &["saml-provider/*", "oidc-provider/*"]),
        |arn| {
            Value::Caller(Caller::Federated {
                provider: arn.to_owned(),
            })
        },
        |_, s| wildcard_principal(statements[s]),
    )?);
    Ok(out)
}

/// A RAM user or role session from an ARN the shape made.
fn caller_of_arn(arn: &str) -> Caller {
    let rest = arn.strip_prefix("acs:ram::").unwrap_or(arn);
    let (account, what) = rest.split_once(':').unwrap_or((ACCOUNT, rest));
    match what.split_once('/') {
        Some(("role", role)) => Caller::AssumedRole {
            account_id: account.to_owned(),
            role: role.to_owned(),
            session: "ramp-diff".to_owned(),
        },
        Some((_, name)) => Caller::RamUser {
            account_id: account.to_owned(),
            name: name.to_owned(),
        },
        None => Caller::RamUser {
            account_id: account.to_owned(),
            name: what.to_owned(),
        },
    }
}

/// Every condition key the statements use (known operators only), in
/// order of appearance, compared without case.
pub(crate) fn condition_keys(statements: &[&Statement]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for s in statements {
        for b in known_blocks(s) {
            for k in &b.keys {
                intern(&mut keys, &k.key.value, |a, b| a.eq_ignore_ascii_case(b));
            }
        }
    }
    keys
}

fn known_blocks(s: &Statement) -> impl Iterator<Item = &ConditionBlock> {
    s.condition
        .iter()
        .flat_map(|c| &c.blocks)
        .filter(|b| condition::is_operator(&b.operator.value))
}

/// A statement's condition uses an operator RAM does not have (its
/// condition can never be decided for certain).
pub(crate) fn undecidable(s: &Statement) -> bool {
    s.condition.as_ref().is_some_and(|c| {
        c.blocks
            .iter()
            .any(|b| !condition::is_operator(&b.operator.value))
    })
}

/// The part of `s`'s condition about `key`.
fn about(s: &Statement, key: &str) -> Option<Condition> {
    let c = s.condition.as_ref()?;
    let blocks: Vec<ConditionBlock> = known_blocks(s)
        .filter_map(|b| {
            let keys: Vec<_> = b
                .keys
                .iter()
                .filter(|k| k.key.value.eq_ignore_ascii_case(key))
                .cloned()
                .collect();
            (!keys.is_empty()).then(|| ConditionBlock {
                operator: b.operator.clone(),
                keys,
            })
        })
        .collect();
    (!blocks.is_empty()).then(|| Condition {
        loc: c.loc.clone(),
        blocks,
    })
}

/// The classes of one condition key's values.
pub(crate) fn condition_key(
    statements: &[&Statement],
    key: &str,
) -> Result<Dimension, TooIntricate> {
    let parts: Vec<Option<Condition>> = statements.iter().map(|s| about(s, key)).collect();
    let mut families: Vec<(Family, String)> = Vec::new();
    for c in parts.iter().flatten() {
        for b in &c.blocks {
            if let Some(f) = condition::family(&b.operator.value) {
                for k in &b.keys {
                    families.extend(k.values.texts().map(|v| (f, v.to_owned())));
                }
            }
        }
    }
    let mut candidates: Vec<Option<String>> = Vec::new();
    if !ALWAYS_PRESENT.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        candidates.push(None);
    }
    candidates.extend(values_of(&families)?.into_iter().map(Some));

    let mut out: Dimension = Vec::new();
    for value in candidates {
        let mut ctx = Context::new().missing_is_absent();
        if let Some(v) = &value {
            ctx.insert(key, v);
        }
        let mut yes = Bits::none(statements.len());
        let mut maybe = Bits::none(statements.len());
        for (i, part) in parts.iter().enumerate() {
            match part
                .as_ref()
                .map_or(Truth::True, |c| condition::evaluate(c, &ctx))
            {
                Truth::True => {
                    yes.set(i);
                    maybe.set(i);
                }
                Truth::Unknown { .. } => maybe.set(i),
                Truth::False => {}
            }
        }
        if out.iter().any(|c| c.yes == yes && c.maybe == maybe) {
            continue;
        }
        out.push(Class {
            yes,
            maybe,
            value: Value::Key {
                key: key.to_owned(),
                value,
            },
            matching: Vec::new(),
            not_matching: Vec::new(),
        });
    }
    Ok(out)
}

/// Example values that meet every class of the policies' comparisons of a key.
fn values_of(families: &[(Family, String)]) -> Result<Vec<String>, TooIntricate> {
    let mut out = Vec::new();
    // Strings: every region of the literals and globs.
    let strings: Vec<Pattern> = families
        .iter()
        .filter_map(|(f, v)| match *f {
            Family::String { ignore_case, like } => Some(if like {
                Pattern::glob(v, ignore_case)
            } else {
                Pattern::literal(v, ignore_case)
            }),
            _ => None,
        })
        .collect();
    if !strings.is_empty() {
        let texts: Vec<String> = families.iter().map(|(_, v)| v.clone()).collect();
        out.extend(
            regions(&strings, &[], &texts)?
                .into_iter()
                .map(|r| r.example),
        );
    }
    // Numbers, dates, addresses: every bound, and a value on each side.
    let numbers: Vec<f64> = of(families, Family::Numeric, |v| v.trim().parse().ok());
    out.extend(
        around(&numbers, |a, b| (a + b) / 2.0, 1.0)
            .iter()
            .map(f64::to_string),
    );
    let dates: Vec<i64> = of(families, Family::Date, |v| {
        condition::parse_date(v.trim()).map(UtcTime::unix_seconds)
    });
    out.extend(
        around(&dates, |a, b| a + (b - a) / 2, 1)
            .into_iter()
            .map(|t| UtcTime::from_unix_seconds(t).to_string()),
    );
    if families.iter().any(|(f, _)| *f == Family::Bool) {
        out.extend(["true".to_owned(), "false".to_owned()]);
    }
    for v4 in [true, false] {
        let mut points = Vec::new();
        for (lo, hi, _) in families
            .iter()
            .filter(|(f, _)| *f == Family::Ip)
            .filter_map(|(_, v)| cidr_bounds(v))
            .filter(|b| b.2 == v4)
        {
            points.extend([lo, hi, lo.saturating_sub(1), hi.saturating_add(1)]);
        }
        if points.is_empty() {
            continue;
        }
        let max = if v4 { u128::from(u32::MAX) } else { u128::MAX };
        points.extend([0, max]);
        points.sort_unstable();
        points.dedup();
        out.extend(points.into_iter().filter(|p| *p <= max).map(|p| {
            if v4 {
                std::net::Ipv4Addr::from(p as u32).to_string()
            } else {
                std::net::Ipv6Addr::from(p).to_string()
            }
        }));
    }
    Ok(out)
}

fn of<T: PartialOrd + Copy>(
    families: &[(Family, String)],
    family: Family,
    read: impl Fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut v: Vec<T> = families
        .iter()
        .filter(|(f, _)| *f == family)
        .filter_map(|(_, s)| read(s))
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v.dedup_by(|a, b| a == b);
    v
}

/// Each bound, one value below the lowest, one above the highest and one
/// between each two neighbours.
fn around<T: Copy + std::ops::Sub<Output = T> + std::ops::Add<Output = T>>(
    bounds: &[T],
    mid: impl Fn(T, T) -> T,
    one: T,
) -> Vec<T> {
    let (Some(&lo), Some(&hi)) = (bounds.first(), bounds.last()) else {
        return Vec::new();
    };
    let mut out = vec![lo - one];
    for w in bounds.windows(2) {
        out.extend([w[0], mid(w[0], w[1])]);
    }
    out.extend([hi, hi + one]);
    out
}
