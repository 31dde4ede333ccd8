//! The TypeScript bindings (`ui/src/lib/bindings.ts`): types, command wrappers and events,
//! generated from the Rust types by tauri-specta. A test fails when the file is stale.

use std::path::{Path, PathBuf};

use specta_typescript::Typescript;

/// Where the UI imports them from.
pub fn path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts")
}

/// Writes the bindings to `out`.
pub fn export(out: &Path) -> Result<(), String> {
    crate::commands::specta_builder()
        .export(
            Typescript::default().header(
                "// Generated from the Rust commands in src-tauri/src/commands by tauri-specta. Do not edit:\n// run `SWITCHYARD_UPDATE_BINDINGS=1 cargo test -p switchyard-desktop bindings`.",
            ),
            out,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let committed = super::path();
        if std::env::var_os("SWITCHYARD_UPDATE_BINDINGS").is_some() {
            super::export(&committed).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export(&fresh).unwrap();
        let fresh = std::fs::read_to_string(fresh).unwrap();
        let current = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            current == fresh,
            "{} is stale: run `SWITCHYARD_UPDATE_BINDINGS=1 cargo test -p switchyard-desktop bindings`",
            committed.display()
        );
    }
}
