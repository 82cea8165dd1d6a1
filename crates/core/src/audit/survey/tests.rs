//! The survey driven with scripted answers: pages read to the end, a read
//! it may not make recorded as a gap, throttling waited out, an absent login
//! profile read as "no console", refused credentials stopping it.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::audit::account::{PolicyType, Principal};

fn param<'a>(o: &'a Outgoing, name: &str) -> Option<&'a str> {
    o.request
        .params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A small account's answers; `throttle_once` and `deny` change the script.
fn answer(o: &Outgoing, throttled: &mut bool, deny: &str) -> (u16, String) {
    let action = o.request.action.as_str();
    if action == deny {
        return (
            403,
            r#"{"Code":"NoPermission","Message":"You are not authorized to do this action."}"#
                .into(),
        );
    }
    let body = match action {
        "GetCallerIdentity" => r#"{"AccountId":"1111111111111111","Arn":"acs:ram::1111111111111111:user/auditor"}"#.to_owned(),
        "GetDefaultDomain" => r#"{"DefaultDomainName":"demo.onaliyun.com"}"#.into(),
        "GetPasswordPolicy" => r#"{"PasswordPolicy":{"MinimumPasswordLength":12,"MaxPasswordAge":90}}"#.into(),
        "ListUsers" => match param(o, "Marker") {
            None => r#"{"IsTruncated":true,"Marker":"m1","Users":{"User":[{"UserName":"alice","UserId":"1"}]}}"#.into(),
            Some("m1") => r#"{"IsTruncated":false,"Users":{"User":[{"UserName":"bob","UserId":"2"}]}}"#.into(),
            Some(other) => panic!("marker {other}"),
        },
        "ListGroups" => r#"{"IsTruncated":false,"Groups":{"Group":[{"GroupName":"ops"}]}}"#.into(),
        "ListUsersForGroup" => r#"{"IsTruncated":false,"Users":{"User":[{"UserName":"bob"}]}}"#.into(),
        "ListRoles" => r#"{"IsTruncated":false,"Roles":{"Role":[{"RoleName":"viewer","Arn":"acs:ram::1111111111111111:role/viewer"}]}}"#.into(),
        "GetRole" => r#"{"Role":{"RoleName":"viewer","AssumeRolePolicyDocument":"{\"Version\":\"1\",\"Statement\":[]}"}}"#.into(),
        "ListPolicies" => r#"{"IsTruncated":false,"Policies":{"Policy":[{"PolicyName":"mine","PolicyType":"Custom"}]}}"#.into(),
        "GetPolicy" => r#"{"Policy":{"PolicyName":"mine"},"DefaultPolicyVersion":{"VersionId":"v3","IsDefaultVersion":true,"PolicyDocument":"{\"Version\":\"1\",\"Statement\":[]}"}}"#.into(),
        "ListResourceGroups" => r#"{"PageNumber":1,"PageSize":100,"TotalCount":1,"ResourceGroups":{"ResourceGroup":[{"Id":"rg-1","Name":"shop"}]}}"#.into(),
        "ListPolicyAttachments" => {
            let page: u32 = param(o, "PageNumber").unwrap().parse().unwrap();
            let item = if page == 1 {
                r#"{"PolicyName":"mine","PolicyType":"Custom","PrincipalType":"IMSUser","PrincipalName":"alice@demo.onaliyun.com","ResourceGroupId":"1111111111111111"}"#
            } else {
                r#"{"PolicyName":"AliyunARMSReadOnlyAccess","PolicyType":"System","PrincipalType":"IMSGroup","PrincipalName":"ops@group.demo.onaliyun.com","ResourceGroupId":"rg-1"}"#
            };
            format!(r#"{{"PageNumber":{page},"PageSize":1,"TotalCount":2,"PolicyAttachments":{{"PolicyAttachment":[{item}]}}}}"#)
        }
        "ListVirtualMFADevices" => r#"{"VirtualMFADevices":{"VirtualMFADevice":[{"SerialNumber":"acs:ram::1:mfa/alice","User":{"UserName":"alice"}}]}}"#.into(),
        "ListAccessKeys" if param(o, "UserName") == Some("bob") => {
            r#"{"AccessKeys":{"AccessKey":[{"AccessKeyId":"LTAIbob","Status":"Active","CreateDate":"2026-01-01T00:00:00Z"}]}}"#.into()
        }
        "ListAccessKeys" => r#"{"AccessKeys":{"AccessKey":[]}}"#.into(),
        "GetAccessKeyLastUsed" => {
            if !*throttled {
                *throttled = true;
                return (400, r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#.into());
            }
            r#"{"AccessKeyLastUsed":{"LastUsedDate":"2026-11-30T00:00:00Z"}}"#.into()
        }
        "GetLoginProfile" if param(o, "UserName") == Some("alice") => {
            r#"{"LoginProfile":{"UserName":"alice","MFABindRequired":true}}"#.into()
        }
        "GetLoginProfile" => return (404, r#"{"Code":"EntityNotExist.User.LoginProfile","Message":"The login policy not exists."}"#.into()),
        "GetUser" => r#"{"User":{"UserName":"alice","LastLoginDate":"2026-12-01T00:00:00Z"}}"#.into(),
        other => panic!("unexpected {other}"),
    };
    (200, body)
}

/// Runs a survey to its end, answering with the script; the actions sent
/// and the waits asked for.
fn run(deny: &str) -> (Survey, Vec<String>, Vec<u64>) {
    let mut s = Survey::new(3);
    let mut sent = Vec::new();
    let mut waits = Vec::new();
    let mut throttled = false;
    let mut out: Vec<Outgoing> = Vec::new();
    for _ in 0..500 {
        match s.next() {
            Next::Send(o) => {
                sent.push(o.request.action.clone());
                out.push(*o);
            }
            Next::Wait { delay_ms } => waits.push(delay_ms),
            Next::Answers => {
                // Answer the oldest first, like a network would, mostly.
                let o = out.remove(0);
                let (status, body) = answer(&o, &mut throttled, deny);
                s.feed(o.id, status, &body);
            }
            Next::Finished | Next::Stopped(_) => break,
        }
    }
    (s, sent, waits)
}

#[test]
fn a_survey_reads_every_page_and_every_principal() {
    let (mut s, sent, waits) = run("");
    assert_eq!(s.next(), Next::Finished);
    let a = s.account();
    assert_eq!(
        (a.id.as_str(), a.domain.as_str()),
        ("1111111111111111", "demo.onaliyun.com")
    );
    assert_eq!(
        a.users.keys().collect::<Vec<_>>(),
        ["alice", "bob"],
        "both pages"
    );
    assert_eq!(sent.iter().filter(|s| *s == "ListUsers").count(), 2);
    assert_eq!(a.groups["ops"].members, ["bob"]);
    assert_eq!(a.attachments.len(), 2, "both pages of attachments");
    assert_eq!(
        a.attachments[0].resource_group, None,
        "the account ID is the account's scope"
    );
    assert_eq!(a.attachments[1].resource_group.as_deref(), Some("rg-1"));
    assert_eq!(a.attachments[1].principal, Principal::Group("ops".into()));
    // The system policy attached is read from the service, once.
    let system = a
        .document(PolicyType::System, "AliyunARMSReadOnlyAccess")
        .unwrap();
    // The script answers an empty document: not what the catalogue holds.
    assert!(system.differs_from_catalogue);
    assert!(
        !a.document(PolicyType::Custom, "mine")
            .unwrap()
            .differs_from_catalogue
    );
    let now = crate::time::UtcTime::parse("2026-12-03T00:00:00Z").unwrap();
    let options = crate::audit::findings::Options::at(now);
    let f = crate::audit::findings::findings(a, &crate::audit::model(a), &options);
    let a013 = crate::audit::findings::Check::A013;
    assert!(f
        .iter()
        .any(|f| f.code == a013 && f.subject.ends_with("AliyunARMSReadOnlyAccess")));
    assert_eq!(
        a.document(PolicyType::Custom, "mine").unwrap().version,
        "v3"
    );
    // alice has a console login (and so her last logon was read); bob has none.
    assert!(a.users["alice"].console.is_some() && a.users["bob"].console.is_none());
    assert_eq!(
        a.users["alice"].last_login.as_deref(),
        Some("2026-12-01T00:00:00Z")
    );
    assert_eq!(sent.iter().filter(|s| *s == "GetUser").count(), 1);
    assert_eq!(
        a.users["alice"].mfa_device.as_deref(),
        Some("acs:ram::1:mfa/alice")
    );
    // Throttled once, waited a second, read again.
    assert_eq!(waits, [THROTTLED_PAUSE_MS]);
    assert_eq!(
        a.users["bob"].keys[0].last_used.as_deref(),
        Some("2026-11-30T00:00:00Z")
    );
    assert!(a.gaps.is_empty(), "{:?}", a.gaps);
    let p = s.progress();
    assert_eq!(
        (p.done, p.known),
        (sent.len() - 1, sent.len() - 1),
        "one resend"
    );
}

#[test]
fn a_read_the_caller_may_not_make_is_a_gap_naming_the_permission() {
    let (s, _, _) = run("ListVirtualMFADevices");
    let gaps = &s.account().gaps;
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(
        (
            gaps[0].action.as_str(),
            gaps[0].code.as_str(),
            gaps[0].needs.as_str()
        ),
        (
            "ListVirtualMFADevices",
            "NoPermission",
            "ram:ListVirtualMFADevices"
        )
    );
    // Everything else was still read.
    assert_eq!(s.account().users.len(), 2);
}

#[test]
fn refused_credentials_stop_the_survey() {
    let mut s = Survey::new(1);
    let Next::Send(o) = s.next() else { panic!() };
    s.feed(
        o.id,
        400,
        r#"{"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found."}"#,
    );
    match s.next() {
        Next::Stopped(e) => assert_eq!(e.code, "InvalidAccessKeyId.NotFound"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_service_that_never_answers_stops_the_survey_at_once() {
    let mut s = Survey::new(2);
    let Next::Send(first) = s.next() else {
        panic!()
    };
    s.no_answer(first.id, "connection refused");
    match s.next() {
        Next::Stopped(e) => {
            assert_eq!(e.code, NO_ANSWER);
            assert!(
                e.message.contains("GetCallerIdentity: connection refused"),
                "{}",
                e.message
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_reader_policy_names_every_call_a_survey_makes_and_lints_clean() {
    let p = permissions();
    for needed in [
        "ram:ListUsers",
        "ram:GetAccessKeyLastUsed",
        "resourcemanager:ListPolicyAttachments",
        "ram:GetDefaultDomain",
    ] {
        assert!(p.iter().any(|a| a == needed), "{needed}: {p:?}");
    }
    let verb = |a: &String| a.split(':').nth(1).unwrap_or_default().to_owned();
    assert!(
        p.iter()
            .map(verb)
            .all(|v| v.starts_with("Get") || v.starts_with("List")),
        "{p:?}"
    );
    let doc = reader_policy();
    let report = crate::policy::lint::lint_text(&doc, &crate::policy::lint::Options::default());
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.check.tier > crate::policy::lint::Tier::Warning),
        "{:?}",
        report.findings
    );
    // Its layout is Ramp's canonical one.
    let parsed = crate::policy::parse_policy(&doc).unwrap();
    assert_eq!(crate::policy::print(&parsed.policy), doc);
}

/// A rate limit (the relay's 50 calls a second, or the service's): every
/// call answered while the window is spent is throttled. The survey pauses
/// once per window, not once per throttled answer, and loses nothing.
#[test]
fn throttled_answers_of_one_window_cause_one_pause_and_every_read_is_made_again() {
    let mut s = Survey::new(6);
    let mut waits = Vec::new();
    let mut out: Vec<Outgoing> = Vec::new();
    let mut answered_in_window = 0;
    let budget = 4; // calls the "service" answers per window
    for _ in 0..5_000 {
        match s.next() {
            Next::Send(o) => out.push(*o),
            Next::Wait { delay_ms } => {
                waits.push(delay_ms);
                answered_in_window = 0; // a new window
            }
            Next::Answers => {
                let o = out.remove(0);
                let (status, body) = if answered_in_window >= budget {
                    (429, r#"{"Code":"Throttling.User","Message":"More than 4 requests per second from this client; retry after a second."}"#.to_owned())
                } else {
                    answered_in_window += 1;
                    let mut ignored = true;
                    answer(&o, &mut ignored, "")
                };
                s.feed(o.id, status, &body);
            }
            Next::Finished | Next::Stopped(_) => break,
        }
    }
    let done = s.progress().done;
    let a = s.into_account();
    assert!(a.gaps.is_empty(), "{:?}", a.gaps);
    assert!(a.users.contains_key("alice") && a.users.contains_key("bob"));
    assert!(waits.iter().all(|w| *w == THROTTLED_PAUSE_MS), "{waits:?}");
    // One pause per window of 4 answers: never more windows than needed.
    let windows = done.div_ceil(budget);
    assert!(
        waits.len() < windows + 1 && waits.len() + 1 >= windows,
        "{} pauses for {done} reads in windows of {budget}",
        waits.len()
    );
}
