//! The credentials `ramp audit` reads with, taken the way the aliyun CLI and
//! the SDKs take them: `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` /
//! `_SECURITY_TOKEN`, or a profile of the aliyun CLI's `config.json` in one
//! of its modes — `AK`, `StsToken`, `RamRoleArn` (assume a role with the
//! profile's keys) or `ChainableRamRoleArn` (assume a role with another
//! profile's credentials). Secrets stay in memory.

use std::path::PathBuf;

use ramp_core::api::responses::AssumeRoleResponse;
use ramp_core::api::{sts, Operation};
use ramp_core::credentials::Credentials;
use serde::Deserialize;

use super::transport::Transport;

/// How to get the credentials.
pub(crate) enum Source {
    /// Keys as they are.
    Keys(Credentials),
    /// Assume a role with another source's credentials first.
    AssumeRole {
        base: Box<Source>,
        role_arn: String,
        session_name: String,
        duration: Option<u32>,
    },
}

#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile {
    name: String,
    mode: String,
    access_key_id: String,
    access_key_secret: String,
    sts_token: String,
    ram_role_arn: String,
    ram_session_name: String,
    source_profile: String,
    expired_seconds: u32,
}

/// The aliyun CLI's configuration file.
fn config_path() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("ALIBABA_CLOUD_CONFIG_FILE") {
        return Ok(PathBuf::from(p));
    }
    let home = std::env::var("HOME")
        .map_err(|_| "HOME is not set: cannot find ~/.aliyun/config.json".to_owned())?;
    Ok(PathBuf::from(home).join(".aliyun").join("config.json"))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// From `--profile`, else the environment.
pub(crate) fn source(profile: Option<&str>) -> Result<Source, String> {
    if let Some(name) = profile {
        let path = config_path()?;
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("--profile {name}: cannot read {}: {e}", path.display()))?;
        let config: Config = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not an aliyun CLI configuration: {e}", path.display()))?;
        let name = if name.is_empty() {
            config.current.as_str()
        } else {
            name
        };
        return from_profile(&config, name, 0);
    }
    let id = env("ALIBABA_CLOUD_ACCESS_KEY_ID");
    let secret = env("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    match (id, secret) {
        (Some(id), Some(secret)) => {
            let creds = Credentials::new(id, secret);
            Ok(Source::Keys(match env("ALIBABA_CLOUD_SECURITY_TOKEN") {
                Some(token) => creds.with_security_token(token),
                None => creds,
            }))
        }
        _ => Err("no credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS credentials), or name an aliyun CLI profile with --profile".into()),
    }
}

fn from_profile(config: &Config, name: &str, depth: u32) -> Result<Source, String> {
    if depth > 4 {
        return Err(format!(
            "profile {name}: source_profile chains more than 4 deep (a loop?)"
        ));
    }
    let p = config
        .profiles
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| format!("profile `{name}` is not in the aliyun CLI configuration"))?;
    let keys = || {
        if p.access_key_id.is_empty() || p.access_key_secret.is_empty() {
            return Err(format!(
                "profile {name} ({}): access_key_id and access_key_secret are required",
                p.mode
            ));
        }
        Ok(Credentials::new(&p.access_key_id, &p.access_key_secret))
    };
    let assume = |base: Source| Source::AssumeRole {
        base: Box::new(base),
        role_arn: p.ram_role_arn.clone(),
        session_name: if p.ram_session_name.is_empty() {
            "ramp-audit".into()
        } else {
            p.ram_session_name.clone()
        },
        duration: (p.expired_seconds > 0).then_some(p.expired_seconds),
    };
    match p.mode.as_str() {
        "AK" | "" => Ok(Source::Keys(keys()?)),
        "StsToken" => Ok(Source::Keys(keys()?.with_security_token(&p.sts_token))),
        "RamRoleArn" => Ok(assume(Source::Keys(keys()?))),
        "ChainableRamRoleArn" => Ok(assume(from_profile(config, &p.source_profile, depth + 1)?)),
        other => Err(format!(
            "profile {name}: mode {other} is not supported here; use AK, StsToken, RamRoleArn or ChainableRamRoleArn"
        )),
    }
}

/// The credentials to read with (assuming roles as the source says).
pub(crate) async fn resolve(source: &Source, transport: &Transport) -> Result<Credentials, String> {
    match source {
        Source::Keys(c) => Ok(c.clone()),
        Source::AssumeRole {
            base,
            role_arn,
            session_name,
            duration,
        } => {
            let base = Box::pin(resolve(base, transport)).await?;
            let call = sts::AssumeRole {
                role_arn: role_arn.clone(),
                role_session_name: session_name.clone(),
                duration_seconds: *duration,
                ..Default::default()
            };
            let req = call
                .request()
                .map_err(|e| format!("AssumeRole {role_arn}: {}", e.code))?;
            let (status, body) = transport
                .send(&base, &req, sts::AssumeRole::SERVICE)
                .await?;
            if !(200..300).contains(&status) {
                let e = ramp_core::api::ApiError::parse(status, &body);
                return Err(format!(
                    "AssumeRole {role_arn} failed: {} {}",
                    e.code, e.message
                ));
            }
            let r: AssumeRoleResponse = sts::AssumeRole::parse_response(&body)
                .map_err(|e| format!("AssumeRole {role_arn}: {}", e.message))?;
            let (Some(secret), Some(token)) = (
                r.credentials.access_key_secret,
                r.credentials.security_token,
            ) else {
                return Err(format!(
                    "AssumeRole {role_arn}: the answer holds no credentials"
                ));
            };
            Ok(
                Credentials::new(r.credentials.access_key_id, secret.expose())
                    .with_security_token(token.expose()),
            )
        }
    }
}
