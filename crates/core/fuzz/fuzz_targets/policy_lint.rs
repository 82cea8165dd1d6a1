//! Any text: the linter (single-document checks of both kinds, and the set
//! checks over the document) must not panic, and every finding names a real check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramp_core::policy::lint::{lint_set, lint_text, Attached, Kind, Options, PolicySet};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = ramp_core::time::UtcTime::from_unix_seconds(1_795_000_000);
    for kind in [Kind::Permission, Kind::Trust] {
        let report = lint_text(text, &Options { kind: Some(kind), now: Some(now) });
        for f in &report.findings {
            assert!(f.loc.pos.offset <= text.len());
        }
        if let Some(parsed) = report.parsed {
            let set = PolicySet {
                attached: vec![
                    Attached { name: "fuzz".into(), system: false, document: Some(parsed.policy), resource_group: None },
                    Attached::system("AliyunARMSFullAccess", None),
                    Attached::system("AliyunARMSReadOnlyAccess", Some("rg-1".into())),
                ],
                ..PolicySet::default()
            };
            let _ = lint_set(&set);
        }
    }
});
