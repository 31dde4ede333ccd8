import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trackActivity } from './idle';

function fire(type: string): void {
  window.dispatchEvent(new Event(type));
}

describe('trackActivity', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the first event at once', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 1000);
    fire('keydown');
    expect(onActivity).toHaveBeenCalledTimes(1);
    stop();
  });

  it('listens to keys, clicks, moves, wheel and touch', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 10);
    for (const type of ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart']) {
      fire(type);
      vi.advanceTimersByTime(20);
    }
    expect(onActivity).toHaveBeenCalledTimes(5);
    fire('scroll'); // not an activity signal
    expect(onActivity).toHaveBeenCalledTimes(5);
    stop();
  });

  it('throttles a burst to one leading and one trailing call', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 1000);
    for (let i = 0; i < 50; i++) {
      fire('mousemove');
      vi.advanceTimersByTime(10); // 500 ms of movement
    }
    expect(onActivity).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500); // the window closes: the trailing call reports the later moves
    expect(onActivity).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000); // nothing more happened
    expect(onActivity).toHaveBeenCalledTimes(2);
    stop();
  });

  it('makes no trailing call when nothing happened after the first event', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 1000);
    fire('keydown');
    vi.advanceTimersByTime(5000);
    expect(onActivity).toHaveBeenCalledTimes(1);
    fire('keydown'); // a new window
    expect(onActivity).toHaveBeenCalledTimes(2);
    stop();
  });

  it('reports at most once per window during continuous activity', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 1000);
    for (let t = 0; t < 10_000; t += 50) {
      fire('mousemove');
      vi.advanceTimersByTime(50);
    }
    // 10 s of constant movement with a 1 s throttle: about one call a second, never more.
    expect(onActivity.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(onActivity.mock.calls.length).toBeLessThanOrEqual(11);
    stop();
  });

  it('stops listening and cancels a pending trailing call on unsubscribe', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 1000);
    fire('keydown');
    fire('keydown'); // pending trailing call
    stop();
    vi.advanceTimersByTime(5000);
    fire('keydown');
    expect(onActivity).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sees events even when a component stops their propagation', () => {
    const onActivity = vi.fn();
    const stop = trackActivity(onActivity, 1000);
    const button = document.createElement('button');
    document.body.append(button);
    button.addEventListener('keydown', (e) => e.stopPropagation());
    button.dispatchEvent(new Event('keydown', { bubbles: true }));
    expect(onActivity).toHaveBeenCalledTimes(1);
    button.remove();
    stop();
  });
});
