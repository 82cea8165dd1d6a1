//! Failures as JavaScript `Error`s carrying a `code` (`InvalidParameter`,
//! `SignatureDoesNotMatch`, `Ramp.Plan`…) and, for policies, the field.

use wasm_bindgen::JsValue;

/// An error to throw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsError {
    /// The code.
    pub code: String,
    /// The message: the field, the rule and the fix.
    pub message: String,
    /// The input field it is about, when one is.
    pub field: Option<String>,
}

impl JsError {
    /// An error with `code`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> JsError {
        JsError {
            code: code.into(),
            message: message.into(),
            field: None,
        }
    }

    /// The same error, about `field`.
    pub fn about(mut self, field: Option<&str>) -> JsError {
        self.field = field.map(str::to_owned);
        self
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> JsValue {
        let error = js_sys::Error::new(&e.message);
        let _ = js_sys::Reflect::set(&error, &"code".into(), &e.code.into());
        if let Some(field) = e.field {
            let _ = js_sys::Reflect::set(&error, &"field".into(), &field.into());
        }
        error.into()
    }
}
