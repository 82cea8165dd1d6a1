//! `ramp-bench`: the workloads natively, timed the way the other runners time
//! theirs (calibrate to a round of about `--ms` milliseconds, then `--rounds`
//! rounds; operations per second for each round), as JSON on stdout.
//!
//! ```text
//! ramp-bench run [--rounds 7] [--ms 200] [--only NAME]   # {"host":"native","results":{…}}
//! ramp-bench inputs                        # what the SDK runners sign
//! ramp-bench audit FILE [--rounds 7] [--ms 200]  # the access review over a saved survey
//! ```

use std::time::Instant;

/// The shipped `ramp` binary's allocator (crates/cli/src/main.rs): the native
/// figures are what `ramp lint`, `ramp audit` and the sandbox get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The value of `--name N` (a whole number of at least 1), or `default`.
fn flag(args: &[String], name: &str, default: u64) -> Result<u64, String> {
    let Some(i) = args.iter().position(|a| a == name) else {
        return Ok(default);
    };
    let value = args.get(i + 1).map(String::as_str).unwrap_or("");
    match value.parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "ramp-bench: {name} takes a whole number of at least 1 (got \"{value}\"), e.g. {name} {default}"
        )),
    }
}

/// Operations per second of each of `rounds` rounds of about `ms` milliseconds.
fn time(run: impl Fn(u32) -> Option<String>, rounds: u64, ms: u64) -> (Vec<f64>, String) {
    let mut n = 1u32;
    loop {
        let t = Instant::now();
        run(n);
        let took = t.elapsed().as_secs_f64() * 1000.0;
        if took >= ms as f64 / 4.0 || n >= 1 << 30 {
            n = ((n as f64) * (ms as f64) / took.max(0.001)).clamp(1.0, u32::MAX as f64) as u32;
            break;
        }
        n *= 4;
    }
    let mut out = String::new();
    let per_second = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            out = run(n).unwrap_or_default();
            n as f64 / t.elapsed().as_secs_f64()
        })
        .collect();
    (per_second, out)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("inputs") => println!("{}", ramp_bench::inputs()),
        Some("run") => {
            let (rounds, ms) = match (flag(&args, "--rounds", 7), flag(&args, "--ms", 200)) {
                (Ok(r), Ok(m)) => (r, m),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            };
            let only = args
                .iter()
                .position(|a| a == "--only")
                .and_then(|i| args.get(i + 1));
            if let Some(o) = only.filter(|o| !ramp_bench::WORKLOADS.contains(&o.as_str())) {
                eprintln!(
                    "ramp-bench: --only takes one of {} (got \"{o}\")",
                    ramp_bench::WORKLOADS.join(", ")
                );
                std::process::exit(2);
            }
            let results: serde_json::Map<String, serde_json::Value> = ramp_bench::WORKLOADS
                .iter()
                .filter(|name| only.is_none_or(|o| o == *name))
                .map(|name| {
                    let (per_second, output) = time(|n| ramp_bench::run(name, n), rounds, ms);
                    (
                        name.to_string(),
                        serde_json::json!({ "perSecond": per_second, "output": output }),
                    )
                })
                .collect();
            println!(
                "{}",
                serde_json::json!({ "host": "native", "results": results })
            );
        }
        Some("audit") => {
            let loaded = args
                .get(1)
                .ok_or_else(|| {
                    "ramp-bench audit FILE: FILE is a saved survey (ramp audit --save FILE)"
                        .to_owned()
                })
                .and_then(|f| {
                    std::fs::read_to_string(f).map_err(|e| format!("ramp-bench: {f}: {e}"))
                })
                .and_then(|json| ramp_bench::audit::load(&json));
            let (principals, rounds, ms) =
                match (loaded, flag(&args, "--rounds", 7), flag(&args, "--ms", 200)) {
                    (Ok(p), Ok(r), Ok(m)) => (p, r, m),
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                        eprintln!("{e}");
                        std::process::exit(2);
                    }
                };
            let results: serde_json::Map<String, serde_json::Value> = ramp_bench::audit::WORKLOADS
                .iter()
                .map(|name| {
                    let (per_second, output) =
                        time(|n| ramp_bench::audit::run(name, n), rounds, ms);
                    (
                        name.to_string(),
                        serde_json::json!({ "perSecond": per_second, "output": output }),
                    )
                })
                .collect();
            println!(
                "{}",
                serde_json::json!({ "host": "native", "principals": principals, "results": results })
            );
        }
        _ => {
            eprintln!(
                "usage: ramp-bench run [--rounds N] [--ms MS] [--only NAME] | ramp-bench inputs | ramp-bench audit FILE [--rounds N] [--ms MS]"
            );
            std::process::exit(2);
        }
    }
}
