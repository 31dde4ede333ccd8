import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Amount from './Amount.svelte';

describe('Amount', () => {
  it('shows the rounded figure and the exact value in the title', () => {
    render(Amount, { raw: '1234567890123456789012', decimals: 18, symbol: 'ETH' });
    const el = screen.getByTestId('amount');
    expect(el.textContent).toBe('1,234.56789\u00a0ETH');
    expect(el.title).toBe('1,234.567890123456789012 ETH');
    expect(el.classList.contains('num')).toBe(true);
  });

  it('shows dust as <0.000001', () => {
    render(Amount, { raw: 1n, decimals: 18, symbol: 'ETH' });
    expect(screen.getByTestId('amount').textContent).toBe('<0.000001\u00a0ETH');
    expect(screen.getByTestId('amount').title).toBe('0.000000000000000001 ETH');
  });

  it('shows a dash for unknown or malformed amounts instead of crashing', () => {
    const { rerender } = render(Amount, { raw: null, decimals: 6, symbol: 'USDC' });
    expect(screen.getByTestId('amount').textContent).toBe('—');
    rerender({ raw: '12.5', decimals: 6, symbol: 'USDC' });
    expect(screen.getByTestId('amount').textContent).toBe('—');
    expect(screen.getByTestId('amount').title).toBe('Invalid amount');
  });

  it('updates when the amount changes', async () => {
    const { rerender } = render(Amount, { raw: '1000000', decimals: 6 });
    expect(screen.getByTestId('amount').textContent).toBe('1');
    await rerender({ raw: '2500000', decimals: 6 });
    expect(screen.getByTestId('amount').textContent).toBe('2.5');
  });
});
