//! Any bytes: the policy parser must not panic; what parses must print, and the
//! printed text must parse back to the same text (printing is idempotent).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramp_core::policy::{normalize, parse_policy, print};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = parse_policy(text) else { return };
    let printed = print(&parsed.policy);
    let again = parse_policy(&printed).expect("printed policy parses");
    assert_eq!(print(&again.policy), printed, "printing is not idempotent");
    let n = normalize(&parsed.policy);
    assert_eq!(normalize(&n), n, "normalising is not idempotent");
    let _ = ramp_core::encoding::parse_form(text);
});
