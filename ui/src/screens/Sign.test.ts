import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import { ACCOUNTS, ALICE, BOB } from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import { portfolio } from '../lib/stores/portfolio.svelte';
import Sign from './Sign.svelte';

const SIGNATURE = `0x${'ab'.repeat(64)}1b`;
const TYPED = JSON.stringify({
  types: { EIP712Domain: [{ name: 'name', type: 'string' }], Mail: [{ name: 'contents', type: 'string' }] },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail' },
  message: { contents: 'Hello, Bob!' },
});

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
  fake.commands.balancesPortfolio!.mockImplementation(() => ok({ chains: [], usdTotal: '0', ethUsd: null }));
  fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
});

describe('Sign', () => {
  it('offers only accounts that can sign, the first by default or the one asked for', async () => {
    const first = render(Sign);
    await settle();
    const from = el<HTMLSelectElement>('sign-from');
    expect([...from.options].map((o) => o.value)).toEqual([ALICE, BOB]); // not the watched one
    expect(from.value).toBe(ALICE);
    first.unmount();

    render(Sign, { params: { from: BOB } });
    await settle();
    expect(el<HTMLSelectElement>('sign-from').value).toBe(BOB);
  });

  it('signs a message as text, then as hex bytes, and shows the signature and signer to copy', async () => {
    fake.commands.signMessage!.mockImplementation(() => ok({ address: ALICE, signature: SIGNATURE }));
    render(Sign);
    await settle();
    await fireEvent.input(el('sign-text'), { target: { value: 'Hello, Switchyard' } });
    await fireEvent.click(el('sign-submit'));
    await settle();
    expect(fake.commands.signMessage).toHaveBeenCalledExactlyOnceWith(ALICE, 'Hello, Switchyard', false);
    const result = el('sign-result');
    expect(within(result).getByTestId('sign-signature').textContent).toBe(SIGNATURE);
    expect(within(result).getByTestId('sign-signer').textContent).toBe(ALICE);
    expect(within(result).getAllByTestId('copy-button').map((b) => b.textContent?.trim())).toEqual([
      'Copy address',
      'Copy signature',
    ]);

    // A signature of something else is not left next to the changed form.
    await fireEvent.click(el('sign-hex'));
    expect(screen.queryByTestId('sign-result')).toBeNull();
    await fireEvent.input(el('sign-text'), { target: { value: '0x48656c6c6f' } });
    await fireEvent.click(el('sign-submit'));
    await settle();
    expect(fake.commands.signMessage).toHaveBeenLastCalledWith(ALICE, '0x48656c6c6f', true);
    expect(screen.getByTestId('sign-result')).toBeTruthy();
    expect(fake.commands.signTypedData).not.toHaveBeenCalled();
  });

  it('signs typed data with the chosen hardware account, saying to confirm on the device meanwhile', async () => {
    let answer!: (v: unknown) => void;
    fake.commands.signTypedData!.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    render(Sign);
    await settle();
    await fireEvent.change(el('sign-from'), { target: { value: BOB } });
    await fireEvent.click(el('sign-mode-typed_data'));
    expect(screen.queryByTestId('sign-hex')).toBeNull();
    await fireEvent.input(el('sign-text'), { target: { value: TYPED } });
    await fireEvent.click(el('sign-submit'));
    await settle();
    expect(fake.commands.signTypedData).toHaveBeenCalledExactlyOnceWith(BOB, TYPED);
    expect(el('sign-submit').textContent).toContain('Confirm on the device');

    answer({ status: 'ok', data: { address: BOB, signature: SIGNATURE } });
    await settle();
    expect(el('sign-signer').textContent).toBe(BOB);
    expect(fake.commands.signMessage).not.toHaveBeenCalled();
  });

  it('refuses an empty message, odd hex and malformed JSON without asking the core', async () => {
    render(Sign);
    await settle();
    const form = el('sign-form');
    await fireEvent.click(el('sign-submit'));
    expect(form.textContent).toContain('Type the message to sign.');

    await fireEvent.click(el('sign-hex'));
    await fireEvent.input(el('sign-text'), { target: { value: '0x123' } });
    await fireEvent.click(el('sign-submit'));
    expect(form.textContent).toContain('pairs of hexadecimal digits');

    await fireEvent.click(el('sign-mode-typed_data'));
    await fireEvent.input(el('sign-text'), { target: { value: '{"types":' } });
    await fireEvent.click(el('sign-submit'));
    expect(form.textContent).toContain('not valid JSON');
    await settle();
    expect(fake.commands.signMessage).not.toHaveBeenCalled();
    expect(fake.commands.signTypedData).not.toHaveBeenCalled();
  });

  it('shows the core’s refusal in its words', async () => {
    fake.commands.signMessage!.mockImplementation(() => err('hw_rejected', 'You rejected the request on the Ledger.'));
    render(Sign, { params: { from: BOB } });
    await settle();
    await fireEvent.input(el('sign-text'), { target: { value: 'Hello' } });
    await fireEvent.click(el('sign-submit'));
    await settle();
    expect(el('form-error').textContent).toBe('You rejected the request on the Ledger.');
    expect(screen.queryByTestId('sign-result')).toBeNull();
    expect(el('sign-text').value).toBe('Hello');
  });

  it('says so when no account can sign', async () => {
    fake.commands.accountsList!.mockImplementation(() => ok([ACCOUNTS[2]!]));
    render(Sign);
    await settle();
    expect(screen.queryByTestId('sign-form')).toBeNull();
    expect(screen.getByTestId('sign').textContent).toContain('No account here can sign.');
  });
});
