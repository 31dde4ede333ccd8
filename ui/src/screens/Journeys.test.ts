import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import { journey, prepared, tx } from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import { navigate } from '../lib/router.svelte';
import { activity } from '../lib/stores/activity.svelte';
import { journeys } from '../lib/stores/journeys.svelte';
import { notices } from '../lib/toast.svelte';
import Journeys from './Journeys.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
}

const NOW = Date.parse('2026-01-01T12:00:00Z');
const at = (secs: number) => new Date(NOW + secs * 1000).toISOString();

const READY = journey({
  id: 'j3',
  state: 'ready_to_prove',
  stateLabel: 'Ready to prove',
  nextAction: 'prove',
});
const WAITING = journey({
  id: 'j2',
  state: 'maturing',
  stateLabel: 'Proven, waiting out the challenge period',
  reason: 'Re-proven after the guardian blacklisted the first game.',
  eta: at(2 * 86_400 + 3 * 3_600 + 30),
});
const DONE = journey({
  id: 'j1',
  kind: 'op_deposit',
  fromChainId: 1,
  fromChain: 'Ethereum',
  toChainId: 10,
  toChain: 'OP Mainnet',
  amount: '1000000000000000000',
  state: 'completed',
  stateLabel: 'Completed',
  history: [
    { at: '2025-11-24T16:00:00Z', state: 'initiating', stateLabel: 'Sending', reason: null },
    { at: '2025-11-24T16:00:20Z', state: 'awaiting_delivery', stateLabel: 'On its way', reason: null },
    { at: '2025-11-24T16:02:00Z', state: 'completed', stateLabel: 'Completed', reason: null },
  ],
  transactions: [
    tx({
      hash: '0xd1',
      chainId: 1,
      chain: 'Ethereum',
      purpose: 'deposit',
      purposeLabel: 'Deposit',
      journeyId: 'j1',
      status: 'final',
      succeeded: true,
      replaceable: false,
      explorerUrl: 'https://explorer.example/tx/0xd1',
    }),
  ],
});

