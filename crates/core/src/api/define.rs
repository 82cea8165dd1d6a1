//! `call!`, which declares a typed request: its fields, the parameter each one
//! becomes, and the rule each one must meet.

use crate::credentials::Secret;

/// A field's value as a request parameter.
pub trait Param {
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
    fn text(&self) -> Option<String> {
        Some(self.expose().to_owned())
    }
}

/// Declares a request struct and its [`crate::api::Call`] implementation.
/// A field's rule is a function `(param, &str) -> Result<(), Invalid>`,
/// applied when the field has a value.
macro_rules! call {
    (
        $(#[$meta:meta])*
        $name:ident in $service:ident -> $resp:ty {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty = $param:literal $( , $rule:expr )? ; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
        }

        impl $crate::api::Call for $name {
            const ACTION: &'static str = stringify!($name);
            const SERVICE: $crate::api::Service = $crate::api::Service::$service;
            type Response = $resp;

            #[allow(unused_mut)]
            fn params(&self) -> Vec<(&'static str, String)> {
                let mut out = Vec::new();
                $( if let Some(v) = $crate::api::define::Param::text(&self.$field) { out.push(($param, v)); } )*
                out
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
