//! # ramp-sandbox
//!
//! An emulator of Alibaba Cloud RAM, STS, Resource Manager and IMS that behaves
//! like the real services: it verifies V1 and V3 signatures with
//! `ramp_core::verify`, authorizes every call with ramp-core's policy evaluator
//! (the one the studio shows), and answers with the real response shapes and
//! error codes, in JSON or XML.
//!
//! It does no network IO: [`Sandbox::handle`] takes a received request and the
//! time and gives the answer; `ramp serve` puts it behind HTTP. With a
//! [`store::Store`] every acknowledged change is on disk before the answer leaves.
//!
//! ```
//! use ramp_sandbox::{Sandbox, Incoming, seed};
//! use ramp_core::{api::{sts::GetCallerIdentity, Operation}, request::SignatureScheme, sign, time::UtcTime};
//! let demo = seed::demo(1_800_000_000);
//! let sandbox = Sandbox::new(demo.world.clone(), Default::default());
//! let now = UtcTime::from_unix_seconds(1_800_000_000);
//! let creds = demo.accounts[0].admin.credentials();
//! let req = GetCallerIdentity {}.request().unwrap();
//! let input = sign::SigningInput { credentials: &creds, time: now, nonce: "n-1" };
//! let http = sign::sign(&req, SignatureScheme::V3, &input).unwrap().request;
//! let query = http.query_string();
//! let answer = sandbox.handle(&Incoming::new(http.method.as_str(), "/", query, &http.headers, &http.body), now);
//! assert_eq!(answer.status, 200, "{}", answer.body);
//! assert!(answer.body.contains(":user/admin"));
//! ```
#![forbid(unsafe_code)]

mod auth;
pub mod authz;
mod ids;
mod nonces;
mod ops;
pub mod org;
pub mod rehearse;
pub mod reply;
pub mod rows;
pub mod seed;
pub mod store;
pub mod world;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use ramp_core::api::Service;
use ramp_core::time::UtcTime;
use ramp_core::verify::ReceivedRequest;

pub use auth::{Identity, KeyOwner};
pub use authz::Enforcement;
pub use ops::actions;
use reply::{render, Fault, Format};
use rows::Entity;
use world::World;

/// How the sandbox behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Strict (default) or soft enforcement.
    pub enforcement: Enforcement,
    /// Largest accepted clock difference, seconds (900 = 15 minutes).
    pub max_skew_seconds: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            enforcement: Enforcement::Strict,
            max_skew_seconds: 900,
        }
    }
}

/// A request as the HTTP layer received it, and where from.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// Method, path as signed (`/`: the relay's `/relay/{service}` is presented
    /// as `/`), raw query, headers (the relay sets `host` to the service's host), body.
    pub request: ReceivedRequest<'a>,
    /// The service the URL named (`/relay/sts`), when it named one.
    pub service: Option<Service>,
    /// The client's address (`acs:SourceIp`).
    pub source_ip: &'a str,
    /// Whether it came over TLS (`acs:SecureTransport`).
    pub secure: bool,
}

impl<'a> Incoming<'a> {
    /// A request from loopback over plain HTTP, service told by its API version.
    pub fn new(
        method: &'a str,
        path: &'a str,
        query: &'a str,
        headers: &'a [(String, String)],
        body: &'a [u8],
    ) -> Self {
        Incoming {
            request: ReceivedRequest {
                method,
                path,
                query,
                headers,
                body,
            },
            service: None,
            source_ip: "127.0.0.1",
            secure: false,
        }
    }
}

/// The sandbox's answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// Body.
    pub body: String,
    /// The `RequestId` (also sent as `x-acs-request-id`).
    pub request_id: String,
    /// The action, when one was named.
    pub action: Option<String>,
    /// The service it went to.
    pub service: Option<Service>,
    /// The error code, for failures.
    pub code: Option<String>,
    /// Soft enforcement: what strict mode would have denied.
    pub soft_denial: Option<String>,
}

/// The state and the key index, behind one lock.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) world: World,
    pub(crate) keys: HashMap<String, KeyOwner>,
    /// Bumped by every change.
    pub(crate) version: u64,
    /// What changed since the store last saved; kept only with `--state`.
    pub(crate) dirty: Option<BTreeSet<Entity>>,
}

impl Inner {
    /// Notes that `entity` changed, for the store to save.
    pub(crate) fn touch(&mut self, entity: Entity) {
        if let Some(dirty) = &mut self.dirty {
            dirty.insert(entity);
        }
    }

    fn new(world: World) -> Inner {
        let mut keys = HashMap::new();
        for (id, account) in &world.accounts {
            for k in &account.root_keys {
                keys.insert(k.id.clone(), KeyOwner::Root(id.clone()));
            }
            for (name, user) in &account.users {
                for k in &user.keys {
                    keys.insert(k.id.clone(), KeyOwner::User(id.clone(), name.clone()));
                }
            }
        }
        Inner {
            world,
            keys,
            version: 0,
            dirty: None,
        }
    }
}

/// The emulator.
#[derive(Debug)]
pub struct Sandbox {
    inner: Arc<Mutex<Inner>>,
    nonces: nonces::Nonces,
    options: Options,
    store: Option<store::Store>,
}

impl Sandbox {
    /// A sandbox over `world`, in memory.
    pub fn new(world: World, options: Options) -> Sandbox {
        Sandbox {
            inner: Arc::new(Mutex::new(Inner::new(world))),
            nonces: nonces::Nonces::default(),
            options,
            store: None,
        }
    }

