//! `ramp serve`'s settings: flags, then `RAMP_*` environment variables (clap
//! reads both, the flag first), then the TOML file of `--config`, then the
//! defaults. A bad value stops start-up with a message naming it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

/// Options of `ramp serve`, declared once: the flags, their `RAMP_*`
/// variables, and the `--config` file's keys (the long names) are this one
/// struct, read twice — by clap, then by the TOML reader for the file.
#[derive(Debug, Default, Args, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ServeArgs {
    /// A TOML file with any of these settings under their long names
    /// (`bind = "0.0.0.0:8080"`, `allow-origin = ["https://portal.example.com"]`);
    /// flags and environment variables win over it.
    #[arg(long, value_name = "FILE", env = "RAMP_CONFIG")]
    #[serde(skip)]
    config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080]. Loopback unless given
    /// explicitly (e.g. 0.0.0.0:8080 to listen beyond this machine).
    #[arg(long, value_name = "ADDR", env = "RAMP_BIND")]
    bind: Option<SocketAddr>,
    /// The built app: the folder `trunk build` wrote [default: dist].
    #[arg(long, value_name = "DIR", env = "RAMP_DIST")]
    dist: Option<PathBuf>,
    /// Who may embed the app in a frame (CSP frame-ancestors), space-separated:
    /// 'none', 'self' or origins like https://portal.example.com [default: 'none'].
    #[arg(long, value_name = "SOURCES", env = "RAMP_FRAME_ANCESTORS")]
    frame_ancestors: Option<String>,
    /// Where /relay/{service} goes [default: sandbox]: `sandbox` (the built-in
    /// emulator) or `aliyun` (ram, sts, sts.<region>, resourcemanager and ims
    /// .aliyuncs.com over https, nothing else).
    #[arg(long, value_name = "MODE", env = "RAMP_UPSTREAM", value_enum)]
    upstream: Option<UpstreamMode>,
    /// For tests: relay to this loopback stand-in for Alibaba Cloud
    /// (http://127.0.0.1:PORT; any other address is refused).
    #[arg(long, value_name = "URL", env = "RAMP_UPSTREAM_URL")]
    upstream_url: Option<String>,
    /// Sandbox accounts instead of the demo seed (JSON: {"accounts": [{"id":
    /// "<16 digits>", "alias": "…", "resource-groups": ["…"]}]}).
    #[arg(long, value_name = "FILE", env = "RAMP_SANDBOX_CONFIG")]
    sandbox_config: Option<PathBuf>,
    /// The sandbox's starting state [default: demo]: `demo` (two accounts and
    /// their admins) or `org:N`, the demo with an organisation of N users
    /// (teams, roles, stale keys, users without MFA; at most 50,000) in account A.
    #[arg(long, value_name = "SEED", env = "RAMP_SEED", value_parser = parse_seed)]
    seed: Option<Seed>,
    /// Keep the sandbox's state in FILE across restarts (an SQLite database,
    /// one row per user, group, role, policy…; a change is acknowledged only
    /// once it is on disk) [default: in memory].
    /// The file holds the sandbox's own AccessKey secrets (mode 0600).
    #[arg(long, value_name = "FILE", env = "RAMP_STATE")]
    state: Option<PathBuf>,
    /// Sandbox enforcement [default: strict]: `strict` denies what policies do
    /// not allow, like Alibaba Cloud; `soft` allows it and logs the denial.
    #[arg(long, value_name = "MODE", env = "RAMP_ENFORCEMENT", value_enum)]
    enforcement: Option<EnforcementMode>,
    /// Serve the app only: no relay, no sandbox.
    #[arg(long, env = "RAMP_NO_SANDBOX")]
    no_sandbox: bool,
    /// Run the sandbox on a non-loopback address anyway: everyone who reaches
    /// it can use the demo accounts [default: refused].
    #[arg(long, env = "RAMP_SANDBOX_PUBLIC")]
    sandbox_public: bool,
    /// A portal origin allowed to call the relay and /api/info from the
    /// browser (exact, repeatable) [default: none; CORS off].
    #[arg(
        long,
        value_name = "ORIGIN",
        env = "RAMP_ALLOW_ORIGIN",
        value_delimiter = ','
    )]
    allow_origin: Vec<String>,
    /// Send the client's address upstream as x-forwarded-for [default: off].
    #[arg(long, env = "RAMP_FORWARD_CLIENT_IP")]
    forward_client_ip: bool,
    /// Log format [default: text]: `text` or `json` (one object per line, on stderr).
    #[arg(long, value_name = "FORMAT", env = "RAMP_LOG_FORMAT", value_enum)]
    log_format: Option<LogFormat>,
    /// Largest relayed request body, bytes [default: 65536]; larger → 413.
    #[arg(long, value_name = "BYTES", env = "RAMP_MAX_BODY_BYTES")]
    max_body_bytes: Option<usize>,
    /// Longest relayed query string, bytes [default: 16384]; longer → 414.
    #[arg(long, value_name = "BYTES", env = "RAMP_MAX_QUERY_BYTES")]
    max_query_bytes: Option<usize>,
    /// Largest total of request headers, bytes [default: 16384]; larger → 431.
    #[arg(long, value_name = "BYTES", env = "RAMP_MAX_HEADER_BYTES")]
    max_header_bytes: Option<usize>,
    /// Upstream calls at once [default: 64]; more → 503 with Retry-After.
    #[arg(long, value_name = "N", env = "RAMP_MAX_CONCURRENT")]
    max_concurrent: Option<usize>,
    /// Requests per client address per second [default: 50; 0 = unlimited]; more → 429.
    #[arg(long, value_name = "N", env = "RAMP_RATE_PER_CLIENT")]
    rate_per_client: Option<u32>,
    /// Seconds to connect to the upstream [default: 5]; longer → 504.
    #[arg(long, value_name = "SECONDS", env = "RAMP_CONNECT_TIMEOUT")]
    connect_timeout: Option<f64>,
    /// Seconds for the whole upstream exchange [default: 30]; longer → 504.
    #[arg(long, value_name = "SECONDS", env = "RAMP_TIMEOUT")]
    timeout: Option<f64>,
    /// Worker threads, each with its own listener on the address [default:
    /// the number of CPUs].
    #[arg(long, value_name = "N", env = "RAMP_WORKERS")]
    workers: Option<usize>,
}

