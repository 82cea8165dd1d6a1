//! Signature test vectors in the format of Ramp's shared `vectors/` files: a JSON
//! list of cases, each with its inputs and the expected intermediate values.
//! [`Vector::check`] recomputes a case and lists every value that differs; this is
//! what `ramp sign --vectors` runs.
//!
//! V1 cases carry `params` (every parameter, common ones included), `method`,
//! `access_key_secret`, `string_to_sign`, `signature`. V3 cases carry `method`,
//! `pathname`, `query`, `headers` (all signed), `body`, `access_key_id`,
//! `access_key_secret`, `canonical_request`, `string_to_sign`, `signature`,
//! `authorization`. A V3 case may give `hashed_payload` without a `body`, as
//! the official SDKs' own signer tests do (their signer takes the payload's
//! hash): the given hash is then signed as is.

use std::fmt;

use serde_json::Value;

use crate::sign::{canonical_query, v1, v3};

/// One test case.
#[derive(Clone, PartialEq, Eq)]
pub struct Vector {
    /// The case's name.
    pub name: String,
    /// HTTP method.
    pub method: String,
    /// The scheme-specific inputs.
    pub inputs: Inputs,
    /// The AccessKey secret (test data).
    pub access_key_secret: String,
    /// Expected values by field name (`string_to_sign`, `signature`, …), as given.
    pub expected: Vec<(String, String)>,
}

impl fmt::Debug for Vector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vector")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Inputs of a V1 or V3 case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inputs {
    /// RPC V1.
    V1 {
        /// Every parameter that is signed.
        params: Vec<(String, String)>,
    },
    /// ACS3-HMAC-SHA256.
    V3 {
        /// Request path.
        pathname: String,
        /// Query parameters.
        query: Vec<(String, String)>,
        /// Signed headers.
        headers: Vec<(String, String)>,
        /// Body text.
        body: String,
        /// The payload's hash, when the case gives it without a body.
        given_hash: Option<String>,
        /// AccessKey ID.
        access_key_id: String,
    },
}

/// The values a case produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    /// V1 canonical query or V3 canonical request.
    pub canonical: String,
    /// V3 hashed payload (empty for V1).
    pub hashed_payload: String,
    /// String to sign.
    pub string_to_sign: String,
    /// Signature.
    pub signature: String,
    /// V3 `Authorization` header (empty for V1).
    pub authorization: String,
}

/// A value that did not come out as the vector expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The vector's field (`signature`, `string_to_sign`, …).
    pub field: String,
    /// What the vector says.
    pub expected: String,
    /// What Ramp computed.
    pub actual: String,
}

/// A vector file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VectorError(pub String);

impl fmt::Display for VectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for VectorError {}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn pairs(v: Option<&Value>) -> Vec<(String, String)> {
    match v {
        Some(Value::Object(map)) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), text(v)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Reads a vector file: a JSON array of cases.
pub fn parse(json: &str) -> Result<Vec<Vector>, VectorError> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        VectorError(format!(
            "not JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let cases = value
        .as_array()
        .ok_or_else(|| VectorError("expected a JSON array of test cases".into()))?;
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| parse_case(i, case))
        .collect()
}

fn parse_case(index: usize, case: &Value) -> Result<Vector, VectorError> {
    let field = |name: &str| case.get(name).map(text);
    let name = field("name").unwrap_or_else(|| format!("case #{}", index + 1));
    let need = |n: &str| field(n).ok_or_else(|| VectorError(format!("{name}: missing `{n}`")));
    let method = need("method")?;
    let access_key_secret = need("access_key_secret")?;
    let inputs = if case.get("canonical_request").is_some() || case.get("headers").is_some() {
        Inputs::V3 {
            pathname: field("pathname").unwrap_or_else(|| "/".into()),
            query: pairs(case.get("query")),
            headers: pairs(case.get("headers")),
            body: field("body").unwrap_or_default(),
            given_hash: field("hashed_payload")
                .filter(|_| field("body").is_none_or(|b| b.is_empty())),
            access_key_id: need("access_key_id")?,
        }
    } else {
        if case.get("params").is_none() {
            return Err(VectorError(format!("{name}: a V1 case needs `params`")));
        }
        Inputs::V1 {
            params: pairs(case.get("params")),
        }
    };
    let expected = [
        "canonical_request",
        "hashed_payload",
        "string_to_sign",
        "published_string_to_sign",
        "signature",
        "published_expected_signature",
        "authorization",
    ]
    .iter()
    .filter_map(|k| field(k).map(|v| ((*k).to_owned(), v)))
    .collect();
    Ok(Vector {
        name,
        method,
        inputs,
        access_key_secret,
        expected,
    })
}

impl Vector {
    /// Recomputes every value from the inputs.
    pub fn compute(&self) -> Computed {
        match &self.inputs {
            Inputs::V1 { params } => {
                let signed: Vec<(String, String)> = params
                    .iter()
                    .filter(|(k, _)| k != "Signature")
                    .cloned()
                    .collect();
                let canonical = canonical_query(&signed);
                let string_to_sign = v1::string_to_sign(&self.method, &canonical);
                let signature = v1::signature(&self.access_key_secret, &string_to_sign);
                Computed {
                    canonical,
                    hashed_payload: String::new(),
                    string_to_sign,
                    signature,
                    authorization: String::new(),
                }
            }
            Inputs::V3 {
                pathname,
                query,
                headers,
                body,
                given_hash,
                access_key_id,
            } => {
                let names: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
                let (canon_headers, signed_headers) = v3::canonical_headers(headers, &names);
                let hashed_payload = given_hash
                    .clone()
                    .unwrap_or_else(|| v3::hash_payload(body.as_bytes()));
                let canonical = v3::canonical_request(
                    &self.method,
                    pathname,
                    &canonical_query(query),
                    &canon_headers,
                    &signed_headers,
                    &hashed_payload,
                );
                let string_to_sign = v3::string_to_sign(&canonical);
                let signature = v3::signature(&self.access_key_secret, &string_to_sign);
                let authorization = v3::authorization(access_key_id, &signed_headers, &signature);
                Computed {
                    canonical,
                    hashed_payload,
                    string_to_sign,
                    signature,
                    authorization,
                }
            }
        }
    }

    /// Every expected value that the recomputation does not reproduce.
    pub fn check(&self) -> Vec<Mismatch> {
        let computed = self.compute();
        self.expected
            .iter()
            .filter_map(|(field, expected)| {
                let actual = match field.as_str() {
                    "canonical_request" => &computed.canonical,
                    "hashed_payload" => &computed.hashed_payload,
                    "string_to_sign" | "published_string_to_sign" => &computed.string_to_sign,
                    "signature" | "published_expected_signature" => &computed.signature,
                    _ => &computed.authorization,
                };
                (actual != expected).then(|| Mismatch {
                    field: field.clone(),
                    expected: expected.clone(),
                    actual: actual.clone(),
                })
            })
            .collect()
    }
}
