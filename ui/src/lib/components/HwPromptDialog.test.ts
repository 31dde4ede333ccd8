import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../testing/fakeBindings';

vi.mock('../bindings', async () => (await import('../testing/fakeBindings')).fakeBindings);

import { hwPrompt } from '../stores/hwPrompt.svelte';
import HwPromptDialog from './HwPromptDialog.svelte';

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await tick();
    await Promise.resolve();
  }
}

beforeEach(() => {
  fake.reset();
  hwPrompt.stop();
  // hwAnswer is a plain command: it resolves to whether a request was waiting.
  fake.commands.hwAnswer!.mockResolvedValue(true);
});

describe('HwPromptDialog', () => {
  it('shows nothing without a prompt, and follows the hwPrompt event', async () => {
    render(HwPromptDialog);
    hwPrompt.start();
    await settle();
    expect(screen.queryByTestId('hw-prompt')).toBeNull();
    fake.events.hwPrompt.emit({ kind: 'confirm', vendor: 'Ledger', message: 'Review the transfer on your Ledger.' });
    await settle();
    const el = screen.getByTestId('hw-prompt');
    expect(el.getAttribute('data-kind')).toBe('confirm');
    expect(screen.getByRole('dialog', { name: 'Confirm on your Ledger' })).toBeTruthy();
    expect(el.textContent).toContain('Review the transfer on your Ledger.');
    // Not dismissible: no close button, Escape does nothing.
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.getByTestId('hw-prompt')).toBeTruthy();
    fake.events.hwPrompt.emit({ kind: 'done', vendor: 'Ledger', message: '' });
    await settle();
    expect(screen.queryByTestId('hw-prompt')).toBeNull();
    hwPrompt.stop();
  });

  it('asks to unlock a Trezor', async () => {
    render(HwPromptDialog);
    hwPrompt.apply({ kind: 'unlock', vendor: 'Trezor', message: 'Unlock your Trezor.' });
    await settle();
    expect(screen.getByRole('dialog', { name: 'Unlock your Trezor' })).toBeTruthy();
    expect(screen.getByTestId('hw-prompt').getAttribute('data-kind')).toBe('unlock');
  });

  it('lays the PIN matrix out 7 8 9 / 4 5 6 / 1 2 3 with masked cells, and answers positions', async () => {
    render(HwPromptDialog);
    hwPrompt.apply({ kind: 'pin', vendor: 'Trezor', message: 'Enter your Trezor PIN.' });
    await settle();
    const cells = screen.getAllByTestId(/^pin-cell-/);
    expect(cells.map((c) => c.dataset.testid)).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3].map((n) => `pin-cell-${n}`));
    expect(cells.every((c) => c.textContent === '•')).toBe(true);
    expect((screen.getByTestId('pin-submit') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByTestId('pin-cell-7'));
    await fireEvent.click(screen.getByTestId('pin-cell-3'));
    await fireEvent.click(screen.getByTestId('pin-cell-5'));
    expect(screen.getByTestId('pin-display').textContent).toContain('•••');
    expect(screen.getByTestId('pin-display').textContent).not.toMatch(/[0-9]{2}/);
    await fireEvent.click(screen.getByTestId('pin-backspace'));
    await fireEvent.click(screen.getByTestId('pin-cell-1'));
    await fireEvent.click(screen.getByTestId('pin-submit'));
    await settle();
    expect(fake.commands.hwAnswer).toHaveBeenCalledWith('731');
    expect(screen.queryByTestId('hw-prompt')).toBeNull();
  });

  it('accepts the keypad for the matrix', async () => {
    render(HwPromptDialog);
    hwPrompt.apply({ kind: 'pin', vendor: 'Trezor', message: '' });
    await settle();
    await fireEvent.keyDown(window, { key: '9' });
    await fireEvent.keyDown(window, { key: '1' });
    await fireEvent.keyDown(window, { key: 'Enter' });
    await settle();
    expect(fake.commands.hwAnswer).toHaveBeenCalledWith('91');
  });

  it('cancels a PIN request with null', async () => {
    render(HwPromptDialog);
    hwPrompt.apply({ kind: 'pin', vendor: 'Trezor', message: '' });
    await settle();
    await fireEvent.click(screen.getByTestId('pin-cancel'));
    await settle();
    expect(fake.commands.hwAnswer).toHaveBeenCalledWith(null);
    expect(screen.queryByTestId('hw-prompt')).toBeNull();
  });

  it('answers a passphrase and warns that another one opens another wallet', async () => {
    render(HwPromptDialog);
    hwPrompt.apply({ kind: 'passphrase', vendor: 'Trezor', message: 'Enter your Trezor passphrase.' });
    await settle();
    expect(screen.getByTestId('hw-prompt').textContent).toContain('opens a different wallet');
    const input = screen.getByTestId('passphrase-input') as HTMLInputElement;
    expect(input.type).toBe('password');
    await fireEvent.input(input, { target: { value: 'correct horse' } });
    await fireEvent.click(screen.getByTestId('passphrase-submit'));
    await settle();
    expect(fake.commands.hwAnswer).toHaveBeenCalledWith('correct horse');
  });

  it('keeps a prompt the device sent while the answer was in flight', async () => {
    let resolve!: (v: boolean) => void;
    fake.commands.hwAnswer!.mockImplementation(() => new Promise((r) => (resolve = r)));
    render(HwPromptDialog);
    hwPrompt.apply({ kind: 'pin', vendor: 'Trezor', message: '' });
    await settle();
    await fireEvent.click(screen.getByTestId('pin-cell-1'));
    await fireEvent.click(screen.getByTestId('pin-submit'));
    hwPrompt.apply({ kind: 'passphrase', vendor: 'Trezor', message: '' });
    resolve(true);
    await settle();
    expect(screen.getByTestId('hw-prompt').getAttribute('data-kind')).toBe('passphrase');
  });
});
