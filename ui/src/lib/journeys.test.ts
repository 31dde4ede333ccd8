import { describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  NETWORKS,
  SYT_L1,
  SYT_OP_A,
  TOKENS,
  USDC_DEVNET,
  chain,
  chainView,
  journey,
} from './testing/fixtures';
import {
  applyJourney,
  arrivalText,
  countdown,
  formatDuration,
  moveAssets,
  moveDestinations,
  moveSources,
} from './journeys';

const ids = (chains: { chainId: number }[]) => chains.map((c) => c.chainId);

describe('moveDestinations', () => {
  const chains = NETWORKS.chains; // l1 900; op-a 901, op-b 902, arb 412346 settle on it

  it('from an L1: the rollups that settle on it', () => {
    expect(ids(moveDestinations(chains, 900))).toEqual([901, 902, 412346]);
  });

  it('from a rollup: its parent only, never a sibling rollup', () => {
    expect(ids(moveDestinations(chains, 901))).toEqual([900]);
    expect(ids(moveDestinations(chains, 412346))).toEqual([900]);
  });

  it('nothing from an unknown chain, or between unrelated chains', () => {
    expect(moveDestinations(chains, 5)).toEqual([]);
    const other = [...chains, chainView({ chainId: 1, name: 'Ethereum' })];
    expect(ids(moveDestinations(other, 1))).toEqual([]);
    expect(ids(moveDestinations(other, 900))).toEqual([901, 902, 412346]);
  });

  it('a rollup on a rollup: its parent first, then its children', () => {
    const l3 = [...chains, chainView({ chainId: 7, name: 'L3', kind: 'op_stack', parentChainId: 901 })];
    expect(ids(moveDestinations(l3, 901))).toEqual([900, 7]);
    expect(ids(moveDestinations(l3, 7))).toEqual([901]);
  });

  it('a parent missing from the profile is no destination', () => {
    const orphan = [chainView({ chainId: 10, name: 'OP Mainnet', kind: 'op_stack', parentChainId: 1 })];
    expect(moveDestinations(orphan, 10)).toEqual([]);
    expect(moveSources(orphan)).toEqual([]);
  });

  it('sources are the chains with somewhere to go', () => {
    const other = [...chains, chainView({ chainId: 1, name: 'Ethereum' })];
    expect(ids(moveSources(other))).toEqual([900, 901, 902, 412346]);
  });
});

describe('moveAssets', () => {
  const l1 = chain({
    chainId: 900,
    chain: 'Devnet l1',
    holdings: [
      { account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: '2000000000000000000', usd: null },
      { account: ALICE, token: SYT_L1.toLowerCase(), symbol: 'SYT', decimals: 18, amount: '0', usd: null },
      { account: BOB, token: USDC_DEVNET, symbol: 'USDC', decimals: 6, amount: '1000000', usd: null },
    ],
  });

  it('the native currency first, then every token known on that chain by symbol, with the sender’s balances', () => {
    const options = moveAssets(TOKENS, 900, l1, ALICE);
    expect(options.map((o) => [o.value, o.symbol, o.decimals, o.token])).toEqual([
      ['ETH', 'ETH', 18, null],
      [SYT_L1, 'SYT', 18, SYT_L1],
      [USDC_DEVNET, 'USDC', 6, USDC_DEVNET],
    ]);
    // Held with a zero balance (addresses compared without case); not held by this sender: unknown.
    expect(options.map((o) => o.balance)).toEqual([2_000_000_000_000_000_000n, 0n, null]);
    expect(moveAssets(TOKENS, 900, l1, BOB).map((o) => o.balance)).toEqual([null, null, 1_000_000n]);
  });

  it('only the tokens of that chain; ETH alone with none, or no balances known', () => {
    expect(moveAssets(TOKENS, 901, undefined, ALICE).map((o) => o.value)).toEqual(['ETH', SYT_OP_A]);
    expect(moveAssets([], 902, undefined, ALICE)).toEqual([
      { value: 'ETH', symbol: 'ETH', decimals: 18, token: null, balance: null },
    ]);
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(2 * 86_400 + 3 * 3_600 + 59 * 60)).toBe('2 d 3 h');
    expect(formatDuration(4 * 60 + 10)).toBe('4 min 10 s');
    expect(formatDuration(3_600 + 5 * 60)).toBe('1 h 5 min');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(7 * 86_400)).toBe('7 d');
  });

  it('drops a smaller unit after a zero one', () => {
    expect(formatDuration(3_600 + 5)).toBe('1 h');
    expect(formatDuration(86_400 + 60)).toBe('1 d');
  });

  it('rounds up to a second and never goes below 0', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(-5)).toBe('0 s');
  });
});

describe('countdown', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('counts down to the eta', () => {
    expect(countdown('2026-01-03T03:00:00Z', now)).toBe('2 d 3 h');
    expect(countdown('2026-01-01T00:04:10Z', now)).toBe('4 min 10 s');
    expect(countdown('2026-01-01T00:04:10Z', now + 500)).toBe('4 min 10 s');
    expect(countdown('2026-01-01T00:00:01Z', now)).toBe('1 s');
  });

  it('says “any moment now” once the eta has passed, never a negative time', () => {
    expect(countdown('2026-01-01T00:00:00Z', now)).toBe('any moment now');
    expect(countdown('2025-12-31T23:00:00Z', now)).toBe('any moment now');
  });

  it('is null without an eta, or with one that does not parse', () => {
    expect(countdown(null, now)).toBeNull();
    expect(countdown('soon', now)).toBeNull();
  });
});

describe('arrivalText', () => {
  it('uses the plan’s time when known', () => {
    expect(arrivalText(7 * 86_400 + 3_600, 2)).toBe('About 7 d 1 h');
    expect(arrivalText(120, 0)).toBe('About 2 min');
  });

  it('unknown: a deposit arrives when the rollup reads it; otherwise it depends on the steps', () => {
    expect(arrivalText(null, 0)).toContain('Once the rollup reads the deposit');
    expect(arrivalText(null, 0)).toContain('minutes');
    expect(arrivalText(null, 1)).toContain('depends on when the later steps');
  });
});

describe('applyJourney', () => {
  it('replaces by id in place, or inserts at the top', () => {
    const list = [journey({ id: 'b' }), journey({ id: 'a' })];
    const updated = applyJourney(list, journey({ id: 'a', state: 'ready_to_prove' }));
    expect(updated.map((j) => [j.id, j.state])).toEqual([
      ['b', 'awaiting_game'],
      ['a', 'ready_to_prove'],
    ]);
    expect(list[1]!.state).toBe('awaiting_game'); // a new array
    expect(applyJourney(list, journey({ id: 'c' })).map((j) => j.id)).toEqual(['c', 'b', 'a']);
  });
});
