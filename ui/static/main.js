// Placeholder start screen until the Svelte UI (desktop issue) replaces ui/static.
const status = document.getElementById("status");
window.__TAURI__.core
  .invoke("wallet_status")
  .then((s) => {
    status.textContent = s.initialized
      ? `${s.accounts} account(s) in ${s.dataDir}`
      : `No wallet yet. Create one with: switchyard wallet init`;
  })
  .catch((e) => {
    status.textContent = `Error: ${e.message ?? e}`;
  });
