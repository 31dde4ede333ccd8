//! Where the devnet's tools are: anvil and the published contract artifacts, installed
//! from npm into a `node_modules` folder.
//!
//! Looked for, in order: `$SWITCHYARD_DEVNET_TOOLS` (a folder holding `node_modules`); the
//! user's folder `DATA/devnet-tools`, which `switchyard devnet install-tools` fills (see
//! [`install`]); beside an installed binary, `BIN/../share/switchyard/tools`; the source
//! tree's `tools/`, which scripts/setup.sh fills (never for an installed binary). So
//! `switchyard devnet up` works from an installed binary without the source tree, and a
//! missing piece is named with where it was looked for and what to run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::DevnetError;

/// Environment variable naming the tools folder (the one holding `node_modules`).
pub const TOOLS_ENV: &str = "SWITCHYARD_DEVNET_TOOLS";
/// The tools folder of an installed layout, relative to the binary's folder.
pub const INSTALLED_TOOLS: &str = "../share/switchyard/tools";
/// The user's tools folder, inside the default data directory.
pub const USER_TOOLS: &str = "devnet-tools";

/// The npm manifest of what the devnet needs (`devnet/tools/package.json`): anvil and
/// the published contract packages, at the versions the source tree's `tools/` pins.
pub const MANIFEST: &str = include_str!("../tools/package.json");
/// Its lock file, so every install gets the same tree (nested packages included).
pub const MANIFEST_LOCK: &str = include_str!("../tools/package-lock.json");

/// The `node_modules` folder the devnet reads anvil and artifacts from.
pub fn node_modules() -> Result<PathBuf, DevnetError> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_owned));
    resolve(
        std::env::var_os(TOOLS_ENV).map(PathBuf::from),
        user_tools(),
        exe_dir,
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools"),
    )
}

/// The user's tools folder (`DATA/devnet-tools`), when the platform has a data directory.
fn user_tools() -> Option<PathBuf> {
    switchyard_core::wallet::Wallet::default_data_dir().map(|d| d.join(USER_TOOLS))
}

/// The first candidate tools folder that has a `node_modules`: the configured one only,
/// when one is configured (a wrong setting is reported, not silently bypassed). The
/// user's folder is used only if it was installed from this binary's manifest.
fn resolve(
    configured: Option<PathBuf>,
    user: Option<PathBuf>,
    exe_dir: Option<PathBuf>,
    source_tree: PathBuf,
) -> Result<PathBuf, DevnetError> {
    let candidates: Vec<PathBuf> = match configured {
        Some(dir) => vec![dir],
        None => {
            // An installed binary (one with BIN/../share/switchyard) never reads the
            // source tree it was built from, which may be anywhere or gone.
            let installed = exe_dir
                .as_ref()
                .is_some_and(|d| d.join(INSTALLED_TOOLS).parent().is_some_and(Path::is_dir));
            user.clone()
                .into_iter()
                .chain(exe_dir.map(|d| d.join(INSTALLED_TOOLS)))
                .chain((!installed).then_some(source_tree))
                .collect()
        }
    };
    let found = candidates
        .iter()
        .find(|dir| dir.join("node_modules").is_dir())
        .ok_or_else(|| DevnetError::ToolsMissing {
            looked: candidates
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    if Some(found) == user.as_ref() && !installed_from_this_manifest(found) {
        return Err(DevnetError::ToolsOutdated { dir: found.clone() });
    }
    Ok(found.join("node_modules"))
}

/// Written into the tools folder once `npm install` of [`MANIFEST`] has succeeded, with
/// that manifest: an interrupted install, or another version's, has no such copy.
const INSTALLED_MARKER: &str = "installed-manifest.json";

/// Whether `dir` holds a finished install of this binary's manifest (an older
/// Switchyard's tools may pin other versions, whose artifacts the devnet's deploy steps
/// do not expect).
fn installed_from_this_manifest(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(INSTALLED_MARKER)).is_ok_and(|m| m == MANIFEST)
}

/// What [`install`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// npm installed the tools into this folder.
    Now(PathBuf),
    /// This folder already held them, from the same manifest: nothing was fetched.
    Already(PathBuf),
}

/// Where [`install`] puts the tools: `$SWITCHYARD_DEVNET_TOOLS`, else the user's folder.
pub fn install_dir() -> Result<PathBuf, DevnetError> {
    std::env::var_os(TOOLS_ENV)
        .map(PathBuf::from)
        .or_else(user_tools)
        .ok_or(DevnetError::NoToolsFolder)
}

