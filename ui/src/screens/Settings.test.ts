import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import type { NetworksView, SettingsView, WalletStatus } from '../lib/bindings';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import Settings from './Settings.svelte';

const STATUS: WalletStatus = {
  initialized: true,
  unlocked: true,
  remembered: false,
  hasPhrase: true,
  network: 'devnet',
  dataDir: '/home/me/.local/share/switchyard',
  logFile: '/home/me/.local/share/switchyard/switchyard.log',
  autoLockMinutes: 15,
};

const SETTINGS: SettingsView = {
  autoLockMinutes: 15,
  ledgerEndpoint: 'usb',
  trezorEndpoint: 'usb',
  dataDir: STATUS.dataDir,
  logFile: STATUS.logFile,
  version: '0.1.0',
};

function networks(active = 'devnet', custom: string[] = []): NetworksView {
  return {
    active,
    profiles: ['devnet', 'mainnets', 'testnets'],
    chains: [
      {
        chainId: 31337,
        name: 'Devnet L1',
        kind: 'ethereum',
        nativeSymbol: 'ETH',
        rpcUrls: ['http://127.0.0.1:8545', ...custom],
        customRpcUrls: custom,
        explorer: null,
        parentChainId: null,
      },
      {
        chainId: 901,
        name: 'Devnet OP',
        kind: 'op_stack',
        nativeSymbol: 'ETH',
        rpcUrls: ['http://127.0.0.1:9545'],
        customRpcUrls: [],
        explorer: null,
        parentChainId: 31337,
      },
    ],
  };
}

beforeEach(() => {
  fake.reset();
  fake.commands.settingsGet.mockImplementation(() => ok(SETTINGS));
  fake.commands.networksList.mockImplementation(() => ok(networks()));
});

