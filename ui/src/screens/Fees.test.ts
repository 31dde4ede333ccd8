import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeeComparisonView } from '../lib/bindings';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import { fee } from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import Fees from './Fees.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
}

// Totals chosen so that float rounding would tie them: exact BigInt order is required.
const COMPARISON: FeeComparisonView = {
  asset: 'ETH',
  amount: '0.01',
  ethUsd: '300000000000',
  rows: [
    { chainId: 1, chain: 'Ethereum', kind: 'ethereum', gasUsed: 21000, fee: fee({ total: '9007199254740993', worstCase: '1' }), error: null },
    { chainId: 10, chain: 'OP Mainnet', kind: 'op_stack', gasUsed: 21000, fee: fee({ total: '9007199254740992', worstCase: '3' }), error: null },
    { chainId: 42161, chain: 'Arbitrum One', kind: 'arbitrum', gasUsed: 21000, fee: null, error: 'The RPC did not answer.' },
    { chainId: 8453, chain: 'Base', kind: 'op_stack', gasUsed: 21000, fee: fee({ total: '100', worstCase: '2' }), error: null },
  ],
};

beforeEach(() => {
  fake.reset();
  fake.commands.feesCompare!.mockImplementation(() => ok(COMPARISON));
});

const order = () => screen.getAllByTestId('fee-row').map((r) => r.dataset.chainId);

describe('Fees', () => {
  it('compares 0.01 ETH on load, cheapest first, failed rows last with their reason', async () => {
    render(Fees);
    expect(screen.getByTestId('data-loading')).toBeTruthy();
    await settle();
    expect(fake.commands.feesCompare).toHaveBeenCalledWith('ETH', '0.01');
    expect(screen.getByTestId('fees')).toBeTruthy();
    expect(order()).toEqual(['8453', '10', '1', '42161']);
    const failedRow = screen.getAllByTestId('fee-row')[3]!;
    expect(within(failedRow).getByTestId('fee-row-error').textContent).toContain('The RPC did not answer.');
    expect(within(screen.getAllByTestId('fee-row')[0]!).getByTestId('fee-cell-total').dataset.wei).toBe('100');
    expect(screen.getAllByTestId('fee-row')[1]!.textContent).toContain('OP Stack');
    expect(screen.getByTestId('fees-footnote').textContent).toContain('$3,000.00');
  });

  it('sorts numeric columns exactly', async () => {
    render(Fees);
    await settle();
    await fireEvent.click(screen.getByTestId('sort-worst'));
    expect(order()).toEqual(['10', '8453', '1', '42161']); // descending first
    await fireEvent.click(screen.getByTestId('sort-worst'));
    expect(order()).toEqual(['1', '8453', '10', '42161']);
  });

  it('compares the typed asset and amount, and validates ETH amounts', async () => {
    render(Fees);
    await settle();
    await fireEvent.input(screen.getByTestId('fees-amount'), { target: { value: '0.0000000000000000001' } });
    await fireEvent.click(screen.getByTestId('fees-compare'));
    await settle();
    expect(screen.getByTestId('fees').textContent).toContain('has 18 decimals');
    expect(fake.commands.feesCompare).toHaveBeenCalledTimes(1);
    await fireEvent.input(screen.getByTestId('fees-asset'), { target: { value: 'USDC' } });
    await fireEvent.input(screen.getByTestId('fees-amount'), { target: { value: '100' } });
    await fireEvent.click(screen.getByTestId('fees-compare'));
    await settle();
    expect(fake.commands.feesCompare).toHaveBeenLastCalledWith('USDC', '100');
  });

  it('shows the error state with Retry', async () => {
    fake.commands.feesCompare!.mockImplementation(() => err('locked', 'The wallet is locked.'));
    render(Fees);
    await settle();
    expect(screen.getByTestId('data-error').textContent).toContain('The wallet is locked.');
  });
});
