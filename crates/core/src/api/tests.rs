//! Every rule has a passing and a failing case; every response type parses the
//! reference's shapes; errors parse from JSON and XML and explain themselves.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::ram::*;
use super::rm::*;
use super::sts::*;
use super::*;
use crate::credentials::Secret;
use crate::lang::{Lang, Localized};

fn code<C: Operation>(call: &C) -> Option<String> {
    call.validate().err().map(|e| e.code)
}

#[test]
fn user_group_role_and_policy_names_follow_the_services_rules() {
    let user = |n: &str| CreateUser {
        user_name: n.into(),
        ..Default::default()
    };
    assert_eq!(code(&user("alice.w-1_x")), None);
    assert_eq!(
        code(&user("")).as_deref(),
        Some("InvalidParameter.UserName.Length")
    );
    assert_eq!(
        code(&user(&"a".repeat(65))).as_deref(),
        Some("InvalidParameter.UserName.Length")
    );
    assert_eq!(code(&user(&"a".repeat(64))), None);
    assert_eq!(
        code(&user("alice@x")).as_deref(),
        Some("InvalidParameter.UserName.InvalidChars")
    );
    let group = |n: &str| CreateGroup {
        group_name: n.into(),
        ..Default::default()
    };
    assert_eq!(code(&group("arms-team")), None);
    assert_eq!(
        code(&group("arms team")).as_deref(),
        Some("InvalidParameter.GroupName.InvalidChars")
    );
    let role = |n: &str| GetRole {
        role_name: n.into(),
    };
    assert_eq!(code(&role("arms.viewer-1")), None);
    assert_eq!(
        code(&role("arms_viewer")).as_deref(),
        Some("InvalidParameter.RoleName.InvalidChars")
    );
    let policy = |n: &str| GetPolicy {
        policy_name: n.into(),
        policy_type: "Custom".into(),
    };
    assert_eq!(code(&policy("arms-apps-shop")), None);
    assert_eq!(
        code(&policy("arms_apps")).as_deref(),
        Some("InvalidParameter.PolicyName.InvalidChars")
    );
    assert_eq!(
        code(&policy(&"p".repeat(129))).as_deref(),
        Some("InvalidParameter.PolicyName.Length")
    );
    assert_eq!(
        code(&GetPolicy {
            policy_name: "x".into(),
            policy_type: "custom".into()
        })
        .as_deref(),
        Some("InvalidParameter.PolicyType")
    );
}

