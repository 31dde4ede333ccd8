// Tells the Rust side (command `app_ready`) once this page has been painted: after
// DOMContentLoaded, the first animation frame is the one being painted and the second
// runs once it has been. A separate file, not an inline script: the CSP allows 'self' only.
// Tauri's internal invoke, present on every page, as the real app's bundled API uses it
// (withGlobalTauri would add a 41 KB script the real app does not load).
"use strict";

function reportReady() {
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      window.__TAURI_INTERNALS__.invoke("app_ready").catch((error) => {
        console.error("app_ready failed", error);
      });
    });
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", reportReady, { once: true });
} else {
  reportReady();
}
