import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import { ACCOUNTS, PORTFOLIO, prepared, tx } from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import { activity } from '../lib/stores/activity.svelte';
import { portfolio } from '../lib/stores/portfolio.svelte';
import Activity from './Activity.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
}

const HISTORY = [
  tx({ hash: '0x3', chainId: 1, chain: 'Ethereum', status: 'pending', replaceable: true }),
  tx({
    hash: '0x2',
    status: 'final',
    succeeded: true,
    feePaid: '22000000000000',
    l1Fee: '1000000000000',
    explorerUrl: 'https://explorer.example/tx/0x2',
    replaceable: false,
  }),
  tx({ hash: '0x1', purpose: 'cancel', purposeLabel: 'Cancellation', status: 'included', succeeded: false, feePaid: '5', replaceable: false }),
];

beforeEach(() => {
  fake.reset();
  activity.stop();
  portfolio.stop();
  fake.commands.txList!.mockImplementation(() => ok(HISTORY));
  fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
  fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
  fake.commands.sendDiscard!.mockImplementation(() => ok(null));
});

describe('Activity', () => {
  it('lists transactions with status, fee paid and its L1 part, explorer link', async () => {
    render(Activity);
    await settle();
    const rows = screen.getAllByTestId('tx-row');
    expect(rows.map((r) => [r.dataset.hash, r.dataset.status])).toEqual([
      ['0x3', 'pending'],
      ['0x2', 'final'],
      ['0x1', 'failed'],
    ]);
    expect(within(rows[0]!).getByTestId('tx-status').textContent).toBe('Pending');
    expect(within(rows[2]!).getByTestId('tx-status').textContent).toBe('Failed');
    expect(rows[2]!.textContent).toContain('Cancel');
    expect(within(rows[1]!).getByTestId('tx-fee').dataset.wei).toBe('22000000000000');
    expect(within(rows[1]!).getByTestId('tx-l1-fee').dataset.wei).toBe('1000000000000');
    expect(within(rows[0]!).queryByTestId('tx-fee')).toBeNull();
    const link = within(rows[1]!).getByTestId('tx-explorer') as HTMLAnchorElement;
    expect(link.href).toBe('https://explorer.example/tx/0x2');
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
    expect(within(rows[0]!).queryByTestId('tx-explorer')).toBeNull();
    expect(within(rows[0]!).getByTestId('tx-speed-up')).toBeTruthy();
    expect(within(rows[1]!).queryByTestId('tx-speed-up')).toBeNull();
    expect(rows[1]!.textContent).toContain('Ledger 1'); // recipient's label
  });

  it('filters by chain and updates rows live from txUpdated', async () => {
    activity.start();
    render(Activity);
    await settle();
    await fireEvent.change(screen.getByTestId('activity-chain'), { target: { value: '1' } });
    expect(screen.getAllByTestId('tx-row').map((r) => r.dataset.hash)).toEqual(['0x3']);
    await fireEvent.change(screen.getByTestId('activity-chain'), { target: { value: '' } });
    fake.events.txUpdated.emit({ tx: { ...HISTORY[0]!, status: 'included', succeeded: true, replaceable: false } });
    await settle();
    expect(screen.getAllByTestId('tx-row')[0]!.dataset.status).toBe('included');
    activity.stop();
  });

  it('speed-up prepares a replacement and opens the review; cancel errors read in plain words', async () => {
    fake.commands.txSpeedUp!.mockImplementation(() => ok(prepared({ id: 'r1', purpose: 'speed_up', purposeLabel: 'Speed-up', replaces: '0x3' })));
    render(Activity);
    await settle();
    await fireEvent.click(screen.getByTestId('tx-speed-up'));
    await settle();
    expect(fake.commands.txSpeedUp).toHaveBeenCalledWith('0x3');
    expect(screen.getByTestId('review').dataset.purpose).toBe('speed_up');
    await fireEvent.click(screen.getByTestId('review-cancel'));
    await settle();
    expect(fake.commands.sendDiscard).toHaveBeenCalledWith('r1');
    expect(screen.queryByTestId('review')).toBeNull();

    fake.commands.txCancel!.mockImplementation(() => err('not_replaceable', 'That transaction is already included.'));
    await fireEvent.click(screen.getByTestId('tx-cancel'));
    await settle();
    expect(screen.getByTestId('activity-error').textContent).toBe('That transaction is already included.');
  });

  it('shows the empty state', async () => {
    fake.commands.txList!.mockImplementation(() => ok([]));
    render(Activity);
    await settle();
    expect(screen.getByTestId('data-empty').textContent).toContain('No transactions yet');
  });
});
