// The typed boundary: `commands` and `events` are generated from the Rust commands
// (src-tauri/src/commands, by tauri-specta, into ./bindings.ts). This file only adds
// `call`, which turns a command's `{status, data | error}` into a value or a thrown
// `CommandError`, for code that prefers try/catch.
import { isTauri } from '@tauri-apps/api/core';
import type { CommandError, ErrorCode } from './bindings';

export * from './bindings';

type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: CommandError };

/** A command error as thrown by `call`. */
export class CommandFailure extends Error {
  readonly code: ErrorCode;
  constructor(error: CommandError) {
    super(error.message);
    this.code = error.code;
  }
}

/** Awaits a generated command and returns its data, or throws a `CommandFailure`. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (r.status === 'error') throw new CommandFailure(r.error);
  return r.data;
}

/** Normalizes anything thrown (a `CommandFailure`, a Tauri string, an `Error`). */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandFailure) return { code: e.code, message: e.message };
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as Record<string, unknown>;
    // An error shaped like the backend's: its code is one of the generated ErrorCodes.
    return { code: String(code) as ErrorCode, message: String(message) };
  }
  if (e instanceof Error) return { code: 'unexpected', message: e.message };
  return { code: 'unexpected', message: String(e) };
}

/** Whether the page runs inside the Tauri webview (false in a plain browser). */
export function inTauri(): boolean {
  return isTauri();
}
