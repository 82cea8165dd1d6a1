//! Fresh identifiers and secrets from the operating system's randomness.

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    // Without OS randomness nothing the sandbox hands out would be safe to use.
    getrandom::fill(&mut buf).expect("the operating system has no randomness source");
    buf
}

fn draw(n: usize, alphabet: &[u8]) -> String {
    random_bytes(n)
        .into_iter()
        .map(|b| char::from(alphabet[usize::from(b) % alphabet.len()]))
        .collect()
}

/// `n` random decimal digits, the first not zero (user, group and role IDs).
pub(crate) fn digits(n: usize) -> String {
    let mut s = draw(n, b"0123456789");
    if s.starts_with('0') {
        s.replace_range(0..1, "2");
    }
    s
}

/// An AccessKey ID: `LTAI` and 20 letters and digits.
pub(crate) fn access_key_id() -> String {
    format!("LTAI{}", draw(20, ALNUM))
}

/// A temporary AccessKey ID: `STS.` and 24 letters and digits.
pub(crate) fn sts_access_key_id() -> String {
    format!("STS.{}", draw(24, ALNUM))
}

/// An AccessKey secret: 30 letters and digits.
pub(crate) fn secret() -> String {
    draw(30, ALNUM)
}

/// A security token: `CAIS` and base64 of the key it belongs to and 48 random bytes.
pub(crate) fn security_token(access_key_id: &str) -> String {
    use base64::Engine as _;
    let mut raw = access_key_id.as_bytes().to_vec();
    raw.push(b':');
    raw.extend(random_bytes(48));
    format!(
        "CAIS{}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// The AccessKey ID a token of [`security_token`]'s shape names, or `None`
/// when it is not such a token.
pub(crate) fn token_key_id(token: &str) -> Option<String> {
    use base64::Engine as _;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token.strip_prefix("CAIS")?)
        .ok()?;
    let colon = raw.iter().position(|&b| b == b':')?;
    String::from_utf8(raw[..colon].to_vec()).ok()
}

/// A request ID, UUID-shaped, uppercase.
pub(crate) fn request_id() -> String {
    let hex: String = random_bytes(16)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(access_key_id().starts_with("LTAI") && access_key_id().len() == 24);
        assert_eq!(digits(16).len(), 16);
        assert!(!digits(16).starts_with('0'));
        let id = sts_access_key_id();
        let token = security_token(&id);
        assert_eq!(token_key_id(&token).as_deref(), Some(id.as_str()));
        assert_eq!(token_key_id("garbage"), None);
        assert_ne!(security_token(&id), token);
        assert_eq!(request_id().len(), 36);
    }
}
