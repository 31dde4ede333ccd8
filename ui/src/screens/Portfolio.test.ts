import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import { ACCOUNTS, ALICE, BOB, PORTFOLIO, USDC_OP, WATCHED, account } from '../lib/testing/fixtures';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);
// HardwareConnect is another screen's component; it is not under test here.
vi.mock('../lib/components/HardwareConnect.svelte', async () => ({
  default: (await import('../lib/testing/Stub.svelte')).default,
}));

import { router } from '../lib/router.svelte';
import { portfolio } from '../lib/stores/portfolio.svelte';
import { notices } from '../lib/toast.svelte';
import Portfolio from './Portfolio.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
}

beforeEach(() => {
  fake.reset();
  portfolio.stop();
  notices.clear();
  fake.commands.balancesPortfolio!.mockImplementation(() => ok(PORTFOLIO));
  fake.commands.accountsList!.mockImplementation(() => ok(ACCOUNTS));
  fake.commands.walletStatus!.mockImplementation(() => ok({ hasPhrase: true }));
});

describe('Portfolio', () => {
  it('shows the total, the ETH price, per-asset totals and each chain’s holdings', async () => {
    render(Portfolio);
    await settle();
    expect(screen.getByTestId('portfolio')).toBeTruthy();
    expect(screen.getByTestId('portfolio-total').textContent).toBe('$12,500.00');
    expect(screen.getByTestId('eth-price').textContent).toBe('$3,000.00');

    const assets = screen.getAllByTestId('asset-total');
    expect(assets.map((a) => [a.dataset.symbol, a.dataset.amount])).toEqual([
      ['ETH', '3500000000000000000'],
      ['USDC', '3001500000'],
    ]);

    const chains = screen.getAllByTestId('chain-row');
    expect(chains.map((c) => c.dataset.chainId)).toEqual(['1', '10', '42161']);
    const op = chains[1]!;
    const rows = within(op).getAllByTestId('holding-row');
    expect(rows).toHaveLength(3);
    const usdc = rows.find((r) => r.dataset.symbol === 'USDC')!;
    expect(usdc.dataset.account).toBe(ALICE);
    expect(usdc.dataset.chainId).toBe('10');
    expect(usdc.dataset.amount).toBe('1500000');
    expect(usdc.textContent).toContain('1.5');
    expect(within(op).getByTestId('pending-badge').textContent).toContain('1 pending');
    expect(within(chains[0]!).queryByTestId('pending-badge')).toBeNull();

    // A chain's error shows on that chain only.
    expect(within(chains[2]!).getByTestId('chain-error').textContent).toContain('The RPC did not answer in time.');
    expect(within(chains[0]!).queryByTestId('chain-error')).toBeNull();
  });

  it('Send on a holding opens Send with from, chainId and asset', async () => {
    render(Portfolio);
    await settle();
    const op = screen.getAllByTestId('chain-row')[1]!;
    const usdc = within(op).getAllByTestId('holding-row').find((r) => r.dataset.symbol === 'USDC')!;
    await fireEvent.click(within(usdc).getByTestId('holding-send'));
    expect(router.current).toBe('send');
    expect(router.params).toEqual({ from: ALICE, chainId: '10', asset: USDC_OP });
  });

  it('lists accounts with kinds and renames, hides and watches', async () => {
    render(Portfolio);
    await settle();
    const rows = screen.getAllByTestId('account-row');
    expect(rows.map((r) => r.dataset.address)).toEqual([ALICE, BOB, WATCHED]);
    expect(rows.map((r) => within(r).getByTestId('account-kind').textContent)).toEqual(['HD', 'Ledger', 'Watch-only']);

    fake.commands.accountsRename!.mockImplementation(() => ok(account({ label: 'Savings' })));
    await fireEvent.click(within(rows[0]!).getByTestId('account-rename'));
    await settle();
    const input = screen.getByTestId('rename-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'Savings' } });
    await fireEvent.click(screen.getByTestId('rename-save'));
    await settle();
    expect(fake.commands.accountsRename).toHaveBeenCalledWith(ALICE, 'Savings');
    expect(within(screen.getAllByTestId('account-row')[0]!).getByTestId('account-label').textContent).toBe('Savings');

    fake.commands.accountsSetHidden!.mockImplementation(() => ok({ ...ACCOUNTS[2]!, hidden: true }));
    fake.commands.accountsList!.mockImplementation(() =>
      ok([account({ label: 'Savings' }), ACCOUNTS[1]!, { ...ACCOUNTS[2]!, hidden: true }]),
    );
    await fireEvent.click(within(screen.getAllByTestId('account-row')[2]!).getByTestId('account-hide'));
    await settle();
    expect(fake.commands.accountsSetHidden).toHaveBeenCalledWith(WATCHED, true);
    expect(screen.getAllByTestId('account-row')).toHaveLength(2);
    await fireEvent.click(screen.getByTestId('show-hidden'));
    expect(screen.getAllByTestId('hidden-account-row')).toHaveLength(1);

    await fireEvent.click(screen.getByTestId('watch-open'));
    await fireEvent.input(screen.getByTestId('watch-address'), { target: { value: '0x123' } });
    await fireEvent.click(screen.getByTestId('watch-submit'));
    await settle();
    expect(fake.commands.accountsWatch).not.toHaveBeenCalled();
    expect(screen.getByTestId('watch-form').textContent).toContain('0x followed by 40');
  });

  it('offers Sign for accounts that can sign and opens Sign with the account', async () => {
    render(Portfolio);
    await settle();
    const rows = screen.getAllByTestId('account-row');
    expect(rows.map((r) => !!within(r).queryByTestId('account-sign'))).toEqual([true, true, false]);
    await fireEvent.click(within(rows[1]!).getByTestId('account-sign'));
    expect(router.current).toBe('sign');
    expect(router.params).toEqual({ from: BOB });
    router.navigate('portfolio');
  });

  describe('Export keystore', () => {
    const IMPORTED = '0x5555555555555555555555555555555555555555';
    const PATH = '/home/me/Backups/UTC--2025-11-24T16-00-00Z--1111111111111111111111111111111111111111.json';

    beforeEach(() => {
      fake.commands.accountsList!.mockImplementation(() =>
        ok([...ACCOUNTS, account({ address: IMPORTED, label: 'Old key', kind: 'imported', path: null })]),
      );
    });

    async function openExport(address: string): Promise<void> {
      render(Portfolio);
      await settle();
      const row = screen.getAllByTestId('account-row').find((r) => r.dataset.address === address)!;
      await fireEvent.click(within(row).getByTestId('account-export'));
      await settle();
    }

    async function type(id: string, value: string): Promise<void> {
      await fireEvent.input(screen.getByTestId(id), { target: { value } });
    }

    function value(id: string): string {
      return (screen.getByTestId(id) as HTMLInputElement).value;
    }

    it('is offered for HD and imported accounts only, not hardware or watch-only ones', async () => {
      render(Portfolio);
      await settle();
      const offered = screen
        .getAllByTestId('account-row')
        .filter((r) => within(r).queryByTestId('account-export'))
        .map((r) => r.dataset.kind);
      expect(offered).toEqual(['hd', 'imported']);
    });

    it('refuses a short or mistyped keystore password and an empty folder, calling nothing', async () => {
      await openExport(ALICE);
      const form = screen.getByTestId('export-form');
      await type('export-password', 'vault password');
      await type('export-keystore-password', 'short');
      await type('export-keystore-repeat', 'short');
      await type('export-directory', '/home/me/Backups');
      await fireEvent.click(screen.getByTestId('export-submit'));
      expect(form.textContent).toContain('Too short (5 characters): use at least 8.');

      await type('export-keystore-password', 'keystore secret');
      await type('export-keystore-repeat', 'keystore secreT');
      await fireEvent.click(screen.getByTestId('export-submit'));
      expect(form.textContent).toContain('The two passwords are different.');

      await type('export-keystore-repeat', 'keystore secret');
      await type('export-directory', '   ');
      await fireEvent.click(screen.getByTestId('export-submit'));
      expect(form.textContent).toContain('Enter the folder to write the file into.');

      await type('export-directory', '/home/me/Backups');
      await type('export-password', '');
      await fireEvent.click(screen.getByTestId('export-submit'));
      expect(form.textContent).toContain('Type your wallet password.');
      await settle();
      expect(fake.commands.accountsExportKeystore).not.toHaveBeenCalled();
    });

    it('exports with exactly what was typed and shows the written file', async () => {
      fake.commands.accountsExportKeystore!.mockImplementation(() => ok(PATH));
      await openExport(IMPORTED);
      expect(screen.getByTestId('export-form').textContent).toContain('“Old key”');
      await type('export-password', 'vault password');
      await type('export-keystore-password', 'keystore secret');
      await type('export-keystore-repeat', 'keystore secret');
      await type('export-directory', ' /home/me/Backups ');
      await fireEvent.click(screen.getByTestId('export-submit'));
      await settle();
      expect(fake.commands.accountsExportKeystore).toHaveBeenCalledExactlyOnceWith(
        IMPORTED,
        'vault password',
        'keystore secret',
        '/home/me/Backups',
      );
      const done = screen.getByTestId('export-done');
      expect(within(done).getByTestId('export-path').textContent).toBe(PATH);
      expect(within(done).getByTestId('copy-button').textContent).toContain('Copy path');
      expect(done.textContent).toContain('encrypted with the keystore password');

      // Closing forgets everything: opening again starts empty.
      await fireEvent.click(screen.getByTestId('export-close'));
      await settle();
      expect(screen.queryByTestId('modal')).toBeNull();
      const row = screen.getAllByTestId('account-row').find((r) => r.dataset.address === IMPORTED)!;
      await fireEvent.click(within(row).getByTestId('account-export'));
      await settle();
      expect(value('export-password')).toBe('');
      expect(value('export-directory')).toBe('');
    });

    it('shows the core’s refusal and keeps what was typed', async () => {
      fake.commands.accountsExportKeystore!.mockImplementation(() =>
        err('wrong_password', 'Wrong password: the vault did not open.'),
      );
      await openExport(ALICE);
      await type('export-password', 'not it');
      await type('export-keystore-password', 'keystore secret');
      await type('export-keystore-repeat', 'keystore secret');
      await type('export-directory', '/home/me/Backups');
      await fireEvent.click(screen.getByTestId('export-submit'));
      await settle();
      expect(fake.commands.accountsExportKeystore).toHaveBeenCalledWith(ALICE, 'not it', 'keystore secret', '/home/me/Backups');
      expect(screen.getByTestId('form-error').textContent).toBe('Wrong password: the vault did not open.');
      expect(screen.queryByTestId('export-done')).toBeNull();
      expect(value('export-directory')).toBe('/home/me/Backups');
      expect(value('export-keystore-password')).toBe('keystore secret');
    });
  });

  it('offers Add account only with a recovery phrase and shows the backend’s words on failure', async () => {
    fake.commands.walletStatus!.mockImplementation(() => ok({ hasPhrase: false }));
    const first = render(Portfolio);
    await settle();
    expect(screen.queryByTestId('add-account')).toBeNull();
    expect(screen.queryByTestId('add-accounts-count')).toBeNull();
    expect(screen.getByTestId('add-hardware')).toBeTruthy();
    first.unmount();

    fake.commands.walletStatus!.mockImplementation(() => ok({ hasPhrase: true }));
    fake.commands.accountsAdd!.mockImplementation(() => err('no_seed', 'This wallet has no recovery phrase.'));
    render(Portfolio);
    await settle();
    await fireEvent.click(screen.getByTestId('add-account'));
    await settle();
    expect(screen.getByTestId('account-error').textContent).toBe('This wallet has no recovery phrase.');
  });

  describe('Add accounts', () => {
    /** The HD accounts at `index` and on, as the core derives them. */
    function derived(from: number, count: number) {
      return Array.from({ length: count }, (_, i) =>
        account({
          address: `0x${(0xa0 + from + i).toString(16).padStart(40, '0')}`,
          label: `Account ${from + i + 1}`,
          index: from + i,
          path: `m/44'/60'/0'/0/${from + i}`,
        }),
      );
    }

    function countInput(): HTMLInputElement {
      return screen.getByTestId('add-accounts-count') as HTMLInputElement;
    }

    async function add(count: string): Promise<void> {
      await fireEvent.input(countInput(), { target: { value: count } });
      await fireEvent.click(screen.getByTestId('add-account'));
      await settle();
    }

    function labels(): string[] {
      return screen.getAllByTestId('account-row').map((r) => within(r).getByTestId('account-label').textContent!);
    }

    it('adds one with accountsAdd by default, toasts its name and refreshes', async () => {
      const [added] = derived(1, 1);
      fake.commands.accountsAdd!.mockImplementation(() => ok(added));
      render(Portfolio);
      await settle();
      expect(countInput().value).toBe('1');
      expect(screen.getByTestId('add-account').textContent!.trim()).toBe('Add account');
      fake.commands.accountsList!.mockImplementation(() => ok([...ACCOUNTS, added!]));
      const fetches = fake.commands.balancesPortfolio!.mock.calls.length;

      await fireEvent.click(screen.getByTestId('add-account'));
      await settle();
      expect(fake.commands.accountsAdd).toHaveBeenCalledExactlyOnceWith(null);
      expect(fake.commands.accountsAddMany).not.toHaveBeenCalled();
      expect(notices.items.map((n) => [n.kind, n.message])).toEqual([['success', 'Added “Account 2”.']]);
      expect(labels()).toEqual(['Main', 'Ledger 1', 'Vitalik', 'Account 2']);
      expect(fake.commands.balancesPortfolio!.mock.calls.length).toBe(fetches + 1);
      expect(screen.queryByTestId('account-error')).toBeNull();
    });

    it('adds 5 at once with accountsAddMany(5, null), toasts how many and refreshes', async () => {
      const added = derived(1, 5);
      fake.commands.accountsAddMany!.mockImplementation(() => ok(added));
      render(Portfolio);
      await settle();
      fake.commands.accountsList!.mockImplementation(() => ok([...ACCOUNTS, ...added]));
      const fetches = fake.commands.balancesPortfolio!.mock.calls.length;

      await fireEvent.input(countInput(), { target: { value: '5' } });
      expect(screen.getByTestId('add-account').textContent!.trim()).toBe('Add 5 accounts');
      await fireEvent.click(screen.getByTestId('add-account'));
      await settle();
      expect(fake.commands.accountsAddMany).toHaveBeenCalledExactlyOnceWith(5, null);
      expect(fake.commands.accountsAdd).not.toHaveBeenCalled();
      expect(notices.items.map((n) => [n.kind, n.message])).toEqual([['success', 'Added 5 accounts.']]);
      expect(labels()).toEqual(['Main', 'Ledger 1', 'Vitalik', 'Account 2', 'Account 3', 'Account 4', 'Account 5', 'Account 6']);
      expect(fake.commands.balancesPortfolio!.mock.calls.length).toBe(fetches + 1);
      // Back to one for the next click.
      expect(countInput().value).toBe('1');
    });

    it('shows a non-whole or out-of-range number as a field error and calls nothing', async () => {
      render(Portfolio);
      await settle();

      await add('2.5');
      expect(screen.getByTestId('add-accounts-count-error').textContent!.trim()).toBe('Use a whole number, e.g. 5.');
      expect(countInput().getAttribute('aria-invalid')).toBe('true');
      expect(countInput().getAttribute('aria-describedby')).toBe('add-accounts-count-error');

      await add('0');
      expect(screen.getByTestId('add-accounts-count-error').textContent!.trim()).toBe('Choose from 1 to 10,000 accounts.');
      await add('10001');
      expect(screen.getByTestId('add-accounts-count-error').textContent!.trim()).toBe('Choose from 1 to 10,000 accounts.');
      await add('');
      expect(screen.getByTestId('add-accounts-count-error').textContent!.trim()).toBe('Enter how many accounts to add.');

      expect(fake.commands.accountsAdd).not.toHaveBeenCalled();
      expect(fake.commands.accountsAddMany).not.toHaveBeenCalled();
      expect(screen.queryByTestId('account-error')).toBeNull();
      expect(notices.items).toEqual([]);

      // Fixing the number clears the error.
      await fireEvent.input(countInput(), { target: { value: '3' } });
      expect(screen.queryByTestId('add-accounts-count-error')).toBeNull();
      expect(countInput().getAttribute('aria-invalid')).toBeNull();
    });

    it('shows the core’s refusal in its words and keeps the number', async () => {
      const sentence = 'Add between 1 and 10,000 accounts at once, not 7.';
      fake.commands.accountsAddMany!.mockImplementation(() => err('invalid_count', sentence));
      render(Portfolio);
      await settle();

      await add('7');
      expect(fake.commands.accountsAddMany).toHaveBeenCalledExactlyOnceWith(7, null);
      expect(screen.getByTestId('account-error').textContent).toBe(sentence);
      expect(screen.queryByTestId('add-accounts-count-error')).toBeNull();
      expect(countInput().value).toBe('7');
      expect(labels()).toEqual(['Main', 'Ledger 1', 'Vitalik']);
      expect(notices.items).toEqual([]);
      expect((screen.getByTestId('add-account') as HTMLButtonElement).disabled).toBe(false);
    });
  });

  describe('Find accounts in use', () => {
    function labels(): string[] {
      return screen.getAllByTestId('account-row').map((r) => within(r).getByTestId('account-label').textContent!);
    }

    it('adds the accounts found, toasts how many and refreshes', async () => {
      const found = [
        account({ address: `0x${'a3'.padStart(40, '0')}`, label: 'Account 4', index: 3, path: "m/44'/60'/0'/0/3" }),
        account({ address: `0x${'a7'.padStart(40, '0')}`, label: 'Account 8', index: 7, path: "m/44'/60'/0'/0/7" }),
      ];
      let answer!: (result: unknown) => void;
      fake.commands.accountsDiscover!.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
      render(Portfolio);
      await settle();
      const button = screen.getByTestId('discover-accounts') as HTMLButtonElement;
      expect(button.textContent!.trim()).toBe('Find accounts in use');
      fake.commands.accountsList!.mockImplementation(() => ok([...ACCOUNTS, ...found]));
      const fetches = fake.commands.balancesPortfolio!.mock.calls.length;

      await fireEvent.click(button);
      await settle();
      expect(fake.commands.accountsDiscover).toHaveBeenCalledExactlyOnceWith();
      expect(button.disabled).toBe(true);
      expect(button.textContent!.trim()).toBe('Searching the chains…');
      expect((screen.getByTestId('add-account') as HTMLButtonElement).disabled).toBe(true);

      answer({ status: 'ok', data: found });
      await settle();
      expect(notices.items.map((n) => [n.kind, n.message])).toEqual([['success', 'Found 2 accounts in use.']]);
      expect(labels()).toEqual(['Main', 'Ledger 1', 'Vitalik', 'Account 4', 'Account 8']);
      expect(fake.commands.balancesPortfolio!.mock.calls.length).toBe(fetches + 1);
      expect(button.disabled).toBe(false);
      expect(button.textContent!.trim()).toBe('Find accounts in use');
      expect(screen.queryByTestId('account-error')).toBeNull();
    });

    it('says so when no other account is in use', async () => {
      fake.commands.accountsDiscover!.mockImplementation(() => ok([]));
      render(Portfolio);
      await settle();
      await fireEvent.click(screen.getByTestId('discover-accounts'));
      await settle();
      expect(notices.items.map((n) => [n.kind, n.message])).toEqual([['success', 'No other accounts in use.']]);
      expect(labels()).toEqual(['Main', 'Ledger 1', 'Vitalik']);
      expect(screen.queryByTestId('account-error')).toBeNull();
    });

    it('shows the core’s refusal in the account alert', async () => {
      const sentence = 'Optimism’s RPC could not be reached.';
      fake.commands.accountsDiscover!.mockImplementation(() => err('rpc_unreachable', sentence));
      render(Portfolio);
      await settle();
      await fireEvent.click(screen.getByTestId('discover-accounts'));
      await settle();
      expect(screen.getByTestId('account-error').textContent).toBe(sentence);
      expect(labels()).toEqual(['Main', 'Ledger 1', 'Vitalik']);
      expect(notices.items).toEqual([]);
      expect((screen.getByTestId('discover-accounts') as HTMLButtonElement).disabled).toBe(false);
    });

    it('is not offered without a recovery phrase', async () => {
      fake.commands.walletStatus!.mockImplementation(() => ok({ hasPhrase: false }));
      render(Portfolio);
      await settle();
      expect(screen.queryByTestId('discover-accounts')).toBeNull();
      expect(screen.getByTestId('add-hardware')).toBeTruthy();
    });
  });

  it('shows the loading and error states', async () => {
    fake.commands.balancesPortfolio!.mockImplementation(() => err('locked', 'The wallet is locked.'));
    render(Portfolio);
    expect(screen.getAllByTestId('data-loading').length).toBeGreaterThan(0);
    await settle();
    expect(screen.getAllByTestId('data-error')[0]!.textContent).toContain('The wallet is locked.');
  });
});
