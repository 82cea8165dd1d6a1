//! `ramp serve`: the web app over HTTP.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

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
}

pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let frame_ancestors = match ramp_proxy::parse_frame_ancestors(&args.frame_ancestors) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("ramp serve: {e}");
            return ExitCode::from(2);
        }
    };
    let config = ramp_proxy::Config {
        dist: args.dist,
        frame_ancestors,
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
        match axum::serve(listener, router)
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
