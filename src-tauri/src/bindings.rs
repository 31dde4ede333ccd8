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

    /// The app's balances, fee comparison, history, networks and accounts are the core's views — the very
    /// types `switchyard … --json` prints (cli/tests/chains.rs reads the CLI's output
    /// back as them), so the two shells cannot drift apart.
    #[test]
    fn the_app_returns_the_views_the_cli_prints() {
        use switchyard_core::views::{
            AccountView, FeeComparisonView, NetworksView, PortfolioView, TxView,
        };
        fn name<T>() -> String {
            let path = std::any::type_name::<T>();
            path.rsplit("::").next().unwrap_or(path).to_owned()
        }
        let bindings = std::fs::read_to_string(super::path()).unwrap();
        for (command, returns) in [
            ("balancesPortfolio", name::<PortfolioView>()),
            ("feesCompare", name::<FeeComparisonView>()),
            ("txList", format!("{}[]", name::<TxView>())),
            ("networksList", name::<NetworksView>()),
            ("accountsList", format!("{}[]", name::<AccountView>())),
        ] {
            let line = bindings
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{command}:")))
                .unwrap_or_else(|| panic!("no command {command}"));
            assert!(
                line.contains(&format!("typedError<{returns}, CommandError>")),
                "{command} does not return {returns}: {line}"
            );
        }
    }
}