function row(id: string): HTMLElement {
  return screen.getAllByTestId('journey-row').find((r) => r.dataset.id === id)!;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
  fake.reset();
  journeys.stop();
  activity.stop();
  notices.clear();
  navigate('journeys');
  fake.commands.journeyList!.mockImplementation(() => ok([READY, WAITING, DONE]));
  fake.commands.sendDiscard!.mockImplementation(() => ok(null));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Journeys', () => {
  it('lists each move with its route, amount and the core’s state label', async () => {
    render(Journeys);
    await settle();
    expect(fake.commands.journeyList).toHaveBeenCalledOnce();
    const rows = screen.getAllByTestId('journey-row');
    expect(rows.map((r) => [r.dataset.id, r.dataset.state])).toEqual([
      ['j3', 'ready_to_prove'],
      ['j2', 'maturing'],
      ['j1', 'completed'],
    ]);
    expect(within(row('j1')).getByTestId('journey-route').textContent).toBe('Ethereum → OP Mainnet');
    const amount = within(row('j1')).getByTestId('journey-amount');
    expect(amount.dataset.amount).toBe('1000000000000000000');
    expect(amount.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 ETH');
    expect(within(row('j1')).getByTestId('journey-state').textContent).toBe('Completed');
    expect(within(row('j2')).getByTestId('journey-state').textContent).toBe('Proven, waiting out the challenge period');
    expect(row('j2').textContent).toContain('Re-proven after the guardian blacklisted the first game.');
  });

  it('shows the next action as a button, or a live countdown to when it is possible', async () => {
    render(Journeys);
    await settle();
    const prove = within(row('j3')).getByTestId('journey-action');
    expect(prove.textContent?.trim()).toBe('Prove');
    expect(prove.dataset.action).toBe('prove');
    expect(within(row('j3')).queryByTestId('journey-countdown')).toBeNull();

    expect(within(row('j2')).queryByTestId('journey-action')).toBeNull();
    expect(within(row('j2')).getByTestId('journey-countdown').textContent).toBe('Next step: 2 d 3 h');
    expect(within(row('j1')).queryByTestId('journey-action')).toBeNull();
    expect(within(row('j1')).queryByTestId('journey-countdown')).toBeNull();
  });

  it('counts down every second, then says “any moment now”', async () => {
    fake.commands.journeyList!.mockImplementation(() => ok([journey({ id: 'j5', eta: at(70) })]));
    render(Journeys);
    await settle();
    const countdown = () => within(row('j5')).getByTestId('journey-countdown').textContent;
    expect(countdown()).toBe('Next step: 1 min 10 s');
    vi.advanceTimersByTime(1_000);
    await settle();
    expect(countdown()).toBe('Next step: 1 min 9 s');
    vi.advanceTimersByTime(70_000);
    await settle();
    expect(countdown()).toBe('Next step: any moment now');
  });

  it('takes a step: prepares it, reviews it, sends it, then reads the journey again', async () => {
    fake.commands.journeyPrepareStep!.mockImplementation(() =>
      ok(prepared({ id: 's1', purpose: 'prove', purposeLabel: 'Withdrawal proof', amount: '0', chainId: 1, chain: 'Ethereum' })),
    );
    fake.commands.sendConfirm!.mockImplementation(() =>
      ok(tx({ hash: '0xp1', purpose: 'prove', purposeLabel: 'Withdrawal proof', journeyId: 'j3' })),
    );
    fake.commands.journeyShow!.mockImplementation(() =>
      ok({ ...READY, state: 'proving', stateLabel: 'Proving', nextAction: null }),
    );
    render(Journeys);
    await settle();
    await fireEvent.click(within(row('j3')).getByTestId('journey-action'));
    await settle();
    expect(fake.commands.journeyPrepareStep).toHaveBeenCalledWith('j3', 'prove');
    const review = screen.getByTestId('review');
    expect(review.dataset.purpose).toBe('prove');
    expect(review.textContent).toContain('Withdrawal proof');

    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    expect(fake.commands.sendConfirm).toHaveBeenCalledWith('s1');
    expect(fake.commands.journeyShow).toHaveBeenCalledWith('j3');
    expect(row('j3').dataset.state).toBe('proving');
    expect(within(row('j3')).getByTestId('journey-state').textContent).toBe('Proving');
    expect(within(row('j3')).queryByTestId('journey-action')).toBeNull();
  });

  it('a step that is not due shows the core’s sentence saying when', async () => {
    const message = 'The withdrawal can be proven once a state proposal covers its block: expected in about 10 minutes.';
    fake.commands.journeyPrepareStep!.mockImplementation(() => err('journey_not_ready', message));
    render(Journeys);
    await settle();
    await fireEvent.click(within(row('j3')).getByTestId('journey-action'));
    await settle();
    const error = screen.getByTestId('journey-error');
    expect(error.textContent?.trim()).toBe(message);
    expect(error.dataset.code).toBe('journey_not_ready');
    expect(error.classList.contains('alert-info')).toBe(true);
    expect(screen.queryByTestId('review')).toBeNull();
    // The state the button came from is read again.
    expect(fake.commands.journeyShow).toHaveBeenCalledWith('j3');
  });

  it('selecting a move shows its timeline and transactions', async () => {
    render(Journeys);
    await settle();
    expect(screen.queryByTestId('journey-detail')).toBeNull();
    await fireEvent.click(within(row('j1')).getByTestId('journey-open'));
    const detail = screen.getByTestId('journey-detail');
    expect(detail.dataset.id).toBe('j1');
    const events = within(detail).getAllByTestId('journey-event');
    expect(events.map((e) => e.dataset.state)).toEqual(['initiating', 'awaiting_delivery', 'completed']);
    expect(events[1]!.textContent).toContain('On its way');
    const txs = within(detail).getAllByTestId('journey-tx');
    expect(txs).toHaveLength(1);
    expect(txs[0]!.dataset.hash).toBe('0xd1');
    expect(txs[0]!.textContent).toContain('Deposit');
    expect(txs[0]!.textContent).toContain('Ethereum');
    expect(txs[0]!.textContent).toContain('Final');

    // Another one replaces it; its own button closes it again.
    await fireEvent.click(within(row('j2')).getByTestId('journey-open'));
    expect(screen.getByTestId('journey-detail').dataset.id).toBe('j2');
    await fireEvent.click(within(row('j2')).getByTestId('journey-open'));
    expect(screen.queryByTestId('journey-detail')).toBeNull();
  });

  it('opens on the move named in the router params (after Move)', async () => {
    navigate('journeys', { journey: 'j2' });
    render(Journeys);
    await settle();
    expect(screen.getByTestId('journey-detail').dataset.id).toBe('j2');
    expect(row('j2').classList.contains('selected')).toBe(true);
  });

  it('follows journeyUpdated in place', async () => {
    journeys.start();
    render(Journeys);
    await settle();
    fake.events.journeyUpdated.emit({
      journey: { ...WAITING, state: 'ready_to_finalize', stateLabel: 'Ready to finalize', nextAction: 'finalize', eta: null },
    });
    await settle();
    expect(screen.getAllByTestId('journey-row').map((r) => r.dataset.id)).toEqual(['j3', 'j2', 'j1']);
    expect(within(row('j2')).getByTestId('journey-action').textContent?.trim()).toBe('Finalize');
  });

  it('finds journeys from the chains: restores them into the list and says how many', async () => {
    const restoredA = journey({ id: 'r1', state: 'completed', stateLabel: 'Completed' });
    const restoredB = journey({ id: 'r2', kind: 'op_deposit', state: 'awaiting_delivery', stateLabel: 'On its way' });
    let answer: (value: unknown) => void = () => {};
    fake.commands.journeyRebuild!.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    render(Journeys);
    await settle();
    const button = screen.getByTestId<HTMLButtonElement>('journeys-rebuild');
    expect(button.textContent?.trim()).toBe('Find journeys from the chains');
    expect(button.disabled).toBe(false);

    await fireEvent.click(button);
    await settle();
    expect(fake.commands.journeyRebuild).toHaveBeenCalledOnce();
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe('Searching the chains…');
    await fireEvent.click(button); // disabled: not asked twice
    expect(fake.commands.journeyRebuild).toHaveBeenCalledOnce();

    answer({ status: 'ok', data: [restoredA, restoredB] });
    await settle();
    // On top of the list, in the core's order.
    expect(screen.getAllByTestId('journey-row').map((r) => r.dataset.id)).toEqual(['r1', 'r2', 'j3', 'j2', 'j1']);
    expect(within(row('r2')).getByTestId('journey-state').textContent).toBe('On its way');
    expect(journeys.find('r1')?.state).toBe('completed');
    expect(notices.items.map((n) => [n.kind, n.message])).toEqual([
      ['success', 'Restored 2 journeys from the chains.'],
    ]);
    expect(button.disabled).toBe(false);
    expect(button.textContent?.trim()).toBe('Find journeys from the chains');
    expect(screen.queryByTestId('journeys-rebuild-error')).toBeNull();
  });

  it('a restored journey the list already shows is updated in place; one restored is counted as one', async () => {
    fake.commands.journeyRebuild!.mockImplementation(() => ok([{ ...DONE, stateLabel: 'Completed on both chains' }]));
    render(Journeys);
    await settle();
    await fireEvent.click(screen.getByTestId('journeys-rebuild'));
    await settle();
    expect(screen.getAllByTestId('journey-row').map((r) => r.dataset.id)).toEqual(['j3', 'j2', 'j1']);
    expect(within(row('j1')).getByTestId('journey-state').textContent).toBe('Completed on both chains');
    expect(notices.items.map((n) => n.message)).toEqual(['Restored 1 journey from the chains.']);
  });

  it('says when the chains show no journey to restore', async () => {
    fake.commands.journeyRebuild!.mockImplementation(() => ok([]));
    render(Journeys);
    await settle();
    await fireEvent.click(screen.getByTestId('journeys-rebuild'));
    await settle();
    expect(screen.getAllByTestId('journey-row')).toHaveLength(3);
    expect(notices.items.map((n) => [n.kind, n.message])).toEqual([['info', 'No journeys to restore.']]);
  });

  it('a failed search shows the core’s sentence, and can be tried again', async () => {
    fake.commands.journeyRebuild!.mockImplementation(() => err('rpc_unreachable', 'No RPC of Devnet op-a answered.'));
    render(Journeys);
    await settle();
    await fireEvent.click(screen.getByTestId('journeys-rebuild'));
    await settle();
    const error = screen.getByTestId('journeys-rebuild-error');
    expect(error.textContent).toContain('No RPC of Devnet op-a answered.');
    expect(error.dataset.code).toBe('rpc_unreachable');
    expect(notices.items).toEqual([]);
    expect(screen.getAllByTestId('journey-row')).toHaveLength(3);
    expect(screen.getByTestId<HTMLButtonElement>('journeys-rebuild').disabled).toBe(false);

    // Tried again and answered: the error goes.
    fake.commands.journeyRebuild!.mockImplementation(() => ok([]));
    await fireEvent.click(screen.getByTestId('journeys-rebuild'));
    await settle();
    expect(screen.queryByTestId('journeys-rebuild-error')).toBeNull();
  });

  it('says when there is nothing yet', async () => {
    fake.commands.journeyList!.mockImplementation(() => ok([]));
    render(Journeys);
    await settle();
    expect(screen.getByTestId('data-empty').textContent).toContain('No cross-chain moves yet');
  });
});
