import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import type { WalletStatus } from '../lib/bindings';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import LockScreen from './LockScreen.svelte';

function status(over: Partial<WalletStatus> = {}): WalletStatus {
  return {
    initialized: true,
    unlocked: false,
    remembered: false,
    hasPhrase: true,
    network: 'devnet',
    dataDir: '/data',
    logFile: '/data/switchyard.log',
    autoLockMinutes: 15,
    ...over,
  };
}

beforeEach(() => fake.reset());

describe('LockScreen', () => {
  it('unlocks with the password', async () => {
    fake.commands.walletUnlock!.mockImplementation(() => ok(status({ unlocked: true })));
    const onunlocked = vi.fn();
    render(LockScreen, { status: status(), onunlocked });
    await fireEvent.input(screen.getByTestId('unlock-password'), { target: { value: 'correct horse' } });
    await fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(onunlocked).toHaveBeenCalledOnce());
    expect(fake.commands.walletUnlock).toHaveBeenCalledWith('correct horse');
    expect(onunlocked.mock.calls[0]![0].unlocked).toBe(true);
  });

  it('shows a wrong password in plain words and keeps the field focused', async () => {
    fake.commands.walletUnlock!.mockImplementation(() =>
      err('wrong_password', 'Wrong password: the vault did not open. Try again (the password is case-sensitive).'),
    );
    const onunlocked = vi.fn();
    render(LockScreen, { status: status(), onunlocked });
    const input = screen.getByTestId('unlock-password') as HTMLInputElement;
    input.focus();
    await fireEvent.input(input, { target: { value: 'nope nope' } });
    await fireEvent.submit(input.form!);
    const error = await screen.findByTestId('unlock-error');
    expect(error.textContent).toMatch(/Wrong password/);
    expect(onunlocked).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('nope nope');
  });

  it('offers the keychain only when the wallet is remembered', async () => {
    const { unmount } = render(LockScreen, { status: status(), onunlocked: () => {} });
    expect(screen.queryByTestId('unlock-keychain')).toBeNull();
    unmount();

    fake.commands.walletUnlock!.mockImplementation(() => ok(status({ unlocked: true, remembered: true })));
    const onunlocked = vi.fn();
    render(LockScreen, { status: status({ remembered: true }), onunlocked });
    await fireEvent.click(screen.getByTestId('unlock-keychain'));
    await waitFor(() => expect(onunlocked).toHaveBeenCalledOnce());
    expect(fake.commands.walletUnlock).toHaveBeenCalledWith(null);
  });

  it('says why it locked', () => {
    render(LockScreen, {
      status: status(),
      notice: 'Locked after 15 minutes without activity.',
      onunlocked: () => {},
    });
    expect(screen.getByTestId('lock-notice').textContent).toBe('Locked after 15 minutes without activity.');
    expect(screen.getByTestId('lock-screen')).toBeTruthy();
  });
});
