// Typed wrappers over the Tauri commands in src-tauri/src/commands. One function per command.
import { invoke, isTauri } from '@tauri-apps/api/core';
import type { CommandError, WalletStatus } from './bindings';

export type { CommandError, WalletStatus };

/** Normalizes whatever `invoke` rejected with (a `CommandError`, a string, an `Error`). */
export function toCommandError(e: unknown): CommandError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as Record<string, unknown>;
    return { code: String(code), message: String(message) };
  }
  if (e instanceof Error) return { code: 'unexpected', message: e.message };
  return { code: 'unexpected', message: String(e) };
}

/** Whether the page runs inside the Tauri webview (false in a plain browser). */
export function inTauri(): boolean {
  return isTauri();
}

/** Opens the wallet in `dataDir` (default: the platform data directory) and reports its state. */
export function walletStatus(dataDir?: string): Promise<WalletStatus> {
  return invoke<WalletStatus>('wallet_status', dataDir === undefined ? {} : { dataDir });
}
