import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./lib/bindings', async () => (await import('./lib/testing/fakeBindings')).fakeBindings);
// The app runs inside the Tauri webview.
vi.mock('@tauri-apps/api/core', () => ({ isTauri: () => true, invoke: vi.fn() }));

import App from './App.svelte';
import type { WalletStatus } from './lib/bindings';
import { navigate } from './lib/router.svelte';
import { err, fake, ok } from './lib/testing/fakeBindings';

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

beforeEach(() => {
  fake.reset();
  navigate('activity'); // a light screen; the stores' commands answer "not mocked"
});

afterEach(() => {
  navigate('portfolio');
});

describe('App', () => {
  it('starts with onboarding when there is no wallet', async () => {
    fake.commands.walletStatus.mockImplementation(() => ok(status({ initialized: false })));
    render(App);
    const root = await screen.findByTestId('wallet-status');
    expect(within(root).getByTestId('onboarding')).toBeTruthy();
    expect(within(root).getByTestId('onboard-create')).toBeTruthy();
  });

  it('shows the lock screen, then the wallet with its network once unlocked', async () => {
    fake.commands.walletStatus.mockImplementation(() => ok(status()));
    fake.commands.walletUnlock.mockImplementation(() => ok(status({ unlocked: true, network: 'mainnets' })));
    render(App);
    const root = await screen.findByTestId('wallet-status');
    expect(within(root).getByTestId('lock-screen')).toBeTruthy();

    await fireEvent.input(screen.getByTestId('unlock-password'), { target: { value: 'correct horse' } });
    await fireEvent.click(screen.getByTestId('unlock-submit'));
    expect((await screen.findByTestId('network-badge')).textContent?.trim()).toBe('Mainnets');
    expect(screen.getByTestId('main').querySelector('[data-testid="wallet-status"]')).toBeTruthy();
  });

  it('locks with the button, and shows the idle notice when the backend locks by itself', async () => {
    fake.commands.walletStatus.mockImplementation(() => ok(status({ unlocked: true, autoLockMinutes: 5 })));
    fake.commands.walletLock.mockImplementation(() => ok(null));
    fake.commands.walletUnlock.mockImplementation(() => ok(status({ unlocked: true, autoLockMinutes: 5 })));
    render(App);
    await screen.findByTestId('network-badge');
    expect(screen.getByTestId('network-badge').textContent?.trim()).toBe('Devnet');

    await fireEvent.click(screen.getByTestId('lock'));
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
    expect(fake.commands.walletLock).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('lock-notice')).toBeNull();

    await fireEvent.input(screen.getByTestId('unlock-password'), { target: { value: 'correct horse' } });
    await fireEvent.click(screen.getByTestId('unlock-submit'));
    await screen.findByTestId('network-badge');

    await waitFor(() => expect(fake.events.walletLocked.listeners).toBe(1));
    fake.events.walletLocked.emit({ reason: 'idle' });
    expect((await screen.findByTestId('lock-notice')).textContent).toBe('Locked after 5 minutes without activity.');
  });

  it('reports activity while the wallet is open', async () => {
    fake.commands.walletStatus.mockImplementation(() => ok(status({ unlocked: true })));
    fake.commands.walletTouch.mockImplementation(() => ok(null));
    render(App);
    await screen.findByTestId('network-badge');
    await fireEvent.keyDown(window, { key: 'a' });
    expect(fake.commands.walletTouch).toHaveBeenCalledOnce();
  });

  it('explains a status that could not be read, and retries', async () => {
    fake.commands.walletStatus
      .mockImplementationOnce(() => err('data_dir', 'Cannot use the data directory /data: permission denied'))
      .mockImplementation(() => ok(status()));
    render(App);
    expect((await screen.findByTestId('data-error')).textContent).toMatch(/permission denied/);
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
  });
});
