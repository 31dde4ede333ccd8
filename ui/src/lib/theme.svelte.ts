// Light/dark/system preference. "system" removes data-theme so app.css follows
// prefers-color-scheme; the choice survives restarts via localStorage.

export type ThemePreference = 'light' | 'dark' | 'system';

export const THEME_STORAGE_KEY = 'switchyard.theme';

function isPreference(value: unknown): value is ThemePreference {
  return value === 'light' || value === 'dark' || value === 'system';
}

/** The saved preference, or "system" when none (or storage is unavailable). */
export function loadThemePreference(storage: Storage | undefined = globalThis.localStorage): ThemePreference {
  try {
    const saved = storage?.getItem(THEME_STORAGE_KEY);
    return isPreference(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

/** Sets or clears `data-theme` on <html>. */
export function applyThemePreference(pref: ThemePreference, root: HTMLElement = document.documentElement): void {
  if (pref === 'system') delete root.dataset.theme;
  else root.dataset.theme = pref;
}

class Theme {
  preference: ThemePreference = $state('system');

  /** Reads the saved choice and applies it; call once before mounting to avoid a flash. */
  init = (): void => {
    this.preference = loadThemePreference();
    applyThemePreference(this.preference);
  };

  set = (pref: ThemePreference): void => {
    this.preference = pref;
    applyThemePreference(pref);
    try {
      if (pref === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, pref);
    } catch {
      // Storage can be disabled; the choice still holds for this session.
    }
  };
}

export const theme = new Theme();