/// `--upstream`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UpstreamMode {
    /// The built-in emulator.
    Sandbox,
    /// Alibaba Cloud's allow-listed endpoints over https.
    Aliyun,
}

/// `--enforcement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum EnforcementMode {
    /// Deny what policies do not allow, like Alibaba Cloud.
    Strict,
    /// Allow it and log the denial.
    Soft,
}

/// `--log-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LogFormat {
    /// Lines for people.
    Text,
    /// One JSON object per line.
    Json,
}

/// Where the relay goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Upstream {
    /// The built-in sandbox.
    Sandbox,
    /// Alibaba Cloud's allow-list.
    Aliyun,
    /// A loopback stand-in (tests).
    Loopback(String),
    /// No relay.
    None,
}

/// The sandbox's starting state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub(crate) enum Seed {
    /// The two demo accounts.
    Demo,
    /// The demo with an organisation of this many users.
    Org(usize),
}

impl TryFrom<String> for Seed {
    type Error = String;
    fn try_from(s: String) -> Result<Seed, String> {
        parse_seed(&s)
    }
}

fn parse_seed(s: &str) -> Result<Seed, String> {
    let max = ramp_sandbox::org::MAX_USERS;
    match s.trim() {
        "demo" => Ok(Seed::Demo),
        other => other
            .strip_prefix("org:")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=max).contains(n))
            .map(Seed::Org)
            .ok_or_else(|| format!("`{other}`: write demo, or org:N with N from 1 to {max}")),
    }
}

/// The resolved settings.
#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) bind: SocketAddr,
    pub(crate) dist: PathBuf,
    pub(crate) frame_ancestors: String,
    pub(crate) upstream: Upstream,
    pub(crate) sandbox_config: Option<PathBuf>,
    pub(crate) seed: Seed,
    pub(crate) state: Option<PathBuf>,
    pub(crate) soft: bool,
    pub(crate) allow_origins: Vec<String>,
    pub(crate) forward_client_ip: bool,
    pub(crate) json_logs: bool,
    pub(crate) limits: ramp_proxy::Limits,
    pub(crate) workers: usize,
}

fn read_file(path: &Path) -> Result<ServeArgs, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--config {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("--config {}: {e}", path.display()))
}

fn seconds(name: &str, value: f64) -> Result<Duration, String> {
    if value.is_finite() && value > 0.0 && value <= 3600.0 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(format!(
            "--{name}: `{value}` must be a number of seconds between 0 and 3600"
        ))
    }
}

