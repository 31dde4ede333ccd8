import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import {
  ACCOUNTS,
  ALICE,
  BOB,
  NETWORKS,
  PORTFOLIO,
  SYT_L1,
  SYT_OP_A,
  TOKENS,
  USDC_DEVNET,
  approval,
  chain,
  fee,
  journey,
  plan,
  prepared,
} from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import { navigate, router } from '../lib/router.svelte';
import { journeys } from '../lib/stores/journeys.svelte';
import { portfolio } from '../lib/stores/portfolio.svelte';
import Move from './Move.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
}

function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  return screen.getByTestId(id) as T;
}

const values = (id: string) => [...el<HTMLSelectElement>(id).options].map((o) => o.value);
const labels = (id: string) => [...el<HTMLSelectElement>(id).options].map((o) => o.textContent?.trim());

/** Fills the form for 0.1 ETH from op-a (901) to its L1 and asks for the review. */
async function reviewWithdrawal(): Promise<void> {
  render(Move);
  await settle();
  await fireEvent.change(el('move-from-chain'), { target: { value: '901' } });
  await fireEvent.input(el('move-amount'), { target: { value: '0.1' } });
  await fireEvent.click(el('move-review'));
  await settle();
}

beforeEach(() => {
  fake.reset();
  portfolio.stop();
  journeys.stop();
  navigate('move');
  fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
  fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
  fake.commands.networksList!.mockImplementation(() => ok(NETWORKS));
  fake.commands.sendDiscard!.mockImplementation(() => ok(null));
  fake.commands.bridgePrepare!.mockImplementation(() => ok(plan()));
  fake.commands.tokensList!.mockImplementation((chainId: number | null) =>
    ok(TOKENS.filter((t) => chainId === null || t.chainId === chainId)),
  );
});

/** A plan of a 5 SYT deposit into op-a whose approval is signed first. */
function tokenDepositPlan(device: string | null = null) {
  return plan({
    journey: journey({
      kind: 'op_deposit',
      fromChainId: 900,
      fromChain: 'Devnet l1',
      toChainId: 901,
      toChain: 'Devnet op-a',
      symbol: 'SYT',
      amount: '5000000000000000000',
      state: 'not_sent',
      stateLabel: 'Not sent',
      history: [],
      transactions: [],
    }),
    approval: approval({
      device,
      fee: fee({
        total: '46000000000000',
        usd: { execution: '13800000', l1Data: '0', operator: '0', total: '13800000', worstCase: '27600000' },
      }),
    }),
    first: prepared({
      id: 'plan1',
      purpose: 'deposit',
      purposeLabel: 'Deposit',
      chainId: 900,
      chain: 'Devnet l1',
      chainKind: 'ethereum',
      device,
      symbol: 'SYT',
      token: SYT_L1,
      amount: '5000000000000000000',
    }),
  });
}

/** Fills the form for 5 SYT from the L1 into op-a and asks for the review. */
async function reviewTokenDeposit(): Promise<void> {
  render(Move);
  await settle();
  await fireEvent.change(el('move-asset'), { target: { value: SYT_L1 } });
  await fireEvent.input(el('move-amount'), { target: { value: '5' } });
  await fireEvent.click(el('move-review'));
  await settle();
}

