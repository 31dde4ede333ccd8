// Links to block explorers open in the system browser (the opener plugin; the app's
// capabilities allow https URLs only), never inside the wallet's own window.
import { openUrl } from '@tauri-apps/plugin-opener';
import { inTauri } from './api';

/** Click handler for an external link: opens `url` in the browser instead of navigating. */
export function openExternal(event: MouseEvent, url: string | null | undefined): void {
  if (!url || !inTauri()) return;
  event.preventDefault();
  void openUrl(url);
}