/// Installs the devnet's tools into `dir` from the npm registry with the machine's `npm`:
/// writes [`MANIFEST`] and its lock there, then runs `npm install`. Does nothing when
/// `dir` already holds an install from the same manifest (run again after an upgrade, it
/// brings the tools to the new versions).
pub fn install(dir: &Path) -> Result<Installed, DevnetError> {
    if installed_from_this_manifest(dir) {
        return Ok(Installed::Already(dir.to_owned()));
    }
    let failed = |reason: String| DevnetError::ToolsInstallFailed {
        dir: dir.to_owned(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(e.to_string()))?;
    // Until npm has finished, the folder is not an install of anything.
    match std::fs::remove_file(dir.join(INSTALLED_MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(failed(e.to_string())),
        _ => {}
    }
    std::fs::write(dir.join("package.json"), MANIFEST).map_err(|e| failed(e.to_string()))?;
    std::fs::write(dir.join("package-lock.json"), MANIFEST_LOCK)
        .map_err(|e| failed(e.to_string()))?;
    // `npm install`, not `npm ci`: npm ci refuses lock files that leave out other
    // platforms' optional binary packages, which is how npm writes them.
    let output = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DevnetError::NpmMissing,
            _ => failed(format!("npm could not be started: {e}")),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(failed(format!(
            "npm install {}: {}",
            output.status,
            tail.join(" / ")
        )));
    }
    std::fs::write(dir.join(INSTALLED_MARKER), MANIFEST).map_err(|e| failed(e.to_string()))?;
    Ok(Installed::Now(dir.to_owned()))
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
        let found = resolve(Some(configured.clone()), None, None, source.clone()).unwrap();
        assert_eq!(found, configured.join("node_modules"));
        let missing = root.path().join("nowhere");
        let err = resolve(Some(missing.clone()), None, None, source).unwrap_err();
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
        let user = root.path().join("user");
        let found = resolve(None, Some(user.clone()), Some(bin.clone()), source.clone()).unwrap();
        assert_eq!(
            found.canonicalize().unwrap(),
            installed.join("node_modules").canonicalize().unwrap()
        );
        // The user's folder comes first, once it holds this binary's manifest; another
        // version's install there is reported, not used.
        let user_tools = tools_in(&user);
        std::fs::write(user_tools.join(INSTALLED_MARKER), "{}").unwrap();
        let text = resolve(None, Some(user.clone()), Some(bin.clone()), source.clone())
            .unwrap_err()
            .to_string();
        assert!(text.contains("another version"), "{text}");
        std::fs::write(user_tools.join(INSTALLED_MARKER), MANIFEST).unwrap();
        let found = resolve(None, Some(user.clone()), Some(bin.clone()), source.clone()).unwrap();
        assert_eq!(found, user.join("node_modules"));
        std::fs::remove_dir_all(&user).unwrap();
        // An installed binary without its tools does not fall back to a source tree.
        std::fs::remove_dir_all(&installed).unwrap();
        let text = resolve(None, Some(user.clone()), Some(bin.clone()), source.clone())
            .unwrap_err()
            .to_string();
        assert!(!text.contains(&source.display().to_string()), "{text}");
        // A binary that is not installed reads the source tree last; without it, the
        // error names every place.
        std::fs::remove_dir_all(root.path().join("usr/share")).unwrap();
        let found = resolve(None, Some(user.clone()), Some(bin.clone()), source.clone()).unwrap();
        assert_eq!(found, source.join("node_modules"));
        std::fs::remove_dir_all(&source).unwrap();
        let text = resolve(None, Some(user.clone()), Some(bin), source.clone())
            .unwrap_err()
            .to_string();
        assert!(text.contains("share/switchyard/tools"), "{text}");
        assert!(text.contains(&source.display().to_string()), "{text}");
        assert!(text.contains(&user.display().to_string()), "{text}");
        assert!(text.contains("switchyard devnet install-tools"), "{text}");
    }

    /// The devnet manifest an installed binary fetches pins exactly what the source
    /// tree's tools/ pins, so both run the same anvil and artifacts.
    #[test]
    fn the_devnet_manifest_pins_the_source_trees_versions() {
        let deps = |json: &str| -> serde_json::Map<String, serde_json::Value> {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            value["devDependencies"].as_object().unwrap().clone()
        };
        let source = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/package.json"),
        )
        .unwrap();
        let source = deps(&source);
        let devnet = deps(MANIFEST);
        assert!(devnet.contains_key("@foundry-rs/anvil"));
        for (package, version) in &devnet {
            assert_eq!(source.get(package), Some(version), "{package}");
        }
        let lock: serde_json::Value = serde_json::from_str(MANIFEST_LOCK).unwrap();
        let locked = lock["packages"][""]["devDependencies"].as_object().unwrap();
        assert_eq!(locked, &devnet, "the lock file is for this manifest");
    }

    /// Only a finished install of this manifest is kept as it is.
    #[test]
    fn a_finished_install_of_this_manifest_is_kept_and_nothing_else() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("tools");
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        std::fs::write(dir.join("node_modules/.package-lock.json"), "{}").unwrap();
        std::fs::write(dir.join(INSTALLED_MARKER), MANIFEST).unwrap();
        assert_eq!(install(&dir).unwrap(), Installed::Already(dir.clone()));
        assert!(installed_from_this_manifest(&dir));
        // Another version's install, or one npm did not finish, is not this one.
        std::fs::write(dir.join(INSTALLED_MARKER), "{}").unwrap();
        assert!(!installed_from_this_manifest(&dir));
        std::fs::remove_file(dir.join(INSTALLED_MARKER)).unwrap();
        std::fs::write(dir.join("package.json"), MANIFEST).unwrap();
        assert!(!installed_from_this_manifest(&dir));
    }
}
