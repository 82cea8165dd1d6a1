//! Each Condition block: operators RAM has, the keys and their values, ExternalId rules and expired dates.

use super::*;

impl Linter<'_> {
    pub(super) fn condition(&mut self, s: &Statement, c: &Condition) {
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

    pub(super) fn condition_key(&mut self, op: &str, k: &ConditionKey) {
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
