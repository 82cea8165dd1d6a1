//! Each Resource entry: the ARN's shape, its account and region, and whether it belongs to the statement's service.

use super::*;

impl Linter<'_> {
    pub(super) fn resource(&mut self, s: &Statement, item: &Located<String>) {
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
}
