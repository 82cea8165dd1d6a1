//! `ramp serve`: the web app, the relay (to the sandbox or to Alibaba Cloud),
//! `/api/info`, `/metrics`, `/healthz` and `/readyz`.

use std::process::ExitCode;

use std::sync::Arc;

pub(crate) use crate::serve_settings::ServeArgs;
use crate::serve_settings::{Settings, Upstream};
use ramp_proxy::upstream::Backend;
use ramp_sandbox::seed::{self, SeedAccount};
use ramp_sandbox::store::Store;
use ramp_sandbox::{Enforcement, Options, Sandbox};

/// The sandbox to run: from the state file, the config file, or the demo seed.
fn sandbox(args: &Settings) -> Result<(Arc<Sandbox>, Vec<SeedAccount>), String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let options = Options {
        enforcement: if args.soft {
            Enforcement::Soft
        } else {
            Enforcement::Strict
        },
        ..Options::default()
    };
    let fresh = || -> Result<seed::Seed, String> {
        match &args.sandbox_config {
            None => Ok(match args.seed {
                crate::serve_settings::Seed::Demo => seed::demo(now),
                crate::serve_settings::Seed::Org(n) => ramp_sandbox::org::org(n, now),
            }),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("--sandbox-config {}: {e}", path.display()))?;
                let config = seed::parse_config(&text)
                    .map_err(|e| format!("--sandbox-config {}: {e}", path.display()))?;
                seed::from_config(&config, now)
                    .map_err(|e| format!("--sandbox-config {}: {e}", path.display()))
            }
        }
    };
    match &args.state {
        None => {
            let seed = fresh()?;
            Ok((Arc::new(Sandbox::new(seed.world, options)), seed.accounts))
        }
        Some(path) => {
            let (store, saved) =
                Store::open(path).map_err(|e| format!("--state {}: {e}", path.display()))?;
            let (world, accounts) = match saved {
                Some(world) => {
                    let accounts = seed::describe(&world);
                    say!("Sandbox state restored from {}", path.display());
                    (world, accounts)
                }
                None => {
                    let seed = fresh()?;
                    store
                        .save_now(&seed.world)
                        .map_err(|e| format!("--state {}: {e}", path.display()))?;
                    (seed.world, seed.accounts)
                }
            };
            Ok((
                Arc::new(Sandbox::with_store(world, options, store)),
                accounts,
            ))
        }
    }
}

/// The start-up banner: the accounts and where their keys are — never the
/// keys themselves (stdout ends up in journald and container logs). The keys
/// go to an owner-only file; the app signs in with the admin keys itself.
/// Returns the keys file, removed when the server stops.
fn print_seed(addr: std::net::SocketAddr, accounts: &[SeedAccount]) -> Option<std::path::PathBuf> {
    say!("Sandbox: nothing real is touched. Endpoint for the official SDKs and `aliyun --endpoint`: http://{addr} (plain http)");
    for a in accounts {
        let purpose = if a.purpose.is_empty() {
            String::new()
        } else {
            format!(" — {}", a.purpose)
        };
        say!("  account {} (alias {}){purpose}", a.id, a.alias);
        for (id, name) in &a.resource_groups {
            say!("    resource group {name}: {id}");
        }
    }
    match write_keys(addr, accounts) {
        Ok(path) => {
            say!("Demo keys (each account's admin user and root): {} (owner only; removed when the server stops). The app's Credentials page signs in with the admin keys.", path.display());
            Some(path)
        }
        Err(e) => {
            eprintln!("ramp serve: the demo keys could not be written ({e}); sign in from the app's Credentials page");
            None
        }
    }
}

