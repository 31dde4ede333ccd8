import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNTS, PORTFOLIO, account, journey, tx } from '../testing/fixtures';
import { err, fake, ok } from '../testing/fakeBindings';

vi.mock('../bindings', async () => (await import('../testing/fakeBindings')).fakeBindings);

// Imported after the mock is registered (vi.mock is hoisted anyway).
import { ActivityStore } from './activity.svelte';
import { HwPromptStore } from './hwPrompt.svelte';
import { JourneysStore } from './journeys.svelte';
import { PortfolioStore, REFRESH_DEBOUNCE_MS } from './portfolio.svelte';
import * as stores from './index';

/** Lets pending promise callbacks (listen, command answers) run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

beforeEach(() => {
  fake.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PortfolioStore', () => {
  function answerWith(): void {
    fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
    fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
  }

  it('loads balances and every account, hidden ones included', async () => {
    answerWith();
    const s = new PortfolioStore();
    expect(s.state.kind).toBe('loading');
    await s.refresh();
    expect(s.state.kind).toBe('ready');
    expect(s.data?.usdTotal).toBe(PORTFOLIO.usdTotal);
    expect(s.chains).toHaveLength(3);
    expect(fake.commands.accountsList).toHaveBeenCalledWith(true);
    expect(s.accounts.map((a) => a.label)).toEqual(['Main', 'Ledger 1', 'Vitalik']);
  });

  it('splits visible and hidden accounts', async () => {
    fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
    fake.commands.accountsList!.mockImplementation(() => ok([...ACCOUNTS, account({ address: '0x4', label: 'Old', hidden: true })]));
    const s = new PortfolioStore();
    await s.refresh();
    expect(s.accounts).toHaveLength(3);
    expect(s.hiddenAccounts.map((a) => a.label)).toEqual(['Old']);
  });

  it('shows the first failure as an error state, later ones beside the old data', async () => {
    fake.commands.balancesPortfolio!.mockImplementation(() => err('rpc_unreachable', 'No chain answered.'));
    fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
    const s = new PortfolioStore();
    await s.refresh();
    expect(s.state).toEqual({ kind: 'error', error: { code: 'rpc_unreachable', message: 'No chain answered.' } });

    answerWith();
    await s.refresh();
    expect(s.state.kind).toBe('ready');

    fake.commands.balancesPortfolio!.mockImplementation(() => err('rpc_unreachable', 'Offline.'));
    await s.refresh();
    expect(s.state.kind).toBe('ready');
    expect(s.data).not.toBeNull();
    expect(s.refreshError?.message).toBe('Offline.');
  });

  it('keeps only the latest answer when refreshes overlap', async () => {
    let resolveFirst!: (v: unknown) => void;
    fake.commands.balancesPortfolio!
      .mockImplementationOnce(() => new Promise((r) => (resolveFirst = r)))
      .mockImplementationOnce(() => ok({ ...PORTFOLIO, usdTotal: '2' }));
    fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
    const s = new PortfolioStore();
    const first = s.refresh();
    await s.refresh();
    resolveFirst({ status: 'ok', data: { ...PORTFOLIO, usdTotal: '1' } });
    await first;
    expect(s.data?.usdTotal).toBe('2');
  });

  it('re-fetches once, debounced, on balancesChanged and txUpdated', async () => {
    vi.useFakeTimers();
    answerWith();
    const s = new PortfolioStore();
    s.start();
    await flush();
    expect(fake.commands.balancesPortfolio).toHaveBeenCalledTimes(1);
    expect(fake.events.balancesChanged.listeners).toBe(1);
    expect(fake.events.txUpdated.listeners).toBe(1);

    fake.events.balancesChanged.emit({ chainId: 1 });
    fake.events.txUpdated.emit({ tx: tx() });
    fake.events.balancesChanged.emit({ chainId: 10 });
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS - 1);
    expect(fake.commands.balancesPortfolio).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await flush();
    expect(fake.commands.balancesPortfolio).toHaveBeenCalledTimes(2);
    s.stop();
  });

  it('start is idempotent; stop unsubscribes and forgets the data', async () => {
    answerWith();
    const s = new PortfolioStore();
    s.start();
    s.start();
    await flush();
    expect(fake.events.balancesChanged.listen).toHaveBeenCalledTimes(1);
    await flush();
    expect(s.data).not.toBeNull();
    s.stop();
    expect(fake.events.balancesChanged.listeners).toBe(0);
    expect(fake.events.txUpdated.listeners).toBe(0);
    expect(s.data).toBeNull();
    expect(s.state.kind).toBe('loading');
  });

  it('a stop before listen resolves still unsubscribes', async () => {
    answerWith();
    const s = new PortfolioStore();
    s.start();
    s.stop();
    await flush();
    expect(fake.events.balancesChanged.listeners).toBe(0);
  });

  it('a pending debounce does not fire after stop', async () => {
    vi.useFakeTimers();
    answerWith();
    const s = new PortfolioStore();
    s.start();
    await flush();
    fake.events.balancesChanged.emit({ chainId: 1 });
    s.stop();
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS * 2);
    await flush();
    expect(fake.commands.balancesPortfolio).toHaveBeenCalledTimes(1);
  });

  it('upserts an account in place or appends it', async () => {
    answerWith();
    const s = new PortfolioStore();
    await s.refresh();
    s.upsertAccount({ ...ACCOUNTS[0]!, label: 'Renamed', address: ACCOUNTS[0]!.address.toLowerCase() });
    expect(s.allAccounts[0]!.label).toBe('Renamed');
    s.upsertAccount(account({ address: '0x5', label: 'New' }));
    expect(s.allAccounts.map((a) => a.label)).toEqual(['Renamed', 'Ledger 1', 'Vitalik', 'New']);
  });

  it('upserts many accounts at once, replacing known ones and appending new ones in order', async () => {
    answerWith();
    const s = new PortfolioStore();
    await s.refresh();
    s.upsertAccounts([
      account({ address: '0x6', label: 'Account 3' }),
      { ...ACCOUNTS[1]!, label: 'Cold' },
      account({ address: '0x7', label: 'Account 4' }),
    ]);
    expect(s.allAccounts.map((a) => a.label)).toEqual(['Main', 'Cold', 'Vitalik', 'Account 3', 'Account 4']);
  });
});

describe('ActivityStore', () => {
  it('loads the history', async () => {
    fake.commands.txList!.mockImplementation(() => ok([tx({ hash: '0xb' }), tx({ hash: '0xa' })]));
    const s = new ActivityStore();
    await s.refresh();
    expect(fake.commands.txList).toHaveBeenCalledWith(null);
    expect(s.state.kind).toBe('ready');
    expect(s.txs.map((t) => t.hash)).toEqual(['0xb', '0xa']);
  });

  it('applies txUpdated in place by hash and inserts new ones at the top', async () => {
    fake.commands.txList!.mockImplementation(() => ok([tx({ hash: '0xb' }), tx({ hash: '0xa' })]));
    const s = new ActivityStore();
    s.start();
    await flush();
    expect(s.txs).toHaveLength(2);

    fake.events.txUpdated.emit({ tx: tx({ hash: '0xA', status: 'included', succeeded: true, feePaid: '5' }) });
    expect(s.txs.map((t) => t.hash)).toEqual(['0xb', '0xA']);
    expect(s.find('0xa')?.status).toBe('included');

    fake.events.txUpdated.emit({ tx: tx({ hash: '0xc' }) });
    expect(s.txs.map((t) => t.hash)).toEqual(['0xc', '0xb', '0xA']);
    s.stop();
    expect(fake.events.txUpdated.listeners).toBe(0);
    expect(s.txs).toEqual([]);
  });

  it('re-applies updates that arrive while the list is being fetched', async () => {
    let resolve!: (v: unknown) => void;
    fake.commands.txList!.mockImplementation(() => new Promise((r) => (resolve = r)));
    const s = new ActivityStore();
    s.start();
    await flush();
    fake.events.txUpdated.emit({ tx: tx({ hash: '0xa', status: 'final', succeeded: true }) });
    resolve({ status: 'ok', data: [tx({ hash: '0xa', status: 'pending' })] });
    await flush();
    expect(s.txs).toHaveLength(1);
    expect(s.txs[0]!.status).toBe('final');
    s.stop();
  });

  it('keeps the list when a later refresh fails', async () => {
    fake.commands.txList!.mockImplementationOnce(() => ok([tx()])).mockImplementationOnce(() => err('locked', 'Locked.'));
    const s = new ActivityStore();
    await s.refresh();
    await s.refresh();
    expect(s.state.kind).toBe('ready');
    expect(s.txs).toHaveLength(1);
    expect(s.refreshError?.code).toBe('locked');
  });
});

describe('JourneysStore', () => {
  it('subscribes without loading (journey_list reads chains); loads when asked', async () => {
    fake.commands.journeyList!.mockImplementation(() => ok([journey({ id: 'b' }), journey({ id: 'a' })]));
    const s = new JourneysStore();
    s.start();
    await flush();
    expect(fake.events.journeyUpdated.listeners).toBe(1);
    expect(fake.commands.journeyList).not.toHaveBeenCalled();
    await s.refresh();
    expect(s.state.kind).toBe('ready');
    expect(s.journeys.map((j) => j.id)).toEqual(['b', 'a']);
    s.stop();
  });

  it('applies journeyUpdated in place by id and inserts new ones at the top', async () => {
    fake.commands.journeyList!.mockImplementation(() => ok([journey({ id: 'b' }), journey({ id: 'a' })]));
    const s = new JourneysStore();
    s.start();
    await s.refresh();
    fake.events.journeyUpdated.emit({ journey: journey({ id: 'a', state: 'ready_to_prove', nextAction: 'prove' }) });
    expect(s.journeys.map((j) => j.id)).toEqual(['b', 'a']);
    expect(s.find('a')?.nextAction).toBe('prove');
    fake.events.journeyUpdated.emit({ journey: journey({ id: 'c' }) });
    expect(s.journeys.map((j) => j.id)).toEqual(['c', 'b', 'a']);
    s.stop();
    expect(fake.events.journeyUpdated.listeners).toBe(0);
    expect(s.journeys).toEqual([]);
  });

  it('re-applies updates that arrive while the list is being fetched', async () => {
    let resolve!: (v: unknown) => void;
    fake.commands.journeyList!.mockImplementation(() => new Promise((r) => (resolve = r)));
    const s = new JourneysStore();
    s.start();
    await flush();
    const loading = s.refresh();
    fake.events.journeyUpdated.emit({ journey: journey({ id: 'a', state: 'completed' }) });
    resolve({ status: 'ok', data: [journey({ id: 'a', state: 'awaiting_delivery' })] });
    await loading;
    expect(s.journeys.map((j) => j.state)).toEqual(['completed']);
    s.stop();
  });

  it('reload reads one journey and applies it', async () => {
    fake.commands.journeyShow!.mockImplementation(() => ok(journey({ id: 'a', state: 'proving' })));
    const s = new JourneysStore();
    const j = await s.reload('a');
    expect(fake.commands.journeyShow).toHaveBeenCalledWith('a');
    expect(j.state).toBe('proving');
    expect(s.find('a')?.state).toBe('proving');
  });
});

describe('HwPromptStore', () => {
  it('holds the current prompt and clears on done', async () => {
    const s = new HwPromptStore();
    s.start();
    await flush();
    fake.events.hwPrompt.emit({ kind: 'confirm', vendor: 'Ledger', message: 'Review the transfer on your Ledger.' });
    expect(s.current?.kind).toBe('confirm');
    fake.events.hwPrompt.emit({ kind: 'pin', vendor: 'Trezor', message: 'Enter your PIN.' });
    expect(s.current?.kind).toBe('pin');
    fake.events.hwPrompt.emit({ kind: 'done', vendor: 'Trezor', message: '' });
    expect(s.current).toBeNull();
    s.stop();
    expect(fake.events.hwPrompt.listeners).toBe(0);
  });
});

describe('start/stop', () => {
  it('subscribes and unsubscribes every store', async () => {
    fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
    fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
    fake.commands.txList!.mockImplementation(() => ok([]));
    stores.start();
    await flush();
    expect(fake.events.hwPrompt.listeners).toBe(1);
    expect(fake.events.balancesChanged.listeners).toBe(1);
    expect(fake.events.txUpdated.listeners).toBe(2);
    expect(fake.events.journeyUpdated.listeners).toBe(1);
    stores.stop();
    expect(
      fake.events.hwPrompt.listeners +
        fake.events.balancesChanged.listeners +
        fake.events.txUpdated.listeners +
        fake.events.journeyUpdated.listeners,
    ).toBe(0);
  });
});
