//! Each Action / NotAction entry: known actions and their spelling, privilege escalation, and the statement-level permission checks.

use super::*;

impl Linter<'_> {
    pub(super) fn action(&mut self, s: &Statement, item: &Located<String>) {
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

    pub(super) fn permission(&mut self, s: &Statement) {
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
}
