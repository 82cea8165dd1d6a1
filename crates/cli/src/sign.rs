//! `ramp sign`: sign a request and print each step, or check a vector file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ramp_core::credentials::Credentials;
use ramp_core::lang::{Lang, Localized};
use ramp_core::request::{ApiRequest, Method, SignatureScheme};
use ramp_core::sign::{self, SigningInput};
use ramp_core::time::UtcTime;
use ramp_core::vectors;
use serde_json::Value;

/// Options of `ramp sign`. The AccessKey secret is never an argument (it would
/// land in shell history and `ps`): it comes from ALIBABA_CLOUD_ACCESS_KEY_SECRET
/// or, with --secret-stdin, from the first line of standard input.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// Re-compute every case of a signature vector file (the format of Ramp's
    /// vectors/ folder) and exit 1 listing each mismatch.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["request", "action"])]
    vectors: Vec<PathBuf>,
    /// The request as JSON: {"scheme","method","host","path","action","version",
    /// "params","form","headers","access_key_id","time","nonce"}; flags override it.
    #[arg(long, value_name = "FILE")]
    request: Option<PathBuf>,
    /// Signature scheme.
    #[arg(long, value_parser = ["v1", "v3", "V1", "V3"])]
    scheme: Option<String>,
    /// HTTP method (GET or POST).
    #[arg(long)]
    method: Option<String>,
    /// Endpoint host, e.g. ram.aliyuncs.com.
    #[arg(long)]
    host: Option<String>,
    /// API name, e.g. CreateUser.
    #[arg(long)]
    action: Option<String>,
    /// API version, e.g. 2015-05-01.
    #[arg(long = "api-version", value_name = "YYYY-MM-DD")]
    api_version: Option<String>,
    /// An operation parameter, Name=Value (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// AccessKey ID.
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_ID")]
    access_key_id: Option<String>,
    /// Read the AccessKey secret from the first line of standard input.
    #[arg(long)]
    secret_stdin: bool,
    /// Request time, yyyy-MM-ddTHH:mm:ssZ (default: now).
    #[arg(long)]
    time: Option<String>,
    /// Signature nonce (default: 128 random bits in hex).
    #[arg(long)]
    nonce: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: SignArgs) -> ExitCode {
    if !args.vectors.is_empty() {
        return check_vectors(&args.vectors);
    }
    match sign_request(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ramp sign: {message}");
            ExitCode::from(2)
        }
    }
}

