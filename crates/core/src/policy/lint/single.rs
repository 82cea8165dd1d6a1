//! Checks that read one document.

use super::{Code, Finding, Kind, MFA_SELF_SERVICE};
use crate::lang::{Lang, Localized};
use crate::policy::build::check_external_id;
use crate::policy::catalogue::{self, distance};
use crate::policy::eval::condition::{is_operator, operator_names, parse_date, value_fits};
use crate::policy::eval::wildcard;
use crate::policy::model::*;
use crate::policy::read::ProblemKind;
use crate::policy::{print, Parsed};
use crate::time::UtcTime;

/// Actions with which an identity can raise its own permissions.
const ESCALATION: &[&str] = &[
    "ram:AttachPolicyToUser",
    "ram:AttachPolicyToGroup",
    "ram:AttachPolicyToRole",
    "ram:CreatePolicyVersion",
    "ram:SetDefaultPolicyVersion",
    "ram:CreateAccessKey",
    "ram:CreateLoginProfile",
    "ram:UpdateLoginProfile",
    "ram:UpdateRole",
    "ram:AddUserToGroup",
];

/// Global condition keys (reference §7.4), and the prefixes of tag keys.
pub const GLOBAL_KEYS: &[&str] = &[
    "acs:CurrentTime",
    "acs:SecureTransport",
    "acs:SourceIp",
    "acs:MFAPresent",
    "acs:UserAgent",
    "acs:Referer",
    "acs:SourceVpc",
    "acs:AccessId",
    "acs:SourceVpcIp",
    "acs:PrincipalARN",
];
const GLOBAL_KEY_PREFIXES: &[&str] = &["acs:ResourceTag/", "acs:RequestTag/"];

struct Linter<'p> {
    out: Vec<Finding>,
    kind: Kind,
    now: Option<UtcTime>,
    parsed: &'p Parsed,
}

/// The nearest candidate within `max` edits.
fn nearest<'a>(
    target: &str,
    candidates: impl Iterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    candidates
        .map(|c| (distance(target, c), c))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn has_wildcard(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// Does the statement's Action/NotAction cover `action`?
pub(super) fn covers(s: &Statement, action: &str) -> bool {
    let any = |v: &Option<Values>| {
        v.as_ref()
            .is_some_and(|v| v.texts().any(|p| wildcard::matches(p, action, true)))
    };
    if s.action.is_some() {
        any(&s.action)
    } else {
        s.not_action.is_some() && !any(&s.not_action)
    }
}

/// Is this a Deny that applies when MFA is absent (`Bool acs:MFAPresent false`)?
pub(super) fn denies_without_mfa(s: &Statement) -> Option<&ConditionKey> {
    if s.effect() != Some(Effect::Deny) {
        return None;
    }
    s.condition
        .as_ref()?
        .blocks
        .iter()
        .filter(|b| b.operator.value == "Bool")
        .find_map(|b| {
            b.keys.iter().find(|k| {
                k.key.value.eq_ignore_ascii_case("acs:MFAPresent")
                    && k.values.texts().any(|v| v.eq_ignore_ascii_case("false"))
            })
        })
}

fn condition_keys(s: &Statement) -> impl Iterator<Item = (&ConditionBlock, &ConditionKey)> {
    s.condition
        .iter()
        .flat_map(|c| c.blocks.iter())
        .flat_map(|b| b.keys.iter().map(move |k| (b, k)))
}

fn has_key(s: &Statement, key: &str) -> bool {
    condition_keys(s).any(|(_, k)| k.key.value.eq_ignore_ascii_case(key))
}

fn is_role_arn(r: &str) -> bool {
    r.strip_prefix("acs:ram::")
        .and_then(|rest| rest.split_once(":role/"))
        .is_some_and(|(acct, name)| !acct.is_empty() && !name.is_empty())
}

fn digits_or_wildcard(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'*' || b == b'?')
}

