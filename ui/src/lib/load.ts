// The state of anything fetched from the backend, shared by every screen and DataState.

import type { CommandError } from './bindings';

/** The backend's error (its code one of the generated ErrorCodes). */
export type AppError = CommandError;

export type LoadState = { kind: 'loading' } | { kind: 'error'; error: AppError } | { kind: 'ready' };

export const LOADING: LoadState = { kind: 'loading' };
export const READY: LoadState = { kind: 'ready' };

export function failed(error: AppError): LoadState {
  return { kind: 'error', error };
}
