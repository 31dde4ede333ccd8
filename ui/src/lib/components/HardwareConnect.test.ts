import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../bindings', async () => (await import('../testing/fakeBindings')).fakeBindings);

import type { AccountView, DiscoveredView } from '../bindings';
import { err, fake, ok } from '../testing/fakeBindings';
import HardwareConnect from './HardwareConnect.svelte';

const A = '0x1111111111111111111111111111111111111111';
const B = '0x2222222222222222222222222222222222222222';

function row(over: Partial<DiscoveredView> = {}): DiscoveredView {
  return {
    path: "m/44'/60'/0'/0/0",
    schemes: ['bip44', 'live'],
    index: 0,
    address: A,
    account: null,
    balance: '1500000000000000000',
    usd: null,
    ...over,
  };
}

const ADDED: AccountView = {
  address: B,
  label: 'Ledger 2',
  kind: 'hardware',
  vendor: 'Ledger',
  path: "m/44'/60'/1'/0/0",
  scheme: 'live',
  index: null,
  canSign: true,
  canExport: false,
  hidden: false,
};

beforeEach(() => fake.reset());

describe('HardwareConnect', () => {
  it('reads a page of addresses and adds one', async () => {
    let answer!: (v: unknown) => void;
    fake.commands.hwDiscover.mockImplementationOnce(
      () => new Promise((resolve) => (answer = resolve)),
    );
    fake.commands.hwAddAccount.mockImplementation(() => ok(ADDED));
    const onadded = vi.fn();
    render(HardwareConnect, { onadded });

    expect((screen.getByTestId('hw-discover') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('hw-vendor-ledger'));
    expect(screen.getByTestId('hw-vendor-ledger').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.change(screen.getByTestId('hw-scheme'), { target: { value: 'live' } });
    await fireEvent.click(screen.getByTestId('hw-discover'));

    expect((await screen.findByTestId('hw-progress')).textContent).toMatch(/Reading addresses from your Ledger…/);
    expect(fake.commands.hwDiscover).toHaveBeenCalledWith('ledger', 'live', 1);
    answer({
      status: 'ok',
      data: [
        row({ account: 'Ledger 1' }),
        row({ path: "m/44'/60'/1'/0/0", schemes: ['live'], index: 1, address: B, balance: null }),
      ],
    });

    const rows = await screen.findAllByTestId('hw-address-row');
    expect(rows.map((r) => r.dataset.address)).toEqual([A, B]);
    expect(within(rows[0]!).getByTestId('hw-added').textContent).toBe('Added as Ledger 1');
    expect(within(rows[0]!).queryByTestId('hw-add')).toBeNull();
    expect(within(rows[0]!).getByTestId('amount').textContent).toMatch(/^1\.5\s*ETH$/);
    expect(within(rows[1]!).getByTestId('amount').textContent).toBe('—');

    await fireEvent.click(within(rows[1]!).getByTestId('hw-add'));
    await waitFor(() => expect(onadded).toHaveBeenCalledWith(ADDED));
    expect(fake.commands.hwAddAccount).toHaveBeenCalledWith('ledger', "m/44'/60'/1'/0/0", 'live', null);
    expect(within(screen.getAllByTestId('hw-address-row')[1]!).getByTestId('hw-added').textContent).toBe(
      'Added as Ledger 2',
    );
  });

  it('pages through the addresses with all schemes', async () => {
    fake.commands.hwDiscover.mockImplementation(() => ok([row()]));
    render(HardwareConnect, { onadded: () => {} });
    await fireEvent.click(screen.getByTestId('hw-vendor-trezor'));
    await fireEvent.click(screen.getByTestId('hw-discover'));
    await screen.findAllByTestId('hw-address-row');
    expect((screen.getByTestId('hw-prev-page') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('hw-next-page'));
    await waitFor(() => expect(fake.commands.hwDiscover).toHaveBeenLastCalledWith('trezor', null, 2));
    await waitFor(() => expect((screen.getByTestId('hw-prev-page') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('hw-prev-page'));
    await waitFor(() => expect(fake.commands.hwDiscover).toHaveBeenLastCalledWith('trezor', null, 1));
  });

  it("shows the device's error with a retry", async () => {
    fake.commands.hwDiscover
      .mockImplementationOnce(() => err('hw_not_connected', 'Connect your Ledger and open the Ethereum app.'))
      .mockImplementationOnce(() => ok([row()]));
    render(HardwareConnect, { onadded: () => {} });
    await fireEvent.click(screen.getByTestId('hw-vendor-ledger'));
    await fireEvent.click(screen.getByTestId('hw-discover'));
    expect((await screen.findByTestId('data-error')).textContent).toMatch(/Connect your Ledger and open the Ethereum app\./);
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('hw-address-row')).toHaveLength(1);
  });
});
