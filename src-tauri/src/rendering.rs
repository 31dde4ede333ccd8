//! How the web view draws. WebKitGTK composites the page with OpenGL. Without a GPU (no
//! DRM render node: a VM, a remote desktop, Xvfb) that OpenGL is Mesa's llvmpipe, which
//! compiles each shader with LLVM the first time it is used: measured here, 1.2 s of the
//! first screen's 1.9 s (docs/benchmarks.md). Without a GPU the app therefore draws
//! without compositing, which WebKitGTK supports for exactly that case; with one, or when
//! the person set `WEBKIT_DISABLE_COMPOSITING_MODE` themselves, nothing changes.

use std::path::Path;

/// WebKitGTK's switch for drawing without (GPU) compositing.
pub const COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists the GPUs' render nodes (`renderD128`, …).
const DRI_DIR: &str = "/dev/dri";

/// Whether `dev_dri` lists a render node: a GPU that OpenGL can use.
fn has_render_node(dev_dri: &Path) -> bool {
    std::fs::read_dir(dev_dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Draw without compositing only when there is no GPU and the person did not choose.
fn without_compositing(render_node: bool, chosen: bool) -> bool {
    !render_node && !chosen
}

/// Turns compositing off when there is no GPU (Linux only); returns whether it did, for
/// the log. Call first thing in `main`: it sets an environment variable, which the web
/// view's processes inherit.
pub fn configure() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let off = without_compositing(
        has_render_node(Path::new(DRI_DIR)),
        std::env::var_os(COMPOSITING_ENV).is_some(),
    );
    if off {
        // SAFETY: called at the start of `run`, before the app starts any thread, so no
        // other thread reads the environment meanwhile.
        unsafe { std::env::set_var(COMPOSITING_ENV, "1") };
    }
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_is_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(
            !has_render_node(dir.path()),
            "a card alone is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }

    #[test]
    fn compositing_goes_off_only_without_a_gpu_and_a_choice() {
        assert!(without_compositing(false, false));
        assert!(!without_compositing(true, false));
        assert!(!without_compositing(false, true));
        assert!(!without_compositing(true, true));
    }
}
