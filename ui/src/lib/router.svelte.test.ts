import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { ROUTES, Router, isRoute, navigate, router } from './router.svelte';

describe('router', () => {
  it('starts on the portfolio with no params', () => {
    const r = new Router();
    expect(r.current).toBe('portfolio');
    expect(r.params).toEqual({});
  });

  it('navigates and replaces params instead of merging them', () => {
    const r = new Router();
    r.navigate('send', { token: '0xabc', chain: '10' });
    expect(r.current).toBe('send');
    expect(r.params).toEqual({ token: '0xabc', chain: '10' });
    r.navigate('activity');
    expect(r.current).toBe('activity');
    expect(r.params).toEqual({});
  });

  it('copies params so later edits by the caller do not leak in', () => {
    const r = new Router();
    const params: Record<string, string> = { token: 'a' };
    r.navigate('send', params);
    params.token = 'b';
    expect(r.params.token).toBe('a');
  });

  it('rejects unknown routes', () => {
    const r = new Router();
    // @ts-expect-error: not a route
    expect(() => r.navigate('admin')).toThrow('Unknown route: admin');
    expect(r.current).toBe('portfolio');
  });

  it('is reactive: effects see navigation', () => {
    const r = new Router('fees');
    const seen: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(r.current);
      });
    });
    flushSync();
    r.navigate('settings');
    flushSync();
    stop();
    expect(seen).toEqual(['fees', 'settings']);
  });

  it('exports a shared router whose navigate works unbound', () => {
    navigate('fees');
    expect(router.current).toBe('fees');
    navigate('portfolio');
  });

  it('lists routes in sidebar order and recognizes them', () => {
    expect(ROUTES).toEqual(['portfolio', 'send', 'move', 'sign', 'fees', 'activity', 'journeys', 'settings']);
    expect(ROUTES.every(isRoute)).toBe(true);
    expect(isRoute('nope')).toBe(false);
    expect(isRoute(undefined)).toBe(false);
  });
});