impl ServeArgs {
    /// Resolves flags, environment, file and defaults.
    pub(crate) fn resolve(self) -> Result<Settings, String> {
        let file = match &self.config {
            Some(path) => read_file(path)?,
            None => ServeArgs::default(),
        };
        let upstream_mode = self
            .upstream
            .or(file.upstream)
            .unwrap_or(UpstreamMode::Sandbox);
        let enforcement = self
            .enforcement
            .or(file.enforcement)
            .unwrap_or(EnforcementMode::Strict);
        let log_format = self
            .log_format
            .or(file.log_format)
            .unwrap_or(LogFormat::Text);
        let no_sandbox = self.no_sandbox || file.no_sandbox;
        let upstream_url = self.upstream_url.or(file.upstream_url);
        // A stray RAMP_UPSTREAM_URL must not silently override a clear choice.
        match (&upstream_url, no_sandbox, upstream_mode) {
            (Some(_), true, _) => return Err("--upstream-url (or RAMP_UPSTREAM_URL) and --no-sandbox (or RAMP_NO_SANDBOX) contradict each other: keep one".into()),
            (Some(_), false, UpstreamMode::Aliyun) => return Err("--upstream-url (or RAMP_UPSTREAM_URL) and --upstream aliyun (or RAMP_UPSTREAM) contradict each other: keep one".into()),
            _ => {}
        }
        let upstream = match (upstream_url, no_sandbox) {
            (Some(url), _) => Upstream::Loopback(
                ramp_proxy::upstream::loopback_base(&url).map_err(|e| e.to_string())?,
            ),
            (None, true) => Upstream::None,
            (None, false) if upstream_mode == UpstreamMode::Aliyun => Upstream::Aliyun,
            (None, false) => Upstream::Sandbox,
        };
        let frame_ancestors = ramp_proxy::parse_frame_ancestors(
            &self
                .frame_ancestors
                .or(file.frame_ancestors)
                .unwrap_or_else(|| "'none'".into()),
        )
        .map_err(|e| e.to_string())?;
        let allow_origins = if self.allow_origin.is_empty() {
            file.allow_origin
        } else {
            self.allow_origin
        };
        let allow_origins = allow_origins
            .iter()
            .map(|o| ramp_proxy::parse_origin(o))
            .collect::<Result<Vec<_>, _>>()?;
        let defaults = ramp_proxy::Limits::default();
        let positive = |name: &str, v: usize| {
            if v == 0 {
                Err(format!("--{name}: must be at least 1"))
            } else {
                Ok(v)
            }
        };
        let limits = ramp_proxy::Limits {
            max_body_bytes: positive(
                "max-body-bytes",
                self.max_body_bytes
                    .or(file.max_body_bytes)
                    .unwrap_or(defaults.max_body_bytes),
            )?,
            max_query_bytes: positive(
                "max-query-bytes",
                self.max_query_bytes
                    .or(file.max_query_bytes)
                    .unwrap_or(defaults.max_query_bytes),
            )?,
            max_header_bytes: positive(
                "max-header-bytes",
                self.max_header_bytes
                    .or(file.max_header_bytes)
                    .unwrap_or(defaults.max_header_bytes),
            )?,
            max_concurrent: positive(
                "max-concurrent",
                self.max_concurrent
                    .or(file.max_concurrent)
                    .unwrap_or(defaults.max_concurrent),
            )?,
            per_client_per_second: self
                .rate_per_client
                .or(file.rate_per_client)
                .unwrap_or(defaults.per_client_per_second),
            connect_timeout: match self.connect_timeout.or(file.connect_timeout) {
                Some(v) => seconds("connect-timeout", v)?,
                None => defaults.connect_timeout,
            },
            total_timeout: match self.timeout.or(file.timeout) {
                Some(v) => seconds("timeout", v)?,
                None => defaults.total_timeout,
            },
            body_timeout: defaults.body_timeout,
        };
        let bind = self
            .bind
            .or(file.bind)
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let sandbox_public = self.sandbox_public || file.sandbox_public;
        if matches!(upstream, Upstream::Sandbox) && !bind.ip().is_loopback() && !sandbox_public {
            return Err(format!("--bind {bind} would publish the sandbox, whose demo AccessKeys anyone reaching {bind} could use: bind a loopback address (127.0.0.1), pass --upstream aliyun or --no-sandbox, or pass --sandbox-public to publish it on purpose"));
        }
        Ok(Settings {
            bind,
            dist: self.dist.or(file.dist).unwrap_or_else(|| "dist".into()),
            frame_ancestors,
            upstream,
            sandbox_config: self.sandbox_config.or(file.sandbox_config),
            seed: self.seed.or(file.seed).unwrap_or(Seed::Demo),
            state: self.state.or(file.state),
            soft: enforcement == EnforcementMode::Soft,
            allow_origins,
            forward_client_ip: self.forward_client_ip || file.forward_client_ip,
            json_logs: log_format == LogFormat::Json,
            limits,
            workers: match self.workers.or(file.workers) {
                Some(n) => positive("workers", n)?,
                None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            },
        })
    }
}

#[cfg(test)]
mod tests;
