import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../testing/fakeBindings';
import { prepared, tx } from '../testing/fixtures';

vi.mock('../bindings', async () => (await import('../testing/fakeBindings')).fakeBindings);

import { activity } from '../stores/activity.svelte';
import TxReview from './TxReview.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await tick();
    await Promise.resolve();
  }
}

beforeEach(() => {
  fake.reset();
  activity.stop();
  fake.commands.sendDiscard!.mockImplementation(() => ok(null));
});

describe('TxReview', () => {
  it('shows what will be signed, the fee parts with raw wei, simulation and warnings', async () => {
    render(TxReview, {
      prepared: prepared({ warnings: ['The recipient has never received anything.'] }),
      onclose: () => {},
    });
    await settle();
    const review = screen.getByTestId('review');
    expect(review.textContent).toContain('OP Mainnet');
    expect(screen.getByTestId('review-chain').getAttribute('data-chain-id')).toBe('10');
    expect(screen.getByTestId('fee-execution').getAttribute('data-wei')).toBe('21000000000000');
    expect(screen.getByTestId('fee-l1').getAttribute('data-wei')).toBe('1500000000000');
    expect(screen.getByTestId('fee-operator').getAttribute('data-wei')).toBe('0');
    expect(screen.getByTestId('fee-total').getAttribute('data-wei')).toBe('22500000000000');
    expect(screen.getByTestId('fee-worst').getAttribute('data-wei')).toBe('43500000000000');
    expect(screen.getByTestId('fee-total').textContent).toContain('0.0000225');
    expect(screen.getByTestId('fee-total-usd').textContent).toBe('$0.07');
    expect(screen.getByTestId('simulation').textContent).toContain('21000 gas');
    expect(screen.getAllByTestId('send-warning')).toHaveLength(1);
    const nonce = screen.getAllByTestId('signing-field').find((f) => f.dataset.key === 'nonce');
    expect(nonce?.textContent).toContain('7');
    expect(screen.queryByTestId('review-device')).toBeNull();
    // Focus starts on Cancel, never on Confirm.
    expect(document.activeElement).toBe(screen.getByTestId('review-cancel'));
  });

  it('says the device will ask when the sender is on a Ledger', async () => {
    render(TxReview, { prepared: prepared({ device: 'Ledger' }), onclose: () => {} });
    await settle();
    expect(screen.getByTestId('review-device').textContent).toContain('You will confirm this on your Ledger');
    expect(screen.getByTestId('review-confirm').textContent).toContain('Confirm on Ledger');
  });

  it('cancel discards the preparation', async () => {
    const onclose = vi.fn();
    render(TxReview, { prepared: prepared(), onclose });
    await settle();
    await fireEvent.click(screen.getByTestId('review-cancel'));
    expect(fake.commands.sendDiscard).toHaveBeenCalledWith('p1');
    expect(onclose).toHaveBeenCalledWith(null);
  });

  it('confirms, then follows txUpdated for the hash until final', async () => {
    let resolve!: (v: unknown) => void;
    fake.commands.sendConfirm!.mockImplementation(() => new Promise((r) => (resolve = r)));
    const onsent = vi.fn();
    render(TxReview, { prepared: prepared(), onclose: () => {}, onsent });
    await settle();
    await fireEvent.click(screen.getByTestId('review-confirm'));
    expect(fake.commands.sendConfirm).toHaveBeenCalledWith('p1');
    expect(screen.getByTestId('send-status').getAttribute('data-status')).toBe('signing');

    resolve({ status: 'ok', data: tx({ hash: '0xfeed' }) });
    await settle();
    expect(screen.getByTestId('send-status').getAttribute('data-status')).toBe('pending');
    expect(screen.getByTestId('send-hash').getAttribute('data-hash')).toBe('0xfeed');
    expect(onsent).toHaveBeenCalledOnce();
    expect(activity.find('0xfeed')).toBeTruthy();

    fake.events.txUpdated.emit({ tx: tx({ hash: '0xother', status: 'final' }) });
    await settle();
    expect(screen.getByTestId('send-status').getAttribute('data-status')).toBe('pending');

    fake.events.txUpdated.emit({
      tx: tx({ hash: '0xFEED', status: 'included', succeeded: true, blockNumber: 12, feePaid: '30000', l1Fee: '1000' }),
    });
    await settle();
    expect(screen.getByTestId('send-status').getAttribute('data-status')).toBe('included');
    expect(screen.getByTestId('send-fee-paid').getAttribute('data-wei')).toBe('30000');
    expect(screen.getByTestId('send-l1-fee').getAttribute('data-wei')).toBe('1000');

    fake.events.txUpdated.emit({ tx: tx({ hash: '0xfeed', status: 'final', succeeded: true, feePaid: '30000' }) });
    await settle();
    expect(screen.getByTestId('send-status').getAttribute('data-status')).toBe('final');
    expect(screen.getByTestId('send-done').textContent).toContain('Done');
  });

  it('shows failed when included but reverted', async () => {
    fake.commands.sendConfirm!.mockImplementation(() => ok(tx({ hash: '0xbad' })));
    render(TxReview, { prepared: prepared(), onclose: () => {} });
    await settle();
    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    fake.events.txUpdated.emit({ tx: tx({ hash: '0xbad', status: 'included', succeeded: false, feePaid: '1' }) });
    await settle();
    expect(screen.getByTestId('send-status').getAttribute('data-status')).toBe('failed');
  });

  it('a device rejection is a choice: it explains and confirms again', async () => {
    fake.commands.sendConfirm!
      .mockImplementationOnce(() => err('hw_rejected', 'The transaction was rejected on the device.'))
      .mockImplementationOnce(() => ok(tx({ hash: '0xok' })));
    render(TxReview, { prepared: prepared({ device: 'Ledger' }), onclose: () => {} });
    await settle();
    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    const error = screen.getByTestId('send-error');
    expect(error.getAttribute('data-code')).toBe('hw_rejected');
    expect(error.textContent).toContain('You declined it on your Ledger');
    expect(error.classList.contains('alert-info')).toBe(true);
    expect(screen.getByTestId('review-confirm').textContent).toContain('Confirm again');
    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    expect(fake.commands.sendConfirm).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('send-hash').getAttribute('data-hash')).toBe('0xok');
  });

  it('other errors read in plain words', async () => {
    fake.commands.sendConfirm!.mockImplementation(() => err('insufficient_funds', 'Not enough ETH to pay the fee.'));
    render(TxReview, { prepared: prepared(), onclose: () => {} });
    await settle();
    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    expect(screen.getByTestId('send-error').textContent).toContain('Not enough ETH to pay the fee.');
  });

  it('re-prepares at another speed and discards the old preparation', async () => {
    const reprepare = vi.fn(async () => prepared({ id: 'p2', fee: { ...prepared().speeds[2]! } }));
    render(TxReview, { prepared: prepared(), reprepare, onclose: () => {} });
    await settle();
    expect(screen.getByTestId('speed-option-normal').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(screen.getByTestId('speed-option-fast'));
    await waitFor(() => expect(screen.getByTestId('speed-option-fast').getAttribute('aria-pressed')).toBe('true'));
    expect(reprepare).toHaveBeenCalledWith('fast');
    expect(fake.commands.sendDiscard).toHaveBeenCalledWith('p1');
    fake.commands.sendConfirm!.mockImplementation(() => ok(tx()));
    await fireEvent.click(screen.getByTestId('review-confirm'));
    expect(fake.commands.sendConfirm).toHaveBeenCalledWith('p2');
  });

  it('a bridge step shows its name and what it moves, never a replacement’s words', async () => {
    render(TxReview, {
      prepared: prepared({ purpose: 'deposit', purposeLabel: 'Deposit', amount: '1000000000000000000' }),
      onclose: () => {},
    });
    await settle();
    const review = screen.getByTestId('review');
    expect(review.textContent).toContain('Deposit');
    expect(screen.getByTestId('review-amount').getAttribute('data-amount')).toBe('1000000000000000000');
    expect(review.textContent).not.toContain('Replaces');
  });

  it('a step that moves nothing shows only its name', async () => {
    render(TxReview, { prepared: prepared({ purpose: 'prove', purposeLabel: 'Withdrawal proof', amount: '0' }), onclose: () => {} });
    await settle();
    expect(screen.getByTestId('review').textContent).toContain('Withdrawal proof');
    expect(screen.queryByTestId('review-amount')).toBeNull();
  });

  it('signwith signs instead of sendConfirm, shows details, and keeps a refusal on the review', async () => {
    const details = createRawSnippet(() => ({ render: () => '<p data-testid="extra">Later steps</p>' }));
    const signwith = vi
      .fn<(id: string) => Promise<void>>()
      .mockRejectedValueOnce({ code: 'hw_rejected', message: 'Rejected on the device.' })
      .mockResolvedValueOnce(undefined);
    render(TxReview, { prepared: prepared({ device: 'Ledger' }), onclose: () => {}, signwith, details });
    await settle();
    expect(screen.getByTestId('extra').textContent).toBe('Later steps');
    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    expect(signwith).toHaveBeenCalledWith('p1');
    expect(screen.getByTestId('send-error').getAttribute('data-code')).toBe('hw_rejected');
    await fireEvent.click(screen.getByTestId('review-confirm'));
    await settle();
    expect(signwith).toHaveBeenCalledTimes(2);
    expect(fake.commands.sendConfirm).not.toHaveBeenCalled();
  });
});
