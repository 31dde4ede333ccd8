//! Where the app keeps its data and logs, from the command line and environment.

use std::path::PathBuf;

use switchyard_core::Wallet;
use tauri_plugin_log::{Target, TargetKind};

use crate::ctx::AppPaths;

/// `--data-dir DIR` / `SWITCHYARD_DATA_DIR` (as in the CLI).
const DATA_DIR_ENV: &str = "SWITCHYARD_DATA_DIR";
/// `--devnet-dir DIR` / `SWITCHYARD_DEVNET_DIR`: a devnet started elsewhere.
const DEVNET_DIR_ENV: &str = "SWITCHYARD_DEVNET_DIR";
const LOG_FILE_NAME: &str = "switchyard";

/// How the app was launched.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The wallet's data directory, if given.
    pub data_dir: Option<PathBuf>,
    /// The devnet's directory, if given.
    pub devnet_dir: Option<PathBuf>,
}

impl Options {
    /// Reads `--data-dir` / `--devnet-dir` (arguments win over the environment).
    pub fn from_env_and_args() -> Self {
        Self::parse(std::env::args().skip(1), |k| std::env::var_os(k))
    }

    fn parse(
        args: impl Iterator<Item = String>,
        env: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Self {
        let mut options = Self {
            data_dir: env(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            devnet_dir: env(DEVNET_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        };
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (arg, None),
            };
            let slot = match name.as_str() {
                "--data-dir" => &mut options.data_dir,
                "--devnet-dir" => &mut options.devnet_dir,
                _ => continue,
            };
            if let Some(value) = inline.or_else(|| args.next()) {
                *slot = Some(PathBuf::from(value));
            }
        }
        options
    }

    /// The data directory (default: the platform's) and the log file inside it.
    pub fn paths(&self) -> AppPaths {
        let data_dir = self
            .data_dir
            .clone()
            .or_else(Wallet::default_data_dir)
            .unwrap_or_else(|| PathBuf::from("switchyard-data"));
        let log_file = data_dir.join("logs").join(format!("{LOG_FILE_NAME}.log"));
        AppPaths { data_dir, log_file }
    }
}

/// Logs to `DATA_DIR/logs/switchyard.log` (and stderr), info and up; rotated by size.
pub fn log_plugin<R: tauri::Runtime>(paths: &AppPaths) -> tauri::plugin::TauriPlugin<R> {
    let dir = paths
        .log_file
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::Folder {
                path: dir,
                file_name: Some(LOG_FILE_NAME.into()),
            }),
            Target::new(TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Info)
        .max_file_size(5_000_000)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Options {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        Options::parse(args.iter().map(|a| (*a).to_owned()), |k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.into())
        })
    }

    #[test]
    fn arguments_override_the_environment() {
        let o = parse(
            &["--data-dir", "/a", "--devnet-dir=/d", "--unknown"],
            &[(DATA_DIR_ENV, "/env"), (DEVNET_DIR_ENV, "/envd")],
        );
        assert_eq!(o.data_dir, Some(PathBuf::from("/a")));
        assert_eq!(o.devnet_dir, Some(PathBuf::from("/d")));
        let o = parse(&[], &[(DATA_DIR_ENV, "/env")]);
        assert_eq!(o.data_dir, Some(PathBuf::from("/env")));
        assert_eq!(o.devnet_dir, None);
        assert_eq!(
            o.paths().log_file,
            PathBuf::from("/env/logs/switchyard.log")
        );
    }
}
