// Transient notices ("Address copied", "Transaction sent"). Info and success fade on their own;
// errors stay until dismissed, because a person may need time to read or copy them.

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
}

export interface NotifyOptions {
  kind?: NoticeKind;
  /** Milliseconds before it disappears; 0 keeps it until dismissed. Default 4000 (errors: 0). */
  timeoutMs?: number;
}

const MAX_VISIBLE = 4;

class Notices {
  items: Notice[] = $state([]);
  #nextId = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  notify = (message: string, opts: NotifyOptions = {}): number => {
    const kind = opts.kind ?? 'info';
    const id = this.#nextId++;
    this.items = [...this.items, { id, kind, message }];
    // Drop the oldest rather than let notices pile up over the content.
    while (this.items.length > MAX_VISIBLE) this.dismiss(this.items[0]!.id);
    const timeout = opts.timeoutMs ?? (kind === 'error' ? 0 : 4000);
    if (timeout > 0) this.#timers.set(id, setTimeout(() => this.dismiss(id), timeout));
    return id;
  };

  dismiss = (id: number): void => {
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
    this.items = this.items.filter((n) => n.id !== id);
  };

  clear = (): void => {
    for (const n of this.items) this.dismiss(n.id);
  };
}

export const notices = new Notices();
export const notify = notices.notify;
