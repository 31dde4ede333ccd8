// A tiny in-memory router. The desktop app has no address bar, so routes live in a rune store
// instead of the URL: no hash parsing, nothing for a deep link to spoof.

export type Route = 'portfolio' | 'send' | 'move' | 'sign' | 'fees' | 'activity' | 'journeys' | 'settings';

/** Sidebar order. */
export const ROUTES: readonly Route[] = ['portfolio', 'send', 'move', 'sign', 'fees', 'activity', 'journeys', 'settings'];

export const ROUTE_LABELS: Readonly<Record<Route, string>> = {
  portfolio: 'Portfolio',
  send: 'Send',
  move: 'Move',
  sign: 'Sign',
  fees: 'Fees',
  activity: 'Activity',
  journeys: 'Journeys',
  settings: 'Settings',
};

/** Optional screen arguments, e.g. `{ token: '0x…', chain: '10' }` when opening Send prefilled,
 *  `{ journey: id }` when opening Journeys on one journey. */
export type RouteParams = Readonly<Record<string, string>>;

export function isRoute(value: unknown): value is Route {
  return typeof value === 'string' && (ROUTES as readonly string[]).includes(value);
}

export class Router {
  current: Route = $state('portfolio');
  params: RouteParams = $state({});

  constructor(initial: Route = 'portfolio') {
    this.current = initial;
  }

  /** Switches screens; params replace the previous ones (never merged, so nothing stale leaks). */
  navigate = (route: Route, params: RouteParams = {}): void => {
    if (!isRoute(route)) throw new Error(`Unknown route: ${String(route)}`);
    this.current = route;
    this.params = { ...params };
  };
}

/** The app's router. Components read `router.current`; anything may call `navigate`. */
export const router = new Router();
export const navigate = router.navigate;
