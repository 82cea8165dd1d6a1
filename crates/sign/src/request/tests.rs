use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn validation_names_the_field() {
    let ok = ApiRequest::rpc("ram.aliyuncs.com", "CreateUser", "2015-05-01");
    assert!(ok.validate().is_ok());
    let e = ApiRequest {
        host: "https://ram.aliyuncs.com/".into(),
        ..ok.clone()
    }
    .validate()
    .unwrap_err();
    assert_eq!((e.field.as_str(), e.rule), ("host", RequestRule::Host));
    assert!(e.message(Lang::Zh).contains("主机名"));
    let e = ApiRequest {
        version: "2015-5-1".into(),
        ..ok.clone()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.rule, RequestRule::Version);
    let e = ApiRequest {
        action: "Create User".into(),
        ..ok
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.rule, RequestRule::Action);
}

#[test]
fn param_lines() {
    let p = parse_param_lines("# users\nUserName=alice\n\nComments=a=b \nEmpty=\n").unwrap();
    assert_eq!(
        p,
        vec![
            ("UserName".into(), "alice".into()),
            ("Comments".into(), "a=b ".into()),
            ("Empty".into(), "".into())
        ]
    );
    assert_eq!(
        parse_param_lines("NoEquals").unwrap_err().rule,
        RequestRule::ParamLine
    );
    assert_eq!(
        parse_param_lines(" =x").unwrap_err().rule,
        RequestRule::ParamName
    );
}

#[test]
fn debug_redacts_credentials() {
    let r = HttpRequest {
        method: Method::Post,
        host: "sts.aliyuncs.com".into(),
        path: "/".into(),
        query: "Action=GetUser&SecurityToken=tok-123&Signature=sig-456".into(),
        headers: vec![("x-acs-security-token".into(), "tok-789".into())],
        body: vec![],
    };
    let s = format!("{r:?}");
    assert!(
        !s.contains("tok-123") && !s.contains("sig-456") && !s.contains("tok-789"),
        "{s}"
    );
    assert!(s.contains("GetUser"), "the rest stays readable: {s}");
}
