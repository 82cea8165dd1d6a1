//! `call!`, which declares a typed request: its fields, the parameter each one
//! becomes, and the rule each one must meet.

use crate::api::Invalid;
use crate::credentials::Secret;

/// A field's value as a request parameter.
pub trait Param {
    /// A secret (a password): sent in the signed form body, never in the
    /// query string, which proxies and access logs record.
    const SECRET: bool = false;
    /// The parameter text, or `None` to leave it out.
    fn text(&self) -> Option<String>;
}

impl Param for String {
    fn text(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl Param for Option<String> {
    fn text(&self) -> Option<String> {
        self.clone()
    }
}

impl Param for Option<bool> {
    fn text(&self) -> Option<String> {
        self.map(|b| b.to_string())
    }
}

impl Param for Option<u32> {
    fn text(&self) -> Option<String> {
        self.map(|n| n.to_string())
    }
}

impl Param for Secret {
    const SECRET: bool = true;
    fn text(&self) -> Option<String> {
        Some(self.expose().to_owned())
    }
}

/// A field read back from received request parameters (what a server does).
pub trait FromParam: Sized {
    /// The field from the parameter's text (`None` when absent).
    fn from_param(param: &'static str, text: Option<&str>) -> Result<Self, Invalid>;
}

fn malformed(param: &'static str, text: &str, what_en: &str, what_zh: &str) -> Invalid {
    Invalid {
        param,
        code: format!("InvalidParameter.{param}"),
        value: Some(text.chars().take(64).collect()),
        rule_en: format!("must be {what_en}"),
        rule_zh: format!("必须是{what_zh}"),
    }
}

impl FromParam for String {
    fn from_param(param: &'static str, text: Option<&str>) -> Result<Self, Invalid> {
        text.map(str::to_owned)
            .ok_or_else(|| Invalid::missing(param))
    }
}

impl FromParam for Option<String> {
    fn from_param(_: &'static str, text: Option<&str>) -> Result<Self, Invalid> {
        Ok(text.map(str::to_owned))
    }
}

impl FromParam for Option<bool> {
    fn from_param(param: &'static str, text: Option<&str>) -> Result<Self, Invalid> {
        match text {
            None => Ok(None),
            Some(t) if t.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(t) if t.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(t) => Err(malformed(param, t, "true or false", " true 或 false")),
        }
    }
}

impl FromParam for Option<u32> {
    fn from_param(param: &'static str, text: Option<&str>) -> Result<Self, Invalid> {
        match text {
            None => Ok(None),
            Some(t) => t
                .parse()
                .map(Some)
                .map_err(|_| malformed(param, t, "a whole number", "整数")),
        }
    }
}

impl FromParam for Secret {
    fn from_param(param: &'static str, text: Option<&str>) -> Result<Self, Invalid> {
        text.map(Secret::new).ok_or_else(|| Invalid::missing(param))
    }
}

/// The first value of `name` among received parameters.
pub fn received<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Declares a request struct and its [`crate::api::Operation`] implementation.
/// A field's rule is a function `(param, &str) -> Result<(), Invalid>`,
/// applied when the field has a value.
macro_rules! call {
    (@action $name:ident) => { stringify!($name) };
    (@action $name:ident $action:literal) => { $action };
    (
        $(#[$meta:meta])*
        $name:ident $(as $action:literal)? in $service:ident -> $resp:ty {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty = $param:literal $( , $rule:expr )? ; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        // A field is the parameter it names (the service's documentation
        // says what it means); a doc says only what the name cannot.
        #[allow(missing_docs)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
        }

        impl $crate::api::Operation for $name {
            const ACTION: &'static str = call!(@action $name $($action)?);
            const SERVICE: $crate::api::Service = $crate::api::Service::$service;
            type Response = $resp;

            #[allow(unused_mut)]
            fn params(&self) -> Vec<(&'static str, String)> {
                let mut out = Vec::new();
                $( if let Some(v) = $crate::api::define::Param::text(&self.$field) { out.push(($param, v)); } )*
                out
            }

            #[allow(unused_variables)] // calls without fields
            fn is_secret(param: &str) -> bool {
                false $( || (<$fty as $crate::api::define::Param>::SECRET && param == $param) )*
            }

            #[allow(unused_variables)]
            fn from_params(params: &[(String, String)]) -> Result<Self, $crate::api::Invalid> {
                Ok($name {
                    $( $field: $crate::api::define::FromParam::from_param(
                        $param,
                        $crate::api::define::received(params, $param),
                    )?, )*
                })
            }

            fn validate(&self) -> Result<(), $crate::api::Invalid> {
                $( $(
                    if let Some(v) = $crate::api::define::Param::text(&self.$field) {
                        let rule: fn(&'static str, &str) -> Result<(), $crate::api::Invalid> = $rule;
                        rule($param, &v)?;
                    }
                )? )*
                Ok(())
            }
        }
    };
}
