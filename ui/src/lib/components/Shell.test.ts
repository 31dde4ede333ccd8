import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Shell from './Shell.svelte';

const children = createRawSnippet(() => ({ render: () => '<p>Screen</p>' }));

describe('Shell', () => {
  it('marks the current route and titles the page', () => {
    render(Shell, { route: 'fees', onnavigate: () => {}, children });
    expect(screen.getByTestId('nav-fees').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-portfolio').hasAttribute('aria-current')).toBe(false);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Fees');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('reports navigation and lock', async () => {
    const onnavigate = vi.fn();
    const onlock = vi.fn();
    render(Shell, { route: 'portfolio', onnavigate, onlock, children });
    const all = ['portfolio', 'send', 'move', 'sign', 'fees', 'activity', 'journeys', 'settings'];
    for (const r of all) {
      await fireEvent.click(screen.getByTestId(`nav-${r}`));
    }
    expect(onnavigate.mock.calls.map((c) => c[0])).toEqual(all);
    await fireEvent.click(screen.getByTestId('lock'));
    expect(onlock).toHaveBeenCalledOnce();
  });

  it('switches and saves the theme', async () => {
    render(Shell, { route: 'portfolio', onnavigate: () => {}, children });
    await fireEvent.click(screen.getByTestId('theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('switchyard.theme')).toBe('dark');
    await fireEvent.click(screen.getByTestId('theme-system'));
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });
});
