//! How the web view draws. WebKitGTK paints the page with Skia on the GPU, through OpenGL.
//! Without a GPU (no DRM render node: a VM, a remote desktop, Xvfb) that OpenGL is Mesa's
//! llvmpipe, which compiles each shader with LLVM the first time it is used: measured
//! here, 1.2 s of the first screen's 1.9 s (docs/benchmarks.md). Without a GPU the app
//! therefore has Skia paint on the CPU (`WEBKIT_SKIA_ENABLE_CPU_RENDERING=1`, WebKitGTK's
//! own switch for that case); with one, or when the person set either of WebKitGTK's
//! rendering switches themselves, nothing changes.
//!
//! Not compositing at all (`WEBKIT_DISABLE_COMPOSITING_MODE=1`) starts faster still, but
//! WebKitWebDriver's screenshots of an idle page then never complete, which the
//! end-to-end tests (and anyone driving the app) rely on.

use std::path::Path;

/// WebKitGTK's switch for painting with Skia on the CPU.
pub const CPU_RENDERING_ENV: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// WebKitGTK's switch for drawing without compositing: a choice the app leaves alone.
const COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

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

/// Paint on the CPU only when there is no GPU and the person did not choose.
fn paint_on_cpu(render_node: bool, chosen: bool) -> bool {
    !render_node && !chosen
}

/// Has Skia paint on the CPU when there is no GPU (Linux only); returns whether it did,
/// for the log. Call first thing: it sets an environment variable, which the web view's
/// processes inherit.
pub fn configure() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let chosen = [CPU_RENDERING_ENV, COMPOSITING_ENV]
        .iter()
        .any(|name| std::env::var_os(name).is_some());
    let cpu = paint_on_cpu(has_render_node(Path::new(DRI_DIR)), chosen);
    if cpu {
        // SAFETY: called at the start of `run`, before the app starts any thread, so no
        // other thread reads the environment meanwhile.
        unsafe { std::env::set_var(CPU_RENDERING_ENV, "1") };
    }
    cpu
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
    fn the_cpu_paints_only_without_a_gpu_and_a_choice() {
        assert!(paint_on_cpu(false, false));
        assert!(!paint_on_cpu(true, false));
        assert!(!paint_on_cpu(false, true));
        assert!(!paint_on_cpu(true, true));
    }
}
