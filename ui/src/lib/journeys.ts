// Pure helpers for cross-chain moves ("journeys"): which chain pairs a canonical bridge
// joins, and how long something takes, as text. What a journey's state means, what it
// costs and whether a step is due are the core's answers; nothing here decides them.
import type { ChainBalancesView, ChainView, JourneyAction, JourneyView, TokenView } from './bindings';
import { sameAddress, sendAssets, toBig, type AssetOption } from './derive';

/**
 * Where a move from `fromChainId` can go through a canonical bridge: its parent (a
 * withdrawal from a rollup to its L1) first, then its children (deposits from an L1 into
 * the rollups that settle on it), in the profile's order. Empty for an unknown chain.
 */
export function moveDestinations(chains: readonly ChainView[], fromChainId: number): ChainView[] {
  const from = chains.find((c) => c.chainId === fromChainId);
  if (!from) return [];
  const parent = chains.filter((c) => c.chainId !== from.chainId && c.chainId === from.parentChainId);
  const children = chains.filter((c) => c.chainId !== from.chainId && c.parentChainId === from.chainId);
  return [...parent, ...children];
}

/** The chains a move can start from: those with at least one destination. */
export function moveSources(chains: readonly ChainView[]): ChainView[] {
  return chains.filter((c) => moveDestinations(chains, c.chainId).length > 0);
}

/**
 * The assets the Move form offers on chain `chainId`: its native currency first (with the
 * sender's balance, as Send offers it), then every token the wallet knows there (`tokens`,
 * from `tokensList`), by symbol, each with the sender's balance when `balances` (that
 * chain's portfolio) holds it. Which of them a bridge takes is the core's answer: it
 * refuses the others with a sentence.
 */
export function moveAssets(
  tokens: readonly TokenView[],
  chainId: number,
  balances: ChainBalancesView | undefined,
  from: string,
  nativeSymbol = 'ETH',
): AssetOption[] {
  const native = sendAssets(balances, from, nativeSymbol)[0]!;
  const balanceOf = (address: string): bigint | null => {
    const held = balances?.holdings.find(
      (h) => h.token !== null && sameAddress(h.token, address) && sameAddress(h.account, from),
    );
    return held ? toBig(held.amount) : null;
  };
  const known = tokens
    .filter((t) => t.chainId === chainId)
    .sort((a, b) => a.symbol.localeCompare(b.symbol, 'en'))
    .map((t) => ({
      value: t.address,
      symbol: t.symbol,
      decimals: t.decimals,
      token: t.address,
      balance: balanceOf(t.address),
    }));
  return [native, ...known];
}

/** The button a journey's next step is taken with. */
export const JOURNEY_ACTION_LABELS: Readonly<Record<JourneyAction, string>> = {
  prove: 'Prove',
  finalize: 'Finalize',
  claim: 'Claim',
  redeem: 'Redeem',
  replay: 'Replay',
};

const UNITS: readonly [number, string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/**
 * Seconds as the two largest units that are not zero: "2 d 3 h", "4 min 10 s", "1 h",
 * "45 s". Rounded up to a whole second; 0 (or less) is "0 s".
 */
export function formatDuration(secs: number): string {
  let left = Math.max(0, Math.ceil(secs));
  if (left === 0) return '0 s';
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
    else if (parts.length > 0) break; // "1 h 0 min 5 s" reads as "1 h"
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/**
 * Time left until `eta` (RFC 3339) at `now` (ms since the epoch): "2 d 3 h", "4 min 10 s";
 * once it has passed, "any moment now" (the step waits on the chain, not on the clock).
 * Null when there is no eta or it does not parse.
 */
export function countdown(eta: string | null, now: number): string | null {
  if (eta === null) return null;
  const at = Date.parse(eta);
  if (Number.isNaN(at)) return null;
  const secs = Math.ceil((at - now) / 1000);
  return secs <= 0 ? 'any moment now' : formatDuration(secs);
}

/**
 * How long until the funds arrive, from a plan's `totalSecs`. Unknown with no later steps
 * is a deposit the rollup picks up on its own; unknown with later steps depends on them.
 */
export function arrivalText(totalSecs: number | null, laterSteps: number): string {
  if (totalSecs !== null) return `About ${formatDuration(totalSecs)}`;
  if (laterSteps === 0) return 'Once the rollup reads the deposit: usually a few minutes';
  return 'Not known yet: it depends on when the later steps become possible';
}

/**
 * `list` with `journey` applied: replaced in place by id, or inserted at the top when new
 * (the list is newest first). Returns a new array.
 */
export function applyJourney(list: readonly JourneyView[], journey: JourneyView): JourneyView[] {
  const i = list.findIndex((j) => j.id === journey.id);
  if (i === -1) return [journey, ...list];
  const next = [...list];
  next[i] = journey;
  return next;
}
