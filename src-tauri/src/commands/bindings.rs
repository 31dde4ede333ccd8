//! TypeScript declarations of the types that cross the IPC boundary, generated from the
//! Rust types with ts-rs into `ui/src/lib/bindings.ts`. A test fails when that file is stale.

use ts_rs::{Config, TS};

use super::{CommandError, WalletStatus};

/// The full text of `ui/src/lib/bindings.ts`.
pub fn typescript() -> String {
    let cfg = Config::default();
    let decls = [CommandError::decl(&cfg), WalletStatus::decl(&cfg)];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/src/commands by ts-rs. Do not edit:\n// run `SWITCHYARD_UPDATE_BINDINGS=1 cargo test -p switchyard-desktop bindings`.\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_fresh() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let generated = typescript();
        if std::env::var_os("SWITCHYARD_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `SWITCHYARD_UPDATE_BINDINGS=1 cargo test -p switchyard-desktop bindings`",
            path.display()
        );
    }
}
