//! Answers: a success body or a [`Fault`], written as JSON or XML the way the
//! services write them (`RequestId` always; `HostId`, `Code`, `Message` on errors;
//! lists wrapped as `Plural: {Singular: [...]}` which XML repeats as elements).

use serde_json::{json, Map, Value};

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// HTTP status.
    pub status: u16,
    /// Alibaba Cloud's error code.
    pub code: String,
    /// Its message.
    pub message: String,
    /// `AccessDeniedDetail` of a denial.
    pub access_denied_detail: Option<Value>,
}

impl Fault {
    /// A fault with a status, code and message.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Fault {
        Fault {
            status,
            code: code.into(),
            message: message.into(),
            access_denied_detail: None,
        }
    }

    /// 400.
    pub fn bad(code: impl Into<String>, message: impl Into<String>) -> Fault {
        Fault::new(400, code, message)
    }

    /// 404 `EntityNotExist.*`.
    pub fn not_exist(what: &str, message: impl Into<String>) -> Fault {
        Fault::new(404, format!("EntityNotExist.{what}"), message)
    }

    /// 409 `EntityAlreadyExists.*`.
    pub fn exists(what: &str, message: impl Into<String>) -> Fault {
        Fault::new(409, format!("EntityAlreadyExists.{what}"), message)
    }

    /// 409 `LimitExceeded.*`.
    pub fn limit(what: &str, message: impl Into<String>) -> Fault {
        Fault::new(409, format!("LimitExceeded.{what}"), message)
    }

    /// 409 `DeleteConflict.*`.
    pub fn conflict(what: &str, message: impl Into<String>) -> Fault {
        Fault::new(409, format!("DeleteConflict.{what}"), message)
    }
}

impl From<ramp_core::api::Invalid> for Fault {
    fn from(e: ramp_core::api::Invalid) -> Fault {
        let message = if e.code == "MissingParameter" {
            format!(
                "The input parameter \"{}\" that is mandatory for processing this request is not supplied.",
                e.param
            )
        } else {
            format!("The parameter - \"{}\" is invalid: {}.", e.param, e.rule_en)
        };
        Fault::bad(e.code, message)
    }
}

/// What a handler answers: the success body without `RequestId`, or a fault.
pub type Reply = Result<Value, Fault>;

/// `JSON` or `XML`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/json`.
    Json,
    /// `text/xml`.
    Xml,
}

/// A rendered answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Body.
    pub body: String,
}

/// Writes `reply` for `action` with its request ID.
pub fn render(
    reply: &Reply,
    format: Format,
    action: &str,
    request_id: &str,
    host_id: &str,
) -> Rendered {
    let mut fields: Vec<(String, Value)> = vec![("RequestId".into(), json!(request_id))];
    let (status, root) = match reply {
        Ok(Value::Object(body)) => {
            fields.extend(
                body.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), without_nulls(v.clone()))),
            );
            (200, format!("{action}Response"))
        }
        Ok(_) => (200, format!("{action}Response")),
        Err(f) => {
            fields.push(("HostId".into(), json!(host_id)));
            fields.push(("Code".into(), json!(f.code)));
            fields.push(("Message".into(), json!(f.message)));
            fields.push((
                "Recommend".into(),
                json!(format!(
                    "https://api.aliyun.com/troubleshoot?q={}&product=Ramp-Sandbox",
                    f.code
                )),
            ));
            if let Some(d) = &f.access_denied_detail {
                fields.push(("AccessDeniedDetail".into(), d.clone()));
            }
            (f.status, "Error".to_owned())
        }
    };
    match format {
        Format::Json => Rendered {
            status,
            content_type: "application/json;charset=utf-8",
            body: Value::Object(fields.into_iter().collect::<Map<_, _>>()).to_string(),
        },
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            out.push_str(&format!("<{root}>"));
            for (k, v) in &fields {
                element(&mut out, k, v);
            }
            out.push_str(&format!("</{root}>"));
            Rendered {
                status,
                content_type: "text/xml;charset=utf-8",
                body: out,
            }
        }
    }
}

/// Absent optional fields are left out, as the services leave them out.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                element(out, name, item);
            }
        }
        Value::Object(fields) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (k, v) in fields {
                element(out, k, v);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        Value::Null => {}
        scalar => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            let text = match scalar {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            escape(out, &text);
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_repeats_list_items_and_escapes_text() {
        let body = json!({"Users": {"User": [{"UserName": "a<b"}, {"UserName": "c"}]}, "IsTruncated": false});
        let r = render(
            &Ok(body),
            Format::Xml,
            "ListUsers",
            "RID",
            "ram.aliyuncs.com",
        );
        assert_eq!(r.status, 200);
        assert_eq!(
            r.body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListUsersResponse><RequestId>RID</RequestId><IsTruncated>false</IsTruncated><Users><User><UserName>a&lt;b</UserName></User><User><UserName>c</UserName></User></Users></ListUsersResponse>"
        );
    }

    #[test]
    fn errors_carry_request_and_host_ids() {
        let r = render(
            &Err(Fault::not_exist("User", "The user does not exist.")),
            Format::Json,
            "GetUser",
            "RID",
            "ram.aliyuncs.com",
        );
        assert_eq!(r.status, 404);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["Code"], "EntityNotExist.User");
        assert_eq!(v["HostId"], "ram.aliyuncs.com");
        assert_eq!(v["RequestId"], "RID");
        let x = render(
            &Err(Fault::bad("X", "m")),
            Format::Xml,
            "GetUser",
            "RID",
            "h",
        );
        assert!(
            x.body
                .contains("<Error><RequestId>RID</RequestId><HostId>h</HostId><Code>X</Code>"),
            "{}",
            x.body
        );
    }
}