/// Writes every demo key to a fresh owner-only file in the temporary folder.
fn write_keys(
    addr: std::net::SocketAddr,
    accounts: &[SeedAccount],
) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write as _;
    let keys: Vec<serde_json::Value> = accounts
        .iter()
        .map(|a| {
            serde_json::json!({
                "id": a.id,
                "alias": a.alias,
                "admin": a.admin,
                "root": a.root,
                "resource_groups": a.resource_groups,
            })
        })
        .collect();
    let path = std::env::temp_dir().join(format!(
        "ramp-sandbox-keys-{}-{}.json",
        addr.port(),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options.open(&path)?;
    f.write_all(
        serde_json::to_string_pretty(&keys)
            .map_err(std::io::Error::other)?
            .as_bytes(),
    )?;
    Ok(path)
}

pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let args = match args.resolve() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ramp serve: {e}");
            return ExitCode::from(2);
        }
    };
    let _logs = init_logs(args.json_logs);
    let timeouts = (args.limits.connect_timeout, args.limits.total_timeout);
    let client = || ramp_proxy::upstream::client(timeouts.0, timeouts.1);
    let (backend, seed_accounts) = match &args.upstream {
        Upstream::None => (None, Vec::new()),
        Upstream::Sandbox => match sandbox(&args) {
            Ok((s, accounts)) => (Some(Backend::Sandbox(s)), accounts),
            Err(e) => {
                eprintln!("ramp serve: {e}");
                return ExitCode::from(2);
            }
        },
        Upstream::Aliyun => (Some(Backend::Aliyun(client())), Vec::new()),
        Upstream::Loopback(base) => (Some(Backend::Loopback(client(), base.clone())), Vec::new()),
    };
    let config = ramp_proxy::Config {
        dist: args.dist.clone(),
        frame_ancestors: args.frame_ancestors.clone(),
        backend,
        seed_accounts: seed_accounts.clone(),
        limits: args.limits.clone(),
        allow_origins: args.allow_origins.clone(),
        forward_client_ip: args.forward_client_ip,
        loopback_hosts_only: args.bind.ip().is_loopback(),
    };
    let router = match ramp_proxy::app(&config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ramp serve: {e}");
            return ExitCode::from(2);
        }
    };
    let workers = match ramp_proxy::workers::Workers::bind(args.bind, args.workers) {
        Ok(w) => w,
        Err(e) => {
            eprintln!(
                "ramp serve: cannot listen on {}: {e}; pick another address with --bind",
                args.bind
            );
            return ExitCode::FAILURE;
        }
    };
    let addr = workers.addr();
    say!(
        "Ramp is serving {} at http://{addr}/",
        config.dist.display()
    );
    let mut keys_file = None;
    match &config.backend {
        Some(Backend::Sandbox(_)) => keys_file = print_seed(addr, &seed_accounts),
        Some(Backend::Aliyun(_)) => say!("Relaying /relay/{{service}} to Alibaba Cloud over https: ram, sts, sts.<region>, resourcemanager, ims (.aliyuncs.com)"),
        Some(Backend::Loopback(_, base)) => say!("Relaying /relay/{{service}} to the test upstream {base}"),
        None => say!("No relay (--no-sandbox): the app only"),
    }
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    let served = workers.serve(router, shutdown_signal());
    if let Some(path) = keys_file {
        let _ = std::fs::remove_file(path);
    }
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ramp serve: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Request logs on stderr: text, or one JSON object per line. Only Ramp's own
/// events at `info`; `RUST_LOG` is not read, so a library cannot be made to
/// log request details. A background thread writes them, buffered, so a
/// request never waits on the terminal; the returned guard flushes at exit.
fn init_logs(json: bool) -> tracing_appender::non_blocking::WorkerGuard {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let filter = Targets::new()
        .with_target("ramp", LevelFilter::INFO)
        .with_default(LevelFilter::WARN);
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::BufWriter::new(std::io::stderr()));
    let registry = tracing_subscriber::registry().with(filter);
    let result = if json {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_writer(writer.clone())
                    .with_current_span(false),
            )
            .try_init()
    } else {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_writer(writer)
                    .with_ansi(false),
            )
            .try_init()
    };
    let _ = result;
    guard
}