impl Linter<'_> {
    fn push(&mut self, code: Code, loc: &Loc, subject: impl Into<String>, hint: Option<&str>) {
        self.out.push(Finding {
            check: code.check(),
            loc: loc.clone(),
            policy: None,
            subject: subject.into(),
            subject_zh: None,
            hint: hint.map(str::to_owned),
        });
    }

    fn has_problem_at(&self, path: &str) -> bool {
        self.parsed.problems.iter().any(|p| p.loc.path == path)
    }

    fn problems(&mut self) {
        for p in &self.parsed.problems {
            let (code, subject, hint) = match &p.kind {
                ProblemKind::WrongType { .. } => (Code::E027, p.message(Lang::En), None),
                ProblemKind::UnknownKey { key, suggestion } => {
                    (Code::E028, key.clone(), *suggestion)
                }
                ProblemKind::DuplicateKey(key) => (Code::W011, key.clone(), None),
                ProblemKind::EmptyList => (Code::E029, p.loc.path.clone(), None),
            };
            let mut f = Finding {
                check: code.check(),
                loc: p.loc.clone(),
                policy: None,
                subject,
                subject_zh: None,
                hint: hint.map(str::to_owned),
            };
            if code == Code::E027 {
                f.subject_zh = Some(p.message(Lang::Zh));
            }
            self.out.push(f);
        }
    }

    fn document(&mut self, text: &str) {
        let policy = &self.parsed.policy;
        match policy.version.as_ref().map(|v| v.value.as_str()) {
            Some("1") => {}
            Some("2012-10-17") => self.push(
                Code::E003,
                &policy.version.as_ref().unwrap().loc,
                "\"2012-10-17\"",
                None,
            ),
            Some(v) => self.push(
                Code::E002,
                &policy.version.as_ref().unwrap().loc,
                format!("\"{v}\""),
                None,
            ),
            None if !self.has_problem_at("Version") => {
                self.push(Code::E002, &policy.loc, "missing", None)
            }
            None => {}
        }
        if policy.statements.is_empty() && !self.has_problem_at("Statement") {
            self.push(Code::E004, &policy.loc, "", None);
        }
        if !policy.statement_as_list && !policy.statements.is_empty() {
            self.push(Code::N008, &policy.statements[0].loc, "", None);
        }
        let length = text.chars().count();
        if self.kind == Kind::Permission && length > 6144 {
            self.push(Code::E026, &policy.loc, length.to_string(), None);
        }
        if self.parsed.problems.is_empty() {
            let canonical = print(policy);
            if canonical != text {
                let line = canonical
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .map_or_else(
                        || canonical.lines().count().min(text.lines().count()) + 1,
                        |i| i + 1,
                    );
                let offset = text
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum();
                let pos = crate::policy::json::Pos {
                    line: line as u32,
                    column: 1,
                    offset,
                };
                self.push(
                    Code::N004,
                    &Loc {
                        pos,
                        path: String::new(),
                    },
                    line.to_string(),
                    None,
                );
            }
        }
        let mut seen: Vec<(Effect, String, String)> = Vec::new();
        for s in &policy.statements {
            self.statement(s);
            self.mergeable(s, &mut seen);
        }
    }

    fn mergeable(&mut self, s: &Statement, seen: &mut Vec<(Effect, String, String)>) {
        let (Some(effect), Some(_), Some(resource)) = (s.effect(), &s.action, &s.resource) else {
            return;
        };
        let mut resources: Vec<&str> = resource.texts().collect();
        resources.sort_unstable();
        let mut cond: Vec<String> = condition_keys(s)
            .map(|(b, k)| {
                format!(
                    "{}|{}|{}",
                    b.operator.value,
                    k.key.value,
                    k.values.texts().collect::<Vec<_>>().join(",")
                )
            })
            .collect();
        cond.sort();
        let key = (effect, resources.join(","), cond.join(";"));
        if seen.contains(&key) {
            self.push(Code::N007, &s.loc, s.index.to_string(), None);
        } else {
            seen.push(key);
        }
    }

    fn statement(&mut self, s: &Statement) {
        match (&s.effect, s.effect()) {
            (_, Some(_)) => {}
            (Some(e), None) => self.push(Code::E005, &e.loc, format!("\"{}\"", e.value), None),
            (None, None) if !self.has_problem_at(&format!("{}.Effect", s.loc.path)) => {
                self.push(Code::E005, &s.loc, "missing", None)
            }
            _ => {}
        }
        match (&s.action, &s.not_action) {
            (None, None) => self.push(Code::E006, &s.loc, "", None),
            (Some(_), Some(n)) => self.push(Code::E007, &n.loc, "", None),
            _ => {}
        }
        for v in [&s.action, &s.not_action, &s.resource]
            .into_iter()
            .flatten()
        {
            if v.as_list && v.items.len() == 1 {
                self.push(Code::N001, &v.loc, v.loc.path.clone(), None);
            }
        }
        for v in [&s.action, &s.not_action].into_iter().flatten() {
            self.list_overlap(v, true);
            for item in &v.items {
                self.action(s, item);
            }
        }
        if let Some(n) = &s.not_resource {
            self.push(Code::E020, &n.loc, "", None);
        }
        if let Some(loc) = &s.not_principal {
            self.push(Code::E021, loc, "", None);
        }
        match self.kind {
            Kind::Permission => {
                if s.resource.is_none() && s.not_resource.is_none() {
                    self.push(Code::E009, &s.loc, "", None);
                }
                if let Some(p) = &s.principal {
                    self.push(Code::E022, &p.loc, "", None);
                }
                self.permission(s);
            }
            Kind::Trust => {
                if let Some(r) = &s.resource {
                    self.push(Code::E025, &r.loc, "", None);
                }
                match &s.principal {
                    Some(p) => self.principal(s, p),
                    None if s.not_principal.is_none() => self.push(Code::E023, &s.loc, "", None),
                    None => {}
                }
            }
        }
        if let Some(r) = &s.resource {
            self.list_overlap(r, false);
            for item in &r.items {
                self.resource(s, item);
            }
        }
        if let Some(c) = &s.condition {
            self.condition(s, c);
        }
    }

    fn list_overlap(&mut self, v: &Values, ignore_case: bool) {
        for (i, item) in v.items.iter().enumerate() {
            let same = |o: &Located<String>| {
                if ignore_case {
                    o.value.eq_ignore_ascii_case(&item.value)
                } else {
                    o.value == item.value
                }
            };
            if v.items[..i].iter().any(same) {
                self.push(Code::N002, &item.loc, item.value.clone(), None);
            } else if v.items.iter().any(|o| {
                !same(o)
                    && has_wildcard(&o.value)
                    && wildcard::matches(&o.value, &item.value, ignore_case)
            }) {
                self.push(Code::N003, &item.loc, item.value.clone(), None);
            }
        }
    }

    fn action(&mut self, s: &Statement, item: &Located<String>) {
        let a = item.value.as_str();
        if a == "*" {
            return;
        }
        let well_formed = a.split_once(':').is_some_and(|(svc, name)| {
            !svc.is_empty()
                && !name.is_empty()
                && svc
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_*?".contains(&b))
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.*?".contains(&b))
        });
        if !well_formed {
            self.push(Code::E008, &item.loc, a, None);
            return;
        }
        if self.kind == Kind::Trust
            && !a.eq_ignore_ascii_case("sts:AssumeRole")
            && s.action.is_some()
        {
            self.push(Code::E024, &item.loc, a, None);
        }
        let (svc, name) = a.split_once(':').unwrap_or_default();
        if let Some(service) = catalogue::service(svc) {
            if has_wildcard(name) {
                if service.complete && catalogue::matching_actions(a).next().is_none() {
                    self.push(Code::W010, &item.loc, a, None);
                }
            } else {
                match catalogue::find_action(a) {
                    Some(found) if found.name != name => {
                        self.push(
                            Code::N005,
                            &item.loc,
                            a,
                            Some(&format!("{}:{}", service.code, found.name)),
                        );
                    }
                    Some(_) => {}
                    None => {
                        let hint = nearest(name, service.actions().map(|x| x.name), 3)
                            .map(|n| format!("{}:{n}", service.code));
                        self.push(
                            if service.complete {
                                Code::W010
                            } else {
                                Code::N006
                            },
                            &item.loc,
                            a,
                            hint.as_deref(),
                        );
                    }
                }
            }
        }
        if s.effect() == Some(Effect::Allow)
            && s.action.is_some()
            && ESCALATION.iter().any(|e| wildcard::matches(a, e, true))
        {
            self.push(Code::S002, &item.loc, a, None);
        }
    }

    fn permission(&mut self, s: &Statement) {
        if s.effect() != Some(Effect::Allow) {
            return;
        }
        let resources: Vec<&Located<String>> =
            s.resource.iter().flat_map(|r| r.items.iter()).collect();
        let star = resources.iter().any(|r| r.value == "*");
        if star
            && s.condition.is_none()
            && s.action
                .as_ref()
                .is_some_and(|a| a.texts().any(|t| t == "*"))
        {
            self.push(Code::S001, &s.loc, "", None);
        }
        if star {
            if let Some(n) = &s.not_action {
                self.push(Code::S003, &n.loc, "", None);
            }
        }
        let Some(actions) = &s.action else { return };
        let assumes = actions
            .texts()
            .any(|t| t != "*" && wildcard::matches(t, "sts:AssumeRole", true));
        let only_assume = actions
            .texts()
            .all(|t| t.eq_ignore_ascii_case("sts:AssumeRole"));
        if !assumes {
            return;
        }
        for r in resources {
            if r.value == "*" || r.value.ends_with(":role/*") {
                self.push(Code::S008, &r.loc, r.value.clone(), None);
            } else if only_assume && !is_role_arn(&r.value) {
                self.push(Code::W019, &r.loc, r.value.clone(), None);
            }
        }
    }

    fn resource(&mut self, s: &Statement, item: &Located<String>) {
        let r = item.value.as_str();
        if r == "*" {
            return;
        }
        if r.starts_with("arn:") {
            self.push(Code::E011, &item.loc, r, None);
            return;
        }
        if !r.starts_with("acs:") {
            self.push(Code::E010, &item.loc, r, None);
            return;
        }
        let parts: Vec<&str> = r.splitn(5, ':').collect();
        if parts.len() < 5 {
            self.push(Code::E012, &item.loc, r, None);
            return;
        }
        if !parts[3].is_empty() && !digits_or_wildcard(parts[3]) {
            self.push(Code::W018, &item.loc, r, None);
        }
        let resource_service = parts[1];
        // RAM's authorization tables write its resources with region `*`
        // (`acs:ram:*:{#accountId}:user/{#UserName}`, e.g. GetUser); an empty
        // region is how a role's own ARN reads, which sts:AssumeRole takes.
        let ram_actions = s
            .action
            .iter()
            .flat_map(|a| a.texts())
            .any(|a| a.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("ram:")));
        if resource_service == "ram" && parts[2].is_empty() && ram_actions {
            self.push(Code::W022, &item.loc, r, None);
        }
        let services: Vec<&str> = s
            .action
            .iter()
            .flat_map(|a| a.texts())
            .map(|a| a.split_once(':').map_or("*", |(svc, _)| svc))
            .collect();
        let same = |svc: &str| {
            svc.eq_ignore_ascii_case(resource_service)
                || (svc.eq_ignore_ascii_case("sts") && resource_service == "ram")
        };
        if !has_wildcard(resource_service)
            && !services.is_empty()
            && services.iter().all(|svc| !has_wildcard(svc) && !same(svc))
        {
            self.push(Code::W014, &item.loc, r, None);
        }
    }

    fn principal(&mut self, s: &Statement, p: &Principal) {
        if p.wildcard {
            self.push(Code::S005, &p.loc, "*", None);
            return;
        }
        let conditioned = has_key(s, "sts:ExternalId") || has_key(s, "acs:MFAPresent");
        for e in &p.entries {
            let kind = e.kind.value.as_str();
            if !matches!(kind, "RAM" | "Service" | "Federated") {
                let hint = ["RAM", "Service", "Federated"]
                    .into_iter()
                    .find(|k| k.eq_ignore_ascii_case(kind));
                self.push(Code::E030, &e.kind.loc, kind, hint);
                continue;
            }
            for v in &e.values.items {
                let value = v.value.as_str();
                if value == "*" {
                    self.push(Code::S005, &v.loc, value, None);
                    continue;
                }
                let valid = match kind {
                    "RAM" => {
                        value.bytes().all(|b| b.is_ascii_digit())
                            || value
                                .strip_prefix("acs:ram::")
                                .and_then(|r| r.split_once(':'))
                                .is_some_and(|(acct, rest)| {
                                    digits_or_wildcard(acct)
                                        && (rest == "root"
                                            || rest
                                                .strip_prefix("user/")
                                                .or_else(|| rest.strip_prefix("role/"))
                                                .is_some_and(|n| !n.is_empty()))
                                })
                    }
                    "Service" => value.ends_with(".aliyuncs.com"),
                    // A SAML or an OIDC identity provider: the ARNs AssumeRoleWithSAML
                    // and AssumeRoleWithOIDC take (STS API reference).
                    _ => value
                        .strip_prefix("acs:ram::")
                        .and_then(|r| {
                            r.split_once(":saml-provider/")
                                .or_else(|| r.split_once(":oidc-provider/"))
                        })
                        .is_some_and(|(acct, name)| digits_or_wildcard(acct) && !name.is_empty()),
                };
                if !valid {
                    self.push(
                        if value.starts_with("arn:") {
                            Code::E011
                        } else {
                            Code::E031
                        },
                        &v.loc,
                        value,
                        None,
                    );
                    continue;
                }
                if kind == "RAM" {
                    // Account IDs are 16 digits (reference §9): another length matches no account.
                    let account = value
                        .strip_prefix("acs:ram::")
                        .and_then(|r| r.split_once(':'))
                        .map_or(value, |(acct, _)| acct);
                    if account != "*" && account.len() != 16 {
                        self.push(Code::W020, &v.loc, value, None);
                    }
                }
                let whole_account =
                    value.ends_with(":root") || value.bytes().all(|b| b.is_ascii_digit());
                if kind == "RAM"
                    && whole_account
                    && !conditioned
                    && s.effect() == Some(Effect::Allow)
                {
                    self.push(Code::S004, &v.loc, value, None);
                }
                if kind == "Federated"
                    && value.contains(":saml-provider/")
                    && !has_key(s, "saml:recipient")
                {
                    self.push(Code::S006, &v.loc, value, None);
                }
            }
        }
        let services_only =
            !p.entries.is_empty() && p.entries.iter().all(|e| e.kind.value == "Service");
        if services_only && has_key(s, "acs:MFAPresent") {
            let first = p.entries[0]
                .values
                .texts()
                .next()
                .unwrap_or_default()
                .to_owned();
            self.push(Code::W016, &p.loc, first, None);
        }
    }

    fn condition(&mut self, s: &Statement, c: &Condition) {
        if c.blocks.is_empty() {
            self.push(Code::W017, &c.loc, "Condition", None);
        }
        for b in &c.blocks {
            let op = b.operator.value.as_str();
            let aws = op.ends_with("IfExists")
                || op == "Null"
                || op.starts_with("ForAnyValue:")
                || op.starts_with("ForAllValues:")
                || op.starts_with("Arn")
                || op.starts_with("Binary");
            if aws {
                self.push(Code::E014, &b.operator.loc, op, None);
            } else if !is_operator(op) {
                self.push(
                    Code::E013,
                    &b.operator.loc,
                    op,
                    nearest(op, operator_names(), 3),
                );
            }
            if b.keys.is_empty() {
                self.push(Code::W017, &b.operator.loc, op, None);
            }
            for k in &b.keys {
                self.condition_key(op, k);
            }
        }
        if self.kind == Kind::Permission {
            if let Some(k) = denies_without_mfa(s) {
                self.push(Code::W001, &k.key.loc, "acs:MFAPresent = false", None);
                if let Some(a) = MFA_SELF_SERVICE.iter().find(|a| covers(s, a)) {
                    let subject = match &s.action {
                        Some(v) => v
                            .texts()
                            .find(|p| wildcard::matches(p, a, true))
                            .unwrap_or(a)
                            .to_owned(),
                        None => format!("everything but NotAction, including {a}"),
                    };
                    self.push(Code::W002, &s.loc, subject, None);
                }
            }
        }
    }

    fn condition_key(&mut self, op: &str, k: &ConditionKey) {
        let key = k.key.value.as_str();
        let well_formed = key.split_once(':').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && !key.contains(char::is_whitespace)
        });
        if !well_formed {
            self.push(Code::E015, &k.key.loc, key, None);
        } else if key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
            let hint = match &key[4..] {
                "SourceIp" => Some("acs:SourceIp"),
                "MultiFactorAuthPresent" => Some("acs:MFAPresent"),
                "SecureTransport" => Some("acs:SecureTransport"),
                "CurrentTime" => Some("acs:CurrentTime"),
                "UserAgent" => Some("acs:UserAgent"),
                "Referer" => Some("acs:Referer"),
                "SourceVpc" => Some("acs:SourceVpc"),
                _ => None,
            };
            self.push(Code::E016, &k.key.loc, key, hint);
        } else if key.starts_with("acs:")
            && !GLOBAL_KEYS.contains(&key)
            && !GLOBAL_KEY_PREFIXES.iter().any(|p| key.starts_with(p))
        {
            self.push(
                Code::W015,
                &k.key.loc,
                key,
                nearest(key, GLOBAL_KEYS.iter().copied(), 3),
            );
        }
        if self.kind == Kind::Trust && key.eq_ignore_ascii_case("sts:ExternalId") {
            if op != "StringEquals" {
                self.push(Code::S007, &k.key.loc, op, None);
            }
            // The AssumeRole parameter's format (STS AssumeRole: 2-1,224
            // characters of letters, digits and _+=,.@:/-) binds the values
            // a request can send: what StringEquals compares. A pattern
            // (StringLike's * and ?) or a value to exclude is no parameter.
            let sent_as_is = matches!(op, "StringEquals" | "StringEqualsIgnoreCase");
            for v in k
                .values
                .items
                .iter()
                .filter(|v| sent_as_is && check_external_id(&v.value).is_err())
            {
                self.push(Code::E032, &v.loc, v.value.clone(), None);
            }
        }
        if op == "Bool" && k.values.items.len() > 1 {
            self.push(Code::E017, &k.values.loc, key, None);
        }
        let literal_string = matches!(
            op,
            "StringEquals"
                | "StringNotEquals"
                | "StringEqualsIgnoreCase"
                | "StringNotEqualsIgnoreCase"
        );
        for v in &k.values.items {
            match value_fits(op, &v.value) {
                Some(false) if op == "Bool" => self.push(Code::E018, &v.loc, v.value.clone(), None),
                Some(false) => self.push(Code::E019, &v.loc, v.value.clone(), None),
                _ => {}
            }
            if literal_string && has_wildcard(&v.value) {
                self.push(Code::W008, &v.loc, v.value.clone(), None);
            }
        }
        let before = matches!(op, "DateLessThan" | "DateLessThanEquals")
            && key.eq_ignore_ascii_case("acs:CurrentTime");
        if let (true, Some(now)) = (before, self.now) {
            let dates: Vec<Option<UtcTime>> = k.values.texts().map(parse_date).collect();
            if !dates.is_empty() && dates.iter().all(|d| d.is_some_and(|d| d < now)) {
                let last = k
                    .values
                    .items
                    .last()
                    .map(|v| v.value.clone())
                    .unwrap_or_default();
                self.push(Code::W009, &k.values.loc, last, None);
            }
        }
    }
}

/// Runs every single-document check.
pub(super) fn lint(parsed: &Parsed, text: &str, kind: Kind, now: Option<UtcTime>) -> Vec<Finding> {
    let mut l = Linter {
        out: Vec::new(),
        kind,
        now,
        parsed,
    };
    l.problems();
    l.document(text);
    l.out
}
