// Cross-chain moves, newest first. `events.journeyUpdated` payloads (the wallet's follower
// saw a state change) are applied in place by id, so the list follows the chains without
// re-fetching. Subscribed while the wallet is open; loaded only when the Journeys screen
// asks (journey_list reads every open journey from its chains).
import { call, commands, events, toCommandError } from '../api';
import type { JourneyView } from '../bindings';
import { applyJourney } from '../journeys';
import { LOADING, READY, failed, type AppError, type LoadState } from '../load';
import { Subscriptions } from './subscriptions';

export class JourneysStore {
  /** The first load's state; later refreshes keep the list on screen (see `refreshError`). */
  state: LoadState = $state(LOADING);
  journeys: JourneyView[] = $state([]);
  refreshing = $state(false);
  /** The last refresh failed while the older list is still shown. */
  refreshError: AppError | null = $state(null);

  #subs = new Subscriptions();
  #seq = 0;
  #loaded = false;
  /** Updates that arrived while a fetch was running, re-applied over its answer. */
  #buffer: JourneyView[] = [];

  /** Applies a journey as it is now (an event payload, or what a command returned). */
  apply = (journey: JourneyView): void => {
    this.journeys = applyJourney(this.journeys, journey);
    if (this.refreshing) this.#buffer.push(journey);
  };

  find = (id: string): JourneyView | undefined => this.journeys.find((j) => j.id === id);

  /** Fetches every journey (the backend first reads the open ones from their chains). */
  refresh = async (): Promise<void> => {
    const seq = ++this.#seq;
    this.refreshing = true;
    this.#buffer = [];
    try {
      let list = await call(commands.journeyList());
      if (seq !== this.#seq) return;
      for (const j of this.#buffer) list = applyJourney(list, j);
      this.journeys = list;
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

  /** Reads one journey from its chains again and applies it; throws what the core said. */
  reload = async (id: string): Promise<JourneyView> => {
    const journey = await call(commands.journeyShow(id));
    this.apply(journey);
    return journey;
  };

  /** Subscribes to `events.journeyUpdated`. Idempotent. */
  start = (): void => {
    if (!this.#subs.open()) return;
    this.#subs.add(() => events.journeyUpdated.listen((e) => this.apply(e.payload.journey)));
  };

  /** Unsubscribes and forgets the journeys (the wallet locked). */
  stop = (): void => {
    this.#subs.close();
    this.#seq += 1;
    this.#loaded = false;
    this.#buffer = [];
    this.state = LOADING;
    this.journeys = [];
    this.refreshing = false;
    this.refreshError = null;
  };
}

export const journeys = new JourneysStore();
