//! The catalogue Ramp's builders and checks rely on: the system policies of the
//! flows, with their documents as far as the reference knows them, and the
//! actions of `arms`, `xtrace`, `ram`, `sts` and `resourcemanager` with their
//! resource types. It is versioned and dated: what it says is what Alibaba Cloud
//! published on the dates given, not a live copy.

mod actions;
mod system;

pub use actions::{find_action, matching_actions, service, Access, Action, Service, SERVICES};
pub use system::{system_policy, system_policy_ignore_case, SystemPolicy, SYSTEM_POLICIES};

/// The catalogue's version: the date its sources were last checked.
pub const CATALOGUE_VERSION: &str = "2026-11-22";

/// The Levenshtein distance between two short ASCII strings, compared ignoring case
/// (for "did you mean" suggestions).
pub fn distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(cb));
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::policy::parse_policy;

    #[test]
    fn every_known_system_policy_document_parses_cleanly() {
        for p in SYSTEM_POLICIES {
            if let Some(doc) = p.document {
                let parsed = parse_policy(doc).unwrap_or_else(|e| panic!("{}: {e:?}", p.name));
                assert!(
                    parsed.problems.is_empty(),
                    "{}: {:?}",
                    p.name,
                    parsed.problems
                );
                assert!(!parsed.policy.statements.is_empty(), "{}", p.name);
            }
        }
    }

    #[test]
    fn system_policy_names_match_case_sensitively_with_a_suggestion() {
        assert!(system_policy("AliyunARMSFullAccess").is_some());
        assert!(system_policy("AliyunArmsFullAccess").is_none());
        assert_eq!(
            system_policy_ignore_case("aliyunarmsfullaccess").map(|p| p.name),
            Some("AliyunARMSFullAccess")
        );
    }

    #[test]
    fn actions_are_found_ignoring_case_and_by_wildcard() {
        assert_eq!(
            find_action("ARMS:readtraceapp").map(|a| a.name),
            Some("ReadTraceApp")
        );
        assert!(find_action("arms:ReadTraceAp").is_none());
        let reads: Vec<&str> = matching_actions("sts:Assume*")
            .map(|(_, a)| a.name)
            .collect();
        assert!(reads.contains(&"AssumeRole") && reads.contains(&"AssumeRoleWithSAML"));
        assert_eq!(matching_actions("ram:Nothing*").count(), 0);
        assert_eq!(
            find_action("ram:CreateUser").unwrap().access(),
            Access::Write
        );
        assert_eq!(find_action("ram:ListUsers").unwrap().access(), Access::Read);
    }

    #[test]
    fn the_catalogue_has_the_five_services_and_no_duplicate_actions() {
        let codes: Vec<&str> = SERVICES.iter().map(|s| s.code).collect();
        assert_eq!(codes, ["arms", "xtrace", "ram", "sts", "resourcemanager"]);
        for s in SERVICES {
            let mut names: Vec<String> = s.actions().map(|a| a.name.to_ascii_lowercase()).collect();
            let n = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), n, "duplicate action in {}", s.code);
        }
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("ReadTraceApp", "ReadTraceAp"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
