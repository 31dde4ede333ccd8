import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Built into ui/dist, which src-tauri/tauri.conf.json embeds (build.frontendDist).
export default defineConfig({
  plugins: [svelte()],
  // Tauri serves the bundle from its own origin; relative asset paths keep it portable.
  base: './',
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline assets: the CSP allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
  },
});
