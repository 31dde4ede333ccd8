// What a hardware wallet currently asks of the person (`events.hwPrompt`); kind "done"
// clears it. HwPromptDialog shows it.
import { events } from '../api';
import type { HwPrompt } from '../bindings';
import { Subscriptions } from './subscriptions';

export class HwPromptStore {
  /** The prompt on screen; null when the device wants nothing. */
  current: HwPrompt | null = $state(null);

  #subs = new Subscriptions();

  apply = (prompt: HwPrompt): void => {
    this.current = prompt.kind === 'done' ? null : prompt;
  };

  clear = (): void => {
    this.current = null;
  };

  /** Subscribes to `events.hwPrompt`. Idempotent. */
  start = (): void => {
    if (!this.#subs.open()) return;
    this.#subs.add(() => events.hwPrompt.listen((e) => this.apply(e.payload)));
  };

  stop = (): void => {
    this.#subs.close();
    this.current = null;
  };
}

export const hwPrompt = new HwPromptStore();