#[test]
fn texts_emails_and_phones() {
    let ok = CreateUser {
        user_name: "alice".into(),
        display_name: Some("爱丽丝".into()),
        email: Some("alice@example.com".into()),
        mobile_phone: Some("86-18600008888".into()),
        comments: Some("ARMS on-call".into()),
    };
    assert_eq!(code(&ok), None);
    assert_eq!(
        code(&CreateUser {
            display_name: Some("x".repeat(129)),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.DisplayName.Length")
    );
    assert_eq!(
        code(&CreateUser {
            email: Some("alice@localhost".into()),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.Email.Format")
    );
    assert_eq!(
        code(&CreateUser {
            mobile_phone: Some("18600008888".into()),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.MobilePhone.Format")
    );
    assert_eq!(
        code(&CreateUser {
            comments: Some(String::new()),
            ..ok
        })
        .as_deref(),
        Some("InvalidParameter.Comments.Length")
    );
}

#[test]
fn role_limits_session_limits_and_documents() {
    let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1111111111111111:root"}}]}"#;
    let role = |d: u32| CreateRole {
        role_name: "arms-viewer".into(),
        assume_role_policy_document: trust.into(),
        max_session_duration: Some(d),
        ..Default::default()
    };
    assert_eq!(code(&role(3600)), None);
    assert_eq!(code(&role(43200)), None);
    assert_eq!(
        code(&role(3599)).as_deref(),
        Some("InvalidParameter.MaxSessionDuration")
    );
    assert_eq!(
        code(&role(43201)).as_deref(),
        Some("InvalidParameter.MaxSessionDuration")
    );
    let bad_doc = CreateRole {
        assume_role_policy_document: "{\"Version\":".into(),
        ..role(3600)
    };
    assert_eq!(code(&bad_doc).as_deref(), Some("MalformedPolicyDocument"));
    let big = format!(
        "{{\"Version\":\"1\",\"Statement\":[],\"Sid\":\"{}\"}}",
        "x".repeat(6200)
    );
    let policy = |d: &str| CreatePolicy {
        policy_name: "p".into(),
        policy_document: d.into(),
        description: None,
    };
    assert_eq!(
        code(&policy(&big)).as_deref(),
        Some("InvalidParameter.PolicyDocument.Length")
    );
    assert_eq!(code(&policy(trust)), None);
    let version = CreatePolicyVersion {
        policy_name: "p".into(),
        policy_document: trust.into(),
        set_as_default: Some(true),
        rotate_strategy: Some("Oldest".into()),
    };
    assert_eq!(
        code(&version).as_deref(),
        Some("InvalidParameter.RotateStrategy")
    );
}

#[test]
fn assume_role_parameters() {
    let ok = AssumeRole {
        role_arn: "acs:ram::1111111111111111:role/arms-viewer".into(),
        role_session_name: "alice@ramp".into(),
        duration_seconds: Some(900),
        policy: None,
        external_id: Some("ramp-7f3c9a".into()),
    };
    assert_eq!(code(&ok), None);
    assert_eq!(
        code(&AssumeRole {
            role_arn: "arn:aws:iam::1:role/x".into(),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.RoleArn")
    );
    assert_eq!(
        code(&AssumeRole {
            role_session_name: "a".into(),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.RoleSessionName")
    );
    assert_eq!(
        code(&AssumeRole {
            role_session_name: "a b".into(),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.RoleSessionName")
    );
    assert_eq!(
        code(&AssumeRole {
            duration_seconds: Some(899),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.DurationSeconds")
    );
    assert_eq!(
        code(&AssumeRole {
            external_id: Some("x".into()),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.ExternalId")
    );
    assert_eq!(
        code(&AssumeRole {
            policy: Some("x".repeat(2049)),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.PolicySize")
    );
    assert_eq!(
        code(&AssumeRole {
            policy: Some("{".into()),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.PolicyGrammar")
    );
    let req = ok.request().unwrap();
    assert_eq!(req.host, "sts.aliyuncs.com");
    assert_eq!(req.version, "2015-04-01");
    assert!(req
        .params
        .contains(&("ExternalId".to_owned(), "ramp-7f3c9a".to_owned())));
    assert!(
        !req.params.iter().any(|(k, _)| k == "Policy"),
        "empty optional parameters are left out"
    );
}

#[test]
fn resource_manager_attachments() {
    let ok = AttachPolicy {
        policy_name: "AliyunARMSReadOnlyAccess".into(),
        policy_type: "System".into(),
        principal_type: "IMSUser".into(),
        principal_name: "alice@example.onaliyun.com".into(),
        resource_group_id: "rg-aek2shop".into(),
    };
    assert_eq!(code(&ok), None);
    assert_eq!(
        code(&AttachPolicy {
            resource_group_id: "1234567890123456".into(),
            ..ok.clone()
        }),
        None
    );
    assert_eq!(
        code(&AttachPolicy {
            resource_group_id: "shop".into(),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.ResourceGroupId")
    );
    assert_eq!(
        code(&AttachPolicy {
            principal_type: "User".into(),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.PrincipalType")
    );
    assert_eq!(
        code(&AttachPolicy {
            principal_name: "alice".into(),
            ..ok.clone()
        })
        .as_deref(),
        Some("InvalidParameter.PrincipalName")
    );
    assert_eq!(
        code(&ListResourceGroups {
            page_size: Some(101),
            ..Default::default()
        })
        .as_deref(),
        Some("InvalidParameter.PageSize")
    );
    assert_eq!(
        code(&ListUsers {
            max_items: Some(1001),
            ..Default::default()
        })
        .as_deref(),
        Some("InvalidParameter.MaxItems")
    );
    assert_eq!(
        code(&ListPolicyAttachments {
            page_number: Some(0),
            ..Default::default()
        })
        .as_deref(),
        Some("InvalidParameter.PageNumber")
    );
    assert_eq!(
        code(&ListPolicyAttachments {
            page_number: Some(2),
            page_size: Some(100),
            ..Default::default()
        }),
        None
    );
    assert_eq!(
        code(&DeleteAccessKey {
            user_name: Some("alice".into()),
            user_access_key_id: "LTAI5t Key".into()
        })
        .as_deref(),
        Some("InvalidParameter.UserAccessKeyId.InvalidChars")
    );
    assert_eq!(
        code(&DeleteAccessKey {
            user_name: Some("alice".into()),
            user_access_key_id: "LTAI5tKey".into()
        }),
        None
    );
    assert_eq!(
        code(&UpdateRole {
            role_name: "r".into(),
            new_description: Some("d".repeat(1025)),
            ..Default::default()
        })
        .as_deref(),
        Some("InvalidParameter.NewDescription.Length")
    );
    assert_eq!(ok.request().unwrap().host, "resourcemanager.aliyuncs.com");
    assert_eq!(
        GetDefaultDomain {}.request().unwrap().host,
        "ims.aliyuncs.com"
    );
}

#[test]
fn passwords_are_checked_but_never_echoed() {
    let call = CreateLoginProfile {
        user_name: "alice".into(),
        password: Secret::new("short"),
        password_reset_required: Some(true),
        mfa_bind_required: Some(true),
    };
    let e = call.validate().unwrap_err();
    assert_eq!(e.code, "InvalidParameter.Password.TooWeak");
    assert!(
        e.value.is_none()
            && !e.message(Lang::En).contains("short")
            && !e.message(Lang::Zh).contains("short")
    );
    assert!(
        !format!("{call:?}").contains("short"),
        "Debug redacts the password"
    );
    let good = CreateLoginProfile {
        password: Secret::new("Ramp-2026-secret"),
        ..call
    };
    let req = good.request().unwrap();
    assert!(
        req.form
            .contains(&("Password".to_owned(), "Ramp-2026-secret".to_owned())),
        "what is signed carries it, in the form body"
    );
    assert!(
        !req.params.iter().any(|(k, _)| k == "Password"),
        "never in the query string, which access logs record"
    );
    assert!(
        CreateLoginProfile::is_secret("Password") && !CreateLoginProfile::is_secret("UserName")
    );
    assert!(req
        .params
        .contains(&("MFABindRequired".to_owned(), "true".to_owned())));
}

#[test]
fn responses_parse_the_reference_shapes() {
    let users = ListUsers::parse_response(r#"{"RequestId":"r1","IsTruncated":true,"Marker":"m2","Users":{"User":[{"UserId":"2169","UserName":"alice","DisplayName":"Alice","CreateDate":"2026-01-01T00:00:00Z"},{"UserId":"2170","UserName":"bob"}]}}"#).unwrap();
    assert!(users.page.is_truncated);
    assert_eq!(users.page.marker.as_deref(), Some("m2"));
    assert_eq!(
        users
            .users
            .0
            .iter()
            .map(|u| u.user_name.as_str())
            .collect::<Vec<_>>(),
        ["alice", "bob"]
    );
    let key = CreateAccessKey::parse_response(r#"{"RequestId":"r","AccessKey":{"AccessKeyId":"LTAI5tAbc","AccessKeySecret":"very-secret","Status":"Active","CreateDate":"2026-01-01T00:00:00Z"}}"#).unwrap();
    assert_eq!(
        key.access_key.access_key_secret.as_ref().unwrap().expose(),
        "very-secret"
    );
    assert!(!format!("{key:?}").contains("very-secret"));
    let role = GetRole::parse_response(r#"{"RequestId":"r","Role":{"RoleId":"9012","RoleName":"arms-viewer","Arn":"acs:ram::1111111111111111:role/arms-viewer","MaxSessionDuration":3600,"AssumeRolePolicyDocument":"{}","RolePrincipalName":"arms-viewer@role.demo.onaliyunservice.com","IsServiceLinkedRole":false}}"#).unwrap();
    assert_eq!(role.role.max_session_duration, Some(3600));
    let pp = GetPasswordPolicy::parse_response(r#"{"RequestId":"r","PasswordPolicy":{"MinimumPasswordLength":12,"RequireSymbols":true,"MaxLoginAttemps":5}}"#).unwrap();
    assert_eq!(
        (
            pp.password_policy.minimum_password_length,
            pp.password_policy.max_login_attempts
        ),
        (12, 5)
    );
    let policy = GetPolicy::parse_response(r#"{"RequestId":"r","Policy":{"PolicyName":"p","PolicyType":"Custom","DefaultVersion":"v2","AttachmentCount":3},"DefaultPolicyVersion":{"VersionId":"v2","IsDefaultVersion":true,"PolicyDocument":"{}"}}"#).unwrap();
    assert_eq!(policy.default_policy_version.unwrap().version_id, "v2");
    let sts = AssumeRole::parse_response(r#"{"RequestId":"r","Credentials":{"AccessKeyId":"STS.NUg","AccessKeySecret":"s3cr3t","SecurityToken":"t0k3n","Expiration":"2015-04-09T11:52:19Z"},"AssumedRoleUser":{"Arn":"acs:ram::123456789012****:role/adminrole/alice","AssumedRoleId":"34458433936495****:alice"}}"#).unwrap();
    assert_eq!(sts.credentials.expiration, "2015-04-09T11:52:19Z");
    assert!(!format!("{sts:?}").contains("t0k3n"));
    let who = GetCallerIdentity::parse_response(r#"{"RequestId":"r","AccountId":"1968132000129999","UserId":"2169","IdentityType":"RAMUser","Arn":"acs:ram::1968132000129999:user/admin"}"#).unwrap();
    assert_eq!(who.identity_type.as_deref(), Some("RAMUser"));
    let att = ListPolicyAttachments::parse_response(r#"{"RequestId":"r","PageNumber":1,"PageSize":10,"TotalCount":11,"PolicyAttachments":{"PolicyAttachment":[{"PolicyName":"AliyunARMSReadOnlyAccess","PolicyType":"System","PrincipalName":"alice@demo.onaliyun.com","PrincipalType":"IMSUser","ResourceGroupId":"rg-aek2shop"}]}}"#).unwrap();
    assert!(att.page.has_more());
    assert_eq!(att.policy_attachments.0[0].resource_group_id, "rg-aek2shop");
    let rgs = ListResourceGroups::parse_response(r#"{"RequestId":"r","PageNumber":1,"PageSize":10,"TotalCount":1,"ResourceGroups":{"ResourceGroup":[{"Id":"rg-aek2shop","Name":"shop","DisplayName":"Shop","AccountId":"1111","Status":"OK"}]}}"#).unwrap();
    assert!(!rgs.page.has_more());
    assert_eq!(
        GetDefaultDomain::parse_response(
            r#"{"RequestId":"r","DefaultDomainName":"demo.onaliyun.com"}"#
        )
        .unwrap()
        .default_domain_name,
        "demo.onaliyun.com"
    );
    assert_eq!(
        GetAccountAlias::parse_response(r#"{"RequestId":"r","AccountAlias":"demo"}"#)
            .unwrap()
            .account_alias,
        "demo"
    );
    let groups = ListGroupsForUser::parse_response(r#"{"RequestId":"r","Groups":{"Group":[{"GroupName":"arms","JoinDate":"2026-01-01T00:00:00Z"}]}}"#).unwrap();
    assert_eq!(groups.groups.0[0].group_name, "arms");
    assert!(DeleteUser::parse_response("not json").is_err());
    assert_eq!(
        DeleteUser::parse_response(r#"{"RequestId":"d"}"#)
            .unwrap()
            .request_id,
        "d"
    );
    assert_eq!(GetUser::parse_response(r#"{"RequestId":"r","User":{"UserId":"1","UserName":"alice","LastLoginDate":"2026-01-02T00:00:00Z"}}"#).unwrap().user.last_login_date.as_deref(), Some("2026-01-02T00:00:00Z"));
    let lp = GetLoginProfile::parse_response(r#"{"RequestId":"r","LoginProfile":{"UserName":"alice","PasswordResetRequired":true,"MFABindRequired":true}}"#).unwrap();
    assert!(lp.login_profile.password_reset_required && lp.login_profile.mfa_bind_required);
    let keys = ListAccessKeys::parse_response(r#"{"RequestId":"r","AccessKeys":{"AccessKey":[{"AccessKeyId":"LTAI1","Status":"Active"},{"AccessKeyId":"LTAI2","Status":"Inactive"}]}}"#).unwrap();
    assert_eq!(keys.access_keys.0.len(), 2);
    assert!(keys
        .access_keys
        .0
        .iter()
        .all(|k| k.access_key_secret.is_none()));
    assert_eq!(
        GetGroup::parse_response(
            r#"{"RequestId":"r","Group":{"GroupId":"g1","GroupName":"arms","Comments":"c"}}"#
        )
        .unwrap()
        .group
        .comments
        .as_deref(),
        Some("c")
    );
    let roles = ListRoles::parse_response(r#"{"RequestId":"r","IsTruncated":false,"Roles":{"Role":[{"RoleName":"a","Arn":"acs:ram::1:role/a","MaxSessionDuration":3600}]}}"#).unwrap();
    assert_eq!(roles.roles.0[0].arn.as_deref(), Some("acs:ram::1:role/a"));
    let v = CreatePolicyVersion::parse_response(r#"{"RequestId":"r","PolicyVersion":{"VersionId":"v3","IsDefaultVersion":true,"PolicyDocument":"{}"}}"#).unwrap();
    assert_eq!(v.policy_version.version_id, "v3");
    let ps = ListPoliciesForUser::parse_response(r#"{"RequestId":"r","Policies":{"Policy":[{"PolicyName":"AliyunARMSReadOnlyAccess","PolicyType":"System","AttachDate":"2026-01-01T00:00:00Z"}]}}"#).unwrap();
    assert_eq!(ps.policies.0[0].policy_type, "System");
}

#[test]
fn errors_parse_from_json_and_xml_and_explain_themselves() {
    let e = ApiError::parse(
        409,
        r#"{"RequestId":"R1","HostId":"ram.aliyuncs.com","Code":"EntityAlreadyExists.User","Message":"The user does already EXIST."}"#,
    );
    assert_eq!(
        (e.status, e.code.as_str(), e.request_id.as_deref()),
        (409, "EntityAlreadyExists.User", Some("R1"))
    );
    assert_eq!(e.class(), error::ErrorClass::AlreadyExists);
    assert!(e.message(Lang::Zh).contains("已存在"));
    let e = ApiError::parse(
        400,
        r#"{"Recommend":"https://error-center.aliyun.com/status/search?Keyword=InvalidTimeStamp.Expired","Message":"Specified time stamp or date value is expired.","RequestId":"R2","Code":"InvalidTimeStamp.Expired"}"#,
    );
    assert!(e.recommend.is_some());
    assert!(e.explain(Lang::En).unwrap().contains("clock"));
    let e = ApiError::parse(403, "<Error><RequestId>R3</RequestId><Code>NoPermission</Code><Message>You are not authorized to do this action.</Message></Error>");
    assert_eq!(e.code, "NoPermission");
    assert_eq!(e.class(), error::ErrorClass::NoPermission);
    let e = ApiError::parse(
        400,
        r#"{"code":"Throttling.User","message":"Request was denied due to user flow control.","requestId":"R4"}"#,
    );
    assert_eq!(e.class(), error::ErrorClass::Retry);
    for code in [
        "SignatureDoesNotMatch",
        "SignatureNonceUsed",
        "InvalidAccessKeyId.NotFound",
        "InvalidSecurityToken.Expired",
        "LimitExceeded.User",
        "DeleteConflict.User.Group",
        "EntityNotExist.Role",
        "NetworkError",
        "UpstreamTimeout",
        "UpstreamUnreachable",
        "Ramp.Conflict",
    ] {
        let e = ApiError::parse(400, &format!(r#"{{"Code":"{code}","Message":"m"}}"#));
        assert!(
            e.explain(Lang::En).is_some() && e.explain(Lang::Zh).is_some(),
            "{code}"
        );
    }
    assert_eq!(
        ApiError::parse(502, "<html>bad gateway</html>").code,
        "Ramp.UnreadableResponse"
    );
}
