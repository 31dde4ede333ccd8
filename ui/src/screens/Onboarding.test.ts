import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../lib/bindings', async () => (await import('../lib/testing/fakeBindings')).fakeBindings);

import type { WalletStatus } from '../lib/bindings';
import { err, fake, ok } from '../lib/testing/fakeBindings';
import Onboarding from './Onboarding.svelte';

const WORDS = 'abandon ability able about above absent absorb abstract absurd abuse access accident'.split(' ');
const KEY = `0x${'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'}`;

function status(over: Partial<WalletStatus> = {}): WalletStatus {
  return {
    initialized: true,
    unlocked: true,
    remembered: false,
    hasPhrase: false,
    network: 'devnet',
    dataDir: '/data',
    logFile: '/data/switchyard.log',
    autoLockMinutes: 15,
    ...over,
  };
}

async function type(testid: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

async function choosePassword(path: string, remember = false): Promise<void> {
  await fireEvent.click(screen.getByTestId(path));
  await type('password', 'correct horse');
  await type('password-confirm', 'correct horse');
  if (remember) await fireEvent.click(screen.getByTestId('remember'));
  await fireEvent.click(screen.getByTestId('password-submit'));
}

beforeEach(() => fake.reset());

describe('Onboarding', () => {
  it('offers every way in', () => {
    render(Onboarding, { onready: () => {} });
    for (const id of ['create', 'import-phrase', 'import-key', 'import-keystore', 'watch', 'hardware']) {
      expect(screen.getByTestId(`onboard-${id}`)).toBeTruthy();
    }
  });

  it('checks the password before anything is created', async () => {
    render(Onboarding, { onready: () => {} });
    await fireEvent.click(screen.getByTestId('onboard-create'));
    await type('password', 'short');
    await type('password-confirm', 'short');
    await fireEvent.click(screen.getByTestId('password-submit'));
    expect(await screen.findByText('Too short (5 characters): use at least 8.')).toBeTruthy();
    await type('password', 'long enough');
    expect(await screen.findByText(/The two passwords are different/)).toBeTruthy();
    expect(screen.queryByTestId('create-continue')).toBeNull();
  });

  it('creates a wallet: phrase shown once, three words confirmed', async () => {
    fake.commands.walletBeginCreate.mockImplementation(() => ok({ words: 12, positions: [2, 5, 11] }));
    fake.commands.walletRevealPhrase.mockImplementation(() => ok({ words: WORDS }));
    fake.commands.walletFinishCreate
      .mockImplementationOnce(() => err('backup_mismatch', 'Word #5 does not match your recovery phrase. Look at the phrase again.'))
      .mockImplementationOnce(() => ok(status({ hasPhrase: true, remembered: true })));
    const onready = vi.fn();
    render(Onboarding, { onready });

    await choosePassword('onboard-create', true);
    await fireEvent.click(await screen.findByTestId('create-continue'));
    const shown = await screen.findAllByTestId('phrase-word');
    expect(shown.map((w) => w.textContent)).toEqual(WORDS);
    expect(shown.map((w) => w.dataset.index)).toEqual(WORDS.map((_, i) => String(i + 1)));
    expect(fake.commands.walletBeginCreate).toHaveBeenCalledWith('correct horse', 12);
    expect(fake.commands.walletRevealPhrase).toHaveBeenCalledWith('correct horse');

    await fireEvent.click(screen.getByTestId('phrase-continue'));
    // The words are gone from the page once the phrase step is left.
    expect(screen.queryAllByTestId('phrase-word')).toHaveLength(0);
    const inputs = await screen.findAllByTestId('confirm-word');
    expect(inputs.map((i) => i.dataset.position)).toEqual(['2', '5', '11']);
    expect(screen.getByLabelText('Word #5')).toBe(inputs[1]);

    await fireEvent.input(inputs[0]!, { target: { value: ' Ability ' } });
    await fireEvent.input(inputs[1]!, { target: { value: 'wrong' } });
    await fireEvent.input(inputs[2]!, { target: { value: 'ACCESS' } });
    await fireEvent.click(screen.getByTestId('confirm-finish'));
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/Word #5 does not match/);
    expect(onready).not.toHaveBeenCalled();

    await fireEvent.input(inputs[1]!, { target: { value: 'above' } });
    await fireEvent.click(screen.getByTestId('confirm-finish'));
    await waitFor(() => expect(onready).toHaveBeenCalledOnce());
    expect(fake.commands.walletFinishCreate).toHaveBeenLastCalledWith(['ability', 'above', 'access'], true);
  });

  it('creates 24 words when asked', async () => {
    fake.commands.walletBeginCreate.mockImplementation(() => err('weak_password', 'The password cannot be only spaces.'));
    render(Onboarding, { onready: () => {} });
    await choosePassword('onboard-create');
    await fireEvent.click(await screen.findByTestId('words-24'));
    await fireEvent.click(screen.getByTestId('create-continue'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('The password cannot be only spaces.');
    expect(fake.commands.walletBeginCreate).toHaveBeenCalledWith('correct horse', 24);
    expect(fake.commands.walletRevealPhrase).not.toHaveBeenCalled();
  });

  it('imports a phrase with its passphrase', async () => {
    fake.commands.walletImportPhrase.mockImplementation(() => ok(status({ hasPhrase: true })));
    const onready = vi.fn();
    render(Onboarding, { onready });
    await choosePassword('onboard-import-phrase');
    await type('phrase-input', `1. ${WORDS.slice(0, 6).join(' ')}\n${WORDS.slice(6).join(' ').toUpperCase()}`);
    await type('passphrase-input', 'Tr3zor');
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(onready).toHaveBeenCalledOnce());
    expect(fake.commands.walletImportPhrase).toHaveBeenCalledWith(WORDS.join(' '), 'Tr3zor', 'correct horse', false);
  });

  it('checks a private key before creating the wallet', async () => {
    render(Onboarding, { onready: () => {} });
    await choosePassword('onboard-import-key');
    await type('key-input', '0x1234');
    await fireEvent.click(screen.getByTestId('import-submit'));
    expect(await screen.findByText(/64 hexadecimal characters; this one has 4/)).toBeTruthy();
    expect(fake.commands.walletCreateWithoutPhrase).not.toHaveBeenCalled();
    expect(fake.commands.walletStatus).not.toHaveBeenCalled();
  });

  it('keeps the import step open when the import fails after the wallet was created, and retries only the import', async () => {
    let created = false;
    fake.commands.walletStatus.mockImplementation(() =>
      ok(created ? status() : status({ initialized: false, unlocked: false })),
    );
    fake.commands.walletCreateWithoutPhrase.mockImplementation(() => {
      created = true;
      return ok(status());
    });
    fake.commands.accountsImportKey
      .mockImplementationOnce(() => err('account_exists', 'That account is already in the wallet.'))
      .mockImplementationOnce(() =>
        ok({ address: '0x1', label: 'Imported 1', kind: 'imported', vendor: null, path: null, canSign: true, hidden: false }),
      );
    const onready = vi.fn();
    render(Onboarding, { onready });
    await choosePassword('onboard-import-key');
    await type('key-input', KEY);
    await fireEvent.click(screen.getByTestId('import-submit'));

    const error = await screen.findByTestId('form-error');
    expect(error.textContent).toMatch(/That account is already in the wallet\. Your wallet itself is ready/);
    expect(fake.commands.walletCreateWithoutPhrase).toHaveBeenCalledOnce();
    expect(fake.commands.walletCreateWithoutPhrase).toHaveBeenCalledWith('correct horse', false);
    expect(screen.queryByTestId('back')).toBeNull();
    expect(screen.getByTestId('skip-import')).toBeTruthy();
    expect(onready).not.toHaveBeenCalled();

    await type('key-input', KEY);
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(onready).toHaveBeenCalledOnce());
    expect(fake.commands.walletCreateWithoutPhrase).toHaveBeenCalledOnce();
    expect(fake.commands.accountsImportKey).toHaveBeenCalledTimes(2);
    expect(fake.commands.accountsImportKey).toHaveBeenLastCalledWith(KEY, null);
  });

  it('watches an address after checking its shape', async () => {
    fake.commands.walletStatus
      .mockImplementationOnce(() => ok(status({ initialized: false, unlocked: false })))
      .mockImplementation(() => ok(status()));
    fake.commands.walletCreateWithoutPhrase.mockImplementation(() => ok(status()));
    fake.commands.accountsWatch.mockImplementation(() =>
      ok({ address: '0x1', label: 'Watched', kind: 'watch_only', vendor: null, path: null, canSign: false, hidden: false }),
    );
    const onready = vi.fn();
    render(Onboarding, { onready });
    await choosePassword('onboard-watch');
    await type('watch-address', 'vitalik.eth');
    await fireEvent.click(screen.getByTestId('import-submit'));
    expect(await screen.findByText(/0x followed by 40 characters 0–9/)).toBeTruthy();
    expect(fake.commands.walletCreateWithoutPhrase).not.toHaveBeenCalled();

    await type('watch-address', '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045');
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(onready).toHaveBeenCalledOnce());
    expect(fake.commands.accountsWatch).toHaveBeenCalledWith('0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045', null);
  });

  it('creates the wallet before connecting a hardware wallet', async () => {
    fake.commands.walletStatus.mockImplementation(() => ok(status({ initialized: false, unlocked: false })));
    fake.commands.walletCreateWithoutPhrase.mockImplementation(() => ok(status()));
    render(Onboarding, { onready: () => {} });
    await choosePassword('onboard-hardware');
    expect(await screen.findByTestId('hardware-connect')).toBeTruthy();
    expect(fake.commands.walletCreateWithoutPhrase).toHaveBeenCalledOnce();
  });
});
