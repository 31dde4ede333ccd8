/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Built into ui/dist, which src-tauri/tauri.conf.json embeds (build.frontendDist).
export default defineConfig({
  // svelteTesting only acts under Vitest (browser build of Svelte, DOM cleanup between tests).
  plugins: [svelte(), svelteTesting()],
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
  test: {
    // Unit and component tests only; e2e/ runs the real app under tauri-driver (node --test).
    include: ['src/**/*.test.ts'],
    environment: 'jsdom',
  },
});
