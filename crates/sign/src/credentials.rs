//! Credentials: an AccessKey pair, optionally with an STS security token.
//!
//! Secrets never print: `Debug` and `Display` redact them.
//!
//! ```
//! use ramp_sign::credentials::Credentials;
//! let c = Credentials::new("LTAI5tExampleKeyId", "very-secret-value");
//! let shown = format!("{c:?} {c}");
//! assert!(!shown.contains("very-secret-value"));
//! ```

use std::fmt;

/// A secret string (AccessKey secret or STS token). Its text is only reachable
/// through [`Secret::expose`]; formatting shows `***`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret text, for signing. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `true` when the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Secrets arrive in responses (`AccessKeySecret`, `SecurityToken`): they can be
/// read from JSON, but never written back out (no `Serialize`).
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// What a request is signed with.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKey ID (`LTAI…` for long-term keys, `STS.…` for temporary ones). Not secret.
    pub access_key_id: String,
    /// The AccessKey secret.
    pub access_key_secret: Secret,
    /// The STS security token, for temporary credentials.
    pub security_token: Option<Secret>,
}

impl Credentials {
    /// Long-term AccessKey credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
        }
    }

    /// Temporary STS credentials.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }
}

/// Shows the first 4 and last 3 characters of a key ID (`LTAI***xyz`), or `***` when short.
pub fn mask_key_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 10 {
        return "***".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}***{tail}")
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &mask_key_id(&self.access_key_id))
            .field("access_key_secret", &self.access_key_secret)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.security_token.is_some() {
            "STS token"
        } else {
            "AccessKey"
        };
        write!(
            f,
            "{kind} {} (secret hidden)",
            mask_key_id(&self.access_key_id)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn formatting_never_shows_secrets() {
        let c = Credentials::new("STS.NSomeTempKeyId", "TopSecretValue")
            .with_security_token("TokenValue123");
        for shown in [format!("{c:?}"), format!("{c}"), format!("{c:#?}")] {
            assert!(!shown.contains("TopSecretValue"), "{shown}");
            assert!(!shown.contains("TokenValue123"), "{shown}");
            assert!(!shown.contains("STS.NSomeTempKeyId"), "{shown}");
            assert!(shown.contains("STS.***yId"), "{shown}");
        }
    }

    #[test]
    fn short_ids_are_fully_masked() {
        assert_eq!(mask_key_id("testid"), "***");
    }
}
