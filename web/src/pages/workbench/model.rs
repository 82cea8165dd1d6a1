//! The workbench's form and what it computes: pure, no DOM. The view dispatches
//! [`FormAction`]s; [`compute`] turns the form into a signed request with ramp-core.

use std::fmt;
use std::rc::Rc;

use ramp_core::credentials::Credentials;
use ramp_core::diff::{self, Comparison};
use ramp_core::lang::{Lang, Localized};
use ramp_core::request::{parse_param_lines, ApiRequest, Method, SignatureScheme};
use ramp_core::sign::{self, Signed, SigningInput};
use ramp_core::time::UtcTime;
use yew::Reducible;

/// A form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Field {
    Scheme,
    Method,
    Host,
    Action,
    Version,
    Params,
    AccessKeyId,
    Secret,
    Token,
    Time,
    Nonce,
    ServerText,
}

/// Everything the user typed. Secrets live here, in memory only.
#[derive(Clone, PartialEq, Eq)]
pub struct Form {
    /// `V1` or `V3`.
    pub scheme: SignatureScheme,
    /// `GET` or `POST`.
    pub method: String,
    /// Endpoint host.
    pub host: String,
    /// API name.
    pub action: String,
    /// API version.
    pub version: String,
    /// `Name=Value` lines.
    pub params: String,
    /// AccessKey ID.
    pub access_key_id: String,
    /// AccessKey secret.
    pub secret: String,
    /// STS token (optional).
    pub token: String,
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    pub time: String,
    /// Signature nonce.
    pub nonce: String,
    /// The server's string to sign, pasted for comparison.
    pub server_text: String,
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Form")
            .field("scheme", &self.scheme)
            .field("action", &self.action)
            .field("secret", &"***")
            .field("token", &"***")
            .finish_non_exhaustive()
    }
}

impl Form {
    /// An empty RAM request at the given time and nonce.
    pub fn new(time: String, nonce: String) -> Self {
        Form {
            scheme: SignatureScheme::V3,
            method: "POST".into(),
            host: "ram.aliyuncs.com".into(),
            action: "GetAccountAlias".into(),
            version: "2015-05-01".into(),
            params: String::new(),
            access_key_id: String::new(),
            secret: String::new(),
            token: String::new(),
            time,
            nonce,
            server_text: String::new(),
        }
    }

    /// The example of Alibaba Cloud's signature documentation (ECS `DescribeRegions`,
    /// `testid` / `testsecret`), which signs to a published value.
    pub fn documentation_example() -> Self {
        Form {
            scheme: SignatureScheme::V1,
            method: "GET".into(),
            host: "ecs.aliyuncs.com".into(),
            action: "DescribeRegions".into(),
            version: "2014-05-26".into(),
            params: "Format=XML".into(),
            access_key_id: "testid".into(),
            secret: "testsecret".into(),
            token: String::new(),
            time: "2016-02-23T12:46:24Z".into(),
            nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf".into(),
            server_text: String::new(),
        }
    }
}

/// What can happen to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormAction {
    /// A field changed.
    Set(Field, String),
    /// Replace everything with the documentation example.
    LoadExample,
}

impl Reducible for Form {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::LoadExample => next = Form::documentation_example(),
            FormAction::Set(field, value) => match field {
                Field::Scheme => {
                    next.scheme = if value == "V1" {
                        SignatureScheme::V1
                    } else {
                        SignatureScheme::V3
                    }
                }
                Field::Method => next.method = value,
                Field::Host => next.host = value,
                Field::Action => next.action = value,
                Field::Version => next.version = value,
                Field::Params => next.params = value,
                Field::AccessKeyId => next.access_key_id = value,
                Field::Secret => next.secret = value,
                Field::Token => next.token = value,
                Field::Time => next.time = value,
                Field::Nonce => next.nonce = value,
                Field::ServerText => next.server_text = value,
            },
        }
        Rc::new(next)
    }
}

/// A form that cannot be signed yet: the field and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// Which field to fix.
    pub field: Field,
    /// What is wrong and how to fix it, in the user's language.
    pub message: String,
}

