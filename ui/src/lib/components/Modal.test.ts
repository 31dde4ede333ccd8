import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Modal from './Modal.svelte';

const body = createRawSnippet(() => ({
  render: () => '<div><input data-testid="first" /><button data-testid="last">Confirm</button></div>',
}));

async function settle(): Promise<void> {
  await tick();
  await tick();
}

describe('Modal', () => {
  it('is a labelled modal dialog and focuses its first control', async () => {
    render(Modal, { open: true, title: 'Send 1 ETH', onclose: () => {}, children: body });
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Send 1 ETH' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('first'));
  });

  it('focuses an element marked data-autofocus first', async () => {
    const marked = createRawSnippet(() => ({
      render: () => '<div><input /><button data-autofocus data-testid="cancel">Cancel</button></div>',
    }));
    render(Modal, { open: true, title: 'Remove account?', onclose: () => {}, children: marked });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cancel'));
  });

  it('closes on Escape', async () => {
    const onclose = vi.fn();
    render(Modal, { open: true, title: 'T', onclose, children: body });
    await settle();
    await fireEvent.keyDown(screen.getByTestId('first'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('wraps Tab from the last control to the first', async () => {
    render(Modal, { open: true, title: 'T', onclose: () => {}, children: body });
    await settle();
    screen.getByTestId('last').focus();
    await fireEvent.keyDown(screen.getByTestId('last'), { key: 'Tab' });
    // The header's close button is the first focusable element in the dialog.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
  });

  it('ignores Escape and hides the close button when not dismissible', async () => {
    const onclose = vi.fn();
    render(Modal, { open: true, title: 'Signing…', onclose, dismissible: false, children: body });
    await settle();
    await fireEvent.keyDown(screen.getByTestId('first'), { key: 'Escape' });
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
  });

  it('renders nothing when closed and returns focus to the opener', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { rerender } = render(Modal, { open: true, title: 'T', onclose: () => {}, children: body });
    await settle();
    expect(document.activeElement).not.toBe(opener);
    await rerender({ open: false });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
