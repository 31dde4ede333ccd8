// A stand-in for ./bindings in unit tests: every command is a vi.fn (created on first use),
// every event has a `listen` whose callbacks a test can trigger with `emit`.
//   vi.mock('../bindings', async () => (await import('../testing/fakeBindings')).fakeBindings);
//   import { fake, ok, err } from '../testing/fakeBindings';
import { vi, type Mock } from 'vitest';
import type { ErrorCode } from '../bindings';

export type Ok<T> = { status: 'ok'; data: T };
export type Err = { status: 'error'; error: { code: ErrorCode; message: string } };

export function ok<T>(data: T): Promise<Ok<T>> {
  return Promise.resolve({ status: 'ok', data });
}

/** A failed command, with one of the codes the core really answers. */
export function err(code: ErrorCode, message: string): Promise<Err> {
  return Promise.resolve({ status: 'error', error: { code, message } });
}

type Callback = (event: { event: string; id: number; payload: unknown }) => void;

export class FakeEvent {
  #callbacks = new Set<Callback>();
  constructor(readonly name: string) {}

  listen: Mock = vi.fn(async (cb: Callback) => {
    this.#callbacks.add(cb);
    return () => {
      this.#callbacks.delete(cb);
    };
  });

  emit(payload: unknown): void {
    for (const cb of [...this.#callbacks]) cb({ event: this.name, id: 0, payload });
  }

  get listeners(): number {
    return this.#callbacks.size;
  }

  reset(): void {
    this.#callbacks.clear();
    this.listen.mockClear();
  }
}

const commandMocks = new Map<string, Mock>();

/** `commands.anyName` is a vi.fn; unset ones answer with an error result. */
const commands = new Proxy({} as Record<string, Mock>, {
  get(_target, name: string) {
    let mock = commandMocks.get(name);
    if (!mock) {
      mock = vi.fn(() => err('internal', `${name} is not mocked in this test.`));
      commandMocks.set(name, mock);
    }
    return mock;
  },
});

const events = {
  balancesChanged: new FakeEvent('balances-changed'),
  hwPrompt: new FakeEvent('hw-prompt'),
  journeyUpdated: new FakeEvent('journey-updated'),
  txUpdated: new FakeEvent('tx-updated'),
  walletLocked: new FakeEvent('wallet-locked'),
};

/** The module to return from vi.mock('…/bindings'). */
export const fakeBindings = { commands, events };

/** Typed access for tests. */
export const fake = {
  commands,
  events,
  /** Forgets every mock's answers and calls and every listener. */
  reset(): void {
    for (const mock of commandMocks.values()) mock.mockReset();
    commandMocks.clear();
    for (const e of Object.values(events)) e.reset();
  },
};
