//! `docs/checks.md` is generated from the check catalogue; this fails when it is stale.
//! `RAMP_BLESS=1 cargo test -p ramp-core --test checks_doc` rewrites it.

#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

#[test]
fn docs_checks_md_is_generated_from_the_catalogue() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/checks.md");
    let generated = ramp_core::policy::lint::docs::markdown();
    if std::env::var_os("RAMP_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/checks.md is stale: run `RAMP_BLESS=1 cargo test -p ramp-core --test checks_doc`"
    );
    for c in ramp_core::policy::lint::CHECKS {
        assert!(on_disk.contains(&format!("## {} {}", c.code, c.name)));
    }
}
