//! A client that signs typed calls with ramp-core and sends them to an
//! in-process sandbox — the same path `ramp serve` takes, minus HTTP.

#![allow(dead_code, unreachable_pub, clippy::result_large_err)] // each test file uses a part

use std::cell::Cell;

use ramp_core::api::{ApiError, Operation};
use ramp_core::credentials::Credentials;
use ramp_core::request::SignatureScheme;
use ramp_core::sign::{self, SigningInput};
use ramp_core::time::UtcTime;
use ramp_sandbox::{seed, Answer, Incoming, Options, Sandbox};

pub mod plans;

pub const T0: i64 = 1_800_000_000;

pub struct Env {
    pub sandbox: Sandbox,
    pub seed: seed::Seed,
    pub now: Cell<i64>,
}

pub fn demo() -> Env {
    demo_with(Options::default())
}

pub fn demo_with(options: Options) -> Env {
    with_seed(seed::demo(T0), options)
}

pub fn with_seed(seed: seed::Seed, options: Options) -> Env {
    Env {
        sandbox: Sandbox::new(seed.world.clone(), options),
        seed,
        now: Cell::new(T0),
    }
}

thread_local! {
    static NONCE: Cell<u64> = const { Cell::new(0) };
}

pub fn fresh_nonce() -> String {
    NONCE.with(|n| {
        n.set(n.get() + 1);
        format!("nonce-{}-{}", std::process::id(), n.get())
    })
}

impl Env {
    pub fn admin_a(&self) -> Credentials {
        self.seed.accounts[0].admin.credentials()
    }
    pub fn admin_b(&self) -> Credentials {
        self.seed.accounts[1].admin.credentials()
    }
    pub fn root_a(&self) -> Credentials {
        self.seed.accounts[0].root.credentials()
    }
    pub fn a(&self) -> &str {
        &self.seed.accounts[0].id
    }
    pub fn b(&self) -> &str {
        &self.seed.accounts[1].id
    }
    pub fn time(&self) -> UtcTime {
        UtcTime::from_unix_seconds(self.now.get())
    }

    /// Signs `call` and sends it; the raw answer.
    pub fn send_raw<C: Operation>(
        &self,
        creds: &Credentials,
        scheme: SignatureScheme,
        call: &C,
        nonce: &str,
        signed_at: UtcTime,
    ) -> Answer {
        let req = call.request().expect("the test's call is valid");
        let input = SigningInput {
            credentials: creds,
            time: signed_at,
            nonce,
        };
        let http = sign::sign(&req, scheme, &input).unwrap().request;
        let query = http.query_string();
        self.sandbox.handle(
            &Incoming::new(http.method.as_str(), "/", query, &http.headers, &http.body),
            self.time(),
        )
    }

    /// Signs `req` (V3), adds `extra` headers (unsigned, like a client's
    /// User-Agent) and sends it; the raw answer.
    pub fn send_request(
        &self,
        creds: &Credentials,
        req: &ramp_core::request::ApiRequest,
        extra: &[(&str, &str)],
    ) -> Answer {
        let nonce = fresh_nonce();
        let input = SigningInput {
            credentials: creds,
            time: self.time(),
            nonce: &nonce,
        };
        let mut http = sign::sign(req, SignatureScheme::V3, &input)
            .unwrap()
            .request;
        for (k, v) in extra {
            http.headers.push(((*k).to_owned(), (*v).to_owned()));
        }
        self.sandbox.handle(
            &Incoming::new(
                http.method.as_str(),
                "/",
                http.query_string(),
                &http.headers,
                &http.body,
            ),
            self.time(),
        )
    }

    /// A new RAM user `name` in `admin`'s account, with an AccessKey: its credentials.
    pub fn user_with_key(&self, admin: &Credentials, name: &str) -> Credentials {
        use ramp_core::api::ram::{CreateAccessKey, CreateUser};
        self.call(
            admin,
            &CreateUser {
                user_name: name.into(),
                ..Default::default()
            },
        )
        .unwrap();
        let key = self
            .call(
                admin,
                &CreateAccessKey {
                    user_name: Some(name.into()),
                },
            )
            .unwrap()
            .access_key;
        Credentials::new(key.access_key_id, key.access_key_secret.unwrap().expose())
    }

    /// Signs (V3) and sends; the parsed answer.
    pub fn call<C: Operation>(
        &self,
        creds: &Credentials,
        call: &C,
    ) -> Result<C::Response, ApiError> {
        self.call_with(creds, SignatureScheme::V3, call)
    }

    pub fn call_with<C: Operation>(
        &self,
        creds: &Credentials,
        scheme: SignatureScheme,
        call: &C,
    ) -> Result<C::Response, ApiError> {
        let a = self.send_raw(creds, scheme, call, &fresh_nonce(), self.time());
        if a.status == 200 {
            C::parse_response(&a.body)
        } else {
            Err(ApiError::parse(a.status, &a.body))
        }
    }
}

pub fn code<T: std::fmt::Debug>(r: Result<T, ApiError>) -> String {
    r.expect_err("expected an error").code
}
