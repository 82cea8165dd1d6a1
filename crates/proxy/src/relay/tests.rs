use super::*;

#[test]
fn only_plain_service_names_pass_the_path_check() {
    assert_eq!(
        service_name("/relay/sts.cn-hangzhou"),
        Some("sts.cn-hangzhou")
    );
    for bad in [
        "/relay/",
        "/relay/sts%2Eevil.com",
        "/relay/a/b",
        "/relay/a@b",
        "/relay/a\\b",
        "/other/ram",
        "/relay/RAM",
    ] {
        assert_eq!(service_name(bad), None, "{bad}");
    }
}

#[test]
fn the_action_is_read_from_the_header_or_the_query_and_bounded() {
    let mut h = HeaderMap::new();
    assert_eq!(action_of("Action=CreateUser&UserName=x", &h), "CreateUser");
    assert_eq!(action_of("UserName=x", &h), "other");
    assert_eq!(action_of("Action=%3Cscript%3E", &h), "other");
    h.insert("x-acs-action", HeaderValue::from_static("AssumeRole"));
    assert_eq!(action_of("", &h), "AssumeRole");
}

#[test]
fn only_known_actions_of_relayed_services_are_metrics_labels() {
    assert!(known_action("ram", "CreateUser"));
    assert!(known_action("sts.cn-hangzhou", "AssumeRole"));
    assert!(!known_action("ram", "AssumeRole"));
    assert!(!known_action("ram", "Made9Up"));
    assert!(!known_action("refused", "CreateUser"));
    // IMS's actions are authorised, and catalogued, as RAM's.
    assert!(known_action("ims", "GetDefaultDomain"));
    assert!(!known_action("ims", "Made9Up"));
}
