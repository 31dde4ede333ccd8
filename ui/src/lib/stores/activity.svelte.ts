// Transaction history, newest first. `events.txUpdated` payloads are applied in place by
// hash (new ones go on top), so the list follows the chain without re-fetching.
import { call, commands, events, toCommandError } from '../api';
import type { TxView } from '../bindings';
import { applyTx } from '../derive';
import { LOADING, READY, failed, type AppError, type LoadState } from '../load';
import { Subscriptions } from './subscriptions';

export class ActivityStore {
  /** The first load's state; later refreshes keep the list on screen (see `refreshError`). */
  state: LoadState = $state(LOADING);
  txs: TxView[] = $state([]);
  refreshing = $state(false);
  /** The last refresh failed while the older list is still shown. */
  refreshError: AppError | null = $state(null);

  #subs = new Subscriptions();
  #seq = 0;
  #loaded = false;
  /** Updates that arrived while a fetch was running, re-applied over its answer. */
  #buffer: TxView[] = [];

  /** Applies a transaction as it is now (an event payload, or what sendConfirm returned). */
  apply = (tx: TxView): void => {
    this.txs = applyTx(this.txs, tx);
    if (this.refreshing) this.#buffer.push(tx);
  };

  find = (hash: string): TxView | undefined => {
    const h = hash.toLowerCase();
    return this.txs.find((t) => t.hash.toLowerCase() === h);
  };

  /** Fetches the whole history (the backend first looks at open transactions). */
  refresh = async (): Promise<void> => {
    const seq = ++this.#seq;
    this.refreshing = true;
    this.#buffer = [];
    try {
      let list = await call(commands.txList(null));
      if (seq !== this.#seq) return;
      for (const tx of this.#buffer) list = applyTx(list, tx);
      this.txs = list;
      this.#loaded = true;
      this.refreshError = null;
      this.state = READY;
    } catch (e) {
      if (seq !== this.#seq) return;
      const error = toCommandError(e);
      if (this.#loaded) this.refreshError = error;
      else this.state = failed(error);
    } finally {
      if (seq === this.#seq) {
        this.refreshing = false;
        this.#buffer = [];
      }
    }
  };

  /** Loads once if nothing is loaded or loading yet. */
  ensure = (): void => {
    if (!this.#loaded && !this.refreshing) void this.refresh();
  };

  /** Subscribes to `events.txUpdated` and loads. Idempotent. */
  start = (): void => {
    if (!this.#subs.open()) return;
    this.#subs.add(() => events.txUpdated.listen((e) => this.apply(e.payload.tx)));
    void this.refresh();
  };

  /** Unsubscribes and forgets the history (the wallet locked). */
  stop = (): void => {
    this.#subs.close();
    this.#seq += 1;
    this.#loaded = false;
    this.#buffer = [];
    this.state = LOADING;
    this.txs = [];
    this.refreshing = false;
    this.refreshError = null;
  };
}

export const activity = new ActivityStore();
