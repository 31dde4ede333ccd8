// The state of anything fetched from the backend, shared by every screen and DataState.

/** Same shape as the backend's CommandError (bindings.ts). */
export interface AppError {
  code: string;
  message: string;
}

export type LoadState = { kind: 'loading' } | { kind: 'error'; error: AppError } | { kind: 'ready' };

export const LOADING: LoadState = { kind: 'loading' };
export const READY: LoadState = { kind: 'ready' };

export function failed(error: AppError): LoadState {
  return { kind: 'error', error };
}
