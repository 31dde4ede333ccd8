import { afterEach, describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, applyThemePreference, loadThemePreference, theme } from './theme.svelte';

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('theme', () => {
  it('defaults to system and ignores junk in storage', () => {
    expect(loadThemePreference()).toBe('system');
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(loadThemePreference()).toBe('system');
    localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    expect(loadThemePreference()).toBe('dark');
  });

  it('sets data-theme for light/dark and removes it for system', () => {
    const root = document.documentElement;
    applyThemePreference('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyThemePreference('light', root);
    expect(root.dataset.theme).toBe('light');
    applyThemePreference('system', root);
    expect(root.hasAttribute('data-theme')).toBe(false);
  });

  it('persists a choice and restores it on init', () => {
    theme.set('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    delete document.documentElement.dataset.theme;
    theme.init();
    expect(theme.preference).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    theme.set('system');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });
});
