// Event subscriptions that can be dropped all at once, including ones whose `listen` has not
// resolved yet (a stop() right after start() must not leave a listener behind).
import type { UnlistenFn } from '@tauri-apps/api/event';

export class Subscriptions {
  #unlisten: UnlistenFn[] = [];
  #generation = 0;
  #active = false;

  get active(): boolean {
    return this.#active;
  }

  /** Marks the set active; returns false when it already was (start() is idempotent). */
  open(): boolean {
    if (this.#active) return false;
    this.#active = true;
    return true;
  }

  /** Keeps the listener `listen()` resolves to, or drops it if close() came first. */
  add(listen: () => Promise<UnlistenFn>): void {
    const generation = this.#generation;
    let pending: Promise<UnlistenFn>;
    try {
      pending = listen();
    } catch {
      return; // no Tauri runtime (a plain browser): nothing to listen to
    }
    pending.then(
      (unlisten) => {
        if (generation === this.#generation) this.#unlisten.push(unlisten);
        else unlisten();
      },
      () => {},
    );
  }

  /** Unsubscribes everything. */
  close(): void {
    this.#active = false;
    this.#generation += 1;
    const all = this.#unlisten;
    this.#unlisten = [];
    for (const unlisten of all) {
      try {
        unlisten();
      } catch {
        // already gone with the webview
      }
    }
  }
}
