// The app-wide stores. App calls start() once the wallet is unlocked and stop() when it
// locks (stop() also forgets the loaded balances and history).
import { activity } from './activity.svelte';
import { hwPrompt } from './hwPrompt.svelte';
import { journeys } from './journeys.svelte';
import { portfolio } from './portfolio.svelte';

export { activity, hwPrompt, journeys, portfolio };

/** Subscribes every store to its backend events and starts loading. Safe to call twice. */
export function start(): void {
  hwPrompt.start();
  portfolio.start();
  activity.start();
  journeys.start();
}

/** Unsubscribes every store and clears what they hold. */
export function stop(): void {
  hwPrompt.stop();
  portfolio.stop();
  activity.stop();
  journeys.stop();
}
