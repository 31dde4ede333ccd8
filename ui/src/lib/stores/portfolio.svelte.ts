// Balances on every chain plus the accounts, kept fresh: re-fetched (debounced) whenever the
// backend says balances may have changed or a transaction moved.
import { call, commands, events, toCommandError } from '../api';
import type { AccountView, ChainBalancesView, PortfolioView } from '../bindings';
import { LOADING, READY, failed, type AppError, type LoadState } from '../load';
import { Subscriptions } from './subscriptions';

/** Events arriving within this window cause one re-fetch, not one each. */
export const REFRESH_DEBOUNCE_MS = 500;

export class PortfolioStore {
  /** The first load's state; later refreshes keep the data on screen (see `refreshError`). */
  state: LoadState = $state(LOADING);
  data: PortfolioView | null = $state(null);
  /** Every account, hidden ones included (`accounts` is the visible ones). */
  allAccounts: AccountView[] = $state([]);
  /** A fetch is running (the first load or a refresh). */
  refreshing = $state(false);
  /** The last refresh failed while older data is still shown; null when it worked. */
  refreshError: AppError | null = $state(null);

  readonly accounts: AccountView[] = $derived(this.allAccounts.filter((a) => !a.hidden));
  readonly hiddenAccounts: AccountView[] = $derived(this.allAccounts.filter((a) => a.hidden));
  readonly chains: ChainBalancesView[] = $derived(this.data?.chains ?? []);

  #subs = new Subscriptions();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every fetch and by stop(): an answer that is no longer the latest is dropped. */
  #seq = 0;

  /** Fetches balances and accounts now. Never throws: failures land in `state`/`refreshError`. */
  refresh = async (): Promise<void> => {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const seq = ++this.#seq;
    this.refreshing = true;
    try {
      const [data, accounts] = await Promise.all([
        call(commands.balancesPortfolio()),
        call(commands.accountsList(true)),
      ]);
      if (seq !== this.#seq) return;
      this.data = data;
      this.allAccounts = accounts;
      this.refreshError = null;
      this.state = READY;
    } catch (e) {
      if (seq !== this.#seq) return;
      const error = toCommandError(e);
      if (this.data) this.refreshError = error;
      else this.state = failed(error);
    } finally {
      if (seq === this.#seq) this.refreshing = false;
    }
  };

  /** Loads once if nothing is loaded or loading yet (screens call this on mount). */
  ensure = (): void => {
    if (!this.data && !this.refreshing) void this.refresh();
  };

  /** A refresh after REFRESH_DEBOUNCE_MS of quiet. */
  refreshSoon = (): void => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  };

  /** Puts a changed or added account in place (after rename, hide, add), without a fetch. */
  upsertAccount = (account: AccountView): void => {
    this.upsertAccounts([account]);
  };

  /** Puts changed or added accounts in place (new ones appended in order), in one update. */
  upsertAccounts = (accounts: readonly AccountView[]): void => {
    if (accounts.length === 0) return;
    const incoming = new Map(accounts.map((a) => [a.address.toLowerCase(), a]));
    const next = this.allAccounts.map((a) => {
      const key = a.address.toLowerCase();
      const replacement = incoming.get(key);
      if (!replacement) return a;
      incoming.delete(key);
      return replacement;
    });
    this.allAccounts = [...next, ...incoming.values()];
  };

  /** Subscribes to balance and transaction events and loads. Idempotent. */
  start = (): void => {
    if (!this.#subs.open()) return;
    this.#subs.add(() => events.balancesChanged.listen(() => this.refreshSoon()));
    this.#subs.add(() => events.txUpdated.listen(() => this.refreshSoon()));
    void this.refresh();
  };

  /** Unsubscribes and forgets everything loaded (the wallet locked). */
  stop = (): void => {
    this.#subs.close();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#seq += 1;
    this.state = LOADING;
    this.data = null;
    this.allAccounts = [];
    this.refreshing = false;
    this.refreshError = null;
  };
}

export const portfolio = new PortfolioStore();
