import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import { ACCOUNTS, ALICE, BOB, PORTFOLIO, USDC_OP, prepared, tx } from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import { activity } from '../lib/stores/activity.svelte';
import { portfolio } from '../lib/stores/portfolio.svelte';
import Send from './Send.svelte';

const CAROL = '0x4444444444444444444444444444444444444444';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
}

function el<T extends HTMLElement = HTMLInputElement>(id: string): T {
  return screen.getByTestId(id) as T;
}

beforeEach(() => {
  fake.reset();
  portfolio.stop();
  activity.stop();
  fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
  fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
  fake.commands.contactsList!.mockImplementation(() => ok([{ name: 'Carol', address: CAROL }]));
  fake.commands.sendDiscard!.mockImplementation(() => ok(null));
});

describe('Send', () => {
  it('offers signing accounts only, the chains, and native first then the sender’s tokens', async () => {
    render(Send, { params: { from: ALICE, chainId: '10', asset: USDC_OP } });
    await settle();
    const from = el<HTMLSelectElement>('send-from');
    expect([...from.options].map((o) => o.value)).toEqual([ALICE, BOB]); // not the watched one
    expect(from.value).toBe(ALICE);
    expect(el<HTMLSelectElement>('send-chain').value).toBe('10');
    const asset = el<HTMLSelectElement>('send-asset');
    expect([...asset.options].map((o) => o.value)).toEqual(['ETH', USDC_OP]);
    expect(asset.value).toBe(USDC_OP);
    expect(el('send-speed-normal').getAttribute('aria-pressed')).toBe('true');
  });

  it('validates the amount with the asset’s decimals, in specific words', async () => {
    render(Send, { params: { from: ALICE, chainId: '10', asset: USDC_OP } });
    await settle();
    const amount = el('send-amount');
    await fireEvent.input(amount, { target: { value: '0.1234567' } });
    await fireEvent.blur(amount);
    expect(screen.getByTestId('send-form').textContent).toContain('USDC has 6 decimals; 0.1234567 has 7.');
    await fireEvent.input(amount, { target: { value: '2' } });
    expect(screen.getByTestId('send-form').textContent).toContain('more than this account holds (1.5 USDC)');
    await fireEvent.input(amount, { target: { value: '1,5' } });
    expect(screen.getByTestId('send-form').textContent).toContain('without commas');
  });

  it('does not prepare an invalid form', async () => {
    render(Send);
    await settle();
    await fireEvent.input(el('send-to'), { target: { value: '0x1234' } });
    await fireEvent.submit(el('send-form'));
    await settle();
    expect(fake.commands.sendPrepare).not.toHaveBeenCalled();
    expect(screen.getByTestId('send-form').textContent).toContain('Enter an amount.');
    expect(screen.getByTestId('send-form').textContent).toContain('40 hexadecimal characters; this has 4');
  });

  it('prepares native with asset null, Max as amount null, and the picked recipient', async () => {
    fake.commands.sendPrepare!.mockImplementation(() => ok(prepared()));
    render(Send, { params: { from: ALICE, chainId: '10', asset: 'ETH' } });
    await settle();
    await fireEvent.click(el('send-max'));
    expect(el('send-amount').value).toBe('Max');
    expect(el('send-max').getAttribute('aria-pressed')).toBe('true');
    const pick = el<HTMLSelectElement>('send-to-pick');
    await fireEvent.change(pick, { target: { value: CAROL } });
    expect(el('send-to').value).toBe(CAROL);
    await fireEvent.click(el('send-speed-fast'));
    await fireEvent.click(el('send-review'));
    await settle();
    expect(fake.commands.sendPrepare).toHaveBeenCalledWith({
      from: ALICE,
      chainId: 10,
      to: CAROL,
      asset: null,
      amount: null,
      speed: 'fast',
    });
    expect(screen.getByTestId('review')).toBeTruthy();
    expect(screen.getByTestId('fee-breakdown')).toBeTruthy();
  });

  it('passes a token by address, and the recipient as typed (the core resolves a name)', async () => {
    fake.commands.sendPrepare!.mockImplementation(() => ok(prepared()));
    render(Send, { params: { from: ALICE, chainId: '10', asset: USDC_OP } });
    await settle();
    await fireEvent.input(el('send-amount'), { target: { value: '1.25' } });
    await fireEvent.input(el('send-to'), { target: { value: 'ledger 1' } });
    await fireEvent.click(el('send-review'));
    await settle();
    expect(fake.commands.sendPrepare).toHaveBeenCalledWith(
      expect.objectContaining({ asset: USDC_OP, amount: '1.25', to: 'ledger 1', speed: 'normal' }),
    );
  });

  it('shows a prepare failure in plain words', async () => {
    fake.commands.sendPrepare!.mockImplementation(() => err('insufficient_funds', 'Not enough ETH on OP Mainnet.'));
    render(Send, { params: { from: ALICE, chainId: '10' } });
    await settle();
    await fireEvent.input(el('send-amount'), { target: { value: '0.5' } });
    await fireEvent.input(el('send-to'), { target: { value: BOB } });
    await fireEvent.click(el('send-review'));
    await settle();
    expect(screen.getByTestId('send-error').textContent).toContain('Not enough ETH on OP Mainnet.');
    expect(screen.queryByTestId('review')).toBeNull();
  });

  it('after sending to a new address, offers to save it to the address book', async () => {
    const stranger = '0x5555555555555555555555555555555555555555';
    fake.commands.sendPrepare!.mockImplementation(() => ok(prepared({ to: stranger, toLabel: null })));
    fake.commands.sendConfirm!.mockImplementation(() => ok(tx({ hash: '0xabc', to: stranger })));
    fake.commands.contactsSave!.mockImplementation(() => ok({ name: 'Dave', address: stranger }));
    render(Send, { params: { from: ALICE, chainId: '10' } });
    await settle();
    await fireEvent.input(el('send-amount'), { target: { value: '0.1' } });
    await fireEvent.input(el('send-to'), { target: { value: stranger } });
    await fireEvent.click(el('send-review'));
    await settle();
    await fireEvent.click(el('review-confirm'));
    await settle();
    expect(el('send-status').dataset.status).toBe('pending');
    expect(el('send-hash').dataset.hash).toBe('0xabc');
    await fireEvent.input(el('save-contact-name'), { target: { value: 'Dave' } });
    await fireEvent.click(el('save-contact'));
    await settle();
    expect(fake.commands.contactsSave).toHaveBeenCalledWith('Dave', stranger);
    expect(screen.getByTestId('contact-saved').textContent).toContain('Dave');
  });
});
