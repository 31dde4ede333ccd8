import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Address from './Address.svelte';

const addr = '0x52908400098527886E0F7030069857D2E4169EE7';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Address', () => {
  it('shows the short form with the full address in the title', () => {
    render(Address, { address: addr });
    const hex = screen.getByTitle(addr);
    expect(hex.textContent).toBe('0x5290…9EE7');
  });

  it('copies the full address and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(Address, { address: addr });
    await fireEvent.click(screen.getByRole('button', { name: 'Copy address' }));
    expect(writeText).toHaveBeenCalledWith(addr);
    await vi.waitFor(() => expect(screen.getByText('Copied')).toBeTruthy());
  });

  it('reports a failed copy', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn().mockRejectedValue(new Error('denied')) } });
    render(Address, { address: addr, full: true });
    expect(screen.getByTitle(addr).textContent).toBe(addr);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy address' }));
    await vi.waitFor(() => expect(screen.getByText('Copy failed')).toBeTruthy());
  });
});
