// Feeds the auto-lock timer. Pointer moves fire dozens of times a second, so reports are
// throttled: one at the first event (leading) and, if more came in meanwhile, one when the
// window ends (trailing) so the last moment of activity is never lost by more than throttleMs.

const EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** Calls `onActivity` at most once per `throttleMs` while the person uses the window. Returns an unsubscribe. */
export function trackActivity(onActivity: () => void, throttleMs: number, target: Window = window): () => void {
  let windowOpen = false; // inside a throttle window
  let pending = false; // activity seen during the window
  let timer: ReturnType<typeof setTimeout> | undefined;

  const closeWindow = (): void => {
    timer = undefined;
    if (pending) {
      pending = false;
      onActivity();
      timer = setTimeout(closeWindow, throttleMs); // the trailing call starts a new window
    } else {
      windowOpen = false;
    }
  };

  const handler = (): void => {
    if (windowOpen) {
      pending = true;
      return;
    }
    windowOpen = true;
    onActivity();
    timer = setTimeout(closeWindow, throttleMs);
  };

  // Capture + passive: see events even if a component stops propagation, without slowing scrolling.
  const options: AddEventListenerOptions = { capture: true, passive: true };
  for (const type of EVENTS) target.addEventListener(type, handler, options);

  return () => {
    for (const type of EVENTS) target.removeEventListener(type, handler, options);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
}