/// Signs what the form describes.
pub fn compute(form: &Form, lang: Lang) -> Result<Signed, FormError> {
    let fail = |field: Field, message: String| FormError { field, message };
    let method = Method::parse(&form.method).map_err(|e| fail(Field::Method, e.message(lang)))?;
    let params =
        parse_param_lines(&form.params).map_err(|e| fail(Field::Params, e.message(lang)))?;
    let mut req = ApiRequest::rpc(form.host.trim(), form.action.trim(), form.version.trim())
        .with_method(method);
    req.params = params;
    req.validate().map_err(|e| {
        let field = match e.field.as_str() {
            "host" => Field::Host,
            "action" => Field::Action,
            "version" => Field::Version,
            _ => Field::Params,
        };
        fail(field, e.message(lang))
    })?;
    let time = UtcTime::parse(form.time.trim()).map_err(|e| {
        let message = match lang {
            Lang::En => e.to_string(),
            Lang::Zh => format!(
                "`{}` 不是 UTC 时间戳：请写成 yyyy-MM-ddTHH:mm:ssZ，例如 2024-01-02T03:04:05Z",
                e.input
            ),
        };
        fail(Field::Time, message)
    })?;
    let mut credentials = Credentials::new(form.access_key_id.trim(), form.secret.clone());
    if !form.token.is_empty() {
        credentials = credentials.with_security_token(form.token.clone());
    }
    let input = SigningInput {
        credentials: &credentials,
        time,
        nonce: form.nonce.trim(),
    };
    sign::sign(&req, form.scheme, &input).map_err(|e| {
        let field = if e.field == "nonce" {
            Field::Nonce
        } else {
            Field::AccessKeyId
        };
        fail(field, e.message(lang))
    })
}

/// Compares the pasted server text with ours: the string to sign, or for V3 the
/// canonical request when that is what was pasted.
pub fn compare(signed: &Signed, server_text: &str) -> Option<Comparison> {
    let pasted = server_text.trim();
    if pasted.is_empty() {
        return None;
    }
    let ours = if signed.trace.scheme == SignatureScheme::V3 && pasted.lines().count() > 2 {
        &signed.trace.canonical
    } else {
        &signed.trace.string_to_sign
    };
    Some(diff::compare(ours, pasted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Rc<Form> {
        Rc::new(Form::new("2024-01-01T00:00:00Z".into(), "n".into()))
            .reduce(FormAction::LoadExample)
    }

    #[test]
    fn example_signs_with_v1_over_the_documented_parameters() {
        let signed = compute(&example(), Lang::En).unwrap();
        let sts = &signed.trace.string_to_sign;
        assert!(
            sts.starts_with(
                "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26"
            ),
            "{sts}"
        );
        assert!(
            sts.contains("Timestamp%3D2016-02-23T12%253A46%253A24Z"),
            "{sts}"
        );
        let url = signed.request.url();
        // The parameters in canonical order, then the signature.
        assert!(
            url.starts_with(
                "https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions&Format=XML&"
            ),
            "{url}"
        );
        assert!(
            url.ends_with("&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"),
            "{url}"
        );
        assert!(
            url.contains("&Format=XML&") && !url.contains("Format=json"),
            "{url}"
        );
        let signature = ramp_core::encoding::percent_encode(&signed.trace.signature);
        assert!(url.ends_with(&format!("&Signature={signature}")), "{url}");
    }

    #[test]
    fn errors_name_the_field_in_the_chosen_language() {
        let form = example().reduce(FormAction::Set(Field::Time, "yesterday".into()));
        let e = compute(&form, Lang::Zh).unwrap_err();
        assert_eq!(e.field, Field::Time);
        assert!(e.message.contains("UTC 时间戳"), "{}", e.message);
        let form = example().reduce(FormAction::Set(Field::Params, "Broken".into()));
        assert_eq!(compute(&form, Lang::En).unwrap_err().field, Field::Params);
        let form = example().reduce(FormAction::Set(Field::Host, "https://x/".into()));
        assert_eq!(compute(&form, Lang::En).unwrap_err().field, Field::Host);
    }

    #[test]
    fn comparing_with_a_tampered_server_string_names_the_parameter() {
        let signed = compute(&example(), Lang::En).unwrap();
        let server = signed
            .trace
            .string_to_sign
            .replace("Format%3DXML", "Format%3DJSON");
        let c = compare(&signed, &server).unwrap();
        assert_eq!(
            c.differences,
            vec![ramp_core::diff::Difference::ParamValue {
                name: "Format".into(),
                ours: "XML".into(),
                theirs: "JSON".into()
            }]
        );
    }

    #[test]
    fn debug_hides_secrets() {
        assert!(!format!("{:?}", example()).contains("testsecret"));
    }
}