describe('Settings', () => {
  it('lists the chains and switches the profile', async () => {
    fake.commands.networksUse.mockImplementation(() => ok(networks('mainnets')));
    const onstatus = vi.fn();
    render(Settings, { status: STATUS, onstatus });
    const rows = await screen.findAllByTestId('network-row');
    expect(rows.map((r) => r.dataset.chainId)).toEqual(['31337', '901']);
    expect(within(rows[1]!).getByText('OP Stack')).toBeTruthy();

    await fireEvent.change(screen.getByTestId('network-profile'), { target: { value: 'mainnets' } });
    await waitFor(() => expect(onstatus).toHaveBeenCalledWith({ ...STATUS, network: 'mainnets' }));
    expect(fake.commands.networksUse).toHaveBeenCalledWith('mainnets');
  });

  it('tests, adds and removes an RPC', async () => {
    fake.commands.networksTestRpc.mockImplementation(() => ok({ latencyMs: 42 }));
    fake.commands.networksAddRpc.mockImplementation(() => ok(networks('devnet', ['http://127.0.0.1:8546'])));
    fake.commands.networksRemoveRpc.mockImplementation(() => ok(networks()));
    render(Settings, { status: STATUS, onstatus: () => {} });
    const row = (await screen.findAllByTestId('network-row'))[0]!;
    expect(within(row).queryByTestId('rpc-remove')).toBeNull();

    await fireEvent.input(within(row).getByTestId('rpc-url'), { target: { value: 'not a url' } });
    await fireEvent.click(within(row).getByTestId('rpc-test'));
    expect(within(row).getByTestId('rpc-test-result').textContent).toMatch(/not a URL/);
    expect(fake.commands.networksTestRpc).not.toHaveBeenCalled();

    await fireEvent.input(within(row).getByTestId('rpc-url'), { target: { value: ' http://127.0.0.1:8546 ' } });
    await fireEvent.click(within(row).getByTestId('rpc-test'));
    await waitFor(() => expect(within(row).getByTestId('rpc-test-result').textContent).toMatch(/Answered in 42 ms/));
    expect(fake.commands.networksTestRpc).toHaveBeenCalledWith(31337, 'http://127.0.0.1:8546');

    await fireEvent.click(within(row).getByTestId('rpc-add'));
    const remove = await within(screen.getAllByTestId('network-row')[0]!).findByTestId('rpc-remove');
    await fireEvent.click(remove);
    await waitFor(() => expect(fake.commands.networksRemoveRpc).toHaveBeenCalledWith(31337, 'http://127.0.0.1:8546'));
  });

  describe('Add token', () => {
    const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

    it('adds a token on the chosen chain, says what it added and refreshes the portfolio', async () => {
      fake.commands.tokensAdd.mockImplementation(() =>
        ok({ chainId: 901, address: TOKEN, symbol: 'TKN', name: 'Test Token', decimals: 18, addedByUser: true }),
      );
      render(Settings, { status: STATUS, onstatus: () => {} });
      const form = await screen.findByTestId('token-add-form');
      const chain = within(form).getByTestId('token-chain') as HTMLSelectElement;
      expect([...chain.options].map((o) => [o.value, o.textContent])).toEqual([
        ['31337', 'Devnet L1'],
        ['901', 'Devnet OP'],
      ]);
      expect(chain.value).toBe('31337');
      await fireEvent.change(chain, { target: { value: '901' } });
      await fireEvent.input(within(form).getByTestId('token-address'), { target: { value: ` ${TOKEN} ` } });
      await fireEvent.click(within(form).getByTestId('token-add'));
      await waitFor(() =>
        expect(within(form).getByTestId('token-added').textContent).toBe('Added TKN (Test Token) on Devnet OP.'),
      );
      expect(fake.commands.tokensAdd).toHaveBeenCalledExactlyOnceWith(901, TOKEN);
      expect(fake.commands.balancesPortfolio).toHaveBeenCalled();
      expect((within(form).getByTestId('token-address') as HTMLInputElement).value).toBe('');
    });

    it('refuses an empty or malformed address without asking the core', async () => {
      render(Settings, { status: STATUS, onstatus: () => {} });
      const form = await screen.findByTestId('token-add-form');
      await fireEvent.click(within(form).getByTestId('token-add'));
      expect(form.textContent).toContain('Enter the token’s contract address.');
      await fireEvent.input(within(form).getByTestId('token-address'), { target: { value: '0x5FbDB23156' } });
      await fireEvent.click(within(form).getByTestId('token-add'));
      expect(form.textContent).toContain('0x followed by 40 hexadecimal characters');
      expect(fake.commands.tokensAdd).not.toHaveBeenCalled();
    });

    it('shows the core’s refusal and keeps the address', async () => {
      fake.commands.tokensAdd.mockImplementation(() => err('not_a_token', 'That contract is not an ERC-20 token.'));
      render(Settings, { status: STATUS, onstatus: () => {} });
      const form = await screen.findByTestId('token-add-form');
      await fireEvent.input(within(form).getByTestId('token-address'), { target: { value: TOKEN } });
      await fireEvent.click(within(form).getByTestId('token-add'));
      expect((await within(form).findByTestId('form-error')).textContent).toBe('That contract is not an ERC-20 token.');
      expect(fake.commands.tokensAdd).toHaveBeenCalledWith(31337, TOKEN);
      expect(within(form).getByTestId('token-added').textContent).toBe('');
      expect((within(form).getByTestId('token-address') as HTMLInputElement).value).toBe(TOKEN);
    });
  });

  it('saves the auto-lock delay within 1 to 1440 minutes', async () => {
    fake.commands.settingsSetAutoLock.mockImplementation(() => ok({ ...SETTINGS, autoLockMinutes: 5 }));
    const onstatus = vi.fn();
    render(Settings, { status: STATUS, onstatus });
    const input = (await screen.findByTestId('auto-lock-minutes')) as HTMLInputElement;
    expect(input.value).toBe('15');
    await fireEvent.input(input, { target: { value: '0' } });
    await fireEvent.click(screen.getByTestId('auto-lock-save'));
    expect(await screen.findByText(/between 1 and 1440 minutes/)).toBeTruthy();
    expect(fake.commands.settingsSetAutoLock).not.toHaveBeenCalled();

    await fireEvent.input(input, { target: { value: '5' } });
    await fireEvent.click(screen.getByTestId('auto-lock-save'));
    await waitFor(() => expect(onstatus).toHaveBeenCalledWith({ ...STATUS, autoLockMinutes: 5 }));
    expect(fake.commands.settingsSetAutoLock).toHaveBeenCalledWith(5);
  });

  it('reveals the phrase after the password and forgets it on close', async () => {
    fake.commands.walletRevealPhrase
      .mockImplementationOnce(() => err('wrong_password', 'Wrong password: the vault did not open.'))
      .mockImplementationOnce(() => ok({ words: ['abandon', 'ability', 'able'] }));
    render(Settings, { status: STATUS, onstatus: () => {} });
    await fireEvent.click(await screen.findByTestId('reveal-phrase-open'));
    await fireEvent.input(await screen.findByTestId('reveal-password'), { target: { value: 'nope' } });
    await fireEvent.click(screen.getByTestId('reveal-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/Wrong password/);

    await fireEvent.input(screen.getByTestId('reveal-password'), { target: { value: 'correct horse' } });
    await fireEvent.click(screen.getByTestId('reveal-submit'));
    const words = await screen.findAllByTestId('phrase-word');
    expect(words.map((w) => w.textContent)).toEqual(['abandon', 'ability', 'able']);

    await fireEvent.click(screen.getByTestId('reveal-close'));
    expect(screen.queryAllByTestId('phrase-word')).toHaveLength(0);
    // Opening again asks for the password again.
    await fireEvent.click(screen.getByTestId('reveal-phrase-open'));
    expect(await screen.findByTestId('reveal-password')).toBeTruthy();
    expect((screen.getByTestId('reveal-password') as HTMLInputElement).value).toBe('');
  });

  it('changes the password only with the current one and a new one typed twice', async () => {
    fake.commands.walletChangePassword
      .mockImplementationOnce(() => err('wrong_password', 'Wrong password: the vault did not open.'))
      .mockImplementationOnce(() => ok(null));
    render(Settings, { status: STATUS, onstatus: () => {} });
    await fireEvent.click(await screen.findByTestId('change-password-open'));
    const type = async (id: string, value: string) =>
      fireEvent.input(await screen.findByTestId(id), { target: { value } });
    await type('change-password-current', 'old password');
    await type('change-password-new', 'short');
    await fireEvent.click(screen.getByTestId('change-password-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/Too short/);
    await type('change-password-new', 'new long password');
    await type('change-password-repeat', 'new long passwore');
    await fireEvent.click(screen.getByTestId('change-password-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/differ/);
    expect(fake.commands.walletChangePassword).not.toHaveBeenCalled();

    await type('change-password-repeat', 'new long password');
    await fireEvent.click(screen.getByTestId('change-password-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/Wrong password/);
    await fireEvent.click(screen.getByTestId('change-password-submit'));
    await waitFor(() => expect(screen.queryByTestId('change-password-current')).toBeNull());
    expect(fake.commands.walletChangePassword).toHaveBeenLastCalledWith('old password', 'new long password');
  });

  it('hides the phrase action without a phrase, and shows where the files are', async () => {
    render(Settings, { status: { ...STATUS, hasPhrase: false }, onstatus: () => {} });
    expect((await screen.findByTestId('data-dir')).textContent).toBe(STATUS.dataDir);
    expect(screen.getByTestId('log-file').textContent).toBe(STATUS.logFile);
    expect(screen.queryByTestId('reveal-phrase-open')).toBeNull();
  });

  it('saves a hardware endpoint after checking its shape', async () => {
    fake.commands.settingsSetHwEndpoint.mockImplementation(() => ok({ ...SETTINGS, ledgerEndpoint: '127.0.0.1:9999' }));
    render(Settings, { status: STATUS, onstatus: () => {} });
    const input = (await screen.findByTestId('ledger-endpoint')) as HTMLInputElement;
    expect(input.value).toBe('usb');
    await fireEvent.input(input, { target: { value: '127.0.0.1' } });
    await fireEvent.click(screen.getByTestId('ledger-endpoint-save'));
    expect(await screen.findByText(/host and port/)).toBeTruthy();
    await fireEvent.input(input, { target: { value: '127.0.0.1:9999' } });
    await fireEvent.click(screen.getByTestId('ledger-endpoint-save'));
    await waitFor(() => expect(fake.commands.settingsSetHwEndpoint).toHaveBeenCalledWith('ledger', '127.0.0.1:9999'));
  });
});
