//! A trust policy's Principal: who may assume the role, each value written the way RAM names principals, and the conditions a broad trust needs.

use super::*;

impl Linter<'_> {
    pub(super) fn principal(&mut self, s: &Statement, p: &Principal) {
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
}
