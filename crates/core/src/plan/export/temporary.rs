//! Temporary credentials the user chose to take away: an aliyun CLI profile
//! (`StsToken` mode) and a `.env` file for the SDKs' credential chain. These
//! hold the secret and the token on purpose — they are what the user
//! downloads from the reveal box, never written anywhere by Ramp itself.

use crate::credentials::Credentials;

/// A JSON profile for `~/.aliyun/config.json`'s `profiles` list.
pub fn cli_profile(name: &str, creds: &Credentials, region: &str) -> String {
    let profile = serde_json::json!({
        "name": name,
        "mode": "StsToken",
        "access_key_id": creds.access_key_id,
        "access_key_secret": creds.access_key_secret.expose(),
        "sts_token": creds.security_token.as_ref().map(|t| t.expose()).unwrap_or_default(),
        "region_id": region,
        "output_format": "json",
        "language": "en",
    });
    let mut text = serde_json::to_string_pretty(&profile).unwrap_or_default();
    text.push('\n');
    text
}

/// `ALIBABA_CLOUD_*` variables, with the expiry as a comment.
pub fn env_file(creds: &Credentials, expiration: &str) -> String {
    let mut out = format!(
        "# Temporary credentials from Ramp; they expire at {expiration}.\nALIBABA_CLOUD_ACCESS_KEY_ID={}\nALIBABA_CLOUD_ACCESS_KEY_SECRET={}\n",
        creds.access_key_id,
        creds.access_key_secret.expose()
    );
    if let Some(token) = &creds.security_token {
        out.push_str(&format!(
            "ALIBABA_CLOUD_SECURITY_TOKEN={}\n",
            token.expose()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn both_forms_carry_the_three_values() {
        let c = Credentials::new("STS.abc", "s3cret").with_security_token("CAIS+tok/en=");
        let env = env_file(&c, "2026-11-22T12:00:00Z");
        assert_eq!(
            env,
            "# Temporary credentials from Ramp; they expire at 2026-11-22T12:00:00Z.\nALIBABA_CLOUD_ACCESS_KEY_ID=STS.abc\nALIBABA_CLOUD_ACCESS_KEY_SECRET=s3cret\nALIBABA_CLOUD_SECURITY_TOKEN=CAIS+tok/en=\n"
        );
        let p: serde_json::Value =
            serde_json::from_str(&cli_profile("ramp-sts", &c, "cn-hangzhou")).unwrap();
        assert_eq!(p["mode"], "StsToken");
        assert_eq!(p["sts_token"], "CAIS+tok/en=");
        assert_eq!(p["access_key_secret"], "s3cret");
        assert_eq!(p["region_id"], "cn-hangzhou");
    }
}