fn check_vectors(files: &[PathBuf]) -> ExitCode {
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in files {
        let cases = match std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|t| vectors::parse(&t).map_err(|e| e.to_string()))
        {
            Ok(cases) => cases,
            Err(e) => {
                eprintln!("ramp sign --vectors: {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        for case in &cases {
            let mismatches = case.check();
            if mismatches.is_empty() {
                passed += 1;
                say!("ok       {}", case.name);
            } else {
                failed += 1;
                say!("MISMATCH {}", case.name);
                for m in mismatches {
                    say!(
                        "  {}:\n    expected {:?}\n    computed {:?}",
                        m.field,
                        m.expected,
                        m.actual
                    );
                }
            }
        }
    }
    say!("{passed} matching, {failed} mismatching");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn text_field(spec: &Value, name: &str) -> Option<String> {
    spec.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn sign_request(args: SignArgs) -> Result<(), String> {
    let spec: Value = match &args.request {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--request {}: {e}", path.display()))?;
            serde_json::from_str(&text).map_err(|e| {
                format!(
                    "--request {}: not JSON (line {}, column {}): {e}",
                    path.display(),
                    e.line(),
                    e.column()
                )
            })?
        }
        None => Value::Null,
    };
    if spec.get("access_key_secret").is_some() || spec.get("security_token").is_some() {
        return Err("the request file holds a secret; remove it and pass the secret through ALIBABA_CLOUD_ACCESS_KEY_SECRET or --secret-stdin".into());
    }
    let pick = |flag: &Option<String>, name: &str| flag.clone().or_else(|| text_field(&spec, name));
    let scheme = match pick(&args.scheme, "scheme")
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        Some("V1") => SignatureScheme::V1,
        Some("V3") | None => SignatureScheme::V3,
        Some(other) => return Err(format!("scheme `{other}` is unknown; use V1 or V3")),
    };
    let host =
        pick(&args.host, "host").ok_or("--host is required, e.g. --host ram.aliyuncs.com")?;
    let action =
        pick(&args.action, "action").ok_or("--action is required, e.g. --action CreateUser")?;
    let version = pick(&args.api_version, "version")
        .ok_or("--api-version is required, e.g. --api-version 2015-05-01")?;
    let mut req = ApiRequest::rpc(host, action, version);
    if let Some(method) = pick(&args.method, "method") {
        req.method = Method::parse(&method).map_err(|e| e.message(Lang::En))?;
    }
    if let Some(path) = text_field(&spec, "path") {
        req.path = path;
    }
    for (field, target) in [
        ("params", &mut req.params),
        ("form", &mut req.form),
        ("headers", &mut req.headers),
    ] {
        match spec.get(field) {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (name, value) in map {
                    ramp_core::params::flatten(name, value, target);
                }
            }
            Some(_) => {
                return Err(format!(
                    "--request: `{field}` must be an object of name → value"
                ))
            }
        }
    }
    for p in &args.params {
        let (name, value) = p
            .split_once('=')
            .ok_or_else(|| format!("--param `{p}` has no `=`: write --param Name=Value"))?;
        req.params.push((name.to_owned(), value.to_owned()));
    }
    let access_key_id = pick(&args.access_key_id, "access_key_id").ok_or(
        "the AccessKey ID is missing: pass --access-key-id or set ALIBABA_CLOUD_ACCESS_KEY_ID",
    )?;
    let secret = read_secret(args.secret_stdin)?;
    let mut credentials = Credentials::new(access_key_id, secret);
    if let Ok(token) = std::env::var("ALIBABA_CLOUD_SECURITY_TOKEN") {
        if !token.is_empty() {
            credentials = credentials.with_security_token(token);
        }
    }
    let time = match pick(&args.time, "time") {
        Some(t) => UtcTime::parse(&t).map_err(|e| format!("--time: {e}"))?,
        None => now(),
    };
    let nonce = match pick(&args.nonce, "nonce") {
        Some(n) => n,
        None => random_nonce()?,
    };
    let input = SigningInput {
        credentials: &credentials,
        time,
        nonce: &nonce,
    };
    let signed = sign::sign(&req, scheme, &input).map_err(|e| e.message(Lang::En))?;
    print_signed(&signed, args.json);
    Ok(())
}

fn read_secret(from_stdin: bool) -> Result<String, String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| format!("--secret-stdin: {e}"))?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    std::env::var("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .map_err(|_| "the AccessKey secret is missing: set ALIBABA_CLOUD_ACCESS_KEY_SECRET or use --secret-stdin".to_owned())
}

pub(crate) fn now() -> UtcTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    UtcTime::from_unix_seconds(secs)
}

pub(crate) fn random_nonce() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| format!("no randomness for the nonce: {e}; pass --nonce"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn print_signed(signed: &sign::Signed, json: bool) {
    let trace = &signed.trace;
    let req = &signed.request;
    if json {
        let out = serde_json::json!({
            "scheme": trace.scheme.as_str(),
            "canonical": trace.canonical,
            "string_to_sign": trace.string_to_sign,
            "signature": trace.signature,
            "method": req.method.as_str(),
            "url": req.url(),
            "headers": req.headers.iter().map(|(k, v)| serde_json::json!([k, v])).collect::<Vec<_>>(),
            "body": String::from_utf8_lossy(&req.body),
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return;
    }
    let canonical_title = match trace.scheme {
        SignatureScheme::V1 => "Canonicalized query string",
        SignatureScheme::V3 => "Canonical request",
    };
    say!("== {canonical_title}\n{}\n", trace.canonical);
    say!("== String to sign\n{}\n", trace.string_to_sign);
    say!("== Signature\n{}\n", trace.signature);
    say!("== Request\n{} {}", req.method, req.url());
    for (name, value) in &req.headers {
        say!("{name}: {value}");
    }
    if !req.body.is_empty() {
        say!("\n{}", String::from_utf8_lossy(&req.body));
    }
}
