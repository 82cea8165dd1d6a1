//! `ramp serve`: the web app over HTTP.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;

use clap::Args;
use ramp_sandbox::seed::{self, SeedAccount};
use ramp_sandbox::store::Store;
use ramp_sandbox::{Enforcement, Options, Sandbox};

/// Options of `ramp serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on. Loopback by default; give an explicit address
    /// (e.g. 0.0.0.0:8080) to listen beyond this machine.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    bind: SocketAddr,
    /// The built app: the folder `trunk build` wrote (index.html and hashed assets).
    #[arg(long, default_value = "dist", value_name = "DIR")]
    dist: PathBuf,
    /// Who may embed the app in a frame (CSP frame-ancestors), space-separated:
    /// 'none', 'self' or origins like https://portal.example.com.
    #[arg(long, default_value = "'none'", value_name = "SOURCES")]
    frame_ancestors: String,
    /// Accounts for the sandbox instead of the demo seed (JSON:
    /// {"accounts": [{"id": "<16 digits>", "alias": "…", "resource-groups": ["…"]}]}).
    #[arg(long, value_name = "FILE", env = "RAMP_SANDBOX_CONFIG")]
    sandbox_config: Option<PathBuf>,
    /// Keep the sandbox's whole state in FILE across restarts (atomic writes;
    /// a change is acknowledged only once it is on disk). Without it, state
    /// lives in memory. The file holds the sandbox's AccessKey secrets (mode 0600).
    #[arg(long, value_name = "FILE", env = "RAMP_STATE")]
    state: Option<PathBuf>,
    /// Sandbox enforcement: `strict` denies what policies do not allow, like
    /// Alibaba Cloud; `soft` allows it and logs what strict would have denied.
    #[arg(long, default_value = "strict", value_name = "MODE", value_parser = ["strict", "soft"])]
    enforcement: String,
    /// Serve the app only, with no sandbox behind /relay and /.
    #[arg(long)]
    no_sandbox: bool,
}

/// The sandbox to run: from the state file, the config file, or the demo seed.
fn sandbox(args: &ServeArgs) -> Result<(Arc<Sandbox>, Vec<SeedAccount>), String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    let options = Options {
        enforcement: if args.enforcement == "soft" {
            Enforcement::Soft
        } else {
            Enforcement::Strict
        },
        ..Options::default()
    };
    let fresh = || -> Result<seed::Seed, String> {
        match &args.sandbox_config {
            None => Ok(seed::demo(now)),
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
                    println!("Sandbox state restored from {}", path.display());
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

/// The start-up banner: what a newcomer copies into an SDK script.
fn print_seed(addr: SocketAddr, accounts: &[SeedAccount]) {
    println!("Sandbox: nothing real is touched. Endpoint for the official SDKs and `aliyun --endpoint`: http://{addr} (plain http)");
    for a in accounts {
        let purpose = if a.purpose.is_empty() {
            String::new()
        } else {
            format!(" — {}", a.purpose)
        };
        println!("  account {} (alias {}){purpose}", a.id, a.alias);
        if let Some(user) = &a.admin.user {
            println!(
                "    RAM user {user} (AdministratorAccess): AccessKeyId {}  AccessKeySecret {}",
                a.admin.access_key_id, a.admin.access_key_secret
            );
        }
        println!(
            "    account root:                        AccessKeyId {}  AccessKeySecret {}",
            a.root.access_key_id, a.root.access_key_secret
        );
        for (id, name) in &a.resource_groups {
            println!("    resource group {name}: {id}");
        }
    }
}

pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let frame_ancestors = match ramp_proxy::parse_frame_ancestors(&args.frame_ancestors) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("ramp serve: {e}");
            return ExitCode::from(2);
        }
    };
    let sandbox = if args.no_sandbox {
        None
    } else {
        match sandbox(&args) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("ramp serve: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let seed_accounts: Vec<SeedAccount> =
        sandbox.as_ref().map(|(_, a)| a.clone()).unwrap_or_default();
    let config = ramp_proxy::Config {
        dist: args.dist,
        frame_ancestors,
        sandbox,
    };
    let router = match ramp_proxy::app(&config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ramp serve: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ramp serve: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.bind).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "ramp serve: cannot listen on {}: {e}; pick another address with --bind",
                    args.bind
                );
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().unwrap_or(args.bind);
        println!(
            "Ramp is serving {} at http://{addr}/",
            config.dist.display()
        );
        if config.sandbox.is_some() {
            print_seed(addr, &seed_accounts);
        }
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        match axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ramp serve: {e}");
                ExitCode::FAILURE
            }
        }
    })
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