    /// A sandbox whose every acknowledged change is written to `store` first.
    pub fn with_store(world: World, options: Options, store: store::Store) -> Sandbox {
        let sandbox = Sandbox::new(world, options);
        let inner = sandbox.inner.clone();
        inner.lock().unwrap_or_else(|e| e.into_inner()).dirty = Some(BTreeSet::new());
        store.start(move || {
            let mut inner = inner.lock().unwrap_or_else(|e| e.into_inner());
            let dirty = inner.dirty.replace(BTreeSet::new()).unwrap_or_default();
            let changed = dirty
                .iter()
                .map(|e| rows::current(&inner.world, e))
                .collect();
            (inner.version, changed)
        });
        Sandbox {
            store: Some(store),
            ..sandbox
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A handler that panicked left the state as it was before its change.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the whole state.
    pub fn snapshot(&self) -> World {
        self.lock().world.clone()
    }

    /// Answers one request at time `now`.
    pub fn handle(&self, incoming: &Incoming<'_>, now: UtcTime) -> Answer {
        let request_id = ids::request_id();
        let received = incoming.request;
        let params = received.params();
        let format = match ramp_core::api::define::received(&params, "Format") {
            Some(f) if f.eq_ignore_ascii_case("xml") => Format::Xml,
            Some(_) => Format::Json,
            // V1 answers XML by default; V3 clients ask for JSON.
            None if received.header("authorization").is_some() => Format::Json,
            None => Format::Xml,
        };
        let mut outcome = Outcome::default();
        let reply = self.run(incoming, &received, &params, now, &mut outcome);
        if let (Ok(_), Some(version)) = (&reply, outcome.committed) {
            if let Some(store) = &self.store {
                if let Err(e) = store.wait_durable(version) {
                    outcome.error_note = Some(e.to_string());
                }
            }
        }
        let reply = match outcome.error_note.take() {
            Some(why) => Err(Fault::new(
                500,
                "InternalError",
                format!(
                    "An internal error occurred: the sandbox could not save its state ({why})."
                ),
            )),
            None => reply,
        };
        let service = outcome.service;
        let host = service.map_or("sandbox", Service::host);
        let action = outcome.action.clone().unwrap_or_default();
        let rendered = render(&reply, format, &action, &request_id, host);
        Answer {
            status: rendered.status,
            content_type: rendered.content_type,
            body: rendered.body,
            request_id,
            action: outcome.action,
            service,
            code: reply.err().map(|f| f.code),
            soft_denial: outcome.soft_denial,
        }
    }

    fn run(
        &self,
        incoming: &Incoming<'_>,
        received: &ReceivedRequest<'_>,
        params: &[(String, String)],
        now: UtcTime,
        outcome: &mut Outcome,
    ) -> reply::Reply {
        let claim = auth::claim(received, now, self.options.max_skew_seconds)?;
        let action = claim.action.clone().ok_or_else(|| {
            Fault::bad("MissingParameter", "The input parameter \"Action\" that is mandatory for processing this request is not supplied.")
        })?;
        outcome.action = Some(action.clone());
        let version = claim.version.clone().ok_or_else(|| {
            Fault::bad("MissingParameter", "The input parameter \"Version\" that is mandatory for processing this request is not supplied.")
        })?;
        let service = Service::from_version(&version)
            .filter(|s| incoming.service.is_none_or(|named| named == *s || (named == Service::Ram && *s == Service::Ims)))
            .ok_or_else(|| {
                // The common error codes (reference §6): a missing Action or Version is
                // MissingParameter, a wrong one InvalidParameter (400).
                Fault::bad("InvalidParameter", format!("The specified parameter \"Action or Version\" is not valid: `{version}` is not an API version of {}.", incoming.service.map_or("RAM, STS, Resource Manager or IMS", Service::code)))
            })?;
        outcome.service = Some(service);
        let op = ops::find(service, &action).ok_or_else(|| {
            Fault::new(404, "InvalidAction.NotFound", format!("Specified api is not found, please check your url and method: {} has no action `{action}` in version {version}.", service.code()))
        })?;

        // The key's secret and owner, under the lock; the HMAC outside it.
        let found = {
            let inner = self.lock();
            auth::find_key(
                &inner.world,
                inner.keys.get(&claim.access_key_id),
                &claim,
                now,
            )?
        };
        auth::verify(&claim, received, &found.secret)?;
        let nonce = claim.nonce.as_deref().unwrap_or_default();
        if !self.nonces.first_use(
            &claim.access_key_id,
            nonce,
            now.unix_seconds(),
            self.options.max_skew_seconds,
        ) {
            return Err(Fault::bad("SignatureNonceUsed", format!("Specified signature nonce was used already: `{nonce}` was seen within the last {} minutes; send a fresh nonce with every request.", self.options.max_skew_seconds / 60)));
        }

        let mut inner = self.lock();
        if let Some(used) =
            auth::note_use(&mut inner.world, &found.identity, &claim.access_key_id, now)
        {
            // Saved with the next change: a read does not wait for the disk.
            inner.touch(used);
        }
        let mut ctx = ops::Ctx {
            inner: &mut inner,
            who: &found.identity,
            now,
            source_ip: incoming.source_ip,
            secure: incoming.secure,
            user_agent: incoming
                .request
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
                .map(|(_, v)| v.as_str()),
            access_key_id: &claim.access_key_id,
            enforcement: self.options.enforcement,
            changed: false,
            soft_denial: None,
        };
        let reply = op(&mut ctx, params);
        outcome.soft_denial = ctx.soft_denial.take();
        if ctx.changed && reply.is_ok() {
            inner.version += 1;
            if let Some(store) = &self.store {
                store.stage(inner.version);
                outcome.committed = Some(inner.version);
            }
        }
        reply
    }
}

/// What happened on the way, for the answer.
#[derive(Debug, Default)]
struct Outcome {
    action: Option<String>,
    service: Option<Service>,
    soft_denial: Option<String>,
    committed: Option<u64>,
    error_note: Option<String>,
}
