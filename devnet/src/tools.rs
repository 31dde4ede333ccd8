//! Where the devnet's tools are: anvil and the published contract artifacts, installed
//! from npm (pinned by `tools/package.json`) into a `node_modules` folder.
//!
//! Looked for, in order: `$SWITCHYARD_DEVNET_TOOLS` (a folder holding `node_modules`);
//! beside an installed binary, `BIN/../share/switchyard/tools`; the source tree's `tools/`,
//! which scripts/setup.sh fills. So `switchyard devnet up` works from an installed binary
//! without the source tree, and a missing piece is named with where it was looked for.

use std::path::{Path, PathBuf};

use crate::DevnetError;

/// Environment variable naming the tools folder (the one holding `node_modules`).
pub const TOOLS_ENV: &str = "SWITCHYARD_DEVNET_TOOLS";
/// The tools folder of an installed layout, relative to the binary's folder.
pub const INSTALLED_TOOLS: &str = "../share/switchyard/tools";

/// The `node_modules` folder the devnet reads anvil and artifacts from.
pub fn node_modules() -> Result<PathBuf, DevnetError> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_owned));
    resolve(
        std::env::var_os(TOOLS_ENV).map(PathBuf::from),
        exe_dir,
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools"),
    )
}

/// The first candidate tools folder that has a `node_modules`: the configured one only,
/// when one is configured (a wrong setting is reported, not silently bypassed).
fn resolve(
    configured: Option<PathBuf>,
    exe_dir: Option<PathBuf>,
    source_tree: PathBuf,
) -> Result<PathBuf, DevnetError> {
    let candidates: Vec<PathBuf> = match configured {
        Some(dir) => vec![dir],
        None => exe_dir
            .map(|d| d.join(INSTALLED_TOOLS))
            .into_iter()
            .chain([source_tree])
            .collect(),
    };
    candidates
        .iter()
        .map(|dir| dir.join("node_modules"))
        .find(|modules| modules.is_dir())
        .ok_or_else(|| DevnetError::ToolsMissing {
            looked: candidates
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A file of an npm package in the tools folder, or an error naming both.
pub fn package_file(package: &str, file: &str) -> Result<PathBuf, DevnetError> {
    let path = node_modules()?.join(package).join(file);
    if path.is_file() {
        Ok(path)
    } else {
        Err(DevnetError::ToolMissing {
            what: format!("{package}/{file}"),
            path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tools_in(dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        dir.to_owned()
    }

    #[test]
    fn the_configured_folder_wins_and_is_never_bypassed() {
        let root = tempfile::tempdir().unwrap();
        let configured = tools_in(&root.path().join("configured"));
        let source = tools_in(&root.path().join("source"));
        let found = resolve(Some(configured.clone()), None, source.clone()).unwrap();
        assert_eq!(found, configured.join("node_modules"));
        let missing = root.path().join("nowhere");
        let err = resolve(Some(missing.clone()), None, source).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(&missing.display().to_string()), "{text}");
        assert!(text.contains(TOOLS_ENV), "{text}");
    }

    #[test]
    fn an_installed_binary_finds_its_tools_before_the_source_tree() {
        let root = tempfile::tempdir().unwrap();
        let bin = root.path().join("usr/bin");
        std::fs::create_dir_all(&bin).unwrap();
        let installed = tools_in(&root.path().join("usr/share/switchyard/tools"));
        let source = tools_in(&root.path().join("source"));
        let found = resolve(None, Some(bin.clone()), source.clone()).unwrap();
        assert_eq!(
            found.canonicalize().unwrap(),
            installed.join("node_modules").canonicalize().unwrap()
        );
        // Without the installed folder or the source tree, the error names both places.
        std::fs::remove_dir_all(root.path().join("usr/share")).unwrap();
        std::fs::remove_dir_all(&source).unwrap();
        let text = resolve(None, Some(bin), source.clone())
            .unwrap_err()
            .to_string();
        assert!(text.contains("share/switchyard/tools"), "{text}");
        assert!(text.contains(&source.display().to_string()), "{text}");
    }
}
