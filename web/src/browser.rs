//! The few things the app takes from the browser: the clock, randomness, the
//! URL fragment and the preferred language. Nothing here touches storage.

use ramp_core::lang::Lang;
use ramp_core::time::UtcTime;

/// Now, to the second.
pub fn now() -> UtcTime {
    UtcTime::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}

/// 128 random bits as hex, from `crypto.getRandomValues`.
pub fn random_nonce() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto (very old browser): fall back to the clock and Math.random.
        let seed =
            js_sys::Date::now().to_bits() ^ (js_sys::Math::random() * u64::MAX as f64) as u64;
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `location.hash`, or empty.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets `location.hash` (adds one history entry inside our own fragment only).
pub fn set_hash(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(path);
    }
}

/// The browser's preferred language.
pub fn preferred_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Sets `<html lang>` so screen readers and fonts follow the switch.
pub fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.tag());
    }
}
