import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notices, notify } from './toast.svelte';

describe('notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    notices.clear();
    vi.useRealTimers();
  });

  it('adds a notice and removes it after its timeout', () => {
    notify('Address copied', { kind: 'success' });
    expect(notices.items.map((n) => n.message)).toEqual(['Address copied']);
    vi.advanceTimersByTime(4000);
    expect(notices.items).toEqual([]);
  });

  it('keeps errors until dismissed', () => {
    const id = notify('Node unreachable', { kind: 'error' });
    vi.advanceTimersByTime(60_000);
    expect(notices.items).toHaveLength(1);
    notices.dismiss(id);
    expect(notices.items).toEqual([]);
  });

  it('caps the pile, dropping the oldest', () => {
    for (let i = 1; i <= 6; i++) notify(`n${i}`);
    expect(notices.items.map((n) => n.message)).toEqual(['n3', 'n4', 'n5', 'n6']);
  });
});
