//! Typed RAM, STS, Resource Manager and IMS calls: each request validates
//! itself with the service's own rules and error codes before anything is
//! sent, and becomes an [`ApiRequest`] for the right endpoint and version;
//! responses and errors parse into typed values.
//!
//! ```
//! use ramp_core::api::{ram::CreateUser, Operation};
//! let call = CreateUser { user_name: "alice".into(), display_name: Some("Alice".into()), ..Default::default() };
//! let req = call.request().unwrap();
//! assert_eq!((req.host.as_str(), req.action.as_str(), req.version.as_str()), ("ram.aliyuncs.com", "CreateUser", "2015-05-01"));
//! let bad = CreateUser { user_name: "alice smith".into(), ..Default::default() };
//! assert_eq!(bad.request().unwrap_err().code, "InvalidParameter.UserName.InvalidChars");
//! ```

#[macro_use]
pub mod define;
pub mod call;
pub mod error;
pub mod ram;
pub mod responses;
pub mod rm;
pub mod rules;
pub mod sts;

pub use call::Call;
pub use error::ApiError;
pub use rules::Invalid;

use crate::request::ApiRequest;

/// The services Ramp calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// Resource Access Management, `2015-05-01`.
    Ram,
    /// Security Token Service, `2015-04-01`.
    Sts,
    /// Resource Manager, `2020-03-31`.
    ResourceManager,
    /// Identity Management Service, `2019-08-15`.
    Ims,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 4] = [
        Service::Ram,
        Service::Sts,
        Service::ResourceManager,
        Service::Ims,
    ];

    /// The endpoint host (RAM, IMS and Resource Manager are central; STS's
    /// global endpoint serves every region).
    pub fn host(self) -> &'static str {
        match self {
            Service::Ram => "ram.aliyuncs.com",
            Service::Sts => "sts.aliyuncs.com",
            Service::ResourceManager => "resourcemanager.aliyuncs.com",
            Service::Ims => "ims.aliyuncs.com",
        }
    }

    /// The API version.
    pub fn version(self) -> &'static str {
        match self {
            Service::Ram => "2015-05-01",
            Service::Sts => "2015-04-01",
            Service::ResourceManager => "2020-03-31",
            Service::Ims => "2019-08-15",
        }
    }

    /// The name the relay and the aliyun CLI use: `ram`, `sts`, `resourcemanager`, `ims`.
    pub fn code(self) -> &'static str {
        match self {
            Service::Ram => "ram",
            Service::Sts => "sts",
            Service::ResourceManager => "resourcemanager",
            Service::Ims => "ims",
        }
    }

    /// The code RAM policies name the service's actions with: `ram:` for RAM
    /// and for IMS (its operations are authorised as RAM's), else the code.
    pub fn ram_code(self) -> &'static str {
        match self {
            Service::Ims => "ram",
            other => other.code(),
        }
    }

    /// The service an API version belongs to.
    pub fn from_version(version: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.version() == version)
    }
}

/// One typed API operation.
pub trait Operation {
    /// The action name, e.g. `CreateUser`.
    const ACTION: &'static str;
    /// The service it belongs to.
    const SERVICE: Service;
    /// The response body it parses into.
    type Response: serde::de::DeserializeOwned;

    /// The request parameters, in declaration order, without empty optional ones.
    /// Secret values (passwords) are included: this is what gets signed.
    fn params(&self) -> Vec<(&'static str, String)>;

    /// Reads the call back from received parameters (the sandbox's side):
    /// a missing required parameter is `MissingParameter`, an unreadable
    /// number or flag `InvalidParameter.<Name>`. Call [`Operation::validate`] next.
    fn from_params(params: &[(String, String)]) -> Result<Self, Invalid>
    where
        Self: Sized;

    /// Checks every parameter against the service's rules.
    fn validate(&self) -> Result<(), Invalid>;

    /// The validated request, ready to sign.
    fn request(&self) -> Result<ApiRequest, Invalid> {
        self.validate()?;
        let mut req = ApiRequest::rpc(Self::SERVICE.host(), Self::ACTION, Self::SERVICE.version());
        for (k, v) in self.params() {
            if Self::is_secret(k) {
                req.form.push((k.to_owned(), v));
            } else {
                req = req.param(k, v);
            }
        }
        Ok(req)
    }

    /// Whether `param` holds a secret (a password), which [`Operation::request`]
    /// puts in the signed form body: query strings end up in proxies' and
    /// ingresses' access logs.
    fn is_secret(param: &str) -> bool;

    /// Parses a success body.
    #[allow(clippy::result_large_err)] // errors are rare and carry the whole answer for the user
    fn parse_response(body: &str) -> Result<Self::Response, ApiError> {
        serde_json::from_str(body).map_err(|e| ApiError::unreadable(body, &e.to_string()))
    }
}

#[cfg(test)]
mod tests;