describe('Move', () => {
  it('offers signing accounts, and only the chains a canonical bridge joins', async () => {
    render(Move);
    await settle();
    expect(values('move-from')).toEqual([ALICE, BOB]); // not the watched account
    expect(values('move-from-chain')).toEqual(['900', '901', '902', '412346']);
    expect(el<HTMLSelectElement>('move-from-chain').value).toBe('900');
    // From the L1: the rollups that settle on it.
    expect(values('move-to-chain')).toEqual(['901', '902', '412346']);

    // From a rollup: its L1 only (never another rollup).
    await fireEvent.change(el('move-from-chain'), { target: { value: '902' } });
    expect(values('move-to-chain')).toEqual(['900']);
    expect(el<HTMLSelectElement>('move-to-chain').value).toBe('900');

    // Back on the L1, a destination that is no longer offered falls back to the first one.
    await fireEvent.change(el('move-from-chain'), { target: { value: '900' } });
    await fireEvent.change(el('move-to-chain'), { target: { value: '412346' } });
    expect(el<HTMLSelectElement>('move-to-chain').value).toBe('412346');
  });

  it('offers ETH and the tokens the wallet knows on the source chain, listed again for another chain', async () => {
    fake.commands.balancesPortfolio!.mockImplementation(() =>
      ok({
        ...PORTFOLIO,
        chains: [
          chain({
            chainId: 900,
            chain: 'Devnet l1',
            holdings: [
              { account: ALICE, token: null, symbol: 'ETH', decimals: 18, amount: '2000000000000000000', usd: null },
              { account: ALICE, token: SYT_L1, symbol: 'SYT', decimals: 18, amount: '7500000000000000000', usd: null },
            ],
          }),
        ],
      }),
    );
    render(Move);
    await settle();
    expect(fake.commands.tokensList).toHaveBeenCalledWith(900);
    const asset = el<HTMLSelectElement>('move-asset');
    expect(asset.disabled).toBe(false);
    expect(values('move-asset')).toEqual(['ETH', SYT_L1, USDC_DEVNET]);
    expect(labels('move-asset')).toEqual(['ETH', 'SYT', 'USDC']);
    expect(asset.value).toBe('ETH');
    expect(screen.getByTestId('move-form').textContent).toContain('Balance: 2 ETH');

    // A token: its balance, and its own decimals for the amount.
    await fireEvent.change(asset, { target: { value: SYT_L1 } });
    expect(el<HTMLSelectElement>('move-asset').value).toBe(SYT_L1);
    expect(screen.getByTestId('move-form').textContent).toContain('Balance: 7.5 SYT');
    await fireEvent.change(el('move-asset'), { target: { value: USDC_DEVNET } });
    await fireEvent.input(el('move-amount'), { target: { value: '0.1234567' } });
    await fireEvent.blur(el('move-amount'));
    expect(screen.getByTestId('move-form').textContent).toContain('USDC has 6 decimals');

    // Another source chain: its own tokens; the chosen one is not there, so ETH is.
    await fireEvent.change(el('move-from-chain'), { target: { value: '901' } });
    await settle();
    expect(fake.commands.tokensList).toHaveBeenLastCalledWith(901);
    expect(values('move-asset')).toEqual(['ETH', SYT_OP_A]);
    expect(el<HTMLSelectElement>('move-asset').value).toBe('ETH');

    // A chain with no tokens offers ETH alone; a chain already asked is not asked again.
    await fireEvent.change(el('move-from-chain'), { target: { value: '902' } });
    await settle();
    expect(values('move-asset')).toEqual(['ETH']);
    await fireEvent.change(el('move-from-chain'), { target: { value: '900' } });
    await settle();
    expect(values('move-asset')).toEqual(['ETH', SYT_L1, USDC_DEVNET]);
    expect(fake.commands.tokensList).toHaveBeenCalledTimes(3);
  });

  it('still offers ETH when the chain’s tokens cannot be listed, and says why', async () => {
    fake.commands.tokensList!.mockImplementation(() => err('rpc_unreachable', 'No RPC of Devnet l1 answered.'));
    render(Move);
    await settle();
    expect(values('move-asset')).toEqual(['ETH']);
    expect(screen.getByTestId('move-form').textContent).toContain(
      'Couldn’t list this chain’s tokens: No RPC of Devnet l1 answered.',
    );
  });

  it('does not prepare an invalid amount', async () => {
    render(Move);
    await settle();
    await fireEvent.input(el('move-amount'), { target: { value: '1,5' } });
    await fireEvent.click(el('move-review'));
    await settle();
    expect(fake.commands.bridgePrepare).not.toHaveBeenCalled();
    expect(screen.getByTestId('move-form').textContent).toContain('without commas');
  });

  it('prepares the move and reviews its first transaction, later steps, all fees and arrival', async () => {
    fake.commands.bridgePrepare!.mockImplementation(() =>
      ok(
        plan({
          first: prepared({
            id: 'plan1',
            purpose: 'withdrawal_init',
            purposeLabel: 'Withdrawal',
            warnings: ['Withdrawals take 7 days.'],
          }),
        }),
      ),
    );
    await reviewWithdrawal();
    expect(fake.commands.bridgePrepare).toHaveBeenCalledWith({
      from: ALICE,
      fromChainId: 901,
      toChainId: 900,
      recipient: null,
      asset: null,
      amount: '0.1',
      speed: 'normal',
    });

    // The first transaction: the same review as a send, with the core's warnings.
    const review = screen.getByTestId('review');
    expect(review.dataset.purpose).toBe('withdrawal_init');
    expect(screen.getByTestId('fee-breakdown')).toBeTruthy();
    expect(screen.getAllByTestId('send-warning').map((w) => w.textContent)).toEqual(['Withdrawals take 7 days.']);
    expect(review.textContent).toContain('Withdrawal');
    expect(review.textContent).not.toContain('Cancel'); // not mistaken for a replacement

    // The later steps, priced and timed.
    const steps = screen.getAllByTestId('move-later-step');
    expect(steps.map((s) => s.dataset.action)).toEqual(['prove', 'finalize']);
    expect(steps[0]!.textContent).toContain('Prove');
    expect(steps[0]!.textContent).toContain('Ethereum');
    expect(within(steps[0]!).getByTestId('move-later-fee').dataset.wei).toBe('3000000000000000');
    expect(steps[0]!.textContent).toContain('0.003');
    expect(steps[0]!.textContent).toContain('$9.00');
    expect(within(steps[0]!).getByTestId('move-later-after').textContent?.trim()).toBe('1 h');
    expect(steps[1]!.textContent).toContain('Finalize');
    expect(steps[1]!.textContent).not.toContain('$'); // no price known: no USD shown
    expect(within(steps[1]!).getByTestId('move-later-after').textContent?.trim()).toBe('7 d 1 h');

    expect(el('move-total-fees').dataset.wei).toBe('4022500000000000');
    expect(el('move-total-fees').textContent).toContain('$12.07');
    expect(el('move-arrival').textContent).toBe('About 7 d 1 h');
    // ETH needs no approval.
    expect(screen.queryByTestId('move-approval')).toBeNull();
  });

  it('prepares a token deposit with the token’s symbol', async () => {
    fake.commands.bridgePrepare!.mockImplementation(() => ok(tokenDepositPlan()));
    await reviewTokenDeposit();
    expect(fake.commands.bridgePrepare).toHaveBeenCalledWith({
      from: ALICE,
      fromChainId: 900,
      toChainId: 901,
      recipient: null,
      asset: 'SYT',
      amount: '5',
      speed: 'normal',
    });
    expect(screen.getByTestId('review').dataset.purpose).toBe('deposit');
  });

  it('a token deposit’s review shows its approval, with its chain and fee, before the later steps', async () => {
    fake.commands.bridgePrepare!.mockImplementation(() => ok(tokenDepositPlan()));
    await reviewTokenDeposit();
    const line = el('move-approval');
    expect(line.dataset.chainId).toBe('900');
    expect(line.textContent).toContain('approval on Devnet l1');
    expect(line.textContent?.replace(/\s+/g, ' ')).toContain('exactly 5 SYT');
    const fee = within(line).getByTestId('move-approval-fee');
    expect(fee.dataset.wei).toBe('46000000000000');
    expect(fee.textContent?.replace(/\s+/g, ' ').trim()).toBe('0.000046 ETH');
    expect(line.textContent).toContain('$0.14');
    expect(within(line).queryByTestId('move-approval-device')).toBeNull(); // a key in the vault
    // Before the later steps, in the details of the review.
    const plan = el('move-plan');
    expect(plan.contains(line)).toBe(true);
    const firstStep = screen.getAllByTestId('move-later-step')[0]!;
    expect(line.compareDocumentPosition(firstStep) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The totals are the core's (they include the approval).
    expect(el('move-total-fees').dataset.wei).toBe('4022500000000000');
  });

  it('a hardware sender is told to confirm both transactions on the device', async () => {
    fake.commands.bridgePrepare!.mockImplementation(() => ok(tokenDepositPlan('Ledger')));
    await reviewTokenDeposit();
    expect(el('move-approval-device').textContent).toContain('Your Ledger asks you to confirm two transactions');
  });

  it('leaves a token withdrawal to the core, and shows its refusal', async () => {
    const message = 'Token withdrawals are not supported yet: move SYT from Devnet op-a through another route.';
    fake.commands.bridgePrepare!.mockImplementation(() => err('unsupported_bridge_asset', message));
    render(Move);
    await settle();
    await fireEvent.change(el('move-from-chain'), { target: { value: '901' } });
    await settle();
    await fireEvent.change(el('move-asset'), { target: { value: SYT_OP_A } });
    await fireEvent.input(el('move-amount'), { target: { value: '1' } });
    await fireEvent.click(el('move-review'));
    await settle();
    expect(fake.commands.bridgePrepare).toHaveBeenCalledWith(
      expect.objectContaining({ fromChainId: 901, toChainId: 900, asset: 'SYT', amount: '1' }),
    );
    expect(el('move-error').textContent).toBe(message);
    expect(screen.queryByTestId('review')).toBeNull();
  });

  it('a deposit with no later steps and no time arrives once the rollup reads it', async () => {
    fake.commands.bridgePrepare!.mockImplementation(() =>
      ok(plan({ first: prepared({ id: 'plan1', purpose: 'deposit', purposeLabel: 'Deposit' }), later: [], totalSecs: null })),
    );
    render(Move);
    await settle();
    await fireEvent.input(el('move-amount'), { target: { value: '1' } });
    await fireEvent.input(el('move-recipient'), { target: { value: 'ledger 1' } });
    await fireEvent.click(el('move-review'));
    await settle();
    expect(fake.commands.bridgePrepare).toHaveBeenCalledWith(
      expect.objectContaining({ fromChainId: 900, toChainId: 901, recipient: 'ledger 1', amount: '1' }),
    );
    expect(screen.queryAllByTestId('move-later-step')).toHaveLength(0);
    expect(el('move-plan').textContent).toContain('No later step');
    expect(el('move-arrival').textContent).toContain('Once the rollup reads the deposit');
  });

  it('confirm stores the journey with bridgeConfirm and opens it in Journeys', async () => {
    fake.commands.bridgeConfirm!.mockImplementation(() => ok(journey({ id: 'j9', state: 'initiating' })));
    await reviewWithdrawal();
    await fireEvent.click(el('review-confirm'));
    await settle();
    expect(fake.commands.bridgeConfirm).toHaveBeenCalledWith('plan1');
    expect(fake.commands.sendConfirm).not.toHaveBeenCalled();
    expect(router.current).toBe('journeys');
    expect(router.params).toEqual({ journey: 'j9' });
    expect(journeys.find('j9')?.state).toBe('initiating');
    expect(screen.queryByTestId('review')).toBeNull();
    expect(fake.commands.sendDiscard).not.toHaveBeenCalled();
  });

  it('a refused confirm stays on the review with the core’s sentence', async () => {
    fake.commands.bridgeConfirm!.mockImplementation(() => err('insufficient_funds', 'Not enough ETH on Devnet op-a.'));
    await reviewWithdrawal();
    await fireEvent.click(el('review-confirm'));
    await settle();
    expect(el('send-error').textContent).toContain('Not enough ETH on Devnet op-a.');
    expect(router.current).toBe('move');
  });

  it('cancel discards the prepared move', async () => {
    await reviewWithdrawal();
    await fireEvent.click(el('review-cancel'));
    await settle();
    expect(fake.commands.sendDiscard).toHaveBeenCalledWith('plan1');
    expect(screen.queryByTestId('review')).toBeNull();
  });

  it('shows a prepare failure in the core’s words', async () => {
    fake.commands.bridgePrepare!.mockImplementation(() =>
      err('no_bridge_route', 'No canonical bridge joins Devnet op-a and Devnet op-b.'),
    );
    await reviewWithdrawal();
    expect(el('move-error').textContent).toBe('No canonical bridge joins Devnet op-a and Devnet op-b.');
    expect(screen.queryByTestId('review')).toBeNull();
  });

  it('a speed change in the review prices the whole move again', async () => {
    fake.commands.bridgePrepare!
      .mockImplementationOnce(() => ok(plan()))
      .mockImplementationOnce(() =>
        ok(
          plan({
            first: prepared({ id: 'plan2', purpose: 'withdrawal_init', purposeLabel: 'Withdrawal' }),
            totalFees: '5000000000000000',
          }),
        ),
      );
    await reviewWithdrawal();
    await fireEvent.click(el('speed-option-fast'));
    await settle();
    expect(fake.commands.bridgePrepare).toHaveBeenLastCalledWith(expect.objectContaining({ speed: 'fast', fromChainId: 901 }));
    expect(fake.commands.sendDiscard).toHaveBeenCalledWith('plan1');
    expect(el('move-total-fees').dataset.wei).toBe('5000000000000000');
    fake.commands.bridgeConfirm!.mockImplementation(() => ok(journey()));
    await fireEvent.click(el('review-confirm'));
    await settle();
    expect(fake.commands.bridgeConfirm).toHaveBeenCalledWith('plan2');
  });
});
