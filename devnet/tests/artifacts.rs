//! The committed contract artifacts are what solc-js makes of the committed sources.

use std::{path::Path, process::Command};

#[test]
fn committed_artifacts_match_their_sources() {
    let contracts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts");
    assert!(
        contracts.join("node_modules/solc").is_dir(),
        "solc-js is not installed in contracts/: run scripts/setup.sh"
    );
    let out = Command::new("node")
        .arg("build.mjs")
        .arg("--check")
        .current_dir(&contracts)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "contracts/artifacts are stale or the build failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
