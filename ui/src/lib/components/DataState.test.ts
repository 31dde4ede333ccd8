import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import DataState from './DataState.svelte';

const children = createRawSnippet(() => ({ render: () => '<p data-testid="content">Balances</p>' }));

describe('DataState', () => {
  it('shows a fixed number of skeleton rows while loading, busy and labelled', () => {
    render(DataState, { state: { kind: 'loading' }, rows: 4, label: 'balances', children });
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-busy')).toBe('true');
    expect(status.textContent).toContain('Loading balances…');
    expect(status.querySelectorAll('.skeleton-row')).toHaveLength(4);
    expect(screen.queryByTestId('content')).toBeNull();
  });

  it('shows the error message and code as an alert with Retry', async () => {
    const onretry = vi.fn();
    render(DataState, {
      state: { kind: 'error', error: { code: 'rpc_unreachable', message: 'Optimism did not answer.' } },
      onretry,
      children,
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Optimism did not answer.');
    expect(alert.textContent).toContain('rpc_unreachable');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onretry).toHaveBeenCalledOnce();
  });

  it('has no Retry button without onretry', () => {
    render(DataState, { state: { kind: 'error', error: { code: 'unexpected', message: 'y' } } });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the empty text when ready but empty', () => {
    render(DataState, { state: { kind: 'ready' }, empty: true, emptyText: 'No tokens yet.', children });
    expect(screen.getByTestId('data-empty').textContent).toContain('No tokens yet.');
    expect(screen.queryByTestId('content')).toBeNull();
  });

  it('renders its children when ready', () => {
    render(DataState, { state: { kind: 'ready' }, children });
    expect(screen.getByTestId('content').textContent).toBe('Balances');
  });
});
